"""Meeting dates worked out by code from the words of the article.

A quote like "7日", "7月6日下午", "5日至6日", "July 7th", "June 5th to 6th" or "Monday and
Tuesday" gives days without a year or month; the publication date (or a year the article gives
for the meeting itself, as in "the 2024 ... Symposium") completes them. Code does this rather than
the model because a small model guesses years and weekdays badly.
"""

from __future__ import annotations

import datetime as dt
import re

from extract.lexicon import words
from extract.lexicon.normalize import month_number, without_dateline

DateRange = tuple[dt.date, dt.date]

_FULL_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?(?:[至到—–-](?:(\d{1,2})月)?(\d{1,2})日)?")
_MONTH_DAY_ZH = re.compile(
    r"(?<![\d年])(\d{1,2})月(\d{1,2})日?(?:[至到—–-](?:(\d{1,2})月)?(\d{1,2})日)?"
)
_DAY_ZH = re.compile(r"(?<![\d月])(\d{1,2})日(?:[至到—–-](\d{1,2})日)?")
_ORDINAL = r"(\d{1,2})(?!\d)(?:st|nd|rd|th)?"  # not the "20" of "March 2030"
_MONTH_DAY_EN = re.compile(
    rf"\b([A-Z][a-z]{{2,8}})\.? {_ORDINAL}(?:,? (\d{{4}}))?"
    rf"(?:\s*(?:to|-|–|and|through)\s*(?:([A-Z][a-z]{{2,8}})\.? )?{_ORDINAL})?"
)
# "8 November", "8-10 November 2031": the day first, as British and many Chinese sites write it.
_DAY_MONTH_EN = re.compile(
    rf"\b{_ORDINAL}(?:\s*(?:-|–|to|and)\s*{_ORDINAL})?\s+([A-Z][a-z]{{2,8}})\.?(?:,?\s+(\d{{4}}))?\b"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RANGE = re.compile(
    r"\b("
    + "|".join(_WEEKDAYS)
    + r")(?:\s*(?:and|to|-|through)\s*("
    + "|".join(_WEEKDAYS)
    + r"))?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def year_in(text: str) -> int | None:
    """The first plausible four-digit year in a text (a meeting's name often carries one)."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


# "今(2014)年", "今年(2014年)", "this year (2014)"; "明(2015)年", "next year (2015)" a year on.
_CURRENT_YEAR = re.compile(
    r"今\s*[(（]\s*(\d{4})\s*[)）]\s*年|今年\s*[(（]\s*(\d{4})\s*年?\s*[)）]"
    r"|\bthis year\s*\(\s*(\d{4})\s*\)",
    re.IGNORECASE,
)
_NEXT_YEAR = re.compile(
    r"明\s*[(（]\s*(\d{4})\s*[)）]\s*年|明年\s*[(（]\s*(\d{4})\s*年?\s*[)）]"
    r"|\bnext year\s*\(\s*(\d{4})\s*\)",
    re.IGNORECASE,
)


def stated_current_year(text: str) -> int | None:
    """The year an article states as "this year" (or, a year on, as "next year"), when it
    writes it out: an article without a publication date often does (guideline 36)."""
    for pattern, offset in ((_CURRENT_YEAR, 0), (_NEXT_YEAR, 1)):
        match = pattern.search(text)
        if match:
            return int(next(g for g in match.groups() if g)) - offset
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _range(start: dt.date | None, end: dt.date | None) -> DateRange | None:
    if start is None:
        return None
    return (start, end) if end and end >= start else (start, start)


def _chinese(quote: str, year: int | None, published: dt.date | None) -> DateRange | None:
    if match := _FULL_ZH.search(quote):
        y, m, d, m2, d2 = match.groups()
        start = _date(int(y), int(m), int(d))
        end = _date(int(y), int(m2 or m), int(d2)) if d2 else None
        return _range(start, end)
    if year and (match := _MONTH_DAY_ZH.search(quote)):
        m, d, m2, d2 = match.groups()
        start = _date(year, int(m), int(d))
        return _range(start, _date(year, int(m2 or m), int(d2)) if d2 else None)
    if published and (match := _DAY_ZH.search(quote)):
        return _day_of_month(int(match.group(1)), match.group(2), published)
    return None


def _english(quote: str, year: int | None, published: dt.date | None) -> DateRange | None:
    for match in _MONTH_DAY_EN.finditer(quote):
        month = month_number(match.group(1))
        if month is None:
            continue
        the_year = int(match.group(3)) if match.group(3) else year
        if the_year is None:
            return None
        start = _date(the_year, month, int(match.group(2)))
        month2 = month_number(match.group(4)) if match.group(4) else month
        end = _date(the_year, month2 or month, int(match.group(5))) if match.group(5) else None
        return _range(start, end)
    for match in _DAY_MONTH_EN.finditer(quote):
        day, day2, name, written_year = match.groups()
        month = month_number(name)
        the_year = int(written_year) if written_year else year
        if month is None or the_year is None:
            continue
        start = _date(the_year, month, int(day))
        return _range(start, _date(the_year, month, int(day2)) if day2 else None)
    weekdays = _WEEKDAY_RANGE.search(quote) if published else None
    if weekdays and published:
        first, last = weekdays.groups()
        end = _last_weekday(last, published) if last else None
        return _range(_last_weekday(first, published), end)
    return None


_RELATIVE_DAYS = (
    (re.compile(r"前天|前日|the day before yesterday", re.I), 2),
    (re.compile(r"昨天|昨日|昨晚|昨(?=[(（\d上下午晚]|[\u4e00-\u9fff])|\byesterday\b", re.I), 1),
    (re.compile(r"今天|今日|今晨|今(?=[(（]\d)|\btoday\b|\bthis (?:morning|afternoon)\b", re.I), 0),
)
_DAY_NUMBER = re.compile(r"[(（]\s*(\d{1,2})\s*(?:日|th|st|nd|rd)?\s*[)）]")
# "on the 8th", not "the 12th Forum" (an edition's number).
_DAY_EN = re.compile(r"\bon the (\d{1,2})(?:st|nd|rd|th)\b(?!\s+[A-Z])")


def names_a_day(quote: str) -> bool:
    """Whether the quote dates something by its day and month ("9月8日", "8 November",
    "November 8"), with or without a year: a report of what happened that day."""
    english = (*_MONTH_DAY_EN.finditer(quote), *_DAY_MONTH_EN.finditer(quote))
    named = any(month_number(m.group(1 if m.re is _MONTH_DAY_EN else 3)) for m in english)
    return named or bool(_MONTH_DAY_ZH.search(quote))


def names_a_relative_day(quote: str) -> bool:
    """Whether the quote dates something by a day counted from publication ("今日", "昨天",
    "yesterday"), which a page without its own date cannot turn into a date."""
    return any(pattern.search(quote) for pattern, _ in _RELATIVE_DAYS)


def _relative(quote: str, published: dt.date) -> DateRange | None:
    """ "昨", "今(29)日", "yesterday (20th)", "today": days counted back from the publication
    date; a day number written beside the word is the day meant, the one nearest that count
    (a page dated the 16th that says "今(18)日" was written for the 18th, or dated early)."""
    for pattern, back in _RELATIVE_DAYS:
        match = pattern.search(quote)
        if not match:
            continue
        day = published - dt.timedelta(days=back)
        stated = _DAY_NUMBER.match(quote, match.end()) or _DAY_NUMBER.search(
            quote[match.end() : match.end() + 8]
        )
        if stated and int(stated.group(1)) != day.day:
            near = _nearest_day_of_month(int(stated.group(1)), day)
            return (near, near) if near else None
        return day, day
    if match := _DAY_EN.search(quote):
        return _day_of_month(int(match.group(1)), None, published)
    return None


_STATED_DAY_REACH = dt.timedelta(days=7)
_CLAUSE_BREAK = re.compile(r"[,，;；。]")


def _nearest_day_of_month(day: int, around: dt.date) -> dt.date | None:
    """The date falling on that day of a month nearest `around`, within a week of it."""
    first = around.replace(day=1)
    months = [(first - dt.timedelta(days=1)).replace(day=1), first]
    months.append((first + dt.timedelta(days=32)).replace(day=1))
    dates = [d for m in months if (d := _date(m.year, m.month, day)) is not None]
    near = min(dates, key=lambda d: abs(d - around), default=None)
    return near if near and abs(near - around) <= _STATED_DAY_REACH else None


def _day_of_month(day: int, day2: str | None, published: dt.date) -> DateRange | None:
    """ "7日" in an article dated the 9th is this month; in one dated the 2nd, last month."""
    month_start = published.replace(day=1)
    if day > published.day:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    start = _date(month_start.year, month_start.month, day)
    end = _date(month_start.year, month_start.month, int(day2)) if day2 else None
    return _range(start, end)


def _last_weekday(name: str, published: dt.date) -> dt.date:
    """The latest date on or before `published` that falls on the named weekday."""
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return published - dt.timedelta(days=back)


def dates_in_quote(
    quote: str, *, published: dt.date | None, year_hint: int | None = None
) -> DateRange | None:
    """(start, end) of a meeting from a quote about it, or None when the quote dates nothing.

    `year_hint` is a year the article gives for the meeting (in its name); otherwise the
    publication date's year completes a month and day.
    """
    year = year_hint or (published.year if published else None)
    quote = without_dateline(quote)
    # A quote that starts with a dateline ("BEIJING, March 8 — On March 7, ... held") dates the
    # meeting near its "held", not at its start; and a date in the clause of its "held" ("9月16日
    # 率团前往…,参加今(18)日下午召开的…会议") is the meeting's, not the trip's before it.
    held = words.HELD_VERBS.search(quote)
    windows = [quote[max(0, held.start() - 120) : held.end() + 60], quote] if held else [quote]
    if held:
        start = max((m.end() for m in _CLAUSE_BREAK.finditer(quote, 0, held.start())), default=0)
        end = next((m.start() for m in _CLAUSE_BREAK.finditer(quote, held.end())), len(quote))
        windows.insert(0, quote[start:end])
    for number, text in enumerate(windows):
        found = _chinese(text, year, published) or _english(text, year, published)
        if found:
            explicit = year_hint is not None or str(found[0].year) in text
            return found if explicit else _not_after(found, published)
        if number == 0 and held and published and (found := _relative(text, published)):
            return found
    return _relative(quote, published) if published else None


def _not_after(found: DateRange, published: dt.date | None) -> DateRange:
    """A month and day completed with the publication year that fall after publication
    ("12月2日" in an article of 3 January) belong to the year before."""
    if published is None or found[0] <= published:
        return found
    try:
        return found[0].replace(year=found[0].year - 1), found[1].replace(year=found[1].year - 1)
    except ValueError:
        return found


_FULL_DATES = (
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2,8})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})\b"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]{2,8}),? (?P<y>\d{4})\b"),
)


def full_dates_in(text: str) -> set[dt.date]:
    """Every date the text writes out with its year ("2012年9月14日", "2012-09-14", "September
    14, 2012", "14 September 2012")."""
    found: set[dt.date] = set()
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else month_number(parts["mon"])
            if month is not None and (date := _date(int(parts["y"]), month, int(parts["d"]))):
                found.add(date)
    return found

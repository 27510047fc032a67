"""Meeting dates worked out by code from the words of the article.

A quote like "7日", "7月6日下午", "5日至6日", "July 7th", "June 5th to 6th" or "Monday and
Tuesday" gives days without a year or month; the publication date (or a year the article gives
for the meeting itself, as in "the 2024 ... Symposium") completes them. Code does this rather than
the model because a small model guesses years and weekdays badly.
"""

from __future__ import annotations

import datetime as dt
import re

from extract.normalize import month_number

DateRange = tuple[dt.date, dt.date]

_FULL_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?(?:[至到—–-](?:(\d{1,2})月)?(\d{1,2})日)?")
_MONTH_DAY_ZH = re.compile(
    r"(?<![\d年])(\d{1,2})月(\d{1,2})日?(?:[至到—–-](?:(\d{1,2})月)?(\d{1,2})日)?"
)
_DAY_ZH = re.compile(r"(?<![\d月])(\d{1,2})日(?:[至到—–-](\d{1,2})日)?")
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY_EN = re.compile(
    rf"\b([A-Z][a-z]{{2,8}})\.? {_ORDINAL}(?:,? (\d{{4}}))?"
    rf"(?:\s*(?:to|-|–|and|through)\s*(?:([A-Z][a-z]{{2,8}})\.? )?{_ORDINAL})?"
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
_HELD = re.compile(r"举行|召开|举办|\bheld\b|convened|took place", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def year_in(text: str) -> int | None:
    """The first plausible four-digit year in a text (a meeting's name often carries one)."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


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
        day, day2 = int(match.group(1)), match.group(2)
        # "7日" in an article dated the 9th is this month; in one dated the 2nd, last month.
        month_start = published.replace(day=1)
        if day > published.day:
            month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
        start = _date(month_start.year, month_start.month, day)
        end = _date(month_start.year, month_start.month, int(day2)) if day2 else None
        return _range(start, end)
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
    weekdays = _WEEKDAY_RANGE.search(quote) if published else None
    if weekdays and published:
        first, last = weekdays.groups()
        end = _last_weekday(last, published) if last else None
        return _range(_last_weekday(first, published), end)
    return None


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
    # A quote that starts with a dateline ("BEIJING, March 8 — On March 7, ... held") dates the
    # meeting near its "held", not at its start.
    held = _HELD.search(quote)
    windows = [quote[max(0, held.start() - 120) : held.end() + 60], quote] if held else [quote]
    for text in windows:
        found = _chinese(text, year, published) or _english(text, year, published)
        if found:
            return found
    return None

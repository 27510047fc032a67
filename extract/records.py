"""Meeting records from the model's answers, checked against the article.

The model answers in the article's words; code makes the normal forms and checks each answer
against the text: a meeting must be grounded in a quote of the article and be named like a
meeting; its dates come from the quote when the quote dates it; its place and members must be
named in the article. What fails a check is dropped, or kept flagged `grounded=False` on request.
"""

from __future__ import annotations

import datetime as dt
import re

from extract.answers import MeetingAnswer, MeetingsAnswer
from extract.dates import dates_in_quote, year_in
from extract.grounding import ArticleText
from extract.normalize import (
    english_city,
    iso_date,
    member_codes,
    province_of_city,
    region_code,
)
from schemas.models import Meeting, MeetingKind
from schemas.regions import RegionCode, collective_members_in, resolve_region

# Words that make a name a meeting's name, and the kind each one says.
_KIND_WORDS: tuple[tuple[MeetingKind, re.Pattern[str]], ...] = (
    (MeetingKind.JOINT_MEETING, re.compile(r"联席会议|joint meeting", re.I)),
    (MeetingKind.PLENARY, re.compile(r"全体会议|plenary", re.I)),
    (MeetingKind.SYMPOSIUM, re.compile(r"座谈会|symposium", re.I)),
    (MeetingKind.TALKS, re.compile(r"会谈|座谈|talks", re.I)),
    (MeetingKind.VISIT, re.compile(r"考察|访问|visit", re.I)),
)
_MEETING_WORDS = re.compile(
    r"会议|座谈|会谈|论坛|峰会|大会|meeting|symposium|talks|forum|summit|conference|plenary|session",
    re.I,
)
_ZH_MEETING_NAME = re.compile(
    r"[\u4e00-\u9fff\d年]{2,40}?(?:联席会议|座谈会|全体会议|工作会谈|会谈|会议|论坛|峰会)"
)
_EN_MEETING_NAME = re.compile(
    r"(?:\d{4} )?(?:[A-Z][\w'’-]*\s+){1,12}(?:Meeting|Symposium|Talks|Forum|Summit|Conference)\b"
)


def kind_from_name(name: str, fallback: MeetingKind) -> MeetingKind:
    """The kind a meeting's name states ("联席会议" is a joint meeting), else the model's."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(name):
            return kind
    return fallback


def meeting_name(answer: MeetingAnswer) -> str | None:
    """The model's name if it names a meeting, else a meeting name found in its quote."""
    name = answer.name.strip()
    if _MEETING_WORDS.search(name):
        return name
    for pattern in (_ZH_MEETING_NAME, _EN_MEETING_NAME):
        match = pattern.search(answer.quote)
        if match:
            return match.group(0).strip()
    return None


def _members(answer: MeetingAnswer, name: str, article: ArticleText) -> list[RegionCode]:
    """A collective the meeting's own name or quote names decides; else the participants the
    article names."""
    for text in (name, answer.quote):
        collective = collective_members_in(text)
        if collective:
            return list(collective)
    named = [p for p in answer.participants if article.mentions(p)]
    return member_codes(named)


def _dates(
    answer: MeetingAnswer, name: str, article: ArticleText
) -> tuple[dt.date | None, dt.date | None]:
    found = dates_in_quote(answer.quote, published=article.published, year_hint=year_in(name))
    if found:
        return found
    start, end = iso_date(answer.start_date), iso_date(answer.end_date)
    if start and (end is None or end < start):
        end = start
    return start, end


_HOSTED_BY = re.compile(
    r"由(?P<host>[^,，。]{2,12}?)(?:承办|主办)|hosted by (?P<host_en>[A-Z][\w ]{2,40})"
)
_ACTIVE_HOLDER = re.compile(
    r"(?P<holder>[^,，。]{2,160}?)(?:\s+held\s+an?\s+[\w\s-]{0,30}?"
    r"(?:meeting|symposium|forum|conference)|在[^,，。]{1,10}(?:举行|召开))",
    re.I,
)


def host_from_quote(quote: str) -> RegionCode | None:
    """The region the quote says hosted or held the meeting, when it names exactly one.

    "由云南省承办" and "hosted by Yunnan" name a host; so does an active sentence whose subject is
    one region's body ("the Hunan Provincial Delegation held a plenary meeting"). Being the venue
    ("held in Guiyang") does not make a region the host.
    """
    hosted = _HOSTED_BY.search(quote)
    if hosted:
        return region_code(hosted.group("host") or hosted.group("host_en"))
    holder = _ACTIVE_HOLDER.search(quote)
    if holder is None:
        return None
    codes = member_codes([holder.group("holder")])
    return codes[0] if len(codes) == 1 else None


_FUTURE = re.compile(
    r"will be held|will hold|to be held|would be held|将在|将于|由.{1,12}承办", re.I
)
_LOCATIVE = re.compile(r"\bin\b|\bat\b|在|于")
_MUNICIPALITIES = {RegionCode.BJ, RegionCode.TJ, RegionCode.SH, RegionCode.CQ, RegionCode.HK,
                   RegionCode.MO}  # fmt: skip


def _named_as_place(place: str | None, quote: str) -> bool:
    """Whether the quote names the place where something happens ("in Hefei", "在贵州贵阳"),
    not only as part of a name ("the Guangdong Provincial Delegation")."""
    if not place or not place.strip():
        return False
    position = quote.lower().find(place.strip().split(",")[0].lower())
    return position >= 0 and bool(_LOCATIVE.search(quote[max(0, position - 50) : position]))


def _city(answer: MeetingAnswer) -> str | None:
    if not _named_as_place(answer.city, answer.quote):
        return None
    code = region_code(answer.city)
    if code is not None and code not in _MUNICIPALITIES and resolve_region(answer.city or ""):
        return None  # a province given as the city
    return english_city(answer.city)


def meeting_record(
    number: int, answer: MeetingAnswer, article: ArticleText, keep_ungrounded: bool
) -> Meeting | None:
    """Meeting `m<number>` from one answer, or None when it fails the checks."""
    name = meeting_name(answer)
    span = article.span_of(answer.quote)
    held = not _FUTURE.search(answer.quote)
    grounded = span is not None and name is not None and held
    if not grounded and not keep_ungrounded:
        return None
    name = name or answer.name.strip() or answer.quote.strip()
    start, end = _dates(answer, name, article)
    city = _city(answer)
    province = (
        region_code(answer.province) if _named_as_place(answer.province, answer.quote) else None
    )
    return Meeting(
        id=f"m{number}",
        name=name,
        kind=kind_from_name(name, kind_from_name(answer.quote, answer.kind)),
        primary=False,
        start_date=start,
        end_date=end,
        city=city,
        province=province or province_of_city(city),
        host=host_from_quote(answer.quote) if span else None,
        theme=_theme(answer.theme, article),
        members=_members(answer, name, article),
        evidence=[span] if span else [],
        grounded=grounded,
    )


_THEME_MARKER = re.compile(r"主题|theme", re.I)


def _theme(theme: str | None, article: ArticleText) -> str | None:
    """The model's theme if the article states it as the theme (主题, "the theme of"): a topic
    discussed or a slogan elsewhere in the text is not the meeting's theme."""
    cleaned = (theme or "").strip("“”\"'《》 ")
    if not cleaned:
        return None
    text = article.clean.text
    position = text.lower().find(cleaned.lower())
    if position < 0:
        return None
    window = text[max(0, position - 40) : position + len(cleaned) + 40]
    return cleaned if _THEME_MARKER.search(window) else None


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    if a.name == b.name:
        return True
    same_day = a.start_date is not None and a.start_date == b.start_date
    same_sides = not a.members or not b.members or set(a.members) == set(b.members)
    return a.kind == b.kind and same_day and same_sides


# "湘赣两省在南昌举行工作会谈": who, where, and a meeting word right after the held-verb.
_ZH_HELD = re.compile(
    r"(?P<subject>[^,，。:：()（）]{2,12}?)在(?P<place>[^,，。()（）]{2,10}?)(?:举行|召开)"
    r"(?P<meeting>[^,，。()（）]{0,8}?(?:会谈|座谈会|会议|论坛))"
)
_EN_HELD = re.compile(
    r"(?P<subject>(?:[A-Z][\w-]*(?:,? and |, | )){1,6}?)held (?P<meeting>(?:work(?:ing)? )?talks"
    r"|an? (?:\w+ ){0,3}(?:meeting|symposium|forum)) in (?P<place>[A-Z][\w-]+)"
)


def meetings_stated_in_sentences(article: ArticleText) -> list[MeetingAnswer]:
    """Meetings a dated sentence states in a fixed pattern ("湘赣两省在南昌举行工作会谈", "Hunan
    and Jiangxi held talks in Nanchang"): photo captions report side meetings this way, and a
    small model reading the whole page often passes over them."""
    found = []
    for sentence in article.sentences:
        text = sentence.text.strip("()（） ")
        match = _ZH_HELD.search(text) or _EN_HELD.search(text)
        if not match or not dates_in_quote(text, published=article.published):
            continue
        subject, place = match.group("subject").strip(), match.group("place")
        joiner = " " if match.re is _EN_HELD else ""
        name = f"{subject}{joiner}{match.group('meeting').strip()}"
        found.append(
            MeetingAnswer(
                quote=text,
                name=name,
                kind=kind_from_name(name, MeetingKind.OTHER),
                start_date=None,
                end_date=None,
                city=place,
                province=place,
                theme=None,
                participants=[subject],
            )
        )
    return found


def meeting_records(
    answer: MeetingsAnswer, article: ArticleText, keep_ungrounded: bool = False
) -> list[Meeting]:
    """One record per distinct, grounded meeting; the first non-talks meeting is primary."""
    meetings: list[Meeting] = []
    for item in [*answer.meetings, *meetings_stated_in_sentences(article)]:
        record = meeting_record(len(meetings) + 1, item, article, keep_ungrounded)
        if record is None:
            continue
        duplicate = next((m for m in meetings if _same_meeting(m, record)), None)
        if duplicate is not None:
            duplicate.evidence.extend(s for s in record.evidence if s not in duplicate.evidence)
            continue
        meetings.append(record)
    if meetings:
        main = next((m for m in meetings if m.kind != MeetingKind.TALKS), meetings[0])
        main.primary = True
    return meetings

"""Contract records from the model's answers: ids, codes, ranks, name forms and evidence spans.

The model answers in the article's words; this module is where those words become the normal
forms of `schemas`. Anything the answer gets structurally wrong (a meeting number that is not in
the list, a date that does not exist) is dropped here rather than passed on as a guess.
"""

from __future__ import annotations

from extract.answers import (
    MeetingAnswer,
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionAnswer,
    ResolutionsAnswer,
)
from extract.grounding import align_quote_to_text
from extract.normalize import (
    english_city,
    iso_date,
    member_codes,
    name_forms,
    province_of_city,
    rank_of_title,
    region_code,
)
from schemas.models import Attendance, Meeting, Official, Position, Resolution, Role, Span
from schemas.names import name_keys


def evidence_for(quote: str, article: str) -> list[Span]:
    span = align_quote_to_text(quote, article)
    return [span] if span else []


def meeting_record(number: int, answer: MeetingAnswer, article: str) -> Meeting:
    """Meeting `m<number>`; the first meeting listed is the article's primary one."""
    start, end = iso_date(answer.start_date), iso_date(answer.end_date)
    if start and (end is None or end < start):
        end = start
    city = english_city(answer.city)
    return Meeting(
        id=f"m{number}",
        name=answer.name.strip() or answer.quote.strip(),
        kind=answer.kind,
        primary=number == 1,
        start_date=start,
        end_date=end,
        city=city,
        province=region_code(answer.province) or province_of_city(city),
        host=None,
        theme=(answer.theme or "").strip("“”\"'《》 ") or None,
        members=member_codes(answer.participants),
        evidence=evidence_for(answer.quote, article),
    )


def meeting_records(answer: MeetingsAnswer, article: str) -> list[Meeting]:
    """One record per distinct meeting, numbered in the order the model listed them."""
    meetings: list[Meeting] = []
    seen: set[tuple[str, object]] = set()
    for item in answer.meetings:
        key = (item.name.strip(), item.start_date)
        if key in seen:
            continue
        seen.add(key)
        meetings.append(meeting_record(len(meetings) + 1, item, article))
    return meetings


def _attendances(answer: OfficialAnswer, meeting_ids: list[str]) -> list[Attendance]:
    by_meeting: dict[str, list[Role]] = {}
    for item in answer.meetings:
        if 1 <= item.meeting <= len(meeting_ids):
            roles = by_meeting.setdefault(meeting_ids[item.meeting - 1], [])
            roles.extend(role for role in item.roles if role not in roles)
    return [Attendance(meeting=meeting, roles=roles) for meeting, roles in by_meeting.items()]


def official_record(
    number: int, answer: OfficialAnswer, meeting_ids: list[str], article: str
) -> Official:
    name_zh, name_en = name_forms(answer.name)
    region = region_code(answer.region)
    positions = [
        Position(
            title=title.strip(),
            rank=rank_of_title(title),
            region=region_code(title) or region,
        )
        for title in answer.titles
        if title.strip()
    ]
    return Official(
        id=f"o{number}",
        name=answer.name.strip(),
        name_zh=name_zh,
        name_en=name_en,
        region=region or next((p.region for p in positions if p.region), None),
        positions=positions,
        meetings=_attendances(answer, meeting_ids),
        evidence=evidence_for(answer.quote, article),
    )


def official_records(
    answer: OfficialsAnswer, meeting_ids: list[str], article: str
) -> list[Official]:
    """One record per person: a name listed twice (in any script or spelling) is kept once."""
    officials: list[Official] = []
    seen: list[frozenset[str]] = []
    for item in answer.officials:
        if not item.name.strip():
            continue
        keys = name_keys(item.name)
        if any(keys & earlier for earlier in seen):
            continue
        seen.append(keys)
        officials.append(official_record(len(officials) + 1, item, meeting_ids, article))
    return officials


def resolution_record(
    number: int, answer: ResolutionAnswer, meeting_id: str, article: str
) -> Resolution:
    is_next = answer.kind == "next_meeting"
    return Resolution(
        id=f"r{number}",
        meeting=meeting_id,
        kind=answer.kind,
        in_principle=answer.in_principle,
        title=answer.title.strip().strip("《》“”\"' ") or answer.quote.strip(),
        next_host=region_code(answer.next_host) if is_next else None,
        next_year=answer.next_year
        if is_next and answer.next_year and 1949 <= answer.next_year <= 2100
        else None,
        evidence=evidence_for(answer.quote, article),
    )


def resolution_records(
    answer: ResolutionsAnswer, meeting_ids: list[str], article: str
) -> list[Resolution]:
    """One record per distinct decision of a listed meeting."""
    resolutions: list[Resolution] = []
    seen: set[tuple[str, str]] = set()
    for item in answer.resolutions:
        if not 1 <= item.meeting <= len(meeting_ids) or (item.kind, item.title) in seen:
            continue
        seen.add((item.kind, item.title))
        meeting_id = meeting_ids[item.meeting - 1]
        resolutions.append(resolution_record(len(resolutions) + 1, item, meeting_id, article))
    return resolutions

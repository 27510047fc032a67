"""When two meeting records from different articles are one real meeting.

A meeting is identified by what does not depend on the language it is reported in: its kind, its
days, where it was held, who took part, and the cooperation mechanism it belongs to (the
bilingual table `schemas.mechanisms` makes "Pan-Pearl River Delta … Joint Meeting" and
"泛珠三角区域合作行政首长联席会议" the same mechanism). The names themselves are compared only
through that table, because an English and a Chinese name share no words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations

from extract.consolidation.linkage import Link, cluster
from schemas.corpus import SourceRef
from schemas.mechanisms import (
    Mechanism,
    edition_number,
    mechanism_named_in,
    mechanism_of_members,
    year_named_in,
)
from schemas.models import Document, Meeting
from schemas.places import same_place

SAME_DAYS_TOLERANCE = dt.timedelta(days=1)
"""Reports of one meeting may differ by a day (a time zone, "yesterday" read from a later page)."""


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting record, with what its document adds to it."""

    document: Document
    meeting: Meeting
    mechanism: Mechanism | None
    year: int | None  # from its dates, else its name, else the article's publication
    ordinal: int | None  # "第十三次", "15th"

    @property
    def ref(self) -> SourceRef:
        return SourceRef(doc_id=self.document.doc_id, record=self.meeting.id)


def meeting_record(document: Document, meeting: Meeting) -> MeetingRecord:
    """The record in context: its mechanism (by name, else by membership), year and ordinal."""
    found = mechanism_named_in(meeting.name) or mechanism_of_members(meeting.members)
    year = (
        meeting.start_date.year
        if meeting.start_date
        else year_named_in(meeting.name)
        or (document.published.year if document.published else None)
    )
    return MeetingRecord(document, meeting, found, year, edition_number(meeting.name))


def _days(meeting: Meeting) -> tuple[dt.date, dt.date] | None:
    if meeting.start_date is None:
        return None
    return meeting.start_date, meeting.end_date or meeting.start_date


def _days_overlap(a: Meeting, b: Meeting) -> bool | None:
    """Whether the two meetings' days overlap (within a day); None when either is undated."""
    days_a, days_b = _days(a), _days(b)
    if days_a is None or days_b is None:
        return None
    return (
        days_a[0] <= days_b[1] + SAME_DAYS_TOLERANCE
        and days_b[0] <= days_a[1] + SAME_DAYS_TOLERANCE
    )


def _places_clash(a: Meeting, b: Meeting) -> bool:
    return a.province is not None and b.province is not None and a.province != b.province


def kept_apart(a: MeetingRecord, b: MeetingRecord) -> bool:
    """Facts two reports of one meeting cannot differ in: the article (an article reports each
    meeting once), the kind, the mechanism, the ordinal, and days that do not overlap."""
    return (
        a.document.doc_id == b.document.doc_id
        or a.meeting.kind != b.meeting.kind
        or (a.mechanism is not None and b.mechanism is not None and a.mechanism != b.mechanism)
        or (a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal)
        or _days_overlap(a.meeting, b.meeting) is False
    )


def link_strength(a: MeetingRecord, b: MeetingRecord) -> float | None:
    """How strongly two records are one meeting, or None when nothing says they are.

    3: the same mechanism and kind on overlapping days (the place may differ: that is then a
       conflict between the sources, not a different meeting);
    2: no mechanism known for one of them, but the same kind, overlapping days, the same members
       and the same place (bilateral talks, delegation visits);
    1: undated, but the same mechanism, kind and year (or edition number) and no clash of place:
       a mechanism meets once a year.
    """
    if kept_apart(a, b):
        return None
    same_mechanism = a.mechanism is not None and a.mechanism == b.mechanism
    if _days_overlap(a.meeting, b.meeting):
        if same_mechanism:
            return 3.0
        same_members = bool(a.meeting.members) and set(a.meeting.members) == set(b.meeting.members)
        return 2.0 if same_members and same_place(a.meeting, b.meeting) else None
    same_edition = (a.ordinal is not None and a.ordinal == b.ordinal) or (
        a.year is not None and a.year == b.year
    )
    if same_mechanism and same_edition and not _places_clash(a.meeting, b.meeting):
        return 1.0
    return None


def group_meetings(records: list[MeetingRecord]) -> list[list[int]]:
    """Indices of the records that are one meeting, group by group.

    Two groups join only when no record of one is kept apart from a record of the other, so a
    chain of weak links cannot put two reports from one article into one meeting.
    """
    by_kind: dict[str, list[int]] = {}
    for index, record in enumerate(records):  # blocking: only meetings of one kind can be one
        by_kind.setdefault(record.meeting.kind.value, []).append(index)
    links: list[Link] = []
    for indices in by_kind.values():
        for i, j in combinations(indices, 2):
            strength = link_strength(records[i], records[j])
            if strength is not None:
                links.append((strength, i, j))

    def can_join(group_a: list[int], group_b: list[int]) -> bool:
        return not any(kept_apart(records[i], records[j]) for i in group_a for j in group_b)

    return cluster(len(records), links, can_join)

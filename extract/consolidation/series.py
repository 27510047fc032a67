"""Meeting series and their editions, and the venue a decision planned against the one reported.

A series is one mechanism's recurring kind of meeting (the Pan-PRD joint meeting, the YRD
leaders' symposium). An edition is its meeting of one year: reported by an article, planned by
another meeting's `next_meeting` decision ("the 2024 symposium will be held in Anhui"), or both.
When a plan and a report of one edition name different venues, that is a conflict with both
sources; the venue shown is the one reported as held.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from extract.consolidation.drafts import MeetingDraft, ResolutionDraft
from extract.consolidation.fields import RULE_REPORTED, Claim, ConflictLog, Resolved, resolve
from schemas.corpus import ConflictValue, Edition, MeetingSeries
from schemas.mechanisms import SERIES_KINDS, Mechanism, mechanism, mechanism_named_in
from schemas.models import MeetingKind, ResolutionKind
from schemas.regions import RegionCode

SeriesKey = tuple[str, MeetingKind]  # (mechanism id, kind)


@dataclass
class _EditionDraft:
    year: int | None
    ordinal: int | None
    meeting: MeetingDraft | None = None
    plans: list[ResolutionDraft] = field(default_factory=list)


@dataclass
class SeriesLinks:
    """The series, and which series and edition each meeting and plan belongs to (by id)."""

    series: list[MeetingSeries] = field(default_factory=list)
    series_of: dict[str, str] = field(default_factory=dict)  # meeting id -> series id
    edition_of: dict[str, str] = field(default_factory=dict)  # meeting id -> edition id
    planned_edition: dict[str, str] = field(default_factory=dict)  # resolution id -> edition id


def _planned(meeting: MeetingDraft, plan: ResolutionDraft) -> tuple[SeriesKey, int] | None:
    """The series and year a next-meeting decision plans, if it names both."""
    record = plan.records[0]
    kind = record.planned_kind
    found: Mechanism | None = next(
        (m for r in plan.records if (m := mechanism_named_in(r.resolution.title))), None
    )
    found = found or meeting.mechanism
    if found is None or kind not in SERIES_KINDS or plan.next_year is None:
        return None
    return (found.id, kind), plan.next_year


def _collect(
    meetings: list[MeetingDraft],
) -> tuple[dict[SeriesKey, dict[Hashable, _EditionDraft]], dict[str, SeriesKey]]:
    editions: dict[SeriesKey, dict[Hashable, _EditionDraft]] = {}
    series_of: dict[str, SeriesKey] = {}
    for meeting in meetings:
        kind = meeting.records[0].meeting.kind
        if meeting.mechanism is None or kind not in SERIES_KINDS:
            continue
        key: SeriesKey = (meeting.mechanism.id, kind)
        series_of[meeting.id] = key
        by_edition = editions.setdefault(key, {})
        year, ordinal = meeting.year, meeting.ordinal
        if year is None and ordinal is None:
            continue
        edition_key: Hashable = ("year", year) if year is not None else ("ordinal", ordinal)
        if edition_key in by_edition and by_edition[edition_key].meeting is not None:
            edition_key = ("meeting", meeting.id)  # a second meeting of one year: its own edition
        entry = by_edition.setdefault(edition_key, _EditionDraft(year, ordinal))
        entry.meeting = meeting
    for meeting in meetings:
        for plan in meeting.resolutions:
            if plan.records[0].resolution.kind != ResolutionKind.NEXT_MEETING:
                continue
            planned = _planned(meeting, plan)
            if planned:
                key, year = planned
                entry = editions.setdefault(key, {}).setdefault(
                    ("year", year), _EditionDraft(year, None)
                )
                entry.plans.append(plan)
    return editions, series_of


def _venue(edition: _EditionDraft) -> tuple[Resolved, Resolved]:
    """(venue, planned host) of an edition; the venue conflicts when plan and report disagree."""
    reported: list[Claim] = []
    alias: dict[RegionCode, RegionCode] = {}
    for record in edition.meeting.records if edition.meeting else []:
        shown = record.meeting.host or record.meeting.province
        if shown is None:
            continue
        for code in (record.meeting.host, record.meeting.province):
            if code is not None:
                alias.setdefault(code, shown)
        reported.append(
            Claim(shown.value, shown.value, record.ref, record.meeting.primary, "reported")
        )
    planned = [
        Claim(r.resolution.next_host.value, r.resolution.next_host.value, r.ref, status="planned")
        for plan in edition.plans
        for r in plan.records
        if r.resolution.next_host is not None
    ]
    planned_host = resolve(planned)
    aligned = [  # a plan naming the reported host or province agrees with the report
        Claim(
            alias.get(RegionCode(c.value), RegionCode(c.value)).value,
            c.value,
            c.source,
            status="planned",
        )
        for c in planned
        if isinstance(c.value, str)
    ]
    if not reported:
        return planned_host, planned_host
    venue = resolve(reported)
    keys = {c.key for c in reported + aligned}
    if len(keys) == 1:
        return venue, planned_host
    values = [
        ConflictValue(value=str(key), status=status, sources=[c.source for c in claims])
        for key in sorted(keys, key=lambda k: k != venue.value)
        for status in ("reported", "planned")
        if (claims := [c for c in reported + aligned if c.key == key and c.status == status])
    ]
    return Resolved(venue.value, values, RULE_REPORTED), planned_host


def _edition(
    entry: _EditionDraft, edition_id: str, links: SeriesLinks, log: ConflictLog
) -> Edition:
    venue, planned_host = _venue(entry)
    if entry.meeting is not None:
        links.edition_of[entry.meeting.id] = edition_id
        log.record("edition", edition_id, "venue", venue)
    elif len(entry.plans) > 1:  # one decision's own sources disagreeing is already logged
        log.record("edition", edition_id, "planned_host", venue)
    for plan in entry.plans:
        links.planned_edition[plan.id] = edition_id
    host = planned_host.value
    return Edition(
        id=edition_id,
        year=entry.year,
        ordinal=entry.ordinal,
        meeting=entry.meeting.id if entry.meeting else None,
        planned_by=[r.ref for plan in entry.plans for r in plan.records],
        planned_host=RegionCode(host) if isinstance(host, str) else None,
    )


def build_series(meetings: list[MeetingDraft], log: ConflictLog) -> SeriesLinks:
    """Series and editions of the consolidated meetings; venue conflicts go into `log`."""
    editions, series_of = _collect(meetings)
    links = SeriesLinks()
    series_ids: dict[SeriesKey, str] = {}
    edition_count = 0
    for n, key in enumerate(sorted(editions, key=lambda k: (k[0], k[1].value)), 1):
        series_ids[key] = f"S{n:03d}"
        models = []
        for entry in sorted(editions[key].values(), key=lambda e: (e.year or 0, e.ordinal or 0)):
            edition_count += 1
            models.append(_edition(entry, f"E{edition_count:04d}", links, log))
        found = mechanism(key[0])
        kind_en, kind_zh = SERIES_KINDS[key[1]]
        links.series.append(
            MeetingSeries(
                id=series_ids[key],
                mechanism=found.id,
                kind=key[1],
                name_en=f"{found.name_en} {kind_en}",
                name_zh=f"{found.name_zh}{kind_zh}",
                editions=models,
            )
        )
    links.series_of = {m: series_ids[k] for m, k in series_of.items()}
    return links

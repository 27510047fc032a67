"""Assembling the corpus: meetings, people, series and conflicts from the loaded Documents.

Ids are given in a fixed order (meetings by date, people and everything else by their first
source in doc_id order), so the same files always give the same corpus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.consolidation.drafts import MeetingDraft, ResolutionDraft
from extract.consolidation.fields import RULE_ALL_KEPT, Claim, ConflictLog, Resolved, resolve
from extract.consolidation.identities import Identities
from extract.consolidation.loading import LoadedDocument, load_documents
from extract.consolidation.meetings import MeetingRecord, group_meetings, meeting_record
from extract.consolidation.people import (
    NO_DECISIONS,
    Join,
    OfficialRecord,
    link_people,
    official_record,
)
from extract.consolidation.resolutions import ResolutionRecord, group_resolutions
from extract.consolidation.series import SeriesLinks, build_series
from schemas.corpus import (
    ConsolidatedMeeting,
    ConsolidatedResolution,
    Corpus,
    CorpusDocument,
    FieldValue,
    InputProblem,
    Participant,
    Person,
    PersonCandidate,
    PersonMerge,
    PersonName,
    ReportedPosition,
    SourceRef,
    WrittenText,
)
from schemas.models import Meeting, RecordId, Role
from schemas.names import has_cjk
from schemas.places import place_key
from schemas.regions import RegionCode

RecordKey = tuple[str, RecordId]
"""(doc_id, record id) of a record in a Document."""


def _written(text: str, source: SourceRef) -> WrittenText:
    return WrittenText(text=text, language="zh" if has_cjk(text) else "en", source=source)


MEETING_FIELDS = ("start_date", "end_date", "city", "province", "host", "members")
"""The fields of a meeting that its sources may disagree on."""


def _meeting_claim(record: MeetingRecord, name: str) -> Claim | None:
    """What one record says about one field: the value shown and the key compared."""
    meeting, key = record.meeting, None
    value: FieldValue | None
    if name in ("start_date", "end_date"):
        day = meeting.start_date if name == "start_date" else meeting.end_date
        value = day.isoformat() if day else None
    elif name == "city":
        value, key = meeting.city, place_key(meeting.city)
    elif name in ("province", "host"):
        code = meeting.province if name == "province" else meeting.host
        value = code.value if code else None
    else:
        value = sorted(code.value for code in meeting.members) or None
    if value is None:
        return None
    compared = key or (tuple(value) if isinstance(value, list) else value)
    return Claim(compared, value, record.ref, meeting.primary)


def _field_claims(records: Sequence[MeetingRecord], name: str) -> list[Claim]:
    return [claim for r in records if (claim := _meeting_claim(r, name)) is not None]


def _resolve_meeting_fields(draft: MeetingDraft, log: ConflictLog) -> None:
    for name in MEETING_FIELDS:
        resolved = resolve(_field_claims(draft.records, name))
        draft.values[name] = resolved.value
        log.record("meeting", draft.id, name, resolved)


def _meeting_order(records: list[MeetingRecord]) -> tuple[dt.date, str]:
    days = [r.meeting.start_date for r in records if r.meeting.start_date]
    years = [r.year for r in records if r.year]
    first = min(days) if days else dt.date(min(years), 12, 31) if years else dt.date.max
    return first, str(records[0].ref)


def _meeting_drafts(documents: Sequence[LoadedDocument], log: ConflictLog) -> list[MeetingDraft]:
    records = [meeting_record(d.document, m) for d in documents for m in d.document.meetings]
    groups = [[records[i] for i in group] for group in group_meetings(records)]
    groups.sort(key=_meeting_order)
    drafts = [MeetingDraft(f"M{n:04d}", group) for n, group in enumerate(groups, 1)]
    for draft in drafts:
        _resolve_meeting_fields(draft, log)
    return drafts


def _resolution_draft(
    decision_id: str, records: list[ResolutionRecord], log: ConflictLog
) -> ResolutionDraft:
    """One decision from its records; its sources disagreeing on the next host or year are
    conflicts."""
    host = resolve(
        [Claim(r.resolution.next_host.value, r.resolution.next_host.value, r.ref)
         for r in records if r.resolution.next_host]
    )  # fmt: skip
    year = resolve(
        [Claim(r.resolution.next_year, r.resolution.next_year, r.ref)
         for r in records if r.resolution.next_year is not None]
    )  # fmt: skip
    log.record("resolution", decision_id, "next_host", host)
    log.record("resolution", decision_id, "next_year", year)
    return ResolutionDraft(
        decision_id,
        records,
        next_host=RegionCode(host.value) if isinstance(host.value, str) else None,
        next_year=year.value if isinstance(year.value, int) else None,
    )


def _resolution_drafts(drafts: list[MeetingDraft], log: ConflictLog) -> None:
    """Each meeting's decisions, merged over its sources and numbered across the corpus."""
    count = 0
    for draft in drafts:
        records = [
            ResolutionRecord(r.document, resolution, r.meeting)
            for r in draft.records
            for resolution in r.document.resolutions
            if resolution.meeting == r.meeting.id
        ]
        for group in group_resolutions(records):
            count += 1
            decision = _resolution_draft(f"R{count:04d}", [records[i] for i in group], log)
            draft.resolutions.append(decision)


@dataclass
class _Attendance:
    roles: set[Role] = field(default_factory=set)
    sources: list[SourceRef] = field(default_factory=list)


def _person_names(records: list[OfficialRecord]) -> list[PersonName]:
    names: dict[tuple[str, str | None, str | None], list[SourceRef]] = {}
    for record in records:
        official = record.official
        names.setdefault((official.name, record.name_zh, official.name_en), []).append(record.ref)
    return [
        PersonName(written=w, simplified=s, pinyin=p, sources=refs)
        for (w, s, p), refs in names.items()
    ]


def _offices(record: OfficialRecord) -> list[str]:
    """An official record's offices compared across sources: rank and region, as "rank@CN-XX"."""
    return sorted(
        {f"{p.rank.value}@{p.region.value if p.region else ''}" for p in record.official.positions}
    )


def _log_office_conflicts(
    person_id: str,
    records: list[OfficialRecord],
    meeting_of: dict[RecordKey, str],
    log: ConflictLog,
) -> None:
    """Sources reporting the person at one meeting with different offices are a conflict (a
    title read as Governor in one and as Party Secretary in another). Offices at different
    meetings are a career, not a conflict."""
    by_meeting: dict[str, list[OfficialRecord]] = {}
    for record in records:
        for part in record.official.meetings:
            by_meeting.setdefault(meeting_of[(record.document.doc_id, part.meeting)], []).append(
                record
            )
    for meeting_id in sorted(by_meeting):
        claims = [
            Claim(tuple(offices), offices, r.ref)
            for r in by_meeting[meeting_id]
            if (offices := _offices(r))
        ]
        if len({c.source.doc_id for c in claims}) > 1:
            resolved = resolve(claims)
            if resolved.conflict is not None:
                kept = Resolved(None, resolved.conflict, RULE_ALL_KEPT)
                log.record("person", person_id, f"offices at {meeting_id}", kept)


def _person_region(
    person_id: str, records: list[OfficialRecord], merges: list[PersonMerge], log: ConflictLog
) -> RegionCode | None:
    """The region a person represents: after a career across regions the latest one (the
    earlier are the career, not a conflict); else as most sources say, a disagreement logged."""
    if any(merge.kind == "career" for merge in merges):
        dated = [r for r in records if r.region is not None and r.as_of is not None]
        return max(dated, key=lambda r: r.as_of or dt.date.min).region if dated else None
    region = resolve([Claim(r.region.value, r.region.value, r.ref) for r in records if r.region])
    log.record("person", person_id, "region", region)
    return RegionCode(region.value) if isinstance(region.value, str) else None


def _person(
    person_id: str,
    records: list[OfficialRecord],
    meeting_of: dict[RecordKey, str],
    attendance: dict[str, dict[str, _Attendance]],
    log: ConflictLog,
    merges: list[PersonMerge],
) -> Person:
    region = _person_region(person_id, records, merges, log)
    _log_office_conflicts(person_id, records, meeting_of, log)
    positions = [
        ReportedPosition(title=p.title, rank=p.rank, region=p.region, as_of=r.as_of, source=r.ref)
        for r in records
        for p in r.official.positions
    ]
    meetings: set[str] = set()
    for record in records:
        for part in record.official.meetings:
            meeting_id = meeting_of[(record.document.doc_id, part.meeting)]
            meetings.add(meeting_id)
            entry = attendance.setdefault(meeting_id, {}).setdefault(person_id, _Attendance())
            entry.roles.update(part.roles)
            entry.sources.append(record.ref)
    return Person(
        id=person_id,
        names=_person_names(records),
        region=region,
        positions=sorted(positions, key=lambda p: (p.as_of or dt.date.max, str(p.source))),
        meetings=sorted(meetings),
        sources=[r.ref for r in records],
        merges=merges,
    )


def _merge(join: Join, records: list[OfficialRecord]) -> PersonMerge:
    refs = [records[join.first].ref, records[join.second].ref]
    return PersonMerge(kind=join.kind, records=refs, reason=join.reason)


def _people(
    documents: Sequence[LoadedDocument],
    meeting_of: dict[RecordKey, str],
    attendance: dict[str, dict[str, _Attendance]],
    log: ConflictLog,
    identities: Identities,
) -> tuple[list[Person], list[PersonCandidate]]:
    """The people, each with the reasons of its merges, and the candidates left open."""
    records = [official_record(d.document, o) for d in documents for o in d.document.officials]
    linkage = link_people(records, identities)
    person_of = {index: f"P{n:04d}" for n, group in enumerate(linkage.groups, 1) for index in group}
    merges: dict[str, list[PersonMerge]] = {}
    for join in linkage.joins:
        merges.setdefault(person_of[join.first], []).append(_merge(join, records))
    people = [
        _person(
            f"P{n:04d}",
            [records[i] for i in group],
            meeting_of,
            attendance,
            log,
            merges.get(f"P{n:04d}", []),
        )
        for n, group in enumerate(linkage.groups, 1)
    ]
    candidates = [
        PersonCandidate(
            people=[person_of[i], person_of[j]],
            records=[records[i].ref, records[j].ref],
            evidence=evidence,
        )
        for i, j, evidence in linkage.candidates
    ]
    return people, candidates


def _participants(entries: dict[str, _Attendance]) -> list[Participant]:
    return [
        Participant(
            person=person_id,
            roles=[role for role in Role if role in entry.roles],
            sources=entry.sources,
        )
        for person_id, entry in sorted(entries.items())
    ]


def _resolution_model(decision: ResolutionDraft, links: SeriesLinks) -> ConsolidatedResolution:
    first = decision.records[0].resolution
    return ConsolidatedResolution(
        id=decision.id,
        kind=first.kind,
        in_principle=any(r.resolution.in_principle for r in decision.records),
        titles=[_written(r.resolution.title, r.ref) for r in decision.records],
        next_host=decision.next_host,
        next_year=decision.next_year,
        next_edition=links.planned_edition.get(decision.id),
        sources=[r.ref for r in decision.records],
    )


def _date(value: FieldValue | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _code(value: FieldValue | None) -> RegionCode | None:
    return RegionCode(value) if isinstance(value, str) else None


def _meeting_model(
    draft: MeetingDraft, participants: list[Participant], links: SeriesLinks
) -> ConsolidatedMeeting:
    values = draft.values
    meetings: list[Meeting] = [r.meeting for r in draft.records]
    members = values["members"]
    city = values["city"]
    return ConsolidatedMeeting(
        id=draft.id,
        names=[_written(r.meeting.name, r.ref) for r in draft.records],
        kind=meetings[0].kind,
        mechanism=draft.mechanism.id if draft.mechanism else None,
        start_date=_date(values["start_date"]),
        end_date=_date(values["end_date"]),
        city=city if isinstance(city, str) else None,
        province=_code(values["province"]),
        host=_code(values["host"]),
        themes=[_written(r.meeting.theme, r.ref) for r in draft.records if r.meeting.theme],
        members=[RegionCode(c) for c in members] if isinstance(members, list) else [],
        participants=participants,
        resolutions=[_resolution_model(d, links) for d in draft.resolutions],
        series=links.series_of.get(draft.id),
        edition=links.edition_of.get(draft.id),
        sources=[r.ref for r in draft.records],
    )


def consolidate(
    documents: Sequence[LoadedDocument],
    problems: Iterable[InputProblem] = (),
    identities: Identities = NO_DECISIONS,
) -> Corpus:
    """The corpus of these Documents (see the package docstring); `problems` are carried over;
    `identities` are the analyst's decisions on who is one person."""
    documents = sorted(documents, key=lambda d: d.document.doc_id)
    log = ConflictLog()
    drafts = _meeting_drafts(documents, log)
    _resolution_drafts(drafts, log)
    meeting_of = {(r.document.doc_id, r.meeting.id): d.id for d in drafts for r in d.records}
    attendance: dict[str, dict[str, _Attendance]] = {}
    people, candidates = _people(documents, meeting_of, attendance, log, identities)
    links = build_series(drafts, log)
    meetings = [_meeting_model(d, _participants(attendance.get(d.id, {})), links) for d in drafts]
    return Corpus(
        documents=[
            CorpusDocument(
                doc_id=d.document.doc_id,
                path=str(d.path),
                language=d.document.language,
                published=d.document.published,
            )
            for d in documents
        ],
        problems=list(problems),
        meetings=meetings,
        people=people,
        series=links.series,
        conflicts=log.conflicts,
        candidates=candidates,
    )


def consolidate_paths(paths: Iterable[Path], identities: Identities = NO_DECISIONS) -> Corpus:
    """Read every Document file in `paths` (files or folders) and consolidate them.

    Files that cannot be read or are not valid Documents are listed in `Corpus.problems`, with
    the reason, and left out; they never stop the rest.
    """
    documents, problems = load_documents(paths)
    return consolidate(documents, problems, identities)

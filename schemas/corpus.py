"""The consolidated corpus: one record per real meeting and per real person across articles.

A `Corpus` is what `python -m extract consolidate` writes: meetings merged across articles and
languages, people merged across scripts and spellings, meeting series with their editions, and
every disagreement between sources as a `Conflict`. Every consolidated record lists the document
records it was made from (`SourceRef`: doc_id + record id), so nothing in it is untraceable.

`ConsolidationGold` is the hand-labelled answer the scorer (`python -m evals consolidation`)
compares a corpus with.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Literal, Self, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from schemas.errors import RecordFileError
from schemas.io import format_validation_error
from schemas.models import MeetingKind, Rank, Record, RecordId, ResolutionKind, Role
from schemas.regions import RegionCode

CORPUS_VERSION = "1.1.0"

CorpusId = Annotated[
    str,
    Field(
        pattern=r"^[A-Z][A-Za-z0-9_-]{0,63}$",
        description="Identifier of a consolidated record in this corpus, e.g. M0001, P0012.",
    ),
]
Language = Literal["en", "zh"]
SOURCE_PATTERN = r"^[^:\s]+:[A-Za-z][A-Za-z0-9_-]{0,63}$"


class SourceRef(Record):
    """One record of one Document file: the document's id and the record's id in it."""

    doc_id: str = Field(min_length=1, pattern=r"^[^:\s]+$")
    record: RecordId

    def __str__(self) -> str:
        return f"{self.doc_id}:{self.record}"

    @classmethod
    def parse(cls, text: str) -> SourceRef:
        """`SourceRef` from its written form "doc_id:record" (how gold files refer to records)."""
        doc_id, _, record = text.rpartition(":")
        return cls(doc_id=doc_id, record=record)


SourceText = Annotated[
    str, Field(pattern=SOURCE_PATTERN, description='A record written "doc_id:record_id".')
]


class WrittenText(Record):
    """A name, title or theme exactly as one source writes it."""

    text: str = Field(min_length=1)
    language: Language
    source: SourceRef


class PersonName(Record):
    """One way the sources write a person's name."""

    written: str = Field(min_length=1, description="As the article writes it.")
    simplified: str | None = Field(default=None, description="Simplified Chinese, if known.")
    pinyin: str | None = Field(default=None, description="Pinyin or own English name.")
    sources: list[SourceRef] = Field(min_length=1)


class ReportedPosition(Record):
    """An office a source says the person held, and when that was reported."""

    title: str = Field(min_length=1)
    rank: Rank
    region: RegionCode | None = None
    as_of: dt.date | None = Field(
        default=None,
        description="The date of the meeting the source reports the person at, else the "
        "source's publication date, else null.",
    )
    source: SourceRef


class Participant(Record):
    """One person's part in a consolidated meeting."""

    person: CorpusId
    roles: list[Role] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1, description="The official records saying so.")


class ConsolidatedResolution(Record):
    """A decision of a meeting, merged over the sources that report it."""

    id: CorpusId
    kind: ResolutionKind
    in_principle: bool = False
    titles: list[WrittenText] = Field(min_length=1)
    next_host: RegionCode | None = None
    next_year: int | None = None
    next_edition: CorpusId | None = Field(
        default=None, description="For next_meeting: the edition this decision plans."
    )
    sources: list[SourceRef] = Field(min_length=1)


class ConsolidatedMeeting(Record):
    """One real meeting, with everything its sources say about it."""

    id: CorpusId
    names: list[WrittenText] = Field(min_length=1, description="Its name in each source.")
    kind: MeetingKind
    mechanism: str | None = Field(
        default=None, description="The cooperation mechanism (schemas.mechanisms), if known."
    )
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    city: str | None = None
    province: RegionCode | None = None
    host: RegionCode | None = None
    themes: list[WrittenText] = Field(default_factory=list)
    members: list[RegionCode] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    resolutions: list[ConsolidatedResolution] = Field(default_factory=list)
    series: CorpusId | None = None
    edition: CorpusId | None = None
    sources: list[SourceRef] = Field(min_length=1, description="Every meeting record merged here.")


MergeKind = Literal["same_region", "career", "analyst"]


class PersonMerge(Record):
    """Why two official records were joined into one person: the rule and its evidence.

    `same_region`: a shared name, nothing keeping them apart (same region or none stated);
    `career`: the same name in two regions, leading offices at dates that do not overlap (an
    official transferred); `analyst`: a pair the identities file says is one person.
    """

    kind: MergeKind
    records: list[SourceRef] = Field(min_length=2, max_length=2)
    reason: str = Field(min_length=1, description="Names, offices and dates, in words.")


class Person(Record):
    """One real person, with every name form, office and meeting the sources give.

    `positions` is the career: every office in date order (undated last), each with its source.
    """

    id: CorpusId
    names: list[PersonName] = Field(min_length=1)
    region: RegionCode | None = None
    positions: list[ReportedPosition] = Field(default_factory=list)
    meetings: list[CorpusId] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1, description="Every official record merged.")
    merges: list[PersonMerge] = Field(
        default_factory=list, description="How the records were joined, one entry per join."
    )


class PersonCandidate(Record):
    """Two people the evidence leaves open: possibly one person (an analyst decides)."""

    people: list[CorpusId] = Field(min_length=2, max_length=2)
    records: list[SourceRef] = Field(min_length=2, max_length=2)
    evidence: str = Field(min_length=1, description="What agrees and what is missing, in words.")


class IdAlias(Record):
    """An id a growing corpus gave out earlier that now names a record under another id."""

    alias: CorpusId
    id: CorpusId
    reason: str
    record: SourceRef | None = Field(
        default=None, description="A record the alias named (so an analyst's note of it holds)."
    )


class Edition(Record):
    """One year's (or one number's) meeting of a series, reported, planned, or both."""

    id: CorpusId
    year: int | None = None
    ordinal: int | None = None
    meeting: CorpusId | None = Field(default=None, description="The meeting reported, if any.")
    planned_by: list[SourceRef] = Field(
        default_factory=list, description="next_meeting decisions (resolution records) about it."
    )
    planned_host: RegionCode | None = Field(
        default=None, description="The host the planning decisions name (see conflicts if many)."
    )


class MeetingSeries(Record):
    """A recurring meeting of one mechanism and kind (the Pan-PRD joint meeting, by year)."""

    id: CorpusId
    mechanism: str
    kind: MeetingKind
    name_en: str
    name_zh: str
    editions: list[Edition] = Field(default_factory=list)


ConflictSubject = Literal["meeting", "person", "edition", "resolution"]
FieldValue = str | int | list[str]


class ConflictValue(Record):
    """One value a field is given, and the sources that give it."""

    value: FieldValue
    status: Literal["reported", "planned"] | None = Field(
        default=None, description="For an edition's venue: held there, or planned to be."
    )
    sources: list[SourceRef] = Field(min_length=1)


class Conflict(Record):
    """A field the sources disagree on: every value with its sources, none averaged away."""

    id: CorpusId
    subject: ConflictSubject
    subject_id: CorpusId
    field: str = Field(min_length=1)
    values: list[ConflictValue] = Field(min_length=2)
    preferred: FieldValue | None = Field(
        default=None, description="The value shown in the record, if a rule chose one."
    )
    rule: str | None = Field(default=None, description="The rule that chose the preferred value.")


class CorpusDocument(Record):
    """A Document file that was read into the corpus."""

    doc_id: str
    path: str
    language: Language
    published: dt.date | None = None


class InputProblem(Record):
    """A file or folder that could not be read, and why; it was skipped."""

    path: str
    reason: str


class Corpus(Record):
    """Everything consolidated from a set of Document files."""

    corpus_version: str = CORPUS_VERSION
    documents: list[CorpusDocument] = Field(default_factory=list)
    problems: list[InputProblem] = Field(default_factory=list)
    meetings: list[ConsolidatedMeeting] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    series: list[MeetingSeries] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    candidates: list[PersonCandidate] = Field(default_factory=list)
    aliases: list[IdAlias] = Field(default_factory=list)


class GoldConflictValue(Record):
    """One value of a labelled conflict and the records that give it."""

    value: FieldValue
    sources: list[SourceText] = Field(min_length=1)


class GoldConflict(Record):
    """A disagreement the labeller found between sources."""

    subject: ConflictSubject
    field: str = Field(min_length=1)
    values: list[GoldConflictValue] = Field(min_length=2)
    note: str | None = None


class ConsolidationGold(Record):
    """The hand-labelled consolidation of a set of gold Documents.

    Every meeting and official record of `documents` is one real meeting or person on its own
    unless a group in `meetings` / `people` puts it with others.
    """

    document_dirs: list[str] = Field(
        min_length=1, description="Folders of the gold Documents, relative to this file."
    )
    documents: list[str] = Field(min_length=1)
    meetings: list[list[SourceText]] = Field(default_factory=list)
    people: list[list[SourceText]] = Field(default_factory=list)
    conflicts: list[GoldConflict] = Field(default_factory=list)

    @model_validator(mode="after")
    def _groups_are_disjoint(self) -> Self:
        for label, groups in (("meetings", self.meetings), ("people", self.people)):
            seen: set[str] = set()
            for group in groups:
                if len(group) < 2:
                    raise ValueError(f"{label}: a group needs two or more records: {group}")
                for ref in group:
                    if ref in seen:
                        raise ValueError(f"{label}: {ref} is in more than one group")
                    seen.add(ref)
        return self


_M = TypeVar("_M", bound=BaseModel)


def _load(path: Path | str, model: type[_M]) -> _M:
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except UnicodeDecodeError as exc:
        raise RecordFileError(path, f"not valid UTF-8 at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise RecordFileError(path, f"not valid JSON ({exc})") from exc
    except OSError as exc:
        raise RecordFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RecordFileError(path, format_validation_error(exc)) from exc


def load_corpus(path: Path | str) -> Corpus:
    """Read and validate a corpus file; every problem is a `RecordFileError` naming the file."""
    return _load(path, Corpus)


def load_consolidation_gold(path: Path | str) -> ConsolidationGold:
    """Read and validate a consolidation gold file (see `ConsolidationGold`)."""
    return _load(path, ConsolidationGold)


def dump_corpus(corpus: Corpus) -> str:
    """The JSON text of a corpus file: readable Chinese, two-space indent, final newline."""
    return json.dumps(corpus.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

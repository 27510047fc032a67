"""The record contract: what one article yields, as Pydantic v2 models.

Field descriptions are written for two readers: an analyst reading a record, and a language model
filling one (they are sent to it as part of the JSON Schema). Every model forbids unknown fields, so
a misspelt key in a gold or prediction file is an error rather than silently dropped data.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.regions import RegionCode

SCHEMA_VERSION = "1.1.0"

RecordId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$",
        description="Identifier unique within its record type in this document, e.g. m1, o2, r3.",
    ),
]


class MeetingKind(StrEnum):
    """What sort of gathering a meeting is."""

    JOINT_MEETING = "joint_meeting"  # 联席会议: executive heads of several regions, by rotation
    SYMPOSIUM = "symposium"  # 座谈会: leaders' symposium of a region group
    PLENARY = "plenary"  # 全体会议: e.g. an NPC delegation's plenary meeting
    TALKS = "talks"  # 会谈/座谈: bilateral work talks between two delegations
    VISIT = "visit"  # 考察/访问: a delegation visiting another region
    OTHER = "other"


class Rank(StrEnum):
    """The normalised rank of an office, independent of the language it is written in."""

    PARTY_SECRETARY = "party_secretary"
    DEPUTY_PARTY_SECRETARY = "deputy_party_secretary"
    GOVERNMENT_HEAD = "government_head"
    DEPUTY_GOVERNMENT_HEAD = "deputy_government_head"
    SECRETARY_GENERAL = "secretary_general"
    LEGISLATURE_HEAD = "legislature_head"
    OTHER = "other"


class Role(StrEnum):
    """What an official did at a meeting."""

    ATTENDED = "attended"
    SPOKE = "spoke"
    PRESIDED = "presided"
    LED_DELEGATION = "led_delegation"
    SIGNED = "signed"
    INVITED = "invited"


class ResolutionKind(StrEnum):
    """How a meeting's decision came about."""

    SIGNED = "signed"  # a document signed at the meeting
    ADOPTED = "adopted"  # a document reviewed and adopted (审议通过)
    NEXT_MEETING = "next_meeting"  # who hosts the next meeting, and when
    AGREED = "agreed"  # any other collective decision the meeting states


class Record(BaseModel):
    """Base of every contract model: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Span(Record):
    """A stretch of the article that supports a record."""

    start: int = Field(ge=0, description="Code-point offset of the first character.")
    end: int = Field(ge=0, description="Code-point offset one past the last character.")
    text: str = Field(
        min_length=1, description="The article's text between start and end, copied exactly."
    )

    @model_validator(mode="after")
    def _length_matches_offsets(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text has {len(self.text)} characters but offsets cover "
                f"{self.end - self.start} ({self.start}..{self.end})"
            )
        return self


Evidence = Annotated[
    list[Span],
    Field(description="Passages of the article that state this record's facts."),
]
Grounded = Annotated[
    bool,
    Field(
        description="False for a record whose evidence could not be found in the article; "
        "such records are dropped unless an extraction run is asked to keep them."
    ),
]


class Meeting(Record):
    """One meeting the article reports."""

    id: RecordId
    name: str = Field(
        min_length=1,
        description="The meeting's name as the article writes it, in the article's language.",
    )
    kind: MeetingKind = Field(description="What sort of meeting it is.")
    primary: bool = Field(
        default=False,
        description="True for the meeting the article is mainly about; at most one per article.",
    )
    start_date: dt.date | None = Field(
        default=None, description="First day of the meeting (ISO date), or null if not stated."
    )
    end_date: dt.date | None = Field(
        default=None,
        description=(
            "Last day (ISO date); equal to start_date for a one-day meeting; null if unknown."
        ),
    )
    city: str | None = Field(
        default=None,
        description="English name of the city where it was held (e.g. Guiyang), or null.",
    )
    province: RegionCode | None = Field(
        default=None, description="Code of the provincial-level division where it was held."
    )
    host: RegionCode | None = Field(
        default=None,
        description="Code of the region that hosted it (承办), if the article says so; else null.",
    )
    theme: str | None = Field(
        default=None, description="The stated theme (主题) as written, without quotation marks."
    )
    members: list[RegionCode] = Field(
        default_factory=list,
        description=(
            "Codes of every region taking part; collective names are expanded "
            '("9+2" is 11 codes, "three provinces and one municipality" is 4).'
        ),
    )
    evidence: Evidence = Field(default_factory=list)
    grounded: Grounded = True

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(
                f"meeting {self.id}: end_date {self.end_date} is before "
                f"start_date {self.start_date}"
            )
        return self


class Position(Record):
    """One office an official holds, as the article states it."""

    title: str = Field(
        min_length=1, description="The title as written, e.g. 省委副书记 or Governor."
    )
    rank: Rank = Field(description="The normalised rank of this title.")
    region: RegionCode | None = Field(
        default=None, description="Code of the region the office belongs to, if any."
    )


class Attendance(Record):
    """An official's part in one meeting."""

    meeting: RecordId = Field(description="The id of a meeting in this document.")
    roles: list[Role] = Field(
        default_factory=list, description="Everything the official did at that meeting."
    )


class Official(Record):
    """A person holding public office who takes part in a reported meeting."""

    id: RecordId
    name: str = Field(min_length=1, description="The name exactly as the article writes it.")
    name_zh: str | None = Field(
        default=None, description="The name in simplified Chinese characters, or null if unknown."
    )
    name_en: str | None = Field(
        default=None,
        description=(
            "The name in pinyin, surname first, given name joined (e.g. Mao Weiming); Hong Kong "
            "and Macao officials keep their own English names."
        ),
    )
    region: RegionCode | None = Field(
        default=None, description="Code of the region the official represents."
    )
    positions: list[Position] = Field(default_factory=list)
    meetings: list[Attendance] = Field(default_factory=list)
    evidence: Evidence = Field(default_factory=list)
    grounded: Grounded = True


class Resolution(Record):
    """A collective decision or document of a meeting."""

    id: RecordId
    meeting: RecordId = Field(description="The id of the meeting that made the decision.")
    kind: ResolutionKind
    in_principle: bool = Field(
        default=False, description="True when adopted only in principle (原则通过)."
    )
    title: str = Field(
        min_length=1,
        description=(
            "The document's title as written, without 《》 or quotation marks; for a decision "
            "without a document, a short statement of it."
        ),
    )
    next_host: RegionCode | None = Field(
        default=None, description="For next_meeting: the code of the region that will host it."
    )
    next_year: int | None = Field(
        default=None, ge=1949, le=2100, description="For next_meeting: the year it will be held."
    )
    evidence: Evidence = Field(default_factory=list)
    grounded: Grounded = True


class Document(Record):
    """Everything one article reports about meetings, the officials in them, and their decisions."""

    doc_id: str = Field(min_length=1, description="The article's file name without extension.")
    language: Literal["en", "zh"] = Field(description="The article's main language.")
    published: dt.date | None = Field(default=None, description="Publication date, if stated.")
    meetings: list[Meeting] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    resolutions: list[Resolution] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = _duplicate_ids(self) + _dangling_references(self)
        if sum(m.primary for m in self.meetings) > 1:
            problems.append("more than one meeting is marked primary")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _duplicate_ids(doc: Document) -> list[str]:
    problems = []
    for label, records in (
        ("meeting", doc.meetings),
        ("official", doc.officials),
        ("resolution", doc.resolutions),
    ):
        seen: set[str] = set()
        for record in records:
            if record.id in seen:
                problems.append(f"duplicate {label} id {record.id!r}")
            seen.add(record.id)
    return problems


def _dangling_references(doc: Document) -> list[str]:
    meeting_ids = {m.id for m in doc.meetings}
    problems = []
    for official in doc.officials:
        for attendance in official.meetings:
            if attendance.meeting not in meeting_ids:
                problems.append(
                    f"official {official.id} refers to unknown meeting {attendance.meeting!r}"
                )
    for resolution in doc.resolutions:
        if resolution.meeting not in meeting_ids:
            problems.append(
                f"resolution {resolution.id} refers to unknown meeting {resolution.meeting!r}"
            )
    return problems

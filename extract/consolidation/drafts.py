"""Consolidated meetings and decisions while they are being built, before they become models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extract.consolidation.meetings import MeetingRecord
from extract.consolidation.resolutions import ResolutionRecord
from schemas.corpus import FieldValue
from schemas.mechanisms import Mechanism
from schemas.regions import RegionCode


@dataclass
class ResolutionDraft:
    """A consolidated decision before it becomes a model."""

    id: str
    records: list[ResolutionRecord]
    next_host: RegionCode | None = None
    next_year: int | None = None


@dataclass
class MeetingDraft:
    """A consolidated meeting before it becomes a model: its records and resolved fields."""

    id: str
    records: list[MeetingRecord]
    values: dict[str, FieldValue | None] = field(default_factory=dict)
    resolutions: list[ResolutionDraft] = field(default_factory=list)

    @property
    def mechanism(self) -> Mechanism | None:
        return next((r.mechanism for r in self.records if r.mechanism), None)

    @property
    def year(self) -> int | None:
        start = self.values.get("start_date")
        if isinstance(start, str):
            return dt.date.fromisoformat(start).year
        return min((r.year for r in self.records if r.year is not None), default=None)

    @property
    def ordinal(self) -> int | None:
        return next((r.ordinal for r in self.records if r.ordinal is not None), None)

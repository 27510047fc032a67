"""The decisions of one consolidated meeting, merged over the sources that report them.

Within a meeting, two sources' decisions are one when they are the same kind and: in the same
language, their titles are alike; for the next meeting, they plan the same sort of meeting (a
meeting decides its next venue once, so differing hosts are a conflict, not two decisions); in
different languages, each source reports only one decision of that kind (a translated title
shares no words with its original, so nothing else can pair them).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.fuzz import ratio

from extract.consolidation.linkage import Link, cluster
from schemas.corpus import SourceRef
from schemas.mechanisms import fold_mechanism_text, kind_named_in
from schemas.models import Document, Meeting, MeetingKind, Resolution, ResolutionKind

SIMILAR_TITLES = 0.6
"""Titles in one language count as one decision from this similarity (Indel ratio) up."""


@dataclass(frozen=True)
class ResolutionRecord:
    """One resolution record, with the meeting record that made it."""

    document: Document
    resolution: Resolution
    meeting: Meeting

    @property
    def ref(self) -> SourceRef:
        return SourceRef(doc_id=self.document.doc_id, record=self.resolution.id)

    @property
    def planned_kind(self) -> MeetingKind:
        """For next_meeting: the sort of meeting planned (its title's words, else its maker's)."""
        return kind_named_in(self.resolution.title) or self.meeting.kind


def title_similarity(a: str, b: str) -> float:
    """How alike two titles are once case, width, script and punctuation are folded away."""
    fold_a = fold_mechanism_text(unicodedata.normalize("NFKC", a))
    fold_b = fold_mechanism_text(unicodedata.normalize("NFKC", b))
    return ratio(fold_a, fold_b) / 100 if fold_a and fold_b else 0.0


def kept_apart(a: ResolutionRecord, b: ResolutionRecord) -> bool:
    """Never one decision: from one article, of different kinds, or planning different meetings."""
    return (
        a.document.doc_id == b.document.doc_id
        or a.resolution.kind != b.resolution.kind
        or (a.resolution.kind == ResolutionKind.NEXT_MEETING and a.planned_kind != b.planned_kind)
    )


def group_resolutions(records: list[ResolutionRecord]) -> list[list[int]]:
    """Indices of the records (all of one consolidated meeting) that are one decision."""
    per_source_kind = Counter((r.document.doc_id, r.resolution.kind) for r in records)
    links: list[Link] = []
    for i, j in combinations(range(len(records)), 2):
        a, b = records[i], records[j]
        if kept_apart(a, b):
            continue
        if a.resolution.kind == ResolutionKind.NEXT_MEETING:
            links.append((2.0, i, j))
        elif a.document.language == b.document.language:
            similarity = title_similarity(a.resolution.title, b.resolution.title)
            if similarity >= SIMILAR_TITLES:
                links.append((1.0 + similarity, i, j))
        elif (
            per_source_kind[(a.document.doc_id, a.resolution.kind)]
            == 1
            == per_source_kind[(b.document.doc_id, b.resolution.kind)]
        ):
            links.append((1.0, i, j))

    def can_join(group_a: list[int], group_b: list[int]) -> bool:
        return not any(kept_apart(records[i], records[j]) for i in group_a for j in group_b)

    return cluster(len(records), links, can_join)

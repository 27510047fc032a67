"""Which predicted record corresponds to which gold record, per record type, in one document.

Each record type has a similarity in [0, 1] (plus a 0.01 tie-breaker for officials and
resolutions) and a threshold; the pairs are the optimal one-to-one assignment (`best_assignment`).
Meetings are aligned first, because officials and resolutions refer to meetings by id and those
ids differ between gold and prediction: `Alignment.meeting_map` translates predicted ids to gold
ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from evals.assignment import best_assignment
from evals.similarity import names_match, person_keys, text_similarity
from schemas.models import Document, Meeting, Official, Resolution, ResolutionKind
from schemas.places import same_place

MATCH_THRESHOLDS: dict[str, float] = {"meetings": 0.35, "officials": 0.5, "resolutions": 0.4}
"""The least similarity at which a predicted record is paired with a gold record."""

RECORD_TYPES: tuple[str, ...] = ("meetings", "officials", "resolutions")

AnyRecord = Meeting | Official | Resolution

Pair = tuple[int, int]
"""(index in the gold document's list, index in the predicted document's list)."""

_R = TypeVar("_R")


def records_of(doc: Document, record_type: str) -> Sequence[AnyRecord]:
    """The document's records of one type ("meetings", "officials" or "resolutions")."""
    by_type: dict[str, Sequence[AnyRecord]] = {
        "meetings": doc.meetings,
        "officials": doc.officials,
        "resolutions": doc.resolutions,
    }
    return by_type[record_type]


def date_score(gold: dt.date | None, pred: dt.date | None) -> float:
    """1 for the same day, 0.5 within three days or when neither is known, else 0."""
    if gold is None and pred is None:
        return 0.5
    if gold is None or pred is None:
        return 0.0
    if gold == pred:
        return 1.0
    return 0.5 if abs((gold - pred).days) <= 3 else 0.0


def meeting_similarity(gold: Meeting, pred: Meeting) -> float:
    """0.45 name + 0.30 start date + 0.15 place (province or city) + 0.10 kind."""
    return (
        0.45 * text_similarity(gold.name, pred.name)
        + 0.30 * date_score(gold.start_date, pred.start_date)
        + 0.15 * float(same_place(gold, pred))
        + 0.10 * float(gold.kind == pred.kind)
    )


def _official_keys(official: Official) -> frozenset[str]:
    return person_keys(official.name, official.name_zh, official.name_en)


def official_similarity(gold: Official, pred: Official) -> float:
    """1.0 when any of the names match (same key), plus 0.01 for the same region; else 0.0."""
    same = names_match(_official_keys(gold), _official_keys(pred))
    if not same and gold.name.strip() != pred.name.strip():
        return 0.0
    return 1.01 if gold.region is not None and gold.region == pred.region else 1.0


def resolution_similarity(
    gold: Resolution, pred: Resolution, meeting_map: Mapping[str, str] | None = None
) -> float:
    """0.35 kind + 0.65 title, plus 0.3 for a next-meeting decision naming the same host (max 1).

    With `meeting_map` (predicted meeting id -> gold meeting id), a pair that already reaches the
    threshold gains 0.01 when its meetings correspond, so that same-titled decisions of different
    meetings ("会议纪要") pair up with the right meeting.
    """
    score = 0.35 * float(gold.kind == pred.kind) + 0.65 * text_similarity(gold.title, pred.title)
    both_next = gold.kind == pred.kind == ResolutionKind.NEXT_MEETING
    if both_next and gold.next_host is not None and gold.next_host == pred.next_host:
        score += 0.3
    score = min(score, 1.0)
    if meeting_map is not None and score >= MATCH_THRESHOLDS["resolutions"]:
        score += 0.01 * float(meeting_map.get(pred.meeting) == gold.meeting)
    return score


def match_records(
    gold: Sequence[_R], pred: Sequence[_R], similarity: Callable[[_R, _R], float], threshold: float
) -> list[Pair]:
    """The optimal pairs of gold and predicted records whose similarity reaches the threshold."""
    matrix = [[similarity(g, p) for p in pred] for g in gold]
    return best_assignment(matrix, threshold)


@dataclass(frozen=True)
class Alignment:
    """Matched pairs per record type, and predicted meeting id -> gold meeting id."""

    pairs: dict[str, list[Pair]]
    meeting_map: dict[str, str]


def align(gold: Document, pred: Document) -> Alignment:
    """Pair the predicted records of a document with its gold records, type by type."""
    meetings = match_records(
        gold.meetings, pred.meetings, meeting_similarity, MATCH_THRESHOLDS["meetings"]
    )
    meeting_map = {pred.meetings[p].id: gold.meetings[g].id for g, p in meetings}
    officials = match_records(
        gold.officials, pred.officials, official_similarity, MATCH_THRESHOLDS["officials"]
    )
    resolutions = match_records(
        gold.resolutions,
        pred.resolutions,
        lambda g, p: resolution_similarity(g, p, meeting_map),
        MATCH_THRESHOLDS["resolutions"],
    )
    return Alignment(
        pairs={"meetings": meetings, "officials": officials, "resolutions": resolutions},
        meeting_map=meeting_map,
    )

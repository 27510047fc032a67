"""Field-by-field comparison of a matched gold/predicted pair; every field scores in [0, 1].

Exact fields score 1 when equal (two absent values are equal), free-text fields 1 when
`texts_match`, list fields the F1 of their sets. Meeting references in predictions are translated
to gold ids through the alignment's meeting map first. Evidence spans are not scored.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from evals.alignment import Alignment
from evals.similarity import (
    names_match,
    person_keys,
    same_person_name,
    texts_match,
)
from schemas.models import Document, Meeting, Official, Resolution, Role
from schemas.names import fold_latin_name, to_simplified
from schemas.places import place_key

MEETING_FIELDS = (
    "name", "kind", "primary", "start_date", "end_date",
    "city", "province", "host", "theme", "members",
)  # fmt: skip
OFFICIAL_FIELDS = ("name", "name_zh", "name_en", "region", "positions", "meetings")
RESOLUTION_FIELDS = ("meeting", "kind", "in_principle", "title", "next_host", "next_year")
FIELDS: dict[str, tuple[str, ...]] = {
    "meetings": MEETING_FIELDS,
    "officials": OFFICIAL_FIELDS,
    "resolutions": RESOLUTION_FIELDS,
}

UNMATCHED_MEETING = "<unmatched meeting>"
"""Stands for a predicted meeting with no gold counterpart; never equal to a gold meeting id."""


def exact(gold: object, pred: object) -> float:
    """1.0 if equal (including both None), else 0.0."""
    return 1.0 if gold == pred else 0.0


def fuzzy(gold: str | None, pred: str | None) -> float:
    """1.0 if the texts match (see `texts_match`), else 0.0."""
    return 1.0 if texts_match(gold, pred) else 0.0


def set_f1(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> float:
    """F1 of the predicted set against the gold set; 1.0 when both are empty."""
    gold_set, pred_set = set(gold), set(pred)
    if not gold_set and not pred_set:
        return 1.0
    return 2 * len(gold_set & pred_set) / (len(gold_set) + len(pred_set))


def meeting_fields(gold: Meeting, pred: Meeting) -> dict[str, float]:
    """Scores of every field in `MEETING_FIELDS`."""
    return {
        "name": fuzzy(gold.name, pred.name),
        "kind": exact(gold.kind, pred.kind),
        "primary": exact(gold.primary, pred.primary),
        "start_date": exact(gold.start_date, pred.start_date),
        "end_date": exact(gold.end_date, pred.end_date),
        "city": exact(place_key(gold.city), place_key(pred.city)),
        "province": exact(gold.province, pred.province),
        "host": exact(gold.host, pred.host),
        "theme": fuzzy(gold.theme, pred.theme),
        "members": set_f1(gold.members, pred.members),
    }


def _name_zh(gold: str | None, pred: str | None) -> float:
    if gold is None or pred is None:
        return exact(gold, pred)
    return exact(to_simplified("".join(gold.split())), to_simplified("".join(pred.split())))


def _name_en(gold: str | None, pred: str | None) -> float:
    if gold is None or pred is None:
        return exact(gold, pred)
    if fold_latin_name(gold) == fold_latin_name(pred):
        return 1.0
    return 1.0 if names_match(person_keys(gold), person_keys(pred)) else 0.0


def _attendances(
    official: Official, meeting_id: Mapping[str, str] | None
) -> set[tuple[str, Role | None]]:
    """(meeting id, role) pairs; an attendance with no roles counts as (meeting id, None)."""
    pairs: set[tuple[str, Role | None]] = set()
    for attendance in official.meetings:
        meeting = attendance.meeting
        if meeting_id is not None:
            meeting = meeting_id.get(meeting, UNMATCHED_MEETING)
        roles: list[Role | None] = [*attendance.roles] or [None]
        pairs.update((meeting, role) for role in roles)
    return pairs


def official_fields(
    gold: Official, pred: Official, meeting_map: Mapping[str, str]
) -> dict[str, float]:
    """Scores of every field in `OFFICIAL_FIELDS`."""
    return {
        "name": 1.0 if same_person_name(gold.name, pred.name) else 0.0,
        "name_zh": _name_zh(gold.name_zh, pred.name_zh),
        "name_en": _name_en(gold.name_en, pred.name_en),
        "region": exact(gold.region, pred.region),
        "positions": set_f1(
            {(p.rank, p.region) for p in gold.positions},
            {(p.rank, p.region) for p in pred.positions},
        ),
        "meetings": set_f1(_attendances(gold, None), _attendances(pred, meeting_map)),
    }


def resolution_fields(
    gold: Resolution, pred: Resolution, meeting_map: Mapping[str, str]
) -> dict[str, float]:
    """Scores of every field in `RESOLUTION_FIELDS`."""
    return {
        "meeting": exact(gold.meeting, meeting_map.get(pred.meeting, UNMATCHED_MEETING)),
        "kind": exact(gold.kind, pred.kind),
        "in_principle": exact(gold.in_principle, pred.in_principle),
        "title": fuzzy(gold.title, pred.title),
        "next_host": exact(gold.next_host, pred.next_host),
        "next_year": exact(gold.next_year, pred.next_year),
    }


def pair_field_scores(
    gold: Document, pred: Document, alignment: Alignment
) -> dict[str, list[dict[str, float]]]:
    """The field scores of every matched pair, by record type, in the alignment's pair order."""
    pairs, ids = alignment.pairs, alignment.meeting_map
    return {
        "meetings": [
            meeting_fields(gold.meetings[g], pred.meetings[p]) for g, p in pairs["meetings"]
        ],
        "officials": [
            official_fields(gold.officials[g], pred.officials[p], ids)
            for g, p in pairs["officials"]
        ],
        "resolutions": [
            resolution_fields(gold.resolutions[g], pred.resolutions[p], ids)
            for g, p in pairs["resolutions"]
        ],
    }

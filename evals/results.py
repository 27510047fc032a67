"""The shape of a scoring report: plain JSON-able dicts, described as TypedDicts.

Record types are the keys "meetings", "officials" and "resolutions"; field names are those of
`evals.fields.FIELDS`. A field accuracy is None when the record type has no matched pair.
"""

from __future__ import annotations

from typing import Literal, TypedDict

ErrorKind = Literal[
    "missing_prediction", "invalid_prediction", "invalid_gold", "ignored_prediction"
]


class TypeScores(TypedDict):
    """Record-level scores of one record type."""

    precision: float
    recall: float
    f1: float
    quality_f1: float
    gold: int
    pred: int
    matched: int


class DocumentReport(TypedDict):
    """The scores of one document, and which records were paired."""

    headline: float
    by_type: dict[str, TypeScores]
    by_field: dict[str, dict[str, float | None]]
    matches: dict[str, list[list[str]]]  # record type -> [[gold id, predicted id], ...]
    unmatched_gold: dict[str, list[str]]
    unmatched_pred: dict[str, list[str]]


class ErrorEntry(TypedDict):
    """A file that could not be used as it is; `kind` says what happened to its document."""

    doc_id: str
    file: str
    reason: str
    kind: ErrorKind


CONSEQUENCES: dict[ErrorKind, str] = {
    "missing_prediction": "scored as an empty prediction",
    "invalid_prediction": "scored as an empty prediction",
    "invalid_gold": "document not scored",
    "ignored_prediction": "ignored",
}


def error_entry(doc_id: str, file: str, problem: str, kind: ErrorKind) -> ErrorEntry:
    """An error entry whose reason states the problem and what was done about it."""
    return ErrorEntry(
        doc_id=doc_id, file=file, reason=f"{problem}; {CONSEQUENCES[kind]}", kind=kind
    )


class Settings(TypedDict):
    """The constants the scores depend on."""

    fuzzy_threshold: float
    match_thresholds: dict[str, float]
    headline: str


class Report(TypedDict):
    """Scores over all documents (micro-averaged), per document, and the problems met."""

    headline: float
    by_type: dict[str, TypeScores]
    by_field: dict[str, dict[str, float | None]]
    documents: dict[str, DocumentReport]
    errors: list[ErrorEntry]
    settings: Settings

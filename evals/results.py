"""The shape of a scoring report: plain JSON-able dicts, described as TypedDicts.

Record types are the keys "meetings", "officials" and "resolutions"; field names are those of
`evals.fields.FIELDS`. A field accuracy is None when the record type has no matched pair.

The evidence keys (`Report.evidence`, `DocumentReport.evidence`) are present only when the evidence
spans were checked against the articles (see `evals.evidence`); a document whose article could not
be read then has `"evidence": null`.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

ErrorKind = Literal[
    "missing_prediction",
    "invalid_prediction",
    "invalid_gold",
    "ignored_prediction",
    "missing_article",
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


class EvidenceScores(TypedDict):
    """How well the predicted evidence spans point into the article, and at the gold evidence.

    A span is valid when `article[start:end] == text` (0 <= start < end <= len(article)); the
    overlap of a matched record pair is the IoU of the characters its predicted valid spans and its
    gold spans cover (pairs whose gold record has no evidence are left out).
    """

    predicted_records: int
    ungrounded_records: int  # predicted records without a single valid span
    predicted_spans: int
    valid_spans: int
    valid_share: float | None  # valid_spans / predicted_spans; None without predicted spans
    overlap_iou: float | None  # mean IoU over the overlap pairs; None without pairs
    overlap_pairs: int


class EvidenceTotals(EvidenceScores):
    """Evidence scores summed over the documents whose article was read."""

    documents: int
    articles_dir: str


class DocumentReport(TypedDict):
    """The scores of one document, and which records were paired."""

    headline: float
    by_type: dict[str, TypeScores]
    by_field: dict[str, dict[str, float | None]]
    matches: dict[str, list[list[str]]]  # record type -> [[gold id, predicted id], ...]
    unmatched_gold: dict[str, list[str]]
    unmatched_pred: dict[str, list[str]]
    evidence: NotRequired[EvidenceScores | None]


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
    "missing_article": "its evidence spans are not checked",
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
    evidence: NotRequired[EvidenceTotals]

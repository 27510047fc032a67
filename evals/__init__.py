"""Scoring extracted records against gold records.

    from evals import score_directories
    report = score_directories("seeds/gold", "runs/latest")
    report["headline"]     # mean quality-weighted F1 over meetings, officials, resolutions
    report["evidence"]     # evidence spans checked against the articles, when they are found

`score_documents` scores documents already in memory. The command line is `python -m evals score`.
This package never talks to a model: it depends only on `schemas`.
"""

from evals.corpus import ScoringInputError, score_directories
from evals.results import (
    DocumentReport,
    ErrorEntry,
    EvidenceScores,
    EvidenceTotals,
    Report,
    TypeScores,
)
from evals.scoring import score_documents

__all__ = [
    "DocumentReport",
    "ErrorEntry",
    "EvidenceScores",
    "EvidenceTotals",
    "Report",
    "ScoringInputError",
    "TypeScores",
    "score_directories",
    "score_documents",
]

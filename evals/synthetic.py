"""The scorer's own speed, on synthetic documents made from the gold records.

Each synthetic pair is a gold document under a new id and a prediction that differs from it the
way extractor output does: records in another order, a record missing, a name shortened. So the
assignment and every field comparison do real work.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from evals.scoring import score_documents
from schemas.io import load_document
from schemas.models import Document


def synthetic_pairs(
    golds: list[Document], count: int
) -> tuple[dict[str, Document], dict[str, Document]]:
    """`count` gold documents and their imperfect predictions, cycling through `golds`."""
    gold: dict[str, Document] = {}
    pred: dict[str, Document] = {}
    for number in range(count):
        base = golds[number % len(golds)]
        doc_id = f"{base.doc_id}-{number:05d}"
        gold[doc_id] = base.model_copy(update={"doc_id": doc_id})
        pred[doc_id] = imperfect_copy(base, doc_id)
    return gold, pred


def imperfect_copy(document: Document, doc_id: str) -> Document:
    officials = list(reversed(document.officials))[: max(len(document.officials) - 1, 1)]
    meetings = [
        meeting.model_copy(update={"name": meeting.name[: max(len(meeting.name) - 3, 1)]})
        for meeting in document.meetings
    ]
    return document.model_copy(
        update={"doc_id": doc_id, "officials": officials, "meetings": meetings}
    )


def time_scorer(gold_dir: Path, documents: int = 1000) -> dict[str, Any]:
    """Seconds to score `documents` synthetic documents (without the evidence check)."""
    golds = [load_document(path) for path in sorted(Path(gold_dir).glob("*.json"))]
    gold, pred = synthetic_pairs(golds, documents)
    started = time.perf_counter()
    report = score_documents(gold, pred)
    seconds = time.perf_counter() - started
    return {
        "documents": documents,
        "seconds": round(seconds, 2),
        "documents_per_second": round(documents / seconds, 1),
        "headline": round(report["headline"], 3),
    }

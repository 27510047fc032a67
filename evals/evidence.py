"""The quality of a prediction's evidence spans, checked against the article they point into.

Per document, and summed over documents (micro average):

* `predicted_spans`: the evidence spans of all predicted records; `valid_spans`: those with
  0 <= start < end <= len(article) and `article[start:end] == text`; `valid_share` is their ratio
  (None without predicted spans);
* `ungrounded_records`: predicted records with no valid span (none at all counts too), out of
  `predicted_records`;
* `overlap_iou`: over the matched record pairs of all three types (see `evals.alignment`) whose
  gold record has evidence, the mean of the character-level IoU between the code points covered
  by the predicted record's valid spans and those covered by the gold record's spans; a pair
  whose prediction has no valid span counts 0. `overlap_pairs` is the number of such pairs, and
  the mean over documents is taken over all their pairs together (None without pairs).

These numbers are reported beside the scores and never change them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from evals.alignment import RECORD_TYPES, Alignment, records_of
from evals.results import EvidenceScores, EvidenceTotals
from schemas.models import Document, Span

Interval = tuple[int, int]
"""A half-open range [start, end) of code-point offsets."""


@dataclass(frozen=True)
class Articles:
    """The article texts the spans are checked against, by document id.

    A document without an entry in `texts` (its article could not be read) is not checked.
    """

    directory: str
    texts: Mapping[str, str]


def span_is_valid(span: Span, article: str) -> bool:
    """True when the span's offsets lie in the article and its text is exactly what they cover."""
    return (
        0 <= span.start < span.end <= len(article) and article[span.start : span.end] == span.text
    )


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of half-open intervals, as sorted disjoint intervals (empty ones dropped)."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(intervals: list[Interval]) -> int:
    return sum(end - start for start, end in intervals)


def _intersection(a: list[Interval], b: list[Interval]) -> int:
    """The number of offsets in both unions (each a sorted disjoint list)."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def iou(a: Iterable[Interval], b: Iterable[Interval]) -> float:
    """|A ∩ B| / |A ∪ B| of the offsets two sets of intervals cover; 0.0 when both are empty."""
    left, right = merge(a), merge(b)
    common = _intersection(left, right)
    union = _length(left) + _length(right) - common
    return common / union if union else 0.0


@dataclass
class EvidenceTally:
    """The evidence counts of one document, or summed over several."""

    predicted_records: int = 0
    ungrounded_records: int = 0
    predicted_spans: int = 0
    valid_spans: int = 0
    overlap_sum: float = 0.0
    overlap_pairs: int = 0

    def absorb(self, other: EvidenceTally) -> None:
        """Add another tally's counts to this one."""
        self.predicted_records += other.predicted_records
        self.ungrounded_records += other.ungrounded_records
        self.predicted_spans += other.predicted_spans
        self.valid_spans += other.valid_spans
        self.overlap_sum += other.overlap_sum
        self.overlap_pairs += other.overlap_pairs

    def scores(self) -> EvidenceScores:
        """The reported numbers of this tally."""
        return EvidenceScores(
            predicted_records=self.predicted_records,
            ungrounded_records=self.ungrounded_records,
            predicted_spans=self.predicted_spans,
            valid_spans=self.valid_spans,
            valid_share=(self.valid_spans / self.predicted_spans if self.predicted_spans else None),
            overlap_iou=self.overlap_sum / self.overlap_pairs if self.overlap_pairs else None,
            overlap_pairs=self.overlap_pairs,
        )

    def totals(self, documents: int, articles_dir: str) -> EvidenceTotals:
        """The reported numbers of a tally summed over `documents` documents."""
        scores = self.scores()
        return EvidenceTotals(
            predicted_records=scores["predicted_records"],
            ungrounded_records=scores["ungrounded_records"],
            predicted_spans=scores["predicted_spans"],
            valid_spans=scores["valid_spans"],
            valid_share=scores["valid_share"],
            overlap_iou=scores["overlap_iou"],
            overlap_pairs=scores["overlap_pairs"],
            documents=documents,
            articles_dir=articles_dir,
        )


def _intervals(spans: Iterable[Span]) -> list[Interval]:
    return [(span.start, span.end) for span in spans]


def evidence_tally(
    gold: Document, pred: Document, alignment: Alignment, article: str
) -> EvidenceTally:
    """Check the predicted document's spans against its article and the gold evidence."""
    tally = EvidenceTally()
    for kind in RECORD_TYPES:
        gold_records, pred_records = records_of(gold, kind), records_of(pred, kind)
        valid: list[list[Span]] = []
        for record in pred_records:
            good = [span for span in record.evidence if span_is_valid(span, article)]
            valid.append(good)
            tally.predicted_records += 1
            tally.predicted_spans += len(record.evidence)
            tally.valid_spans += len(good)
            tally.ungrounded_records += int(not good)
        for g, p in alignment.pairs[kind]:
            gold_spans = gold_records[g].evidence
            if not gold_spans:
                continue
            tally.overlap_pairs += 1
            tally.overlap_sum += iou(_intervals(valid[p]), _intervals(gold_spans))
    return tally

"""Scores of predicted documents against gold documents.

Per record type (meetings, officials, resolutions), with n_gold gold records, n_pred predicted
records and tp matched pairs (see `evals.alignment`):

* precision = tp / n_pred, recall = tp / n_gold, f1 = their harmonic mean;
* each matched pair has a quality q, the mean of its field scores (see `evals.fields`), and
  Q = the sum of q over the pairs; quality_f1 is the harmonic mean of Q / n_pred and Q / n_gold;
* a field's accuracy is its mean score over the matched pairs (None without pairs).

Zero counts: when n_gold == n_pred == 0 every ratio is 1.0 (nothing to find, nothing invented);
when only one of them is 0, the ratio with the zero denominator is 0.0 (and so is the other one,
since tp is then 0).

The headline is the mean of quality_f1 over the three record types. Over several documents the
counts, Q and field-score sums are added up first (micro average) and the ratios computed from the
sums; a document's own headline uses its own counts.

Given the articles, the evidence spans are checked too (see `evals.evidence`); their numbers are
reported beside the scores, under "evidence", and change none of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from evals.alignment import MATCH_THRESHOLDS, RECORD_TYPES, Alignment, align, records_of
from evals.evidence import Articles, EvidenceTally, evidence_tally
from evals.fields import FIELDS, pair_field_scores
from evals.results import (
    DocumentReport,
    ErrorEntry,
    Report,
    Settings,
    TypeScores,
    error_entry,
)
from evals.similarity import FUZZY_THRESHOLD
from schemas.models import Document

HEADLINE_DEFINITION = (
    "mean over meetings, officials and resolutions of the quality-weighted F1 "
    "(harmonic mean of Q/n_pred and Q/n_gold, Q = sum over matched pairs of the mean field "
    "score), with counts summed over documents"
)


@dataclass
class Tally:
    """The counts of one record type, for one document or summed over several."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    quality: float = 0.0  # Q: sum over matched pairs of the pair's mean field score
    field_sums: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, n_gold: int, n_pred: int, pairs: list[dict[str, float]]) -> Tally:
        """The tally of one document, from the field scores of its matched pairs."""
        tally = cls(gold=n_gold, pred=n_pred, matched=len(pairs))
        for scores in pairs:
            tally.quality += sum(scores.values()) / len(scores)
            for name, score in scores.items():
                tally.field_sums[name] = tally.field_sums.get(name, 0.0) + score
        return tally

    def absorb(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched
        self.quality += other.quality
        for name, score in other.field_sums.items():
            self.field_sums[name] = self.field_sums.get(name, 0.0) + score


def ratio(numerator: float, denominator: int, other_count: int) -> float:
    """numerator / denominator; if the denominator is 0: 1.0 when other_count is 0 too, else 0.0."""
    if denominator == 0:
        return 1.0 if other_count == 0 else 0.0
    return numerator / denominator


def harmonic_mean(a: float, b: float) -> float:
    """2ab / (a + b), or 0.0 when both are 0."""
    return 0.0 if a + b == 0 else 2 * a * b / (a + b)


def type_scores(tally: Tally) -> TypeScores:
    """Record-level and quality-weighted scores of one tally."""
    precision = ratio(tally.matched, tally.pred, tally.gold)
    recall = ratio(tally.matched, tally.gold, tally.pred)
    quality_precision = ratio(tally.quality, tally.pred, tally.gold)
    quality_recall = ratio(tally.quality, tally.gold, tally.pred)
    return TypeScores(
        precision=precision,
        recall=recall,
        f1=harmonic_mean(precision, recall),
        quality_f1=harmonic_mean(quality_precision, quality_recall),
        gold=tally.gold,
        pred=tally.pred,
        matched=tally.matched,
    )


def field_accuracy(record_type: str, tally: Tally) -> dict[str, float | None]:
    """Mean score of every field of the record type over the matched pairs (None if no pairs)."""
    return {
        name: tally.field_sums.get(name, 0.0) / tally.matched if tally.matched else None
        for name in FIELDS[record_type]
    }


def headline(by_type: Mapping[str, TypeScores]) -> float:
    """The mean quality-weighted F1 over the three record types."""
    return sum(by_type[kind]["quality_f1"] for kind in RECORD_TYPES) / len(RECORD_TYPES)


@dataclass
class DocumentScore:
    """One document's tallies (for summing) and its report; `evidence` only given the article.

    `alignment` and `field_scores` (by record type, in the alignment's pair order) are the pairing
    and the per-pair field scores the report was computed from, for tools that show them.
    """

    tallies: dict[str, Tally]
    report: DocumentReport
    alignment: Alignment
    field_scores: dict[str, list[dict[str, float]]]
    evidence: EvidenceTally | None = None


def score_document(gold: Document, pred: Document, article: str | None = None) -> DocumentScore:
    """Align one predicted document with its gold document and score it.

    Given the article, the predicted evidence spans are checked too, and the report gets an
    "evidence" entry.
    """
    alignment = align(gold, pred)
    field_scores = pair_field_scores(gold, pred, alignment)
    report = DocumentReport(
        headline=0.0, by_type={}, by_field={}, matches={}, unmatched_gold={}, unmatched_pred={}
    )
    tallies: dict[str, Tally] = {}
    for kind in RECORD_TYPES:
        gold_ids = [record.id for record in records_of(gold, kind)]
        pred_ids = [record.id for record in records_of(pred, kind)]
        pairs = alignment.pairs[kind]
        tallies[kind] = Tally.of(len(gold_ids), len(pred_ids), field_scores[kind])
        report["by_type"][kind] = type_scores(tallies[kind])
        report["by_field"][kind] = field_accuracy(kind, tallies[kind])
        report["matches"][kind] = [[gold_ids[g], pred_ids[p]] for g, p in pairs]
        paired_gold, paired_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        report["unmatched_gold"][kind] = [i for n, i in enumerate(gold_ids) if n not in paired_gold]
        report["unmatched_pred"][kind] = [i for n, i in enumerate(pred_ids) if n not in paired_pred]
    report["headline"] = headline(report["by_type"])
    evidence = None
    if article is not None:
        evidence = evidence_tally(gold, pred, alignment, article)
        report["evidence"] = evidence.scores()
    return DocumentScore(
        tallies=tallies,
        report=report,
        alignment=alignment,
        field_scores=field_scores,
        evidence=evidence,
    )


def empty_prediction(gold: Document) -> Document:
    """The prediction a document is scored against when there is no usable one: no records."""
    return Document(doc_id=gold.doc_id, language=gold.language)


def settings() -> Settings:
    """The constants behind the scores, recorded in every report."""
    return Settings(
        fuzzy_threshold=FUZZY_THRESHOLD,
        match_thresholds=dict(MATCH_THRESHOLDS),
        headline=HEADLINE_DEFINITION,
    )


@dataclass
class ScoredCorpus:
    """A report and the per-document scores it was summed from (by document id)."""

    report: Report
    documents: dict[str, DocumentScore]


def score_documents(
    gold: Mapping[str, Document],
    pred: Mapping[str, Document],
    errors: Sequence[ErrorEntry] = (),
    articles: Articles | None = None,
) -> Report:
    """Score every gold document against the prediction with the same key (see `score_corpus`)."""
    return score_corpus(gold, pred, errors, articles).report


def score_corpus(
    gold: Mapping[str, Document],
    pred: Mapping[str, Document],
    errors: Sequence[ErrorEntry] = (),
    articles: Articles | None = None,
) -> ScoredCorpus:
    """Score every gold document against the prediction with the same key.

    A gold document without a prediction is scored as an empty prediction, and a prediction
    without a gold document is ignored; both are listed in the report's errors after `errors`.

    With `articles`, the evidence spans of every document whose article text is given are checked,
    and the report (and each document's report) gets an "evidence" entry; a document without its
    article text gets `"evidence": null` and is left out of the sums. Without `articles` there is
    no "evidence" entry at all.
    """
    all_errors = list(errors)
    totals = {kind: Tally() for kind in RECORD_TYPES}
    evidence_totals, evidence_documents = EvidenceTally(), 0
    documents: dict[str, DocumentReport] = {}
    scores: dict[str, DocumentScore] = {}
    for doc_id in sorted(gold):
        prediction = pred.get(doc_id)
        if prediction is None:
            all_errors.append(error_entry(doc_id, "", "no prediction given", "missing_prediction"))
            prediction = empty_prediction(gold[doc_id])
        article = None if articles is None else articles.texts.get(doc_id)
        scored = scores[doc_id] = score_document(gold[doc_id], prediction, article)
        for kind in RECORD_TYPES:
            totals[kind].absorb(scored.tallies[kind])
        documents[doc_id] = scored.report
        if articles is not None:
            if scored.evidence is None:
                documents[doc_id]["evidence"] = None
            else:
                evidence_totals.absorb(scored.evidence)
                evidence_documents += 1
    for doc_id in sorted(set(pred) - set(gold)):
        all_errors.append(error_entry(doc_id, "", "no gold document", "ignored_prediction"))
    by_type = {kind: type_scores(totals[kind]) for kind in RECORD_TYPES}
    report = Report(
        headline=headline(by_type),
        by_type=by_type,
        by_field={kind: field_accuracy(kind, totals[kind]) for kind in RECORD_TYPES},
        documents=documents,
        errors=all_errors,
        settings=settings(),
    )
    if articles is not None:
        report["evidence"] = evidence_totals.totals(evidence_documents, articles.directory)
    return ScoredCorpus(report=report, documents=scores)

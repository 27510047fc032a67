"""Scoring a consolidated corpus against the hand-labelled consolidation gold.

The gold (`schemas.ConsolidationGold`) names records of gold Documents ("doc_id:record"); a
corpus made from the toolkit's own extractions names records of the predicted Documents, whose ids
differ. Each predicted Document (found through the corpus's `documents[].path`) is therefore
paired with its gold Document by the scorer's own per-document alignment (`evals.alignment.align`:
the Hungarian assignment over the same similarities `evals score` uses), and a predicted record
stands for the gold record it is paired with. A corpus made from the gold Documents themselves
pairs every record with itself.

Merges are scored over the predicted records of the gold's documents. A record's true group is
its gold record's group (a record no gold record pairs with, an invented one, is a group of its
own); its predicted group is the consolidated record it was merged into. Both are reported:

* pairwise: precision = correct same-group pairs / predicted same-group pairs, recall = correct /
  true same-group pairs (1.0 when there are none to find or none claimed);
* B-cubed: per record, precision = |its predicted group ∩ its true group| / |predicted group|,
  recall = the same over |true group|, averaged over records.

Gold records no predicted record pairs with are extraction misses, not merge errors; they are
counted (`coverage`), and so are the true pairs they take out of reach (`pairs_not_extracted`).

A labelled conflict is found when the corpus has a conflict about the same subject and field in
which every labelled value is given by at least one of its labelled sources (after pairing).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from evals.alignment import align
from schemas.corpus import (
    Conflict,
    ConsolidationGold,
    Corpus,
    GoldConflict,
    SourceRef,
    load_consolidation_gold,
    load_corpus,
)
from schemas.errors import RecordFileError, ToolkitError
from schemas.io import load_document
from schemas.models import Document

Ref = str  # "doc_id:record"


class ConsolidationInputError(ToolkitError):
    """A gold or corpus file that cannot be scored at all."""


class MergeScores(TypedDict):
    """How well records were merged into real meetings or people."""

    records: int  # predicted records scored (of the gold's documents)
    gold_records: int
    covered: int  # gold records some predicted record pairs with
    coverage: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    pairs_not_extracted: int  # true pairs with a side no predicted record pairs with
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    wrong_merges: list[list[Ref]]  # predicted groups holding records of two true groups
    missed_merges: list[list[Ref]]  # true groups split over predicted groups (gold refs)


class ConflictFinding(TypedDict):
    subject: str
    field: str
    values: list[str]
    found: str | None  # id of the corpus conflict that matches it


class ConflictScores(TypedDict):
    labelled: int
    found: int
    recall: float
    conflicts: list[ConflictFinding]
    unlabelled: list[str]  # corpus conflicts matching no labelled one


class ConsolidationReport(TypedDict):
    gold: str
    pred: str
    documents: int
    errors: list[str]
    meetings: MergeScores
    people: MergeScores
    conflicts: ConflictScores


@dataclass
class _Pairing:
    """Predicted record -> gold record, per record type, over all documents."""

    meetings: dict[Ref, Ref] = field(default_factory=dict)
    officials: dict[Ref, Ref] = field(default_factory=dict)
    resolutions: dict[Ref, Ref] = field(default_factory=dict)

    def any_type(self, ref: Ref) -> set[Ref]:
        found = (self.meetings.get(ref), self.officials.get(ref), self.resolutions.get(ref))
        return {gold for gold in found if gold is not None}


def _pair_documents(gold: Document, pred: Document, pairing: _Pairing) -> None:
    alignment = align(gold, pred)
    for record_type, target in (
        ("meetings", pairing.meetings),
        ("officials", pairing.officials),
        ("resolutions", pairing.resolutions),
    ):
        gold_records = getattr(gold, record_type)
        pred_records = getattr(pred, record_type)
        for g, p in alignment.pairs[record_type]:
            target[f"{pred.doc_id}:{pred_records[p].id}"] = f"{gold.doc_id}:{gold_records[g].id}"


def _find_gold_document(gold_path: Path, gold: ConsolidationGold, doc_id: str) -> Path | None:
    for folder in gold.document_dirs:
        candidate = gold_path.parent / folder / f"{doc_id}.json"
        if candidate.is_file():
            return candidate
    return None


def _pred_path(corpus_path: Path, recorded: str) -> Path:
    path = Path(recorded)
    if path.is_absolute() or path.exists():
        return path
    return corpus_path.parent / path


def _load_pairs(
    gold_path: Path, gold: ConsolidationGold, corpus_path: Path, corpus: Corpus, errors: list[str]
) -> tuple[dict[str, Document], _Pairing]:
    gold_docs: dict[str, Document] = {}
    for doc_id in gold.documents:
        path = _find_gold_document(gold_path, gold, doc_id)
        if path is None:
            errors.append(f"{doc_id}: no gold Document in {', '.join(gold.document_dirs)}")
            continue
        try:
            gold_docs[doc_id] = load_document(path)
        except RecordFileError as exc:
            errors.append(str(exc))
    pairing = _Pairing()
    read = {d.doc_id for d in corpus.documents}
    for doc_id in sorted(set(gold_docs) - read):
        errors.append(f"{doc_id}: not in the corpus (scored as extracting nothing)")
    for entry in corpus.documents:
        if entry.doc_id not in gold_docs:
            continue
        try:
            pred = load_document(_pred_path(corpus_path, entry.path))
        except RecordFileError as exc:
            errors.append(f"{exc} (its records count as paired with no gold record)")
            continue
        _pair_documents(gold_docs[entry.doc_id], pred, pairing)
    return gold_docs, pairing


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _same_group_pairs(labels: Mapping[Ref, str]) -> set[frozenset[Ref]]:
    groups: dict[str, list[Ref]] = {}
    for ref, label in labels.items():
        groups.setdefault(label, []).append(ref)
    return {frozenset(pair) for refs in groups.values() for pair in itertools.combinations(refs, 2)}


def score_merges(
    predicted: Mapping[Ref, str],
    pairing: Mapping[Ref, Ref],
    gold_group: Mapping[Ref, str],
) -> MergeScores:
    """Merge scores of predicted records (ref -> consolidated id) against the gold groups.

    `gold_group` maps every gold record of the scored documents to its true group; `pairing`
    maps predicted refs to gold refs.
    """
    truth = {ref: gold_group.get(pairing.get(ref, ""), f"unpaired:{ref}") for ref in predicted}
    true_pairs, pred_pairs = _same_group_pairs(truth), _same_group_pairs(predicted)
    correct = len(true_pairs & pred_pairs)
    pairwise_p = _ratio(correct, len(pred_pairs))
    pairwise_r = _ratio(correct, len(true_pairs))
    pred_size, true_size = Counter(predicted.values()), Counter(truth.values())
    both = Counter((predicted[ref], truth[ref]) for ref in predicted)
    bcubed_p = _ratio(
        sum(both[(predicted[r], truth[r])] / pred_size[predicted[r]] for r in predicted),
        len(predicted),
    )
    bcubed_r = _ratio(
        sum(both[(predicted[r], truth[r])] / true_size[truth[r]] for r in predicted), len(predicted)
    )
    covered = set(pairing[ref] for ref in predicted if ref in pairing)
    all_true_pairs = _same_group_pairs(gold_group)
    return MergeScores(
        records=len(predicted),
        gold_records=len(gold_group),
        covered=len(covered),
        coverage=_ratio(len(covered), len(gold_group)),
        true_pairs=len(true_pairs),
        predicted_pairs=len(pred_pairs),
        correct_pairs=correct,
        pairs_not_extracted=sum(1 for pair in all_true_pairs if not pair <= covered),
        pairwise_precision=pairwise_p,
        pairwise_recall=pairwise_r,
        pairwise_f1=_f1(pairwise_p, pairwise_r),
        bcubed_precision=bcubed_p,
        bcubed_recall=bcubed_r,
        bcubed_f1=_f1(bcubed_p, bcubed_r),
        wrong_merges=_wrong_merges(predicted, truth),
        missed_merges=_missed_merges(predicted, truth, pairing),
    )


def _wrong_merges(predicted: Mapping[Ref, str], truth: Mapping[Ref, str]) -> list[list[Ref]]:
    by_group: dict[str, list[Ref]] = {}
    for ref, label in predicted.items():
        by_group.setdefault(label, []).append(ref)
    return [sorted(refs) for refs in by_group.values() if len({truth[r] for r in refs}) > 1]


def _missed_merges(
    predicted: Mapping[Ref, str], truth: Mapping[Ref, str], pairing: Mapping[Ref, Ref]
) -> list[list[Ref]]:
    by_truth: dict[str, list[Ref]] = {}
    for ref, label in truth.items():
        by_truth.setdefault(label, []).append(ref)
    return [
        sorted(pairing.get(r, r) for r in refs)
        for refs in by_truth.values()
        if len({predicted[r] for r in refs}) > 1
    ]


def gold_groups(records: Iterable[Ref], groups: Sequence[list[str]]) -> dict[Ref, str]:
    """Every gold record's true group: its labelled group's first ref, else itself."""
    group_of = {ref: group[0] for group in groups for ref in group}
    return {ref: group_of.get(ref, ref) for ref in records}


def _conflict_matches(labelled: GoldConflict, found: Conflict, pairing: _Pairing) -> bool:
    if labelled.subject != found.subject or labelled.field != found.field:
        return False
    for value in labelled.values:
        wanted = set(value.sources)
        if not any(
            candidate.value == value.value
            and any(pairing.any_type(str(source)) & wanted for source in candidate.sources)
            for candidate in found.values
        ):
            return False
    return True


def score_conflicts(gold: ConsolidationGold, corpus: Corpus, pairing: _Pairing) -> ConflictScores:
    """Recall of the labelled conflicts, and the corpus's conflicts that match none."""
    findings: list[ConflictFinding] = []
    matched: set[str] = set()
    for labelled in gold.conflicts:
        hit = next((c for c in corpus.conflicts if _conflict_matches(labelled, c, pairing)), None)
        if hit is not None:
            matched.add(hit.id)
        findings.append(
            ConflictFinding(
                subject=labelled.subject,
                field=labelled.field,
                values=[f"{v.value} ({', '.join(v.sources)})" for v in labelled.values],
                found=hit.id if hit else None,
            )
        )
    found = sum(1 for f in findings if f["found"])
    return ConflictScores(
        labelled=len(findings),
        found=found,
        recall=_ratio(found, len(findings)),
        conflicts=findings,
        unlabelled=[c.id for c in corpus.conflicts if c.id not in matched],
    )


def _predicted_labels(corpus: Corpus, scored: set[str]) -> tuple[dict[Ref, str], dict[Ref, str]]:
    def keep(source: SourceRef) -> bool:
        return source.doc_id in scored

    meetings = {str(s): m.id for m in corpus.meetings for s in m.sources if keep(s)}
    people = {str(s): p.id for p in corpus.people for s in p.sources if keep(s)}
    return meetings, people


def score_consolidation(gold_path: Path | str, corpus_path: Path | str) -> ConsolidationReport:
    """Score the corpus file against the consolidation gold file (see the module docstring)."""
    gold_path, corpus_path = Path(gold_path), Path(corpus_path)
    try:
        gold = load_consolidation_gold(gold_path)
        corpus = load_corpus(corpus_path)
    except RecordFileError as exc:
        raise ConsolidationInputError(str(exc)) from exc
    errors: list[str] = []
    gold_docs, pairing = _load_pairs(gold_path, gold, corpus_path, corpus, errors)
    gold_meetings = [f"{d.doc_id}:{m.id}" for d in gold_docs.values() for m in d.meetings]
    gold_officials = [f"{d.doc_id}:{o.id}" for d in gold_docs.values() for o in d.officials]
    unknown = {ref for group in gold.meetings + gold.people for ref in group} - set(
        gold_meetings + gold_officials
    )
    errors += [
        f"{ref}: the gold groups name a record no gold Document has" for ref in sorted(unknown)
    ]
    pred_meetings, pred_people = _predicted_labels(corpus, set(gold_docs))
    return ConsolidationReport(
        gold=str(gold_path),
        pred=str(corpus_path),
        documents=len(gold_docs),
        errors=errors,
        meetings=score_merges(
            pred_meetings, pairing.meetings, gold_groups(gold_meetings, gold.meetings)
        ),
        people=score_merges(
            pred_people, pairing.officials, gold_groups(gold_officials, gold.people)
        ),
        conflicts=score_conflicts(gold, corpus, pairing),
    )


def render_consolidation(report: ConsolidationReport) -> str:
    """The report as a few lines of text for the terminal."""
    lines = [f"consolidation of {report['documents']} documents: {report['pred']}"]
    for label in ("meetings", "people"):
        s: MergeScores = report[label]
        lines.append(
            f"  {label:<9} pairwise P {s['pairwise_precision']:.3f} R {s['pairwise_recall']:.3f} "
            f"F1 {s['pairwise_f1']:.3f} ({s['correct_pairs']}/{s['true_pairs']} true pairs, "
            f"{s['predicted_pairs']} merged) | B-cubed P {s['bcubed_precision']:.3f} "
            f"R {s['bcubed_recall']:.3f} F1 {s['bcubed_f1']:.3f} | coverage "
            f"{s['covered']}/{s['gold_records']}, "
            f"{s['pairs_not_extracted']} true pairs not extracted"
        )
        lines += [f"    wrong merge: {' + '.join(refs)}" for refs in s["wrong_merges"]]
        lines += [f"    missed merge: {' + '.join(refs)}" for refs in s["missed_merges"]]
    c = report["conflicts"]
    lines.append(f"  conflicts found {c['found']}/{c['labelled']} (recall {c['recall']:.3f}); "
                 f"{len(c['unlabelled'])} other conflicts in the corpus")  # fmt: skip
    for finding in c["conflicts"]:
        status = f"found as {finding['found']}" if finding["found"] else "NOT FOUND"
        values = " vs ".join(finding["values"])
        lines.append(f"    {finding['subject']} {finding['field']}: {values}: {status}")
    lines += [f"  error: {error}" for error in report["errors"]]
    return "\n".join(lines) + "\n"

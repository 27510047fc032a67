"""The review page: every record on its evidence, and every difference from gold, in one HTML file.

    page = build_review(Path("out"), gold_dir=Path("seeds/gold"))
    write_review(page, Path("out/review.html"))

The page is self-contained (inline CSS and JavaScript, the data embedded as JSON, nothing fetched)
and renders only the document in view, so a run of a thousand articles opens in a moment.

Against gold, the documents, their pairing and every number come from the scorer itself
(`evals.scoring.score_corpus` on the inputs `evals.corpus.load_scoring_inputs` reads), so the page
shows what `python -m evals score` reports on the same folders. Each record is then:

* matched: paired with a gold record, every field scoring 1;
* wrong: paired, but some field scores less than 1 (the card shows gold → predicted);
* spurious: a predicted record with no gold partner; missed: a gold record with no predicted one.

Without gold the page is a viewer of the run: every prediction file, with run.json's per-article
status, seconds, tokens, calls and cache hits. Offsets stay code points in the embedded data; the
page converts them to JavaScript's UTF-16 indexes in one function (`unitIndex` in review_page.js).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal, TypedDict

from evals.alignment import RECORD_TYPES, AnyRecord, records_of
from evals.corpus import ScoringInputError, load_articles, load_scoring_inputs
from evals.evidence import span_is_valid
from evals.fields import FIELDS
from evals.results import DocumentReport, ErrorEntry, EvidenceTotals, TypeScores
from evals.scoring import DocumentScore, score_corpus
from schemas.errors import ArticleError, RecordFileError
from schemas.io import load_document, read_article
from schemas.models import Attendance, Document, Position
from schemas.runs import RUN_FILE, RUN_NUMBERS, is_run_own_file, load_run_record

RecordStatus = Literal["matched", "wrong", "spurious", "missed", "predicted"]
DocumentStatus = Literal["ok", "failed", "missing", "invalid"]
DIFFERENCES: frozenset[str] = frozenset({"wrong", "spurious", "missed"})
_ASSETS = ("review_page.html", "review_page.css", "review_page.js")


class PageSpan(TypedDict):
    """An evidence span in code points; `valid` when the article has exactly its text there."""

    start: int
    end: int
    text: str
    valid: bool


class PageField(TypedDict):
    """One field of a record as shown; `gold` and `score` only for a paired record."""

    name: str
    value: str | None
    gold: str | None
    score: float | None


class PageRecord(TypedDict):
    """A card: a predicted record (with its gold partner's id) or a missed gold record."""

    type: str
    id: str
    gold_id: str | None
    status: RecordStatus
    fields: list[PageField]
    spans: list[PageSpan]


class PageDocument(TypedDict):
    """One document: its article, its records and, with gold, the scorer's numbers."""

    id: str
    language: str | None
    status: DocumentStatus
    reason: str | None
    article: str | None
    article_problem: str | None
    run: dict[str, object] | None
    counts: dict[str, dict[str, int]]
    scores: DocumentReport | None
    differences: int
    records: list[PageRecord]


class PageSummary(TypedDict):
    """The scores over all documents, as `python -m evals score` reports them."""

    headline: float
    by_type: dict[str, TypeScores]
    evidence: EvidenceTotals | None


class PageProblem(TypedDict):
    """A file that could not be used as it is (the scorer's errors, run.json's failures)."""

    doc_id: str
    file: str
    reason: str
    kind: str


class ReviewPage(TypedDict):
    """Everything the page shows, embedded in it as JSON."""

    sources: dict[str, str | None]
    has_gold: bool
    summary: PageSummary | None
    run: dict[str, object] | None
    problems: list[PageProblem]
    record_types: list[str]
    documents: list[PageDocument]


# --- Showing a record's fields --------------------------------------------------------------


def _position(position: Position) -> str:
    where = f", {position.region}" if position.region else ""
    return f"{position.title} ({position.rank.value}{where})"


def _attendance(attendance: Attendance) -> str:
    roles = ", ".join(role.value for role in attendance.roles) or "no role stated"
    return f"{attendance.meeting}: {roles}"


def show(value: object) -> str | None:
    """A field value as the page shows it (None for an absent value)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Position):
        return _position(value)
    if isinstance(value, Attendance):
        return _attendance(value)
    if isinstance(value, list):
        return "; ".join(str(show(item)) for item in value) or None
    return str(getattr(value, "value", value))


def _fields(
    kind: str, record: AnyRecord, gold: AnyRecord | None, scores: Mapping[str, float] | None
) -> list[PageField]:
    """Every scored field of the record; a field scoring below 1 also shows the gold value."""
    shown: list[PageField] = []
    for name in FIELDS[kind]:
        score = None if scores is None else scores[name]
        wrong = gold is not None and score is not None and score < 1
        shown.append(
            PageField(
                name=name,
                value=show(getattr(record, name)),
                gold=show(getattr(gold, name)) if wrong else None,
                score=score,
            )
        )
    return shown


def _spans(record: AnyRecord, article: str | None) -> list[PageSpan]:
    return [
        PageSpan(
            start=span.start,
            end=span.end,
            text=span.text,
            valid=article is not None and span_is_valid(span, article),
        )
        for span in record.evidence
    ]


def _card(
    kind: str,
    record: AnyRecord,
    status: RecordStatus,
    article: str | None,
    gold: AnyRecord | None = None,
    scores: Mapping[str, float] | None = None,
) -> PageRecord:
    return PageRecord(
        type=kind,
        id=record.id,
        gold_id=gold.id if gold is not None else (record.id if status == "missed" else None),
        status=status,
        fields=_fields(kind, record, gold, scores),
        spans=_spans(record, article),
    )


def _first_offset(card: PageRecord) -> int:
    return min((span["start"] for span in card["spans"]), default=1 << 62)


def compared_cards(
    gold: Document, pred: Document, scored: DocumentScore, article: str | None
) -> list[PageRecord]:
    """The cards of a document against gold, from the scorer's own pairing and field scores."""
    cards: list[PageRecord] = []
    for kind in RECORD_TYPES:
        gold_records, pred_records = records_of(gold, kind), records_of(pred, kind)
        pairs = scored.alignment.pairs[kind]
        of_type: list[PageRecord] = []
        for (g, p), scores in zip(pairs, scored.field_scores[kind], strict=True):
            status: RecordStatus = "matched" if min(scores.values()) >= 1 else "wrong"
            of_type.append(_card(kind, pred_records[p], status, article, gold_records[g], scores))
        paired_gold, paired_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        for index, record in enumerate(gold_records):
            if index not in paired_gold:
                of_type.append(_card(kind, record, "missed", article))
        for index, record in enumerate(pred_records):
            if index not in paired_pred:
                of_type.append(_card(kind, record, "spurious", article))
        cards.extend(sorted(of_type, key=_first_offset))
    return cards


def predicted_cards(pred: Document, article: str | None) -> list[PageRecord]:
    """The cards of a document without gold: its records, by type and position in the text."""
    cards: list[PageRecord] = []
    for kind in RECORD_TYPES:
        of_type = [_card(kind, record, "predicted", article) for record in records_of(pred, kind)]
        cards.extend(sorted(of_type, key=_first_offset))
    return cards


# --- The run's own record -------------------------------------------------------------------


@dataclass
class RunLog:
    """What run.json says: totals, run info and one entry per input (by doc id)."""

    totals: dict[str, object] = field(default_factory=dict)
    run_info: dict[str, object] = field(default_factory=dict)
    entries: dict[str, dict[str, object]] = field(default_factory=dict)


def _plain_entry(entry: Mapping[str, object]) -> dict[str, object]:
    keep = ("source", "status", "reason", "note", "resumed", *RUN_NUMBERS)
    return {key: entry[key] for key in keep if key in entry}


def load_run_log(pred_dir: Path, problems: list[PageProblem]) -> RunLog | None:
    """The prediction folder's run.json, or None; an unreadable one is added to `problems`."""
    path = pred_dir / RUN_FILE
    if not path.is_file():
        return None
    try:
        record = load_run_record(path)
    except RecordFileError as exc:
        reason = f"run.json cannot be read ({exc.reason}); run details not shown"
        problems.append(PageProblem(doc_id="", file=str(path), reason=reason, kind="run_log"))
        return None
    return RunLog(
        totals=record.totals.model_dump(),
        run_info=dict(record.run_info),
        entries={key: _plain_entry(entry.model_dump()) for key, entry in record.articles.items()},
    )


def _run_entry(run: RunLog | None, doc_id: str) -> dict[str, object] | None:
    return None if run is None else run.entries.get(doc_id)


def _run_failure(entry: Mapping[str, object] | None) -> str | None:
    """The reason run.json gives for a failed article, or None if it did not fail."""
    if entry is None or entry.get("status") != "failed":
        return None
    return str(entry.get("reason") or "failed")


def run_problems(run: RunLog | None) -> list[PageProblem]:
    """run.json's failed inputs, each with its reason."""
    if run is None:
        return []
    return [
        PageProblem(
            doc_id=key, file=str(entry.get("source", "")), reason=failure, kind="failed_extraction"
        )
        for key, entry in run.entries.items()
        if (failure := _run_failure(entry)) is not None
    ]


def _source_articles(
    doc_ids: Sequence[str], run: RunLog | None, problems: dict[str, str]
) -> dict[str, str]:
    """The articles run.json names as the sources of the documents (when no folder was given)."""
    texts: dict[str, str] = {}
    for doc_id in doc_ids:
        source = (_run_entry(run, doc_id) or {}).get("source")
        if not isinstance(source, str) or not source:
            problems.setdefault(doc_id, "no article given (pass --articles DIR)")
            continue
        try:
            texts[doc_id] = read_article(source)
        except ArticleError as exc:
            problems[doc_id] = f"article {source}: {exc.reason}"
    return texts


def _counts(gold: Document | None, pred: Document | None) -> dict[str, dict[str, int]]:
    return {
        kind: {
            "pred": len(records_of(pred, kind)) if pred is not None else 0,
            "gold": len(records_of(gold, kind)) if gold is not None else 0,
        }
        for kind in RECORD_TYPES
    }


@dataclass
class _Inputs:
    """What every document of the page is built from, besides its records."""

    run: RunLog | None
    texts: dict[str, str]
    article_problems: dict[str, str]
    file_problems: dict[str, tuple[DocumentStatus, str]]

    def document(
        self,
        doc_id: str,
        language: str | None,
        counts: dict[str, dict[str, int]],
        records: list[PageRecord],
        scores: DocumentReport | None = None,
    ) -> PageDocument:
        entry = _run_entry(self.run, doc_id)
        status: DocumentStatus = "ok"
        reason: str | None = None
        if doc_id in self.file_problems:
            status, reason = self.file_problems[doc_id]
            if (failure := _run_failure(entry)) is not None:
                status, reason = "failed", failure
        return PageDocument(
            id=doc_id,
            language=language,
            status=status,
            reason=reason,
            article=self.texts.get(doc_id),
            article_problem=None if doc_id in self.texts else self.article_problems.get(doc_id),
            run=entry,
            counts=counts,
            scores=scores,
            differences=sum(record["status"] in DIFFERENCES for record in records),
            records=records,
        )


_FILE_PROBLEMS: dict[str, DocumentStatus] = {
    "missing_prediction": "missing",
    "invalid_prediction": "invalid",
}


def _page_problem(error: ErrorEntry) -> PageProblem:
    return PageProblem(
        doc_id=error["doc_id"], file=error["file"], reason=error["reason"], kind=error["kind"]
    )


def _against_gold(
    pred_dir: Path, gold_dir: Path, articles_dir: Path | None, run: RunLog | None
) -> tuple[list[PageDocument], list[PageProblem], PageSummary]:
    """Every gold document with its prediction, paired and scored by the scorer itself."""
    corpus, articles = load_scoring_inputs(gold_dir, pred_dir, articles_dir)
    scored = score_corpus(corpus.gold, corpus.pred, corpus.errors, articles)
    report = scored.report
    inputs = _Inputs(run, dict(articles.texts) if articles else {}, {}, {})
    for error in report["errors"]:
        if error["kind"] == "missing_article":
            inputs.article_problems[error["doc_id"]] = error["reason"]
        elif error["kind"] in _FILE_PROBLEMS:
            inputs.file_problems[error["doc_id"]] = (_FILE_PROBLEMS[error["kind"]], error["reason"])
    unread = [doc_id for doc_id in scored.documents if doc_id not in inputs.texts]
    inputs.texts.update(_source_articles(unread, run, inputs.article_problems))
    documents = []
    for doc_id, score in scored.documents.items():
        gold, pred = corpus.gold[doc_id], corpus.pred[doc_id]
        cards = compared_cards(gold, pred, score, inputs.texts.get(doc_id))
        documents.append(
            inputs.document(doc_id, gold.language, _counts(gold, pred), cards, score.report)
        )
    summary = PageSummary(
        headline=report["headline"], by_type=report["by_type"], evidence=report.get("evidence")
    )
    problems = [_page_problem(error) for error in report["errors"]]
    return documents, problems, summary


def _read_predictions(
    pred_dir: Path, run: RunLog | None, problems: list[PageProblem]
) -> tuple[dict[str, Document], dict[str, tuple[DocumentStatus, str]]]:
    """Every record file in the folder; an unreadable one is listed, not raised.

    When run.json names the run's articles, an unreadable JSON file it does not name (a report
    written beside the records, say) is listed as ignored rather than shown as a document.
    """
    documents: dict[str, Document] = {}
    invalid: dict[str, tuple[DocumentStatus, str]] = {}
    for path in sorted(pred_dir.glob("*.json")):
        if is_run_own_file(path) or not path.is_file():
            continue  # run.json and report.json are the run's own files, not predictions
        try:
            documents[path.stem] = load_document(path)
        except RecordFileError as exc:
            if run is not None and path.stem not in run.entries:
                reason = f"not a record file of this run ({exc.reason}); ignored"
                kind = "ignored"
            else:
                invalid[path.stem], reason, kind = ("invalid", exc.reason), exc.reason, "invalid"
            problems.append(PageProblem(doc_id=path.stem, file=str(path), reason=reason, kind=kind))
    return documents, invalid


def _run_only(
    pred_dir: Path, articles_dir: Path | None, run: RunLog | None
) -> tuple[list[PageDocument], list[PageProblem]]:
    """Every prediction file and every input run.json names, without scores."""
    if not pred_dir.is_dir():
        raise ScoringInputError(f"prediction directory {pred_dir} does not exist")
    problems: list[PageProblem] = []
    predictions, invalid = _read_predictions(pred_dir, run, problems)
    doc_ids = sorted(set(predictions) | set(invalid) | set(run.entries if run else ()))
    missing: dict[str, tuple[DocumentStatus, str]] = {
        doc_id: ("missing", "no prediction file")
        for doc_id in doc_ids
        if doc_id not in predictions and doc_id not in invalid
    }
    inputs = _Inputs(run, {}, {}, {**invalid, **missing})
    if articles_dir is not None:
        errors: list[ErrorEntry] = []
        inputs.texts = dict(load_articles(articles_dir, doc_ids, errors).texts)
        inputs.article_problems = {error["doc_id"]: error["reason"] for error in errors}
    else:
        inputs.texts = _source_articles(doc_ids, run, inputs.article_problems)
    documents = []
    for doc_id in doc_ids:
        pred = predictions.get(doc_id)
        cards = predicted_cards(pred, inputs.texts.get(doc_id)) if pred is not None else []
        language = pred.language if pred is not None else None
        documents.append(inputs.document(doc_id, language, _counts(None, pred), cards))
    return documents, problems


def build_review(
    pred_dir: Path, gold_dir: Path | None = None, articles_dir: Path | None = None
) -> ReviewPage:
    """The page's data for a prediction folder, against gold when `gold_dir` is given.

    `articles_dir` holds the articles `<doc_id>.txt`; by default the scorer's default (the gold
    folder's parent, when it holds them), else the sources run.json names. Raises
    `ScoringInputError` when a folder is missing or the gold folder has no record files.
    """
    problems: list[PageProblem] = []
    run = load_run_log(pred_dir, problems) if pred_dir.is_dir() else None
    summary = None
    if gold_dir is not None:
        documents, scorer_problems, summary = _against_gold(pred_dir, gold_dir, articles_dir, run)
    else:
        documents, scorer_problems = _run_only(pred_dir, articles_dir, run)
    return ReviewPage(
        sources={
            "pred": str(pred_dir),
            "gold": None if gold_dir is None else str(gold_dir),
            "articles": None if articles_dir is None else str(articles_dir),
        },
        has_gold=gold_dir is not None,
        summary=summary,
        run=None if run is None else {"totals": run.totals, "run_info": run.run_info},
        problems=problems + scorer_problems + run_problems(run),
        record_types=list(RECORD_TYPES),
        documents=documents,
    )


# --- The HTML file --------------------------------------------------------------------------


def embedded_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` can end or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text


def _asset(name: str) -> str:
    return resources.files("evals").joinpath(name).read_text(encoding="utf-8")


def render_review(page: ReviewPage) -> str:
    """The self-contained HTML page: the template with its stylesheet, script and data inlined."""
    template, css, script = (_asset(name) for name in _ASSETS)
    html = template.replace("/*REVIEW_CSS*/", css).replace("/*REVIEW_JS*/", script)
    return html.replace("/*REVIEW_DATA*/", embedded_json(page))


def write_atomically(path: Path, text: str) -> None:
    """Write the file whole or not at all (a temp file in the same folder, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            output.write(text)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a report is for everyone to read
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_review(page: ReviewPage, out: Path) -> int:
    """Write the page to `out`; returns its size in bytes."""
    html = render_review(page)
    write_atomically(out, html)
    return len(html.encode("utf-8"))


__all__ = [
    "DIFFERENCES",
    "ReviewPage",
    "build_review",
    "render_review",
    "write_review",
]

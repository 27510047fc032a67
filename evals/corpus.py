"""Reading a gold directory and a prediction directory, and scoring them.

Every `*.json` file directly in the gold directory is a gold document whose id is the file stem;
its prediction is `<pred>/<stem>.json`. One bad file never stops a run: it becomes an entry in the
report's errors, and its document is scored as an empty prediction (bad or missing prediction) or
left out (bad gold). Prediction files with no gold file of the same name are listed as ignored,
except the run's own files (`run.json`, `report.json`: `schemas.runs.RUN_OWN_FILES`).

The evidence spans are checked against the articles `<articles>/<doc_id>.txt` (see
`evals.evidence`). By default the articles folder is the gold directory's parent, provided it holds
the article of at least one gold document (so `seeds/gold` finds `seeds/*.txt`); otherwise no span
is checked. A document whose article is missing or unreadable is listed in the errors
(`missing_article`) and only its evidence numbers are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evals.evidence import Articles
from evals.results import ErrorEntry, Report, error_entry
from evals.scoring import empty_prediction, score_documents
from schemas.errors import ArticleError, RecordFileError, ToolkitError
from schemas.io import articles_for, load_document, read_article
from schemas.models import Document
from schemas.reading import ARTICLE_SUFFIXES
from schemas.runs import is_run_own_file


class ScoringInputError(ToolkitError):
    """A gold or prediction directory that cannot be scored at all (missing, or no gold files)."""


@dataclass
class Corpus:
    """Gold and predicted documents by id, and the problems met reading them."""

    gold: dict[str, Document] = field(default_factory=dict)
    pred: dict[str, Document] = field(default_factory=dict)
    errors: list[ErrorEntry] = field(default_factory=list)


def _json_files(directory: Path) -> list[Path]:
    return sorted(path for path in directory.glob("*.json") if path.is_file())


def _check_directory(directory: Path, role: str) -> None:
    if not directory.exists():
        raise ScoringInputError(f"{role} directory {directory} does not exist")
    if not directory.is_dir():
        raise ScoringInputError(f"{role} directory {directory} is not a directory")


def _load_prediction(path: Path, gold: Document, errors: list[ErrorEntry]) -> Document:
    doc_id = path.stem
    if not path.exists():
        errors.append(error_entry(doc_id, str(path), "no prediction file", "missing_prediction"))
        return empty_prediction(gold)
    try:
        return load_document(path)
    except RecordFileError as exc:
        errors.append(error_entry(doc_id, str(path), exc.reason, "invalid_prediction"))
        return empty_prediction(gold)


def load_corpus(gold_dir: Path | str, pred_dir: Path | str) -> Corpus:
    """Read every gold document and its prediction; raise `ScoringInputError` if nothing can be."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    _check_directory(gold_dir, "gold")
    _check_directory(pred_dir, "prediction")
    gold_files = _json_files(gold_dir)
    if not gold_files:
        raise ScoringInputError(f"gold directory {gold_dir} has no *.json files")
    corpus = Corpus()
    for path in gold_files:
        try:
            corpus.gold[path.stem] = load_document(path)
        except RecordFileError as exc:
            corpus.errors.append(error_entry(path.stem, str(path), exc.reason, "invalid_gold"))
    for doc_id, gold in corpus.gold.items():
        corpus.pred[doc_id] = _load_prediction(pred_dir / f"{doc_id}.json", gold, corpus.errors)
    gold_ids = {path.stem for path in gold_files}
    for path in _json_files(pred_dir):
        if path.stem not in gold_ids and not is_run_own_file(path):
            problem = f"no gold file {path.stem}.json"
            corpus.errors.append(error_entry(path.stem, str(path), problem, "ignored_prediction"))
    return corpus


def _article_path(directory: Path, doc_id: str) -> Path:
    """`<doc_id>.txt`, or the saved web page `<doc_id>.html` when only that is there."""
    candidates = [directory / f"{doc_id}{suffix}" for suffix in ARTICLE_SUFFIXES]
    return next((path for path in candidates if path.exists()), candidates[0])


def default_articles_dir(gold_dir: Path | str, doc_ids: Iterable[str]) -> Path | None:
    """The folder the gold directory's ARTICLES file names, else the gold directory's parent if
    it holds the article of one of the documents, else None."""
    gold_dir = Path(gold_dir)
    named = articles_for(gold_dir)
    if named is not None:
        return named
    parent = gold_dir.parent if gold_dir.name not in ("", "..") else gold_dir.resolve().parent
    if any(_article_path(parent, doc_id).is_file() for doc_id in doc_ids):
        return parent
    return None


def load_articles(
    articles_dir: Path | str, doc_ids: Iterable[str], errors: list[ErrorEntry]
) -> Articles:
    """Read the article of every document; a missing or unreadable one is added to `errors`."""
    articles_dir = Path(articles_dir)
    _check_directory(articles_dir, "articles")
    texts: dict[str, str] = {}
    for doc_id in doc_ids:
        path = _article_path(articles_dir, doc_id)
        if not path.exists():
            errors.append(error_entry(doc_id, str(path), "no article file", "missing_article"))
            continue
        try:
            texts[doc_id] = read_article(path)
        except ArticleError as exc:
            errors.append(
                error_entry(doc_id, str(path), f"article {exc.reason}", "missing_article")
            )
    return Articles(directory=str(articles_dir), texts=texts)


def load_scoring_inputs(
    gold_dir: Path | str,
    pred_dir: Path | str,
    articles_dir: Path | str | None = None,
    *,
    check_evidence: bool = True,
) -> tuple[Corpus, Articles | None]:
    """The documents and the articles `score_directories` scores (see its docstring)."""
    corpus = load_corpus(gold_dir, pred_dir)
    articles = None
    if check_evidence:
        doc_ids = sorted(corpus.gold)
        if articles_dir is None:
            articles_dir = default_articles_dir(gold_dir, doc_ids)
        if articles_dir is not None:
            articles = load_articles(articles_dir, doc_ids, corpus.errors)
    return corpus, articles


def score_directories(
    gold_dir: Path | str,
    pred_dir: Path | str,
    articles_dir: Path | str | None = None,
    *,
    check_evidence: bool = True,
) -> Report:
    """Score the prediction directory against the gold directory (see the module docstring).

    `articles_dir` holds the articles `<doc_id>.txt`; None means the default (the gold directory's
    parent, when it holds them). With `check_evidence=False` no span is checked and the report has
    no "evidence" entry.
    """
    corpus, articles = load_scoring_inputs(
        gold_dir, pred_dir, articles_dir, check_evidence=check_evidence
    )
    return score_documents(corpus.gold, corpus.pred, corpus.errors, articles)

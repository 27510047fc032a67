"""Recording a replay book over a set of articles, and extracting them again from it.

`record_book` runs the real pipeline (real backend, through the response cache) over the
articles and keeps every answer in a book; `replay_documents` runs the same pipeline over the
same articles with answers served from the book and no model at all. The regression gate in the
test suite replays the seeds and the development set this way and scores the result.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from extract.asking.engine import Extractor
from extract.config import Settings
from extract.pipeline import DocumentExtractor
from extract.runtime.replay import BookCache, RecordingCache, ReplayBackend, ReplayBook
from schemas.errors import ToolkitError
from schemas.models import Document
from schemas.reading import find_article_files, load_article


@dataclass(frozen=True)
class Replayed:
    """One article's replayed Document, or why it could not be made."""

    doc_id: str
    document: Document | None
    error: str | None = None


def _articles(paths: list[Path]) -> list[Path]:
    """The article files of the given files and folders, in the order given."""
    return [
        found
        for given in paths
        for found in (find_article_files(given) if given.is_dir() else [given])
    ]


def record_book(
    paths: list[Path], book_path: Path, settings: Settings, *, offline: bool = False
) -> ReplayBook:
    """Extract every article with the configured backend and save every answer into the book.

    With `offline`, only what the response cache holds is recorded and the model is never
    called (an article with a question the cache lacks fails). An article that fails is
    reported on stderr and left out; the rest are recorded.
    """
    extractor = Extractor(settings)
    book = ReplayBook(backend=extractor.backend.identity())
    if offline:
        extractor.backend = ReplayBackend(book)
    recorder = RecordingCache(extractor.cache, book)
    extractor.cache = recorder
    pipeline = DocumentExtractor(extractor, keep_ungrounded=settings.keep_ungrounded)
    for path in _articles(paths):
        recorder.article = path.stem
        if isinstance(extractor.backend, ReplayBackend):
            extractor.backend.article = path.stem
        try:
            recorder.text = load_article(path, max_chars=settings.max_article_chars).text
            pipeline.extract(recorder.text, path.stem)
        except ToolkitError as exc:
            print(f"{path}: not recorded: {exc}", file=sys.stderr)
        else:
            print(f"{path}: recorded", file=sys.stderr)
    book.save(book_path)
    return book


def replay_documents(paths: list[Path], book: ReplayBook) -> list[Replayed]:
    """The Document of every article, from the book's answers alone."""
    backend, answers = ReplayBackend(book), BookCache(book)
    extractor = Extractor(Settings(cache_dir=None), backend=backend, cache=answers)
    pipeline = DocumentExtractor(extractor)
    results = []
    for path in _articles(paths):
        backend.article = path.stem
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                answers.text = load_article(path).text
                results.append(Replayed(path.stem, pipeline.extract(answers.text, path.stem)))
        except ToolkitError as exc:
            results.append(Replayed(path.stem, None, str(exc)))
    return results

"""Running extraction over many articles: one record file per article, and a record of the run.

    summary = run_batch([Path("seeds")], Path("out"), extract_article, run_info={...})

Every article is settled on its own: one that cannot be read or extracted is marked failed and the
run goes on. This module schedules the articles; the folder, its lock and the whole-file writes
are `extract.running.output`, the inputs `extract.running.inputs`, and run.json with the
summary `extract.running.record`. run.json is rewritten after every article, so a run killed at
any moment leaves complete files only, and a rerun into the same folder resumes: it keeps every
valid record file and extracts the rest.

The articles are extracted by an `Engine`: `run_batch` uses threads in this process; the Ray
engine (`extract.running.ray_engine`) sends them to workers on a cluster and goes through
`run_engine`, so that both share the inputs, the resume plan, the record files and run.json.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from extract.errors import ConfigError, ExtractError
from extract.running.inputs import Article, collect_articles
from extract.running.output import (
    exclusive_output_folder,
    existing_record_problem,
    record_path,
    remove_leftover_temps,
    set_aside,
    write_atomically,
)
from extract.running.progress import NullProgress, ProgressReporter
from extract.running.record import (
    ArticleEntry,
    Failure,
    RunLog,
    RunSummary,
    join_notes,
    one_line,
    previous_entries,
    previous_usage,
)
from extract.runtime.usage import Usage
from schemas.errors import ArticleError, ToolkitError
from schemas.io import dump_document
from schemas.models import Document
from schemas.reading import load_article
from schemas.runs import RUN_FILE, RunEntry

__all__ = [
    "Engine",
    "ExtractArticle",
    "ThreadEngine",
    "failed_entry",
    "failure_reason",
    "run_batch",
    "run_engine",
    "write_record",
]

ExtractArticle = Callable[[str, str, Usage], Document]
"""(article_text, doc_id, usage) -> Document; records its cost in `usage`, raises on failure."""


class _RecordMismatch(ToolkitError):
    """The extractor returned something that is not this article's record."""


# --- Deciding what to do, and doing it -------------------------------------------------------


def _plan(
    articles: Sequence[Article], out_dir: Path, previous: Mapping[str, RunEntry]
) -> tuple[list[tuple[Article, ArticleEntry]], list[tuple[Article, str | None]]]:
    """Split the articles into those whose valid record is already there (resumed) and the rest.

    The rest come with a note when an invalid record file had to be set aside for them.
    """
    resumed: list[tuple[Article, ArticleEntry]] = []
    todo: list[tuple[Article, str | None]] = []
    for article in articles:
        output = record_path(out_dir, article.doc_id)
        if not output.exists():
            todo.append((article, None))
            continue
        problem = existing_record_problem(output, article.doc_id)
        if problem is None:
            usage = previous_usage(previous.get(article.doc_id))
            entry = ArticleEntry(str(article.path), "ok", resumed=True, usage=usage)
            resumed.append((article, entry))
            continue
        kept = set_aside(output)
        note = (
            f"existing {output.name} was invalid ({problem}); moved to {kept.name}, extracted again"
        )
        todo.append((article, one_line(note)))
    return resumed, todo


# --- Settling one article: shared by every engine ----------------------------------------------


def write_record(
    article: Article,
    out_dir: Path,
    document: object,
    usage: Usage,
    notes: Sequence[str | None] = (),
) -> ArticleEntry:
    """The entry of an extracted article: its record checked and written whole, or why not."""
    try:
        record = _checked_record(document, article.doc_id)
        write_atomically(record_path(out_dir, article.doc_id), dump_document(record))
    except Exception as exc:
        return failed_entry(article, failure_reason(article, exc), usage)
    return ArticleEntry(str(article.path), "ok", note=join_notes(*notes), usage=usage)


def failed_entry(article: Article, reason: str, usage: Usage) -> ArticleEntry:
    """The entry of an article that has no record; `reason` names the file and the cause."""
    return ArticleEntry(str(article.path), "failed", reason=reason, usage=usage)


def _extract_one(
    article: Article, out_dir: Path, extract_article: ExtractArticle, max_chars: int | None
) -> ArticleEntry:
    """Read, extract and write one article; any failure becomes a failed entry, never a raise."""
    usage = Usage()
    started = time.perf_counter()
    try:
        article_file = load_article(article.path, max_chars=max_chars)
        document = extract_article(article_file.text, article.doc_id, usage)
    except Exception as exc:
        # Whatever went wrong with this article (even a bug in the extractor) is its own
        # failure: the other articles must still be done.
        entry = failed_entry(article, failure_reason(article, exc), usage)
    else:
        entry = write_record(article, out_dir, document, usage, article_file.notes)
    usage.seconds = time.perf_counter() - started
    return entry


def _checked_record(document: object, doc_id: str) -> Document:
    """`document`, if it is the record of `doc_id`."""
    if not isinstance(document, Document):
        raise _RecordMismatch(f"the extractor returned a {type(document).__name__}, not a Document")
    if document.doc_id != doc_id:
        raise _RecordMismatch(f"the extractor returned doc_id {document.doc_id!r}, not {doc_id!r}")
    return document


def failure_reason(article: Article, exc: BaseException) -> str:
    """One line that names the article file and says what went wrong."""
    if isinstance(exc, ArticleError) and exc.path == article.path:
        detail = exc.reason
    elif isinstance(exc, _RecordMismatch):
        detail = str(exc)
    elif isinstance(exc, ExtractError):
        attempts = "1 attempt" if exc.attempts == 1 else f"{exc.attempts} attempts"
        detail = f"{type(exc).__name__}: {str(exc) or 'no message'} ({exc.provider}, {attempts})"
    else:
        detail = f"{type(exc).__name__}: {str(exc) or 'no message'}"
    return one_line(f"{article.path}: {detail}")


# --- Engines: who extracts the articles --------------------------------------------------------


class Engine(Protocol):
    """Extracts a run's articles: threads in this process, or workers on a Ray cluster.

    `extract_all` yields every article it is given exactly once, settled: its record written by
    `write_record` or its failure named by `failed_entry`. `run_info` (backend, model, prompt
    versions…) is stored as is in run.json.
    """

    @property
    def run_info(self) -> Mapping[str, object]: ...

    def extract_all(
        self, articles: Sequence[Article], out_dir: Path, max_chars: int | None
    ) -> Iterator[tuple[Article, ArticleEntry]]: ...


class ThreadEngine:
    """`extract_article` in this process, on `jobs` threads (more than one only for HTTP)."""

    def __init__(
        self, extract_article: ExtractArticle, jobs: int, run_info: Mapping[str, object]
    ) -> None:
        if jobs < 1:
            raise ConfigError(f"jobs must be at least 1, got {jobs}")
        self.extract_article = extract_article
        self.jobs = jobs
        self._run_info = run_info

    @property
    def run_info(self) -> Mapping[str, object]:
        return self._run_info

    def extract_all(
        self, articles: Sequence[Article], out_dir: Path, max_chars: int | None
    ) -> Iterator[tuple[Article, ArticleEntry]]:
        """Each article with its entry, as they finish: in order with one job, else as completed."""
        if self.jobs == 1:
            for article in articles:
                yield article, _extract_one(article, out_dir, self.extract_article, max_chars)
            return
        executor = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="batch")
        try:
            futures = {
                executor.submit(
                    _extract_one, article, out_dir, self.extract_article, max_chars
                ): article
                for article in articles
            }
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            # On an interrupt, do not start articles nobody will record; running ones still finish.
            executor.shutdown(wait=True, cancel_futures=True)


def _unique_key(name: str, taken: set[str]) -> str:
    """`name`, or `name #2`, `name #3`… so that an input problem never hides an article's entry."""
    key, number = name, 1
    while key in taken:
        number += 1
        key = f"{name} #{number}"
    taken.add(key)
    return key


# --- Running a batch ---------------------------------------------------------------------------


def run_batch(
    paths: Sequence[Path],
    out_dir: Path,
    extract_article: ExtractArticle,
    *,
    jobs: int = 1,
    run_info: Mapping[str, object],
    progress: ProgressReporter | None = None,
    max_article_chars: int | None = None,
) -> RunSummary:
    """Extract every article named by `paths` into `out_dir/<doc_id>.json`, resuming earlier work.

    `run_info` (backend, model, prompt and schema versions…) is stored as is in run.json. With
    `jobs` > 1 that many articles are extracted at once, on threads (for HTTP backends). An
    article longer than `max_article_chars` is refused with the limit named. Failures of single
    articles are recorded, not raised; the summary's exit_code tells. Only one run at a time may
    write to `out_dir` (another is refused with a ConfigError).
    """
    engine = ThreadEngine(extract_article, jobs, run_info)
    return run_engine(
        paths,
        out_dir,
        lambda: contextlib.nullcontext(engine),
        progress=progress,
        max_article_chars=max_article_chars,
    )


def run_engine(
    paths: Sequence[Path],
    out_dir: Path,
    start_engine: Callable[[], AbstractContextManager[Engine]],
    *,
    progress: ProgressReporter | None = None,
    max_article_chars: int | None = None,
    save_every_s: float = 0.0,
) -> RunSummary:
    """`run_batch` with any engine. `start_engine` is called once `out_dir` is locked, so that a
    second run into the same folder is refused before it starts workers or loads a model; the
    engine is stopped when the run ends, however it ends. `save_every_s`: see
    `extract.running.record.RunLog`.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with exclusive_output_folder(out_dir), start_engine() as engine:
        return _run_locked(paths, out_dir, engine, progress, max_article_chars, save_every_s)


def _run_locked(
    paths: Sequence[Path],
    out_dir: Path,
    engine: Engine,
    progress: ProgressReporter | None,
    max_chars: int | None,
    save_every_s: float,
) -> RunSummary:
    reporter: ProgressReporter = progress if progress is not None else NullProgress()
    remove_leftover_temps(out_dir)

    articles, problems = collect_articles(paths)
    resumed, todo = _plan(articles, out_dir, previous_entries(out_dir / RUN_FILE))
    taken = {article.doc_id for article in articles}
    problem_keys = [_unique_key(problem.source, taken) for problem in problems]
    keys = [a.doc_id for a in articles] + problem_keys
    log = RunLog(out_dir / RUN_FILE, engine.run_info, keys, save_every_s)
    summary = RunSummary(extracted=0, resumed=len(resumed), failures=[], run_json=log.path)

    reporter.start(len(articles) + len(problems))
    for key, problem in zip(problem_keys, problems, strict=True):
        log.record(key, ArticleEntry(problem.source, "failed", reason=problem.reason), save=False)
        summary.failures.append(Failure(key, problem.reason))
        reporter.article_done(key, "failed", problem.reason, Usage())
    for article, entry in resumed:
        log.record(article.doc_id, entry, save=False)
        reporter.article_done(article.doc_id, "skipped", None, entry.usage)
    # Written before any extraction, so even a run killed at once leaves a record of its inputs.
    log.save()

    notes = {article.doc_id: note for article, note in todo}
    todo_articles = [article for article, _ in todo]
    try:
        for article, entry in engine.extract_all(todo_articles, out_dir, max_chars):
            entry.note = join_notes(notes[article.doc_id], entry.note)
            log.record(article.doc_id, entry)
            _count(summary, reporter, article, entry)
    finally:
        if save_every_s:  # entries recorded since the last save; without an interval there are none
            log.save()
    reporter.finish(summary)
    return summary


def _count(
    summary: RunSummary, reporter: ProgressReporter, article: Article, entry: ArticleEntry
) -> None:
    """Add one settled article to the summary and report it."""
    summary.usage.add(entry.usage)
    summary.usage.seconds += entry.usage.seconds
    if entry.status == "ok":
        summary.extracted += 1
        reporter.article_done(article.doc_id, "ok", entry.note, entry.usage)
    else:
        reason = entry.reason or "failed"
        summary.failures.append(Failure(article.doc_id, reason))
        reporter.article_done(article.doc_id, "failed", reason, entry.usage)

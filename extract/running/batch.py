"""Running extraction over many articles: one record file per article, and a record of the run.

    summary = run_batch([Path("seeds")], Path("out"), extract_article, run_info={...})

Every article is settled on its own: one that cannot be read or extracted is marked failed and the
run goes on. Record files and `run.json` are only ever replaced whole (temp file, fsync, rename),
and `run.json` is rewritten after every article, so a run killed at any moment leaves complete
files only, and a rerun into the same folder resumes: it keeps every valid record file and
extracts the rest.

The articles are extracted by an `Engine`: `run_batch` uses threads in this process; the Ray
engine (`extract.running.ray_engine`) sends them to workers on a cluster and goes through
`run_engine`, so that both share the inputs, the resume plan, the record files and run.json.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from extract.errors import ConfigError, ExtractError
from extract.running.progress import NullProgress, ProgressReporter, TerminalProgress
from extract.runtime.usage import Usage
from schemas.errors import ArticleError, RecordFileError, ToolkitError
from schemas.io import dump_document, load_document
from schemas.models import Document
from schemas.reading import find_article_files, load_article
from schemas.runs import (
    RUN_FILE,
    RUN_OWN_FILES,
    RunEntry,
    RunRecord,
    RunTotals,
    load_run_record,
)

__all__ = [
    "RUN_FILE",
    "TEMP_SUFFIX",
    "Article",
    "ArticleEntry",
    "Engine",
    "ExtractArticle",
    "Failure",
    "InputProblem",
    "ProgressReporter",
    "RunSummary",
    "TerminalProgress",
    "ThreadEngine",
    "collect_articles",
    "failed_entry",
    "failure_reason",
    "run_batch",
    "run_engine",
    "write_atomically",
    "write_record",
]

ExtractArticle = Callable[[str, str, Usage], Document]
"""(article_text, doc_id, usage) -> Document; records its cost in `usage`, raises on failure."""

# Every temp file this module writes is `.<final name>.<random>.batch-tmp`; at start a run removes
# only files of that shape, so nothing else in the output folder is ever touched.
TEMP_SUFFIX = ".batch-tmp"
# An invalid record file found at start is renamed to this, not deleted: it may be worth a look,
# and the new name no longer ends in .json, so nothing reads it as a record.
_SET_ASIDE_SUFFIX = ".invalid"
_MAX_REASON_CHARS = 500


@dataclass(frozen=True)
class Article:
    """One article file to extract; its record is written to `<doc_id>.json`."""

    doc_id: str
    path: Path


@dataclass(frozen=True)
class InputProblem:
    """An input that is not processed (a missing path, a duplicate doc_id), and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Failure:
    """An article (or input problem) that produced no record file."""

    doc_id: str
    reason: str


@dataclass
class RunSummary:
    """What a run achieved.

    `extracted` counts records written by this run and `resumed` those kept from an earlier run;
    `usage` is what this run spent (resumed articles cost it nothing).
    """

    extracted: int
    resumed: int
    failures: list[Failure]
    run_json: Path
    usage: Usage = field(default_factory=Usage)

    @property
    def ok(self) -> int:
        """Articles that have a valid record file after the run."""
        return self.extracted + self.resumed

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def exit_code(self) -> int:
        """0 when every article has its record, 1 when anything failed."""
        return 0 if not self.failures else 1


@dataclass
class ArticleEntry:
    """One line of run.json's `articles` table: how one article (or input problem) was settled."""

    source: str
    status: Literal["ok", "failed"]
    reason: str | None = None
    note: str | None = None  # something a reader should know about an entry, e.g. a replaced file
    resumed: bool = False
    usage: Usage = field(default_factory=Usage)

    def run_entry(self) -> RunEntry:
        """The entry as run.json holds it (`schemas.runs.RunEntry`)."""
        return RunEntry(
            source=self.source,
            status=self.status,
            reason=self.reason,
            note=self.note,
            seconds=round(self.usage.seconds, 3),
            prompt_tokens=self.usage.prompt_tokens,
            completion_tokens=self.usage.completion_tokens,
            calls=self.usage.calls,
            cache_hits=self.usage.cache_hits,
            resumed=self.resumed,
        )


class _RecordMismatch(ToolkitError):
    """The extractor returned something that is not this article's record."""


# --- Collecting the inputs ---------------------------------------------------------------------


def collect_articles(paths: Sequence[Path]) -> tuple[list[Article], list[InputProblem]]:
    """The articles named by `paths`, in order, and the inputs that cannot be processed.

    A folder contributes its `*.txt`, `*.html` and `*.htm` files, recursively and sorted (hidden
    files and folders are left out; a broken link is kept, so that it is reported, not lost); a
    file named explicitly is taken whatever its extension. The doc_id is the file stem; a second
    file with a doc_id already taken is a problem, as is a path that does not exist. The same
    file named twice (say, a folder and a file inside it) is one article.
    """
    articles: list[Article] = []
    problems: list[InputProblem] = []
    first_source: dict[str, Path] = {}
    seen: set[Path] = set()
    for given in map(Path, paths):
        if not given.exists() and not given.is_symlink():
            problems.append(InputProblem(str(given), f"{given}: no such file or folder"))
            continue
        for path in find_article_files(given) if given.is_dir() else [given]:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            problem = _doc_id_problem(path, first_source)
            if problem is not None:
                problems.append(InputProblem(str(path), problem))
                continue
            first_source[path.stem] = path
            articles.append(Article(path.stem, path))
    return articles, problems


def _doc_id_problem(path: Path, first_source: Mapping[str, Path]) -> str | None:
    """Why `path`'s doc_id cannot be used, or None."""
    doc_id = path.stem
    if doc_id in first_source:
        return f"{path}: duplicate doc_id {doc_id!r}, also from {first_source[doc_id]}"
    if f"{doc_id}.json" in RUN_OWN_FILES:
        return f"{path}: doc_id {doc_id!r} would overwrite the run's {doc_id}.json; rename the file"
    return None


# --- Writing files ---------------------------------------------------------------------------


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that a reader never sees a partial file.

    The text goes to a temp file in the same folder, is flushed to disk, and is renamed over
    `path`; if anything fails the temp file is removed.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        # "x": never write through a name someone else just created; newline="" keeps "\n"
        # on every platform so record files are byte-identical everywhere.
        with open(temp, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename survive a power cut too. Best effort: not every system or filesystem can."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def exclusive_output_folder(out_dir: Path) -> Iterator[None]:
    """Hold a lock on `out_dir` itself, so that a second run into it stops at once.

    Two runs into one folder would both extract the same articles and rewrite each other's
    run.json. The lock is an flock on the folder's own descriptor: no lock file to leave behind,
    and the kernel drops it when the process dies, even by kill -9. Where flock does not exist
    (Windows) there is no lock.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(
                f"another run is writing to {out_dir}; wait for it to finish or choose another "
                "output folder"
            ) from None
        yield
    finally:
        os.close(descriptor)


def _remove_leftover_temps(out_dir: Path) -> None:
    """Delete the temp files a killed run left behind (only names of this module's pattern)."""
    for path in out_dir.glob(f".*{TEMP_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)


# --- The record of the run -------------------------------------------------------------------


class _RunLog:
    """`run.json`: run info, totals and one entry per input, rewritten whole after every change.

    With `save_every_s` > 0 a change is written at most that often (and always by `save`): the
    file grows with the run, and rewriting it after each of a cluster's many articles a second
    would cost more than the articles. Record files are written at once either way, and a rerun
    resumes from them, so a run killed between two saves loses no record, only the newest
    entries' costs.
    """

    def __init__(
        self,
        path: Path,
        run_info: Mapping[str, object],
        keys: Sequence[str],
        save_every_s: float = 0.0,
    ) -> None:
        self.path = path
        self._run_info = dict(run_info)
        self._started = _now()
        # Entries are written in input order, whatever order the work finishes in.
        self._order = {key: index for index, key in enumerate(keys)}
        self._entries: dict[str, ArticleEntry] = {}
        self._lock = threading.Lock()
        self._save_every_s = save_every_s
        self._saved_at = -float("inf")

    def record(self, key: str, entry: ArticleEntry, *, save: bool = True) -> None:
        with self._lock:
            self._entries[key] = entry
            if save and time.monotonic() - self._saved_at >= self._save_every_s:
                self._save()

    def save(self) -> None:
        with self._lock:
            self._save()

    def _save(self) -> None:
        self._saved_at = time.monotonic()
        keys = sorted(self._entries, key=self._order.__getitem__)
        entries = {key: self._entries[key].run_entry() for key in keys}
        record = RunRecord(
            run_info=self._run_info,
            started=self._started,
            updated=_now(),
            totals=RunTotals.over(list(entries.values())),
            articles=entries,
        )
        write_atomically(self.path, record.dumps())


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _previous_entries(run_file: Path) -> Mapping[str, RunEntry]:
    """The `articles` table of an earlier run's run.json, or nothing if there is none usable."""
    try:
        return load_run_record(run_file).articles
    except RecordFileError:
        return {}


def _previous_usage(entry: RunEntry | None) -> Usage:
    """The cost an earlier run recorded for a record file that is kept (zero if unknown)."""
    if entry is None or entry.status != "ok":
        return Usage()
    return Usage(
        calls=entry.calls,
        cache_hits=entry.cache_hits,
        prompt_tokens=entry.prompt_tokens,
        completion_tokens=entry.completion_tokens,
        seconds=entry.seconds,
    )


# --- Deciding what to do, and doing it -------------------------------------------------------


def _output_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / f"{doc_id}.json"


def _existing_output_problem(path: Path, doc_id: str) -> str | None:
    """Why an existing record file cannot be kept, or None if it is a valid record of `doc_id`."""
    try:
        document = load_document(path)
    except RecordFileError as exc:
        return exc.reason
    if document.doc_id != doc_id:
        return f"its doc_id is {document.doc_id!r}"
    return None


def _set_aside(path: Path) -> Path:
    """Rename an invalid record file out of the way, so a failed retry leaves no record behind."""
    target = path.with_name(path.name + _SET_ASIDE_SUFFIX)
    os.replace(path, target)
    return target


def _plan(
    articles: Sequence[Article], out_dir: Path, previous: Mapping[str, RunEntry]
) -> tuple[list[tuple[Article, ArticleEntry]], list[tuple[Article, str | None]]]:
    """Split the articles into those whose valid record is already there (resumed) and the rest.

    The rest come with a note when an invalid record file had to be set aside for them.
    """
    resumed: list[tuple[Article, ArticleEntry]] = []
    todo: list[tuple[Article, str | None]] = []
    for article in articles:
        output = _output_path(out_dir, article.doc_id)
        if not output.exists():
            todo.append((article, None))
            continue
        problem = _existing_output_problem(output, article.doc_id)
        if problem is None:
            usage = _previous_usage(previous.get(article.doc_id))
            entry = ArticleEntry(str(article.path), "ok", resumed=True, usage=usage)
            resumed.append((article, entry))
            continue
        kept = _set_aside(output)
        note = (
            f"existing {output.name} was invalid ({problem}); moved to {kept.name}, extracted again"
        )
        todo.append((article, _one_line(note)))
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
        write_atomically(_output_path(out_dir, article.doc_id), dump_document(record))
    except Exception as exc:
        return failed_entry(article, failure_reason(article, exc), usage)
    return ArticleEntry(str(article.path), "ok", note=_join_notes(*notes), usage=usage)


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


def _join_notes(*notes: str | None) -> str | None:
    kept = [note for note in notes if note]
    return _one_line("; ".join(kept)) if kept else None


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
    return _one_line(f"{article.path}: {detail}")


def _one_line(text: str) -> str:
    """`text` on one line (run.json and progress lines are read line by line), not too long."""
    line = " ".join(text.split())
    if len(line) > _MAX_REASON_CHARS:
        line = line[: _MAX_REASON_CHARS - 1] + "…"
    return line


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
    engine is stopped when the run ends, however it ends. `save_every_s`: see `_RunLog`.
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
    _remove_leftover_temps(out_dir)

    articles, problems = collect_articles(paths)
    resumed, todo = _plan(articles, out_dir, _previous_entries(out_dir / RUN_FILE))
    taken = {article.doc_id for article in articles}
    problem_keys = [_unique_key(problem.source, taken) for problem in problems]
    keys = [a.doc_id for a in articles] + problem_keys
    log = _RunLog(out_dir / RUN_FILE, engine.run_info, keys, save_every_s)
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
            entry.note = _join_notes(notes[article.doc_id], entry.note)
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

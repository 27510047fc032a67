"""Extracting a batch on a Ray cluster, with the guarantees of a local run.

    summary = run_on_ray(paths, out_dir, settings, RayOptions(address="auto", workers=8))

The run is `extract.running.batch.run_engine` with a `RayEngine`: the inputs, the resume plan,
the record files, run.json and the progress are those of a local run; only the extraction happens
elsewhere. Ray is imported only here, and only when such a run starts (`pip install -e '.[ray]'`).

Workers are Ray actors, each holding one DocumentExtractor built once from the run's Settings:
the embedded model (the actor reserves one CPU per llama.cpp thread) or the HTTP backend pointed
at a model server (the actor reserves a tenth of a CPU: it mostly waits for the server).

The driver writes every file; workers write none. The driver reads each article, gives its text
to a free worker, gets the Document back and writes it as a local run does (temp file, fsync,
rename) into an output folder that only the driver's machine needs. So the folder lock, the one
writer of run.json and the rename that makes a record appear whole all stay on one local disk,
where they hold (flock and rename are weaker promises on network file systems); workers need no
shared storage; and an article is recorded once, by the one process that decides it is done,
whatever happened to the worker that extracted it. An article is a few kilobytes each way.

The response cache is per node: each worker opens the Settings' cache folder on its own node
(diskcache is SQLite, safe for the processes of one machine, not over a network file system). A
rerun skips every article already recorded, wherever it ran; an article it extracts again is
answered from the cache only on a node that asked the same questions before.

Faults. A worker that dies mid-article (kill -9, out of memory, a lost node) is restarted by Ray,
and its article goes back to the queue for the next free worker; an article whose worker dies a
second time fails with that reason, so that an article that kills workers cannot kill them all.
A killed driver takes its workers with it (Ray ends a job's actors with its driver), and a rerun
resumes. A worker that cannot build its extractor (no model on its node, a setting that cannot
work) reports why, and the run stops at once with that reason.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from extract.config import Settings
from extract.errors import ConfigError
from extract.pipeline import DocumentExtractor
from extract.running.batch import failed_entry, failure_reason, run_engine, write_record
from extract.running.inputs import Article
from extract.running.progress import ProgressReporter
from extract.running.record import ArticleEntry, RunSummary
from extract.running.workers import build_extractor, run_info_for
from extract.runtime.usage import Usage
from schemas.models import Document
from schemas.reading import load_article

__all__ = ["RayEngine", "RayOptions", "run_on_ray", "start_ray_engine"]

# An HTTP worker spends its time waiting for the model server; what CPU it uses (building
# prompts, validating and grounding answers) is a few percent of a core.
HTTP_WORKER_CPUS = 0.1
# An article is given to a worker at most this often when workers die under it.
MAX_ATTEMPTS = 2
# Ray restarts a dead worker this often before it is given up.
WORKER_RESTARTS = 3
# A worker Ray is restarting answers "unavailable" until it is up: on a loaded machine for many
# seconds. It is asked again every so often, and given up after this long.
RESTART_PATIENCE_S = 180.0
RESTART_POLL_S = 0.5
# run.json is rewritten at most once a second: a cluster settles many articles a second.
RUN_JSON_EVERY_S = 1.0


@dataclass(frozen=True)
class RayOptions:
    """Where the cluster is and what runs on it.

    address:            None joins the cluster RAY_ADDRESS names or this machine's running one,
                        else starts Ray here; "auto" joins one and never starts one; "HOST:PORT"
                        or "ray://HOST:PORT" join that head node
    workers:            actors to start; None: as many as the cluster's CPUs hold (one per CPU for
                        the HTTP backend, one per `threads_per_worker` CPUs for the embedded one)
    threads_per_worker: llama.cpp threads of an embedded worker, and the CPUs it reserves
    start_timeout_s:    how long to wait for the first worker (nodes may still be joining)
    """

    address: str | None = None
    workers: int | None = None
    threads_per_worker: int = 2
    start_timeout_s: float = 600.0


# --- The worker: what runs inside each actor ---------------------------------------------------


@dataclass(frozen=True)
class WorkerReport:
    """What a worker tells once it is up: where it runs, and its run info or why it has none."""

    node: str
    pid: int
    run_info: dict[str, object] | None
    problem: str | None


@dataclass(frozen=True)
class Extracted:
    """A worker's result for one article: its Document, or the reason there is none."""

    document: Document | None
    reason: str | None
    usage: dict[str, int | float]  # Usage.as_dict(): a Usage holds a lock, which cannot travel


class ExtractionWorker:
    """The state of one actor: a DocumentExtractor built once from the run's Settings."""

    def __init__(self, settings: Settings) -> None:
        self._node = socket.gethostname()
        self._extractor: DocumentExtractor | None = None
        self._run_info: dict[str, object] | None = None
        self._problem: str | None = None
        try:
            self._extractor = build_extractor(settings, load_model=True)
            self._run_info = run_info_for(self._extractor, settings)
        except Exception as exc:
            # Told by `report`, not raised: a raise would reach the driver as a long traceback
            # of Ray's; this way the user reads the toolkit's own message, which says the fix.
            self._problem = f"{type(exc).__name__}: {exc}"

    def report(self) -> WorkerReport:
        return WorkerReport(self._node, os.getpid(), self._run_info, self._problem)

    def extract(self, article: Article, text: str) -> Extracted:
        """The Document of one article's text, or why not; never raises."""
        usage = Usage()
        started = time.perf_counter()
        document, reason = None, None
        try:
            if self._extractor is None:
                raise ConfigError(f"this worker could not start: {self._problem}")
            document = self._extractor.extract(text, article.doc_id, usage)
        except Exception as exc:
            reason = failure_reason(article, exc)
        usage.seconds = time.perf_counter() - started
        return Extracted(document, reason, usage.as_dict())


def _usage_from(counts: Mapping[str, int | float]) -> Usage:
    return Usage(
        calls=int(counts["calls"]),
        cache_hits=int(counts["cache_hits"]),
        prompt_tokens=int(counts["prompt_tokens"]),
        completion_tokens=int(counts["completion_tokens"]),
        seconds=float(counts["seconds"]),
    )


# --- The driver: handing out articles and settling what comes back -----------------------------


@dataclass
class _Call:
    """A call in flight: `article` None is a report (the worker is starting or restarting)."""

    worker: int
    article: Article | None = None
    notes: tuple[str, ...] = ()
    read_seconds: float = 0.0


@dataclass
class _Workers:
    """The actors, which of them are free, and how often each has been found unavailable."""

    handles: list[Any]
    idle: list[int] = field(default_factory=list)
    gone: set[int] = field(default_factory=set)
    unavailable: Counter[int] = field(default_factory=Counter)
    restarting_since: dict[int, float] = field(default_factory=dict)

    def alive(self) -> int:
        return len(self.handles) - len(self.gone)


class RayEngine:
    """Extracts articles on the actors `handles`, one article per actor at a time.

    Returns once the first worker is ready (the others join as they come), so `run_info` is
    known: the workers' own (all must agree) with `engine_info` added.
    """

    def __init__(
        self,
        ray: Any,
        handles: list[Any],
        engine_info: Mapping[str, object],
        start_timeout_s: float,
    ) -> None:
        self._ray = ray
        self._workers = _Workers(handles)
        self._engine_info = dict(engine_info)
        self._calls: dict[Any, _Call] = {}
        self._attempts: Counter[str] = Counter()
        self._run_info: dict[str, object] | None = None
        self.reports: dict[int, WorkerReport] = {}
        for index in range(len(handles)):
            self._ask_for_report(index)
        self._wait_for_a_worker(start_timeout_s)

    @property
    def run_info(self) -> Mapping[str, object]:
        assert self._run_info is not None  # set by the first report, before __init__ returns
        return {**self._run_info, **self._engine_info}

    def wait_until_all_ready(self) -> None:
        """Return once every worker has reported. Only before a run: for measurements that time
        the run alone, without the workers' start."""
        while self._reports_due():
            self._settle(self._next_done(self._reports_due()), deque(), Path())

    def _reports_due(self) -> list[Any]:
        return [ref for ref, call in self._calls.items() if call.article is None]

    def extract_all(
        self, articles: Sequence[Article], out_dir: Path, max_chars: int | None
    ) -> Iterator[tuple[Article, ArticleEntry]]:
        """Each article with its entry, as they finish (see the module docstring for faults)."""
        queue = deque(articles)
        while queue or any(call.article is not None for call in self._calls.values()):
            yield from self._hand_out(queue, max_chars)
            if not self._calls:
                raise ConfigError("no worker is left to extract the remaining articles")
            settled = self._settle(self._next_done(), queue, out_dir)
            if settled is not None:
                yield settled

    def _hand_out(
        self, queue: deque[Article], max_chars: int | None
    ) -> Iterator[tuple[Article, ArticleEntry]]:
        """Give each free worker an article; one that cannot be read fails here, on the driver."""
        while self._workers.idle and queue:
            article = queue.popleft()
            started = time.perf_counter()
            try:
                article_file = load_article(article.path, max_chars=max_chars)
            except Exception as exc:
                usage = Usage(seconds=time.perf_counter() - started)
                yield article, failed_entry(article, failure_reason(article, exc), usage)
                continue
            worker = self._workers.idle.pop()
            self._attempts[article.doc_id] += 1
            ref = self._workers.handles[worker].extract.remote(article, article_file.text)
            read_seconds = time.perf_counter() - started
            self._calls[ref] = _Call(worker, article, article_file.notes, read_seconds)

    def _next_done(self, refs: list[Any] | None = None, timeout: float | None = None) -> Any | None:
        """The first of `refs` (all calls in flight if None) to finish; None after `timeout`."""
        pending = list(self._calls) if refs is None else refs
        done, _ = self._ray.wait(pending, num_returns=1, timeout=timeout)
        return done[0] if done else None

    def _settle(
        self, ref: Any, queue: deque[Article], out_dir: Path
    ) -> tuple[Article, ArticleEntry] | None:
        """Act on one finished call; an article's entry when it is settled."""
        call = self._calls.pop(ref)
        exceptions = self._ray.exceptions
        try:
            value = self._ray.get(ref)
        except exceptions.RayActorError as exc:
            return self._worker_lost(call, exc, queue)
        except exceptions.RayError as exc:  # the worker is fine, the result could not be had
            self._workers.idle.append(call.worker)
            if call.article is None:
                raise ConfigError(f"worker {call.worker} did not report: {exc}") from exc
            reason = failure_reason(call.article, exc)
            return call.article, failed_entry(call.article, reason, Usage())
        if call.article is None:
            self._worker_ready(call.worker, value)
            return None
        self._workers.idle.append(call.worker)
        return call.article, self._record(call, value, out_dir)

    def _record(self, call: _Call, extracted: Extracted, out_dir: Path) -> ArticleEntry:
        assert call.article is not None
        started = time.perf_counter()
        usage = _usage_from(extracted.usage)
        if extracted.document is None:
            entry = failed_entry(call.article, extracted.reason or "failed", usage)
        else:
            entry = write_record(call.article, out_dir, extracted.document, usage, call.notes)
        usage.seconds += call.read_seconds + time.perf_counter() - started
        return entry

    def _worker_lost(
        self, call: _Call, exc: Exception, queue: deque[Article]
    ) -> tuple[Article, ArticleEntry] | None:
        """A worker died (or cannot be reached): its article goes to another, once."""
        article = call.article
        if article is None:
            self._report_failed(call.worker, exc)
            return None
        self._ask_for_report(call.worker)  # Ray restarts it; it works again once it reports
        if self._attempts[article.doc_id] < MAX_ATTEMPTS:
            queue.appendleft(article)
            return None
        times = self._attempts[article.doc_id]
        reason = (
            f"{article.path}: the worker extracting it died, {times} times "
            f"({type(exc).__name__}); the article may be what kills it (memory?)"
        )
        return article, failed_entry(article, reason, Usage())

    def _report_failed(self, worker: int, exc: Exception) -> None:
        """A restarting worker's report failed: ask again, or give it up if it cannot return.
        "Unavailable while restarting" is asked about again until `RESTART_PATIENCE_S` have
        passed (however often it answers so); other failures count against `WORKER_RESTARTS`."""
        workers = self._workers
        exceptions = self._ray.exceptions
        if isinstance(exc, exceptions.ActorUnavailableError):
            since = workers.restarting_since.setdefault(worker, time.monotonic())
            if time.monotonic() - since < RESTART_PATIENCE_S:
                time.sleep(RESTART_POLL_S)
                self._ask_for_report(worker)
                return
        else:
            workers.unavailable[worker] += 1
            dead = isinstance(exc, exceptions.ActorDiedError)
            if not dead and workers.unavailable[worker] <= WORKER_RESTARTS + 1:
                self._ask_for_report(worker)
                return
        workers.gone.add(worker)
        if not workers.alive():
            raise ConfigError(f"every worker has died; the last one: {_first_line(exc)}")

    def _ask_for_report(self, worker: int) -> None:
        self._calls[self._workers.handles[worker].report.remote()] = _Call(worker)

    def _worker_ready(self, worker: int, report: WorkerReport) -> None:
        where = f"worker {worker} on {report.node} (pid {report.pid})"
        if report.problem is not None:
            raise ConfigError(f"{where} could not start: {report.problem}")
        assert report.run_info is not None
        if self._run_info is None:
            self._run_info = report.run_info
        elif report.run_info != self._run_info:
            raise ConfigError(
                f"{where} would not extract as the others do: it has {report.run_info}, they "
                f"have {self._run_info}; install the same toolkit and model on every node"
            )
        self.reports[worker] = report
        self._workers.unavailable[worker] = 0
        self._workers.restarting_since.pop(worker, None)
        self._workers.idle.append(worker)

    def _wait_for_a_worker(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not self._workers.idle:
            ref = self._next_done(timeout=max(0.0, deadline - time.monotonic()))
            if ref is None:
                free = self._ray.available_resources().get("CPU", 0)
                raise ConfigError(
                    f"no worker started within {timeout_s:.0f} s: each needs "
                    f"{self._engine_info['cpus_per_worker']} CPUs and the cluster has {free:g} "
                    "free; add nodes, or ask for fewer --threads-per-worker"
                )
            self._settle(ref, deque(), Path())


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else 'no message'}"


# --- Starting and stopping -----------------------------------------------------------------------


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            "the Ray engine needs Ray: pip install -e '.[ray]' (on the driver and every node)"
        ) from exc
    return ray


def _worker_settings(settings: Settings, options: RayOptions) -> Settings:
    if settings.backend == "embedded":
        return replace(settings, n_threads=options.threads_per_worker)
    return settings


def _worker_count(ray: Any, settings: Settings, options: RayOptions) -> int:
    if options.workers is not None:
        if options.workers < 1:
            raise ConfigError(f"--workers must be at least 1, got {options.workers}")
        return options.workers
    cpus = float(ray.cluster_resources().get("CPU", 1))
    per_worker = options.threads_per_worker if settings.backend == "embedded" else 1
    return max(1, int(cpus // per_worker))


@contextlib.contextmanager
def start_ray_engine(settings: Settings, options: RayOptions) -> Iterator[RayEngine]:
    """Join (or start) the cluster, start the workers and wait for the first; stop them after.

    Joins the Ray instance already initialised in this process if there is one (and leaves it
    running), else `options.address`.
    """
    if options.threads_per_worker < 1:
        raise ConfigError(
            f"--threads-per-worker must be at least 1, got {options.threads_per_worker}"
        )
    ray = _import_ray()
    started_here = not ray.is_initialized()
    if started_here:
        _connect(ray, options.address)
    handles: list[Any] = []
    try:
        embedded = settings.backend == "embedded"
        cpus = float(options.threads_per_worker) if embedded else HTTP_WORKER_CPUS
        actor = ray.remote(ExtractionWorker).options(
            num_cpus=cpus, max_restarts=WORKER_RESTARTS, max_task_retries=0
        )
        worker_settings = _worker_settings(settings, options)
        for _ in range(_worker_count(ray, settings, options)):
            handles.append(actor.remote(worker_settings))
        engine_info = {
            "engine": "ray",
            "workers": len(handles),
            "cpus_per_worker": cpus,
            "threads_per_worker": options.threads_per_worker if embedded else None,
        }
        yield RayEngine(ray, handles, engine_info, options.start_timeout_s)
    finally:
        for handle in handles:
            ray.kill(handle)
        if started_here:
            ray.shutdown()


def _connect(ray: Any, address: str | None) -> None:
    try:
        ray.init(address=address, include_dashboard=False, logging_level=logging.WARNING)
    except (ConnectionError, ValueError) as exc:
        raise ConfigError(
            f"cannot join the Ray cluster at {address}: {exc}; start its head node with "
            "`ray start --head`, or leave --address out to start Ray on this machine"
        ) from exc


def run_on_ray(
    paths: Sequence[Path],
    out_dir: Path,
    settings: Settings,
    options: RayOptions,
    *,
    progress: ProgressReporter | None = None,
) -> RunSummary:
    """`run_batch` with the articles extracted by workers on a Ray cluster (see the module)."""
    return run_engine(
        paths,
        out_dir,
        lambda: start_ray_engine(settings, options),
        progress=progress,
        max_article_chars=settings.max_article_chars,
        save_every_s=RUN_JSON_EVERY_S,
    )

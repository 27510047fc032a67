"""The record of a run: one entry per article (how it was settled and what it cost), written to
`run.json` (`schemas.runs.RunRecord`) after every change, and the summary a run returns.

A rerun into the same folder reads the earlier run.json for the cost of the records it keeps.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extract.running.output import write_atomically
from extract.runtime.usage import Usage
from schemas.errors import RecordFileError
from schemas.runs import RunEntry, RunRecord, RunTotals, load_run_record

__all__ = [
    "ArticleEntry",
    "Failure",
    "RunLog",
    "RunSummary",
    "join_notes",
    "one_line",
    "previous_entries",
    "previous_usage",
]

_MAX_REASON_CHARS = 500


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


class RunLog:
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


def previous_entries(run_file: Path) -> Mapping[str, RunEntry]:
    """The `articles` table of an earlier run's run.json, or nothing if there is none usable."""
    try:
        return load_run_record(run_file).articles
    except RecordFileError:
        return {}


def previous_usage(entry: RunEntry | None) -> Usage:
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


def join_notes(*notes: str | None) -> str | None:
    kept = [note for note in notes if note]
    return one_line("; ".join(kept)) if kept else None


def one_line(text: str) -> str:
    """`text` on one line (run.json and progress lines are read line by line), not too long."""
    line = " ".join(text.split())
    if len(line) > _MAX_REASON_CHARS:
        line = line[: _MAX_REASON_CHARS - 1] + "…"
    return line

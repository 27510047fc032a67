"""Reporting a batch run's progress as it goes: the protocol and a terminal implementation."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import Literal, Protocol, TextIO

from extract.running.record import RunSummary
from extract.runtime.usage import Usage

# "skipped": the output was already there from an earlier run and was kept (resumed).
Status = Literal["ok", "failed", "skipped"]

_BAR_WIDTH = 20


class ProgressReporter(Protocol):
    """What a batch run tells about itself. Calls may come from several threads."""

    def start(self, total: int) -> None:
        """The run has `total` entries to report (articles plus input problems)."""

    def article_done(self, doc_id: str, status: Status, reason: str | None, usage: Usage) -> None:
        """One entry is settled. `reason` explains a failure, or notes something about an ok."""

    def finish(self, summary: RunSummary) -> None:
        """The run is over."""


class TerminalProgress:
    """Progress on a terminal stream (stderr by default).

    On a TTY a single bar line rewrites itself, and each failure gets a line of its own that stays.
    Anywhere else (a log file, CI) every entry gets one plain line, so nothing needs a terminal.
    With `show_rate`, each also tells how many entries are left, the rate at which this run
    settles them and when it should end (for long runs on a cluster).
    """

    def __init__(self, stream: TextIO | None = None, *, show_rate: bool = False) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._tty = _is_tty(self._stream)
        self._show_rate = show_rate
        self._lock = threading.Lock()
        self._total = 0
        self._done = 0
        self._counts: dict[Status, int] = {"ok": 0, "failed": 0, "skipped": 0}
        self._started = time.monotonic()

    def start(self, total: int) -> None:
        with self._lock:
            self._total = total
            self._started = time.monotonic()
            if self._tty:
                self._draw_bar("")

    def article_done(self, doc_id: str, status: Status, reason: str | None, usage: Usage) -> None:
        with self._lock:
            self._done += 1
            self._counts[status] += 1
            if self._tty:
                self._report_on_tty(doc_id, status, reason, usage)
            else:
                line = f"[{self._done}/{self._total}] {_describe(doc_id, status, reason, usage)}"
                rate = self._rate()
                self._write(f"{line}; {rate}\n" if rate else f"{line}\n")

    def finish(self, summary: RunSummary) -> None:
        with self._lock:
            if self._tty:
                self._write("\n")
            self._write(
                f"{summary.ok} ok ({summary.resumed} resumed), {summary.failed} failed; "
                f"record of the run: {summary.run_json}\n"
            )

    def _report_on_tty(self, doc_id: str, status: Status, reason: str | None, usage: Usage) -> None:
        if status == "failed":
            # A failure must stay readable after the bar moves on, so it gets its own line.
            self._write(f"\r\x1b[K{doc_id} FAILED: {reason}\n")
        short = f"{doc_id} {status}" + (f" {usage.seconds:.1f}s" if status == "ok" else "")
        self._draw_bar(short)

    def _draw_bar(self, latest: str) -> None:
        filled = _BAR_WIDTH * self._done // self._total if self._total else _BAR_WIDTH
        counts = " ".join(f"{name}={n}" for name, n in self._counts.items() if n)
        line = f"[{'#' * filled}{'-' * (_BAR_WIDTH - filled)}] {self._done}/{self._total}"
        line = " ".join(part for part in (line, counts, self._rate(), latest) if part)
        # A line wider than the terminal wraps, and then \r can no longer rewrite all of it.
        width = shutil.get_terminal_size().columns - 1
        self._write(f"\r\x1b[K{line[:width]}")

    def _rate(self) -> str:
        """Entries left, this run's rate and its expected end; "" unless asked for."""
        if not self._show_rate:
            return ""
        left = self._total - self._done
        worked = self._counts["ok"] + self._counts["failed"]  # skipped ones cost no time
        elapsed = time.monotonic() - self._started
        if not worked or elapsed <= 0:
            return f"{left} left"
        rate = worked / elapsed
        return f"{left} left, {rate:.2f} articles/s, ETA {_duration(left / rate)}"

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _duration(seconds: float) -> str:
    """`seconds` as h:mm:ss."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def _describe(doc_id: str, status: Status, reason: str | None, usage: Usage) -> str:
    """One plain line's text for a settled entry."""
    if status == "failed":
        return f"{doc_id} FAILED: {reason}"
    if status == "skipped":
        return f"{doc_id} skipped (output already there)"
    text = f"{doc_id} ok {usage.seconds:.1f}s {usage.prompt_tokens}+{usage.completion_tokens} tok"
    if usage.cache_hits:
        text += f" {usage.cache_hits} cached"
    return f"{text} ({reason})" if reason else text


class NullProgress:
    """Reports nothing: the reporter a run uses when it was given none."""

    def start(self, total: int) -> None:
        pass

    def article_done(self, doc_id: str, status: Status, reason: str | None, usage: Usage) -> None:
        pass

    def finish(self, summary: RunSummary) -> None:
        pass

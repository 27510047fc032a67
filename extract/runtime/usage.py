"""Counting what extraction costs: model calls, cache hits, tokens and time."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Usage:
    """What one article (or one request) cost. Safe to update from several threads."""

    calls: int = 0  # requests that reached a model, including failed and retried attempts
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record_call(self, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        """Count one request to a model and the tokens it reported (0 if it never answered)."""
        with self._lock:
            self.calls += 1
            self.prompt_tokens += prompt_tokens
            self.completion_tokens += completion_tokens

    def record_cache_hit(self) -> None:
        with self._lock:
            self.cache_hits += 1

    def add(self, other: Usage) -> None:
        """Add another tally's counts (not its seconds) to this one."""
        with self._lock:
            self.calls += other.calls
            self.cache_hits += other.cache_hits
            self.prompt_tokens += other.prompt_tokens
            self.completion_tokens += other.completion_tokens

    def as_dict(self) -> dict[str, int | float]:
        return {
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "seconds": round(self.seconds, 3),
        }

"""The response cache: validated answers on disk, keyed by everything that shapes them.

The key is the SHA-256 of canonical JSON (sorted keys, `ensure_ascii=False`) over the backend's
identity (backend, model, the model file's hash, server URL), the messages, the response model's
JSON Schema, the sampling parameters and the prompt versions. Editing a prompt, a schema field
description, the model or the temperature therefore changes the key: a stale answer can never be
served. A cache that cannot be read or written is a warning, never a failed run.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CacheWarning(UserWarning):
    """The cache could not be used; the run goes on without it."""


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def cache_key(request: dict[str, Any]) -> str:
    """The key of one request description (see the module docstring)."""
    return hashlib.sha256(canonical_json(request).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    json: str  # the validated answer, as JSON text
    prompt_tokens: int
    completion_tokens: int


class ResponseCache:
    """A diskcache directory; every operation degrades to a miss (with a warning) on error."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._cache: Any = None
        self._broken = directory is None

    def _open(self) -> Any:
        if self._cache is None and not self._broken:
            try:
                import diskcache

                assert self.directory is not None
                self._cache = diskcache.Cache(str(self.directory), timeout=30)
            except Exception as exc:
                self._disable(f"cannot open {self.directory}: {exc}")
        return self._cache

    def _disable(self, reason: str) -> None:
        warnings.warn(f"response cache disabled: {reason}", CacheWarning, stacklevel=3)
        self._broken = True
        self._cache = None

    def get(self, key: str) -> CachedAnswer | None:
        cache = self._open()
        if cache is None:
            return None
        try:
            value = cache.get(key)
        except Exception as exc:
            self._disable(f"cannot read {self.directory}: {exc}")
            return None
        if not isinstance(value, dict) or not isinstance(value.get("json"), str):
            return None
        return CachedAnswer(
            json=value["json"],
            prompt_tokens=int(value.get("prompt_tokens", 0)),
            completion_tokens=int(value.get("completion_tokens", 0)),
        )

    def put(self, key: str, answer: CachedAnswer) -> None:
        cache = self._open()
        if cache is None:
            return
        try:
            cache.set(key, {
                "json": answer.json,
                "prompt_tokens": answer.prompt_tokens,
                "completion_tokens": answer.completion_tokens,
            })  # fmt: skip
        except Exception as exc:
            self._disable(f"cannot write {self.directory}: {exc}")

    def stats(self) -> dict[str, Any]:
        """Entries and bytes on disk."""
        cache = self._open()
        if cache is None:
            return {"directory": str(self.directory), "entries": 0, "bytes": 0, "usable": False}
        return {
            "directory": str(self.directory),
            "entries": len(cache),
            "bytes": cache.volume(),
            "usable": True,
        }

    def clear(self) -> int:
        """Remove every entry; return how many there were."""
        cache = self._open()
        return int(cache.clear()) if cache is not None else 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

"""The response cache: validated answers on disk, keyed by everything that shapes them.

The key is the SHA-256 of canonical JSON (sorted keys, `ensure_ascii=False`) over the backend's
identity (backend, model, the model file's hash, server URL), the messages, the response model's
JSON Schema, the sampling parameters and the prompt versions. Editing a prompt, a schema field
description, the model or the temperature therefore changes the key: a stale answer can never be
served. A cache that cannot be read or written is a warning, never a failed run: a damaged or
unreadable cache is set aside for the run and every answer is recomputed. Each entry carries a
checksum of its key and answer, so a damaged entry is a miss, never a wrong answer. diskcache
(SQLite underneath) lets several processes share one cache directory at the same time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.errors import ConfigError


class CacheWarning(UserWarning):
    """The cache could not be used; the run goes on without it."""


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def cache_key(request: dict[str, Any]) -> str:
    """The key of one request description (see the module docstring)."""
    return hashlib.sha256(canonical_json(request).encode("utf-8")).hexdigest()


def _checksum(key: str, answer_json: str) -> str:
    return hashlib.sha256(f"{key}\n{answer_json}".encode()).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    json: str  # the validated answer, as JSON text
    prompt_tokens: int
    completion_tokens: int


def _open_failure(directory: Path | None, exc: Exception) -> str:
    """Why a cache folder did not open; SQLite says only "unable to open database file"."""
    if directory is not None:
        try:
            os.listdir(directory)
        except PermissionError as denied:
            return f"{denied.strerror} (check the folder's owner and mode)"
        except OSError:
            pass
    return str(exc)


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
                self._disable(f"cannot open {self.directory}: {_open_failure(self.directory, exc)}")
        return self._cache

    def _disable(self, reason: str) -> None:
        warnings.warn(
            f"response cache disabled: {reason}; answers are recomputed for this run. If the "
            "cache is damaged, `python -m extract cache clear` starts a new one",
            CacheWarning,
            stacklevel=3,
        )
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
        if "checksum" not in value:
            return None  # written before entries had checksums: recompute, nothing is wrong
        if value["checksum"] != _checksum(key, value["json"]):
            warnings.warn(
                f"ignoring a damaged entry in the response cache {self.directory}",
                CacheWarning,
                stacklevel=2,
            )
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
                "checksum": _checksum(key, answer.json),
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
        """Remove every entry; return how many there were.

        A cache too damaged to open is deleted whole (only a folder diskcache made, with its
        cache.db), so that the next run starts a new one.
        """
        cache = self._open()
        if cache is not None:
            return int(cache.clear())
        if self.directory is None:
            return 0
        if not (self.directory / "cache.db").is_file():
            raise ConfigError(
                f"cannot clear {self.directory}: it is not a response cache folder; point "
                "--cache-dir (or EXTRACT_CACHE_DIR) at a folder, or remove it by hand"
            )
        shutil.rmtree(self.directory)
        return 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

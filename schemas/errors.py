"""The root of every exception the toolkit raises on purpose.

`extract` and `evals` subclass these; a caller can catch `ToolkitError` to handle anything the
toolkit reports, and each subclass carries the data needed to act on it.
"""

from __future__ import annotations

from pathlib import Path


class ToolkitError(Exception):
    """Base class of all deliberate toolkit errors."""


class RecordFileError(ToolkitError):
    """A record file (gold or prediction) that cannot be read or does not meet the contract."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ArticleError(ToolkitError):
    """An article file that cannot be read as text."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

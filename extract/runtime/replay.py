"""Recorded model answers, replayed through the whole pipeline with no model loaded.

A *replay book* is one JSON file: the backend identity the answers came from and, keyed exactly
like the response cache (`Extractor.request_key`), every answer a set of articles needed, with
the article each was asked for. Recording runs the real pipeline with the real backend (through
the response cache, so a warm cache records in seconds) and keeps every answer it was given.
Replaying serves those answers by key: the same articles, prompts and rules reach the same keys,
so every rule change is scored on real answers in CI. A question the book does not hold (a prompt
or a focus hint changed, a new article) is an error naming the article and the command that
re-records the book; it is never sent to a model.

The answers quote the articles, and the articles are other publishers' text that stays out of
the repository: a quoted passage is kept in the book as its offsets in the article
(`{"from_article": [start, end]}`) and read back from the article, read in place, on replay.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import ConfigError, ReplayMissing
from extract.runtime.cache import CachedAnswer, ResponseCache

BOOK_FORMAT = 2
RERECORD_HINT = "re-record the book with `make replay` (needs the model; see README)"
# Strings this long that the article holds word for word are kept as offsets: quotes, not the
# names and titles an answer is made of (which stay readable).
PASSAGE_MIN_CHARS = 16
_FROM_ARTICLE = "from_article"


def passages_to_offsets(answer: Any, article: str) -> Any:
    """The answer with every passage of the article it quotes replaced by its offsets."""
    if isinstance(answer, dict):
        return {key: passages_to_offsets(value, article) for key, value in answer.items()}
    if isinstance(answer, list):
        return [passages_to_offsets(value, article) for value in answer]
    if isinstance(answer, str) and len(answer) >= PASSAGE_MIN_CHARS:
        start = article.find(answer)
        if start >= 0:
            return {_FROM_ARTICLE: [start, start + len(answer)]}
    return answer


def offsets_to_passages(answer: Any, article: str) -> Any:
    """The answer as the model gave it, its passages read back from the article."""
    if isinstance(answer, dict):
        if set(answer) == {_FROM_ARTICLE}:
            start, end = answer[_FROM_ARTICLE]
            if not 0 <= start < end <= len(article):
                raise ConfigError(
                    f"the replay book quotes {start}-{end} of an article of {len(article)} "
                    f"characters; {RERECORD_HINT}"
                )
            return article[start:end]
        return {key: offsets_to_passages(value, article) for key, value in answer.items()}
    if isinstance(answer, list):
        return [offsets_to_passages(value, article) for value in answer]
    return answer


@dataclass
class ReplayBook:
    """Answers by request key, the backend they came from, and which article asked for each."""

    backend: dict[str, Any]
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> ReplayBook:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the replay book ({exc.strerror})") from exc
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{path}: the replay book is not JSON ({exc}); {RERECORD_HINT}"
            ) from exc
        if not isinstance(data, dict) or data.get("format") != BOOK_FORMAT:
            raise ConfigError(f"{path}: not a replay book of format {BOOK_FORMAT}; {RERECORD_HINT}")
        return cls(backend=data["backend"], answers=data["answers"])

    def save(self, path: Path) -> None:
        """Written atomically, keys sorted, Chinese readable, one answer per line group."""
        body = {"format": BOOK_FORMAT, "backend": self.backend, "answers": self.answers}
        text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, 0o644)  # a file of the repository, not a private temp file
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def articles(self) -> set[str]:
        return {entry["article"] for entry in self.answers.values()}


class RecordingCache(ResponseCache):
    """The response cache, keeping a copy of every answer it serves or stores into a book."""

    def __init__(self, inner: ResponseCache, book: ReplayBook) -> None:
        super().__init__(inner.directory)
        self.inner = inner
        self.book = book
        self.article = ""
        self.text = ""  # the article's text, which the answers' passages are offsets into

    def _keep(self, key: str, answer: CachedAnswer) -> None:
        self.book.answers[key] = {
            "article": self.article,
            "answer": passages_to_offsets(json.loads(answer.json), self.text),
            "prompt_tokens": answer.prompt_tokens,
            "completion_tokens": answer.completion_tokens,
        }

    def get(self, key: str) -> CachedAnswer | None:
        found = self.inner.get(key)
        if found is not None:
            self._keep(key, found)
        return found

    def put(self, key: str, answer: CachedAnswer) -> None:
        self.inner.put(key, answer)
        self._keep(key, answer)


class BookCache(ResponseCache):
    """A read-only cache over a book: every question it holds is a hit."""

    def __init__(self, book: ReplayBook) -> None:
        super().__init__(None)
        self.book = book
        self.text = ""  # the article being replayed, which the answers' passages come from

    def get(self, key: str) -> CachedAnswer | None:
        entry = self.book.answers.get(key)
        if entry is None:
            return None
        return CachedAnswer(
            json=json.dumps(offsets_to_passages(entry["answer"], self.text), ensure_ascii=False),
            prompt_tokens=int(entry.get("prompt_tokens", 0)),
            completion_tokens=int(entry.get("completion_tokens", 0)),
        )

    def put(self, key: str, answer: CachedAnswer) -> None:
        return None


class ReplayBackend:
    """Stands in for the backend the book was recorded with: same identity (so the same keys),
    and a question it must answer itself is an error, never a model call."""

    provider = "replay"

    def __init__(self, book: ReplayBook, article: str = "") -> None:
        self.book = book
        self.article = article

    def identity(self) -> dict[str, Any]:
        return dict(self.book.backend)

    def create(self, **kwargs: Any) -> Any:
        raise ReplayMissing(
            f"{self.article or 'article'}: the replay book has no answer for this question "
            f"(a prompt, a focus hint or the article changed); {RERECORD_HINT}",
            provider=self.provider,
        )

"""Replay books: recorded against a real server on 127.0.0.1, replayed with no server at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extract.config import Settings
from extract.errors import ConfigError
from extract.running.replaying import record_book, replay_documents
from extract.runtime.replay import BOOK_FORMAT, PASSAGE_MIN_CHARS, ReplayBook
from schemas import load_document, span_problems
from tests.articles import CHINESE, answer_for
from tests.scripted_server import scripted_server


def _settings(server_url: str, cache: Path) -> Settings:
    return Settings.from_env(
        {},
        base_url=server_url,
        model="scripted",
        schema_mode="json_object_schema",
        cache_dir=cache,
    )


def strings_in(value: Any) -> list[str]:
    """Every string of a JSON value."""
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return [value] if isinstance(value, str) else []


def test_a_recorded_book_replays_the_same_documents_without_a_server(tmp_path: Path) -> None:
    article = tmp_path / "in" / "chinese.txt"
    article.parent.mkdir()
    article.write_text(CHINESE, encoding="utf-8")
    book_path = tmp_path / "book.json"
    with scripted_server([], respond=answer_for) as server:
        book = record_book([article.parent], book_path, _settings(server.base_url, tmp_path / "c"))
        asked = len(server.requests)
    assert asked == 3 and len(book.answers) == 3 and book.articles() == {"chinese"}
    saved = json.loads(book_path.read_text(encoding="utf-8"))
    assert saved["format"] == BOOK_FORMAT and "陈立华" in book_path.read_text(encoding="utf-8")
    # The article's passages the answers quote are offsets into it, not its words.
    assert "from_article" in json.dumps(saved["answers"])
    assert not [
        s for s in strings_in(saved["answers"]) if len(s) >= PASSAGE_MIN_CHARS and s in CHINESE
    ]
    # The server is gone: every answer comes from the book.
    (replayed,) = replay_documents([article], ReplayBook.load(book_path))
    assert replayed.error is None and replayed.document is not None
    # Grounded on the quotes read back from the article: the meetings and decisions are there.
    assert replayed.document.meetings and span_problems(replayed.document, CHINESE) == []
    assert [o.name for o in replayed.document.officials] == ["陈立华"]
    assert replayed.document.resolutions[0].next_year == 2031


def test_a_question_the_book_lacks_fails_that_article_with_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "chinese.txt"
    article.write_text(CHINESE, encoding="utf-8")
    book = ReplayBook(backend={"backend": "http", "model": "scripted"})
    (replayed,) = replay_documents([article], book)
    assert replayed.document is None
    assert replayed.error and "chinese" in replayed.error and "make replay" in replayed.error


def test_a_book_that_is_not_one_is_refused_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "book.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="not JSON"):
        ReplayBook.load(broken)
    broken.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a replay book"):
        ReplayBook.load(broken)


def test_the_cli_replays_a_book_into_record_files(tmp_path: Path) -> None:
    article = tmp_path / "in" / "chinese.txt"
    article.parent.mkdir()
    article.write_text(CHINESE, encoding="utf-8")
    book_path = tmp_path / "book.json"
    with scripted_server([], respond=answer_for) as server:
        record_book([article.parent], book_path, _settings(server.base_url, tmp_path / "c"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "replay", "run", str(article.parent)]
    done = subprocess.run(
        [*command, "--book", str(book_path), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert load_document(out / "chinese.json").officials[0].name == "陈立华"

"""`python -m extract` as a user runs it, against a scripted server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from schemas import load_document
from tests import articles
from tests.articles import answer_for
from tests.scripted_server import scripted_server


def run_cli(args: list[str], base_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OPENAI_", "EXTRACT_"))
    }
    env.update(
        OPENAI_BASE_URL=base_url,
        EXTRACT_MODEL="scripted",
        EXTRACT_SCHEMA_MODE="json_object_schema",
        XDG_CACHE_HOME=str(tmp_path / "xdg"),
    )
    return subprocess.run(
        [sys.executable, "-m", "extract", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_run_extracts_scores_and_resumes(tmp_path: Path) -> None:
    articles_dir = tmp_path / "in"
    articles_dir.mkdir()
    (articles_dir / "good.txt").write_text(articles.CHINESE, encoding="utf-8")
    (articles_dir / "broken.txt").write_bytes(b"caf\xe9 \xff\xff")
    out = tmp_path / "out"
    with scripted_server([], respond=answer_for) as server:
        first = run_cli(["run", str(articles_dir), "--out", str(out)], server.base_url, tmp_path)
        second = run_cli(["run", str(articles_dir), "--out", str(out)], server.base_url, tmp_path)
    assert first.returncode == 1, first.stderr  # one article failed
    assert "broken.txt" in first.stderr and "not valid UTF-8" in first.stderr
    document = load_document(out / "good.json")
    assert document.meetings[0].city == "Changsha"
    assert document.officials[0].name_en == "Chen Lihua"
    assert document.resolutions[0].next_host == "CN-JX"
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["run_info"]["backend"] == "http"
    assert run["articles"]["good"]["status"] == "ok"
    assert run["articles"]["good"]["calls"] == 3
    assert run["articles"]["broken"]["status"] == "failed"
    assert not (out / "broken.json").exists()
    # The rerun skips the done article: only the first run's three questions reached the server.
    assert len(server.requests) == 3
    assert second.returncode == 1


def test_cache_commands(tmp_path: Path) -> None:
    with scripted_server([], respond=answer_for) as server:
        article = tmp_path / "a.txt"
        article.write_text(articles.CHINESE, encoding="utf-8")
        run_cli(["run", str(article), "--out", str(tmp_path / "o")], server.base_url, tmp_path)
        stats = run_cli(["cache", "stats"], server.base_url, tmp_path)
        cleared = run_cli(["cache", "clear"], server.base_url, tmp_path)
    assert json.loads(stats.stdout)["entries"] == 3
    assert "removed 3 cached answers" in cleared.stdout


def test_configuration_errors_say_how_to_fix_them(tmp_path: Path) -> None:
    result = run_cli(["run", str(tmp_path), "--out", str(tmp_path / "o")], "", tmp_path)
    assert result.returncode == 2
    assert "python -m extract model fetch" in result.stderr

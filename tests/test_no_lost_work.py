"""No lost work: a run killed with SIGKILL, a damaged or shared cache, two runs at once, and a
scorer given malformed files. Every article ends extracted or listed with a reason, once.

The runs here are `python -m extract run` as a user starts it, against a scripted
OpenAI-compatible server on 127.0.0.1 that thinks a little before each answer.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from evals.corpus import score_directories
from extract.runtime.cache import CachedAnswer, CacheWarning, ResponseCache
from schemas import dump_document, load_document
from schemas.runs import RUN_FILE
from tests import articles
from tests.accounting import account_for_run, assert_run_json_claims_only_what_is_on_disk
from tests.conftest import GOLD
from tests.scripted_server import ScriptedServer, Step, scripted_server
from tests.unprivileged import permissions_apply, subject_to_permissions

THINKING_SECONDS = 0.03


def slow_answer(body: dict[str, Any]) -> Step:
    return dataclasses.replace(articles.answer_for(body), delay_seconds=THINKING_SECONDS)


def article_folder(folder: Path, count: int) -> dict[str, Path]:
    """`count` distinct articles (so that none is served from another's cache entry)."""
    folder.mkdir(parents=True)
    sources = {}
    for number in range(count):
        doc_id = f"a{number:03d}"
        sources[doc_id] = folder / f"{doc_id}.txt"
        sources[doc_id].write_text(f"编号:{doc_id}\n{articles.CHINESE}", encoding="utf-8")
    return sources


def cli_env(server: ScriptedServer, cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
    env.update(
        OPENAI_BASE_URL=server.base_url,
        EXTRACT_MODEL="scripted",
        EXTRACT_SCHEMA_MODE="json_object_schema",
        EXTRACT_CACHE_DIR=str(cache_dir),
    )
    return env


def start_run(folder: Path, out: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "extract", "run", str(folder), "--out", str(out), *extra]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def records_on_disk(out: Path) -> int:
    return len([p for p in out.glob("*.json") if p.name != RUN_FILE]) if out.exists() else 0


def kill_after(process: subprocess.Popen[str], out: Path, records: int) -> None:
    """SIGKILL the run once `records` record files exist (0: as soon as it has started)."""
    deadline = time.monotonic() + 120
    while records_on_disk(out) < records or not (out / RUN_FILE).exists():
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "the run made no progress"
        time.sleep(0.002)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL


# --- kill -9 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kill_points", "jobs"), [((0, 3, 9), "1"), ((2, 7), "3")])
def test_runs_killed_again_and_again_end_with_one_complete_record_per_article(
    kill_points: tuple[int, ...], jobs: str, tmp_path: Path
) -> None:
    sources = article_folder(tmp_path / "in", 14)
    out = tmp_path / "out"
    with scripted_server([], respond=slow_answer) as server:
        env = cli_env(server, tmp_path / "cache")
        for records in kill_points:
            kill_after(start_run(tmp_path / "in", out, env, "--jobs", jobs), out, records)
            # What a killed run leaves: complete records only, and a run.json that claims no
            # record that is not there (it may not yet list the newest ones).
            assert_run_json_claims_only_what_is_on_disk(out)
        final = start_run(tmp_path / "in", out, env, "--jobs", jobs)
        _, stderr = final.communicate(timeout=300)

    assert final.returncode == 0, stderr
    account = account_for_run(sources, out)
    assert account.clean, account
    assert sorted(account.ok) == sorted(sources)
    expected_files = [f"{doc_id}.json" for doc_id in sources] + [RUN_FILE]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected_files)
    # Nothing was extracted twice: each article's questions reached the model once, except those
    # of articles in flight at a kill that had not yet reached the cache.
    questions = 3 * len(sources)
    assert questions <= len(server.requests) <= questions + 3 * len(kill_points) * int(jobs)


# --- A damaged cache ----------------------------------------------------------------------------


def run_to_end(
    folder: Path, out: Path, server: ScriptedServer, cache_dir: Path
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "extract", "run", str(folder), "--out", str(out)]
    env = cli_env(server, cache_dir)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def truncate_database(cache_dir: Path) -> int | None:
    database = cache_dir / "cache.db"
    with open(database, "r+b") as handle:
        handle.truncate(database.stat().st_size // 2)
    return None  # every answer is lost


def overwrite_database(cache_dir: Path) -> int | None:
    (cache_dir / "cache.db").write_bytes(b"this is not a database" * 500)
    return None


def tamper_with_answers(cache_dir: Path) -> int | None:
    """Change stored answers as flipped bits would: still valid JSON, a wrong city. Returns how
    many were changed (the others are still good)."""
    import diskcache

    changed = 0
    with diskcache.Cache(str(cache_dir)) as cache:
        for key in list(cache):
            value = cache[key]
            if "长沙" in value["json"]:
                value["json"] = value["json"].replace("长沙", "南昌")
                cache[key] = value
                changed += 1
    assert changed
    return changed


DAMAGE = {
    "truncated database": truncate_database,
    "garbage database": overwrite_database,
    "tampered entries": tamper_with_answers,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_cache_warns_and_recomputes_never_a_wrong_answer(
    damage: str, tmp_path: Path
) -> None:
    sources = article_folder(tmp_path / "in", 3)
    cache_dir = tmp_path / "cache"
    with scripted_server([], respond=articles.answer_for) as server:
        assert run_to_end(tmp_path / "in", tmp_path / "first", server, cache_dir).returncode == 0
        first_requests = len(server.requests)
        damaged = DAMAGE[damage](cache_dir)
        second = run_to_end(tmp_path / "in", tmp_path / "second", server, cache_dir)

    assert second.returncode == 0, second.stderr
    assert "CacheWarning" in second.stderr
    recomputed = len(server.requests) - first_requests
    assert recomputed == (first_requests if damaged is None else damaged)
    for doc_id in sources:
        first = load_document(tmp_path / "first" / f"{doc_id}.json")
        assert load_document(tmp_path / "second" / f"{doc_id}.json") == first
        assert first.meetings[0].city == "Changsha"


def test_cache_clear_replaces_a_damaged_cache(tmp_path: Path) -> None:
    article_folder(tmp_path / "in", 1)
    cache_dir = tmp_path / "cache"
    with scripted_server([], respond=articles.answer_for) as server:
        run_to_end(tmp_path / "in", tmp_path / "first", server, cache_dir)
        overwrite_database(cache_dir)
        env = cli_env(server, cache_dir)
        clear = [sys.executable, "-m", "extract", "cache", "clear"]
        cleared = subprocess.run(clear, env=env, capture_output=True, text=True, timeout=60)
        again = run_to_end(tmp_path / "in", tmp_path / "second", server, cache_dir)
    assert "removed the damaged cache" in cleared.stdout
    assert "CacheWarning" not in again.stderr
    assert ResponseCache(cache_dir).stats()["entries"] == 3


@pytest.mark.skipif(not permissions_apply(), reason="cannot drop root's override here")
def test_a_cache_without_permissions_warns_and_the_run_goes_on(tmp_path: Path) -> None:
    sources = article_folder(tmp_path / "in", 2)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0)
    command = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "--out"]
    with scripted_server([], respond=articles.answer_for) as server:
        result = subprocess.run(
            subject_to_permissions([*command, str(tmp_path / "out")]),
            env=cli_env(server, cache_dir),
            capture_output=True,
            text=True,
            timeout=300,
        )
    cache_dir.chmod(0o700)
    assert result.returncode == 0, result.stderr
    assert "response cache disabled" in result.stderr
    assert "Permission denied" in result.stderr
    account = account_for_run(sources, tmp_path / "out")
    assert account.clean and sorted(account.ok) == sorted(sources)


def test_a_cache_path_that_is_a_file_warns_and_the_run_goes_on(tmp_path: Path) -> None:
    sources = article_folder(tmp_path / "in", 2)
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("x", encoding="utf-8")
    with scripted_server([], respond=articles.answer_for) as server:
        result = run_to_end(tmp_path / "in", tmp_path / "out", server, not_a_folder)
    assert result.returncode == 0, result.stderr
    assert "response cache disabled" in result.stderr
    assert account_for_run(sources, tmp_path / "out").clean


# --- Two runs at once ---------------------------------------------------------------------------


def test_two_runs_sharing_one_cache_at_the_same_time_are_safe(tmp_path: Path) -> None:
    sources = article_folder(tmp_path / "in", 12)
    cache_dir = tmp_path / "cache"
    with scripted_server([], respond=slow_answer) as server:
        env = cli_env(server, cache_dir)
        runs = [start_run(tmp_path / "in", tmp_path / name, env) for name in ("one", "two")]
        results = [run.communicate(timeout=300) for run in runs]
    for run, (_, stderr) in zip(runs, results, strict=True):
        assert run.returncode == 0, stderr
        assert "CacheWarning" not in stderr
    for name in ("one", "two"):
        account = account_for_run(sources, tmp_path / name)
        assert account.clean and sorted(account.ok) == sorted(sources)
    for doc_id in sources:
        assert load_document(tmp_path / "one" / f"{doc_id}.json") == load_document(
            tmp_path / "two" / f"{doc_id}.json"
        )
    assert ResponseCache(cache_dir).stats()["entries"] == 3 * len(sources)


CACHE_WRITER = """
import sys, warnings
from pathlib import Path
from extract.runtime.cache import CachedAnswer, ResponseCache
warnings.simplefilter("error")
cache = ResponseCache(Path(sys.argv[1]))
for round in range(3):
    for n in range(150):
        key = f"k{n}"
        cache.put(key, CachedAnswer(json='{"n": %d}' % n, prompt_tokens=n, completion_tokens=1))
        got = cache.get(key)
        assert got is not None and got.json == '{"n": %d}' % n, (key, got)
cache.close()
"""


def test_processes_hammering_one_cache_directory_see_only_whole_entries(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    command = [sys.executable, "-c", CACHE_WRITER, str(cache_dir)]
    writers = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for writer in writers:
        _, stderr = writer.communicate(timeout=120)
        assert writer.returncode == 0, stderr
    cache = ResponseCache(cache_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        for n in range(150):
            assert cache.get(f"k{n}") == CachedAnswer(f'{{"n": {n}}}', n, 1)
    cache.close()


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_works(
    tmp_path: Path,
) -> None:
    sources = article_folder(tmp_path / "in", 10)
    out = tmp_path / "out"

    def slower_answer(body: dict[str, Any]) -> Step:
        # Long enough that the first run is still working while the second starts, however
        # busy the machine: 10 articles x 3 questions x 0.3 s.
        return dataclasses.replace(articles.answer_for(body), delay_seconds=0.3)

    with scripted_server([], respond=slower_answer) as server:
        env = cli_env(server, tmp_path / "cache")
        first = start_run(tmp_path / "in", out, env)
        kill_deadline = time.monotonic() + 60
        while not (out / RUN_FILE).exists():
            assert time.monotonic() < kill_deadline and first.poll() is None
            time.sleep(0.005)
        second = start_run(tmp_path / "in", out, env)
        _, second_err = second.communicate(timeout=120)
        _, first_err = first.communicate(timeout=300)
    assert second.returncode == 2
    assert f"another run is writing to {out}" in second_err
    assert first.returncode == 0, first_err
    account = account_for_run(sources, out)
    assert account.clean and sorted(account.ok) == sorted(sources)
    assert len(server.requests) == 3 * len(sources)


# --- The scorer given malformed files -----------------------------------------------------------

MALFORMED = {
    "empty file": b"",
    "cut-off JSON": b'{"doc_id": "d", "language": "zh", "meet',
    "a JSON list": b"[1, 2, 3]",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00",
    "not UTF-8": '{"doc_id": "d"}'.encode("utf-16"),
    "wrong field type": b'{"doc_id": "d", "language": "zh", "meetings": "none"}',
}


@pytest.mark.parametrize("malformed", MALFORMED)
@pytest.mark.parametrize("side", ["gold", "pred"])
def test_the_scorer_reports_a_malformed_file_and_scores_the_rest(
    side: str, malformed: str, tmp_path: Path
) -> None:
    good = load_document(GOLD / "000_c87fae1540566935.json")
    for folder in ("gold", "pred"):
        (tmp_path / folder).mkdir()
        for doc_id in ("000_c87fae1540566935", "d"):
            document = good.model_copy(update={"doc_id": doc_id})
            (tmp_path / folder / f"{doc_id}.json").write_text(
                dump_document(document), encoding="utf-8"
            )
    (tmp_path / side / "d.json").write_bytes(MALFORMED[malformed])

    report = score_directories(tmp_path / "gold", tmp_path / "pred", check_evidence=False)

    (error,) = report["errors"]
    assert error["doc_id"] == "d" and error["file"].endswith("d.json")
    assert error["kind"] == ("invalid_gold" if side == "gold" else "invalid_prediction")
    assert report["documents"]["000_c87fae1540566935"]["headline"] == 1.0

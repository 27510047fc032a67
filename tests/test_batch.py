"""The batch runner: inputs, failure isolation, run.json, resume, atomic writes, jobs, progress.

Every article here is a small hand-written file under tmp_path, and the extractor is a fake that
builds a tiny valid record, records fake usage, and fails on marker strings.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from extract.errors import ConfigError, TransportError
from extract.running.batch import run_batch
from extract.running.inputs import collect_articles
from extract.running.output import TEMP_SUFFIX, write_atomically
from extract.running.progress import ProgressReporter, TerminalProgress
from extract.running.record import Failure, RunSummary
from extract.runtime.usage import Usage
from schemas import SCHEMA_VERSION, Document, load_document
from schemas.runs import RUN_FILE, load_run_record

ROOT = Path(__file__).resolve().parent.parent
TRANSPORT_FAILS = "<<transport fails>>"
EXTRACTOR_BUG = "<<extractor bug>>"
RUN_INFO: dict[str, object] = {
    "backend": "fake",
    "model": "fake-model",
    "prompt_version": "p1",
    "schema_version": SCHEMA_VERSION,
}
COMPLETION_TOKENS = 7


class FakeExtractor:
    """Deterministic stand-in for the engine; counts its calls and how many ran at once."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: list[str] = []
        self.max_running = 0
        self._running = 0
        self._lock = threading.Lock()

    def __call__(self, text: str, doc_id: str, usage: Usage) -> Document:
        with self._lock:
            self.calls.append(doc_id)
            self._running += 1
            self.max_running = max(self.max_running, self._running)
        try:
            time.sleep(self.delay)
            usage.record_call(prompt_tokens=len(text), completion_tokens=COMPLETION_TOKENS)
            if TRANSPORT_FAILS in text:
                raise TransportError(
                    "server kept answering 503", provider="fake", attempts=5, status=503
                )
            if EXTRACTOR_BUG in text:
                raise RuntimeError("boom in the extractor")
            language = "zh" if any(ord(char) > 127 for char in text) else "en"
            return Document(doc_id=doc_id, language=language)
        finally:
            with self._lock:
                self._running -= 1


def write_articles(folder: Path, articles: dict[str, str]) -> dict[str, Path]:
    """Write article files (names may contain sub-folders); returns the paths by name."""
    paths = {}
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def record_files(out: Path) -> list[str]:
    """Names of the record files in an output folder (run.json excluded)."""
    return sorted(p.name for p in out.glob("*.json") if p.name != RUN_FILE)


def stray_files(out: Path) -> list[str]:
    """Files in an output folder that are neither records, run.json nor set-aside records."""
    return sorted(
        p.name
        for p in out.iterdir()
        if not (p.name.endswith(".json") and not p.name.startswith("."))
        and not p.name.endswith(".json.invalid")
    )


def read_run(out: Path) -> dict[str, object]:
    with open(out / RUN_FILE, encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    return data


def run_articles(out: Path) -> dict[str, dict[str, object]]:
    articles = read_run(out)["articles"]
    assert isinstance(articles, dict)
    return articles


def run(
    paths: list[Path],
    out: Path,
    extractor: FakeExtractor,
    *,
    jobs: int = 1,
    progress: ProgressReporter | None = None,
) -> RunSummary:
    return run_batch(paths, out, extractor, jobs=jobs, run_info=RUN_INFO, progress=progress)


# --- Inputs --------------------------------------------------------------------------------


def test_collect_takes_folders_recursively_and_explicit_files_whatever_their_extension(
    tmp_path: Path,
) -> None:
    paths = write_articles(
        tmp_path,
        {
            "corpus/b.txt": "B",
            "corpus/a.txt": "A",
            "corpus/sub/c.txt": "C",
            "corpus/notes.md": "not an article",
            "corpus/.hidden.txt": "editor debris",
            "corpus/.git/x.txt": "vcs debris",
            "extra/d.article": "D",
        },
    )
    articles, problems = collect_articles([tmp_path / "corpus", paths["extra/d.article"]])
    assert [(a.doc_id, a.path) for a in articles] == [
        ("a", paths["corpus/a.txt"]),
        ("b", paths["corpus/b.txt"]),
        ("c", paths["corpus/sub/c.txt"]),
        ("d", paths["extra/d.article"]),
    ]
    assert problems == []


def test_collect_reports_duplicate_doc_ids_and_missing_paths(tmp_path: Path) -> None:
    paths = write_articles(tmp_path, {"one/a.txt": "A1", "two/a.txt": "A2", "two/b.txt": "B"})
    missing = tmp_path / "nowhere"
    articles, problems = collect_articles([tmp_path / "one", missing, tmp_path / "two"])
    assert [(a.doc_id, a.path) for a in articles] == [
        ("a", paths["one/a.txt"]),
        ("b", paths["two/b.txt"]),
    ]
    assert [p.source for p in problems] == [str(missing), str(paths["two/a.txt"])]
    assert str(missing) in problems[0].reason
    assert "no such file" in problems[0].reason
    assert "duplicate doc_id 'a'" in problems[1].reason
    assert f"also from {paths['one/a.txt']}" in problems[1].reason


def test_collect_takes_the_same_file_named_twice_once(tmp_path: Path) -> None:
    paths = write_articles(tmp_path, {"corpus/a.txt": "A"})
    articles, problems = collect_articles([tmp_path / "corpus", paths["corpus/a.txt"]])
    assert [a.doc_id for a in articles] == ["a"]
    assert problems == []


def test_collect_refuses_a_doc_id_that_would_overwrite_the_runs_own_files(tmp_path: Path) -> None:
    write_articles(tmp_path, {"corpus/run.txt": "R", "corpus/report.txt": "P", "corpus/x.txt": "X"})
    articles, problems = collect_articles([tmp_path / "corpus"])
    assert [a.doc_id for a in articles] == ["x"]
    assert len(problems) == 2
    assert "report.json" in problems[0].reason and RUN_FILE in problems[1].reason


def test_input_problems_are_failed_entries_and_do_not_stop_the_batch(tmp_path: Path) -> None:
    paths = write_articles(tmp_path, {"one/a.txt": "A1", "two/a.txt": "A2", "two/b.txt": "B"})
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "out"
    fake = FakeExtractor()
    summary = run([tmp_path / "one", missing, tmp_path / "two"], out, fake)

    assert sorted(fake.calls) == ["a", "b"]
    assert record_files(out) == ["a.json", "b.json"]
    assert load_document(out / "a.json").language == "en"
    entries = run_articles(out)
    assert entries["a"]["source"] == str(paths["one/a.txt"])
    duplicate = entries[str(paths["two/a.txt"])]
    assert duplicate["status"] == "failed"
    assert "duplicate doc_id 'a'" in str(duplicate["reason"])
    assert entries[str(missing)]["status"] == "failed"
    assert str(missing) in str(entries[str(missing)]["reason"])
    assert summary.failed == 2
    assert summary.extracted == 2
    assert summary.exit_code == 1


# --- Failure isolation -----------------------------------------------------------------------


def test_failing_articles_do_not_stop_the_others_and_leave_no_output(tmp_path: Path) -> None:
    paths = write_articles(
        tmp_path / "in",
        {
            "a.txt": "fine",
            "b.txt": f"the server {TRANSPORT_FAILS}",
            "c.txt": f"a bug {EXTRACTOR_BUG}",
            "d.txt": "also fine",
        },
    )
    out = tmp_path / "out"
    fake = FakeExtractor()
    summary = run([tmp_path / "in"], out, fake)

    assert fake.calls == ["a", "b", "c", "d"]
    assert record_files(out) == ["a.json", "d.json"]
    assert stray_files(out) == []
    reasons = {failure.doc_id: failure.reason for failure in summary.failures}
    assert reasons == {
        "b": f"{paths['b.txt']}: TransportError: server kept answering 503 (fake, 5 attempts)",
        "c": f"{paths['c.txt']}: RuntimeError: boom in the extractor",
    }
    entries = run_articles(out)
    assert entries["b"]["status"] == "failed"
    assert entries["b"]["reason"] == reasons["b"]
    # The failed attempt's cost is still recorded.
    assert entries["b"]["calls"] == 1
    assert entries["c"]["reason"] == reasons["c"]
    assert summary.extracted == 2


def test_non_utf8_article_is_reported_with_its_name(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"good.txt": "fine"})
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"abc\xff\xfe")
    out = tmp_path / "out"
    fake = FakeExtractor()
    summary = run([tmp_path / "in"], out, fake)

    assert fake.calls == ["good"]
    reason = f"{bad}: is not valid UTF-8 (byte 3) and does not read as GB18030 or Big5 text; "
    reason += "convert it to UTF-8"
    assert summary.failures == [Failure("bad", reason)]
    assert run_articles(out)["bad"]["reason"] == reason
    assert record_files(out) == ["good.json"]


def test_a_record_for_another_doc_id_is_a_failure(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A"})
    out = tmp_path / "out"

    def wrong_id(text: str, doc_id: str, usage: Usage) -> Document:
        return Document(doc_id="someone_else", language="en")

    summary = run_batch([tmp_path / "in"], out, wrong_id, run_info=RUN_INFO)
    assert summary.failed == 1
    assert "'someone_else'" in summary.failures[0].reason
    assert record_files(out) == []


def test_a_failed_write_leaves_neither_record_nor_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A", "b.txt": "B"})
    out = tmp_path / "out"
    real_replace = os.replace

    def disk_full_for_b(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "b.json":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full_for_b)
    summary = run([tmp_path / "in"], out, FakeExtractor())

    assert [f.doc_id for f in summary.failures] == ["b"]
    assert "No space left on device" in summary.failures[0].reason
    assert record_files(out) == ["a.json"]
    assert stray_files(out) == []


# --- run.json ------------------------------------------------------------------------------


def test_run_json_records_run_info_every_article_and_totals(tmp_path: Path) -> None:
    paths = write_articles(
        tmp_path / "文章",
        {"a.txt": "abcd", "b.txt": "泛珠三角区域合作", "c.txt": f"x {TRANSPORT_FAILS}"},
    )
    out = tmp_path / "out"
    run([tmp_path / "文章"], out, FakeExtractor())

    raw = (out / RUN_FILE).read_text(encoding="utf-8")
    assert "文章" in raw  # readable, not \u-escaped
    assert raw.startswith('{\n  "run_info"')  # indent 2
    data = read_run(out)
    assert data["run_info"] == RUN_INFO
    started = dt.datetime.fromisoformat(str(data["started"]))
    updated = dt.datetime.fromisoformat(str(data["updated"]))
    assert started <= updated
    entries = run_articles(out)
    assert list(entries) == ["a", "b", "c"]
    assert entries["a"] == {
        "source": str(paths["a.txt"]),
        "status": "ok",
        "reason": None,
        "note": None,
        "seconds": entries["a"]["seconds"],
        "prompt_tokens": 4,
        "completion_tokens": COMPLETION_TOKENS,
        "calls": 1,
        "cache_hits": 0,
        "resumed": False,
    }
    assert isinstance(entries["a"]["seconds"], float)
    assert entries["b"]["prompt_tokens"] == len("泛珠三角区域合作")
    assert entries["c"]["status"] == "failed"
    totals = data["totals"]
    assert isinstance(totals, dict)
    assert {k: v for k, v in totals.items() if k != "seconds"} == {
        "articles": 3,
        "ok": 2,
        "failed": 1,
        "skipped": 0,
        "calls": 3,
        "cache_hits": 0,
        "prompt_tokens": 4 + 8 + len(f"x {TRANSPORT_FAILS}"),
        "completion_tokens": 3 * COMPLETION_TOKENS,
    }
    assert totals["seconds"] == pytest.approx(
        sum(float(str(entry["seconds"])) for entry in entries.values()),
        abs=0.01,
    )
    # The file is the shared model's shape: what the scorer, the review page and the benchmark read.
    record = load_run_record(out / RUN_FILE)
    assert record.totals.failed == 1 and record.articles["c"].status == "failed"
    assert record.dumps() == raw


def test_run_json_is_written_after_every_article(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A", "b.txt": "B", "c.txt": "C"})
    out = tmp_path / "out"
    seen_before_call: list[list[str]] = []
    fake = FakeExtractor()

    def watching(text: str, doc_id: str, usage: Usage) -> Document:
        seen_before_call.append(list(run_articles(out)))
        return fake(text, doc_id, usage)

    run_batch([tmp_path / "in"], out, watching, run_info=RUN_INFO)
    assert seen_before_call == [[], ["a"], ["a", "b"]]


# --- Resume --------------------------------------------------------------------------------


def test_resume_skips_done_articles_and_retries_failed_ones(tmp_path: Path) -> None:
    paths = write_articles(
        tmp_path / "in", {"a.txt": "first", "b.txt": f"x {TRANSPORT_FAILS}", "c.txt": "third"}
    )
    out = tmp_path / "out"
    first = run([tmp_path / "in"], out, FakeExtractor())
    assert first.exit_code == 1
    first_entries = run_articles(out)
    a_before = (out / "a.json").stat().st_mtime_ns

    paths["b.txt"].write_text("the server is back", encoding="utf-8")
    fake = FakeExtractor()
    second = run([tmp_path / "in"], out, fake)

    assert fake.calls == ["b"]
    assert (second.extracted, second.resumed, second.failed, second.exit_code) == (1, 2, 0, 0)
    assert (out / "a.json").stat().st_mtime_ns == a_before
    entries = run_articles(out)
    assert entries["a"]["status"] == "ok"
    assert entries["a"]["resumed"] is True
    for number in ("prompt_tokens", "completion_tokens", "calls", "seconds"):
        assert entries["a"][number] == first_entries["a"][number]
    assert entries["b"]["status"] == "ok"
    assert entries["b"]["resumed"] is False
    totals = read_run(out)["totals"]
    assert isinstance(totals, dict)
    assert (totals["ok"], totals["failed"], totals["skipped"], totals["calls"]) == (3, 0, 2, 3)
    assert record_files(out) == ["a.json", "b.json", "c.json"]


def test_resume_keeps_a_valid_record_even_without_a_previous_run_json(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A", "b.txt": "B"})
    out = tmp_path / "out"
    run([tmp_path / "in"], out, FakeExtractor())
    (out / RUN_FILE).unlink()
    fake = FakeExtractor()
    summary = run([tmp_path / "in"], out, fake)
    assert fake.calls == []
    assert summary.resumed == 2
    assert run_articles(out)["a"]["resumed"] is True
    assert run_articles(out)["a"]["calls"] == 0  # no earlier numbers to keep


def test_invalid_existing_records_are_set_aside_and_extracted_again(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A", "b.txt": "B", "c.txt": f"{TRANSPORT_FAILS}"})
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text('{"doc_id": "a", "langu', encoding="utf-8")
    (out / "b.json").write_text(json.dumps({"doc_id": "not_b", "language": "en"}), encoding="utf-8")
    (out / "c.json").write_text("{}", encoding="utf-8")
    fake = FakeExtractor()
    summary = run([tmp_path / "in"], out, fake)

    assert fake.calls == ["a", "b", "c"]
    assert load_document(out / "a.json").doc_id == "a"
    assert load_document(out / "b.json").doc_id == "b"
    # c failed again: its invalid file must not pass for a record.
    assert record_files(out) == ["a.json", "b.json"]
    assert (out / "a.json.invalid").read_text(encoding="utf-8") == '{"doc_id": "a", "langu'
    entries = run_articles(out)
    assert "a.json was invalid" in str(entries["a"]["note"])
    assert "'not_b'" in str(entries["b"]["note"])
    assert entries["a"]["status"] == "ok"
    assert entries["a"]["resumed"] is False
    assert [f.doc_id for f in summary.failures] == ["c"]


def test_leftover_temp_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "A"})
    out = tmp_path / "out"
    out.mkdir()
    leftovers = [out / f".a.json.0badc0de{TEMP_SUFFIX}", out / f".run.json.12345678{TEMP_SUFFIX}"]
    for leftover in leftovers:
        leftover.write_text('{"doc_id": "a", "lan', encoding="utf-8")
    unrelated = [out / "notes.tmp", out / ".keep", out / f"visible{TEMP_SUFFIX}"]
    for path in unrelated:
        path.write_text("mine", encoding="utf-8")

    run([tmp_path / "in"], out, FakeExtractor())
    assert not any(path.exists() for path in leftovers)
    assert all(path.read_text(encoding="utf-8") == "mine" for path in unrelated)


# --- Atomic writes ---------------------------------------------------------------------------


def test_write_atomically_replaces_the_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "新\n")
    assert target.read_bytes() == "新\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_write_atomically_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.json"
    target.write_text("old", encoding="utf-8")

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        raise OSError("rename failed")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="rename failed"):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_a_run_leaves_no_temp_files(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {f"{n}.txt": f"article {n}" for n in range(5)})
    out = tmp_path / "out"
    run([tmp_path / "in"], out, FakeExtractor(), jobs=2)
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.json" for n in range(5)] + [RUN_FILE]


# --- Jobs ----------------------------------------------------------------------------------


def test_three_jobs_give_the_same_files_as_one(tmp_path: Path) -> None:
    texts = {f"{n:02d}.txt": f"article {n}" for n in range(9)}
    texts["03.txt"] += TRANSPORT_FAILS
    texts["07.txt"] += EXTRACTOR_BUG
    write_articles(tmp_path / "in", texts)

    def outcome(jobs: int) -> tuple[dict[str, bytes], dict[str, dict[str, object]]]:
        out = tmp_path / f"out{jobs}"
        fake = FakeExtractor(delay=0.05)
        run([tmp_path / "in"], out, fake, jobs=jobs)
        if jobs > 1:
            assert fake.max_running > 1  # the work really ran side by side
        files = {p.name: p.read_bytes() for p in out.iterdir() if p.name != RUN_FILE}
        entries = {
            key: {k: v for k, v in entry.items() if k != "seconds"}
            for key, entry in run_articles(out).items()
        }
        return files, entries

    one, three = outcome(1), outcome(3)
    assert three == one
    assert sorted(one[0]) == [f"{n:02d}.json" for n in range(9) if n not in (3, 7)]


def test_jobs_below_one_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="jobs"):
        run([tmp_path], tmp_path / "out", FakeExtractor(), jobs=0)


# --- Summary and progress --------------------------------------------------------------------


def test_exit_code_is_zero_only_without_failures(tmp_path: Path) -> None:
    write_articles(tmp_path / "good", {"a.txt": "A"})
    write_articles(tmp_path / "bad", {"b.txt": TRANSPORT_FAILS})
    assert run([tmp_path / "good"], tmp_path / "out1", FakeExtractor()).exit_code == 0
    assert run([tmp_path / "bad"], tmp_path / "out2", FakeExtractor()).exit_code == 1
    missing_only = run([tmp_path / "nowhere"], tmp_path / "out3", FakeExtractor())
    assert missing_only.exit_code == 1
    summary = RunSummary(extracted=3, resumed=1, failures=[], run_json=tmp_path / RUN_FILE)
    assert (summary.ok, summary.failed, summary.exit_code) == (4, 0, 0)


def test_terminal_progress_writes_one_plain_line_per_article_off_a_tty(tmp_path: Path) -> None:
    paths = write_articles(
        tmp_path / "in", {"a.txt": "abc", "b.txt": TRANSPORT_FAILS, "c.txt": "defgh"}
    )
    out = tmp_path / "out"
    stream = io.StringIO()
    run([tmp_path / "in"], out, FakeExtractor(), progress=TerminalProgress(stream))
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert len(lines) == 4
    assert re.fullmatch(rf"\[1/3\] a ok \d+\.\ds 3\+{COMPLETION_TOKENS} tok", lines[0])
    assert lines[1] == (
        f"[2/3] b FAILED: {paths['b.txt']}: TransportError: server kept answering 503 "
        "(fake, 5 attempts)"
    )
    assert re.fullmatch(rf"\[3/3\] c ok \d+\.\ds 5\+{COMPLETION_TOKENS} tok", lines[2])
    assert lines[3].startswith("2 ok (0 resumed), 1 failed")

    stream = io.StringIO()
    run([tmp_path / "in"], out, FakeExtractor(), progress=TerminalProgress(stream))
    lines = stream.getvalue().splitlines()
    assert lines[:2] == [
        "[1/3] a skipped (output already there)",
        "[2/3] c skipped (output already there)",
    ]
    assert lines[2].startswith("[3/3] b FAILED: ")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_progress_rewrites_one_bar_line_on_a_tty(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", {"a.txt": "abc", "b.txt": TRANSPORT_FAILS})
    stream = FakeTerminal()
    run([tmp_path / "in"], tmp_path / "out", FakeExtractor(), progress=TerminalProgress(stream))
    text = stream.getvalue()
    # Only the failure and the final summary end lines; the bar itself is rewritten in place.
    permanent = text.split("\n")
    assert len(permanent) == 4
    assert "[" + "#" * 10 + "-" * 10 + "] 1/2 ok=1 a ok" in permanent[0]
    assert permanent[0].endswith(
        "\r\x1b[Kb FAILED: " + str(tmp_path / "in" / "b.txt") + ": "
        "TransportError: server kept answering 503 (fake, 5 attempts)"
    )
    assert permanent[1] == "\r\x1b[K[" + "#" * 20 + "] 2/2 ok=1 failed=1 b failed"
    assert permanent[2].startswith("1 ok (0 resumed), 1 failed")
    assert permanent[3] == ""


# --- A run killed mid-way --------------------------------------------------------------------

CRASHING_RUN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path

    from extract.running.batch import run_batch
    from schemas import Document


    def slow_extract(text, doc_id, usage):
        time.sleep(0.05)
        usage.record_call(prompt_tokens=len(text), completion_tokens=3)
        return Document(doc_id=doc_id, language="en")


    run_batch([Path(sys.argv[1])], Path(sys.argv[2]), slow_extract, jobs=2, run_info={})
    """
)


def assert_run_json_matches_disk(out: Path) -> None:
    """run.json never claims a record that is not on disk complete and valid."""
    if not (out / RUN_FILE).exists():
        return
    for doc_id, entry in run_articles(out).items():
        if entry["status"] == "ok":
            assert load_document(out / f"{doc_id}.json").doc_id == doc_id


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_run_resumes_to_exactly_one_complete_record_per_article(
    tmp_path: Path,
) -> None:
    doc_ids = [f"{n:02d}" for n in range(40)]
    write_articles(tmp_path / "in", {f"{d}.txt": f"article {d}" for d in doc_ids})
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_RUN, str(tmp_path / "in"), str(out)], cwd=ROOT, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while len(record_files(out) if out.exists() else []) < 6:
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run wrote no records"
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    # What the killed run left: complete records only, and a run.json that claims no more.
    done = [name.removesuffix(".json") for name in record_files(out)]
    assert 6 <= len(done) < len(doc_ids)
    for doc_id in done:
        assert load_document(out / f"{doc_id}.json").doc_id == doc_id
    assert_run_json_matches_disk(out)

    fake = FakeExtractor()
    summary = run([tmp_path / "in"], out, fake)

    assert sorted(fake.calls) == sorted(set(doc_ids) - set(done))
    assert summary.exit_code == 0
    assert summary.resumed == len(done)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{d}.json" for d in doc_ids] + [RUN_FILE]
    )
    entries = run_articles(out)
    assert sorted(entries) == doc_ids
    assert all(entry["status"] == "ok" for entry in entries.values())
    assert sorted(d for d, entry in entries.items() if entry["resumed"]) == sorted(done)
    assert_run_json_matches_disk(out)

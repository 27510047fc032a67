"""run.json's one model (`schemas.runs`): written by the extractor, read by the scorer's side."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.errors import RecordFileError
from schemas.runs import (
    RUN_FILE,
    RunEntry,
    RunRecord,
    RunTotals,
    is_run_own_file,
    load_run_record,
)


def _record() -> RunRecord:
    entries = {
        "a": RunEntry(source="in/a.txt", status="ok", seconds=1.5, calls=3, prompt_tokens=10),
        "b": RunEntry(source="in/b.txt", status="failed", reason="in/b.txt: empty file"),
        "c": RunEntry(source="in/c.txt", status="ok", resumed=True, calls=2, cache_hits=1),
    }
    return RunRecord(
        run_info={"backend": "embedded", "model": "m", "model_path": Path("/models/m.gguf")},
        started="2026-12-06T08:00:00+00:00",
        updated="2026-12-06T08:01:00+00:00",
        totals=RunTotals.over(list(entries.values())),
        articles=entries,
    )


def test_a_run_record_round_trips_with_readable_text(tmp_path: Path) -> None:
    record = _record()
    assert record.totals == RunTotals(
        articles=3, ok=2, failed=1, skipped=1, calls=5, cache_hits=1, prompt_tokens=10, seconds=1.5
    )
    (tmp_path / RUN_FILE).write_text(record.dumps(), encoding="utf-8")
    loaded = load_run_record(tmp_path / RUN_FILE)
    assert loaded.run_info["model_path"] == "/models/m.gguf"  # a path is written as its text
    assert loaded.articles == record.articles and loaded.totals == record.totals
    assert record.dumps().startswith('{\n  "run_info"')


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "not a run record"),
        ('{"started": "s", "updated": "u", "totals": {}, "articles": []}', "articles"),
        ('{"started": "s", "updated": "u", "totals": {"ok": -1}, "articles": {}}', "totals.ok"),
        ('{"started": "s", "updated": "u", "totals": {}, "articles": {}, "x": 1}', "x"),
    ],
)
def test_a_malformed_run_json_is_a_record_file_error_saying_why(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / RUN_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordFileError, match=reason) as caught:
        load_run_record(path)
    assert caught.value.path == path
    with pytest.raises(RecordFileError, match="no such file"):
        load_run_record(tmp_path / "elsewhere" / RUN_FILE)


def test_the_runs_own_files_are_named_once() -> None:
    for name in ("run.json", "report.json", "report.md", "review.html"):
        assert is_run_own_file(Path("out") / name)
    assert not is_run_own_file("out/000_c87fae1540566935.json")
    assert not is_run_own_file("out/reports.json")

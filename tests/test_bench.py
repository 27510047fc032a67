"""The benchmark's parts that need no model: scoring a system's folder, the synthetic scorer
timing, the table, and the command line's checks. (The benchmark itself runs real models for
an hour; its numbers are in the README, not in assertions.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evals.bench import (
    Articles,
    BenchError,
    BenchPlan,
    collect,
    refuse_taken_port,
    run_totals,
    scores,
)
from evals.bench_report import render_bench_markdown
from evals.cli import main
from evals.synthetic import synthetic_pairs, time_scorer
from schemas import load_document
from schemas.runs import RUN_FILE, RunRecord, RunTotals
from tests.conftest import GOLD, SEEDS
from tests.scripted_server import scripted_server


def test_collect_counts_the_characters_of_the_text_as_read() -> None:
    articles = collect([SEEDS])
    assert len(articles.files) == 5 and articles.folder == SEEDS
    assert articles.chars == sum(
        len(path.read_text(encoding="utf-8").removeprefix("\ufeff")) for path in SEEDS.glob("*.txt")
    )


def test_a_system_folder_is_scored_with_the_same_scorer(tmp_path: Path) -> None:
    out = tmp_path / "toolkit"
    shutil.copytree(GOLD, out)
    totals = {"calls": 15, "prompt_tokens": 9, "completion_tokens": 4, "failed": 0}
    record = RunRecord(started="s", updated="u", totals=RunTotals(**totals), articles={})
    (out / RUN_FILE).write_text(record.dumps(), encoding="utf-8")
    plan = BenchPlan(paths=(SEEDS,), systems=("toolkit",), out=tmp_path, gold=GOLD)
    result = scores(plan, out, collect([SEEDS]))
    assert result["headline"] == 1.0 and result["valid_span_share"] == 1.0
    assert result["by_type"]["officials"]["f1"] == 1.0
    assert run_totals(out) == totals
    assert run_totals(tmp_path / "nothing")["calls"] is None


def test_without_gold_there_are_no_scores(tmp_path: Path) -> None:
    plan = BenchPlan(paths=(SEEDS,), systems=("toolkit",), out=tmp_path, gold=None)
    assert scores(plan, tmp_path, Articles({}, 0, None))["headline"] is None


def test_synthetic_predictions_differ_from_their_gold() -> None:
    golds = [load_document(path) for path in sorted(GOLD.glob("*.json"))]
    gold, pred = synthetic_pairs(golds, 12)
    assert len(gold) == len(pred) == 12 and gold.keys() == pred.keys()
    assert any(gold[key] != pred[key] for key in gold)
    timing = time_scorer(GOLD, documents=50)
    assert timing["documents"] == 50 and 0 < timing["headline"] < 1


def test_the_table_has_a_row_per_system_and_the_other_measurements() -> None:
    system = {
        "headline": 0.9, "by_type": {"meetings": {"f1": 1.0}, "officials": {"f1": 0.8},
                                     "resolutions": {"f1": 0.7}},
        "valid_span_share": 1.0, "seconds": 100.0, "seconds_per_1k_chars": 5.0, "calls": 15,
        "prompt_tokens": 50000, "completion_tokens": 3000, "failed": 0,
    }  # fmt: skip
    bench = {
        "date": "2026-11-24 10:00:00 +0000",
        "articles": {"count": 5, "chars": 20000},
        "systems": {"toolkit": {**system, "warm_rerun_seconds": 2.5}, "naive": system},
        "limit": {"prompt_tps": 60.0, "generation_tps": 10.0, "min_seconds": 50.0, "ratio": 2.0},
        "scorer": {"documents": 1000, "seconds": 0.3, "documents_per_second": 3333.3},
        "machine": {"cpus": 2, "cpu_model": "CPU", "memory": "24 GiB"},
        "model": {"file": "model.gguf"},
    }
    table = render_bench_markdown(bench)
    assert (
        "| toolkit | 0.900 | 1.000 | 0.800 | 0.700 | 1.000 | 100.0 | 5.00 | 15 | 50,000 |" in table
    )
    assert "| naive |" in table
    assert "2.00 × that" in table and "warm cache: 2.5 s" in table and "1,000 synthetic" in table


def test_unknown_systems_are_a_usage_error(tmp_path: Path) -> None:
    assert main(["bench", "--systems", "toolkit,magic", "--out", str(tmp_path)]) == 2


def test_a_taken_port_is_refused_before_a_server_is_started() -> None:
    with scripted_server([]) as server:
        port = int(server.base_url.split(":")[2].split("/")[0])
        with pytest.raises(BenchError, match=f"port {port} on 127.0.0.1 is taken"):
            refuse_taken_port(port)

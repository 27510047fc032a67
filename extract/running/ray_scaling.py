"""What a cluster would do: the Ray engine with 1, 2, 4… workers against a model server of fixed
latency that takes any number of requests at once, so that only the engine's overhead can keep
the rate from growing with the workers.

    python -m extract.running.ray_scaling --out DIR [--articles 500] [--latency 0.5]

Writes DIR/scaling.json and DIR/scaling.md. The server is the test suite's scripted
OpenAI-compatible server (so run this from a checkout of the repository), each answer is the real
pipeline's (three questions an article), and the cache is off, so every question reaches the
server. Per worker count:

    articles/s      articles settled per second of the run (workers already started)
    efficiency      that rate against perfect scaling: workers / (questions x latency)
    vs 1 worker     that rate against the 1-worker rate times the workers
    worker s/art    seconds inside a worker per article: the server's latency plus the
                    pipeline's own work (prompts, validation, grounding) and the driver's
                    reading and writing
    overhead s/art  what else a worker's slot spends per article: workers x wall / articles
                    minus worker s/art, that is Ray's dispatch and transfer and the driver's
                    turn-around; the figure that decides what many more workers would do
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extract.config import Settings
from extract.running.batch import run_engine
from extract.running.output import write_atomically
from extract.running.ray_engine import RayOptions, start_ray_engine
from schemas.runs import RUN_FILE

DEFAULT_WORKERS = (1, 2, 4, 8, 16)
SINGLE_MACHINE_RAY = {
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
    "RAY_AUTH_MODE": "disabled",
    "RAY_USAGE_STATS_ENABLED": "0",
}


@dataclasses.dataclass(frozen=True)
class ScalingRow:
    workers: int
    articles: int
    seconds: float
    articles_per_s: float
    efficiency: float
    vs_one_worker: float | None
    worker_s_per_article: float
    overhead_s_per_article: float
    questions: int
    lost: int
    duplicated: int
    failed: int


def write_articles(folder: Path, count: int, prefix: str = "s") -> dict[str, Path]:
    """`count` distinct synthetic articles (distinct, so none is answered from another's)."""
    from tests import articles

    folder.mkdir(parents=True, exist_ok=True)
    sources = {}
    for number in range(count):
        doc_id = f"{prefix}{number:05d}"
        sources[doc_id] = folder / f"{doc_id}.txt"
        sources[doc_id].write_text(f"编号:{doc_id}\n{articles.CHINESE}", encoding="utf-8")
    return sources


def measure(
    sources: dict[str, Path], out: Path, settings: Settings, workers: int, server: Any
) -> dict[str, Any]:
    """One run with `workers` workers, timed once they are all up and have each extracted one
    article of their own (the first article of a process pays for loading the pipeline's
    modules and tables, once), with its accounting."""
    from tests.accounting import account_for_run

    options = RayOptions(workers=workers)
    warm_up = write_articles(out.with_name(f"{out.name}-warm-up"), workers, prefix="w")
    with start_ray_engine(settings, options) as engine:
        engine.wait_until_all_ready()
        folder = next(iter(warm_up.values())).parent
        run_engine([folder], folder / "out", lambda: contextlib.nullcontext(engine))
        requests_before = len(server.requests)
        started = time.perf_counter()
        summary = run_engine(
            [next(iter(sources.values())).parent],
            out,
            lambda: contextlib.nullcontext(engine),
            save_every_s=1.0,
        )
        seconds = time.perf_counter() - started
    with open(out / RUN_FILE, encoding="utf-8") as handle:
        entries = json.load(handle)["articles"]
    account = account_for_run(sources, out)
    return {
        "seconds": seconds,
        "worker_seconds": sum(entry["seconds"] for entry in entries.values()),
        "questions": len(server.requests) - requests_before,
        "calls": summary.usage.calls,
        "lost": len(account.lost),
        "duplicated": len(account.duplicated) + len(account.inconsistent),
        "failed": len(account.failed),
    }


def row_for(
    workers: int, articles: int, latency: float, run: dict[str, Any], one_rate: float | None
) -> ScalingRow:
    rate = articles / run["seconds"]
    questions_per_article = run["calls"] / articles
    perfect = workers / (questions_per_article * latency)
    worker_s = run["worker_seconds"] / articles
    return ScalingRow(
        workers=workers,
        articles=articles,
        seconds=round(run["seconds"], 2),
        articles_per_s=round(rate, 3),
        efficiency=round(rate / perfect, 3),
        vs_one_worker=round(rate / (workers * one_rate), 3) if one_rate else None,
        worker_s_per_article=round(worker_s, 4),
        overhead_s_per_article=round(workers * run["seconds"] / articles - worker_s, 4),
        questions=run["questions"],
        lost=run["lost"],
        duplicated=run["duplicated"],
        failed=run["failed"],
    )


def markdown(rows: Sequence[ScalingRow], latency: float) -> str:
    lines = [
        f"Scripted server: {latency:g} s a question, any number at once; 3 questions an article.",
        "",
        "| workers | articles | s | articles/s | efficiency | vs 1 worker | worker s/art "
        "| overhead s/art | lost | duplicated |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        vs_one = f"{row.vs_one_worker:.1%}" if row.vs_one_worker is not None else "-"
        lines.append(
            f"| {row.workers} | {row.articles} | {row.seconds:.1f} | {row.articles_per_s:.2f} "
            f"| {row.efficiency:.1%} | {vs_one} | {row.worker_s_per_article:.3f} "
            f"| {row.overhead_s_per_article:.4f} | {row.lost} | {row.duplicated} |"
        )
    return "\n".join(lines) + "\n"


def simulate(
    out: Path, articles: int, latency: float, worker_counts: Sequence[int]
) -> list[ScalingRow]:
    """Run every worker count (largest first) and return the rows, smallest first."""
    from tests import articles as test_articles
    from tests.scripted_server import scripted_server

    def answer(body: dict[str, Any]) -> Any:
        return dataclasses.replace(test_articles.answer_for(body), delay_seconds=latency)

    sources = write_articles(out / "articles", articles)
    runs: dict[int, dict[str, Any]] = {}
    with scripted_server([], respond=answer) as server:
        settings = Settings(
            backend="http",
            base_url=server.base_url,
            model="scripted",
            schema_mode="json_object_schema",
            cache_dir=None,
        )
        for workers in sorted(worker_counts, reverse=True):
            runs[workers] = measure(sources, out / f"run-{workers}", settings, workers, server)
            print(f"{workers} workers: {runs[workers]['seconds']:.1f} s", file=sys.stderr)
    one_rate = articles / runs[1]["seconds"] if 1 in runs else None
    return [
        row_for(workers, articles, latency, runs[workers], one_rate) for workers in sorted(runs)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m extract.running.ray_scaling", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("--out", type=Path, required=True, help="output folder (made afresh)")
    parser.add_argument("--articles", type=int, default=500, help="synthetic articles per run")
    parser.add_argument("--latency", type=float, default=0.5, help="seconds the server takes")
    parser.add_argument("--workers", type=int, nargs="+", default=list(DEFAULT_WORKERS))
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty: give a new folder")
    # A Ray instance of this machine alone, on the loopback interface (Ray's switch for clusters
    # of one machine; read when ray is imported), with no login token and no usage reports. A
    # worker reserves a tenth of a CPU, so 16 fit in 2.
    os.environ.update(SINGLE_MACHINE_RAY)
    import ray

    ray.init(address="local", include_dashboard=False, logging_level=logging.WARNING)
    try:
        rows = simulate(args.out, args.articles, args.latency, args.workers)
    finally:
        ray.shutdown()
    report = {"latency_s": args.latency, "rows": [dataclasses.asdict(row) for row in rows]}
    write_atomically(
        args.out / "scaling.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    )
    table = markdown(rows, args.latency)
    write_atomically(args.out / "scaling.md", table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

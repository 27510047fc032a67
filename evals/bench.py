"""The benchmark: this toolkit against a naive instructor baseline and LangExtract, in one run.

    python -m evals bench [PATH...] [--systems toolkit,naive,langextract] --out DIR

Every system reads the same articles with the same model file at temperature 0 from a cold
cache, and is scored by the same scorer against the same gold:

- toolkit      `python -m extract run`, as a user runs it (the embedded model, in process);
- naive        `python -m extract.peers naive`: one instructor call per article for the whole
               Document, through llama-cpp-python's OpenAI-compatible server on 127.0.0.1;
- langextract  `python -m extract.peers langextract`: LangExtract on the same server.

Then: the toolkit again on its warm cache; the physical limit (`python -m extract.peers limit`:
this machine's raw prompt and generation speed, and the least time needed to read each article
once and write the toolkit's records once); and the scorer's own time on 1,000 synthetic
documents. Systems run one after another, never two model processes at once.

The scorer never talks to a model (an import-linter contract): each system runs as a
subprocess, and this module reads the record files and run.json it leaves.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from evals.corpus import score_directories
from evals.synthetic import time_scorer
from schemas.errors import RecordFileError, ToolkitError
from schemas.reading import find_article_files, load_article
from schemas.runs import RUN_FILE, load_run_record

SYSTEMS = ("toolkit", "naive", "langextract")
SERVER_STARTUP_S = 120.0
# The same context for every system: the toolkit's embedded model uses 8192, but the peers put a
# whole article and the Document schema (or LangExtract's examples) in one prompt.
SERVER_N_CTX = 16384


class BenchError(ToolkitError):
    """The benchmark could not run (a missing model, a server that did not start)."""


@dataclass(frozen=True)
class BenchPlan:
    paths: tuple[Path, ...]
    systems: tuple[str, ...]
    out: Path
    gold: Path | None
    port: int = 8767
    python: str = sys.executable


@dataclass(frozen=True)
class Articles:
    """The articles of the benchmark: their files and their length in characters."""

    files: dict[str, Path]  # doc_id -> file
    chars: int
    folder: Path | None  # the one folder holding them all, for the evidence check


def collect(paths: Sequence[Path]) -> Articles:
    files: dict[str, Path] = {}
    for path in paths:
        for file in find_article_files(path) if path.is_dir() else [path]:
            files.setdefault(file.stem, file)
    if not files:
        raise BenchError(f"no article files in {', '.join(map(str, paths))}")
    chars = sum(len(load_article(file).text) for file in files.values())
    folders = {file.parent for file in files.values()}
    return Articles(files, chars, folders.pop() if len(folders) == 1 else None)


def gold_for(articles: Articles, gold: Path, folder: Path) -> Path:
    """A gold folder with the records of these articles only: a gold document without its
    article would count as a miss for every system."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for doc_id in articles.files:
        if (gold / f"{doc_id}.json").is_file():
            shutil.copy2(gold / f"{doc_id}.json", folder / f"{doc_id}.json")
    return folder


# --- Running things ----------------------------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without model settings, so each system gets exactly what we pass."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
    env.update(extra)
    return env


def timed_run(command: list[str], env: dict[str, str], log: Path) -> tuple[float, int]:
    """Wall seconds and exit code of `command`, its output appended to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"$ {' '.join(command)}\n")
        handle.flush()
        result = subprocess.run(command, env=env, stdout=handle, stderr=handle, check=False)
    return time.perf_counter() - started, result.returncode


def model_info(python: str) -> dict[str, Any]:
    """The embedded model's file, as `python -m extract model info` reports it."""
    command = [python, "-m", "extract", "model", "info"]
    result = subprocess.run(command, capture_output=True, text=True, env=clean_env(), check=False)
    try:
        info: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        raise BenchError(f"cannot find the model: {result.stderr.strip()}") from None
    if not info.get("verified"):
        raise BenchError(
            "the model file is missing or unverified: run `python -m extract model fetch`"
        )
    return info


@contextmanager
def model_server(plan: BenchPlan, model_path: str) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1, with every CPU; its base URL."""
    threads = str(os.cpu_count() or 1)
    command = [
        plan.python, "-m", "llama_cpp.server", "--host", "127.0.0.1", "--port", str(plan.port),
        "--model", model_path, "--n_ctx", str(SERVER_N_CTX), "--n_threads", threads,
        "--n_threads_batch", threads,
    ]  # fmt: skip
    refuse_taken_port(plan.port)
    log = open(plan.out / "logs" / "server.log", "a", encoding="utf-8")  # noqa: SIM115
    server = subprocess.Popen(command, stdout=log, stderr=log, env=clean_env())
    base_url = f"http://127.0.0.1:{plan.port}/v1"
    try:
        wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def refuse_taken_port(port: int) -> None:
    """Another server on the port would answer the peers' requests in place of ours."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise BenchError(f"port {port} on 127.0.0.1 is taken; pass another --port")


def wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_STARTUP_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError("the model server exited at start; see logs/server.log")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise BenchError(f"the model server did not answer within {SERVER_STARTUP_S:.0f} s")


# --- One system --------------------------------------------------------------------------------


def system_command(plan: BenchPlan, system: str, out: Path, base_url: str | None) -> list[str]:
    paths = [str(path) for path in plan.paths]
    if system == "toolkit":
        return [plan.python, "-m", "extract", "run", *paths, "--out", str(out)]
    assert base_url is not None
    return [
        plan.python,
        "-m",
        "extract.peers",
        system,
        *paths,
        "--out",
        str(out),
        "--base-url",
        base_url,
    ]


def run_system(
    plan: BenchPlan, system: str, articles: Articles, base_url: str | None
) -> dict[str, Any]:
    """Run one system into a fresh folder with a fresh cache, then score what it wrote."""
    out = plan.out / system
    shutil.rmtree(out, ignore_errors=True)
    cache = plan.out / "cache" / system
    shutil.rmtree(cache, ignore_errors=True)
    env = clean_env(EXTRACT_CACHE_DIR=str(cache))
    seconds, code = timed_run(
        system_command(plan, system, out, base_url), env, plan.out / "logs" / f"{system}.log"
    )
    result = {"seconds": round(seconds, 1), "exit_code": code, **run_totals(out)}
    result["seconds_per_1k_chars"] = round(seconds / (articles.chars / 1000), 2)
    result.update(scores(plan, out, articles))
    return result


def run_totals(out: Path) -> dict[str, Any]:
    """Calls, tokens and failed articles from the run.json a system wrote."""
    try:
        totals = load_run_record(out / RUN_FILE).totals
    except RecordFileError:
        return {"calls": None, "prompt_tokens": None, "completion_tokens": None, "failed": None}
    return {
        "calls": totals.calls,
        "prompt_tokens": totals.prompt_tokens,
        "completion_tokens": totals.completion_tokens,
        "failed": totals.failed,
    }


def scores(plan: BenchPlan, out: Path, articles: Articles) -> dict[str, Any]:
    """Headline, per-type F1 and valid-span share; None without gold."""
    if plan.gold is None:
        return {"headline": None, "by_type": None, "valid_span_share": None}
    report = score_directories(
        plan.gold, out, articles.folder, check_evidence=articles.folder is not None
    )
    evidence = report.get("evidence")
    return {
        "headline": round(report["headline"], 3),
        "by_type": {
            kind: {"f1": round(values["f1"], 3), "quality_f1": round(values["quality_f1"], 3)}
            for kind, values in report["by_type"].items()
        },
        "valid_span_share": _rounded(evidence["valid_share"] if evidence else None),
    }


# --- The rest of the measurements -----------------------------------------------------------


def warm_rerun(plan: BenchPlan) -> float:
    """Wall seconds of the toolkit's whole run again, into a new folder, on its warm cache."""
    out = plan.out / "toolkit-warm"
    shutil.rmtree(out, ignore_errors=True)
    env = clean_env(EXTRACT_CACHE_DIR=str(plan.out / "cache" / "toolkit"))
    seconds, _ = timed_run(
        system_command(plan, "toolkit", out, None), env, plan.out / "logs" / "toolkit-warm.log"
    )
    return round(seconds, 2)


def physical_limit(
    plan: BenchPlan, model_path: str, articles: Articles, toolkit_seconds: float | None
) -> dict[str, Any]:
    """Raw llama.cpp speed, and the toolkit's time as a multiple of the least time possible.

    The least time reads each article once (its tokens at the prompt speed) and writes the
    records the toolkit wrote once (their compact JSON at the generation speed).
    """
    records = plan.out / "toolkit"
    pairs = [
        f"{file}={records / f'{doc_id}.json'}"
        for doc_id, file in articles.files.items()
        if (records / f"{doc_id}.json").exists()
    ]
    command = [plan.python, "-m", "extract.peers", "limit", "--model-path", model_path]
    command += ["--n-ctx", str(SERVER_N_CTX)]
    for pair in pairs:
        command += ["--pair", pair]
    result = subprocess.run(command, capture_output=True, text=True, env=clean_env(), check=False)
    if result.returncode != 0:
        raise BenchError(f"the speed probe failed: {result.stderr.strip()[-500:]}")
    measured: dict[str, Any] = json.loads(result.stdout)
    least = float(measured["min_seconds"])
    return {
        "prompt_tps": round(measured["prompt_tps"], 1),
        "generation_tps": round(measured["generation_tps"], 1),
        "min_seconds": round(least, 1),
        "ratio": round(toolkit_seconds / least, 2) if toolkit_seconds and least else None,
        "articles": measured["articles"],
    }


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "cpu_model": _proc_field("/proc/cpuinfo", "model name"),
        "memory": _proc_field("/proc/meminfo", "MemTotal"),
        "python": platform.python_version(),
    }


def _proc_field(path: str, name: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(name):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


# --- The whole benchmark -------------------------------------------------------------------


def run_bench(plan: BenchPlan) -> dict[str, Any]:
    """Run every measurement of the module docstring; return what bench.json holds."""
    plan.out.mkdir(parents=True, exist_ok=True)
    articles = collect(plan.paths)
    if plan.gold is not None:
        plan = replace(plan, gold=gold_for(articles, plan.gold, plan.out / "gold"))
    info = model_info(plan.python)
    started = time.strftime("%Y-%m-%d %H:%M:%S %z")
    systems: dict[str, Any] = {}
    if "toolkit" in plan.systems:
        systems["toolkit"] = run_system(plan, "toolkit", articles, None)
        systems["toolkit"]["warm_rerun_seconds"] = warm_rerun(plan)
    peers = [system for system in plan.systems if system != "toolkit"]
    if peers:
        with model_server(plan, info["path"]) as base_url:
            for system in peers:
                systems[system] = run_system(plan, system, articles, base_url)
    toolkit_seconds = systems.get("toolkit", {}).get("seconds")
    return {
        "date": started,
        "articles": {"count": len(articles.files), "chars": articles.chars,
                     "paths": [str(path) for path in plan.paths]},
        "gold": str(plan.gold) if plan.gold else None,
        "systems": systems,
        "limit": physical_limit(plan, info["path"], articles, toolkit_seconds),
        "scorer": time_scorer(plan.gold, documents=1000) if plan.gold else None,
        "machine": machine(),
        "model": {"name": info["name"], "file": Path(info["path"]).name,
                  "sha256": info.get("sha256_expected"), "bytes": info.get("size"),
                  "temperature": 0, "server_n_ctx": SERVER_N_CTX},
    }  # fmt: skip


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)

"""The Ray engine on a real Ray cluster of this machine (127.0.0.1, 2 CPUs, no dashboard), against
the scripted OpenAI-compatible server: every server fault and bad input of the reliability suite,
a worker killed with SIGKILL mid-article, a driver killed and rerun, a worker that cannot start,
and the scaling simulation's accounting. Every run ends with `tests.accounting` finding nothing
lost or duplicated. Skipped with the reason when Ray is not installed (`pip install -e '.[ray]'`),
except under CI=true, where that fails.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.config import Settings
from extract.errors import ConfigError
from extract.running.ray_engine import RayOptions, run_on_ray
from extract.running.ray_scaling import SINGLE_MACHINE_RAY, simulate
from extract.running.record import RunSummary
from schemas import load_document
from schemas.runs import RUN_FILE
from tests import articles
from tests.accounting import account_for_run, assert_run_json_claims_only_what_is_on_disk
from tests.conftest import SEEDS
from tests.requirements import requires
from tests.scripted_server import ScriptedServer, Step, http_settings, scripted_server
from tests.test_bad_input import check_mixed_folder_through_the_cli
from tests.test_faults import check_batch_through_every_fault
from tests.test_live import embedded_settings
from tests.test_no_lost_work import article_folder, cli_env, kill_after, slow_answer, start_run

pytestmark = requires("ray")
WORKER_TITLE = "ray::ExtractionWorker"  # the process title of an engine's actor


@pytest.fixture(scope="module")
def ray_address() -> Iterator[str]:
    """A Ray instance of 2 CPUs on 127.0.0.1 for this module; its GCS address for other drivers."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in SINGLE_MACHINE_RAY.items():
            patch.setenv(name, value)  # read when ray is imported, and by driver subprocesses
        import ray

        ray.init(
            address="local", num_cpus=2, include_dashboard=False, logging_level=logging.WARNING
        )
        try:
            yield str(ray.get_runtime_context().gcs_address)
        finally:
            ray.shutdown()
    deadline = time.monotonic() + 30
    while worker_pids():
        assert time.monotonic() < deadline, "the Ray instance left worker processes behind"
        time.sleep(0.2)


def worker_pids() -> list[int]:
    """The processes of the engine's actors in this module's Ray instance (whose processes are
    descendants of this one; another Ray instance of the machine may run actors of its own)."""
    titles, parents = {}, {}
    for proc in Path("/proc").iterdir():
        try:
            titles[int(proc.name)] = (proc / "cmdline").read_bytes().split(b"\0")[0].decode()
            parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    return [pid for pid, title in titles.items() if title.startswith(WORKER_TITLE) and
            descends_from(pid, os.getpid(), parents)]  # fmt: skip


def descends_from(pid: int, ancestor: int, parents: dict[int, int]) -> bool:
    while pid in parents and pid != ancestor:
        pid = parents[pid]
    return pid == ancestor


def pid_of_client(client: tuple[str, int], server_port: int) -> int:
    """The process on this machine that holds the TCP connection from `client` to the server."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="utf-8") as handle:
            for line in list(handle)[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                if (local_port, remote_port) == (client[1], server_port):
                    inodes.add(f"socket:[{fields[9]}]")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            links = {os.readlink(fd) for fd in (proc / "fd").iterdir()}
        except OSError:
            continue
        if links & inodes:
            return int(proc.name)
    raise AssertionError(f"no process holds the connection from {client}")


# --- The reliability suite, on Ray ------------------------------------------------------------


def test_every_server_fault_in_a_ray_batch_is_accounted_for(
    ray_address: str, tmp_path: Path
) -> None:
    def run(folder: Path, out: Path, settings: Settings) -> RunSummary:
        return run_on_ray([folder], out, settings, RayOptions(workers=3))

    check_batch_through_every_fault(run, tmp_path)


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_every_bad_input_in_a_ray_batch_is_named_by_the_cli(
    ray_address: str, tmp_path: Path
) -> None:
    check_mixed_folder_through_the_cli(
        tmp_path, "--engine", "ray", "--address", ray_address, "--workers", "2"
    )


# --- A worker killed mid-article ------------------------------------------------------------


class KillingServer:
    """Answers the pipeline's questions; the first `kills` requests about `victim` are met by a
    SIGKILL to the process that sent them, which is then in the middle of that article."""

    def __init__(self, victim: str, kills: int) -> None:
        self.victim, self.kills = victim, kills
        self.server: ScriptedServer | None = None
        self.victim_pids: list[int] = []  # who asked about the victim, request by request

    def __call__(self, body: dict[str, Any]) -> Step:
        assert self.server is not None
        if f"编号:{self.victim}\\n" not in json.dumps(body["messages"], ensure_ascii=False):
            return dataclasses.replace(articles.answer_for(body), delay_seconds=0.02)
        port = int(self.server.base_url.rsplit(":", 1)[1].split("/")[0])
        pid = pid_of_client(self.server.clients[-1], port)
        self.victim_pids.append(pid)
        if len(self.victim_pids) <= self.kills:
            os.kill(pid, signal.SIGKILL)
            return Step(fault="reset")
        return articles.answer_for(body)


def run_with_a_killer(tmp_path: Path, kills: int) -> tuple[dict[str, Path], KillingServer, int]:
    sources = article_folder(tmp_path / "in", 12)
    killer = KillingServer("a004", kills)
    with scripted_server([], respond=killer) as server:
        killer.server = server
        options = RayOptions(workers=2)
        run_on_ray([tmp_path / "in"], tmp_path / "out", http_settings(server, tmp_path), options)
        requests = len(server.requests)
    return sources, killer, requests


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_a_worker_killed_mid_article_costs_it_one_retry_on_another_worker(
    ray_address: str, tmp_path: Path
) -> None:
    sources, killer, requests = run_with_a_killer(tmp_path, kills=1)

    account = account_for_run(sources, tmp_path / "out")
    assert account.clean, account
    assert sorted(account.ok) == sorted(sources)
    killed, retried_by = killer.victim_pids[0], killer.victim_pids[1]
    assert retried_by != killed  # the retry went to another process
    # The killed question was asked twice; every other question once: nothing was done twice.
    assert requests == 3 * len(sources) + 1
    assert len(killer.victim_pids) == 3 + 1


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_an_article_whose_worker_dies_twice_fails_alone_with_the_reason(
    ray_address: str, tmp_path: Path
) -> None:
    sources, killer, _ = run_with_a_killer(tmp_path, kills=2)

    account = account_for_run(sources, tmp_path / "out")
    assert account.clean, account
    assert sorted(account.ok) == sorted(set(sources) - {"a004"})
    assert "the worker extracting it died, 2 times" in account.failed["a004"]
    assert len(set(killer.victim_pids)) == 2  # two different workers, both killed


# --- The driver killed, then rerun ----------------------------------------------------------


def test_a_killed_driver_takes_its_workers_along_and_the_rerun_finishes(
    ray_address: str, tmp_path: Path
) -> None:
    sources = article_folder(tmp_path / "in", 16)
    out = tmp_path / "out"
    options = ("--engine", "ray", "--address", ray_address, "--workers", "2")
    with scripted_server([], respond=slow_answer) as server:
        env = cli_env(server, tmp_path / "cache")
        driver = start_run(tmp_path / "in", out, env, *options)
        deadline = time.monotonic() + 120
        while len(worker_pids()) < 2:  # the driver's two workers are up
            assert driver.poll() is None and time.monotonic() < deadline, driver.communicate()
            time.sleep(0.1)
        kill_after(driver, out, 4)
        assert_run_json_claims_only_what_is_on_disk(out)
        deadline = time.monotonic() + 60
        while worker_pids():  # Ray ends the actors of a driver that died
            assert time.monotonic() < deadline, f"workers left running: {worker_pids()}"
            time.sleep(0.2)
        done_before = len([p for p in out.glob("*.json") if p.name != RUN_FILE])
        rerun = start_run(tmp_path / "in", out, env, *options)
        _, stderr = rerun.communicate(timeout=300)

    assert rerun.returncode == 0, stderr
    account = account_for_run(sources, out)
    assert account.clean, account
    assert sorted(account.ok) == sorted(sources)
    entries = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))["articles"]
    assert sum(entry["resumed"] for entry in entries.values()) == done_before
    # Each article's questions reached the server once, but for those in flight at the kill.
    assert 3 * len(sources) <= len(server.requests) <= 3 * len(sources) + 3 * 2
    assert "articles/s, ETA" in stderr  # the driver's progress tells the rate and the end


# --- A worker that cannot start -------------------------------------------------------------


def test_a_worker_without_the_model_stops_the_run_at_once_with_the_reason(
    ray_address: str, tmp_path: Path
) -> None:
    article_folder(tmp_path / "in", 3)
    settings = Settings(backend="embedded", models_dir=tmp_path / "no-models", cache_dir=None)
    options = RayOptions(workers=2, threads_per_worker=1)
    with pytest.raises(ConfigError) as caught:
        run_on_ray([tmp_path / "in"], tmp_path / "out", settings, options)
    message = str(caught.value)
    assert "could not start: ModelFileError: the embedded model" in message
    assert "python -m extract model fetch" in message  # the fix, as the toolkit words it
    assert not list((tmp_path / "out").glob("*.json"))  # stopped before any article


@requires("llama_cpp")
def test_a_worker_whose_model_does_not_load_stops_the_run_with_llama_cpps_reason(
    ray_address: str, tmp_path: Path
) -> None:
    article_folder(tmp_path / "in", 3)
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + bytes(4096))  # looks like a model file, is not one
    settings = Settings(backend="embedded", model_path=broken, cache_dir=None)
    options = RayOptions(workers=1, threads_per_worker=1)
    with pytest.raises(ConfigError, match=r"could not start: .*(load|model)"):
        run_on_ray([tmp_path / "in"], tmp_path / "out", settings, options)


# --- The scaling simulation, small: its accounting, never its timing ---------------------------


def test_the_scaling_simulation_loses_and_duplicates_nothing(
    ray_address: str, tmp_path: Path
) -> None:
    rows = simulate(tmp_path / "scaling", articles=12, latency=0.01, worker_counts=(1, 3))
    assert [row.workers for row in rows] == [1, 3]
    for row in rows:
        assert (row.lost, row.duplicated, row.failed) == (0, 0, 0)
        assert row.questions == 3 * 12  # every question asked once: the cache is off
        assert row.articles_per_s > 0 and row.vs_one_worker is not None


# --- The embedded model, for real: run by `make test` where the model is installed ------------


@pytest.mark.live
@requires("model")
def test_one_actor_holding_the_embedded_model_extracts_two_seeds(
    ray_address: str, tmp_path: Path
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"), key=lambda path: path.stat().st_size)[:2]  # the shortest
    sources = {path.stem: path for path in seeds}
    options = RayOptions(workers=1, threads_per_worker=2)
    summary = run_on_ray(seeds, tmp_path / "out", embedded_settings(tmp_path), options)

    account = account_for_run(sources, tmp_path / "out")
    assert account.clean, account
    assert summary.exit_code == 0 and sorted(account.ok) == sorted(sources)
    run_info = json.loads((tmp_path / "out" / RUN_FILE).read_text(encoding="utf-8"))["run_info"]
    assert (run_info["backend"], run_info["engine"], run_info["workers"]) == ("embedded", "ray", 1)
    for doc_id in sources:
        assert load_document(tmp_path / "out" / f"{doc_id}.json").doc_id == doc_id

"""Faults of the model server, one by one, against a real misbehaving server on 127.0.0.1.

For every fault: the number of attempts and the time spent are bounded, the outcome is either a
valid answer or a toolkit error that says what went wrong, and every attempt is counted, answered
or not (with the tokens the server reported, if it reported any).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from extract.asking.engine import Extractor
from extract.config import Settings
from extract.errors import ExtractError, TransportError, ValidationFailed
from extract.pipeline import DocumentExtractor
from extract.running.batch import run_batch
from extract.running.record import RunSummary
from extract.runtime.usage import Usage
from schemas import load_document
from tests import articles
from tests.accounting import account_for_run
from tests.scripted_server import Step, scripted_server

MESSAGES = [{"role": "user", "content": "2031年示例会议在杭州举行。"}]
ATTEMPTS = 3
TIMEOUT_S = 0.5


class City(BaseModel):
    name: str
    year: int


GOOD = Step(content=json.dumps({"name": "杭州", "year": 2031}, ensure_ascii=False))


def settings_for(base_url: str, tmp_path: Path) -> Settings:
    return Settings(
        backend="http",
        base_url=base_url,
        model="scripted",
        schema_mode="json_object_schema",
        cache_dir=tmp_path / "cache",
        max_transport_attempts=ATTEMPTS,
        retry_initial_wait_s=0.01,
        timeout_s=TIMEOUT_S,
    )


def ask(steps: list[Step], tmp_path: Path) -> tuple[City | ExtractError, Usage, int, float]:
    """The answer (or the error), the usage, how many requests the server saw, and seconds."""
    usage = Usage()
    started = time.monotonic()
    with scripted_server(steps) as server:
        extractor = Extractor(settings_for(server.base_url, tmp_path))
        try:
            outcome: City | ExtractError = extractor.ask(City, MESSAGES, max_tokens=50, usage=usage)
        except ExtractError as exc:
            outcome = exc
        requests = len(server.requests)
    return outcome, usage, requests, time.monotonic() - started


# Each transport fault: once, then a good answer (recovered); always (reported, bounded).
TRANSPORT_FAULTS = {
    "429 with Retry-After": Step(status=429, headers={"Retry-After": "0"}),
    "500": Step(status=500),
    "503": Step(status=503, headers={"Retry-After": "0"}),
    "connection reset": Step(fault="reset"),
    "hang past the timeout": Step(fault="hang"),
    "body cut off mid-JSON": Step(fault="cut_body"),
    "200 whose body is not JSON": Step(fault="not_json"),
    "200 with an empty body": Step(fault="empty_body"),
}
EXPECTED_REASON = {
    "429 with Retry-After": "HTTP 429",
    "500": "HTTP 500",
    "503": "HTTP 503",
    "connection reset": "connection failed",
    "hang past the timeout": "timed out",
    "body cut off mid-JSON": "connection failed",
    "200 whose body is not JSON": "malformed response",
    "200 with an empty body": "malformed response",
}


@pytest.mark.parametrize("fault", TRANSPORT_FAULTS)
def test_a_transient_fault_is_retried_and_the_answer_comes_through(
    fault: str, tmp_path: Path
) -> None:
    outcome, usage, requests, _ = ask([TRANSPORT_FAULTS[fault], GOOD], tmp_path)
    assert outcome == City(name="杭州", year=2031)
    assert requests == usage.calls == 2
    # Only the answered attempt reported tokens; the failed one is counted as a call.
    assert (usage.prompt_tokens, usage.completion_tokens) == (11, 7)


@pytest.mark.parametrize("fault", TRANSPORT_FAULTS)
def test_a_lasting_fault_gives_up_after_bounded_attempts_and_says_why(
    fault: str, tmp_path: Path
) -> None:
    outcome, usage, requests, seconds = ask([TRANSPORT_FAULTS[fault]], tmp_path)
    assert isinstance(outcome, TransportError)
    assert outcome.attempts == requests == usage.calls == ATTEMPTS
    assert EXPECTED_REASON[fault] in str(outcome)
    assert outcome.provider.startswith("http:http://127.0.0.1:")
    # Bounded: a hang costs the timeout per attempt, not the server's 30 s (a loose bound,
    # not a speed measurement).
    assert seconds < ATTEMPTS * (TIMEOUT_S + 2) + 5


# Model faults: the server is healthy, the answer is not.
MODEL_FAULTS = {
    "JSON that violates the schema": Step(content='{"name": 3}', completion_tokens=5),
    "JSON of another shape": Step(content='["杭州", 2031]', completion_tokens=5),
    "an empty answer": Step(content="", completion_tokens=5),
    "no answer at all (null content)": Step(content=None, completion_tokens=5),
    "prose instead of JSON": Step(content="会议在杭州举行。", completion_tokens=5),
}


@pytest.mark.parametrize("fault", MODEL_FAULTS)
def test_a_bad_answer_is_re_asked_once_and_recovers(fault: str, tmp_path: Path) -> None:
    outcome, usage, requests, _ = ask([MODEL_FAULTS[fault], GOOD], tmp_path)
    assert outcome == City(name="杭州", year=2031)
    assert requests == usage.calls == 2
    assert usage.completion_tokens == 5 + 7  # the rejected answer's tokens are counted too


@pytest.mark.parametrize("fault", MODEL_FAULTS)
def test_a_bad_answer_that_persists_fails_with_the_last_output(fault: str, tmp_path: Path) -> None:
    outcome, usage, requests, _ = ask([MODEL_FAULTS[fault]], tmp_path)
    assert isinstance(outcome, ValidationFailed)
    assert outcome.attempts == requests == usage.calls == 2  # max_validation_retries=1
    assert outcome.last_output == MODEL_FAULTS[fault].content
    assert usage.completion_tokens == 2 * 5


# --- Faults in a batch: the pipeline over many articles, some of which meet a fault -----------


def fault_article(marker: str) -> str:
    """articles.CHINESE (whose scripted answers ground in it) with a line that tells it apart."""
    return f"编号:{marker}\n" + articles.CHINESE


class FaultyServer:
    """Answers the pipeline's questions; an article whose marker is listed meets its fault,
    on every request ("lasting") or on its first request only ("passing")."""

    def __init__(self, lasting: dict[str, Step], passing: dict[str, Step]) -> None:
        self.lasting, self.passing = lasting, passing
        self.seen: set[str] = set()

    def __call__(self, body: dict[str, Any]) -> Step:
        text = json.dumps(body["messages"], ensure_ascii=False)
        for marker, step in self.lasting.items():
            if f"编号:{marker}\\n" in text:
                return step
        for marker, step in self.passing.items():
            if f"编号:{marker}\\n" in text and marker not in self.seen:
                self.seen.add(marker)
                return step
        return articles.answer_for(body)


ALL_FAULTS = {**TRANSPORT_FAULTS, **MODEL_FAULTS}


def slug(fault: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in fault.lower()).strip("-")


RunBatch = Callable[[Path, Path, Settings], RunSummary]
"""(articles folder, output folder, settings) -> the run's summary: a batch run by some engine."""


def run_here(folder: Path, out: Path, settings: Settings) -> RunSummary:
    return run_batch([folder], out, DocumentExtractor(Extractor(settings)).extract, run_info={})


def test_a_batch_goes_on_through_every_fault_and_accounts_for_every_article(
    tmp_path: Path,
) -> None:
    check_batch_through_every_fault(run_here, tmp_path)


def check_batch_through_every_fault(run: RunBatch, tmp_path: Path) -> None:
    """Every fault, lasting and passing, in one batch run by `run` (the Ray engine's tests too)."""
    lasting = {f"lasting-{slug(name)}": step for name, step in ALL_FAULTS.items()}
    passing = {f"passing-{slug(name)}": step for name, step in ALL_FAULTS.items()}
    good = [f"good-{n}" for n in range(3)]
    folder = tmp_path / "in"
    folder.mkdir()
    sources = {}
    for doc_id in [*lasting, *passing, *good]:
        sources[doc_id] = folder / f"{doc_id}.txt"
        sources[doc_id].write_text(fault_article(doc_id), encoding="utf-8")
    out = tmp_path / "out"
    with scripted_server([], respond=FaultyServer(lasting, passing)) as server:
        summary = run(folder, out, settings_for(server.base_url, tmp_path))

    account = account_for_run(sources, out)
    assert account.clean, account
    assert sorted(account.failed) == sorted(lasting)
    assert sorted(account.ok) == sorted([*passing, *good])
    assert summary.failed == len(lasting) and summary.exit_code == 1
    entries = json.loads((out / "run.json").read_text(encoding="utf-8"))["articles"]
    for name in ALL_FAULTS:
        failed = entries[f"lasting-{slug(name)}"]
        expected = EXPECTED_REASON.get(name, "did not fit the schema")
        assert expected in failed["reason"], (name, failed["reason"])
        if name in TRANSPORT_FAULTS:  # the first question failed after every attempt
            assert failed["calls"] == ATTEMPTS
        else:  # the first question failed after one re-ask; both answers' tokens are counted
            assert (failed["calls"], failed["completion_tokens"]) == (2, 10)
        recovered = entries[f"passing-{slug(name)}"]
        assert recovered["calls"] == 3 + 1  # three questions, one of them asked twice
    assert account.ok and all(
        load_document(out / f"{doc_id}.json").meetings[0].city == "Changsha"
        for doc_id in account.ok
    )

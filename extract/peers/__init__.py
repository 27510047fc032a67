"""Peer systems the benchmark compares this toolkit with, and the machine's raw-speed limit.

    python -m extract.peers naive PATH... --out DIR --base-url URL
    python -m extract.peers langextract PATH... --out DIR --base-url URL
    python -m extract.peers limit --model-path GGUF --pair ARTICLE.txt=RECORD.json ...

The two peers use none of this toolkit's prompts, cleaning or normal forms: only its record
contract (`schemas`) and its batch runner (`extract.batch.run_batch`), so their record files and
`run.json` have the same shape as the toolkit's. This module holds what both share: counting
every HTTP request an OpenAI client sends, with the tokens the server reports for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx2

from extract.config import EMBEDDED_MODEL_NAME
from extract.running.batch import ExtractArticle, run_batch
from extract.runtime.usage import Usage

__all__ = ["DEFAULT_MODEL", "TIMEOUT_S", "UsageMeter", "counting_http_client", "run_peer"]

# llama-cpp-python's server answers whatever model name a request carries.
DEFAULT_MODEL = EMBEDDED_MODEL_NAME
# Per request. On two CPU cores one long answer takes close to the OpenAI client's default of
# 600 s; a timed-out request is retried while the server, which cannot see the client leave,
# still works on it, so the retry waits for it and times out too. Nothing else is changed.
TIMEOUT_S = 1800.0


class UsageMeter:
    """Where the requests sent while an article is extracted are counted."""

    def __init__(self) -> None:
        self._usage: Usage | None = None

    @contextmanager
    def counting(self, usage: Usage) -> Iterator[Usage]:
        """Count every request sent inside the block into `usage`."""
        self._usage = usage
        try:
            yield usage
        finally:
            self._usage = None

    def record(self, prompt_tokens: int, completion_tokens: int) -> None:
        if self._usage is not None:
            self._usage.record_call(prompt_tokens, completion_tokens)


class _CountingTransport(httpx2.BaseTransport):
    """An httpx transport that counts each request it sends, answered or not.

    It sits below the OpenAI client's own retries and below instructor's re-asks, so every
    attempt is one call; the tokens are those the server reports in the answer's `usage`.
    """

    def __init__(self, meter: UsageMeter) -> None:
        self._meter = meter
        self._inner = httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            response = self._inner.handle_request(request)
            response.read()  # the body is kept: the client reads the same bytes afterwards
        except Exception:
            self._meter.record(0, 0)
            raise
        self._meter.record(*reported_tokens(response.content))
        return response

    def close(self) -> None:
        self._inner.close()


def reported_tokens(body: bytes) -> tuple[int, int]:
    """(prompt_tokens, completion_tokens) of an OpenAI-shaped answer; zeros when it has none."""
    try:
        data = json.loads(body)
    except ValueError:
        return 0, 0
    usage = data.get("usage") if isinstance(data, dict) else None
    if not isinstance(usage, dict):
        return 0, 0
    return _count(usage.get("prompt_tokens")), _count(usage.get("completion_tokens"))


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def counting_http_client(meter: UsageMeter) -> httpx2.Client:
    """An HTTP client for `openai.OpenAI(http_client=...)` whose requests `meter` counts.

    openai 3 speaks through httpx2 (a fork of httpx), so the transport is an httpx2 one.
    """
    import openai

    return openai.DefaultHttpxClient(transport=_CountingTransport(meter))


def run_peer(
    name: str,
    paths: Sequence[Path],
    out_dir: Path,
    extract_article: ExtractArticle,
    run_info: Mapping[str, object],
) -> int:
    """Run a peer over the articles with the toolkit's batch runner; print one line; exit code."""
    summary = run_batch(
        list(paths), out_dir, extract_article, jobs=1, run_info={"peer": name, **run_info}
    )
    usage = summary.usage
    print(
        f"{name}: {summary.ok} ok ({summary.resumed} resumed), {summary.failed} failed, "
        f"{usage.calls} calls, {usage.prompt_tokens} prompt + {usage.completion_tokens} "
        f"completion tokens, {usage.seconds:.1f} s -> {summary.run_json}"
    )
    for failure in summary.failures:
        print(f"  failed {failure.doc_id}: {failure.reason}")
    return summary.exit_code

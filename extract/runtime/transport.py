"""Retrying transport failures, and only those.

A timeout, a dropped or reset connection, a 200 whose body is not JSON (a server that died
mid-answer), a 429 or a 5xx is retried with exponential backoff and jitter
(a 429's Retry-After is honoured), bounded in attempts and in total time. A request the server
understood and refused (4xx, or a 5xx whose body says the request itself was invalid, as
llama.cpp's server answers an unsupported `response_format`) is not retried: the same request
would fail the same way. Every attempt is counted, answered or not.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from extract.errors import ExtractError, RequestRejected, TransportError

# Phrases with which servers say "your request is malformed" inside a 5xx body.
_REJECTION_MARKERS = (
    "validation error",
    "literal_error",
    "input should be",
    "not supported",
    "unsupported",
    "invalid request",
    "exceed context window",
)


class MalformedResponse(Exception):
    """The server answered 200 with a body that is not JSON: a fault of the server, not the
    model, so it is retried like a dropped connection."""


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds on retrying one request."""

    max_attempts: int = 5
    max_seconds: float = 900.0
    initial_wait: float = 1.0
    max_wait: float = 60.0


def is_rejected_request(status: int | None, body: str) -> bool:
    """Whether an error response means the request itself is wrong, so retrying cannot help."""
    if status is None:
        return False
    if 400 <= status < 500:
        return status not in (408, 409, 429)
    lowered = body.lower()
    return any(marker in lowered for marker in _REJECTION_MARKERS)


def _status_and_body(exc: BaseException) -> tuple[int | None, str]:
    if isinstance(exc, openai.APIStatusError):
        try:
            body = exc.response.text
        except Exception:  # a streamed or closed body: the message is all there is
            body = str(exc)
        return exc.status_code, body
    return None, str(exc)


def is_transient(exc: BaseException) -> bool:
    """Timeouts, connection errors, 429 and 5xx that are not rejections."""
    if isinstance(exc, openai.APIConnectionError | MalformedResponse):  # incl. APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        status, body = _status_and_body(exc)
        return (
            status is not None
            and not is_rejected_request(status, body)
            and (status in (408, 409, 429) or status >= 500)
        )
    return False


def retry_after_seconds(exc: BaseException) -> float | None:
    """The wait a 429/503 asks for in its Retry-After (or retry-after-ms) header, if any."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if headers.get("retry-after-ms"):
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


class _WaitHonouringRetryAfter:
    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.backoff = wait_random_exponential(multiplier=policy.initial_wait, max=policy.max_wait)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc) if exc else None
        if asked is not None:
            return min(asked, self.policy.max_wait)
        return float(self.backoff(state))


def call_with_retries(
    call: Callable[[], Any],
    *,
    policy: RetryPolicy,
    provider: str,
    on_attempt: Callable[[Any | None], None],
) -> Any:
    """`call()` retried on transient failures; `on_attempt(response or None)` after each try.

    Raises TransportError when retries run out, RequestRejected for a refused request; any other
    exception (a bug, an ExtractError from below) passes through unchanged.
    """
    attempts = 0

    def attempt() -> Any:
        nonlocal attempts
        attempts += 1
        try:
            response = call()
        except json.JSONDecodeError as exc:
            on_attempt(None)
            raise MalformedResponse(f"the response body is not JSON ({exc})") from exc
        except BaseException:
            on_attempt(None)
            raise
        on_attempt(response)
        return response

    retrying = Retrying(
        stop=stop_after_attempt(policy.max_attempts) | stop_after_delay(policy.max_seconds),
        wait=_WaitHonouringRetryAfter(policy),
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
    try:
        return retrying(attempt)
    except ExtractError:
        raise
    except (openai.APIConnectionError, openai.APIStatusError, MalformedResponse) as exc:
        raise _as_extract_error(exc, provider, attempts) from exc


def _as_extract_error(exc: BaseException, provider: str, attempts: int) -> ExtractError:
    status, body = _status_and_body(exc)
    summary = " ".join(body.split())[:300]
    if status is not None and is_rejected_request(status, body):
        return RequestRejected(
            f"{provider} refused the request (HTTP {status}): {summary}",
            provider=provider,
            status=status,
        )
    where = f"HTTP {status}" if status is not None else _fault_name(exc)
    return TransportError(
        f"{provider} failed after {attempts} attempt(s) ({where}): {summary}",
        provider=provider,
        attempts=attempts,
        status=status,
    )


def _fault_name(exc: BaseException) -> str:
    """What went wrong with a request that got no HTTP status, in a reader's words."""
    if isinstance(exc, openai.APITimeoutError):
        return "timed out"
    if isinstance(exc, MalformedResponse):
        return "malformed response"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        detail = f": {type(cause).__name__}" if cause is not None else ""
        return f"connection failed{detail}"
    return type(exc).__name__

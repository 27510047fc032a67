"""The typed entry point: `Extractor.ask(ResponseModel, messages) -> ResponseModel instance`.

One path for every backend: the cache is consulted first; on a miss instructor (JSON_SCHEMA mode)
drives the backend's `create`, re-asking a bounded number of times when the answer does not
validate, and each of its calls goes through `extract.runtime.transport`, which retries transport
failures and counts every attempt's tokens.
"""

from __future__ import annotations

import warnings
from typing import Any, TypeVar

import instructor
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel, ValidationError

from extract.asking.repair import close_truncated_json
from extract.config import Settings
from extract.errors import ExtractError, OutputTruncated, ValidationFailed
from extract.runtime.backends import Backend, EmbeddedBackend, HttpBackend
from extract.runtime.cache import CachedAnswer, ResponseCache, cache_key
from extract.runtime.transport import RetryPolicy, call_with_retries
from extract.runtime.usage import Usage

T = TypeVar("T", bound=BaseModel)


class TruncatedAnswerWarning(UserWarning):
    """An answer hit the output-token limit; only its complete list items were kept."""


def make_backend(settings: Settings) -> Backend:
    """The backend the settings choose; the embedded one needs its model file present."""
    if settings.backend == "http":
        return HttpBackend(settings)
    from extract.runtime.model_files import DEFAULT_MODEL, MODELS, file_sha256, resolve_model_path

    spec = MODELS.get(settings.model, DEFAULT_MODEL)
    path = resolve_model_path(settings.models_dir, settings.model_path, spec)
    return EmbeddedBackend(settings, path, file_sha256(path))


class _AttemptRecorder:
    """Counts every attempt's tokens into a Usage and keeps the last raw answer."""

    def __init__(self, usage: Usage, request_usage: Usage) -> None:
        self.usages = (usage, request_usage)
        self.last_output: str | None = None

    def __call__(self, response: Any | None) -> None:
        prompt = completion = 0
        if response is not None:
            usage = getattr(response, "usage", None)
            prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
            completion = int(getattr(usage, "completion_tokens", 0) or 0)
            choices = getattr(response, "choices", None) or []
            if choices:
                self.last_output = choices[0].message.content
        for tally in self.usages:
            tally.record_call(prompt, completion)


def last_validation_problem(exc: InstructorRetryException) -> str:
    """Why the last answer was refused, one line per field at fault, short enough to log."""
    attempts = exc.failed_attempts or []
    last = attempts[-1].exception if attempts else exc
    if isinstance(last, ValidationError):
        problems = []
        for error in last.errors():
            where = ".".join(str(part) for part in error["loc"]) or "(answer)"
            problems.append(f"{where}: {error['msg']}")
        return "; ".join(problems)[:300]
    return " ".join(str(last).split())[:300]


class Extractor:
    """Asks a model for instances of response models, through the cache."""

    def __init__(
        self,
        settings: Settings,
        backend: Backend | None = None,
        cache: ResponseCache | None = None,
    ) -> None:
        self.settings = settings
        self.backend = backend or make_backend(settings)
        self.cache = cache if cache is not None else ResponseCache(settings.cache_dir)
        self.retry_policy = RetryPolicy(
            max_attempts=settings.max_transport_attempts,
            max_seconds=settings.max_transport_seconds,
            initial_wait=settings.retry_initial_wait_s,
        )

    def request_key(
        self,
        response_model: type[BaseModel],
        messages: list[dict[str, str]],
        params: dict[str, Any],
        prompt_versions: dict[str, str],
    ) -> str:
        return cache_key({
            "backend": self.backend.identity(),
            "messages": messages,
            "response_model": response_model.__name__,
            "response_schema": response_model.model_json_schema(),
            "params": params,
            "prompt_versions": prompt_versions,
        })  # fmt: skip

    def ask(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        *,
        max_tokens: int,
        usage: Usage,
        prompt_versions: dict[str, str] | None = None,
    ) -> T:
        """A validated instance of `response_model`, from the cache or the model."""
        params = {
            "temperature": self.settings.temperature,
            "seed": self.settings.seed,
            "max_tokens": max_tokens,
            "max_validation_retries": self.settings.max_validation_retries,
        }
        key = self.request_key(response_model, messages, params, prompt_versions or {})
        cached = self.cache.get(key)
        if cached is not None:
            try:
                answer = response_model.model_validate_json(cached.json)
            except ValueError:
                warnings.warn("ignoring a cache entry that no longer validates", stacklevel=2)
            else:
                usage.record_cache_hit()
                return answer
        request_usage = Usage()
        try:
            answer = self._ask_model(response_model, messages, params, usage, request_usage)
        except OutputTruncated as exc:
            answer = self._salvage(response_model, exc)
        self.cache.put(
            key,
            CachedAnswer(
                json=answer.model_dump_json(),
                prompt_tokens=request_usage.prompt_tokens,
                completion_tokens=request_usage.completion_tokens,
            ),
        )
        return answer

    def _salvage(self, response_model: type[T], exc: OutputTruncated) -> T:
        """The complete list items of a cut-off answer, if they validate; else re-raise."""
        closed = close_truncated_json(exc.last_output or "")
        if closed is None:
            raise exc
        try:
            answer = response_model.model_validate_json(closed)
        except ValueError:
            raise exc from None
        warnings.warn(
            f"{response_model.__name__}: answer cut off (at the token limit, or stopped "
            "repeating itself); kept its complete items",
            TruncatedAnswerWarning,
            stacklevel=3,
        )
        return answer

    def _ask_model(
        self,
        response_model: type[T],
        messages: list[dict[str, str]],
        params: dict[str, Any],
        usage: Usage,
        request_usage: Usage,
    ) -> T:
        recorder = _AttemptRecorder(usage, request_usage)

        def create(**kwargs: Any) -> Any:
            return call_with_retries(
                lambda: self.backend.create(**kwargs),
                policy=self.retry_policy,
                provider=self.backend.provider,
                on_attempt=recorder,
            )

        patched = instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA)
        try:
            result = patched(
                response_model=response_model,
                messages=messages,
                model=self.settings.model,
                temperature=params["temperature"],
                seed=params["seed"],
                max_tokens=params["max_tokens"],
                max_retries=params["max_validation_retries"],
            )
        except Exception as exc:
            error = self._explain(exc, request_usage, recorder.last_output)
            # An ExtractError raised below keeps its own cause (the transport error behind it).
            raise error from (error.__cause__ if isinstance(error, ExtractError) else exc)
        # A fresh instance, equal to what the cache will serve: instructor attaches its raw
        # completion to the one it returns.
        return response_model.model_validate_json(result.model_dump_json())

    def _explain(self, exc: Exception, request_usage: Usage, last_output: str | None) -> Exception:
        """The toolkit error behind an instructor failure (it wraps whatever it caught)."""
        cause: BaseException | None = exc
        seen: set[int] = set()
        while cause is not None and id(cause) not in seen:
            seen.add(id(cause))
            if isinstance(cause, ExtractError):
                return cause
            if isinstance(cause, IncompleteOutputException):
                return OutputTruncated(
                    f"the answer hit the {self.backend.provider} output-token limit before the "
                    "JSON was complete",
                    provider=self.backend.provider,
                    attempts=request_usage.calls,
                    last_output=last_output,
                )
            cause = cause.__cause__ or cause.__context__
        if isinstance(exc, InstructorRetryException):
            return ValidationFailed(
                f"answer did not fit the schema after {request_usage.calls} attempt(s): "
                f"{last_validation_problem(exc)}",
                provider=self.backend.provider,
                attempts=request_usage.calls,
                last_output=last_output,
            )
        return exc

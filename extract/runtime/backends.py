"""The two ways to reach a model: llama.cpp in this process, or an OpenAI-compatible server.

Both expose `create(**kwargs)`, the shape of `openai.chat.completions.create`, which instructor
drives in JSON_SCHEMA mode. instructor sends OpenAI's `response_format={"type": "json_schema"}`;
llama.cpp (in process and its server) only constrains decoding on
`{"type": "json_object", "schema": ...}`, ignoring or rejecting the other form. So the backend
rewrites `response_format` for the servers that need it, and constrained decoding is really on.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Protocol

from extract.config import SchemaMode, Settings
from extract.errors import ConfigError, RequestRejected
from extract.runtime.repetition import REPEATS_BEFORE_STOPPING


class Backend(Protocol):
    """A model endpoint that instructor can drive."""

    provider: str

    def identity(self) -> dict[str, Any]:
        """What makes this backend's answers differ from another's (part of the cache key)."""
        ...

    def create(self, **kwargs: Any) -> Any:
        """One chat completion, OpenAI-shaped; no retries here."""
        ...


def adapt_response_format(kwargs: dict[str, Any], schema_mode: SchemaMode) -> dict[str, Any]:
    """The request with its JSON-schema response format in the form the server understands."""
    response_format = kwargs.get("response_format")
    if schema_mode == "json_schema" or not response_format:
        return kwargs
    if response_format.get("type") != "json_schema":
        return kwargs
    schema = response_format["json_schema"]["schema"]
    return {**kwargs, "response_format": {"type": "json_object", "schema": schema}}


class HttpBackend:
    """Any server speaking the OpenAI chat API: OpenAI, vLLM, Ollama, llama.cpp's server."""

    def __init__(self, settings: Settings) -> None:
        import openai

        self.settings = settings
        self.provider = f"http:{settings.base_url or 'openai'}"
        self.client = openai.OpenAI(
            base_url=settings.base_url,
            # Local servers ignore the key but the client insists on one.
            api_key=settings.api_key or "not-needed",
            max_retries=0,  # retries belong to extract.runtime.transport, which counts them
            timeout=settings.timeout_s,
        )

    def identity(self) -> dict[str, Any]:
        return {
            "backend": "http",
            "base_url": self.settings.base_url,
            "model": self.settings.model,
            "schema_mode": self.settings.schema_mode,
        }

    def create(self, **kwargs: Any) -> Any:
        kwargs = adapt_response_format(kwargs, self.settings.schema_mode)
        return self.client.chat.completions.create(**kwargs)


class EmbeddedBackend:
    """llama.cpp in this process (llama-cpp-python), loaded on first use.

    One model instance is not safe to use from two threads, so calls are serialised; llama.cpp
    keeps the previous prompt's KV cache, so questions sharing a prefix pay for it once.
    """

    provider = "embedded"

    def __init__(self, settings: Settings, model_path: Path, model_sha256: str) -> None:
        self.settings = settings
        self.model_path = model_path
        self.model_sha256 = model_sha256
        self._llama: Any = None
        self._lock = threading.Lock()
        self._checked_schemas: set[str] = set()

    def identity(self) -> dict[str, Any]:
        return {
            "backend": "embedded",
            "model": self.settings.model,
            "model_sha256": self.model_sha256,
            "n_ctx": self.settings.n_ctx,
            "stops_after_repeats": REPEATS_BEFORE_STOPPING,
        }

    def _load(self) -> Any:
        try:
            from extract.runtime.embedded_llama import EmbeddedLlama
        except ImportError as exc:
            raise ConfigError(
                "the embedded model needs llama-cpp-python: pip install -e '.[local]' "
                "(or configure an HTTP backend with --base-url / OPENAI_API_KEY)"
            ) from exc
        return EmbeddedLlama(
            model_path=str(self.model_path),
            n_ctx=self.settings.n_ctx,
            n_threads=self.settings.n_threads or os.cpu_count() or 1,
            seed=self.settings.seed,
            verbose=False,
        )

    def _check_grammar(self, schema: dict[str, Any]) -> None:
        # llama.cpp silently falls back to unconstrained JSON when a schema cannot become a
        # grammar; refuse such a schema instead of decoding without the constraint.
        text = json.dumps(schema, sort_keys=True)
        if text in self._checked_schemas:
            return
        from llama_cpp.llama_grammar import LlamaGrammar

        try:
            LlamaGrammar.from_json_schema(text, verbose=False)
        except Exception as exc:
            raise ConfigError(f"response schema cannot be turned into a grammar: {exc}") from exc
        self._checked_schemas.add(text)

    def create(self, **kwargs: Any) -> Any:
        kwargs = adapt_response_format(kwargs, "json_object_schema")
        kwargs.pop("model", None)
        with self._lock:
            if self._llama is None:
                self._llama = self._load()
            if kwargs.get("response_format", {}).get("schema"):
                self._check_grammar(kwargs["response_format"]["schema"])
            try:
                response = self._llama.create_chat_completion_openai_v1(**kwargs)
            except ValueError as exc:  # llama.cpp's way of saying "prompt too long" and the like
                raise RequestRejected(
                    f"embedded model refused the request: {exc}",
                    provider=self.provider,
                    status=None,
                ) from exc
            if self._llama.stopped_repeating:
                # Cut short like an answer at the token limit, so it is salvaged the same way.
                response.choices[0].finish_reason = "length"
            return response

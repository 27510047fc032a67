"""Settings of the extraction engine, read from the environment in this one place.

Command-line options override environment variables, which override the defaults. The result is
a frozen `Settings`: nothing else in the package reads `os.environ`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from extract.errors import ConfigError

SchemaMode = Literal["json_schema", "json_object_schema"]
SCHEMA_MODES: tuple[SchemaMode, ...] = ("json_schema", "json_object_schema")

EMBEDDED_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"


def default_cache_root(environ: Mapping[str, str]) -> Path:
    """The user cache directory (XDG), outside any repository."""
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "meeting-extract"


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know about where to send requests and what to keep.

    backend:      "embedded" (llama.cpp in process) or "http" (an OpenAI-compatible server)
    model:        model name sent to the server; for the embedded backend a label
    base_url:     server URL for the HTTP backend (None means OpenAI itself)
    api_key:      key for the HTTP backend
    schema_mode:  how the response schema reaches an HTTP server: "json_schema" (OpenAI, vLLM,
                  Ollama) or "json_object_schema" (llama.cpp's server, which rejects json_schema)
    model_path:   GGUF file for the embedded backend (None: the assembled default model)
    cache_dir:    response cache; None disables caching
    max_article_chars: longer articles are refused with the limit named (long ones below it are
                  split into chunks); a news article is a few thousand characters
    """

    backend: Literal["embedded", "http"] = "embedded"
    model: str = EMBEDDED_MODEL_NAME
    base_url: str | None = None
    api_key: str | None = None
    schema_mode: SchemaMode = "json_schema"
    model_path: Path | None = None
    models_dir: Path = field(default_factory=lambda: default_cache_root(os.environ) / "models")
    cache_dir: Path | None = field(default_factory=lambda: default_cache_root(os.environ) / "cache")
    temperature: float = 0.0
    seed: int = 0
    timeout_s: float = 600.0
    max_transport_attempts: int = 5
    max_transport_seconds: float = 900.0
    retry_initial_wait_s: float = 1.0
    max_validation_retries: int = 1
    n_ctx: int = 8192
    max_article_chars: int = 200_000
    keep_ungrounded: bool = False  # keep records whose evidence is not in the article, flagged
    n_threads: int | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from environment variables, then `overrides` (None values are ignored).

        OPENAI_API_KEY, OPENAI_BASE_URL  choose the HTTP backend when either is set
        EXTRACT_MODEL                    model name for the HTTP backend
        EXTRACT_SCHEMA_MODE              json_schema | json_object_schema
        EXTRACT_MODEL_PATH               a GGUF file for the embedded backend
        EXTRACT_CACHE_DIR                response cache directory
        XDG_CACHE_HOME                   parent of the default cache and model directories
        """
        env = os.environ if environ is None else environ
        root = default_cache_root(env)
        values: dict[str, object] = {
            "models_dir": root / "models",
            "cache_dir": Path(env["EXTRACT_CACHE_DIR"])
            if env.get("EXTRACT_CACHE_DIR")
            else root / "cache",
            "api_key": env.get("OPENAI_API_KEY") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
        }
        if env.get("EXTRACT_MODEL"):
            values["model"] = env["EXTRACT_MODEL"]
        if env.get("EXTRACT_SCHEMA_MODE"):
            values["schema_mode"] = env["EXTRACT_SCHEMA_MODE"]
        if env.get("EXTRACT_MODEL_PATH"):
            values["model_path"] = Path(env["EXTRACT_MODEL_PATH"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "backend" not in overrides or overrides["backend"] is None:
            values["backend"] = "http" if values["api_key"] or values["base_url"] else "embedded"
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Raise ConfigError, saying how to fix it, for a combination that cannot work."""
        if self.schema_mode not in SCHEMA_MODES:
            raise ConfigError(
                f"unknown schema mode {self.schema_mode!r}: use one of {', '.join(SCHEMA_MODES)}"
            )
        if self.max_article_chars < 1:
            raise ConfigError(
                f"--max-article-chars must be at least 1, got {self.max_article_chars}"
            )
        if self.backend == "http" and self.model == EMBEDDED_MODEL_NAME and not self.base_url:
            raise ConfigError(
                "the HTTP backend needs a model name: pass --model (e.g. gpt-4o-mini) or set "
                "EXTRACT_MODEL"
            )

    def without_cache(self) -> Settings:
        return replace(self, cache_dir=None)

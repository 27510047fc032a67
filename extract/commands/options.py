"""What the commands share: a subcommand made from its handler; the settings its options give."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extract.config import SCHEMA_MODES, Settings

Handler = Callable[[argparse.Namespace], int]
Commands = Any  # argparse's subparsers action (a private type)


def add_subcommand(commands: Commands, name: str, handler: Handler) -> argparse.ArgumentParser:
    """A subcommand whose --help is its handler's docstring, and which runs that handler."""
    doc = handler.__doc__ or ""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=doc.splitlines()[0],
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def add_backend_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose the model and the cache (the environment gives the defaults)."""
    parser.add_argument("--model", help="model name for an HTTP backend (env EXTRACT_MODEL)")
    parser.add_argument(
        "--base-url", help="OpenAI-compatible server URL (env OPENAI_BASE_URL); selects HTTP"
    )
    parser.add_argument(
        "--schema-mode",
        choices=SCHEMA_MODES,
        help="how the schema reaches an HTTP server: json_schema (OpenAI, vLLM, Ollama; the "
        "default) or json_object_schema (llama.cpp's server)",
    )
    parser.add_argument("--model-path", type=Path, help="any GGUF file for the embedded backend")
    parser.add_argument("--cache-dir", type=Path, help="response cache directory")


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Environment variables overridden by whichever options this command has."""
    cache_dir = getattr(args, "cache_dir", None)
    overrides: dict[str, object] = {
        "model": getattr(args, "model", None),
        "base_url": getattr(args, "base_url", None),
        "schema_mode": getattr(args, "schema_mode", None),
        "model_path": getattr(args, "model_path", None),
        "cache_dir": cache_dir,
        "keep_ungrounded": getattr(args, "keep_ungrounded", None) or None,
        "max_article_chars": getattr(args, "max_article_chars", None),
    }
    settings = Settings.from_env(None, **overrides)
    return settings.without_cache() if getattr(args, "no_cache", False) else settings

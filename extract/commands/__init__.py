"""The command line, `python -m extract` (or `meeting-extract` once installed): one module per
command, each handler's docstring its --help text.

    run          extract a batch of articles (`commands.run`)
    model/cache  the embedded model's files and the response cache (`commands.model`)
    replay       record the model's answers into a book, or replay them (`commands.replay`)
    consolidate  merge Document files into one corpus (`extract.consolidation.cli`)
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from extract.commands.model import add_cache_command, add_model_command
from extract.commands.replay import add_replay_command
from extract.commands.run import add_run_command
from extract.consolidation.cli import add_consolidate_command
from schemas.errors import ToolkitError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The `python -m extract` parser; each subcommand sets `handler`."""
    parser = argparse.ArgumentParser(
        prog="python -m extract", description="Extract meeting records from news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add_run_command(commands)
    add_model_command(commands)
    add_cache_command(commands)
    add_replay_command(commands)
    add_consolidate_command(commands)
    return parser


def _one_line_warning(
    message: Warning | str, category: type[Warning], *args: object, **kwargs: object
) -> str:
    """A warning as a user reads it: its kind and message, not the toolkit's source line."""
    return f"warning ({category.__name__}): {message}\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code; a toolkit error is one line on stderr, exit 2."""
    warnings.formatwarning = _one_line_warning
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

"""`python -m extract replay`: record the model's answers into a replay book, or replay them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.commands.options import (
    Commands,
    add_backend_options,
    add_subcommand,
    settings_from_args,
)


def replay_command(args: argparse.Namespace) -> int:
    """Record the model's answers for a set of articles into a replay book, or replay them.

    record  extract every article with the configured backend (through the response cache, so
            a warm cache records in seconds) and save every answer into BOOK
    run     extract every article again from BOOK's answers alone, with no model loaded, into
            OUT/<doc_id>.json; a question BOOK does not hold fails that article with the
            command that re-records the book

    The test suite's regression gate replays the seeds and the development set from
    tests/replay/book.json and scores them; `make replay` re-records it after a prompt change.
    """
    from extract.running.output import write_atomically
    from extract.running.replaying import record_book, replay_documents
    from extract.runtime.replay import ReplayBook
    from schemas.io import dump_document

    if args.action == "record":
        book = record_book(args.paths, args.book, settings_from_args(args), offline=args.offline)
        print(
            f"recorded {len(book.answers)} answers for {len(book.articles())} articles: {args.book}"
        )
        return 0
    if args.out is None:
        print("error: replay run needs --out DIR", file=sys.stderr)
        return 2
    failed = 0
    for result in replay_documents(args.paths, ReplayBook.load(args.book)):
        if result.document is None:
            failed += 1
            print(f"error: {result.error}", file=sys.stderr)
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            write_atomically(args.out / f"{result.doc_id}.json", dump_document(result.document))
    return 1 if failed else 0


def add_replay_command(commands: Commands) -> None:
    sub = add_subcommand(commands, "replay", replay_command)
    sub.add_argument("action", choices=("record", "run"))
    sub.add_argument("paths", type=Path, nargs="+", help="article files or folders")
    sub.add_argument("--book", type=Path, required=True, help="the replay book (JSON)")
    sub.add_argument("--out", type=Path, help="output folder (replay run)")
    sub.add_argument(
        "--offline",
        action="store_true",
        help="record only answers the response cache holds; never call the model",
    )
    add_backend_options(sub)

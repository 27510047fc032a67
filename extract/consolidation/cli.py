"""`python -m extract consolidate`: the command, its options and its handler."""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from pathlib import Path
from typing import Any

from extract.consolidation.build import consolidate_paths
from extract.consolidation.database import write_database
from schemas.corpus import Corpus, dump_corpus


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _summary(corpus: Corpus) -> str:
    merged = sum(len(m.sources) > 1 for m in corpus.meetings)
    people = sum(len(p.sources) > 1 for p in corpus.people)
    return (
        f"{len(corpus.documents)} documents: {len(corpus.meetings)} meetings ({merged} reported "
        f"by more than one record), {len(corpus.people)} people ({people} in more than one), "
        f"{len(corpus.series)} series, {len(corpus.conflicts)} conflicts"
    )


def consolidate_command(args: argparse.Namespace) -> int:
    """Merge Document files into one corpus: one record per real meeting and per real person.

    PATHS are Document files or folders of them (an extraction run's output, whose run.json is
    skipped, or gold). The same meeting reported by several articles, in English and in Chinese,
    becomes one meeting with its name in each source; the same official under two scripts and
    pinyin becomes one person with every name form, office (dated) and meeting. Meetings of one
    mechanism form a series by year, so a "next meeting" decision in one article is linked to
    the edition another article reports. Wherever sources disagree on a field, the conflict is
    kept with every value and its sources; the value shown is chosen by a stated rule.

    Writes OUT (JSON, the `schemas.Corpus` contract) and, with --db, the same corpus as a SQLite
    database (open it with `sqlite3 FILE`). Both are written atomically. A missing, unreadable or
    invalid Document file is reported with the reason and skipped; the rest is consolidated, and
    the exit code is then 1.
    """
    corpus = consolidate_paths(args.paths)
    for problem in corpus.problems:
        print(f"skipped {problem.path}: {problem.reason}", file=sys.stderr)
    try:
        _write_atomically(args.out, dump_corpus(corpus))
        if args.db is not None:
            write_database(corpus, args.db)
    except OSError as exc:
        print(f"error: cannot write the corpus: {exc}", file=sys.stderr)
        return 2
    print(_summary(corpus))
    print(f"wrote {args.out}" + (f" and {args.db}" if args.db is not None else ""))
    return 1 if corpus.problems else 0


def add_consolidate_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add `consolidate` to an argparse subparsers object; its help is the handler's docstring."""
    doc = inspect.getdoc(consolidate_command) or ""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "consolidate",
        help=doc.splitlines()[0],
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=consolidate_command)
    parser.add_argument("paths", type=Path, nargs="+", help="Document files or folders")
    parser.add_argument("--out", type=Path, required=True, help="the corpus JSON file to write")
    parser.add_argument("--db", type=Path, help="also write the corpus as a SQLite database")
    return parser

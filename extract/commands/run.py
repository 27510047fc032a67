"""`python -m extract run`: extract a batch of articles, here or on a Ray cluster."""

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


def add_run_command(commands: Commands) -> None:
    sub = add_subcommand(commands, "run", run_command)
    sub.add_argument("paths", type=Path, nargs="+", help="article files or folders")
    sub.add_argument("--out", type=Path, required=True, help="output folder")
    sub.add_argument("--jobs", type=int, default=1, help="articles at once (HTTP only)")
    sub.add_argument("--engine", choices=("local", "ray"), default="local", help="where to extract")
    sub.add_argument(
        "--address",
        help="Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: the running one, "
        "else start Ray on this machine)",
    )
    sub.add_argument("--workers", type=int, help="Ray workers (default: as many as the CPUs hold)")
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
        help="refuse longer articles (default 200,000 characters; shorter long ones are split "
        "into chunks)",
    )
    sub.add_argument(
        "--keep-ungrounded",
        action="store_true",
        help="keep records whose evidence is not in the article (flagged grounded=false)",
    )
    add_backend_options(sub)

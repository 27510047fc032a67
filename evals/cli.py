"""Score extracted records against gold records.

    python -m evals score --gold DIR --pred DIR [--articles DIR | --no-articles]
                          [--json FILE] [--markdown FILE] [--baseline FILE] [--min-score X]
    python -m evals bench [PATH...] [--systems toolkit,naive,langextract] --out DIR [--gold DIR]
    python -m evals review --pred DIR [--gold DIR] [--articles DIR] --out FILE
    python -m evals consolidation --gold FILE --pred CORPUS.json [--json FILE] [--min-f1 X]

Exit codes: 0 scored; 1 the headline is below --min-score; 2 a usage problem (missing or empty gold
directory, missing prediction directory, unreadable baseline, output file that cannot be written).
Problems with single files are listed in the report and do not change the exit code.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from evals.corpus import score_directories
from evals.report import Baseline, load_baseline, render_markdown, render_text
from evals.results import Report
from schemas.errors import ToolkitError

USAGE_ERROR = 2
BELOW_MIN_SCORE = 1

Handler = Callable[[argparse.Namespace], int]


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_outputs(args: argparse.Namespace, report: Report, baseline: Baseline | None) -> None:
    if args.json is not None:
        _write(args.json, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if args.markdown is not None:
        _write(args.markdown, render_markdown(report, baseline))


def _min_score_verdict(headline: float, min_score: float) -> int:
    if headline < min_score:
        print(f"FAIL: headline {headline:.3f} is below --min-score {min_score:.3f}")
        return BELOW_MIN_SCORE
    print(f"PASS: headline {headline:.3f} reaches --min-score {min_score:.3f}")
    return 0


def score_command(args: argparse.Namespace) -> int:
    """Score a directory of predicted record files against a directory of gold record files.

    Every *.json file directly in --gold is a gold document (its id is the file name without
    .json); its prediction is the file of the same name in --pred. A missing or invalid prediction
    is listed as an error and scored as a prediction with no records; an invalid gold file is
    listed and its document left out; prediction files without a gold file are listed as ignored.

    The headline is the mean, over meetings, officials and resolutions, of the quality-weighted F1:
    predicted records are paired one-to-one with gold records, each pair counts as the mean of its
    field scores, and precision and recall are computed from these sums over all documents.

    The evidence spans are checked against the articles <doc_id>.txt in --articles (by default the
    folder an ARTICLES file in the gold directory names, else the gold directory's parent when it
    holds them; --no-articles turns the check off): how many are
    valid (their text is the article's text at their offsets), the mean character IoU of matched
    records' valid spans with the gold spans, and how many predicted records have no valid span.
    These numbers are shown beside the scores and change none of them; a missing article is
    listed as an error and only its document's evidence numbers are skipped.
    """
    try:
        baseline = load_baseline(args.baseline) if args.baseline is not None else None
        report = score_directories(
            args.gold, args.pred, args.articles, check_evidence=not args.no_articles
        )
    except ToolkitError as exc:
        return _fail(str(exc))
    print(render_text(report, baseline), end="")
    try:
        _write_outputs(args, report, baseline)
    except OSError as exc:
        return _fail(f"cannot write the report: {exc}")
    if not report["documents"]:
        return _fail("no gold document could be read, so nothing was scored")
    if args.min_score is None:
        return 0
    return _min_score_verdict(report["headline"], args.min_score)


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _add_command(commands: Commands, name: str, handler: Handler) -> argparse.ArgumentParser:
    """A subcommand whose help is its handler's docstring."""
    doc = inspect.getdoc(handler) or ""
    parser = commands.add_parser(
        name,
        help=doc.splitlines()[0],
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def _add_score_command(commands: Commands) -> None:
    parser = _add_command(commands, "score", score_command)
    parser.add_argument("--gold", type=Path, required=True, metavar="DIR", help="gold record files")
    parser.add_argument("--pred", type=Path, required=True, metavar="DIR", help="predicted files")
    articles = parser.add_mutually_exclusive_group()
    articles.add_argument(
        "--articles",
        type=Path,
        metavar="DIR",
        help="the articles <doc_id>.txt the evidence spans point into "
        "(default: the folder the gold directory's ARTICLES file names, else the gold "
        "directory's parent, if it holds them)",
    )
    articles.add_argument(
        "--no-articles", action="store_true", help="do not check the evidence spans"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the full report as JSON")
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="write the report as Markdown"
    )
    parser.add_argument(
        "--baseline", type=Path, metavar="FILE", help="an earlier --json report to show changes to"
    )
    parser.add_argument(
        "--min-score", type=float, metavar="X", help="exit with 1 if the headline is below X"
    )


def bench_command(args: argparse.Namespace) -> int:
    """Compare this toolkit with a naive instructor baseline and LangExtract, in one run.

    The same articles (the seeds by default), the same model file at temperature 0, cold
    caches, the same scorer: per system the headline and per-type F1, the share of valid
    evidence spans, wall seconds, seconds per 1,000 characters, model calls and tokens. Also
    this machine's raw llama.cpp prompt and generation speed and the toolkit's time as a
    multiple of the least time needed to read each article once and write its records once,
    the toolkit's warm-cache rerun, and the scorer's time on 1,000 synthetic documents.

    Writes DIR/bench.json and DIR/bench.md and prints the table; each system's records, logs
    and caches stay in DIR. The peers need `pip install -e '.[bench]'`. On two CPU cores the
    five seeds take about an hour.
    """
    from evals.bench import SYSTEMS, BenchError, BenchPlan, run_bench
    from evals.bench_report import render_bench_markdown

    systems = tuple(name.strip() for name in args.systems.split(",") if name.strip())
    unknown = sorted(set(systems) - set(SYSTEMS))
    if unknown or not systems:
        return _fail(f"unknown systems {unknown}: choose from {', '.join(SYSTEMS)}")
    paths = tuple(args.paths) or (Path("seeds"),)
    gold = args.gold
    if gold is None and not args.paths and Path("seeds/gold").is_dir():
        gold = Path("seeds/gold")
    plan = BenchPlan(paths=paths, systems=systems, out=args.out, gold=gold, port=args.port)
    try:
        bench = run_bench(plan)
    except BenchError as exc:
        return _fail(str(exc))
    table = render_bench_markdown(bench)
    _write(args.out / "bench.json", json.dumps(bench, ensure_ascii=False, indent=2) + "\n")
    _write(args.out / "bench.md", table)
    print(table, end="")
    return 0


def _add_bench_command(commands: Commands) -> None:
    parser = _add_command(commands, "bench", bench_command)
    parser.add_argument("paths", type=Path, nargs="*", help="article files or folders (seeds)")
    parser.add_argument(
        "--systems", default="toolkit,naive,langextract", help="comma-separated systems to run"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--gold", type=Path, metavar="DIR", help="gold records (default: seeds/gold for seeds)"
    )
    parser.add_argument("--port", type=int, default=8767, help="port of the peers' model server")


def review_command(args: argparse.Namespace) -> int:
    """Write one self-contained HTML page to review a run: every record on its evidence.

    The page lists every document (sortable, worst first; filters by language, record type and
    status; failed or missing prediction files with their reason) and shows one at a time: the
    article with each evidence span highlighted by record type, and the records as cards.

    With --gold, each record is marked matched, wrong fields (gold -> predicted shown), spurious
    or missed (its gold spans drawn in their own style), by the scorer's own pairing, and every
    number is the one `python -m evals score` reports on the same folders. Without --gold it is
    a viewer of the run, with run.json's status, seconds, tokens, calls and cache hits.

    The articles are read from --articles, else the gold folder's parent (as the scorer does),
    else the sources run.json names. The page needs no server and no network: open it from
    disk. Keys: n/p next/previous document, j/k next/previous difference, Esc the index.
    """
    from evals.review import build_review, write_review

    try:
        page = build_review(args.pred, args.gold, args.articles)
    except ToolkitError as exc:
        return _fail(str(exc))
    try:
        size = write_review(page, args.out)
    except OSError as exc:
        return _fail(f"cannot write the page {args.out}: {exc}")
    print(f"wrote {args.out} ({len(page['documents'])} documents, {size:,} bytes)")
    return 0


def _add_review_command(commands: Commands) -> None:
    parser = _add_command(commands, "review", review_command)
    parser.add_argument("--pred", type=Path, required=True, metavar="DIR", help="predicted files")
    parser.add_argument("--gold", type=Path, metavar="DIR", help="gold record files to compare")
    parser.add_argument(
        "--articles",
        type=Path,
        metavar="DIR",
        help="the articles <doc_id>.txt the spans point into",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the HTML page")


def consolidation_command(args: argparse.Namespace) -> int:
    """Score a consolidated corpus (python -m extract consolidate) against consolidation gold.

    --gold is a hand-labelled consolidation (evals/consolidation-gold.json: which meeting and
    official records of the gold Documents are one real meeting or person, and which conflicts
    the sources have). --pred is a corpus file. Its records are paired with gold records per
    document by the scorer's own alignment (as `score` pairs them), so a corpus made from the
    toolkit's extractions is scored as fairly as one made from gold.

    Reports, for meetings and for people, pairwise and B-cubed precision, recall and F1 of the
    merges, the share of gold records extracted at all, and every wrong and missed merge; and
    the recall of the labelled conflicts, each with the corpus conflict that matches it.
    --min-f1 X exits with 1 if a pairwise merge F1 or the conflict recall is below X.
    """
    from evals.consolidation import render_consolidation, score_consolidation

    try:
        report = score_consolidation(args.gold, args.pred)
    except ToolkitError as exc:
        return _fail(str(exc))
    print(render_consolidation(report), end="")
    if args.json is not None:
        try:
            _write(args.json, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            return _fail(f"cannot write the report: {exc}")
    lowest = min(
        report["meetings"]["pairwise_f1"],
        report["people"]["pairwise_f1"],
        report["conflicts"]["recall"],
    )
    return BELOW_MIN_SCORE if args.min_f1 is not None and lowest < args.min_f1 else 0


def _add_consolidation_command(commands: Commands) -> None:
    parser = _add_command(commands, "consolidation", consolidation_command)
    parser.add_argument("--gold", type=Path, required=True, metavar="FILE", help="labelled gold")
    parser.add_argument("--pred", type=Path, required=True, metavar="FILE", help="corpus file")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the report as JSON")
    parser.add_argument("--min-f1", type=float, metavar="X", help="exit 1 below this score")


def build_parser() -> argparse.ArgumentParser:
    """The `python -m evals` parser; each subcommand sets `handler`."""
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_score_command(commands)
    _add_bench_command(commands)
    _add_review_command(commands)
    _add_consolidation_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    return handler(args)

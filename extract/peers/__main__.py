"""Command line of the peer systems. Each command's docstring is its --help text."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from extract.peers import DEFAULT_MODEL, TIMEOUT_S, run_peer
from schemas.errors import ToolkitError

Handler = Callable[[argparse.Namespace], int]


def naive_command(args: argparse.Namespace) -> int:
    """The naive instructor baseline: one call per article for the whole Document.

    instructor (its default TOOLS mode, or --mode) with response_model=schemas.Document, a plain
    short prompt, temperature 0 and two validation re-asks; no cleaning or normalisation. Writes
    OUT/<doc_id>.json and OUT/run.json (every HTTP request counted, with its tokens). Exit code 1
    if any article failed.
    """
    from extract.peers import naive

    extract_article = naive.make_extractor(args.base_url, args.model, args.max_tokens, args.mode)
    run_info = {
        "base_url": args.base_url,
        "model": args.model,
        "instructor_mode": args.mode,
        "max_retries": naive.MAX_RETRIES,
        "max_tokens": args.max_tokens,
        "temperature": 0,
        "timeout_s": TIMEOUT_S,
    }
    return run_peer("naive", args.paths, args.out, extract_article, run_info)


def langextract_command(args: argparse.Namespace) -> int:
    """LangExtract (few-shot extraction classes meeting/official/resolution) on the same server.

    Its OpenAI provider with the server's base URL, plain JSON mode (the server rejects
    json_schema), invented few-shot examples; its grounded extractions are converted to a
    schemas.Document. Writes OUT/<doc_id>.json and OUT/run.json (every HTTP request counted,
    with its tokens). Exit code 1 if any article failed. Needs `pip install langextract`.
    """
    from importlib.metadata import version

    from extract.peers import langextract_peer

    extract_article = langextract_peer.make_extractor(args.base_url, args.model, args.max_tokens)
    run_info = {
        "base_url": args.base_url,
        "model": args.model,
        "langextract": version("langextract"),
        "max_tokens": args.max_tokens,
        "temperature": 0,
        "timeout_s": TIMEOUT_S,
    }
    return run_peer("langextract", args.paths, args.out, extract_article, run_info)


def limit_command(args: argparse.Namespace) -> int:
    """The physical limit: raw prompt and generation speed of the model on this machine.

    Measures prompt processing (a ~2000-token prompt after a warm-up) and greedy generation
    (200 tokens) with llama.cpp in process, then for each ARTICLE=RECORD pair counts the
    article's tokens and the record's (compact JSON) and prints, as JSON, the least time any
    system could need: article_tokens / prompt_tps + record_tokens / generation_tps.
    """
    from extract.peers import limit

    pairs = [limit.parse_pair(pair) for pair in args.pair]
    result = limit.measure(args.model_path, args.n_ctx, args.threads, pairs)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _add_peer_options(parser: argparse.ArgumentParser, max_tokens: int) -> None:
    parser.add_argument("paths", type=Path, nargs="+", help="article files or folders")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--base-url", required=True, help="OpenAI-compatible server, e.g. http://127.0.0.1:8766/v1"
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model name sent to the server")
    parser.add_argument(
        "--max-tokens", type=int, default=max_tokens, help="completion limit per request"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract.peers",
        description="Peer systems and the speed limit the benchmark compares the toolkit with.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    handlers: dict[str, Handler] = {
        "naive": naive_command,
        "langextract": langextract_command,
        "limit": limit_command,
    }
    subs = {}
    for name, handler in handlers.items():
        doc = inspect.cleandoc(handler.__doc__ or "")
        subs[name] = commands.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        subs[name].set_defaults(handler=handler)
    _add_peer_options(subs["naive"], max_tokens=2048)
    subs["naive"].add_argument(
        "--mode", choices=("tools", "json", "md_json"), default="tools", help="instructor mode"
    )
    _add_peer_options(subs["langextract"], max_tokens=1024)
    limit = subs["limit"]
    limit.add_argument("--model-path", type=Path, required=True, help="the GGUF file")
    limit.add_argument("--n-ctx", type=int, default=16384, help="context size")
    limit.add_argument("--threads", type=int, help="threads (default: every CPU)")
    limit.add_argument(
        "--pair", action="append", default=[], help="ARTICLE.txt=RECORD.json (repeatable)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ToolkitError as exc:  # e.g. another run already writing to --out
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

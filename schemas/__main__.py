"""Command line for the record contract.

python -m schemas export --out DIR        write the JSON Schemas of Document, Corpus and
                                          ConsolidationGold (one path per line)
python -m schemas validate FILE.json...   check record files (and spans, with --articles DIR)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from schemas.corpus import CORPUS_VERSION, ConsolidationGold, Corpus
from schemas.errors import ToolkitError
from schemas.io import load_document, read_article, span_problems
from schemas.models import SCHEMA_VERSION, Document


def export_schema(out_dir: Path) -> Path:
    """Write `document.schema.json` into `out_dir` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    schema = Document.model_json_schema()
    schema["$comment"] = f"schema version {SCHEMA_VERSION}"
    target = out_dir / "document.schema.json"
    target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def export_corpus_schemas(out_dir: Path) -> list[Path]:
    """Write `corpus.schema.json` and `consolidation-gold.schema.json`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in (("corpus", Corpus), ("consolidation-gold", ConsolidationGold)):
        schema = model.model_json_schema()
        schema["$comment"] = f"corpus version {CORPUS_VERSION}"
        target = out_dir / f"{name}.schema.json"
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written


def validate_files(paths: list[Path], articles: Path | None) -> int:
    """Print one line per file; return the number of files with problems."""
    failures = 0
    for path in paths:
        try:
            document = load_document(path)
            problems = []
            if articles is not None:
                article = read_article(articles / f"{document.doc_id}.txt")
                problems = span_problems(document, article)
        except ToolkitError as exc:
            problems = [str(exc)]
        if problems:
            failures += 1
            print(f"FAIL {path}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok   {path}")
    return failures


def build_parser() -> argparse.ArgumentParser:
    """The `python -m schemas` parser."""
    parser = argparse.ArgumentParser(
        prog="python -m schemas",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser(
        "export", help="write the JSON Schemas of Document, Corpus and ConsolidationGold"
    )
    export.add_argument("--out", type=Path, required=True, help="directory to write into")
    validate = commands.add_parser("validate", help="check record files against the contract")
    validate.add_argument("files", type=Path, nargs="+")
    validate.add_argument(
        "--articles", type=Path, help="folder of <doc_id>.txt articles, to check every span"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export":
        for path in [export_schema(args.out), *export_corpus_schemas(args.out)]:
            print(path)
        return 0
    return 1 if validate_files(args.files, args.articles) else 0


if __name__ == "__main__":
    sys.exit(main())

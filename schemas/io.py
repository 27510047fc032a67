"""Reading articles and record files, and checking records against the article they came from."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from schemas.errors import RecordFileError
from schemas.models import Document, Span
from schemas.reading import load_article


def read_article(path: Path | str, *, max_chars: int | None = None) -> str:
    """The article text that every span offset refers to.

    UTF-8 (or GB18030, Big5, UTF-16 with a BOM), newlines kept exactly as stored (no CRLF
    translation), a byte-order mark dropped, an HTML page reduced to its visible text: see
    `schemas.reading`. Offsets count code points of this text. Raises ArticleError naming the
    file and the reason when the file is empty, binary, undecodable, unreadable or too long.
    """
    return load_article(path, max_chars=max_chars).text


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem, each with the JSON path of the field at fault."""
    lines = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(document)"
        lines.append(f"{where}: {error['msg']}")
    return "; ".join(lines)


def parse_document(raw: str, source: Path | str = "<string>") -> Document:
    """A `Document` from JSON text; every problem is a `RecordFileError` naming `source`."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordFileError(source, f"not valid JSON ({exc})") from exc
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        raise RecordFileError(source, format_validation_error(exc)) from exc


def load_document(path: Path | str) -> Document:
    """Read and validate one record file (gold or prediction)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    except UnicodeDecodeError as exc:
        raise RecordFileError(path, f"not valid UTF-8 at byte {exc.start}") from exc
    except OSError as exc:
        raise RecordFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_document(raw, path)


def dump_document(document: Document) -> str:
    """The canonical JSON text of a record file: readable Chinese, two-space indent, newline."""
    data = document.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def iter_spans(document: Document) -> list[tuple[str, Span]]:
    """Every evidence span in the document, each labelled with the record it belongs to."""
    labelled: list[tuple[str, Span]] = []
    for label, records in (
        ("meeting", document.meetings),
        ("official", document.officials),
        ("resolution", document.resolutions),
    ):
        for record in records:
            labelled.extend((f"{label} {record.id}", span) for span in record.evidence)
    return labelled


def span_problems(document: Document, article: str) -> list[str]:
    """Each evidence span whose text is not exactly `article[start:end]`, described."""
    problems = []
    for owner, span in iter_spans(document):
        if span.end > len(article):
            problems.append(
                f"{owner}: span {span.start}..{span.end} runs past the article's end "
                f"({len(article)} characters)"
            )
        elif article[span.start : span.end] != span.text:
            found = article[span.start : span.end]
            problems.append(
                f"{owner}: span {span.start}..{span.end} is {found!r} in the article, "
                f"not {span.text!r}"
            )
    return problems

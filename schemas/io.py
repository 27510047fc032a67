"""Reading articles and record files, and checking records against the article they came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.errors import ArticleError, RecordFileError
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


# A file of this name in a folder of record files names (relative to the folder) the folder
# its articles are read from in place. Their spans may then leave out `text`: other publishers'
# words stay out of the repository, and the text is the article's at the span's offsets.
ARTICLES_POINTER = "ARTICLES"


def articles_for(records_dir: Path | str) -> Path | None:
    """The folder a folder of record files' ARTICLES pointer names, or None without one."""
    pointer = Path(records_dir) / ARTICLES_POINTER
    if not pointer.is_file():
        return None
    with open(pointer, encoding="utf-8") as handle:
        return (pointer.parent / handle.read().strip()).resolve()


def parse_document(
    raw: str, source: Path | str = "<string>", articles: Path | None = None
) -> Document:
    """A `Document` from JSON text; every problem is a `RecordFileError` naming `source`.

    Spans without `text` take it from the article `<doc_id>.txt` in `articles`.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordFileError(source, f"not valid JSON ({exc})") from exc
    _fill_span_texts(data, source, articles)
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        raise RecordFileError(source, format_validation_error(exc)) from exc


def load_document(path: Path | str) -> Document:
    """Read and validate one record file (gold or prediction); see `ARTICLES_POINTER`."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    except UnicodeDecodeError as exc:
        raise RecordFileError(path, f"not valid UTF-8 at byte {exc.start}") from exc
    except OSError as exc:
        raise RecordFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_document(raw, path, articles_for(path.parent))


def _spans_without_text(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        return []
    records = [r for kind in ("meetings", "officials", "resolutions") for r in data.get(kind) or []]
    return [
        span
        for record in records
        if isinstance(record, dict)
        for span in record.get("evidence") or []
        if isinstance(span, dict) and "text" not in span
    ]


def _fill_span_texts(data: Any, source: Path | str, articles: Path | None) -> None:
    spans = _spans_without_text(data)
    if not spans:
        return
    if articles is None:
        raise RecordFileError(
            source,
            f"a span has no text, and no {ARTICLES_POINTER} file beside it names the folder "
            "of the article to read it from",
        )
    article_path = articles / f"{data.get('doc_id') or Path(source).stem}.txt"
    try:
        text = read_article(article_path)
    except ArticleError as exc:
        raise RecordFileError(source, f"its spans' text is read from the article: {exc}") from exc
    for span in spans:
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise RecordFileError(source, f"span {start}-{end} is not inside {article_path}")
        span["text"] = text[start:end]


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

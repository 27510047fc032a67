"""A report as plain text (for the terminal) and as Markdown, optionally against a baseline.

Both renderings show the same tables (and, when the evidence spans were checked, an "Evidence
spans" table: overall and per document). With a baseline (an earlier report read from its JSON
file), every number is followed by its change, e.g. `0.812 (+0.034)`; a number the baseline lacks
is marked `(new)`.
"""

from __future__ import annotations

import json
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from evals.alignment import RECORD_TYPES
from evals.fields import FIELDS
from evals.results import ErrorEntry, EvidenceScores, Report
from schemas.errors import ToolkitError

HEADLINE_SUMMARY = "(mean quality_f1 over meetings, officials and resolutions)"
_TYPE_COLUMNS = ("precision", "recall", "f1", "quality_f1")
_COUNT_COLUMNS = ("gold", "pred", "matched")
_KIND_LABELS = {
    "missing_prediction": "missing prediction",
    "invalid_prediction": "invalid prediction",
    "invalid_gold": "invalid gold",
    "ignored_prediction": "ignored",
    "missing_article": "missing article",
}
_EVIDENCE_HEADER = (
    "predicted spans",
    "valid",
    "valid share",
    "mean IoU",
    "IoU pairs",
    "ungrounded records",
)
_ALL_DOCUMENTS = "all documents"


class BaselineError(ToolkitError):
    """A baseline report that cannot be read."""


class Baseline:
    """An earlier report, read leniently: a number it lacks is simply absent."""

    def __init__(self, data: dict[str, object]) -> None:
        self.data = data

    def number(self, *path: str) -> float | None:
        """The number at `path` (a chain of keys), or None."""
        node: object = self.data
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        if isinstance(node, bool) or not isinstance(node, int | float):
            return None
        return float(node)


def load_baseline(path: Path | str) -> Baseline:
    """Read a report written by `--json`; raise `BaselineError` if it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"baseline {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("headline"), int | float):
        raise BaselineError(f"baseline {path} is not a scoring report (no headline number)")
    return Baseline(data)


def _signed(delta: float, digits: int) -> str:
    text = f"{delta:+.{digits}f}"
    return "+" + text[1:] if float(text) == 0 else text


class _Cells:
    """Formats numbers, with their change against the baseline when there is one."""

    def __init__(self, baseline: Baseline | None) -> None:
        self.baseline = baseline

    def score(self, value: float | None, *path: str) -> str:
        return self._cell(value, 3, path)

    def count(self, value: int, *path: str) -> str:
        return self._cell(value, 0, path)

    def _cell(self, value: float | None, digits: int, path: tuple[str, ...]) -> str:
        before = None if self.baseline is None else self.baseline.number(*path)
        if value is None:
            return "n/a" if before is None else f"n/a (was {before:.{digits}f})"
        text = f"{value:.{digits}f}"
        if self.baseline is None:
            return text
        if before is None:
            return f"{text} (new)"
        return f"{text} ({_signed(value - before, digits)})"


@dataclass(frozen=True)
class Table:
    """A titled table of text cells; the first column is a label, the others numbers."""

    title: str
    header: tuple[str, ...]
    rows: list[list[str]]
    note: str = ""


def _type_table(report: Report, cells: _Cells) -> Table:
    rows = []
    for kind in RECORD_TYPES:
        s = report["by_type"][kind]
        counts = zip(_COUNT_COLUMNS, (s["gold"], s["pred"], s["matched"]), strict=True)
        ratios = zip(
            _TYPE_COLUMNS, (s["precision"], s["recall"], s["f1"], s["quality_f1"]), strict=True
        )
        row = [kind]
        row += [cells.count(value, "by_type", kind, column) for column, value in counts]
        row += [cells.score(value, "by_type", kind, column) for column, value in ratios]
        rows.append(row)
    return Table("Records by type", ("type", *_COUNT_COLUMNS, *_TYPE_COLUMNS), rows)


def _field_table(report: Report, cells: _Cells) -> Table:
    rows = [
        [f"{kind}.{name}", cells.score(report["by_field"][kind].get(name), "by_field", kind, name)]
        for kind in RECORD_TYPES
        for name in FIELDS[kind]
    ]
    return Table("Field accuracy over matched pairs", ("field", "accuracy"), rows)


def _document_table(report: Report, cells: _Cells) -> Table:
    rows = []
    for doc_id, doc in report["documents"].items():
        row = [doc_id, cells.score(doc["headline"], "documents", doc_id, "headline")]
        for kind in RECORD_TYPES:
            path = ("documents", doc_id, "by_type", kind, "quality_f1")
            row.append(cells.score(doc["by_type"][kind]["quality_f1"], *path))
        rows.append(row)
    header = ("document", "headline", *(f"{kind} qF1" for kind in RECORD_TYPES))
    return Table("Documents", header, rows)


def _evidence_row(
    label: str, scores: EvidenceScores | None, cells: _Cells, *path: str
) -> list[str]:
    if scores is None:
        return [label, *("n/a" for _ in _EVIDENCE_HEADER)]
    return [
        label,
        cells.count(scores["predicted_spans"], *path, "predicted_spans"),
        cells.count(scores["valid_spans"], *path, "valid_spans"),
        cells.score(scores["valid_share"], *path, "valid_share"),
        cells.score(scores["overlap_iou"], *path, "overlap_iou"),
        cells.count(scores["overlap_pairs"], *path, "overlap_pairs"),
        cells.count(scores["ungrounded_records"], *path, "ungrounded_records"),
    ]


def _evidence_table(report: Report, cells: _Cells) -> Table | None:
    totals = report.get("evidence")
    if totals is None:
        return None
    rows = [_evidence_row(_ALL_DOCUMENTS, totals, cells, "evidence")]
    for doc_id, doc in report["documents"].items():
        rows.append(
            _evidence_row(doc_id, doc.get("evidence"), cells, "documents", doc_id, "evidence")
        )
    note = (
        f"Checked against the articles in {totals['articles_dir']} "
        f"({totals['documents']} of {len(report['documents'])} documents). "
        "valid: the span's text is the article's text at its offsets; mean IoU: character "
        "overlap of a matched record's valid spans with its gold spans; ungrounded: predicted "
        f"records (of {totals['predicted_records']}) without a valid span."
    )
    return Table("Evidence spans", ("document", *_EVIDENCE_HEADER), rows, note)


def build_tables(report: Report, baseline: Baseline | None = None) -> list[Table]:
    """The report's tables: by record type, by field, by document, and the evidence spans."""
    cells = _Cells(baseline)
    tables = [
        _type_table(report, cells),
        _field_table(report, cells),
        _document_table(report, cells),
    ]
    evidence = _evidence_table(report, cells)
    return tables if evidence is None else [*tables, evidence]


def headline_line(report: Report, baseline: Baseline | None = None) -> str:
    """`Headline: 0.812 (+0.034)`."""
    return f"Headline: {_Cells(baseline).score(report['headline'], 'headline')}"


def _problems(report: Report) -> tuple[list[ErrorEntry], list[ErrorEntry]]:
    errors = [e for e in report["errors"] if e["kind"] != "ignored_prediction"]
    ignored = [e for e in report["errors"] if e["kind"] == "ignored_prediction"]
    return errors, ignored


def _where(entry: ErrorEntry) -> str:
    return entry["file"] or f"document {entry['doc_id']}"


# ----------------------------------------------------------------------------- plain text


def _width(text: str) -> int:
    """Terminal columns: Han characters and other wide forms take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, left: bool) -> str:
    padding = " " * (width - _width(text))
    return text + padding if left else padding + text


def _text_table(table: Table) -> list[str]:
    grid = [list(table.header), *table.rows]
    widths = [max(_width(row[i]) for row in grid) for i in range(len(table.header))]
    lines = [table.title]
    if table.note:
        lines += textwrap.wrap(table.note, 98, initial_indent="  ", subsequent_indent="  ")
    for row in grid:
        cells = [
            _pad(cell, width, i == 0)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _text_problems(report: Report) -> list[str]:
    errors, ignored = _problems(report)
    lines = [f"Errors ({len(errors)})" if errors else "Errors: none"]
    lines += [f"  [{_KIND_LABELS[e['kind']]}] {_where(e)}: {e['reason']}" for e in errors]
    if ignored:
        lines.append(f"Ignored prediction files ({len(ignored)})")
        lines += [f"  {_where(e)}: {e['reason']}" for e in ignored]
    return lines


def render_text(report: Report, baseline: Baseline | None = None) -> str:
    """The report for a terminal."""
    lines = [headline_line(report, baseline), f"  {HEADLINE_SUMMARY}", ""]
    for table in build_tables(report, baseline):
        lines += [*_text_table(table), ""]
    lines += _text_problems(report)
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- Markdown


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_row(cells: list[str] | tuple[str, ...]) -> str:
    return "| " + " | ".join(_md_escape(cell) for cell in cells) + " |"


def _md_table(table: Table) -> list[str]:
    rule = ["---", *("---:" for _ in table.header[1:])]
    lines = [f"## {table.title}", ""]
    if table.note:
        lines += [table.note, ""]
    lines += [_md_row(table.header), "|" + "|".join(rule) + "|"]
    return lines + [_md_row(row) for row in table.rows]


def _md_problems(report: Report) -> list[str]:
    errors, ignored = _problems(report)
    lines = ["## Errors", ""]
    if not errors and not ignored:
        return [*lines, "None."]
    lines += [_md_row(("kind", "document", "file", "reason")), "|---|---|---|---|"]
    return lines + [
        _md_row((_KIND_LABELS[e["kind"]], e["doc_id"], e["file"], e["reason"]))
        for e in errors + ignored
    ]


def render_markdown(report: Report, baseline: Baseline | None = None) -> str:
    """The report as a Markdown document."""
    lines = ["# Scoring report", "", f"**{headline_line(report, baseline)}**", ""]
    lines += [f"Headline: {report['settings']['headline']}.", ""]
    for table in build_tables(report, baseline):
        lines += [*_md_table(table), ""]
    lines += _md_problems(report)
    return "\n".join(lines) + "\n"

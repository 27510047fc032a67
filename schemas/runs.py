"""The record of an extraction run, `run.json`, and the other files a run's folder holds.

`python -m extract run ARTICLES --out DIR` writes one record file per article, `DIR/<doc_id>.json`,
and `DIR/run.json`: what was extracted with (`run_info`: backend, model, prompt and schema
versions), the totals, and one entry per input, saying how it was settled. `make run` then writes
the score report (`report.json`, `report.md`) and the review page (`review.html`) into the same
folder. The extractor writes run.json with `RunRecord`; the scorer, the review page, the
benchmark and consolidation read it (or step over it) with the same names, so that none of them
takes the run's own files for predictions.

    record = load_run_record(Path("out") / RUN_FILE)
    record.totals.failed, record.articles["000_c87fae1540566935"].seconds
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from schemas.errors import RecordFileError

RUN_FILE = "run.json"
"""The run's record, beside its record files."""
REPORT_JSON = "report.json"
REPORT_MARKDOWN = "report.md"
REVIEW_PAGE = "review.html"
RUN_OWN_FILES = frozenset({RUN_FILE, REPORT_JSON, REPORT_MARKDOWN, REVIEW_PAGE})
"""Files of a run's folder that are not record files: the run's record, the score report and
the review page (`make run` writes them all into the output folder)."""

RUN_NUMBERS = ("seconds", "prompt_tokens", "completion_tokens", "calls", "cache_hits")
"""What each entry of run.json counts of its article's cost."""


def is_run_own_file(path: Path | str) -> bool:
    """True for run.json, report.json, report.md and review.html: a run's files, not records."""
    return Path(path).name in RUN_OWN_FILES


class RunEntry(BaseModel):
    """One line of run.json's `articles` table: how one article (or input problem) was settled.

    `reason` names the file and the cause of a failure; `note` is something a reader should know
    about an entry (a replaced file, a legacy encoding); `resumed` is a record kept from an
    earlier run into the same folder (its cost is that run's).
    """

    model_config = ConfigDict(extra="forbid")

    source: str
    status: Literal["ok", "failed"]
    reason: str | None = None
    note: str | None = None
    seconds: float = Field(default=0.0, ge=0)
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    calls: int = Field(default=0, ge=0)
    cache_hits: int = Field(default=0, ge=0)
    resumed: bool = False


class RunTotals(BaseModel):
    """Counts and costs over every entry, resumed ones included (their cost from earlier runs)."""

    model_config = ConfigDict(extra="forbid")

    articles: int = Field(default=0, ge=0)
    ok: int = Field(default=0, ge=0)
    failed: int = Field(default=0, ge=0)
    skipped: int = Field(default=0, ge=0)
    calls: int = Field(default=0, ge=0)
    cache_hits: int = Field(default=0, ge=0)
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    seconds: float = Field(default=0.0, ge=0)

    @classmethod
    def over(cls, entries: list[RunEntry]) -> RunTotals:
        """The totals of these entries."""
        return cls(
            articles=len(entries),
            ok=sum(entry.status == "ok" for entry in entries),
            failed=sum(entry.status == "failed" for entry in entries),
            skipped=sum(entry.resumed for entry in entries),
            calls=sum(entry.calls for entry in entries),
            cache_hits=sum(entry.cache_hits for entry in entries),
            prompt_tokens=sum(entry.prompt_tokens for entry in entries),
            completion_tokens=sum(entry.completion_tokens for entry in entries),
            seconds=round(sum(entry.seconds for entry in entries), 3),
        )


class RunRecord(BaseModel):
    """run.json: the run's settings, when it started and was last written, totals, entries."""

    model_config = ConfigDict(extra="forbid")

    run_info: dict[str, Any] = Field(default_factory=dict)
    started: str
    updated: str
    totals: RunTotals
    articles: dict[str, RunEntry]

    def dumps(self) -> str:
        """The file's text: indented JSON, Chinese kept readable, a final newline."""
        # default=str: run info may hold paths; everything else is plain JSON already.
        data = self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def load_run_record(path: Path | str) -> RunRecord:
    """Read a run.json; a missing, unreadable or malformed one is a RecordFileError saying why."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise RecordFileError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordFileError(path, f"cannot be read ({exc})") from exc
    try:
        return RunRecord.model_validate_json(text)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or 'file'}: {error['msg']}"
            for error in exc.errors()[:5]
        )
        raise RecordFileError(path, f"not a run record ({problems})") from exc

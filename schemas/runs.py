"""The files of an extraction run's folder besides its record files.

`python -m extract run ARTICLES --out DIR` writes one record file per article, `DIR/<doc_id>.json`,
and `DIR/run.json`, the record of the run. `make run` then writes the score report
(`report.json`, `report.md`) and the review page (`review.html`) into the same folder. The
extractor, the scorer, the review page and consolidation use these names, so that none of them
takes the run's own files for predictions.
"""

from __future__ import annotations

from pathlib import Path

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

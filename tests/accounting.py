"""The morning-after check of a batch run: every article extracted or listed with a reason.

`account_for_run` compares the inputs of a run with what its output folder holds and returns the
articles lost (no valid record and no failed entry), duplicated (more than one record or entry)
and otherwise inconsistent, so that every reliability test can assert that all are zero.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from extract.running.output import TEMP_SUFFIX
from schemas import load_document
from schemas.runs import RUN_FILE


@dataclass
class RunAccount:
    ok: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # doc_id -> reason
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.inconsistent)


def account_for_run(sources: dict[str, Path], out: Path) -> RunAccount:
    """`sources` maps each input's doc_id to its file; `out` is the run's output folder."""
    account = RunAccount()
    with open(out / RUN_FILE, encoding="utf-8") as handle:
        entries: dict[str, dict[str, object]] = json.load(handle)["articles"]
    records = {p.stem for p in out.glob("*.json") if p.name != RUN_FILE}
    for extra in sorted(records - set(sources)):
        account.inconsistent.append(f"{extra}.json has no input article")
    for leftover in out.glob(f".*{TEMP_SUFFIX}"):
        account.inconsistent.append(f"partial file {leftover.name} left behind")
    for doc_id, source in sources.items():
        keys = [key for key, entry in entries.items() if entry["source"] == str(source)]
        if len(keys) > 1:
            account.duplicated.append(doc_id)
        entry = entries.get(doc_id) or (entries[keys[0]] if keys else None)
        if entry is None:
            account.lost.append(doc_id)
        elif entry["status"] == "ok":
            if doc_id in records and load_document(out / f"{doc_id}.json").doc_id == doc_id:
                account.ok.append(doc_id)
            else:
                account.inconsistent.append(f"{doc_id}: run.json says ok, no valid record")
        else:
            reason = str(entry["reason"])
            account.failed[doc_id] = reason
            if doc_id in records:
                account.inconsistent.append(f"{doc_id}: failed, yet a record file exists")
            if source.name not in reason:
                account.inconsistent.append(f"{doc_id}: the reason does not name the file")
    return account


def assert_run_json_claims_only_what_is_on_disk(out: Path) -> None:
    """Every article run.json calls ok has its complete, valid record file."""
    with open(out / RUN_FILE, encoding="utf-8") as handle:
        entries: dict[str, dict[str, object]] = json.load(handle)["articles"]
    for doc_id, entry in entries.items():
        if entry["status"] == "ok":
            assert load_document(out / f"{doc_id}.json").doc_id == doc_id

"""The development sets' hand-labelled gold: one file per article, valid, grounded, consistent.

The articles are other publishers' text and stay in `../shared/devset/raw/` and
`../shared/devset2/raw/` (read in place); the gold in `evals/devset/` and `evals/devset2/` is the
project's own work. CI lays `shared/` beside the clone, so these tests run there; they skip only on
a machine that has no copy of the development articles, with the reason, and never under
CI=true (`tests/requirements.py`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from schemas import load_document, read_article, span_problems
from schemas.names import has_cjk, pinyin_variants, to_simplified
from tests.requirements import DEVSET2_ARTICLES, DEVSET_ARTICLES, in_ci, missing, require

ROOT = Path(__file__).resolve().parent.parent
RECORD_KINDS = ("meetings", "officials", "resolutions")


@dataclass(frozen=True)
class Batch:
    """One batch of development articles and its gold, with the counts that guard the gold
    against being truncated or emptied by accident (update them with GUIDELINES)."""

    name: str  # also the test requirement naming its articles (tests/requirements.py)
    gold: Path
    raw: Path
    articles: int
    records: tuple[int, int, int]  # meetings, officials, resolutions

    def doc_ids(self) -> list[str]:
        return sorted(path.stem for path in self.gold.glob("*.json"))


BATCHES = (
    Batch("devset", ROOT / "evals" / "devset", DEVSET_ARTICLES, 24, (35, 102, 14)),
    Batch("devset2", ROOT / "evals" / "devset2", DEVSET2_ARTICLES, 28, (33, 73, 21)),
)  # fmt: skip
GOLD_FILES = [(batch, doc_id) for batch in BATCHES for doc_id in batch.doc_ids()]
IDS = [doc_id for _, doc_id in GOLD_FILES]


def _needs_articles(batch: Batch) -> None:
    require(batch.name)


@pytest.mark.parametrize("batch", BATCHES, ids=[b.name for b in BATCHES])
def test_every_development_article_has_gold(batch: Batch) -> None:
    assert len(batch.doc_ids()) == batch.articles
    if missing(batch.name) is None or in_ci():
        assert sorted(p.stem for p in batch.raw.glob("*.txt")) == batch.doc_ids()


@pytest.mark.parametrize(("batch", "doc_id"), GOLD_FILES, ids=IDS)
def test_gold_spans_match_the_article(batch: Batch, doc_id: str) -> None:
    _needs_articles(batch)
    document = load_document(batch.gold / f"{doc_id}.json")
    assert document.doc_id == doc_id
    assert span_problems(document, read_article(batch.raw / f"{doc_id}.txt")) == []


@pytest.mark.parametrize("batch", BATCHES, ids=[b.name for b in BATCHES])
def test_gold_spans_are_offsets_into_the_article_read_in_place(batch: Batch) -> None:
    # The article's words stay in ../shared: a span's text is read from it on load.
    for doc_id in batch.doc_ids():
        with open(batch.gold / f"{doc_id}.json", encoding="utf-8") as handle:
            data = json.load(handle)
        spans = [s for kind in RECORD_KINDS for r in data[kind] for s in r["evidence"]]
        assert all(set(span) == {"start", "end"} for span in spans), doc_id


@pytest.mark.parametrize(("batch", "doc_id"), GOLD_FILES, ids=IDS)
def test_gold_records_are_grounded_linked_and_in_normal_form(batch: Batch, doc_id: str) -> None:
    _needs_articles(batch)
    document = load_document(batch.gold / f"{doc_id}.json")
    if document.meetings:
        assert sum(m.primary for m in document.meetings) == 1
    for record in [*document.meetings, *document.officials, *document.resolutions]:
        assert record.evidence, f"{record.id} has no evidence"
    for official in document.officials:
        assert official.meetings and all(a.roles for a in official.meetings), official.id
        if has_cjk(official.name):
            assert official.name_zh == to_simplified(official.name)
        if official.name_zh:
            assert official.name_en in pinyin_variants(official.name_zh), official.name_en
    for meeting in document.meetings:
        assert meeting.members, f"{meeting.id} has no members"
        if document.language == "zh":
            assert has_cjk(meeting.name)


@pytest.mark.parametrize(
    ("batch", "doc_id"),
    [(b, d) for b, d in GOLD_FILES if "_neg_" in d],
    ids=[d for _, d in GOLD_FILES if "_neg_" in d],
)
def test_articles_without_a_government_meeting_have_empty_gold(batch: Batch, doc_id: str) -> None:
    _needs_articles(batch)
    document = load_document(batch.gold / f"{doc_id}.json")
    assert (document.meetings, document.officials, document.resolutions) == ([], [], [])


@pytest.mark.parametrize("batch", BATCHES, ids=[b.name for b in BATCHES])
def test_development_gold_record_counts(batch: Batch) -> None:
    _needs_articles(batch)
    documents = [load_document(batch.gold / f"{doc_id}.json") for doc_id in batch.doc_ids()]
    counts = tuple(sum(len(getattr(d, kind)) for d in documents) for kind in RECORD_KINDS)
    assert counts == batch.records

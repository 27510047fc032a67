"""The development set's hand-labelled gold: one file per article, valid, grounded, consistent.

The articles are other publishers' text and stay in `../shared/devset/raw/` (read in place); the
gold in `evals/devset/` is the project's own work. CI lays `shared/` beside the clone, so these
tests run there; they skip (with the reason) only on a machine that has no copy of the
development set, and never under CI=true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas import load_document, read_article, span_problems
from schemas.names import has_cjk, pinyin_variants, to_simplified
from tests.requirements import DEVSET_ARTICLES as RAW
from tests.requirements import in_ci, missing, requires

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "devset"
DOC_IDS = sorted(path.stem for path in GOLD.glob("*.json"))
RECORD_KINDS = ("meetings", "officials", "resolutions")
NEGATIVES = [doc_id for doc_id in DOC_IDS if "_neg_" in doc_id]

needs_articles = requires("devset")


def test_every_development_article_has_gold() -> None:
    assert len(DOC_IDS) == 24
    if missing("devset") is None or in_ci():
        assert sorted(p.stem for p in RAW.glob("*.txt")) == DOC_IDS


@needs_articles
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_gold_spans_match_the_article(doc_id: str) -> None:
    document = load_document(GOLD / f"{doc_id}.json")
    assert document.doc_id == doc_id
    assert span_problems(document, read_article(RAW / f"{doc_id}.txt")) == []


def test_gold_spans_are_offsets_into_the_article_read_in_place() -> None:
    # The article's words stay in ../shared: a span's text is read from it on load.
    for doc_id in DOC_IDS:
        with open(GOLD / f"{doc_id}.json", encoding="utf-8") as handle:
            data = json.load(handle)
        spans = [s for kind in RECORD_KINDS for r in data[kind] for s in r["evidence"]]
        assert all(set(span) == {"start", "end"} for span in spans), doc_id


@needs_articles
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_gold_records_are_grounded_linked_and_in_normal_form(doc_id: str) -> None:
    document = load_document(GOLD / f"{doc_id}.json")
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


@pytest.mark.parametrize("doc_id", NEGATIVES)
def test_articles_without_a_government_meeting_have_empty_gold(doc_id: str) -> None:
    document = load_document(GOLD / f"{doc_id}.json")
    assert (document.meetings, document.officials, document.resolutions) == ([], [], [])


@needs_articles
def test_development_gold_record_counts() -> None:
    documents = [load_document(GOLD / f"{doc_id}.json") for doc_id in DOC_IDS]
    # Guards against a gold file being truncated or emptied by accident; update with GUIDELINES.
    assert sum(len(d.meetings) for d in documents) == 35
    assert sum(len(d.officials) for d in documents) == 102
    assert sum(len(d.resolutions) for d in documents) == 14

"""The hand-labelled gold is well-formed, grounded in its article, and internally consistent."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from schemas import Document, load_document, read_article, span_problems
from schemas.names import has_cjk, romanise
from tests.requirements import SHARED_SEEDS, requires

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = sorted(SEEDS.glob("*.txt"))
DOC_IDS = [path.stem for path in ARTICLES]


def gold(doc_id: str) -> Document:
    return load_document(SEEDS / "gold" / f"{doc_id}.json")


def test_five_seed_articles_each_have_gold() -> None:
    assert len(ARTICLES) == 5
    assert sorted(p.stem for p in (SEEDS / "gold").glob("*.json")) == DOC_IDS


@requires("shared-seeds")
@pytest.mark.parametrize("article", ARTICLES, ids=DOC_IDS)
def test_seed_articles_are_byte_identical_copies(article: Path) -> None:
    original = SHARED_SEEDS / article.name
    assert hashlib.sha256(article.read_bytes()).digest() == (
        hashlib.sha256(original.read_bytes()).digest()
    )


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_gold_spans_match_the_article(doc_id: str) -> None:
    document = gold(doc_id)
    assert document.doc_id == doc_id
    assert span_problems(document, read_article(SEEDS / f"{doc_id}.txt")) == []


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_gold_record_is_grounded_and_linked(doc_id: str) -> None:
    document = gold(doc_id)
    assert sum(m.primary for m in document.meetings) == 1
    for record in [*document.meetings, *document.officials, *document.resolutions]:
        assert record.evidence, f"{record.id} has no evidence"
    for official in document.officials:
        assert official.meetings, f"{official.id} takes part in no meeting"
        assert official.positions, f"{official.id} has no position"
        assert all(a.roles for a in official.meetings)
    for meeting in document.meetings:
        assert meeting.members, f"{meeting.id} has no members"


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_gold_names_follow_the_normal_forms(doc_id: str) -> None:
    document = gold(doc_id)
    for official in document.officials:
        if has_cjk(official.name):
            assert official.name_zh == official.name
        if official.name_zh:
            assert official.name_en == romanise(official.name_zh)
    if document.language == "zh":
        assert all(has_cjk(m.name) for m in document.meetings)


def test_gold_record_counts() -> None:
    counts = {
        doc_id: (len(d.meetings), len(d.officials), len(d.resolutions))
        for doc_id, d in ((i, gold(i)) for i in DOC_IDS)
    }
    # Guards against a gold file being truncated or emptied by accident; update with GUIDELINES.
    assert sum(c[0] for c in counts.values()) == 7
    assert sum(c[1] for c in counts.values()) == 18
    assert sum(c[2] for c in counts.values()) == 10


def test_gold_scored_against_itself_is_exactly_one() -> None:
    from evals import score_directories

    report = score_directories(SEEDS / "gold", SEEDS / "gold")
    assert report["headline"] == 1.0
    assert report["errors"] == []
    assert all(scores["f1"] == 1.0 for scores in report["by_type"].values())


def test_gold_with_one_official_dropped_scores_exactly_lower(tmp_path: Path) -> None:
    from evals import score_directories

    for doc_id in DOC_IDS:
        document = gold(doc_id)
        if doc_id.startswith("003"):
            document.officials.pop()
        (tmp_path / f"{doc_id}.json").write_text(
            document.model_dump_json(indent=2), encoding="utf-8"
        )
    report = score_directories(SEEDS / "gold", tmp_path)
    n = 18
    f1 = 2 * (n - 1) / (2 * n - 1)
    assert report["by_type"]["officials"]["recall"] == pytest.approx((n - 1) / n, abs=1e-12)
    assert report["by_type"]["officials"]["f1"] == pytest.approx(f1, abs=1e-12)
    assert report["headline"] == pytest.approx((2 + f1) / 3, abs=1e-12)

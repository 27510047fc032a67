"""The regression gate: the model's recorded answers for the seeds and the development set,
replayed through the whole pipeline with no model loaded, scored against the hand-labelled gold.

Every rule change is scored here against 29 real articles. A floor per set and per script fails
the suite when a change loses accuracy; a prompt change that alters what is asked fails it with
the command that re-records the book (`make replay`). The development articles are read in
place from `../shared/devset/raw/` (CI lays `shared/` beside the clone).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from evals.scoring import score_documents
from evals.scripts import article_script
from extract.running.replaying import Replayed, replay_documents
from extract.runtime.replay import PASSAGE_MIN_CHARS, ReplayBook
from schemas import Document, load_document, read_article, span_problems
from tests.requirements import DEVSET_ARTICLES as DEVSET
from tests.requirements import requires
from tests.test_replay import strings_in

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "tests" / "replay" / "book.json"
SEEDS = ROOT / "seeds"
DEVSET_GOLD = ROOT / "evals" / "devset"

# Floors a little under what the recorded answers score today (seeds 0.982, development set
# 0.874: en 0.873, zh-Hans 0.874, zh-Hant 0.886; see the README's table). Raise them when the
# pipeline improves; never lower them to let a change through.
FLOORS = {"seeds": 0.97, "devset": 0.87, "en": 0.87, "zh-Hans": 0.86, "zh-Hant": 0.87}

pytestmark = requires("devset")


@cache
def replayed(folder: Path) -> dict[str, Replayed]:
    book = ReplayBook.load(BOOK)
    return {r.doc_id: r for r in replay_documents([folder], book)}


def _documents(folder: Path) -> dict[str, Document]:
    results = replayed(folder)
    failed = {doc_id: r.error for doc_id, r in results.items() if r.document is None}
    assert not failed, failed
    return {doc_id: r.document for doc_id, r in results.items() if r.document is not None}


def _gold(folder: Path) -> dict[str, Document]:
    return {p.stem: load_document(p) for p in sorted(folder.glob("*.json"))}


def _headline(gold: dict[str, Document], pred: dict[str, Document]) -> float:
    return score_documents(gold, pred)["headline"]


def test_the_book_covers_every_seed_and_development_article() -> None:
    articles = ReplayBook.load(BOOK).articles()
    expected = {p.stem for p in SEEDS.glob("*.txt")} | {p.stem for p in DEVSET.glob("*.txt")}
    assert articles == expected


def test_seeds_stay_above_their_floor() -> None:
    assert _headline(_gold(SEEDS / "gold"), _documents(SEEDS)) >= FLOORS["seeds"]


def test_the_development_set_stays_above_its_floor() -> None:
    assert _headline(_gold(DEVSET_GOLD), _documents(DEVSET)) >= FLOORS["devset"]


@pytest.mark.parametrize("script", ["en", "zh-Hans", "zh-Hant"])
def test_every_script_stays_above_its_floor(script: str) -> None:
    gold = _gold(DEVSET_GOLD)
    pred = _documents(DEVSET)
    chosen = {d for d in gold if article_script(read_article(DEVSET / f"{d}.txt")) == script}
    assert chosen, script
    subset = {d: gold[d] for d in chosen}
    assert _headline(subset, {d: pred[d] for d in chosen}) >= FLOORS[script]


def test_articles_without_a_meeting_give_no_records() -> None:
    pred = _documents(DEVSET)
    for doc_id, gold in _gold(DEVSET_GOLD).items():
        if not gold.meetings:
            document = pred[doc_id]
            assert (document.meetings, document.officials, document.resolutions) == ([], [], [])


@pytest.mark.parametrize("folder", [SEEDS, DEVSET], ids=["seeds", "devset"])
def test_every_replayed_span_is_the_article_s_own_text(folder: Path) -> None:
    for doc_id, document in _documents(folder).items():
        assert span_problems(document, read_article(folder / f"{doc_id}.txt")) == [], doc_id


def test_the_book_keeps_the_articles_passages_as_offsets_not_words() -> None:
    # Other publishers' text stays out of the repository; replay reads it from the articles.
    texts = {p.stem: read_article(p) for folder in (SEEDS, DEVSET) for p in folder.glob("*.txt")}
    for entry in ReplayBook.load(BOOK).answers.values():
        copied = [s for s in strings_in(entry["answer"]) if len(s) >= PASSAGE_MIN_CHARS]
        assert not [s for s in copied if s in texts[entry["article"]]], entry["article"]

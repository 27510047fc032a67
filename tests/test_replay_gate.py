"""The regression gate: the model's recorded answers for the seeds and both development batches,
replayed through the whole pipeline with no model loaded, scored against the hand-labelled gold.

Every rule change is scored here against 57 real articles. Floors per set (the headline, and
precision and recall of each record type) and per script of both batches fail the suite when a
change loses accuracy; a prompt change that alters what is asked fails it with the command that
re-records the book (`make replay`). The development articles are read in place from
`../shared/devset/raw/` and `../shared/devset2/raw/` (CI lays `shared/` beside the clone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from evals.scoring import score_documents
from evals.scripts import article_script
from extract.running.replaying import Replayed, replay_documents
from extract.runtime.replay import PASSAGE_MIN_CHARS, ReplayBook
from schemas import Document, load_document, read_article, span_problems
from tests.requirements import DEVSET2_ARTICLES, DEVSET_ARTICLES, requires
from tests.test_replay import strings_in

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "tests" / "replay" / "book.json"
RECORD_TYPES = ("meetings", "officials", "resolutions")


@dataclass(frozen=True)
class GateSet:
    """A set of articles, its gold, and the floors its replayed records must stay above.

    Floors sit a little under what the recorded answers score today (see docs/results.md).
    Raise them when the pipeline improves; never lower them to let a change through.
    `types` holds (precision, recall) floors per record type; `scripts` headline floors per
    script of the set's articles.
    """

    name: str
    articles: Path
    gold: Path
    headline: float
    types: dict[str, tuple[float, float]]
    scripts: dict[str, float] = field(default_factory=dict)


SETS = (
    GateSet(
        "seeds", ROOT / "seeds", ROOT / "seeds" / "gold", 0.97,
        {"meetings": (0.99, 0.99), "officials": (0.99, 0.99), "resolutions": (0.99, 0.99)},
    ),
    # 2026-12-06, third session: names built as rule 10 builds them, dates and cities from the
    # sentence saying who held the meeting, titles, sides and roles read off the text: headline
    # 0.948; en 0.954, zh-Hans 0.943, zh-Hant 0.944 (0.930 at the session's start).
    GateSet(
        "devset", DEVSET_ARTICLES, ROOT / "evals" / "devset", 0.94,
        {"meetings": (0.98, 0.95), "officials": (0.96, 0.98), "resolutions": (0.98, 0.91)},
        {"en": 0.945, "zh-Hans": 0.935, "zh-Hant": 0.935},
    ),
    # 2026-12-06, third session: headline 0.944 (0.558 on its first look, before any rule saw
    # it; 0.898 at the session's start); en 0.933, zh-Hans 0.957, zh-Hant 0.989.
    GateSet(
        "devset2", DEVSET2_ARTICLES, ROOT / "evals" / "devset2", 0.94,
        {"meetings": (0.98, 0.95), "officials": (0.97, 0.95), "resolutions": (0.98, 0.93)},
        {"en": 0.925, "zh-Hans": 0.95, "zh-Hant": 0.98},
    ),
)  # fmt: skip
IDS = [s.name for s in SETS]
SCRIPT_CASES = [(s, script) for s in SETS for script in s.scripts]

pytestmark = requires("devset", "devset2")


@cache
def _documents(folder: Path) -> dict[str, Document]:
    book = ReplayBook.load(BOOK)
    results: dict[str, Replayed] = {r.doc_id: r for r in replay_documents([folder], book)}
    failed = {doc_id: r.error for doc_id, r in results.items() if r.document is None}
    assert not failed, failed
    return {doc_id: r.document for doc_id, r in results.items() if r.document is not None}


def _gold(folder: Path) -> dict[str, Document]:
    return {p.stem: load_document(p) for p in sorted(folder.glob("*.json"))}


def test_the_book_covers_every_seed_and_development_article() -> None:
    articles = ReplayBook.load(BOOK).articles()
    assert articles == {p.stem for s in SETS for p in s.articles.glob("*.txt")}


@pytest.mark.parametrize("gate", SETS, ids=IDS)
def test_every_set_stays_above_its_floors(gate: GateSet) -> None:
    report = score_documents(_gold(gate.gold), _documents(gate.articles))
    scores = {"headline": report["headline"]}
    floors = {"headline": gate.headline}
    for kind in RECORD_TYPES:
        for measure, floor in zip(("precision", "recall"), gate.types[kind], strict=True):
            scores[f"{kind} {measure}"] = report["by_type"][kind][measure]
            floors[f"{kind} {measure}"] = floor
    below = {k: f"{scores[k]:.3f} < {floors[k]}" for k in floors if scores[k] < floors[k]}
    assert not below, below


@pytest.mark.parametrize(
    ("gate", "script"), SCRIPT_CASES, ids=[f"{g.name}-{s}" for g, s in SCRIPT_CASES]
)
def test_every_script_stays_above_its_floor(gate: GateSet, script: str) -> None:
    gold = _gold(gate.gold)
    pred = _documents(gate.articles)
    chosen = {d for d in gold if article_script(read_article(gate.articles / f"{d}.txt")) == script}
    assert chosen, script
    report = score_documents({d: gold[d] for d in chosen}, {d: pred[d] for d in chosen})
    assert report["headline"] >= gate.scripts[script]


@pytest.mark.parametrize("gate", SETS[1:], ids=IDS[1:])
def test_articles_without_a_meeting_give_no_records(gate: GateSet) -> None:
    pred = _documents(gate.articles)
    for doc_id, gold in _gold(gate.gold).items():
        if not gold.meetings:
            document = pred[doc_id]
            records = (document.meetings, document.officials, document.resolutions)
            assert records == ([], [], []), doc_id


@pytest.mark.parametrize("gate", SETS, ids=IDS)
def test_every_replayed_span_is_the_article_s_own_text(gate: GateSet) -> None:
    for doc_id, document in _documents(gate.articles).items():
        problems = span_problems(document, read_article(gate.articles / f"{doc_id}.txt"))
        assert problems == [], doc_id


def test_the_book_keeps_the_articles_passages_as_offsets_not_words() -> None:
    # Other publishers' text stays out of the repository; replay reads it from the articles.
    texts = {p.stem: read_article(p) for s in SETS for p in s.articles.glob("*.txt")}
    for entry in ReplayBook.load(BOOK).answers.values():
        copied = [s for s in strings_in(entry["answer"]) if len(s) >= PASSAGE_MIN_CHARS]
        assert not [s for s in copied if s in texts[entry["article"]]], entry["article"]

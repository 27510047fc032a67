"""The review page in a real headless Chromium (Debian's `chromium` and `chromium-driver`).

The pages are made from the seeds' gold and a prediction folder derived from it with real
differences (tests/review_fixtures.py), and from one article of awkward text. Without the
browser these tests skip, except in CI (CI=true), where they fail (`tests/requirements.py`):
`make test` installs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evals.corpus import score_directories
from evals.review import build_review, write_review
from schemas.io import iter_spans, load_document
from schemas.models import Document
from tests import review_fixtures as fx
from tests.browser import start_chromium
from tests.requirements import require

# What the page shows of the current document: per card, its identity and, per evidence span,
# the text of the highlights that carry it (joined in document order) or null if none do.
CARDS_SCRIPT = """
const marks = [...document.querySelectorAll('#article mark')];
return [...document.querySelectorAll('.card')].map((card) => {
  const r = card.dataset.record;
  const spans = [...card.querySelectorAll('.evidence [data-span]')].map((line) => {
    const token = line.dataset.span;
    const covering = marks.filter((m) => m.dataset.spans.split(' ').includes(token));
    return covering.length ? covering.map((m) => m.textContent).join('') : null;
  });
  return {type: card.dataset.type, id: card.dataset.id, status: card.dataset.status,
          goldId: card.dataset.goldId || null, spans: spans,
          wrongFields: [...card.querySelectorAll('tr.wrong')].map((row) => row.dataset.field)};
});
"""


def open_browser() -> Any:
    """A headless Chromium; skips without one, but fails in CI, which must have it."""
    require("browser")
    return start_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = open_browser()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("review")
    pred = fx.seed_run(root / "pred")
    pages = {"gold": root / "gold.html", "run": root / "run.html"}
    write_review(build_review(pred, fx.GOLD), pages["gold"])
    write_review(build_review(pred, articles_dir=fx.SEEDS), pages["run"])
    pages["pred"] = pred
    return pages


def load(browser: Any, page: Path, fragment: str = "") -> None:
    browser.get(page.as_uri() + fragment)
    assert browser.execute_script("return document.documentElement.dataset.rendered") == "true"


def open_document(browser: Any, doc_id: str) -> list[dict[str, Any]]:
    browser.execute_script("location.hash = 'doc=' + encodeURIComponent(arguments[0])", doc_id)
    shown = browser.execute_script("return document.querySelector('#document-head h2').textContent")
    assert shown.startswith(doc_id)
    cards: list[dict[str, Any]] = browser.execute_script(CARDS_SCRIPT)
    return cards


def _record(document: Document, kind: str, record_id: str) -> Any:
    return next(record for record in getattr(document, kind) if record.id == record_id)


def check_highlights(
    cards: list[dict[str, Any]], gold: Document | None, pred: Document | None, article: str
) -> tuple[int, int]:
    """Every span the article holds is highlighted as exactly its text; others not at all.

    The expected spans are read from the record files, not from the page. Returns the number
    of (highlighted, not highlighted) spans.
    """
    highlighted = missing = 0
    for card in cards:
        source = gold if card["status"] == "missed" else pred
        assert source is not None
        record = _record(source, card["type"], card["id"])
        assert len(card["spans"]) == len(record.evidence)
        for span, shown in zip(record.evidence, card["spans"], strict=True):
            if article[span.start : span.end] == span.text:
                assert shown == span.text, (card, span)
                highlighted += 1
            else:
                assert shown is None
                missing += 1
    return highlighted, missing


def _document_or_none(path: Path) -> Document | None:
    try:
        return load_document(path)
    except Exception:
        return None


def test_every_span_of_the_seeds_is_highlighted_as_exactly_its_text(
    browser: Any, seed_pages: dict[str, Path]
) -> None:
    load(browser, seed_pages["gold"])
    totals = [0, 0]
    for path in sorted(fx.GOLD.glob("*.json")):
        doc_id = path.stem
        cards = open_document(browser, doc_id)
        pred = _document_or_none(seed_pages["pred"] / f"{doc_id}.json")
        counted = check_highlights(cards, load_document(path), pred, fx.article(doc_id))
        totals = [totals[0] + counted[0], totals[1] + counted[1]]
    assert totals[0] > 40
    assert totals[1] == 1  # the span the fixture moved off its text


def test_every_record_has_the_status_of_the_scorers_pairing(
    browser: Any, seed_pages: dict[str, Path]
) -> None:
    report = score_directories(fx.GOLD, seed_pages["pred"])
    load(browser, seed_pages["gold"])
    seen = set()
    for doc_id, scores in report["documents"].items():
        cards = open_document(browser, doc_id)
        shown = {(c["type"], c["status"], c["goldId"], c["id"]) for c in cards}
        expected: set[tuple[str, str, str | None, str]] = set()
        for kind in ("meetings", "officials", "resolutions"):
            for gold_id, pred_id in scores["matches"][kind]:
                status = next(c["status"] for c in cards if (c["type"], c["id"]) == (kind, pred_id))
                assert status in ("matched", "wrong")
                expected.add((kind, status, gold_id, pred_id))
            expected |= {(kind, "missed", g, g) for g in scores["unmatched_gold"][kind]}
            expected |= {(kind, "spurious", None, p) for p in scores["unmatched_pred"][kind]}
        assert shown == expected
        for card in cards:
            assert bool(card["wrongFields"]) == (card["status"] == "wrong")
            seen.add(card["status"])
    assert seen == {"matched", "wrong", "missed", "spurious"}
    edited = open_document(browser, fx.EDITED)
    official = next(c for c in edited if c["type"] == "officials" and "region" in c["wrongFields"])
    row = browser.find_element(
        "css selector", '.card[data-record] tr.wrong[data-field="region"]'
    ).text
    assert "CN-XZ" in row and "→" in row, official


def test_the_numbers_on_the_page_are_the_scorers(browser: Any, seed_pages: dict[str, Path]) -> None:
    report = score_directories(fx.GOLD, seed_pages["pred"])
    load(browser, seed_pages["gold"])
    heading = browser.find_element("css selector", "#summary h2").text
    assert heading.endswith(f"{report['headline']:.3f}")
    rows = browser.execute_script(
        "return [...document.querySelectorAll('#summary-table tbody tr')]"
        ".map((r) => [...r.cells].map((c) => c.textContent))"
    )
    for row in rows:
        scores = report["by_type"][row[0]]
        names = ("precision", "recall", "f1", "quality_f1")
        assert row[1:5] == [f"{scores[name]:.3f}" for name in names]  # type: ignore[literal-required]
        assert row[5:] == [str(scores["gold"]), str(scores["pred"]), str(scores["matched"])]
    index = browser.execute_script(
        "return [...document.querySelectorAll('#index tbody tr')]"
        ".map((r) => [r.dataset.doc, r.cells[3].textContent])"
    )
    assert {doc: f"{report['documents'][doc]['headline']:.3f}" for doc, _ in index} == dict(index)


def test_astral_characters_cjk_no_break_spaces_and_markup_are_shown_exactly(
    browser: Any, tmp_path: Path
) -> None:
    gold_dir, pred_dir, articles_dir = fx.tricky_corpus(tmp_path)
    page = tmp_path / "tricky.html"
    write_review(build_review(pred_dir, gold_dir, articles_dir), page)
    load(browser, page)
    cards = open_document(browser, fx.TRICKY_ID)
    gold = load_document(gold_dir / f"{fx.TRICKY_ID}.json")
    pred = load_document(pred_dir / f"{fx.TRICKY_ID}.json")
    assert check_highlights(cards, gold, pred, fx.TRICKY_ARTICLE) == (5, 0)
    statuses = {(c["type"], c["id"]): c["status"] for c in cards}
    assert statuses[("officials", "o2")] == "missed"
    assert statuses[("officials", "o9")] == "spurious"
    state = browser.execute_script(
        "return {pwned: window.__pwned === undefined ? null : window.__pwned,"
        " images: document.images.length, scripts: document.scripts.length,"
        " text: document.getElementById('article').textContent,"
        " cards: document.getElementById('cards').textContent}"
    )
    assert state["pwned"] is None
    assert state["images"] == 0
    assert state["scripts"] == 2
    assert state["text"] == fx.TRICKY_ARTICLE
    assert '<img src=x onerror="window.__pwned=3">' in state["cards"]
    gold_only = browser.execute_script(
        "return [...document.querySelectorAll('#article mark.gold-only')]"
        ".map((m) => m.textContent).join('')"
    )
    assert gold_only == fx.GOVERNOR_TEXT


def _index(browser: Any) -> list[str]:
    ids: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('#index tbody tr')].map((r) => r.dataset.doc)"
    )
    return ids


def _choose(browser: Any, select: str, value: str) -> None:
    browser.execute_script(
        "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
        "s.dispatchEvent(new Event('change'))",
        select,
        value,
    )


def test_the_index_sorts_worst_first_and_filters(browser: Any, seed_pages: dict[str, Path]) -> None:
    report = score_directories(fx.GOLD, seed_pages["pred"])
    load(browser, seed_pages["gold"])
    worst_first = sorted(report["documents"], key=lambda d: (report["documents"][d]["headline"], d))
    assert _index(browser) == worst_first
    browser.find_element("css selector", '#index th[data-key="headline"]').click()
    assert _index(browser)[0] == worst_first[-1]
    browser.find_element("css selector", '#index th[data-key="id"]').click()
    assert _index(browser) == sorted(report["documents"])
    _choose(browser, "filter-language", "zh")
    assert _index(browser) == [fx.EDITED]
    _choose(browser, "filter-language", "")
    _choose(browser, "filter-status", "failed")
    assert _index(browser) == [fx.FAILED]
    _choose(browser, "filter-status", "invalid")
    assert _index(browser) == [fx.INVALID]
    _choose(browser, "filter-status", "")
    _choose(browser, "filter-type", "resolutions")
    with_resolutions = [
        doc
        for doc, scores in report["documents"].items()
        if scores["by_type"]["resolutions"]["gold"] + scores["by_type"]["resolutions"]["pred"]
    ]
    assert _index(browser) == sorted(with_resolutions)
    assert fx.FAILED not in with_resolutions
    problems = browser.find_element("id", "problems-table").text
    assert fx.FAILURE_REASON in problems and "not valid JSON" in problems


def test_cards_highlights_and_keys_lead_to_each_other(
    browser: Any, seed_pages: dict[str, Path]
) -> None:
    load(browser, seed_pages["gold"])
    cards = open_document(browser, fx.EDITED)
    card = browser.find_elements("css selector", ".card")[2]
    card.click()
    active = browser.execute_script(
        "return [...document.querySelectorAll('#article mark.active')]"
        ".map((m) => m.textContent).join('')"
    )
    assert active and active in "".join(s or "" for s in cards[2]["spans"])
    browser.find_elements("css selector", "#article mark")[0].click()
    selected = browser.find_element("css selector", ".card.selected")
    first_mark = browser.find_elements("css selector", "#article mark")[0]
    assert selected.get_attribute("data-record") in {
        token.split(".")[0] for token in first_mark.get_attribute("data-spans").split()
    }
    body = browser.find_element("tag name", "body")
    body.send_keys("j")
    differences = [i for i, c in enumerate(cards) if c["status"] in ("wrong", "spurious", "missed")]
    selected = browser.find_element("css selector", ".card.selected").get_attribute("data-record")
    assert int(selected) in differences
    order = _index_order(browser)
    body.send_keys("n")
    after = browser.find_element("css selector", "#document-head h2").text
    assert after.startswith(order[order.index(fx.EDITED) + 1])
    body.send_keys("p")
    assert browser.find_element("css selector", "#document-head h2").text.startswith(fx.EDITED)
    body.send_keys("\ue00c")  # Escape
    assert browser.find_element("id", "index-view").is_displayed()


def _index_order(browser: Any) -> list[str]:
    order: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('#index tbody tr')].map((r) => r.dataset.doc)"
    )
    return order


def test_without_gold_the_page_shows_the_run(browser: Any, seed_pages: dict[str, Path]) -> None:
    load(browser, seed_pages["run"])
    listed = browser.execute_script(
        "return [...document.querySelectorAll('#index tbody tr')]"
        ".map((r) => [r.dataset.doc, [...r.cells].map((c) => c.textContent)])"
    )
    rows = dict(listed)
    assert rows[fx.FAILED][2] == "failed"
    assert rows[fx.INVALID][2] == "invalid"
    entry = fx._run_entry(fx.EDITED, "ok", 1)
    tokens = int(entry["prompt_tokens"]) + int(entry["completion_tokens"])  # type: ignore[call-overload]
    assert rows[fx.EDITED][-4:] == [
        str(entry["seconds"]).removesuffix(".0"),
        str(tokens),
        str(entry["calls"]),
        str(entry["cache_hits"]),
    ]
    assert [doc for doc, _ in listed][:2] == [
        fx.FAILED,
        fx.INVALID,
    ]  # worst first: failed, then invalid
    cards = open_document(browser, fx.EDITED)
    pred = load_document(seed_pages["pred"] / f"{fx.EDITED}.json")
    assert {c["status"] for c in cards} == {"predicted"}
    highlighted, _ = check_highlights(cards, None, pred, fx.article(fx.EDITED))
    assert highlighted == len(iter_spans(pred))
    run = browser.find_element("id", "document-run").text
    assert str(entry["calls"]) in run and "ok" in run


def test_a_screenshot_of_the_seeds_against_gold(
    browser: Any, seed_pages: dict[str, Path], tmp_path: Path
) -> None:
    load(browser, seed_pages["gold"], f"#doc={fx.SHORTENED}")
    browser.find_element("tag name", "body").send_keys("j")
    shot = tmp_path / "review.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_thousand_documents_open_and_render_one_at_a_time(browser: Any, tmp_path: Path) -> None:
    gold_dir, pred_dir, articles_dir = fx.synthetic_run(tmp_path, 1000)
    page = tmp_path / "thousand.html"
    size = write_review(build_review(pred_dir, gold_dir, articles_dir), page)
    load(browser, page)
    timings = browser.execute_script("return window.reviewTimings")
    print(f"1,000 documents: {size:,} bytes, first render at {timings['firstRender']:.0f} ms")
    assert len(_index(browser)) == 1000
    assert browser.execute_script("return document.querySelectorAll('#article mark').length") == 0
    last = sorted(p.stem for p in gold_dir.glob("*.json"))[-1]
    cards = open_document(browser, last)
    gold = load_document(gold_dir / f"{last}.json")
    pred = load_document(pred_dir / f"{last}.json")
    article = (articles_dir / f"{last}.txt").read_text(encoding="utf-8")
    assert check_highlights(cards, gold, pred, article)[0] > 0

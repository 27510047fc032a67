"""The review page's data and file, without a browser (see test_review_browser.py for the page)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from evals.cli import main
from evals.corpus import score_directories
from evals.review import build_review, embedded_json, render_review
from tests import review_fixtures as fx


@pytest.fixture
def pred_dir(tmp_path: Path) -> Path:
    return fx.seed_run(tmp_path / "pred")


class _Elements(HTMLParser):
    """The tags of a page and the attributes that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.loads += [f"{tag} {name}={value}" for name, value in attrs if name in ("src", "href")]


def test_the_command_writes_one_self_contained_page(pred_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "review.html"
    assert main(["review", "--pred", str(pred_dir), "--gold", str(fx.GOLD), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    elements = _Elements()
    elements.feed(html)
    assert elements.tags.count("script") == 2
    assert "link" not in elements.tags and "img" not in elements.tags
    assert elements.loads == ["a href=#"]
    assert "default-src 'none'" in html  # the page may load nothing, even if text slipped in
    data = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    assert data is not None
    page = json.loads(data.group(1))
    assert [doc["id"] for doc in page["documents"]] == sorted(
        p.stem for p in fx.GOLD.glob("*.json")
    )


def test_records_carry_the_scorers_pairing_and_numbers(pred_dir: Path) -> None:
    report = score_directories(fx.GOLD, pred_dir)
    page = build_review(pred_dir, fx.GOLD)
    assert page["summary"] is not None
    assert page["summary"]["headline"] == report["headline"]
    assert page["summary"]["by_type"] == report["by_type"]
    for document in page["documents"]:
        scores = report["documents"][document["id"]]
        assert document["scores"] == scores
        for kind in ("meetings", "officials", "resolutions"):
            cards = [card for card in document["records"] if card["type"] == kind]
            paired = sorted(
                [card["gold_id"], card["id"]]
                for card in cards
                if card["status"] in ("matched", "wrong")
            )
            assert paired == sorted(scores["matches"][kind])
            missed = [card["id"] for card in cards if card["status"] == "missed"]
            assert sorted(missed) == sorted(scores["unmatched_gold"][kind])
            spurious = [card["id"] for card in cards if card["status"] == "spurious"]
            assert sorted(spurious) == sorted(scores["unmatched_pred"][kind])


def test_wrong_fields_show_gold_and_prediction(pred_dir: Path) -> None:
    page = build_review(pred_dir, fx.GOLD)
    edited = next(doc for doc in page["documents"] if doc["id"] == fx.EDITED)
    official = next(card for card in edited["records"] if card["status"] == "wrong")
    region = next(f for f in official["fields"] if f["name"] == "region")
    gold_region = fx.gold(fx.EDITED).officials[0].region
    assert gold_region is not None
    assert (region["gold"], region["value"], region["score"]) == (gold_region.value, "CN-XZ", 0.0)
    assert all(f["gold"] is None for f in official["fields"] if f["name"] != "region")


def test_documents_that_failed_are_listed_with_their_reason(pred_dir: Path) -> None:
    page = build_review(pred_dir, fx.GOLD)
    by_id = {doc["id"]: doc for doc in page["documents"]}
    assert by_id[fx.FAILED]["status"] == "failed"
    assert fx.FAILURE_REASON in str(by_id[fx.FAILED]["reason"])
    assert by_id[fx.INVALID]["status"] == "invalid"
    assert "not valid JSON" in str(by_id[fx.INVALID]["reason"])
    assert {card["status"] for card in by_id[fx.FAILED]["records"]} == {"missed"}
    kinds = {(p["doc_id"], p["kind"]) for p in page["problems"]}
    assert (fx.UNKNOWN, "ignored_prediction") in kinds
    assert (fx.FAILED, "failed_extraction") in kinds
    assert ("run", "ignored_prediction") not in kinds  # run.json is the run's record, not a file
    assert not [p for p in page["problems"] if p["doc_id"] in ("run", "report")]


def test_a_span_off_its_text_is_kept_but_marked_invalid(pred_dir: Path) -> None:
    page = build_review(pred_dir, fx.GOLD)
    shifted = next(doc for doc in page["documents"] if doc["id"] == fx.SHIFTED)
    spans = [span for card in shifted["records"] for span in card["spans"]]
    assert [span["valid"] for span in spans].count(False) == 1


def test_without_gold_every_file_and_run_entry_is_shown(pred_dir: Path) -> None:
    page = build_review(pred_dir)
    assert page["summary"] is None and not page["has_gold"]
    by_id = {doc["id"]: doc for doc in page["documents"]}
    assert set(by_id) == {fx.INVALID, fx.EDITED, fx.FAILED, fx.SHORTENED, fx.SHIFTED, fx.UNKNOWN}
    assert by_id[fx.FAILED]["status"] == "failed"
    assert by_id[fx.INVALID]["status"] == "invalid"
    edited = by_id[fx.EDITED]
    assert edited["run"] is not None and edited["run"]["calls"] == 3
    # The articles come from the sources run.json names.
    assert edited["article"] == fx.article(fx.EDITED)
    assert {card["status"] for card in edited["records"]} == {"predicted"}
    assert by_id[fx.UNKNOWN]["article"] is None
    assert "no article" in str(by_id[fx.UNKNOWN]["article_problem"])


def _make_run_outputs(pred_dir: Path) -> None:
    """What `make run` writes beside the records: the score report and the review page."""
    (pred_dir / "report.json").write_text('{"headline": 0.5}', encoding="utf-8")
    (pred_dir / "report.md").write_text("# Report\n", encoding="utf-8")
    (pred_dir / "review.html").write_text("<!doctype html>", encoding="utf-8")


@pytest.mark.parametrize("against_gold", [True, False], ids=["gold", "no-gold"])
def test_the_runs_own_files_are_neither_documents_nor_problems(
    pred_dir: Path, against_gold: bool
) -> None:
    _make_run_outputs(pred_dir)
    (pred_dir / "notes.json").write_text('{"not": "a record"}', encoding="utf-8")
    page = build_review(pred_dir, fx.GOLD if against_gold else None)
    listed = {doc["id"] for doc in page["documents"]} | {p["doc_id"] for p in page["problems"]}
    assert not listed & {"run", "report", "review"}
    # Any other file is still accounted for: a stray JSON file is listed, not silently dropped.
    assert "notes" in {p["doc_id"] for p in page["problems"]}
    assert next(doc for doc in page["documents"] if doc["id"] == fx.INVALID)["status"] == "invalid"


def test_embedded_data_cannot_close_its_script_element() -> None:
    data = {"text": "</script><!-- <script> & \u2028 𠀀"}
    embedded = embedded_json(data)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == data


def test_article_markup_stays_data(tmp_path: Path) -> None:
    gold_dir, pred_dir, articles_dir = fx.tricky_corpus(tmp_path)
    html = render_review(build_review(pred_dir, gold_dir, articles_dir))
    assert "</script><script>window.__pwned" not in html
    assert "<img src=x" not in html


def test_bad_folders_are_usage_errors(
    pred_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review.html"
    missing = tmp_path / "nowhere"
    assert main(["review", "--pred", str(missing), "--gold", str(fx.GOLD), "--out", str(out)]) == 2
    assert f"prediction directory {missing} does not exist" in capsys.readouterr().err
    assert main(["review", "--pred", str(missing), "--out", str(out)]) == 2
    assert str(missing) in capsys.readouterr().err
    assert main(["review", "--pred", str(pred_dir), "--gold", str(missing), "--out", str(out)]) == 2
    assert f"gold directory {missing} does not exist" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["review", "--pred", str(pred_dir), "--out", str(blocker / "review.html")]) == 2
    assert "cannot write the page" in capsys.readouterr().err
    assert not out.exists()

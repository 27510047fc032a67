"""The scorer's evidence-span report: validity, overlap with the gold spans, files and CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals import ScoringInputError, score_directories, score_documents
from evals.cli import main
from evals.evidence import Articles, iou, merge, span_is_valid
from schemas import Document, Meeting, MeetingKind, Official, Span, dump_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# 60 code points, Chinese and ASCII mixed, no character repeated in a way a shifted span could hit.
ARTICLE = "贵州省会议开幕式ABCDEFGHIJ泛珠三角区域合作KLMNOPQRST行政首长联席会议UVWXYZ0123456789"
assert len(ARTICLE) == 60


def span(start: int, end: int, text: str | None = None) -> Span:
    """A span over ARTICLE; `text` overrides the text it covers."""
    return Span(start=start, end=end, text=ARTICLE[start:end] if text is None else text)


def meeting(*evidence: Span) -> Meeting:
    name = "泛珠三角区域合作行政首长联席会议"
    return Meeting(id="m1", name=name, kind=MeetingKind.JOINT_MEETING, evidence=list(evidence))


def official(record_id: str, name: str, *evidence: Span) -> Official:
    return Official(id=record_id, name=name, evidence=list(evidence))


def document(doc_id: str, meetings: list[Meeting], officials: list[Official]) -> Document:
    return Document(doc_id=doc_id, language="zh", meetings=meetings, officials=officials)


def gold_document(doc_id: str = "d1") -> Document:
    """A meeting (10..20), 张三 (0..10 and 20..30), 李四 (no evidence), 王五 (40..50)."""
    return document(
        doc_id,
        [meeting(span(10, 20))],
        [
            official("o1", "张三", span(0, 10), span(20, 30)),
            official("o2", "李四"),
            official("o3", "王五", span(40, 50)),
        ],
    )


def pred_document(doc_id: str = "d1") -> Document:
    """Same records: partial overlaps, a wrong-text span, and an extra record with no evidence."""
    return document(
        doc_id,
        [meeting(span(15, 25))],  # IoU 5/15 with 10..20
        [
            official("p1", "张三", span(5, 25)),  # 5 + 5 of 0..30 -> IoU 10/30
            official("p2", "李四", span(0, 5)),  # gold has no evidence: not an overlap pair
            official("p3", "王五", span(40, 45, "wrong")),  # invalid -> IoU 0, ungrounded
            official("p4", "赵六"),  # unmatched, no evidence: ungrounded
        ],
    )


def articles(**texts: str) -> Articles:
    return Articles(directory="mem", texts=texts)


# ----------------------------------------------------------------------------- spans and IoU


def test_span_validity_at_the_boundaries() -> None:
    assert span_is_valid(span(0, 5), ARTICLE)
    assert span_is_valid(span(55, 60), ARTICLE)  # ends exactly at the article's end
    assert not span_is_valid(span(1, 6, ARTICLE[0:5]), ARTICLE)  # off by one
    assert not span_is_valid(span(58, 63, ARTICLE[58:] + "xyz"), ARTICLE)  # past the end
    assert not span_is_valid(span(10, 15, "xxxxx"), ARTICLE)  # wrong text
    unchecked = Span.model_construct(start=-2, end=3, text="贵州省会议")
    assert not span_is_valid(unchecked, ARTICLE)  # negative start, even if the slice matched


def test_interval_union_and_iou() -> None:
    assert merge([(20, 30), (0, 10), (5, 12), (12, 15), (40, 40)]) == [(0, 15), (20, 30)]
    assert iou([(15, 25)], [(10, 20)]) == 5 / 15
    assert iou([(5, 25)], [(0, 10), (20, 30)]) == 10 / 30
    assert iou([(0, 10), (5, 15)], [(0, 15)]) == 1.0  # overlapping spans are not counted twice
    assert iou([(0, 5)], [(5, 10)]) == 0.0
    assert iou([], [(5, 10)]) == 0.0


def test_valid_and_invalid_span_counts() -> None:
    gold = document("d", [meeting(span(0, 5))], [official("o1", "张三", span(7, 10))])
    pred = document(
        "d",
        [
            meeting(
                span(0, 5),  # valid
                span(1, 6, ARTICLE[0:5]),  # off by one
                span(57, 62, ARTICLE[57:] + "xy"),  # past the end
                span(10, 15, "xxxxx"),  # wrong text
                span(55, 60),  # valid, up to the end
            )
        ],
        [official("o1", "张三", span(8, 11, "KLM"))],  # wrong text only -> ungrounded
    )
    evidence = score_documents({"d": gold}, {"d": pred}, articles=articles(d=ARTICLE))["evidence"]
    assert evidence["predicted_records"] == 2
    assert evidence["predicted_spans"] == 6
    assert evidence["valid_spans"] == 2
    assert evidence["valid_share"] == 2 / 6
    assert evidence["ungrounded_records"] == 1
    assert evidence["overlap_pairs"] == 2
    assert evidence["overlap_iou"] == (5 / 10 + 0.0) / 2  # 0..5 of {0..5, 55..60}; nothing


def test_overlap_of_partially_matching_records_is_exact() -> None:
    report = score_documents(
        {"d1": gold_document()}, {"d1": pred_document()}, articles=articles(d1=ARTICLE)
    )
    expected = {
        "predicted_records": 5,
        "ungrounded_records": 2,
        "predicted_spans": 4,
        "valid_spans": 3,
        "valid_share": 0.75,
        "overlap_iou": (5 / 15 + 10 / 30 + 0.0) / 3,
        "overlap_pairs": 3,
    }
    assert report["documents"]["d1"]["evidence"] == expected
    assert report["evidence"] == {**expected, "documents": 1, "articles_dir": "mem"}


def test_totals_are_summed_over_documents_not_averaged() -> None:
    perfect = gold_document("d2")
    report = score_documents(
        {"d1": gold_document(), "d2": perfect},
        {"d1": pred_document(), "d2": gold_document("d2")},
        articles=articles(d1=ARTICLE, d2=ARTICLE),
    )
    evidence = report["evidence"]
    assert evidence["predicted_spans"] == 4 + 4
    assert evidence["valid_spans"] == 3 + 4
    assert evidence["valid_share"] == 7 / 8
    assert evidence["overlap_pairs"] == 3 + 3
    assert evidence["overlap_iou"] == pytest.approx((2 / 3 + 3) / 6, abs=1e-12)
    assert evidence["ungrounded_records"] == 2 + 1  # 李四 has no evidence in the gold either
    assert report["documents"]["d2"]["evidence"] == {
        "predicted_records": 4,
        "ungrounded_records": 1,
        "predicted_spans": 4,
        "valid_spans": 4,
        "valid_share": 1.0,
        "overlap_iou": 1.0,
        "overlap_pairs": 3,
    }


def test_empty_prediction_has_no_share_and_no_overlap_pairs_are_averaged_as_none() -> None:
    report = score_documents({"d1": gold_document()}, {}, articles=articles(d1=ARTICLE))
    evidence = report["documents"]["d1"]["evidence"]
    assert evidence is not None
    assert evidence["predicted_spans"] == 0
    assert evidence["valid_share"] is None
    assert evidence["overlap_pairs"] == 0
    assert evidence["overlap_iou"] is None


def test_evidence_changes_no_existing_number() -> None:
    gold, pred = {"d1": gold_document()}, {"d1": pred_document()}
    without = score_documents(gold, pred)
    with_evidence = score_documents(gold, pred, articles=articles(d1=ARTICLE))
    assert "evidence" not in without
    assert "evidence" not in without["documents"]["d1"]
    evidence = with_evidence.pop("evidence")
    assert evidence["documents"] == 1
    assert with_evidence["documents"]["d1"].pop("evidence") is not None
    assert with_evidence == without


# ----------------------------------------------------------------------------- directories


def write_doc(directory: Path, doc: Document) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{doc.doc_id}.json").write_text(dump_document(doc), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """corpus/gold and corpus/pred for d1, d2, d3; articles corpus/d1.txt and corpus/d2.txt."""
    root = tmp_path / "corpus"
    for doc_id in ("d1", "d2", "d3"):
        write_doc(root / "gold", gold_document(doc_id))
        write_doc(root / "pred", pred_document(doc_id))
    for doc_id in ("d1", "d2"):
        (root / f"{doc_id}.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def test_missing_article_is_reported_and_the_rest_still_scored(corpus: Path) -> None:
    report = score_directories(corpus / "gold", corpus / "pred")
    assert [(e["doc_id"], e["kind"]) for e in report["errors"]] == [("d3", "missing_article")]
    error = report["errors"][0]
    assert error["file"] == str(corpus / "d3.txt")
    assert "no article file" in error["reason"] and "not checked" in error["reason"]
    assert report["documents"]["d3"]["evidence"] is None
    assert report["documents"]["d1"]["evidence"] == report["documents"]["d2"]["evidence"]
    evidence = report["evidence"]
    assert evidence["documents"] == 2
    assert evidence["articles_dir"] == str(corpus)
    assert evidence["predicted_spans"] == 8 and evidence["valid_spans"] == 6
    assert evidence["overlap_pairs"] == 6
    unchecked = score_directories(corpus / "gold", corpus / "pred", check_evidence=False)
    assert "evidence" not in unchecked and unchecked["errors"] == []
    assert report["headline"] == unchecked["headline"]
    assert report["by_type"] == unchecked["by_type"]
    assert report["documents"]["d3"]["headline"] == unchecked["documents"]["d3"]["headline"]


def test_unreadable_article_is_reported(corpus: Path) -> None:
    (corpus / "d3.txt").write_bytes(b"caf\xe9 \xff\xff")
    report = score_directories(corpus / "gold", corpus / "pred")
    (error,) = report["errors"]
    assert error["kind"] == "missing_article" and error["doc_id"] == "d3"
    assert "UTF-8" in error["reason"]
    assert report["documents"]["d3"]["evidence"] is None


def test_explicit_articles_directory(corpus: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "articles"
    elsewhere.mkdir()
    for doc_id in ("d1", "d2", "d3"):
        # Offsets count the text after a leading byte-order mark.
        (elsewhere / f"{doc_id}.txt").write_bytes(("\ufeff" + ARTICLE).encode("utf-8"))
    report = score_directories(corpus / "gold", corpus / "pred", elsewhere)
    assert report["errors"] == []
    assert report["evidence"]["documents"] == 3
    assert report["evidence"]["valid_spans"] == 9
    with pytest.raises(ScoringInputError, match="articles directory"):
        score_directories(corpus / "gold", corpus / "pred", tmp_path / "nowhere")


def test_crlf_is_counted_as_stored(tmp_path: Path) -> None:
    article = "第一行\r\n第二行联席会议\r\n"
    start = article.index("联席")
    gold = document("c", [meeting(Span(start=start, end=start + 4, text="联席会议"))], [])
    write_doc(tmp_path / "gold", gold)
    write_doc(tmp_path / "pred", gold)
    (tmp_path / "c.txt").write_bytes(("\ufeff" + article).encode("utf-8"))
    evidence = score_directories(tmp_path / "gold", tmp_path / "pred")["evidence"]
    assert evidence["valid_share"] == 1.0 and evidence["overlap_iou"] == 1.0


def test_no_articles_beside_the_gold_means_no_span_checks(tmp_path: Path) -> None:
    write_doc(tmp_path / "gold", gold_document())
    write_doc(tmp_path / "pred", pred_document())
    (tmp_path / "other.txt").write_text(ARTICLE, encoding="utf-8")
    report = score_directories(tmp_path / "gold", tmp_path / "pred")
    assert "evidence" not in report
    assert "evidence" not in report["documents"]["d1"]
    assert report["errors"] == []


def test_seed_gold_against_itself_with_default_articles() -> None:
    report = score_directories(SEEDS / "gold", SEEDS / "gold")
    assert report["errors"] == []
    evidence = report["evidence"]
    assert evidence["documents"] == 5
    assert evidence["valid_share"] == 1.0
    assert evidence["overlap_iou"] == 1.0
    assert evidence["valid_spans"] == evidence["predicted_spans"] > 0
    assert evidence["overlap_pairs"] == 7 + 18 + 10
    assert evidence["ungrounded_records"] == 0
    for doc in report["documents"].values():
        scores = doc["evidence"]
        assert scores is not None
        assert scores["valid_share"] == 1.0 and scores["overlap_iou"] == 1.0


# ----------------------------------------------------------------------------- command line


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["score", *(str(a) for a in argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_cli_shows_the_evidence_section(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json, out_md = tmp_path / "report.json", tmp_path / "report.md"
    gold, pred = corpus / "gold", corpus / "pred"
    code, out, _ = run(
        capsys, "--gold", gold, "--pred", pred, "--json", out_json, "--markdown", out_md
    )
    assert code == 0
    assert "Evidence spans" in out
    assert "[missing article]" in out and "d3.txt" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("all documents"))
    assert row.split()[2:] == ["8", "6", "0.750", f"{2 / 9:.3f}", "6", "4"]
    d3 = [line for line in out.splitlines() if line.strip().startswith("d3")]
    assert d3[-1].split()[1:] == ["n/a"] * 6
    data = read_json(out_json)
    assert data["evidence"]["valid_share"] == 0.75
    assert data["documents"]["d3"]["evidence"] is None
    markdown = out_md.read_text(encoding="utf-8")
    assert "## Evidence spans" in markdown
    assert "| all documents | 8 | 6 | 0.750 | 0.222 | 6 | 4 |" in markdown


def test_cli_no_articles_turns_the_section_off(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "report.json"
    code, out, _ = run(
        capsys,
        "--gold",
        corpus / "gold",
        "--pred",
        corpus / "pred",
        "--no-articles",
        "--json",
        out_json,
    )
    assert code == 0
    assert "Evidence spans" not in out and "Errors: none" in out
    assert "evidence" not in read_json(out_json)
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "score",
                "--gold",
                str(corpus),
                "--pred",
                str(corpus),
                "--no-articles",
                "--articles",
                str(corpus),
            ]
        )
    assert exc.value.code == 2
    code, _, err = run(
        capsys, "--gold", corpus / "gold", "--pred", corpus / "pred", "--articles", tmp_path / "x"
    )
    assert code == 2 and "articles directory" in err


def test_cli_baseline_deltas_and_new_numbers(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, pred = corpus / "gold", corpus / "pred"
    old, old_without = tmp_path / "old.json", tmp_path / "old_without.json"
    no_articles = ("--no-articles", "--json", old_without)
    assert run(capsys, "--gold", gold, "--pred", pred, *no_articles)[0] == 0
    assert run(capsys, "--gold", gold, "--pred", pred, "--json", old)[0] == 0
    write_doc(pred, gold_document("d1"))  # d1 becomes perfect: 4 of 4 spans valid, IoU 1

    _, out, _ = run(capsys, "--gold", gold, "--pred", pred, "--baseline", old_without)
    row = next(line for line in out.splitlines() if line.strip().startswith("all documents"))
    assert row.count("(new)") == 6
    assert "8 (new)" in row and "0.875 (new)" in row

    md = tmp_path / "report.md"
    _, out, _ = run(capsys, "--gold", gold, "--pred", pred, "--baseline", old, "--markdown", md)
    row = next(line for line in out.splitlines() if line.strip().startswith("all documents"))
    share = 7 / 8 - 6 / 8
    iou_delta = (2 / 9 + 1) / 2 - 2 / 9
    assert "8 (+0)" in row and "7 (+1)" in row and f"0.875 (+{share:.3f})" in row
    assert f"(+{iou_delta:.3f})" in row and "3 (-1)" in row
    d1 = [line for line in out.splitlines() if line.strip().startswith("d1")][-1]
    assert "1.000 (+0.250)" in d1
    assert f"0.875 (+{share:.3f})" in md.read_text(encoding="utf-8")

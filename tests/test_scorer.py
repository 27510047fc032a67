"""The scorer on small hand-written documents: alignment, field scores, metrics, files and CLI."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from evals import Report, score_directories, score_documents
from evals.alignment import (
    align,
    date_score,
    meeting_similarity,
    official_similarity,
    resolution_similarity,
)
from evals.cli import main
from evals.fields import FIELDS, meeting_fields, official_fields, resolution_fields
from evals.similarity import text_similarity, text_tokens
from schemas import (
    Attendance,
    Document,
    Meeting,
    MeetingKind,
    Official,
    Position,
    Rank,
    RegionCode,
    Resolution,
    ResolutionKind,
    Role,
    dump_document,
)
from schemas.places import place_key

R = RegionCode
PAN_PEARL = [R.FJ, R.JX, R.HN, R.GD, R.GX, R.HI, R.SC, R.GZ, R.YN, R.HK, R.MO]
TIGHT = 1e-12


def make_gold(doc_id: str = "d1") -> Document:
    """Three meetings, four officials, three resolutions, as a Chinese article would give them."""
    return Document(
        doc_id=doc_id,
        language="zh",
        published=dt.date(2024, 7, 11),
        meetings=[
            Meeting(
                id="m1",
                name="2024年泛珠三角区域合作行政首长联席会议",
                kind=MeetingKind.JOINT_MEETING,
                primary=True,
                start_date=dt.date(2024, 7, 10),
                end_date=dt.date(2024, 7, 10),
                city="Guiyang",
                province=R.GZ,
                host=R.GZ,
                theme="深化泛珠合作 共促高质量发展",
                members=PAN_PEARL,
            ),
            Meeting(
                id="m2",
                name="粤黔两省工作座谈会",
                kind=MeetingKind.TALKS,
                start_date=dt.date(2024, 7, 9),
                end_date=dt.date(2024, 7, 9),
                city="Guiyang",
                province=R.GZ,
                members=[R.GD, R.GZ],
            ),
            Meeting(
                id="m3",
                name="广东省党政代表团赴贵州考察",
                kind=MeetingKind.VISIT,
                start_date=dt.date(2024, 7, 8),
                end_date=dt.date(2024, 7, 11),
                province=R.GZ,
                members=[R.GD],
            ),
        ],
        officials=[
            _official("o1", "毛伟明", "Mao Weiming", R.HN, [("m1", [Role.SPOKE])]),
            _official(
                "o2",
                "王伟中",
                "Wang Weizhong",
                R.GD,
                [("m1", [Role.SPOKE]), ("m2", [Role.SPOKE]), ("m3", [Role.LED_DELEGATION])],
            ),
            _official(
                "o3", "李炳军", "Li Bingjun", R.GZ, [("m1", [Role.PRESIDED]), ("m2", [Role.SPOKE])]
            ),
            _official("o4", "李家超", "John Lee Ka-chiu", R.HK, [("m1", [])]),
        ],
        resolutions=[
            Resolution(
                id="r1", meeting="m1", kind=ResolutionKind.SIGNED, title="泛珠三角区域合作贵阳宣言"
            ),
            Resolution(
                id="r2",
                meeting="m1",
                kind=ResolutionKind.NEXT_MEETING,
                title="下一届联席会议由广西壮族自治区承办",
                next_host=R.GX,
                next_year=2025,
            ),
            Resolution(
                id="r3",
                meeting="m2",
                kind=ResolutionKind.ADOPTED,
                in_principle=True,
                title="粤黔东西部协作2024年工作要点",
            ),
        ],
    )


def _official(
    oid: str, zh: str, en: str, region: RegionCode, meetings: list[tuple[str, list[Role]]]
) -> Official:
    return Official(
        id=oid,
        name=zh,
        name_zh=zh,
        name_en=en,
        region=region,
        positions=[Position(title="省长", rank=Rank.GOVERNMENT_HEAD, region=region)],
        meetings=[Attendance(meeting=m, roles=roles) for m, roles in meetings],
    )


def copy(doc: Document) -> Document:
    return doc.model_copy(deep=True)


def renamed_and_shuffled(doc: Document) -> Document:
    """The same records under different ids and in a different order."""
    data = json.loads(dump_document(doc))
    mid = {m["id"]: f"meeting_{m['id']}" for m in data["meetings"]}
    for meeting in data["meetings"]:
        meeting["id"] = mid[meeting["id"]]
    for official in data["officials"]:
        official["id"] = "p" + official["id"]
        for attendance in official["meetings"]:
            attendance["meeting"] = mid[attendance["meeting"]]
    for resolution in data["resolutions"]:
        resolution["id"] = "x" + resolution["id"]
        resolution["meeting"] = mid[resolution["meeting"]]
    for key in ("meetings", "officials", "resolutions"):
        data[key].reverse()
    return Document.model_validate(data)


def score(gold: Document, pred: Document) -> Report:
    return score_documents({gold.doc_id: gold}, {gold.doc_id: pred})


def assert_all_perfect(report: Report) -> None:
    assert report["headline"] == 1.0
    for kind, scores in report["by_type"].items():
        assert (scores["precision"], scores["recall"], scores["f1"], scores["quality_f1"]) == (
            1.0,
            1.0,
            1.0,
            1.0,
        ), kind
    for kind, fields in report["by_field"].items():
        assert all(value == 1.0 for value in fields.values()), (kind, fields)


# ----------------------------------------------------------------------------- metrics


def test_identical_documents_score_exactly_one() -> None:
    gold = make_gold()
    report = score(gold, copy(gold))
    assert_all_perfect(report)
    assert report["errors"] == []
    document = report["documents"]["d1"]
    assert document["headline"] == 1.0
    assert document["matches"]["officials"] == [
        ["o1", "o1"],
        ["o2", "o2"],
        ["o3", "o3"],
        ["o4", "o4"],
    ]
    assert document["unmatched_gold"] == {"meetings": [], "officials": [], "resolutions": []}


def test_ids_and_order_do_not_matter() -> None:
    gold = make_gold()
    report = score(gold, renamed_and_shuffled(gold))
    assert_all_perfect(report)
    matches = report["documents"]["d1"]["matches"]
    assert ["m2", "meeting_m2"] in matches["meetings"]
    assert ["o3", "po3"] in matches["officials"]
    assert ["r1", "xr1"] in matches["resolutions"]


def test_dropping_one_official_lowers_recall_f1_and_headline_exactly() -> None:
    gold = make_gold()
    pred = copy(gold)
    del pred.officials[1]
    n = len(gold.officials)
    report = score(gold, pred)
    officials = report["by_type"]["officials"]
    f1 = 2 * (n - 1) / (2 * n - 1)
    assert officials["precision"] == 1.0
    assert officials["recall"] == pytest.approx((n - 1) / n, abs=TIGHT)
    assert officials["f1"] == pytest.approx(f1, abs=TIGHT)
    assert officials["quality_f1"] == pytest.approx(f1, abs=TIGHT)
    assert (officials["gold"], officials["pred"], officials["matched"]) == (n, n - 1, n - 1)
    assert report["headline"] == pytest.approx((1 + 1 + f1) / 3, abs=TIGHT)
    assert report["documents"]["d1"]["unmatched_gold"]["officials"] == ["o2"]


def test_shifting_one_start_date_lowers_its_accuracy_by_one_over_m() -> None:
    gold = make_gold()
    pred = copy(gold)
    pred.meetings[1].start_date = dt.date(2024, 7, 8)  # one day early; end_date stays valid
    m = len(gold.meetings)
    n_fields = len(FIELDS["meetings"])
    report = score(gold, pred)
    by_field = report["by_field"]["meetings"]
    assert by_field["start_date"] == pytest.approx(1 - 1 / m, abs=TIGHT)
    assert all(v == 1.0 for name, v in by_field.items() if name != "start_date")
    meetings_qf1 = (m - 1 / n_fields) / m
    assert report["by_type"]["meetings"]["f1"] == 1.0
    assert report["by_type"]["meetings"]["quality_f1"] == pytest.approx(meetings_qf1, abs=TIGHT)
    assert report["headline"] == pytest.approx((meetings_qf1 + 2) / 3, abs=TIGHT)
    assert 1.0 - report["headline"] == pytest.approx(1 / (n_fields * m * 3), abs=TIGHT)


def test_swapping_an_officials_region_code() -> None:
    gold = make_gold()
    pred = copy(gold)
    pred.officials[0].region = R.HB  # Hubei instead of Hunan
    n = len(gold.officials)
    report = score(gold, pred)
    assert report["by_type"]["officials"]["f1"] == 1.0
    assert report["by_field"]["officials"]["region"] == pytest.approx((n - 1) / n, abs=TIGHT)
    quality_f1 = (n - 1 / len(FIELDS["officials"])) / n
    assert report["by_type"]["officials"]["quality_f1"] == pytest.approx(quality_f1, abs=TIGHT)
    assert report["headline"] == pytest.approx((2 + quality_f1) / 3, abs=TIGHT)


def test_resolution_pointing_at_the_wrong_meeting() -> None:
    gold = make_gold()
    pred = copy(gold)
    pred.resolutions[2].meeting = "m1"
    report = score(gold, pred)
    assert report["by_type"]["resolutions"]["f1"] == 1.0
    assert report["by_field"]["resolutions"]["meeting"] == pytest.approx(2 / 3, abs=TIGHT)


def test_attendance_of_an_unmatched_meeting_never_counts() -> None:
    gold = make_gold()
    pred = copy(gold)
    pred.meetings.append(
        Meeting(id="m9", name="Unrelated forum", kind=MeetingKind.OTHER, province=R.XJ)
    )
    pred.officials[0].meetings = [Attendance(meeting="m9", roles=[Role.SPOKE])]
    report = score(gold, pred)
    assert report["by_type"]["meetings"]["precision"] == pytest.approx(3 / 4, abs=TIGHT)
    assert report["documents"]["d1"]["unmatched_pred"]["meetings"] == ["m9"]
    n = len(gold.officials)
    assert report["by_field"]["officials"]["meetings"] == pytest.approx((n - 1) / n, abs=TIGHT)


def test_zero_count_conventions() -> None:
    gold = make_gold()
    gold.resolutions.clear()
    pred = copy(gold)
    both_empty = score(gold, pred)["by_type"]["resolutions"]
    assert (both_empty["precision"], both_empty["recall"], both_empty["quality_f1"]) == (1, 1, 1)
    pred.resolutions.append(
        Resolution(id="r1", meeting="m1", kind=ResolutionKind.AGREED, title="加强合作")
    )
    invented = score(gold, pred)["by_type"]["resolutions"]
    assert (invented["precision"], invented["recall"], invented["f1"]) == (0.0, 0.0, 0.0)
    assert invented["quality_f1"] == 0.0


def test_empty_prediction_scores_zero_with_no_field_accuracy() -> None:
    gold = make_gold()
    report = score(gold, Document(doc_id="d1", language="zh"))
    assert report["headline"] == 0.0
    assert report["by_type"]["meetings"]["recall"] == 0.0
    assert all(v is None for fields in report["by_field"].values() for v in fields.values())


def test_micro_average_sums_counts_over_documents() -> None:
    gold_a, gold_b = make_gold("a"), make_gold("b")
    pred_b = copy(gold_b)
    pred_b.officials.clear()
    report = score_documents({"a": gold_a, "b": gold_b}, {"a": copy(gold_a), "b": pred_b})
    officials = report["by_type"]["officials"]
    assert (officials["gold"], officials["pred"], officials["matched"]) == (8, 4, 4)
    assert officials["recall"] == 0.5
    assert report["documents"]["a"]["headline"] == 1.0
    assert report["documents"]["b"]["headline"] == pytest.approx(2 / 3, abs=TIGHT)
    assert report["headline"] == pytest.approx((2 + 2 * 0.5 / 1.5) / 3, abs=TIGHT)


def test_swapped_meeting_ids_are_translated_not_compared_raw() -> None:
    gold = make_gold()
    data = json.loads(dump_document(gold))
    swap = {"m1": "m2", "m2": "m1", "m3": "m3"}
    for meeting in data["meetings"]:
        meeting["id"] = swap[meeting["id"]]
    for official in data["officials"]:
        for attendance in official["meetings"]:
            attendance["meeting"] = swap[attendance["meeting"]]
    for resolution in data["resolutions"]:
        resolution["meeting"] = swap[resolution["meeting"]]
    report = score(gold, Document.model_validate(data))
    assert_all_perfect(report)
    assert ["m1", "m2"] in report["documents"]["d1"]["matches"]["meetings"]


def test_unmatched_meeting_reusing_a_gold_id_never_counts() -> None:
    gold = make_gold()
    data = json.loads(dump_document(gold))
    data["meetings"][1]["id"] = "m7"  # gold m2, under another id
    for official in data["officials"]:
        for attendance in official["meetings"]:
            attendance["meeting"] = "m7" if attendance["meeting"] == "m2" else attendance["meeting"]
    data["resolutions"][2]["meeting"] = "m7"
    extra = {"id": "m2", "name": "Unrelated forum", "kind": "other", "province": "CN-XJ"}
    data["meetings"].append(extra)
    data["officials"][2]["meetings"][1]["meeting"] = "m2"  # o3 "spoke at m2": the unrelated one
    report = score(gold, Document.model_validate(data))
    assert ["m2", "m7"] in report["documents"]["d1"]["matches"]["meetings"]
    assert report["documents"]["d1"]["unmatched_pred"]["meetings"] == ["m2"]
    n = len(gold.officials)
    o3_meetings_f1 = (
        2 * 1 / (2 + 2)
    )  # {(m1, presided), (m2, spoke)} vs {(m1, presided), (?, spoke)}
    expected = (n - 1 + o3_meetings_f1) / n
    assert report["by_field"]["officials"]["meetings"] == pytest.approx(expected, abs=TIGHT)


def test_namesakes_are_told_apart_by_region() -> None:
    gold = Document(
        doc_id="x",
        language="zh",
        officials=[
            Official(id="o1", name="张伟", region=R.GD),
            Official(id="o2", name="张伟", region=R.GX),
        ],
    )
    pred = copy(gold)
    pred.officials.reverse()
    report = score(gold, pred)
    assert report["documents"]["x"]["matches"]["officials"] == [["o1", "o1"], ["o2", "o2"]]
    assert report["headline"] == 1.0


def test_record_similarities() -> None:
    assert date_score(dt.date(2024, 7, 9), dt.date(2024, 7, 9)) == 1.0
    assert date_score(dt.date(2024, 7, 9), dt.date(2024, 7, 12)) == 0.5
    assert date_score(dt.date(2024, 7, 9), dt.date(2024, 7, 13)) == 0.0
    assert date_score(None, None) == 0.5
    assert date_score(None, dt.date(2024, 7, 9)) == 0.0
    gold = make_gold()
    meeting = gold.meetings[1]
    moved = meeting.model_copy(update={"start_date": dt.date(2024, 7, 7), "province": None})
    assert meeting_similarity(meeting, moved) == pytest.approx(0.45 + 0.15 + 0.15 + 0.10)
    elsewhere = moved.model_copy(update={"city": "Guangzhou", "kind": MeetingKind.OTHER})
    assert meeting_similarity(meeting, elsewhere) == pytest.approx(0.45 + 0.15)
    first, second = gold.officials[0], gold.officials[1]
    assert official_similarity(first, first) == pytest.approx(1.01)
    assert official_similarity(first, first.model_copy(update={"region": None})) == 1.0
    assert official_similarity(first, second) == 0.0
    next_meeting = gold.resolutions[1]
    reworded = next_meeting.model_copy(update={"title": "明年会议在南宁举行"})
    assert resolution_similarity(next_meeting, reworded) == pytest.approx(
        0.35 + 0.65 * text_similarity(next_meeting.title, reworded.title) + 0.3
    )
    assert resolution_similarity(next_meeting, next_meeting) == 1.0
    assert resolution_similarity(next_meeting, next_meeting, {"m1": "m1"}) == pytest.approx(1.01)


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "name_zh", "name_en"),
    [
        ("毛偉明", "毛偉明", "Mao Weiming"),
        ("毛伟明", "毛伟明", "mao wei-ming"),
        ("毛伟明", "毛伟明", "MAO Weiming"),
        ("毛偉明", "毛伟明", "Mao Wei Ming"),
    ],
)
def test_name_variants_still_match_fully(name: str, name_zh: str, name_en: str) -> None:
    gold = make_gold()
    pred = copy(gold)
    pred.officials[0] = pred.officials[0].model_copy(
        update={"id": "someone", "name": name, "name_zh": name_zh, "name_en": name_en}
    )
    report = score(gold, pred)
    assert ["o1", "someone"] in report["documents"]["d1"]["matches"]["officials"]
    assert_all_perfect(report)


def test_chinese_name_prediction_matches_english_gold_through_pinyin() -> None:
    gold = Document(
        doc_id="en1",
        language="en",
        officials=[
            Official(id="o1", name="Mao Weiming", name_en="Mao Weiming"),
            Official(id="o2", name="Weizhong Wang", name_en="Wang Weizhong"),
        ],
    )
    pred = Document(
        doc_id="en1",
        language="en",
        officials=[
            Official(id="a", name="王伟中", name_zh="王伟中"),
            Official(id="b", name="毛伟明", name_zh="毛伟明"),
        ],
    )
    document = score(gold, pred)["documents"]["en1"]
    assert document["matches"]["officials"] == [["o1", "b"], ["o2", "a"]]
    fields = official_fields(gold.officials[0], pred.officials[1], {})
    assert fields["name"] == 1.0
    assert fields["name_zh"] == 0.0  # gold has none, prediction has one
    assert fields["name_en"] == 0.0


def test_different_people_do_not_match() -> None:
    gold = Document(doc_id="x", language="zh", officials=[Official(id="o1", name="毛伟明")])
    pred = Document(doc_id="x", language="zh", officials=[Official(id="o1", name="王伟中")])
    report = score(gold, pred)
    assert report["by_type"]["officials"]["matched"] == 0
    assert report["documents"]["x"]["unmatched_pred"]["officials"] == ["o1"]


# ----------------------------------------------------------------------------- text and fields


def test_text_folding_and_tokens() -> None:
    assert text_similarity("《泛珠三角區域合作》", "泛珠三角区域合作") == 1.0
    assert text_similarity("“Joint Meeting”", "joint meeting") == 1.0
    assert text_similarity("", "") == 0.0
    assert text_similarity("粤港澳大湾区", "长三角一体化") == 0.0
    assert text_tokens("贵") == {"贵"}
    assert text_tokens("2024年泛珠 Summit") == {"年泛", "泛珠", "2024", "summit"}
    near = text_similarity("泛珠三角区域合作行政首长联席会议", "泛珠区域合作行政首长联席会议")
    assert 0.6 <= near < 1.0


def test_place_keys() -> None:
    assert place_key("Guiyang City") == place_key("guiyang") == "guiyang"
    assert place_key("貴陽市") == place_key("贵阳") == "贵阳"
    assert place_key("Guangzhou") != place_key("Guiyang")
    assert place_key(None) is None


def test_meeting_fields_fuzzy_city_theme_and_members() -> None:
    gold = make_gold().meetings[0]
    pred = gold.model_copy(
        update={
            "name": "2024年泛珠三角区域合作行政首长联席会议在贵阳举行",
            "city": "Guiyang City",
            "theme": None,
            "members": PAN_PEARL[:-1],
        }
    )
    fields = meeting_fields(gold, pred)
    assert fields["name"] == 1.0
    assert fields["city"] == 1.0
    assert fields["theme"] == 0.0
    assert fields["members"] == pytest.approx(2 * 10 / 21, abs=TIGHT)


def test_field_functions_cover_the_declared_fields() -> None:
    gold = make_gold()
    assert tuple(meeting_fields(gold.meetings[0], gold.meetings[0])) == FIELDS["meetings"]
    assert tuple(official_fields(gold.officials[0], gold.officials[0], {})) == FIELDS["officials"]
    resolution = gold.resolutions[0]
    assert tuple(resolution_fields(resolution, resolution, {})) == FIELDS["resolutions"]


def test_same_titled_resolutions_pair_with_their_own_meetings() -> None:
    gold = make_gold()
    for resolution, meeting in zip(gold.resolutions[:2], ("m1", "m2"), strict=True):
        resolution.kind, resolution.title, resolution.meeting = (
            ResolutionKind.SIGNED,
            "会议纪要",
            meeting,
        )
        resolution.next_host = resolution.next_year = None
    pred = renamed_and_shuffled(gold)
    alignment = align(gold, pred)
    paired = {
        gold.resolutions[g].id: pred.resolutions[p].id for g, p in alignment.pairs["resolutions"]
    }
    assert paired == {"r1": "xr1", "r2": "xr2", "r3": "xr3"}
    assert score(gold, pred)["headline"] == 1.0


# ----------------------------------------------------------------------------- directories


def write(directory: Path, doc: Document, name: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name or doc.doc_id}.json"
    path.write_text(dump_document(doc), encoding="utf-8")
    return path


def test_bad_and_missing_predictions_are_reported_and_scored_as_empty(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    for doc_id in ("good", "missing", "broken", "unknown_field"):
        write(gold_dir, make_gold(doc_id))
    write(pred_dir, make_gold("good"))
    (pred_dir / "broken.json").write_text('{"doc_id": "broken",', encoding="utf-8")
    data = json.loads(dump_document(make_gold("unknown_field")))
    data["officials"][0]["nickname"] = "x"
    (pred_dir / "unknown_field.json").write_text(json.dumps(data), encoding="utf-8")

    report = score_directories(gold_dir, pred_dir)

    errors = {e["doc_id"]: e for e in report["errors"]}
    assert set(errors) == {"missing", "broken", "unknown_field"}
    assert errors["missing"]["kind"] == "missing_prediction"
    assert errors["missing"]["file"].endswith("missing.json")
    assert errors["broken"]["kind"] == "invalid_prediction"
    assert errors["broken"]["file"].endswith("broken.json")
    assert "JSON" in errors["broken"]["reason"]
    assert "nickname" in errors["unknown_field"]["reason"]
    assert all("scored as an empty prediction" in e["reason"] for e in errors.values())
    documents = report["documents"]
    assert documents["good"]["headline"] == 1.0
    assert {documents[d]["headline"] for d in ("missing", "broken", "unknown_field")} == {0.0}
    assert report["by_type"]["officials"]["recall"] == 0.25
    assert report["by_type"]["officials"]["precision"] == 1.0


def test_malformed_gold_is_reported_and_skipped(tmp_path: Path) -> None:
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    write(gold_dir, make_gold("ok"))
    (gold_dir / "bad.json").write_text("[1, 2", encoding="utf-8")
    (gold_dir / "notes.txt").write_text("not a record file", encoding="utf-8")
    write(pred_dir, make_gold("ok"))
    write(pred_dir, make_gold("bad"))
    write(pred_dir, make_gold("stray"))
    # The run's own files (`make run` writes them beside the records) are not predictions.
    (pred_dir / "run.json").write_text('{"model": "m"}', encoding="utf-8")
    (pred_dir / "report.json").write_text('{"headline": 1.0}', encoding="utf-8")

    report = score_directories(gold_dir, pred_dir)

    assert list(report["documents"]) == ["ok"]
    assert report["headline"] == 1.0
    kinds = {(e["doc_id"], e["kind"]) for e in report["errors"]}
    assert kinds == {
        ("bad", "invalid_gold"),
        ("stray", "ignored_prediction"),
    }
    bad = next(e for e in report["errors"] if e["doc_id"] == "bad")
    assert bad["file"].endswith("bad.json")
    assert "not scored" in bad["reason"]


# ----------------------------------------------------------------------------- command line


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """gold/ and a perfect pred/ for a Chinese-named document, plus a worse pred_bad/."""
    gold = make_gold("粤黔会谈")
    write(tmp_path / "gold", gold)
    write(tmp_path / "pred", copy(gold))
    worse = copy(gold)
    del worse.officials[0]
    write(tmp_path / "pred_bad", worse)
    return tmp_path / "gold", tmp_path / "pred", tmp_path / "pred_bad"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main(["score", *(str(a) for a in argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_json_and_markdown_with_readable_chinese(
    dirs: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, pred, _ = dirs
    out_json, out_md = tmp_path / "out" / "report.json", tmp_path / "out" / "report.md"
    code, out, _ = run(
        capsys, "--gold", gold, "--pred", pred, "--json", out_json, "--markdown", out_md
    )
    assert code == 0
    assert "Headline: 1.000" in out
    assert "粤黔会谈" in out
    raw = out_json.read_text(encoding="utf-8")
    assert "粤黔会谈" in raw and "\\u" not in raw
    data = json.loads(raw)
    assert data["headline"] == 1.0
    assert set(data) == {"headline", "by_type", "by_field", "documents", "errors", "settings"}
    assert data["settings"]["fuzzy_threshold"] == 0.6
    markdown = out_md.read_text(encoding="utf-8")
    assert "粤黔会谈" in markdown
    assert "| meetings |" in markdown
    assert "| officials.name_en | 1.000 |" in markdown


def test_cli_min_score(dirs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred, pred_bad = dirs
    code, out, _ = run(capsys, "--gold", gold, "--pred", pred, "--min-score", "0.99")
    assert code == 0
    assert "PASS" in out
    code, out, _ = run(capsys, "--gold", gold, "--pred", pred_bad, "--min-score", "0.99")
    assert code == 1
    assert "is below --min-score 0.990" in out


def test_cli_baseline_shows_changes(
    dirs: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, pred, pred_bad = dirs
    baseline, out_md = tmp_path / "baseline.json", tmp_path / "report.md"
    assert run(capsys, "--gold", gold, "--pred", pred_bad, "--json", baseline)[0] == 0
    before = json.loads(baseline.read_text(encoding="utf-8"))["headline"]
    delta = f"+{1.0 - before:.3f}"
    code, out, _ = run(
        capsys, "--gold", gold, "--pred", pred, "--baseline", baseline, "--markdown", out_md
    )
    assert code == 0
    assert f"Headline: 1.000 ({delta})" in out
    assert "recall" in out and "1.000 (+0.250)" in out  # officials recall 3/4 -> 1
    assert "4 (+1)" in out  # officials predicted 3 -> 4
    assert "1.000 (+0.000)" in out
    assert f"1.000 ({delta})" in out_md.read_text(encoding="utf-8")


def test_cli_prints_errors_without_changing_the_exit_code(
    dirs: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    gold, pred, _ = dirs
    write(gold, make_gold("second"))
    (pred / "second.json").write_text("{oops", encoding="utf-8")
    code, out, _ = run(capsys, "--gold", gold, "--pred", pred)
    assert code == 0
    assert "Errors (1)" in out
    assert "[invalid prediction]" in out and "second.json" in out


@pytest.mark.parametrize("content", [None, "{not json", '{"by_type": {}}'])
def test_cli_unreadable_baseline_is_a_usage_error(
    dirs: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
) -> None:
    gold, pred, _ = dirs
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "--gold", gold, "--pred", pred, "--baseline", baseline)
    assert code == 2
    assert "baseline" in err


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pred").mkdir()
    code, _, err = run(capsys, "--gold", tmp_path / "nowhere", "--pred", tmp_path / "pred")
    assert code == 2 and "does not exist" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "--gold", tmp_path / "empty", "--pred", tmp_path / "pred")
    assert code == 2 and "no *.json" in err
    (tmp_path / "bad_gold").mkdir()
    (tmp_path / "bad_gold" / "a.json").write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "--gold", tmp_path / "bad_gold", "--pred", tmp_path / "pred")
    assert code == 2 and "nothing was scored" in err and "[invalid gold]" in out
    with pytest.raises(SystemExit) as exc:
        main(["score", "--gold", str(tmp_path)])
    assert exc.value.code == 2


def test_python_dash_m_evals(dirs: tuple[Path, Path, Path]) -> None:
    gold, pred, _ = dirs
    result = subprocess.run(
        [sys.executable, "-m", "evals", "score", "--gold", str(gold), "--pred", str(pred)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Headline: 1.000" in result.stdout

"""The record contract rejects what a careless file gets wrong, and accepts a well-formed one."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from schemas import (
    REGIONS,
    SCHEMA_VERSION,
    Document,
    RecordFileError,
    RegionCode,
    load_document,
    parse_document,
    read_article,
    resolve_members,
    resolve_region,
    span_problems,
)
from schemas.io import iter_spans
from schemas.names import name_keys, romanise

ARTICLE = "2031年6月2日，示例省与样例市在杭州举行工作会谈。张三出席。"


def valid_record() -> dict[str, Any]:
    """A small hand-written document (not from the seeds) that satisfies the contract."""
    start = ARTICLE.index("张三出席")
    return {
        "doc_id": "example",
        "language": "zh",
        "published": "2031-06-02",
        "meetings": [
            {
                "id": "m1",
                "name": "工作会谈",
                "kind": "talks",
                "primary": True,
                "start_date": "2031-06-02",
                "end_date": "2031-06-02",
                "city": "Hangzhou",
                "province": "CN-ZJ",
                "host": None,
                "theme": None,
                "members": ["CN-ZJ", "CN-AH"],
                "evidence": [{"start": 0, "end": 9, "text": ARTICLE[:9]}],
            }
        ],
        "officials": [
            {
                "id": "o1",
                "name": "张三",
                "name_zh": "张三",
                "name_en": "Zhang San",
                "region": "CN-ZJ",
                "positions": [{"title": "省长", "rank": "government_head", "region": "CN-ZJ"}],
                "meetings": [{"meeting": "m1", "roles": ["attended"]}],
                "evidence": [{"start": start, "end": start + 4, "text": "张三出席"}],
            }
        ],
        "resolutions": [
            {
                "id": "r1",
                "meeting": "m1",
                "kind": "agreed",
                "in_principle": False,
                "title": "共建示范区",
                "next_host": None,
                "next_year": None,
                "evidence": [],
            }
        ],
    }


def test_valid_record_round_trips() -> None:
    document = Document.model_validate(valid_record())
    assert document.meetings[0].province is RegionCode.ZJ
    again = Document.model_validate_json(document.model_dump_json())
    assert again == document
    assert span_problems(document, ARTICLE) == []


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["meetings"][0].update(venue="x"), "Extra inputs are not permitted"),
        (lambda d: d["officials"][0].update(region="CN-XX"), "officials.0.region"),
        (lambda d: d["officials"][0].update(region="GD"), "officials.0.region"),
        (lambda d: d["meetings"][0].update(start_date="2031-02-30"), "meetings.0.start_date"),
        (lambda d: d["meetings"][0].update(end_date="2031-06-01"), "before start_date"),
        (lambda d: d.update(language="fr"), "language"),
        (lambda d: d["officials"][0]["meetings"][0].update(meeting="m9"), "unknown meeting 'm9'"),
        (lambda d: d["resolutions"][0].update(meeting="m2"), "unknown meeting 'm2'"),
        (lambda d: d["officials"].append(copy.deepcopy(d["officials"][0])), "duplicate official"),
        (lambda d: d["officials"][0]["positions"][0].update(rank="boss"), "rank"),
        (lambda d: d["officials"][0]["meetings"][0].update(roles=["danced"]), "roles"),
        (lambda d: d["meetings"][0]["evidence"][0].update(end=12), "offsets cover"),
        (lambda d: d["meetings"][0].update(id="1 bad"), "meetings.0.id"),
        (lambda d: d["resolutions"][0].update(kind="vetoed"), "resolutions.0.kind"),
        (
            lambda d: d["meetings"].append({**copy.deepcopy(d["meetings"][0]), "id": "m2"}),
            "more than one meeting is marked primary",
        ),
    ],
)
def test_contract_rejects_careless_records(mutate: Any, message: str) -> None:
    record = valid_record()
    mutate(record)
    with pytest.raises(RecordFileError) as caught:
        parse_document(json.dumps(record, ensure_ascii=False), "careless.json")
    assert "careless.json" in str(caught.value)
    assert message in str(caught.value)


def test_span_that_does_not_match_the_article_is_reported() -> None:
    record = valid_record()
    record["officials"][0]["evidence"] = [{"start": 0, "end": 4, "text": "张三出席"}]
    problems = span_problems(Document.model_validate(record), ARTICLE)
    assert len(problems) == 1
    assert "official o1" in problems[0] and "'2031'" in problems[0]


def test_span_past_the_end_is_reported() -> None:
    record = valid_record()
    n = len(ARTICLE)
    record["officials"][0]["evidence"] = [{"start": n, "end": n + 2, "text": "xx"}]
    problems = span_problems(Document.model_validate(record), ARTICLE)
    assert problems and "past the article's end" in problems[0]


def test_load_document_names_the_file_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"doc_id": ', encoding="utf-8")
    with pytest.raises(RecordFileError, match=r"broken\.json: not valid JSON"):
        load_document(bad)
    with pytest.raises(RecordFileError, match="cannot be read"):
        load_document(tmp_path / "missing.json")


def test_a_span_without_text_is_read_from_the_article_its_folder_names(tmp_path: Path) -> None:
    articles, gold = tmp_path / "elsewhere" / "raw", tmp_path / "gold"
    articles.mkdir(parents=True)
    gold.mkdir()
    (articles / "example.txt").write_text(ARTICLE, encoding="utf-8")
    record = valid_record()
    kinds = ("meetings", "officials", "resolutions")
    spans = [s for kind in kinds for r in record[kind] for s in r["evidence"]]
    expected = [span.pop("text") for span in spans]
    (gold / "example.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    # Without a pointer to the articles, the file names what is missing.
    with pytest.raises(
        RecordFileError, match=r"example\.json: a span has no text, and no ARTICLES"
    ):
        load_document(gold / "example.json")
    (gold / "ARTICLES").write_text("../elsewhere/raw\n", encoding="utf-8")
    document = load_document(gold / "example.json")
    assert [span.text for _, span in iter_spans(document)] == expected
    assert span_problems(document, ARTICLE) == []
    (articles / "example.txt").write_text(ARTICLE[:10], encoding="utf-8")  # another article
    with pytest.raises(RecordFileError, match=r"example\.json: span \d+-\d+ is not inside"):
        load_document(gold / "example.json")
    (articles / "example.txt").unlink()
    with pytest.raises(RecordFileError, match=r"example\.json: its spans' text is read from"):
        load_document(gold / "example.json")


def test_read_article_keeps_newlines_and_drops_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff第一行\r\n第二行".encode())
    assert read_article(path) == "第一行\r\n第二行"


def test_region_table_covers_all_34_divisions() -> None:
    assert len(REGIONS) == 34
    assert {r.code for r in REGIONS} == set(RegionCode)
    for entry in REGIONS:
        assert resolve_region(entry.name_en) is entry.code
        assert resolve_region(entry.name_zh) is entry.code
        assert resolve_region(entry.name_zh_hant) is entry.code
        assert resolve_region(entry.code.value) is entry.code
        for short in entry.short_zh:
            assert resolve_region(short) is entry.code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("粤", RegionCode.GD),
        ("廣東省", RegionCode.GD),
        ("Guangdong Province", RegionCode.GD),
        ("guangxi zhuang autonomous region", RegionCode.GX),
        ("Macau SAR", RegionCode.MO),
        ("湘", RegionCode.HN),
        ("沪", RegionCode.SH),
        ("Atlantis", None),
    ],
)
def test_resolve_region(name: str, code: RegionCode | None) -> None:
    assert resolve_region(name) == code


def test_collective_names_expand() -> None:
    assert len(resolve_members("9+2")) == 11
    assert set(resolve_members("泛珠")) == set(resolve_members("Pan-Pearl River Delta"))
    yrd = {RegionCode.SH, RegionCode.JS, RegionCode.ZJ, RegionCode.AH}
    assert set(resolve_members("三省一市")) == yrd
    assert set(resolve_members("three provinces and one municipality")) == yrd
    assert set(resolve_members("长三角")) == yrd
    assert resolve_members("Hunan") == (RegionCode.HN,)


@pytest.mark.parametrize(
    ("name_zh", "pinyin"),
    [
        ("王小明", "Wang Xiaoming"),
        ("欧阳明远", "Ouyang Mingyuan"),
        ("司马光华", "Sima Guanghua"),
        ("單東方", "Shan Dongfang"),
        ("曾国强", "Zeng Guoqiang"),
        ("陈长生", "Chen Changsheng"),
    ],
)
def test_romanise(name_zh: str, pinyin: str) -> None:
    assert romanise(name_zh) == pinyin


def test_name_keys_bridge_scripts_and_spellings() -> None:
    assert name_keys("王小明") & name_keys("WANG Xiao-ming")
    assert name_keys("王小明") & name_keys("Xiaoming Wang")
    assert name_keys("王曉明") & name_keys("王晓明")
    assert not name_keys("王小明") & name_keys("Wang Daming")


def test_schema_export_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "schemas", "export", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    written = Path(result.stdout.splitlines()[0])
    schema = json.loads(written.read_text(encoding="utf-8"))
    assert schema["title"] == "Document"
    assert SCHEMA_VERSION in schema["$comment"]
    assert "CN-HK" in json.dumps(schema)


def test_package_is_typed_and_importable_from_outside_the_repo(tmp_path: Path) -> None:
    code = (
        "import schemas, pathlib;"
        "from schemas import Document, Meeting, Official, Resolution, Span;"
        "print(pathlib.Path(schemas.__file__).with_name('py.typed').exists())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert result.stdout.strip() == "True"


def test_region_mentions_in_running_text() -> None:
    from schemas.regions import region_mentions

    text = "会前,与福建省委副书记、江西省长座谈。Leaders of Hunan met."
    expected = [RegionCode.FJ, RegionCode.JX, RegionCode.HN]
    assert [code for _, code in region_mentions(text)] == expected
    # "福建" inside "福建省" is one mention, and single characters (闽) are not searched for.
    assert region_mentions("闽") == []

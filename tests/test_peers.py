"""The peer systems without a model: usage capture through a scripted server, LangExtract's
extractions turned into a record, and the limit probe's arithmetic. Every article is invented."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from extract.peers import limit, naive, reported_tokens, run_peer
from extract.peers.limit import _row, parse_pair, record_text
from schemas.io import load_document, span_problems
from schemas.models import Rank, ResolutionKind, Role
from schemas.regions import RegionCode
from tests.requirements import requires
from tests.scripted_server import Step, scripted_server

ENGLISH = (
    "DALI, May 20 (Xinhua) -- The Erhai Lake Protection Symposium was held in Dali, Yunnan "
    "Province, on May 19, 2025. Governor Zhao Minghui of Yunnan presided over the symposium. "
    "Yunnan and Sichuan signed the Erhai Water Quality Compact.\n"
)
VALID_DOCUMENT = json.dumps(
    {
        "doc_id": "whatever-the-model-says",
        "language": "en",
        "meetings": [{"id": "m1", "name": "Erhai Lake Protection Symposium", "kind": "symposium"}],
    },
    ensure_ascii=False,
)


def _article(tmp_path: Path, text: str = ENGLISH, name: str = "erhai") -> Path:
    path = tmp_path / "articles" / f"{name}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _run_json(out: Path) -> dict[str, Any]:
    with open(out / "run.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _run_naive(tmp_path: Path, steps: list[Step]) -> tuple[int, dict[str, Any], int]:
    out = tmp_path / "out"
    with scripted_server(steps) as server:
        extract_article = naive.make_extractor(server.base_url, "scripted", 256, mode="json")
        code = run_peer("naive", [_article(tmp_path)], out, extract_article, {})
        requests = len(server.requests)
    return code, _run_json(out), requests


def test_naive_counts_every_attempt_and_its_tokens(tmp_path: Path) -> None:
    steps = [
        Step(status=500, body='{"error": {"message": "busy"}}'),  # the OpenAI client retries
        Step(content=VALID_DOCUMENT, prompt_tokens=420, completion_tokens=35),
    ]
    code, run, requests = _run_naive(tmp_path, steps)
    assert code == 0
    assert requests == 2
    totals = run["totals"]
    assert (totals["calls"], totals["prompt_tokens"], totals["completion_tokens"]) == (2, 420, 35)
    assert run["run_info"]["peer"] == "naive"
    document = load_document(tmp_path / "out" / "erhai.json")
    assert document.doc_id == "erhai"  # the only thing set after the model
    assert document.meetings[0].name == "Erhai Lake Protection Symposium"


def test_naive_fails_the_article_when_no_answer_validates(tmp_path: Path) -> None:
    code, run, requests = _run_naive(tmp_path, [Step(content='{"meetings": 3}')])
    assert code == 1
    assert requests == 1 + naive.MAX_RETRIES
    assert run["totals"]["failed"] == 1
    assert run["totals"]["calls"] == requests
    assert run["totals"]["prompt_tokens"] == 11 * requests
    assert not (tmp_path / "out" / "erhai.json").exists()


def test_reported_tokens_of_bodies_without_usage() -> None:
    assert reported_tokens(b'{"usage": {"prompt_tokens": 5, "completion_tokens": 2}}') == (5, 2)
    assert reported_tokens(b'{"error": "busy"}') == (0, 0)
    assert reported_tokens(b"<html>") == (0, 0)


# --- LangExtract ---------------------------------------------------------------------------------

CHINESE = (
    "新华社昆明2025年6月3日电 第一届滇川林业协作座谈会6月2日在云南丽江举行。"
    "云南省副省长柯望舒主持会议。柯望舒表示，两省将加强合作。"
    "会议签署了《金沙江森林防火联防协议》。"
)


def _found(lx: Any, cls: str, text: str, start: int | None, **attributes: Any) -> Any:
    interval = None if start is None else lx.data.CharInterval(start, start + len(text))
    return lx.data.Extraction(cls, text, char_interval=interval, attributes=attributes)


def _chinese_extractions(lx: Any) -> list[Any]:
    name_at = [CHINESE.index("柯望舒"), CHINESE.rindex("柯望舒")]
    return [
        _found(
            lx,
            "meeting",
            "第一届滇川林业协作座谈会",
            CHINESE.index("第一届"),
            kind="symposium",
            start_date="2025-06-02",
            end_date="2025-06-02",
            city="Lijiang",
            province="云南",
            members=["云南", "四川"],
        ),
        _found(
            lx, "official", "柯望舒", name_at[0], titles=["副省长"], region="云南", role="presided"
        ),
        _found(lx, "official", "柯望舒", name_at[1], region="云南", role="spoke"),
        _found(lx, "official", "陆青禾", None, titles=["省长"]),  # not found in the text
        _found(lx, "resolution", "金沙江森林防火联防协议", CHINESE.index("金沙江"), kind="signed"),
        _found(lx, "resolution", "森林防火", len(CHINESE) - 2, kind="agreed"),  # runs past the end
    ]


@requires("langextract")
def test_langextract_extractions_become_a_valid_document() -> None:
    import langextract as lx

    from extract.peers.langextract_peer import to_document

    annotated = lx.data.AnnotatedDocument(text=CHINESE, extractions=_chinese_extractions(lx))
    document = to_document(annotated, CHINESE, "dianchuan")

    assert span_problems(document, CHINESE) == []
    assert document.language == "zh"
    (meeting,) = document.meetings
    assert (meeting.id, meeting.primary, meeting.city) == ("m1", True, "Lijiang")
    assert meeting.province == RegionCode.YN
    assert meeting.members == [RegionCode.YN, RegionCode.SC]
    assert str(meeting.start_date) == "2025-06-02"
    (official,) = document.officials  # two mentions merged; the ungrounded one dropped
    assert (official.name_zh, official.name_en) == ("柯望舒", "Ke Wangshu")
    assert official.region == RegionCode.YN
    assert [p.rank for p in official.positions] == [Rank.DEPUTY_GOVERNMENT_HEAD]
    assert official.meetings[0].meeting == "m1"
    assert official.meetings[0].roles == [Role.PRESIDED]
    assert len(official.evidence) == 2
    (resolution,) = document.resolutions  # the one past the article's end is dropped
    assert (resolution.kind, resolution.meeting) == (ResolutionKind.SIGNED, "m1")
    assert resolution.title == "金沙江森林防火联防协议"


@requires("langextract")
def test_langextract_spans_that_are_not_the_articles_text_are_dropped() -> None:
    import langextract as lx

    from extract.peers.langextract_peer import to_document

    # LangExtract's copy of the text differs from the article at the resolution's title.
    altered = CHINESE.replace("联防协议", "联防协定")
    annotated = lx.data.AnnotatedDocument(text=altered, extractions=_chinese_extractions(lx))
    document = to_document(annotated, CHINESE, "dianchuan")
    assert document.resolutions == []
    assert len(document.meetings) == 1 and len(document.officials) == 1


@requires("langextract")
def test_langextract_usage_lands_in_run_json(tmp_path: Path) -> None:
    from extract.peers.langextract_peer import make_extractor

    answer = {
        "extractions": [
            {
                "meeting": "Erhai Lake Protection Symposium",
                "meeting_attributes": {"kind": "symposium", "city": "Dali", "province": "Yunnan"},
            },
            {
                "official": "Zhao Minghui",
                "official_attributes": {"titles": ["Governor"], "region": "Yunnan"},
            },
            {
                "resolution": "Erhai Water Quality Compact",
                "resolution_attributes": {"kind": "signed"},
            },
        ]
    }
    out = tmp_path / "out"
    steps = [
        Step(
            content=json.dumps(answer, ensure_ascii=False), prompt_tokens=900, completion_tokens=120
        )
    ]
    with scripted_server(steps) as server:
        extract_article = make_extractor(server.base_url, "scripted", 512)
        code = run_peer("langextract", [_article(tmp_path)], out, extract_article, {})
        sent = server.requests
    assert code == 0
    assert len(sent) == 1
    assert sent[0]["response_format"] == {"type": "json_object"}  # never json_schema
    assert sent[0]["temperature"] == 0.0
    totals = _run_json(out)["totals"]
    assert (totals["calls"], totals["prompt_tokens"], totals["completion_tokens"]) == (1, 900, 120)
    document = load_document(out / "erhai.json")
    assert span_problems(document, ENGLISH) == []
    assert document.meetings[0].province == RegionCode.YN
    assert document.officials[0].positions[0].rank == Rank.GOVERNMENT_HEAD
    assert document.resolutions[0].meeting == "m1"


# --- The limit probe -----------------------------------------------------------------------------


def test_limit_pairs_and_record_text(tmp_path: Path) -> None:
    record = tmp_path / "a.json"
    record.write_text('{\n  "doc_id": "a",\n  "name": "联席会议"\n}\n', encoding="utf-8")
    assert parse_pair("x/a.txt=y/a.json") == (Path("x/a.txt"), Path("y/a.json"))
    with pytest.raises(ValueError):
        parse_pair("x/a.txt")
    assert record_text(record) == '{"doc_id":"a","name":"联席会议"}'
    row = _row(Path("a.txt"), 600, 50, prompt_tps=60.0, generation_tps=10.0)
    assert row["min_seconds"] == 15.0


class _FakeLlama:
    """One token per character; a token costs 0.1 ms read in a batch, 1 ms written alone."""

    def __init__(self) -> None:
        self.evaluated: list[int] = []

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return list(text.decode("utf-8").encode("utf-32-le")[::4])

    def reset(self) -> None:
        self.evaluated = []

    def eval(self, tokens: list[int]) -> None:
        time.sleep(1e-3 if len(tokens) == 1 else 1e-4 * len(tokens))
        self.evaluated += tokens

    def sample(self, top_k: int, temp: float) -> int:
        return 7


def test_limit_measure_reads_articles_and_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _article(tmp_path)
    record = tmp_path / "erhai.json"
    record.write_text(VALID_DOCUMENT, encoding="utf-8")
    fake = _FakeLlama()
    monkeypatch.setattr(limit, "load_model", lambda *args: fake)
    result = limit.measure(Path("model.gguf"), 4096, 2, [(article, record)])
    (row,) = result["articles"]
    assert row["article_tokens"] == len(ENGLISH)
    assert row["record_tokens"] == len(record_text(record))
    assert result["min_seconds"] == row["min_seconds"] > 0
    assert result["prompt_tps"] > result["generation_tps"] > 0

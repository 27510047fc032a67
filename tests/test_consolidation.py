"""Consolidation: one meeting and one person across articles, conflicts kept, a real SQLite file.

No model is involved: the inputs are the seeds' gold Documents and Documents built here.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest

from evals.consolidation import score_consolidation, score_merges
from extract.consolidation import consolidate_paths, write_database
from schemas import (
    Attendance,
    ConsolidationGold,
    Corpus,
    Document,
    Meeting,
    MeetingKind,
    Official,
    Position,
    Rank,
    RegionCode,
    Role,
    dump_document,
)
from schemas.corpus import SourceRef, dump_corpus, load_corpus
from schemas.mechanisms import edition_number, mechanism_named_in
from tests.conftest import GOLD, ROOT
from tests.requirements import requires

EN_2023, ZH_2023 = "000_c87fae1540566935", "001_f3826c69192a0ce5"
HELD_2024, PLANNED_2024 = "003_9186e7268e8d1e14", "004_bf921efb7ae5e5e4"


@pytest.fixture(scope="module")
def seed_corpus() -> Corpus:
    return consolidate_paths([GOLD])


def _meeting_of(corpus: Corpus, doc_id: str, record: str) -> str:
    ref = SourceRef(doc_id=doc_id, record=record)
    return next(m.id for m in corpus.meetings if ref in m.sources)


def _person_of(corpus: Corpus, doc_id: str, record: str) -> str:
    ref = SourceRef(doc_id=doc_id, record=record)
    return next(p.id for p in corpus.people if ref in p.sources)


def test_one_meeting_reported_in_english_and_chinese_is_one_record(seed_corpus: Corpus) -> None:
    meeting_id = _meeting_of(seed_corpus, EN_2023, "m1")
    assert _meeting_of(seed_corpus, ZH_2023, "m1") == meeting_id
    meeting = next(m for m in seed_corpus.meetings if m.id == meeting_id)
    assert {n.language for n in meeting.names} == {"en", "zh"}
    assert meeting.mechanism == "pprd"
    assert meeting.start_date == dt.date(2023, 7, 7) and meeting.province == RegionCode.GZ
    # The side talks of the Chinese article on the same day are other meetings.
    assert _meeting_of(seed_corpus, ZH_2023, "m2") != meeting_id
    # Both articles' signed minutes are one decision; both next-meeting decisions are one.
    kinds = sorted((r.kind.value, len(r.sources)) for r in meeting.resolutions)
    assert kinds == [("next_meeting", 2), ("signed", 2)]


def test_one_official_under_pinyin_and_characters_is_one_person(seed_corpus: Corpus) -> None:
    person_id = _person_of(seed_corpus, EN_2023, "o1")
    assert _person_of(seed_corpus, ZH_2023, "o1") == person_id
    person = next(p for p in seed_corpus.people if p.id == person_id)
    assert {n.written for n in person.names} == {"Mao Weiming", "毛伟明"}
    # Dated by the first meeting each article reports them at (001 has talks on the 6th).
    assert {p.as_of for p in person.positions} == {dt.date(2023, 7, 6), dt.date(2023, 7, 7)}
    meeting_id = _meeting_of(seed_corpus, EN_2023, "m1")
    assert meeting_id in person.meetings
    meeting = next(m for m in seed_corpus.meetings if m.id == meeting_id)
    participant = next(p for p in meeting.participants if p.person == person_id)
    assert len(participant.sources) == 2
    assert {r.value for r in participant.roles} >= {"attended", "spoke", "led_delegation"}


def test_planned_and_reported_venue_of_one_edition_is_a_conflict_with_both_sources(
    seed_corpus: Corpus,
) -> None:
    symposium = next(s for s in seed_corpus.series if s.mechanism == "yrd")
    edition = next(e for e in symposium.editions if e.year == 2024)
    assert edition.meeting == _meeting_of(seed_corpus, HELD_2024, "m1")
    assert edition.planned_by == [SourceRef(doc_id=PLANNED_2024, record="r3")]
    conflict = next(c for c in seed_corpus.conflicts if c.subject_id == edition.id)
    assert conflict.field == "venue"
    by_value = {v.value: (v.status, [str(s) for s in v.sources]) for v in conflict.values}
    assert by_value == {
        "CN-ZJ": ("reported", [f"{HELD_2024}:m1"]),
        "CN-AH": ("planned", [f"{PLANNED_2024}:r3"]),
    }
    assert conflict.preferred == "CN-ZJ" and conflict.rule
    # The 2023 symposium (which made the plan) and 2024 are reported; 2025 is only planned.
    assert [(e.year, e.meeting is not None) for e in symposium.editions] == [
        (2023, True), (2024, True), (2025, False)
    ]  # fmt: skip


def _official(
    record_id: str, name: str, region: RegionCode | None, title: str, rank: Rank
) -> Official:
    return Official(
        id=record_id,
        name=name,
        name_zh=name if not name.isascii() else None,
        name_en=None,
        region=region,
        positions=[Position(title=title, rank=rank, region=region)],
        meetings=[Attendance(meeting="m1", roles=[Role.ATTENDED])],
    )


def _document(
    doc_id: str, language: Literal["en", "zh"], meeting_name: str, *officials: Official
) -> Document:
    return Document(
        doc_id=doc_id,
        language=language,
        published=dt.date(2024, 5, 1),
        meetings=[Meeting(id="m1", name=meeting_name, kind=MeetingKind.OTHER)],
        officials=list(officials),
    )


def _write(folder: Path, *documents: Document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (folder / f"{document.doc_id}.json").write_text(dump_document(document), encoding="utf-8")
    return folder


def test_two_people_sharing_a_name_are_kept_apart_and_scripts_are_bridged(tmp_path: Path) -> None:
    hubei = _official("o1", "王勇", RegionCode.HB, "副省长", Rank.DEPUTY_GOVERNMENT_HEAD)
    sichuan = _official("o1", "王勇", RegionCode.SC, "副省长", Rank.DEPUTY_GOVERNMENT_HEAD)
    traditional = _official("o1", "王勇", RegionCode.HB, "副省長", Rank.DEPUTY_GOVERNMENT_HEAD)
    english = _official("o1", "Wang Yong", None, "Vice Governor", Rank.DEPUTY_GOVERNMENT_HEAD)
    homophone = _official("o2", "王永", RegionCode.HB, "秘书长", Rank.SECRETARY_GENERAL)
    folder = _write(
        tmp_path / "docs",
        _document("a", "zh", "湖北会议", hubei, homophone),
        _document("b", "zh", "四川会议", sichuan),
        _document("c", "zh", "湖北會議", traditional),
        _document("d", "en", "a meeting", english),
    )
    corpus = consolidate_paths([folder])
    assert _person_of(corpus, "a", "o1") == _person_of(corpus, "c", "o1")
    assert _person_of(corpus, "a", "o1") != _person_of(corpus, "b", "o1")
    assert _person_of(corpus, "a", "o2") != _person_of(corpus, "a", "o1")  # same pinyin
    # An English name of no stated region fits both 王勇: it is linked to neither.
    alone = next(p for p in corpus.people if SourceRef(doc_id="d", record="o1") in p.sources)
    assert len(alone.sources) == 1
    assert len(corpus.people) == 4


def test_namesakes_holding_clashing_offices_at_one_time_are_two_people(tmp_path: Path) -> None:
    secretary = _official("o1", "王勇", RegionCode.HB, "省委书记", Rank.PARTY_SECRETARY)
    governor = _official("o1", "王勇", RegionCode.HB, "省长", Rank.GOVERNMENT_HEAD)
    later = _official("o1", "王勇", RegionCode.HB, "省委书记", Rank.PARTY_SECRETARY)
    documents = [
        _document("a", "zh", "会议甲", secretary),
        _document("b", "zh", "会议乙", governor),
        _document("c", "zh", "会议丙", later).model_copy(update={"published": dt.date(2026, 1, 1)}),
    ]
    corpus = consolidate_paths([_write(tmp_path / "docs", *documents)])
    assert _person_of(corpus, "a", "o1") != _person_of(corpus, "b", "o1")  # same month
    assert _person_of(corpus, "a", "o1") == _person_of(corpus, "c", "o1")  # same office
    # Two years on, a governor may well have become the secretary: that is not a clash.
    promoted = _document("d", "zh", "会议丁", secretary).model_copy(
        update={"published": dt.date(2026, 6, 1)}
    )
    corpus = consolidate_paths([_write(tmp_path / "more", documents[1], promoted)])
    assert _person_of(corpus, "b", "o1") == _person_of(corpus, "d", "o1")


def test_hong_kong_initials_match_the_full_english_name(tmp_path: Path) -> None:
    initials = _official("o1", "K W Chan", RegionCode.HK, "Chief Executive", Rank.GOVERNMENT_HEAD)
    full = _official("o1", "Chan Ka-wai", RegionCode.HK, "CE", Rank.GOVERNMENT_HEAD)
    other = _official("o1", "Chan Siu-ming", RegionCode.HK, "CE", Rank.GOVERNMENT_HEAD)
    folder = _write(
        tmp_path / "docs",
        _document("a", "en", "a", initials),
        _document("b", "en", "b", full),
        _document("c", "en", "c", other),
    )
    corpus = consolidate_paths([folder])
    assert _person_of(corpus, "a", "o1") == _person_of(corpus, "b", "o1")
    assert _person_of(corpus, "c", "o1") != _person_of(corpus, "a", "o1")


def test_mechanism_names_are_bridged_across_languages_and_scripts() -> None:
    found = mechanism_named_in("粵港合作聯席第27次會議")
    assert found is not None and found.id == "hkgd"
    hkgd = mechanism_named_in(
        "27th Plenary of the Hong Kong/Guangdong Co-operation Joint Conference"
    )
    assert hkgd is found
    bay = mechanism_named_in("粤港澳大湾区建设工作推进会")
    assert bay is not None and bay.id == "gba"  # the longest name wins over 粤港
    assert mechanism_named_in("Hong Kong/Shenzhen Co-operation Meeting 2031") is not found
    assert mechanism_named_in("a YRD leaders' meeting") is mechanism_named_in("长三角座谈会")
    assert edition_number("长江三角洲城市经济协调会第十七次市长联席会") == 17
    assert edition_number("Third Session of the joint meeting") == 3
    assert edition_number("粵港合作聯席第27次會議") == 27


def test_a_malformed_or_missing_file_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    shutil.copy(GOLD / f"{EN_2023}.json", folder)
    (folder / "broken.json").write_text('{"doc_id": "broken", ', encoding="utf-8")
    (folder / "wrong.json").write_text('{"doc_id": "wrong", "language": "fr"}', encoding="utf-8")
    (folder / "run.json").write_text('{"articles": []}', encoding="utf-8")  # a run's own log
    out = tmp_path / "out" / "corpus.json"
    result = subprocess.run(
        [sys.executable, "-m", "extract", "consolidate", str(folder), str(tmp_path / "gone"),
         "--out", str(out), "--db", str(tmp_path / "out" / "corpus.sqlite")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "broken.json: not valid JSON" in result.stderr
    assert "wrong.json: language" in result.stderr
    assert "gone: no such file or folder" in result.stderr
    assert "run.json" not in result.stderr
    corpus = load_corpus(out)
    assert [d.doc_id for d in corpus.documents] == [EN_2023]
    assert len(corpus.problems) == 3
    assert corpus.meetings and corpus.people


def test_the_database_opens_in_sqlite_and_answers_queries(
    seed_corpus: Corpus, tmp_path: Path
) -> None:
    path = write_database(seed_corpus, tmp_path / "corpus.sqlite")
    with sqlite3.connect(path) as connection:
        venues = connection.execute(
            """SELECT v.value, v.status, v.doc_id FROM series s
               JOIN editions e ON e.series_id = s.id
               JOIN conflicts c ON c.subject = 'edition' AND c.subject_id = e.id
               JOIN conflict_values v ON v.conflict_id = c.id
               WHERE s.mechanism = 'yrd' AND e.year = 2024 ORDER BY v.value"""
        ).fetchall()
        attended = connection.execute(
            """SELECT DISTINCT pa.meeting_id FROM person_names pn
               JOIN participation pa ON pa.person_id = pn.person_id
               WHERE pn.written IN ('毛伟明', 'Mao Weiming')"""
        ).fetchall()
        (sources,) = connection.execute("SELECT count(*) FROM sources").fetchone()
    assert venues == [("CN-AH", "planned", PLANNED_2024), ("CN-ZJ", "reported", HELD_2024)]
    assert len(attended) == 3  # the joint meeting and the two side talks
    records = sum(len(d.meetings) + len(d.officials) + len(d.resolutions) for d in _seed_docs())
    assert sources == records
    shell = shutil.which("sqlite3")
    if shell:  # the analyst's tool reads the same file
        out = subprocess.run(
            [shell, str(path), "SELECT count(*) FROM meetings;"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert int(out.stdout) == len(seed_corpus.meetings)


def _seed_docs() -> list[Document]:
    return [
        Document.model_validate_json(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")
    ]


def test_corpus_is_deterministic_and_round_trips(seed_corpus: Corpus, tmp_path: Path) -> None:
    again = consolidate_paths(sorted(GOLD.glob("*.json"), reverse=True))
    assert dump_corpus(again).replace(str(GOLD) + "/", "") == dump_corpus(seed_corpus).replace(
        str(GOLD) + "/", ""
    )
    path = tmp_path / "corpus.json"
    path.write_text(dump_corpus(seed_corpus), encoding="utf-8")
    assert load_corpus(path) == seed_corpus


def test_corpus_types_export_as_json_schema(seed_corpus: Corpus, tmp_path: Path) -> None:
    import jsonschema  # a dev dependency, as pytest is

    result = subprocess.run(
        [sys.executable, "-m", "schemas", "export", "--out", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    written = {Path(line).name: Path(line) for line in result.stdout.splitlines()}
    assert set(written) == {
        "document.schema.json", "corpus.schema.json", "consolidation-gold.schema.json"
    }  # fmt: skip
    corpus_schema = json.loads(written["corpus.schema.json"].read_text(encoding="utf-8"))
    assert corpus_schema["title"] == "Corpus"
    jsonschema.validate(seed_corpus.model_dump(mode="json"), corpus_schema)
    gold_schema = json.loads(written["consolidation-gold.schema.json"].read_text(encoding="utf-8"))
    gold = json.loads((ROOT / "evals" / "consolidation-gold.json").read_text(encoding="utf-8"))
    jsonschema.validate(gold, gold_schema)
    ConsolidationGold.model_validate(gold)


def _renumbered(document: Document) -> Document:
    """The same records under other ids, as an extraction run would number them."""
    data = json.loads(dump_document(document))
    data["meetings"].reverse()
    for meeting in data["meetings"]:
        meeting["id"] = "x" + meeting["id"]
    for official in data["officials"]:
        official["id"] = "y" + official["id"]
        for part in official["meetings"]:
            part["meeting"] = "x" + part["meeting"]
    for resolution in data["resolutions"]:
        resolution["id"] = "z" + resolution["id"]
        resolution["meeting"] = "x" + resolution["meeting"]
    return Document.model_validate(data)


def test_scorer_pairs_predicted_records_with_gold_records(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(
        json.dumps(
            {
                "document_dirs": [str(GOLD)],
                "documents": [p.stem for p in sorted(GOLD.glob("*.json"))],
                "meetings": [[f"{EN_2023}:m1", f"{ZH_2023}:m1"]],
                "people": [[f"{EN_2023}:o1", f"{ZH_2023}:o1"]],
                "conflicts": [
                    {
                        "subject": "edition",
                        "field": "venue",
                        "values": [
                            {"value": "CN-ZJ", "sources": [f"{HELD_2024}:m1"]},
                            {"value": "CN-AH", "sources": [f"{PLANNED_2024}:r3"]},
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    predicted = _write(tmp_path / "pred", *(_renumbered(d) for d in _seed_docs()))
    corpus_path = tmp_path / "corpus.json"
    corpus = consolidate_paths([predicted])
    corpus_path.write_text(dump_corpus(corpus), encoding="utf-8")
    report = score_consolidation(gold_path, corpus_path)
    assert report["errors"] == []
    for label in ("meetings", "people"):
        scores = report[label]
        assert (scores["true_pairs"], scores["correct_pairs"]) == (1, 1)
        assert scores["pairwise_f1"] == scores["bcubed_f1"] == 1.0
    assert report["conflicts"]["found"] == 1
    # A wrong merge is seen: put two different people of 001 into one consolidated person.
    wrong = corpus.model_copy(deep=True)
    first, second = [p for p in wrong.people if p.sources[0].doc_id == ZH_2023][:2]
    first.sources += second.sources
    wrong.people.remove(second)
    corpus_path.write_text(dump_corpus(wrong), encoding="utf-8")
    people = score_consolidation(gold_path, corpus_path)["people"]
    assert people["pairwise_precision"] == 0.5 and people["wrong_merges"]


def test_sources_disagreeing_on_a_meeting_field_keep_every_value(tmp_path: Path) -> None:
    english, chinese = (_seed(EN_2023), _seed(ZH_2023))
    english.meetings[0].city, english.meetings[0].province = "Kunming", RegionCode.YN
    english.officials[0].positions[0].rank = Rank.OTHER  # "Deputy Secretary" misread
    corpus = consolidate_paths([_write(tmp_path / "docs", english, chinese)])
    meeting_id = _meeting_of(corpus, EN_2023, "m1")
    assert _meeting_of(corpus, ZH_2023, "m1") == meeting_id  # same mechanism and day
    conflicts = {c.field: c for c in corpus.conflicts if c.subject_id == meeting_id}
    assert set(conflicts) == {"city", "province"}
    values = {v.value: [str(s) for s in v.sources] for v in conflicts["province"].values}
    assert values == {"CN-YN": [f"{EN_2023}:m1"], "CN-GZ": [f"{ZH_2023}:m1"]}
    # One source each, both primary: the tie goes to the first source, and says so.
    assert conflicts["province"].preferred == "CN-YN"
    assert conflicts["province"].rule and "tie" in conflicts["province"].rule
    offices = next(c for c in corpus.conflicts if c.subject == "person")
    assert offices.field == f"offices at {meeting_id}" and offices.preferred is None


def _seed(doc_id: str) -> Document:
    return Document.model_validate_json((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


README_QUERIES = {
    "pprd_participants": """
        SELECT e.year, p.name_en, p.name_zh, p.region,
               group_concat(DISTINCT pa.doc_id) AS reported_by
        FROM series s
        JOIN editions e ON e.series_id = s.id
        JOIN participation pa ON pa.meeting_id = e.meeting_id
        JOIN people p ON p.id = pa.person_id
        WHERE s.mechanism = 'pprd' AND s.kind = 'joint_meeting' AND e.year >= 2010
        GROUP BY e.year, p.id
        ORDER BY e.year, p.name_en""",
    "yrd_2024_venue": """
        SELECT m.city, v.value AS venue, v.status, v.doc_id, v.record_id, c.preferred, c.rule
        FROM series s
        JOIN editions e ON e.series_id = s.id
        JOIN meetings m ON m.id = e.meeting_id
        JOIN conflicts c ON c.subject = 'edition' AND c.subject_id = e.id AND c.field = 'venue'
        JOIN conflict_values v ON v.conflict_id = c.id
        WHERE s.mechanism = 'yrd' AND s.kind = 'symposium' AND e.year = 2024""",
    "huang_qiang": """
        SELECT DISTINCT m.id, COALESCE(m.start_date, d.published) AS date, m.kind,
               substr(n.name, 1, 40) AS name, pa.roles
        FROM person_names pn
        JOIN participation pa ON pa.person_id = pn.person_id
        JOIN meetings m ON m.id = pa.meeting_id
        JOIN meeting_names n ON n.meeting_id = m.id AND n.doc_id = pa.doc_id
        JOIN documents d ON d.doc_id = pa.doc_id
        WHERE pn.pinyin = 'Huang Qiang' OR pn.written IN ('黄强', '黃強')
        ORDER BY m.id""",
}
DEVSET_GOLD = ROOT / "evals" / "devset"


@requires("devset")  # the development gold's spans are read from its articles
def test_readme_queries_over_seeds_and_devset_gold(tmp_path: Path) -> None:
    path = write_database(consolidate_paths([GOLD, DEVSET_GOLD]), tmp_path / "corpus.sqlite")
    with sqlite3.connect(path) as connection:
        rows = {name: connection.execute(sql).fetchall() for name, sql in README_QUERIES.items()}
    years = {row[0] for row in rows["pprd_participants"]}
    assert {2010, 2023} <= years
    assert (2023, "Mao Weiming", "毛伟明", "CN-HN", f"{EN_2023},{ZH_2023}") in rows[
        "pprd_participants"
    ]
    assert [(r[1], r[2], r[3]) for r in rows["yrd_2024_venue"]] == [
        ("CN-ZJ", "reported", HELD_2024), ("CN-AH", "planned", PLANNED_2024)
    ]  # fmt: skip
    # Huang Qiang is one person in four articles (English pinyin and Chinese characters).
    assert len(rows["huang_qiang"]) == 4


def test_merge_scores_count_invented_and_missing_records_apart() -> None:
    gold_group = {"a:m1": "a:m1", "b:m1": "a:m1", "c:m1": "c:m1"}
    pairing = {"a:x1": "a:m1", "c:x1": "c:m1"}  # b's meeting was not extracted; c:x2 invented
    predicted = {"a:x1": "M1", "c:x1": "M2", "c:x2": "M2"}
    scores = score_merges(predicted, pairing, gold_group)
    assert (scores["covered"], scores["gold_records"], scores["pairs_not_extracted"]) == (2, 3, 1)
    # The invented record merged into c's meeting is the one wrong pair; nothing true was missed.
    assert (scores["true_pairs"], scores["predicted_pairs"], scores["correct_pairs"]) == (0, 1, 0)
    assert scores["pairwise_precision"] == 0.0 and scores["pairwise_recall"] == 1.0
    assert scores["bcubed_precision"] == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert scores["wrong_merges"] == [["c:x1", "c:x2"]]

"""People across careers: one official through posts in several regions, namesakes kept apart.

The inputs are the invented Document files in evals/consolidation-cases (invented names, their
evidence spans over invented text, so no article is needed) and Documents built here.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.consolidation import consolidate_paths
from extract.consolidation.careers import office_level
from extract.consolidation.identities import IdentitiesFileError, read_identities
from schemas import (
    Attendance,
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
from schemas.corpus import Person, SourceRef
from tests.conftest import GOLD, ROOT
from tests.requirements import requires

CASES = ROOT / "evals" / "consolidation-cases"
XIAMEN, GUIZHOU, TIANJIN = (
    "c04_career_xiamen_2016_en", "c05_career_guizhou_2019_zh", "c06_career_tianjin_2023_en"
)  # fmt: skip
QINGHAI_MARCH, NANCHANG, QINGHAI_JUNE = (
    "c01_namesake_qinghai_2025_zh", "c02_namesake_nanchang_2025_en", "c03_namesake_qinghai_2025_zh"
)  # fmt: skip
DISTRICT = "c07_namesake_district_2021_zh"
needs_articles = requires("devset")


@pytest.fixture(scope="module")
def cases() -> Corpus:
    return consolidate_paths([CASES])


def person_of(corpus: Corpus, doc_id: str, record: str = "o1") -> Person:
    ref = SourceRef(doc_id=doc_id, record=record)
    return next(p for p in corpus.people if ref in p.sources)


def test_an_official_moved_across_three_regions_is_one_person_with_a_dated_career(
    cases: Corpus,
) -> None:
    person = person_of(cases, XIAMEN)
    assert {s.doc_id for s in person.sources} == {XIAMEN, GUIZHOU, TIANJIN}
    career = [(p.as_of and p.as_of.year, p.region and p.region.value) for p in person.positions]
    assert career == [(2016, "CN-FJ"), (2019, "CN-GZ"), (2019, "CN-GZ"), (2023, "CN-TJ")]
    assert [p.source.doc_id for p in person.positions][::3] == [XIAMEN, TIANJIN]
    assert person.region == RegionCode.TJ  # where the career has led, not a conflict
    assert not [c for c in cases.conflicts if c.subject_id == person.id]
    assert [m.kind for m in person.merges] == ["career", "career"]
    reasons = " ".join(m.reason for m in person.merges)
    for evidence in ("Mayor of Xiamen", "2016-05-18", "贵州省委副书记", "2019-09-02", "Tianjin"):
        assert evidence in reasons


def test_namesakes_of_two_regions_in_the_same_months_are_two_people(cases: Corpus) -> None:
    qinghai = person_of(cases, QINGHAI_MARCH)
    assert {s.doc_id for s in qinghai.sources} == {QINGHAI_MARCH, QINGHAI_JUNE}  # 鄭 = 郑
    nanchang = person_of(cases, NANCHANG)
    assert nanchang.sources == [SourceRef(doc_id=NANCHANG, record="o1")]
    # Certainly two (two regions in one spring): not even a candidate.
    assert not [c for c in cases.candidates if nanchang.id in c.people]


def test_a_district_namesake_stays_apart_and_is_left_to_an_analyst(cases: Corpus) -> None:
    district = person_of(cases, DISTRICT)
    career = person_of(cases, XIAMEN)
    assert district.id != career.id
    (candidate,) = [c for c in cases.candidates if district.id in c.people]
    assert set(candidate.people) == {district.id, career.id}
    assert "possibly one person" in candidate.evidence and "清河区副区长" in candidate.evidence


def _official(name: str, region: RegionCode, title: str, rank: Rank) -> Official:
    return Official(
        id="o1",
        name=name,
        name_zh=name,
        region=region,
        positions=[Position(title=title, rank=rank, region=region)],
        meetings=[Attendance(meeting="m1", roles=[Role.ATTENDED])],
    )


def _document(doc_id: str, published: dt.date | None, official: Official) -> Document:
    return Document(
        doc_id=doc_id,
        language="zh",
        published=published,
        meetings=[Meeting(id="m1", name=f"会议{doc_id}", kind=MeetingKind.OTHER)],
        officials=[official],
    )


def _write(folder: Path, *documents: Document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (folder / f"{document.doc_id}.json").write_text(dump_document(document), encoding="utf-8")
    return folder


def test_undated_reports_or_a_leading_office_on_one_side_only_are_not_a_career(
    tmp_path: Path,
) -> None:
    secretary_a = _official("韩立平", RegionCode.HB, "湖北省委书记", Rank.PARTY_SECRETARY)
    secretary_b = _official("韩立平", RegionCode.SC, "四川省委书记", Rank.PARTY_SECRETARY)
    delegate = _official("韩立平", RegionCode.YN, "市领导", Rank.OTHER)
    folder = _write(
        tmp_path / "docs",
        _document("a", None, secretary_a),
        _document("b", dt.date(2020, 1, 1), secretary_b),
        _document("c", dt.date(2024, 1, 1), delegate),
    )
    corpus = consolidate_paths([folder])
    assert len(corpus.people) == 3
    evidence = {frozenset(c.people): c.evidence for c in corpus.candidates}
    assert len(evidence) == 3  # each pair is possibly one person; none is merged
    assert any("undated" in text for text in evidence.values())
    # Dated years apart, both a province's party secretary: a career.
    dated = _document("a", dt.date(2016, 1, 1), secretary_a)
    corpus = consolidate_paths(
        [_write(tmp_path / "dated", dated, _document("b", dt.date(2020, 1, 1), secretary_b))]
    )
    assert len(corpus.people) == 1 and corpus.people[0].merges[0].kind == "career"


def test_the_identities_file_joins_a_candidate_and_splits_a_merge(tmp_path: Path) -> None:
    identities = tmp_path / "identities.toml"
    identities.write_text(
        f'same = [["{DISTRICT}:o1", "{GUIZHOU}:o1"]]\n'
        f'different = [["{QINGHAI_MARCH}:o1", "{QINGHAI_JUNE}:o1"]]\n',
        encoding="utf-8",
    )
    corpus = consolidate_paths([CASES], read_identities(identities))
    career = person_of(corpus, DISTRICT)
    assert {s.doc_id for s in career.sources} == {XIAMEN, GUIZHOU, TIANJIN, DISTRICT}
    assert "analyst" in [m.kind for m in career.merges]
    assert person_of(corpus, QINGHAI_MARCH).id != person_of(corpus, QINGHAI_JUNE).id
    assert not corpus.candidates
    identities.write_text('same = [["only-one:o1"]]\n', encoding="utf-8")
    with pytest.raises(IdentitiesFileError, match="pairs"):
        read_identities(identities)


def test_every_merge_has_its_reason_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    subprocess.run(
        [sys.executable, "-m", "extract", "consolidate", str(GOLD), str(CASES), "--db", str(db),
         "--out", str(tmp_path / "corpus.json")],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    import sqlite3

    with sqlite3.connect(db) as connection:
        sources = dict(
            connection.execute(
                "SELECT merged_into, count(*) FROM sources WHERE record_type = 'official' "
                "GROUP BY merged_into"
            ).fetchall()
        )
        merges = dict(
            connection.execute(
                "SELECT person_id, count(*) FROM person_merges GROUP BY person_id"
            ).fetchall()
        )
        kinds = {row[0] for row in connection.execute("SELECT kind FROM person_merges")}
    # n records of one person were joined by n - 1 merges, each with its reason.
    assert merges == {person: n - 1 for person, n in sources.items() if n > 1}
    assert kinds == {"same_region", "career"}


@needs_articles
def test_people_f1_on_the_gold_documents(tmp_path: Path) -> None:
    corpus, report = tmp_path / "corpus.json", tmp_path / "report.json"
    folders = ["seeds/gold", "evals/devset", "evals/consolidation-cases"]
    subprocess.run(
        [sys.executable, "-m", "extract", "consolidate", *folders, "--out", str(corpus)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "evals", "consolidation", "--gold",
         "evals/consolidation-gold.json", "--pred", str(corpus), "--json", str(report),
         "--min-f1", "0.95"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    people = json.loads(report.read_text(encoding="utf-8"))["people"]
    assert people["pairwise_f1"] >= 0.95 and people["bcubed_f1"] >= 0.95
    assert people["wrong_merges"] == []


@pytest.mark.parametrize(
    ("title", "region", "level"),
    [
        ("浙江省委书记", RegionCode.ZJ, "provincial"),
        ("广西壮族自治区党委副书记", RegionCode.GX, "provincial"),
        ("Governor", RegionCode.JS, "provincial"),
        ("Party Secretary of Chongqing", RegionCode.CQ, "provincial"),
        ("Secretary of the Beijing Municipal Party Committee", RegionCode.BJ, "provincial"),
        ("上海市市长", RegionCode.SH, "provincial"),
        ("成都市委书记", RegionCode.SC, "municipal"),
        ("Mayor of the Shenzhen Municipal Government", RegionCode.GD, "municipal"),
        ("静安区区长", RegionCode.SH, "county"),
        ("County Party Secretary", RegionCode.YN, "county"),
        ("全国人大常委会副委员长", None, "national"),
        ("Secretary", RegionCode.HB, None),
    ],
)
def test_the_level_of_an_office_is_read_off_its_title(
    title: str, region: RegionCode | None, level: str | None
) -> None:
    position = Position(title=title, rank=Rank.PARTY_SECRETARY, region=region)
    assert office_level(position) == level


def _undated(doc_id: str, meeting_name: str, official: Official) -> Document:
    meeting = Meeting(id="m1", name=meeting_name, kind=MeetingKind.OTHER)
    return Document(doc_id=doc_id, language="zh", meetings=[meeting], officials=[official])


def test_undated_reports_are_dated_by_the_year_their_meetings_name(tmp_path: Path) -> None:
    mayor = _official("程启安", RegionCode.FJ, "福州市长", Rank.GOVERNMENT_HEAD)
    governor = _official("程启安", RegionCode.JX, "江西省长", Rank.GOVERNMENT_HEAD)
    secretary = _official("程启安", RegionCode.HN, "湖南省委书记", Rank.PARTY_SECRETARY)
    documents = (
        _undated("a", "2015年闽赣合作座谈会", mayor),
        _undated("b", "2019年赣湘合作联席会议", governor),
        _undated("c", "2019年湘鄂合作座谈会", secretary),
    )
    # 2015 and 2019 are years apart: one career.
    corpus = consolidate_paths([_write(tmp_path / "two", *documents[:2])])
    (person,) = corpus.people
    assert "in 2015 (a meeting's name)" in person.merges[0].reason
    # 2019 and 2019 in two regions cannot be told apart by the year alone; the 2015 record
    # then fits two people kept apart and joins neither. All is left to an analyst.
    corpus = consolidate_paths([_write(tmp_path / "three", *documents)])
    assert len(corpus.people) == 3
    evidence = " ".join(c.evidence for c in corpus.candidates)
    assert len(corpus.candidates) == 3 and "dated too close to tell" in evidence

"""A corpus that grows: `consolidate --db` adds to a real SQLite database and keeps every id.

The inputs are the seeds' gold, the invented Documents of evals/consolidation-cases and
Documents built here; every run goes through the command line, as an analyst's script would.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extract.consolidation import cli, database
from schemas import (
    Attendance,
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
from tests.conftest import GOLD, ROOT

CASES = ROOT / "evals" / "consolidation-cases"
TABLES = (
    "documents", "meetings", "people", "person_names", "positions", "participation", "series",
    "editions", "resolutions", "conflicts", "conflict_values", "sources", "person_merges",
    "person_candidates", "aliases", "document_files", "id_counters",
)  # fmt: skip


def consolidate(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extract", "consolidate", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as connection:
        return {t: sorted(connection.execute(f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def owners(db: Path) -> dict[tuple[str, str, str], str]:
    """Every document record -> the id of the consolidated record it is in."""
    with sqlite3.connect(db) as connection:
        found = connection.execute(
            "SELECT record_type, doc_id, record_id, merged_into FROM sources"
        ).fetchall()
        series = connection.execute("SELECT 'series', mechanism, kind, id FROM series").fetchall()
    return {(a, b, c): d for a, b, c, d in found + series}


def test_adding_a_second_folder_keeps_every_earlier_id(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    first = consolidate(GOLD, "--db", db)
    assert first.returncode == 0, first.stderr
    before = owners(db)
    second = consolidate(CASES, "--db", db, "--out", tmp_path / "corpus.json")
    assert second.returncode == 0, second.stderr
    assert "7 documents added, 0 replaced, 0 already there" in second.stdout
    after = owners(db)
    assert {key: after[key] for key in before} == before
    assert len(after) > len(before)
    # New records get numbers never given before.
    new_people = {after[k] for k in after if k not in before and k[0] == "official"}
    assert min(new_people) > max(v for k, v in before.items() if k[0] == "official")


def test_a_rerun_with_the_same_files_changes_no_row(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    assert consolidate(GOLD, CASES, "--db", db).returncode == 0
    before = rows(db)
    again = consolidate(CASES, GOLD, "--db", db)
    assert again.returncode == 0, again.stderr
    assert "0 documents added, 0 replaced, 12 already there" in again.stdout
    assert rows(db) == before


def _official(record_id: str, name: str, name_zh: str | None) -> Official:
    return Official(
        id=record_id,
        name=name,
        name_zh=name_zh,
        region=RegionCode.HK,
        positions=[Position(title="Secretary for Justice", rank=Rank.OTHER, region=RegionCode.HK)],
        meetings=[Attendance(meeting="m1", roles=[Role.ATTENDED])],
    )


def _document(doc_id: str, official: Official, city: str = "Hong Kong") -> Document:
    return Document(
        doc_id=doc_id,
        language="en",
        meetings=[Meeting(id="m1", name=f"meeting {doc_id}", kind=MeetingKind.OTHER, city=city)],
        officials=[official],
    )


def _write(folder: Path, *documents: Document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for document in documents:
        (folder / f"{document.doc_id}.json").write_text(dump_document(document), encoding="utf-8")
    return folder


def test_a_merge_keeps_the_older_id_and_the_other_becomes_an_alias(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    # Initials and a Chinese name share no key: two people, until an article gives both.
    consolidate(_write(tmp_path / "one", _document("a", _official("o1", "K W Cheung", None))),
                "--db", db)  # fmt: skip
    consolidate(_write(tmp_path / "two", _document("b", _official("o1", "张家伟", "张家伟"))),
                "--db", db)  # fmt: skip
    earlier = owners(db)
    older, younger = earlier[("official", "a", "o1")], earlier[("official", "b", "o1")]
    assert older < younger
    bridge = _official("o1", "Cheung Ka-wai", "张家伟")
    result = consolidate(_write(tmp_path / "three", _document("c", bridge)), "--db", db)
    assert result.returncode == 0, result.stderr
    later = owners(db)
    assert later[("official", "a", "o1")] == later[("official", "b", "o1")] == older
    with sqlite3.connect(db) as connection:
        aliases = connection.execute("SELECT alias, id FROM aliases").fetchall()
    assert aliases == [(younger, older)]


def test_a_changed_file_replaces_its_earlier_version(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    folder = _write(tmp_path / "docs", _document("a", _official("o1", "Lee Siu-fai", None)))
    consolidate(folder, "--db", db)
    before = owners(db)
    _write(folder, _document("a", _official("o1", "Lee Siu-fai", None), city="Kowloon"))
    result = consolidate(folder, "--db", db)
    assert "0 documents added, 1 replaced, 0 already there" in result.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT city FROM meetings").fetchall() == [("Kowloon",)]
        (content,) = connection.execute("SELECT content FROM document_files").fetchone()
    assert "Kowloon" in content
    assert owners(db) == before


def _args(paths: list[Path], db: Path) -> argparse.Namespace:
    return argparse.Namespace(paths=paths, db=db, out=None, html=None, identities=None)


def test_an_interrupted_add_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "corpus.sqlite"
    assert cli.consolidate_command(_args([GOLD], db)) == 0
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    real_insert = database._insert

    def failing_insert(connection: sqlite3.Connection, table: str, rows: list[object]) -> None:
        if table == "people":
            raise KeyboardInterrupt  # the analyst pressed Ctrl-C half-way through the write
        real_insert(connection, table, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(database, "_insert", failing_insert)
    with pytest.raises(KeyboardInterrupt):
        cli.consolidate_command(_args([CASES], db))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.sqlite"]  # no temporary left


def test_the_identities_file_beside_the_database_is_applied_on_every_run(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    assert consolidate(CASES, "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        (person_a, person_b) = connection.execute(
            "SELECT person_a, person_b FROM person_candidates"
        ).fetchone()
    # The analyst decides by the ids they see in the candidates table.
    (tmp_path / "identities.toml").write_text(
        f'same = [["{person_a}", "{person_b}"]]\n', encoding="utf-8"
    )
    for _ in range(2):
        assert consolidate(CASES, "--db", db).returncode == 0
        with sqlite3.connect(db) as connection:
            assert not connection.execute("SELECT * FROM person_candidates").fetchall()
            kinds = connection.execute(
                "SELECT kind FROM person_merges WHERE person_id = ?", (min(person_a, person_b),)
            ).fetchall()
        assert ("analyst",) in kinds
    shutil.copy(GOLD / "000_c87fae1540566935.json", tmp_path)
    assert consolidate(tmp_path / "000_c87fae1540566935.json", "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        assert ("analyst",) in connection.execute("SELECT kind FROM person_merges").fetchall()


def test_an_identities_pair_naming_no_record_is_reported(tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.toml"
    decisions.write_text('different = [["gone:o1", "000_c87fae1540566935:o1"]]\n', encoding="utf-8")
    result = consolidate(GOLD, "--out", tmp_path / "c.json", "--identities", decisions)
    assert result.returncode == 0, result.stderr
    assert "gone:o1 is no official record of the corpus" in result.stderr
    assert "000_c87fae1540566935:o1 is no" not in result.stderr
    missing = consolidate(GOLD, "--out", tmp_path / "c.json", "--identities", tmp_path / "none")
    assert missing.returncode == 2 and "none: cannot be read" in missing.stderr


def test_consolidate_needs_a_database_or_an_output_file(tmp_path: Path) -> None:
    result = consolidate(GOLD)
    assert result.returncode == 2 and "give --db, --out or both" in result.stderr


KILLED_MID_WRITE = """
import argparse, os, signal, sys
from pathlib import Path
from extract.consolidation import cli, database

real_insert = database._insert

def insert_then_die(connection, table, rows):
    if table == "people":
        os.kill(os.getpid(), signal.SIGKILL)  # the machine goes down half-way through the write
    real_insert(connection, table, rows)

database._insert = insert_then_die
args = argparse.Namespace(paths=[Path(sys.argv[1])], db=Path(sys.argv[2]), out=None, html=None,
                          identities=None)
sys.exit(cli.consolidate_command(args))
"""


def test_a_killed_add_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    assert consolidate(GOLD, "--db", db).returncode == 0
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_WRITE, str(CASES), str(db)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    with sqlite3.connect(db) as connection:  # still a whole database, of the seeds only
        assert connection.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    again = consolidate(CASES, "--db", db)  # the add, run again, completes
    assert "7 documents added" in again.stdout, again.stderr


def test_a_database_that_cannot_grow_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    assert consolidate(GOLD, "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:  # as the database of an earlier version was
        connection.execute("DROP TABLE document_files")
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    result = consolidate(CASES, "--db", db)
    assert result.returncode == 2 and "start a new one" in result.stderr
    (tmp_path / "notes.sqlite").write_text("not a database", encoding="utf-8")
    result = consolidate(CASES, "--db", tmp_path / "notes.sqlite")
    assert result.returncode == 2 and "not a corpus database" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest

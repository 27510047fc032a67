"""The corpus as a SQLite database an analyst queries with SQL (stdlib `sqlite3`).

SQLite rather than DuckDB: the corpus is small (thousands of rows), the standard library opens it
with no extra dependency, and the `sqlite3` shell that every analyst's machine has reads it.
Every table is listed in `SCHEMA` with its columns; dates are ISO text, region codes ISO 3166-2
text ("CN-GD"), lists (roles, members of a conflict value) comma-separated text. `sources` says
which consolidated record every document record was merged into; `person_merges` why records
were joined into one person, `person_candidates` the pairs left to an analyst, `aliases` the ids a
growing corpus gave out earlier that now name another record. `document_files` keeps each Document
as read (so the next run can add to the corpus) and `id_counters` the last number given per kind
of id (never given again). The file is written to a temporary name beside the target and renamed,
so a reader never sees half a database, and an interrupted write leaves the old one as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from pathlib import Path

from extract.consolidation.loading import LoadedDocument
from schemas.corpus import ConsolidatedMeeting, Corpus, FieldValue, Person, SourceRef

SCHEMA = """
CREATE TABLE documents (      -- one row per Document file read
    doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, language TEXT NOT NULL, published TEXT);
CREATE TABLE problems (       -- files or folders skipped, and why
    path TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE series (         -- a mechanism's recurring meeting (e.g. the Pan-PRD joint meeting)
    id TEXT PRIMARY KEY, mechanism TEXT NOT NULL, kind TEXT NOT NULL,
    name_en TEXT NOT NULL, name_zh TEXT NOT NULL);
CREATE TABLE meetings (       -- one row per real meeting; values chosen as in `conflicts`
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, mechanism TEXT,
    start_date TEXT, end_date TEXT, city TEXT, province TEXT, host TEXT,
    series_id TEXT REFERENCES series(id), edition_id TEXT);
CREATE TABLE editions (       -- one year's meeting of a series: reported, planned or both
    id TEXT PRIMARY KEY, series_id TEXT NOT NULL REFERENCES series(id), year INTEGER,
    ordinal INTEGER, meeting_id TEXT REFERENCES meetings(id), planned_host TEXT);
CREATE TABLE meeting_names (  -- a meeting's name as each source writes it
    meeting_id TEXT NOT NULL REFERENCES meetings(id), name TEXT NOT NULL,
    language TEXT NOT NULL, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE meeting_themes ( -- a meeting's stated theme as each source writes it
    meeting_id TEXT NOT NULL REFERENCES meetings(id), theme TEXT NOT NULL,
    language TEXT NOT NULL, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE meeting_members (-- the regions taking part in a meeting
    meeting_id TEXT NOT NULL REFERENCES meetings(id), region TEXT NOT NULL);
CREATE TABLE people (         -- one row per real person
    id TEXT PRIMARY KEY, region TEXT, name_zh TEXT, name_en TEXT);
CREATE TABLE person_names (   -- every name form, per source record
    person_id TEXT NOT NULL REFERENCES people(id), written TEXT NOT NULL,
    simplified TEXT, pinyin TEXT, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE positions (      -- an office as a source reports it, with the date it applied
    person_id TEXT NOT NULL REFERENCES people(id), title TEXT NOT NULL, rank TEXT NOT NULL,
    region TEXT, as_of TEXT, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE participation (  -- who took part in which meeting, per source record
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    roles TEXT NOT NULL, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE resolutions (    -- a meeting's decisions; next_edition_id: the edition it plans
    id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id), kind TEXT NOT NULL,
    in_principle INTEGER NOT NULL, next_host TEXT, next_year INTEGER,
    next_edition_id TEXT REFERENCES editions(id));
CREATE TABLE resolution_titles ( -- a decision's title as each source writes it
    resolution_id TEXT NOT NULL REFERENCES resolutions(id), title TEXT NOT NULL,
    language TEXT NOT NULL, doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE conflicts (      -- a field the sources disagree on, and the value shown
    id TEXT PRIMARY KEY, subject TEXT NOT NULL, subject_id TEXT NOT NULL, field TEXT NOT NULL,
    preferred TEXT, rule TEXT);
CREATE TABLE conflict_values (-- every value of a conflict with each source giving it
    conflict_id TEXT NOT NULL REFERENCES conflicts(id), value TEXT NOT NULL, status TEXT,
    doc_id TEXT NOT NULL, record_id TEXT NOT NULL);
CREATE TABLE sources (        -- every document record and the consolidated record it is in
    doc_id TEXT NOT NULL REFERENCES documents(doc_id), record_id TEXT NOT NULL,
    record_type TEXT NOT NULL, merged_into TEXT NOT NULL,
    PRIMARY KEY (doc_id, record_id, record_type));
CREATE TABLE person_merges (  -- why two official records were joined into one person
    person_id TEXT NOT NULL REFERENCES people(id), kind TEXT NOT NULL, reason TEXT NOT NULL,
    doc_id_a TEXT NOT NULL, record_a TEXT NOT NULL, doc_id_b TEXT NOT NULL, record_b TEXT NOT NULL);
CREATE TABLE person_candidates ( -- two people who are possibly one: for an analyst to decide
    person_a TEXT NOT NULL REFERENCES people(id), person_b TEXT NOT NULL REFERENCES people(id),
    evidence TEXT NOT NULL, doc_id_a TEXT NOT NULL, record_a TEXT NOT NULL,
    doc_id_b TEXT NOT NULL, record_b TEXT NOT NULL);
CREATE TABLE aliases (        -- an earlier id now naming the record with id `id`
    alias TEXT PRIMARY KEY, id TEXT NOT NULL, reason TEXT NOT NULL, doc_id TEXT,
    record_id TEXT);
CREATE TABLE document_files ( -- each Document as read, for the next run to add to
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id), sha256 TEXT NOT NULL,
    content TEXT NOT NULL);
CREATE TABLE id_counters (    -- the last number given to ids of each kind (M, P, R, S, E, C)
    prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);
"""

Row = tuple[object, ...]


def _text(value: FieldValue | None) -> str | None:
    if value is None:
        return None
    return ",".join(value) if isinstance(value, list) else str(value)


def _ref(source: SourceRef) -> tuple[str, str]:
    return source.doc_id, source.record


def _meeting_rows(meeting: ConsolidatedMeeting) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {
        "meetings": [
            (
                meeting.id,
                meeting.kind.value,
                meeting.mechanism,
                meeting.start_date and meeting.start_date.isoformat(),
                meeting.end_date and meeting.end_date.isoformat(),
                meeting.city,
                _text(meeting.province),
                _text(meeting.host),
                meeting.series,
                meeting.edition,
            )
        ],
        "meeting_names": [(meeting.id, n.text, n.language, *_ref(n.source)) for n in meeting.names],
        "meeting_themes": [
            (meeting.id, t.text, t.language, *_ref(t.source)) for t in meeting.themes
        ],
        "meeting_members": [(meeting.id, code.value) for code in meeting.members],
        "participation": [
            (meeting.id, p.person, ",".join(role.value for role in p.roles), *_ref(source))
            for p in meeting.participants
            for source in p.sources
        ],
        "resolutions": [],
        "resolution_titles": [],
        "sources": [(*_ref(s), "meeting", meeting.id) for s in meeting.sources],
    }
    for decision in meeting.resolutions:
        rows["resolutions"].append(
            (
                decision.id,
                meeting.id,
                decision.kind.value,
                int(decision.in_principle),
                _text(decision.next_host),
                decision.next_year,
                decision.next_edition,
            )
        )
        rows["resolution_titles"] += [
            (decision.id, t.text, t.language, *_ref(t.source)) for t in decision.titles
        ]
        rows["sources"] += [(*_ref(s), "resolution", decision.id) for s in decision.sources]
    return rows


def _person_rows(person: Person) -> dict[str, list[Row]]:
    name_zh = next((n.simplified for n in person.names if n.simplified), None)
    name_en = next((n.pinyin for n in person.names if n.pinyin), None)
    return {
        "people": [(person.id, _text(person.region), name_zh, name_en)],
        "person_names": [
            (person.id, n.written, n.simplified, n.pinyin, *_ref(source))
            for n in person.names
            for source in n.sources
        ],
        "positions": [
            (
                person.id,
                p.title,
                p.rank.value,
                _text(p.region),
                p.as_of and p.as_of.isoformat(),
                *_ref(p.source),
            )
            for p in person.positions
        ],
        "sources": [(*_ref(s), "official", person.id) for s in person.sources],
        "person_merges": [
            (person.id, m.kind, m.reason, *_ref(m.records[0]), *_ref(m.records[1]))
            for m in person.merges
        ],
    }


def _corpus_rows(corpus: Corpus) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {
        "documents": [
            (d.doc_id, d.path, d.language, d.published and d.published.isoformat())
            for d in corpus.documents
        ],
        "problems": [(p.path, p.reason) for p in corpus.problems],
        "series": [(s.id, s.mechanism, s.kind.value, s.name_en, s.name_zh) for s in corpus.series],
        "editions": [
            (e.id, s.id, e.year, e.ordinal, e.meeting, _text(e.planned_host))
            for s in corpus.series
            for e in s.editions
        ],
        "conflicts": [
            (c.id, c.subject, c.subject_id, c.field, _text(c.preferred), c.rule)
            for c in corpus.conflicts
        ],
        "conflict_values": [
            (c.id, _text(v.value), v.status, *_ref(source))
            for c in corpus.conflicts
            for v in c.values
            for source in v.sources
        ],
        "person_candidates": [
            (*c.people, c.evidence, *_ref(c.records[0]), *_ref(c.records[1]))
            for c in corpus.candidates
        ],
        "aliases": [
            (a.alias, a.id, a.reason, *(_ref(a.record) if a.record else (None, None)))
            for a in corpus.aliases
        ],
    }
    parts: Iterable[dict[str, list[Row]]] = [
        *(_meeting_rows(m) for m in corpus.meetings),
        *(_person_rows(p) for p in corpus.people),
    ]
    for part in parts:
        for table, table_rows in part.items():
            rows.setdefault(table, []).extend(table_rows)
    return rows


def _insert(connection: sqlite3.Connection, table: str, rows: Sequence[Row]) -> None:
    if rows:
        marks = ",".join("?" * len(rows[0]))
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def document_content(document: LoadedDocument) -> tuple[str, str]:
    """A Document's text as kept in the database, and its SHA-256 (what "changed" compares)."""
    content = document.document.model_dump_json()  # compact; Chinese kept as written
    return content, hashlib.sha256(content.encode("utf-8")).hexdigest()


def id_number(corpus_id: str) -> tuple[str, int] | None:
    """("P", 12) for "P0012"; None for an id not of that form."""
    found = re.fullmatch(r"([A-Z])(\d+)", corpus_id)
    return (found.group(1), int(found.group(2))) if found else None


def _counters(corpus: Corpus, given: Mapping[str, int]) -> list[Row]:
    last = dict(given)
    ids = [m.id for m in corpus.meetings] + [p.id for p in corpus.people]
    ids += [r.id for m in corpus.meetings for r in m.resolutions]
    ids += [s.id for s in corpus.series] + [e.id for s in corpus.series for e in s.editions]
    ids += [c.id for c in corpus.conflicts] + [a.alias for a in corpus.aliases]
    for corpus_id in ids:
        if (found := id_number(corpus_id)) is not None:
            last[found[0]] = max(last.get(found[0], 0), found[1])
    return sorted(last.items())


def write_database(
    corpus: Corpus,
    path: Path,
    documents: Sequence[LoadedDocument] = (),
    counters: Mapping[str, int] | None = None,
) -> Path:
    """Write the corpus as a new SQLite database at `path` (replacing any file there), with the
    Documents it was made from (so a later run can add to it) and the id counters."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    rows = _corpus_rows(corpus)
    rows["document_files"] = [
        (d.document.doc_id, *reversed(document_content(d))) for d in documents
    ]
    rows["id_counters"] = _counters(corpus, counters or {})
    try:
        with closing(sqlite3.connect(temporary)) as connection:
            connection.executescript(SCHEMA)
            for table, table_rows in rows.items():
                _insert(connection, table, table_rows)
            connection.commit()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path

"""A corpus that grows: new Document files added to a database, every id given out kept.

The database keeps each Document it was made from (`document_files`). Adding files reads them
back, skips a file whose Document is already there unchanged, replaces one whose Document changed
(same doc_id, other content), consolidates the whole again and then gives every consolidated
record the id it had: the id its source records were merged into before. A record made of records
of two earlier ones (a merge the new articles made possible) keeps the older id (the lower number)
and the other becomes an alias; a record with no earlier id gets the next number never given out.
Series, editions and conflicts keep their ids by what they are about (mechanism and kind; series,
year and number; subject, subject id and field). The new database is written whole beside the old
one and renamed over it, so an interrupted add leaves the old database exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.consolidation.database import document_content, id_number
from extract.consolidation.loading import LoadedDocument
from schemas.corpus import Corpus, IdAlias, SourceRef
from schemas.errors import ToolkitError
from schemas.models import Document

Key = tuple[object, ...]
"""What a consolidated record is about, the same in two runs: ("official", doc_id, record)."""


class CorpusDatabaseError(ToolkitError):
    """A database that cannot be added to (not a corpus database, or without its Documents)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class StoredCorpus:
    """What an existing database says: its Documents and which id each record had."""

    documents: dict[str, tuple[str, LoadedDocument]] = field(default_factory=dict)  # sha256
    owner: dict[Key, str] = field(default_factory=dict)
    aliases: dict[str, IdAlias] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def person_records(self) -> dict[str, str]:
        """Each person id (and alias) -> one of its records, "doc_id:record"."""
        found: dict[str, str] = {}
        for key, corpus_id in sorted(self.owner.items(), key=str):
            if key[0] == "official":
                found.setdefault(corpus_id, f"{key[1]}:{key[2]}")
        for alias in self.aliases.values():
            if alias.record is not None:
                found[alias.alias] = str(alias.record)
        return found


def _rows(connection: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return connection.execute(sql).fetchall()


def _owners(connection: sqlite3.Connection) -> dict[Key, str]:
    owner: dict[Key, str] = {}
    for doc_id, record, kind, merged in _rows(
        connection, "SELECT doc_id, record_id, record_type, merged_into FROM sources"
    ):
        owner[(kind, doc_id, record)] = merged
    for series_id, mechanism, kind in _rows(connection, "SELECT id, mechanism, kind FROM series"):
        owner[("series", mechanism, kind)] = series_id
    for edition_id, series_id, year, ordinal in _rows(
        connection, "SELECT id, series_id, year, ordinal FROM editions"
    ):
        owner[("edition", series_id, year, ordinal)] = edition_id
    for conflict_id, subject, subject_id, name in _rows(
        connection, "SELECT id, subject, subject_id, field FROM conflicts"
    ):
        owner[("conflict", subject, subject_id, name)] = conflict_id
    return owner


def _documents(connection: sqlite3.Connection, path: Path) -> dict[str, tuple[str, LoadedDocument]]:
    rows = _rows(
        connection,
        "SELECT d.doc_id, d.path, f.sha256, f.content FROM documents d "
        "LEFT JOIN document_files f ON f.doc_id = d.doc_id",
    )
    if any(content is None for *_, content in rows):
        raise CorpusDatabaseError(path, "written without its Documents: consolidate it anew")
    return {
        doc_id: (sha, LoadedDocument(Document.model_validate_json(content), Path(file)))
        for doc_id, file, sha, content in rows
    }


def read_stored(path: Path) -> StoredCorpus:
    """The corpus database at `path` as a starting point; an empty one if there is no file."""
    if not path.exists():
        return StoredCorpus()
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            tables = {row[0] for row in _rows(connection, "SELECT name FROM sqlite_master")}
            if "documents" in tables and "document_files" not in tables:
                reason = "written before corpora could grow (no Documents kept): start a new one"
                raise CorpusDatabaseError(path, reason)
            aliases = {
                alias: IdAlias(
                    alias=alias,
                    id=target,
                    reason=reason,
                    record=SourceRef(doc_id=doc_id, record=record) if doc_id else None,
                )
                for alias, target, reason, doc_id, record in _rows(
                    connection, "SELECT * FROM aliases"
                )
            }
            counters = dict(_rows(connection, "SELECT prefix, last FROM id_counters"))
            return StoredCorpus(
                _documents(connection, path), _owners(connection), aliases, counters
            )
    except sqlite3.DatabaseError as exc:
        raise CorpusDatabaseError(path, f"not a corpus database ({exc})") from exc


@dataclass(frozen=True)
class Added:
    """The Documents of the grown corpus and what happened to each file given."""

    documents: list[LoadedDocument]
    added: list[str]
    replaced: list[str]
    skipped: list[str]


def add_documents(stored: StoredCorpus, new: Iterable[LoadedDocument]) -> Added:
    """The stored Documents with the new ones: an unchanged one skipped, a changed one replacing
    its earlier version (by doc_id)."""
    documents = {doc_id: loaded for doc_id, (_, loaded) in stored.documents.items()}
    added: list[str] = []
    replaced: list[str] = []
    skipped: list[str] = []
    for loaded in new:
        doc_id = loaded.document.doc_id
        earlier = stored.documents.get(doc_id)
        if earlier is not None and earlier[0] == document_content(loaded)[1]:
            skipped.append(doc_id)
            continue
        (replaced if earlier is not None else added).append(doc_id)
        documents[doc_id] = loaded
    return Added(
        sorted(documents.values(), key=lambda d: d.document.doc_id), added, replaced, skipped
    )


@dataclass
class _Numbering:
    """Ids handed out in this run: earlier ids kept, aliases, and the next free numbers."""

    stored: StoredCorpus
    renamed: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    aliases: dict[str, IdAlias] = field(default_factory=dict)

    def assign(self, fresh_id: str, keys: list[Key], what: str) -> str:
        olds = {self.stored.owner[key] for key in keys if key in self.stored.owner}
        free = sorted((o for o in olds if o not in self.used), key=_order)
        if free:
            final = free[0]
            for other in free[1:]:
                reason = f"{what} {other} and {final} are one: {final}, the older id, is kept"
                record = _first_record(k for k in keys if self.stored.owner.get(k) == other)
                self.aliases[other] = IdAlias(alias=other, id=final, reason=reason, record=record)
                self.used.add(other)
        else:
            prefix = fresh_id[0]
            number = self.stored.counters.get(prefix, 0) + 1
            self.stored.counters[prefix] = number
            final = f"{prefix}{number:0{len(fresh_id) - 1}d}"
        self.used.add(final)
        self.renamed[fresh_id] = final
        return final


RECORD_KINDS = frozenset({"meeting", "official", "resolution"})


def _first_record(keys: Iterable[Key]) -> SourceRef | None:
    """The first document record among keys ("official", doc_id, record), if any."""
    records = sorted((str(k[1]), str(k[2])) for k in keys if k[0] in RECORD_KINDS)
    return SourceRef(doc_id=records[0][0], record=records[0][1]) if records else None


def _order(corpus_id: str) -> tuple[str, int]:
    return id_number(corpus_id) or (corpus_id, 0)


def _source_keys(kind: str, sources: Iterable[Any]) -> list[Key]:
    return [(kind, s.doc_id, s.record) for s in sources]


def _assign_all(corpus: Corpus, numbering: _Numbering) -> None:
    """Every consolidated record's final id, in an order where what a key names comes first."""
    for meeting in corpus.meetings:
        numbering.assign(meeting.id, _source_keys("meeting", meeting.sources), "meetings")
        for decision in meeting.resolutions:
            keys = _source_keys("resolution", decision.sources)
            numbering.assign(decision.id, keys, "decisions")
    for person in corpus.people:
        numbering.assign(person.id, _source_keys("official", person.sources), "people")
    for series in corpus.series:
        final = numbering.assign(
            series.id, [("series", series.mechanism, series.kind.value)], "series"
        )
        for edition in series.editions:
            numbering.assign(
                edition.id, [("edition", final, edition.year, edition.ordinal)], "editions"
            )
    for conflict in corpus.conflicts:
        subject = numbering.renamed.get(conflict.subject_id, conflict.subject_id)
        numbering.assign(
            conflict.id, [("conflict", conflict.subject, subject, conflict.field)], "conflicts"
        )


ID_FIELDS = frozenset(
    {"id", "series", "edition", "person", "people", "next_edition", "meeting", "meetings",
     "subject_id"}
)  # fmt: skip
"""The fields of the corpus whose values are corpus ids (a string or a list of them)."""


def _renamed(data: Any, rename: Callable[[str], str]) -> Any:
    if isinstance(data, list):
        return [_renamed(item, rename) for item in data]
    if not isinstance(data, dict):
        return data
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key in ID_FIELDS and isinstance(value, str):
            result[key] = rename(value)
        elif (
            key in ID_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            result[key] = [rename(v) for v in value]
        else:
            result[key] = _renamed(value, rename)
    return result


def _carried_aliases(stored: Mapping[str, IdAlias], new: Mapping[str, IdAlias]) -> list[IdAlias]:
    """Earlier aliases and new ones, each pointing at the id that names the record now."""
    aliases = {**stored, **new}

    def target(corpus_id: str) -> str:
        seen: set[str] = set()
        while corpus_id in aliases and corpus_id not in seen:
            seen.add(corpus_id)
            corpus_id = aliases[corpus_id].id
        return corpus_id

    return [
        alias.model_copy(update={"id": target(alias.id)})
        for _, alias in sorted(aliases.items(), key=lambda item: _order(item[0]))
    ]


def keep_ids(corpus: Corpus, stored: StoredCorpus) -> Corpus:
    """The corpus with every record under the id it had in `stored` (see the module docstring)."""
    numbering = _Numbering(stored)
    _assign_all(corpus, numbering)
    data = _renamed(corpus.model_dump(mode="json"), lambda i: numbering.renamed.get(i, i))
    data["aliases"] = [
        a.model_dump(mode="json") for a in _carried_aliases(stored.aliases, numbering.aliases)
    ]
    return Corpus.model_validate(data)


__all__: Sequence[str] = [
    "Added",
    "CorpusDatabaseError",
    "StoredCorpus",
    "add_documents",
    "keep_ids",
    "read_stored",
]

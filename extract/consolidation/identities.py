"""The analyst's decisions on who is one person: a small TOML file kept beside the corpus.

    # identities.toml
    same = [["d01:o2", "d07:o1"]]        # these records are one person
    different = [["d03:o1", "d09:o4"]]   # these are two people, whatever the rules say

A record is written "doc_id:record_id" (the form in the corpus's `sources`), which stays the same
however the corpus grows; a person's corpus id (P0012) may be written instead when the corpus
being grown knows it. Consolidation applies the file on every run, so a decision survives re-runs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from schemas.errors import ToolkitError

IDENTITIES_FILE = "identities.toml"
"""The file read from beside the database when no --identities is given."""


class IdentitiesFileError(ToolkitError):
    """An identities file that cannot be read or is not pairs of records."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


Pair = frozenset[str]


@dataclass(frozen=True)
class Identities:
    """Pairs of official records ("doc_id:record") an analyst says are one person, or two."""

    same: frozenset[Pair] = frozenset()
    different: frozenset[Pair] = frozenset()
    _component: Mapping[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, same: Iterable[Pair], different: Iterable[Pair]) -> Identities:
        """The decisions; a pair naming one record twice (two ids of one person) says nothing."""
        same = frozenset(pair for pair in same if len(pair) == 2)
        different = frozenset(pair for pair in different if len(pair) == 2)
        return cls(same, different, _components(same))

    def __bool__(self) -> bool:
        return bool(self.same or self.different)

    def one_person(self, a: str, b: str) -> bool:
        """Whether the analyst's `same` pairs join the two records (directly or in a chain)."""
        return a in self._component and self._component[a] == self._component.get(b)

    def two_people(self, a: str, b: str) -> bool:
        return frozenset({a, b}) in self.different

    def records(self) -> set[str]:
        """Every record the decisions name."""
        return {ref for pair in self.same | self.different for ref in pair}


def _components(pairs: Iterable[Pair]) -> dict[str, str]:
    """Each record of the pairs mapped to the smallest record of its chain of pairs."""
    parent: dict[str, str] = {}

    def root(ref: str) -> str:
        while parent.setdefault(ref, ref) != ref:
            ref = parent[ref]
        return ref

    for pair in pairs:
        first, second = sorted(root(ref) for ref in pair)
        parent[second] = first
    return {ref: root(ref) for ref in list(parent)}


def _pairs(path: Path, data: Mapping[str, object], key: str) -> list[list[str]]:
    value = data.get(key, [])
    valid = isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        for pair in value
    )
    if not valid:
        raise IdentitiesFileError(path, f"{key!r} must be a list of pairs of strings")
    assert isinstance(value, list)
    return value


def read_identities(path: Path, person_records: Mapping[str, str] | None = None) -> Identities:
    """The decisions in the file; a person id is replaced by one of its records
    (`person_records`: corpus id -> "doc_id:record"). Raises `IdentitiesFileError`."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise IdentitiesFileError(path, f"cannot be read ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise IdentitiesFileError(path, f"not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - {"same", "different"})
    if unknown:
        raise IdentitiesFileError(path, f"unknown keys {unknown}: only 'same' and 'different'")
    records = person_records or {}

    def pair(items: list[str]) -> Pair:
        refs = [records.get(item, item) for item in items]
        if any(":" not in ref for ref in refs):
            raise IdentitiesFileError(path, f"{items}: write records as doc_id:record_id")
        return frozenset(refs)

    return Identities.of(
        (pair(p) for p in _pairs(path, data, "same")),
        (pair(p) for p in _pairs(path, data, "different")),
    )

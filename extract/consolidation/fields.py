"""One value per field from many sources, and a `Conflict` wherever the sources disagree.

Nothing is averaged or silently picked: when sources give different values, every value is kept
with the sources that give it, and the value shown in the record is chosen by a stated rule.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from schemas.corpus import Conflict, ConflictSubject, ConflictValue, FieldValue, SourceRef

RULE_MOST_SOURCES = "given by the most sources"
RULE_PRIMARY = "given by the article mainly about this meeting"
RULE_FIRST = "tie: given by the first source in doc_id order"
RULE_REPORTED = "a venue reported as held outranks a planned one"
RULE_ALL_KEPT = "none preferred: every source's offices are kept in the person's positions"


@dataclass(frozen=True)
class Claim:
    """One source's value for a field. `key` is what is compared ("Guiyang" and "Guiyang City"
    are one key), `value` what is shown."""

    key: Hashable
    value: FieldValue
    source: SourceRef
    primary: bool = False
    status: Literal["reported", "planned"] | None = None


@dataclass(frozen=True)
class Resolved:
    """The value shown, and the conflict's values and rule when the claims disagree."""

    value: FieldValue | None
    conflict: list[ConflictValue] | None = None
    rule: str | None = None


def _order(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims grouped by key, best first: most sources, then most primary, then first source."""
    groups: dict[Hashable, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: (c.source.doc_id, c.source.record)):
        groups.setdefault(claim.key, []).append(claim)
    return sorted(groups.values(), key=lambda g: (-len(g), -sum(c.primary for c in g)))


def _rule(best: list[Claim], runner_up: list[Claim]) -> str:
    if len(best) != len(runner_up):
        return RULE_MOST_SOURCES
    if sum(c.primary for c in best) != sum(c.primary for c in runner_up):
        return RULE_PRIMARY
    return RULE_FIRST


def conflict_values(groups: list[list[Claim]]) -> list[ConflictValue]:
    return [
        ConflictValue(
            value=group[0].value, status=group[0].status, sources=[c.source for c in group]
        )
        for group in groups
    ]


def resolve(claims: Sequence[Claim]) -> Resolved:
    """The value of a field given `claims` (sources that state nothing make no claim)."""
    groups = _order(claims)
    if not groups:
        return Resolved(None)
    if len(groups) == 1:
        return Resolved(groups[0][0].value)
    return Resolved(groups[0][0].value, conflict_values(groups), _rule(groups[0], groups[1]))


@dataclass
class ConflictLog:
    """The corpus's conflicts, numbered in the order they are found."""

    conflicts: list[Conflict] = field(default_factory=list)

    def record(
        self, subject: ConflictSubject, subject_id: str, field_name: str, resolved: Resolved
    ) -> None:
        """Add a conflict if `resolved` has one."""
        if resolved.conflict is None:
            return
        self.conflicts.append(
            Conflict(
                id=f"C{len(self.conflicts) + 1:04d}",
                subject=subject,
                subject_id=subject_id,
                field=field_name,
                values=resolved.conflict,
                preferred=resolved.value,
                rule=resolved.rule,
            )
        )

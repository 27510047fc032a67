"""When two official records from different articles are one real person.

Names are compared by every key the scorer uses (`schemas.names.name_keys`: simplified and
traditional characters, pinyin with every reading, without tones, case or hyphens, surname first
or last), plus initials for Hong Kong and Macao English names ("C Y Lam" and "Lam Chun-ming").
A shared name is not enough when the records say they are two people: two different Chinese
names that happen to romanise alike, the same name in two regions at about the same time (two
officials called 王明, one of Hubei and one of Sichuan, in the same months, are two people), or,
reported at about the same time, offices one person cannot hold together (a province's party
secretary and its governor). The same name in two regions years apart is one official's career
when both records hold leading offices of a province or city (`careers`); otherwise the pair is
kept apart and listed as a candidate for an analyst, whose decisions (`identities`) come first.
Every join is kept with its kind, so the corpus can say why two records are one person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from extract.consolidation.careers import (
    SAME_TIME,
    at_one_time,
    evidence_text,
    far_apart,
    in_two_regions,
    is_career_step,
    leading_offices,
    spans_overlap,
)
from extract.consolidation.identities import Identities
from extract.consolidation.linkage import Link, cluster
from schemas.corpus import MergeKind, SourceRef
from schemas.mechanisms import year_named_in
from schemas.models import Document, Official, Rank
from schemas.names import fold_latin_name, has_cjk, name_keys, to_simplified
from schemas.regions import RegionCode


@dataclass(frozen=True)
class OfficialRecord:
    """One official record, with what its document adds to it."""

    document: Document
    official: Official
    keys: frozenset[str]
    name_zh: str | None  # simplified
    region: RegionCode | None  # the region represented, else the one its offices name
    as_of: dt.date | None  # the day of its meetings in the article, else the publication date

    # Computed once: the pair tests ask for them millions of times in a large corpus.
    @cached_property
    def ref(self) -> SourceRef:
        return SourceRef(doc_id=self.document.doc_id, record=self.official.id)

    @cached_property
    def ref_text(self) -> str:
        """The record written "doc_id:record" (as the identities file names it)."""
        return f"{self.document.doc_id}:{self.official.id}"

    @cached_property
    def when(self) -> tuple[dt.date, dt.date] | None:
        """When the record applied: its day, else the year a meeting it attended names (the
        whole year), else None."""
        if self.as_of is not None:
            return self.as_of, self.as_of
        attended = {part.meeting for part in self.official.meetings}
        years = [year_named_in(m.name) for m in self.document.meetings if m.id in attended]
        year = min((y for y in years if y is not None), default=None)
        return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year is not None else None

    @cached_property
    def leads(self) -> bool:
        """Whether it holds a leading office of a province or city (see `careers`)."""
        return bool(leading_offices(self))


def _record_region(official: Official) -> RegionCode | None:
    if official.region is not None:
        return official.region
    counts = Counter(p.region for p in official.positions if p.region is not None)
    return counts.most_common(1)[0][0] if counts else None


def _as_of(document: Document, official: Official) -> dt.date | None:
    attended = {attendance.meeting for attendance in official.meetings}
    days = [m.start_date for m in document.meetings if m.id in attended and m.start_date]
    return min(days) if days else document.published


def _simplified_name(official: Official) -> str | None:
    written = official.name_zh or (official.name if has_cjk(official.name) else None)
    return to_simplified("".join(written.split())) if written else None


def official_record(document: Document, official: Official) -> OfficialRecord:
    keys = name_keys(official.name, official.name_zh, official.name_en)
    return OfficialRecord(
        document,
        official,
        keys,
        _simplified_name(official),
        _record_region(official),
        _as_of(document, official),
    )


def _latin_words(name: str | None) -> list[str]:
    if not name or has_cjk(name):
        return []
    return [fold_latin_name(word) for word in re.split(r"[\s\-]+", name) if fold_latin_name(word)]


def initials_match(a: str | None, b: str | None) -> bool:
    """Whether one English name is the other with its given names as initials.

    "C Y Lam" ~ "Lam Chun-ming": the one full word is the other's surname (first or last)
    and the single letters are the initials of the other's given-name syllables, in order.
    """
    words_a, words_b = _latin_words(a), _latin_words(b)
    for short, full in ((words_a, words_b), (words_b, words_a)):
        initials = [w for w in short if len(w) == 1]
        surnames = [w for w in short if len(w) > 1]
        if not initials or len(surnames) != 1 or len(full) < 2:
            continue
        for surname, given in ((full[0], full[1:]), (full[-1], full[:-1])):
            if surname == surnames[0] and [w[0] for w in given] == initials:
                return True
    return False


def _english_names(record: OfficialRecord) -> list[str]:
    names = [record.official.name, record.official.name_en]
    return [name for name in names if name and not has_cjk(name)]


def same_name(a: OfficialRecord, b: OfficialRecord) -> bool:
    """A shared name key, or initials that fit the other's full English name."""
    if not a.keys.isdisjoint(b.keys):
        return True
    return any(initials_match(x, y) for x in _english_names(a) for y in _english_names(b))


# Offices one person cannot hold in one region at one time: a party secretary is never the
# government head, and nobody is an office's holder and its deputy at once.
CLASHING_RANKS: frozenset[frozenset[Rank]] = frozenset(
    {
        frozenset({Rank.PARTY_SECRETARY, Rank.GOVERNMENT_HEAD}),
        frozenset({Rank.PARTY_SECRETARY, Rank.DEPUTY_PARTY_SECRETARY}),
        frozenset({Rank.GOVERNMENT_HEAD, Rank.DEPUTY_GOVERNMENT_HEAD}),
    }
)


def offices_clash(a: OfficialRecord, b: OfficialRecord) -> bool:
    """Whether the two records, reported at about the same time, hold offices of one region
    that one person cannot hold together (and neither holds the other's office too)."""
    if a.as_of is None or b.as_of is None or abs(a.as_of - b.as_of) > SAME_TIME:
        return False
    offices_a = {(p.rank, p.region) for p in a.official.positions if p.region}
    offices_b = {(p.rank, p.region) for p in b.official.positions if p.region}
    return any(
        region_a == region_b
        and frozenset({rank_a, rank_b}) in CLASHING_RANKS
        and (rank_b, region_b) not in offices_a
        and (rank_a, region_a) not in offices_b
        for rank_a, region_a in offices_a
        for rank_b, region_b in offices_b
    )


def certainly_two(a: OfficialRecord, b: OfficialRecord) -> bool:
    """Two people whatever their names and whatever an analyst may think likely: from one
    article (it lists each person once), written in different Chinese characters, in two regions
    at about the same time, or holding offices at one time that one person cannot hold together."""
    return (
        a.document.doc_id == b.document.doc_id
        or (a.name_zh is not None and b.name_zh is not None and a.name_zh != b.name_zh)
        or (in_two_regions(a, b) and at_one_time(a, b))
        or offices_clash(a, b)
    )


NO_DECISIONS = Identities()


def kept_apart(a: OfficialRecord, b: OfficialRecord, identities: Identities = NO_DECISIONS) -> bool:
    """Never one person: the analyst says so, or the records are certainly two, or they are of
    two regions without the evidence of a career step (leading offices, dates far apart). An
    analyst's `same` pair is never kept apart."""
    if identities and identities.one_person(a.ref_text, b.ref_text):
        return False
    return (
        certainly_two(a, b)
        or (in_two_regions(a, b) and not is_career_step(a, b))
        or (bool(identities) and identities.two_people(a.ref_text, b.ref_text))
    )


def _shared_offices(a: OfficialRecord, b: OfficialRecord) -> bool:
    offices_a = {(p.rank, p.region) for p in a.official.positions}
    return any((p.rank, p.region) in offices_a for p in b.official.positions)


ANALYST_STRENGTH = 10.0
"""An analyst's pair is applied before any rule's link."""


def link_of(
    a: OfficialRecord, b: OfficialRecord, identities: Identities = NO_DECISIONS
) -> tuple[float, MergeKind] | None:
    """How strongly two records are one person, and by which rule; None when they are not.

    An analyst's pair first; in one region (or none stated) 1 for a shared name, plus 1 for the
    same known region, 1 for the same Chinese characters and 0.5 for an office of the same rank
    and region; a career step across regions 0.5, plus 0.25 for the same characters (applied
    after every same-region link, so a person's records in each region are together first)."""
    if identities.one_person(a.ref_text, b.ref_text):
        return ANALYST_STRENGTH, "analyst"
    if kept_apart(a, b, identities) or not same_name(a, b):
        return None
    same_characters = float(a.name_zh is not None and a.name_zh == b.name_zh)
    if in_two_regions(a, b):
        return 0.5 + 0.25 * same_characters, "career"
    strength = (
        1.0
        + float(a.region is not None and a.region == b.region)
        + same_characters
        + 0.5 * float(_shared_offices(a, b))
    )
    return strength, "same_region"


def link_strength(a: OfficialRecord, b: OfficialRecord) -> float | None:
    """The strength of `link_of` without analyst decisions (None: not one person)."""
    found = link_of(a, b)
    return found[0] if found else None


def _candidate_pairs(
    records: list[OfficialRecord], identities: Identities = NO_DECISIONS
) -> set[tuple[int, int]]:
    """Pairs sharing a name key, names with initials paired with every name sharing their
    surname, and the analyst's pairs (blocking: only these can be one person)."""
    by_key: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        for key in record.keys:
            by_key.setdefault(key, []).append(index)
        for word in {w for name in _english_names(record) for w in _latin_words(name)}:
            by_word.setdefault(word, []).append(index)
    pairs = {pair for indices in by_key.values() for pair in combinations(indices, 2)}
    for index, record in enumerate(records):
        for name in _english_names(record):
            words = _latin_words(name)
            if any(len(w) == 1 for w in words):
                for word in (w for w in words if len(w) > 1):
                    pairs.update(
                        (min(index, o), max(index, o)) for o in by_word[word] if o != index
                    )
    index_of = {record.ref_text: index for index, record in enumerate(records)}
    for pair in identities.same:
        found = sorted(index_of[ref] for ref in pair if ref in index_of)
        if len(found) == 2:
            pairs.add((found[0], found[1]))
    return pairs


def _could_clash(found: list[tuple[float, int]], records: list[OfficialRecord]) -> bool:
    """Whether any two of these partners might be kept apart (a quick test before the pairs)."""
    partners = [records[j] for _, j in found]
    return (
        len({p.document.doc_id for p in partners}) < len(partners)
        or len({p.name_zh for p in partners if p.name_zh}) > 1
        or len({p.region for p in partners if p.region}) > 1
    )


def _unambiguous(
    links: list[Link], records: list[OfficialRecord], identities: Identities
) -> list[Link]:
    """The links left when a record's link to one person is dropped if it links as strongly to
    someone who cannot be that person: a name that fits two people names neither."""
    partners: dict[int, list[tuple[float, int]]] = {}
    for strength, i, j in links:
        partners.setdefault(i, []).append((strength, j))
        partners.setdefault(j, []).append((strength, i))
    apart: dict[tuple[int, int], bool] = {}  # a pair is asked about once per shared partner

    def is_apart(j: int, k: int) -> bool:
        pair = (min(j, k), max(j, k))
        if pair not in apart:
            apart[pair] = kept_apart(records[j], records[k], identities)
        return apart[pair]

    ambiguous = {
        (min(i, j), max(i, j))
        for i, found in partners.items()
        if _could_clash(found, records)
        for strength, j in found
        if strength < ANALYST_STRENGTH
        and any(
            other >= strength and is_apart(j, k)
            for other, k in found
            if k != j and other < ANALYST_STRENGTH  # an analyst's partner is this very person
        )
    }
    return [link for link in links if (link[1], link[2]) not in ambiguous]


@dataclass(frozen=True)
class Join:
    """Two records whose link joined their groups, and the rule that linked them."""

    first: int
    second: int
    kind: MergeKind
    reason: str


@dataclass(frozen=True)
class PeopleLinkage:
    """Who is one person: the groups of record indices, how they were joined, and the pairs of
    groups the evidence leaves open (`candidates`: record index, record index, evidence)."""

    groups: list[list[int]]
    joins: list[Join]
    candidates: list[tuple[int, int, str]]


VERDICTS: dict[MergeKind, str] = {
    "analyst": "one person by the identities file",
    "same_region": "one person: the same name, nothing keeping them apart",
    "career": "one person's career: the same name, leading offices in two regions years apart",
}


def _open_question(a: OfficialRecord, b: OfficialRecord) -> str:
    if in_two_regions(a, b) and (a.when is None or b.when is None):
        return "possibly one person: two regions, a report undated"
    if in_two_regions(a, b) and not far_apart(a, b):
        return "possibly one person: two regions, dated too close to tell"
    if in_two_regions(a, b):
        return "possibly one person: two regions years apart, not both in leading offices"
    return "possibly one person: the name also fits a person kept apart from one of them"


def _candidates(
    records: list[OfficialRecord],
    pairs: set[tuple[int, int]],
    group_of: dict[int, int],
    identities: Identities,
) -> list[tuple[int, int, str]]:
    """One candidate per pair of groups sharing a name that nothing proves are two people."""
    found: dict[tuple[int, int], tuple[int, int, str]] = {}
    for i, j in sorted(pairs):
        groups = (min(group_of[i], group_of[j]), max(group_of[i], group_of[j]))
        a, b = records[i], records[j]
        if groups[0] == groups[1] or groups in found or not same_name(a, b):
            continue
        if certainly_two(a, b) or identities.two_people(a.ref_text, b.ref_text):
            continue
        found[groups] = (i, j, evidence_text(a, b, _open_question(a, b)))
    return list(found.values())


@dataclass(frozen=True)
class _JoinRule:
    """Whether two groups of records may become one person (`cluster`'s `can_join`)."""

    records: list[OfficialRecord]
    identities: Identities
    analyst_joined: frozenset[int]  # records an analyst's pair joined

    def apart(self, a: OfficialRecord, b: OfficialRecord, decided: bool) -> bool:
        # A group an analyst's pair made is one person by their word: only what proves two
        # people (not a mere lack of evidence for a career) keeps it from another group.
        if decided:
            return certainly_two(a, b) or self.identities.two_people(a.ref_text, b.ref_text)
        return kept_apart(a, b, self.identities)

    def __call__(self, group_a: list[int], group_b: list[int]) -> bool:
        decided = not self.analyst_joined.isdisjoint(group_a + group_b)
        records = self.records
        if any(self.apart(records[i], records[j], decided) for i in group_a for j in group_b):
            return False
        return decided or not spans_overlap(records[i] for i in group_a + group_b)


def _links(
    records: list[OfficialRecord], pairs: set[tuple[int, int]], identities: Identities
) -> dict[tuple[int, int], tuple[float, MergeKind]]:
    """Every candidate pair that is one person, with its strength and rule."""
    found = {pair: link_of(records[pair[0]], records[pair[1]], identities) for pair in pairs}
    return {pair: link for pair, link in sorted(found.items()) if link is not None}


def link_people(
    records: list[OfficialRecord], identities: Identities = NO_DECISIONS
) -> PeopleLinkage:
    """Indices of the records that are one person, group by group, with every join's reason.

    A record whose name fits two people who are kept apart (an English "Wang Ming" of no stated
    region, beside a 王明 of Hubei and one of Sichuan) joins neither. Two groups join only when
    no record of one is kept apart from a record of the other and, together, they are never in
    two regions at one time; an analyst's pair joins whatever the rules say.
    """
    pairs = _candidate_pairs(records, identities)
    linked = _links(records, pairs, identities)
    links: list[Link] = [(strength, i, j) for (i, j), (strength, _) in linked.items()]
    analyst = frozenset(i for pair, (_, kind) in linked.items() if kind == "analyst" for i in pair)
    applied: list[Link] = []
    rule = _JoinRule(records, identities, analyst)
    groups = cluster(len(records), _unambiguous(links, records, identities), rule, applied)
    joins = [
        Join(i, j, kind, evidence_text(records[i], records[j], VERDICTS[kind]))
        for _, i, j in applied
        for kind in [linked[(i, j)][1]]
    ]
    group_of = {index: n for n, group in enumerate(groups) for index in group}
    return PeopleLinkage(groups, joins, _candidates(records, pairs, group_of, identities))


def group_people(records: list[OfficialRecord]) -> list[list[int]]:
    """Indices of the records that are one person, group by group (see `link_people`)."""
    return link_people(records).groups

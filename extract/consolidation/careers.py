"""Careers: when one name in two regions, years apart, is one official who was transferred.

Cadres move between provinces as a matter of course, and the officials who move are the leading
ones: a province's party secretary or governor, a city's party secretary or mayor. Two records
of one name in two regions are one person's career when both hold such an office (`LEADING_RANKS`
at a level in `CAREER_LEVELS`, read off the title by `LEVEL_WORDS`) and their dates are far
enough apart for a transfer (`SAME_TIME`). Held at about the same time, offices in two regions are
two people; lower offices (a district head, "city leaders", a delegate) or an undated report give
no such evidence, and the pair is left to an analyst as a candidate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from schemas.models import Position, Rank
from schemas.regions import RegionCode, region, region_mentions

if TYPE_CHECKING:
    from extract.consolidation.people import OfficialRecord

Level = Literal["national", "provincial", "municipal", "county"]

SAME_TIME = dt.timedelta(days=90)
"""Offices reported this close together are held at the same time (a transfer takes longer)."""

LEADING_RANKS = frozenset(
    {Rank.PARTY_SECRETARY, Rank.DEPUTY_PARTY_SECRETARY, Rank.GOVERNMENT_HEAD, Rank.LEGISLATURE_HEAD}
)
"""The offices whose holders are moved between regions (and are rarely two people of a name)."""

CAREER_LEVELS: frozenset[Level] = frozenset({"provincial", "municipal"})

# The words of a title that give its level, lowest first: a title naming a district within a
# city is the district's ("静安区区长"). 自治区 and 特别行政区 are provinces, not districts.
LEVEL_WORDS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    (
        "county",
        re.compile(
            r"(?<!自治)(?<!行政)区(?:委|长|政府|人大|政协)|县|镇|乡|街道"
            r"|\b(?:district|county|township|town)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "provincial",
        re.compile(
            r"省|自治区|自治區|行政长官|行政長官"
            r"|\bprovinc|\bgovernor\b|autonomous region|chief executive",
            re.IGNORECASE,
        ),
    ),
    ("municipal", re.compile(r"市|州|\b(?:city|municipal|mayor|prefecture)\b", re.IGNORECASE)),
    ("national", re.compile(r"中央|全国|国务院|\b(?:national|state council)\b", re.IGNORECASE)),
)


def office_level(position: Position) -> Level | None:
    """The level of an office from its title; a city office of Beijing, Tianjin, Shanghai or
    Chongqing is provincial (the city is a province). A title naming no level but a province
    ("Party Secretary of Chongqing", "Zhejiang Party chief") is the province's."""
    for level, words in LEVEL_WORDS:
        if words.search(position.title):
            in_a_city_province = (
                position.region is not None and region(position.region).kind == "municipality"
            )
            return "provincial" if level == "municipal" and in_a_city_province else level
    return "provincial" if region_mentions(position.title) else None


def leading_offices(record: OfficialRecord) -> list[Position]:
    """The record's leading offices at a provincial or municipal level."""
    return [
        p
        for p in record.official.positions
        if p.rank in LEADING_RANKS and office_level(p) in CAREER_LEVELS
    ]


def in_two_regions(a: OfficialRecord, b: OfficialRecord) -> bool:
    return a.region is not None and b.region is not None and a.region != b.region


def at_one_time(a: OfficialRecord, b: OfficialRecord) -> bool:
    """Both dated, and close enough together to be held at once."""
    return a.as_of is not None and b.as_of is not None and abs(a.as_of - b.as_of) <= SAME_TIME


def far_apart(a: OfficialRecord, b: OfficialRecord) -> bool:
    """Both dated (a day, or a year a meeting's name gives), more than `SAME_TIME` apart."""
    if a.when is None or b.when is None:
        return False
    return max(a.when[0], b.when[0]) - min(a.when[1], b.when[1]) > SAME_TIME


def is_career_step(a: OfficialRecord, b: OfficialRecord) -> bool:
    """Two regions, dated far apart, both records holding a leading office."""
    return in_two_regions(a, b) and far_apart(a, b) and a.leads and b.leads


def spans_overlap(records: Iterable[OfficialRecord]) -> bool:
    """Whether the dated records of a would-be person put them in two regions at one time: each
    region's first and last date, extended by `SAME_TIME`, must not meet another region's."""
    spans: dict[RegionCode, tuple[dt.date, dt.date]] = {}
    for record in records:
        if record.region is None or record.when is None:
            continue
        first, last = spans.get(record.region, record.when)
        spans[record.region] = (min(first, record.when[0]), max(last, record.when[1]))
    ordered = sorted(spans.values())
    return any(
        earlier[1] + SAME_TIME >= later[0]
        for index, earlier in enumerate(ordered)
        for later in ordered[index + 1 :]
    )


def _office_text(record: OfficialRecord) -> str:
    offices = "; ".join(
        f"{p.title} ({p.rank.value}{', ' + p.region.value if p.region else ''})"
        for p in record.official.positions
    )
    if record.as_of is not None:
        date = record.as_of.isoformat()
    else:
        date = f"in {record.when[0].year} (a meeting's name)" if record.when else "undated"
    return f"{record.ref}: {offices or 'no office'}, {date}"


def evidence_text(a: OfficialRecord, b: OfficialRecord, verdict: str) -> str:
    """The evidence about two records in words: names, offices and dates, then the verdict."""
    names = " / ".join(
        dict.fromkeys(
            n
            for r in (a, b)
            for n in (r.official.name, r.name_zh, r.official.name_en)
            if n is not None
        )
    )
    return f"{verdict}: name {names}; {_office_text(a)}; {_office_text(b)}"

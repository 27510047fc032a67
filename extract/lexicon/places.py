"""Places below the provincial level (prefecture-level cities, counties, districts) and the
province each lies in, so that "湖州市委书记", "Mayor of the Shenzhen Municipal Government" or a
meeting "in Ningbo" name their province as "浙江省" would.

The table is cpca's list of China's administrative divisions (GB/T 2260 codes, whose first two
digits are the province). Only its CSV file is read: importing cpca itself would load pandas.
English names are the pinyin of the Chinese name without its suffix ("湖州市" -> "Huzhou",
"静安区" -> "Jing'an"), which is how English news writes them.

Running text is searched conservatively, because a two-character place name is often also a
common word or a given name: Chinese needs the name with its suffix ("湖州市", "文山州"); English
needs a place word after the name ("Huzhou City", "Shenzhen Municipal", "Jing'an District") or
"of/in/at/from" before a prefecture-level city's name. A name two provinces share is no place.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution

from pypinyin import Style, lazy_pinyin

from schemas.names import has_cjk, to_simplified
from schemas.regions import RegionCode, fold_place_name, resolve_region, running_text

# GB/T 2260 province prefixes.
_PROVINCE_PREFIX: dict[str, RegionCode] = {
    "11": RegionCode.BJ, "12": RegionCode.TJ, "13": RegionCode.HE, "14": RegionCode.SX,
    "15": RegionCode.NM, "21": RegionCode.LN, "22": RegionCode.JL, "23": RegionCode.HL,
    "31": RegionCode.SH, "32": RegionCode.JS, "33": RegionCode.ZJ, "34": RegionCode.AH,
    "35": RegionCode.FJ, "36": RegionCode.JX, "37": RegionCode.SD, "41": RegionCode.HA,
    "42": RegionCode.HB, "43": RegionCode.HN, "44": RegionCode.GD, "45": RegionCode.GX,
    "46": RegionCode.HI, "50": RegionCode.CQ, "51": RegionCode.SC, "52": RegionCode.GZ,
    "53": RegionCode.YN, "54": RegionCode.XZ, "61": RegionCode.SN, "62": RegionCode.GS,
    "63": RegionCode.QH, "64": RegionCode.NX, "65": RegionCode.XJ, "71": RegionCode.TW,
    "81": RegionCode.HK, "82": RegionCode.MO,
}  # fmt: skip

# Table rows that are groupings, not places.
_NOT_PLACES = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划"}
)

# The suffix a Chinese place name drops in its short form, longest first.
_ZH_SUFFIXES = ("自治州", "自治县", "自治旗", "地区", "林区", "盟", "市", "州", "县", "区", "旗")


@dataclass(frozen=True)
class Place:
    """One division below the provincial level."""

    name_zh: str  # the full name as the table writes it ("湖州市")
    short_zh: str  # without its suffix ("湖州")
    pinyin: str  # lower case, an apostrophe where English writes one ("jing'an")
    prefecture_level: bool
    region: RegionCode
    code: str = ""  # GB/T 2260: province (2 digits), prefecture (4), place (6)

    @property
    def english(self) -> str:
        """The English name news writes ("Huzhou", "Jing'an")."""
        return self.pinyin[:1].upper() + self.pinyin[1:]


def _resource(name: str) -> str | None:
    try:
        return str(distribution("cpca").locate_file(f"cpca/resources/{name}"))
    except PackageNotFoundError:
        return None


def _peoples() -> tuple[str, ...]:
    path = _resource("56_nations.csv")
    if path is None:
        return ()
    with open(path, encoding="utf-8") as lines:
        return tuple(line.strip() for line in lines if line.strip())


def _short_name(name: str, peoples: tuple[str, ...]) -> str:
    """ "湖州市" -> "湖州"; an autonomous prefecture or county also drops its peoples
    ("文山壮族苗族自治州" -> "文山"); a name that would be one character stays whole."""
    short = next((name[: -len(s)] for s in _ZH_SUFFIXES if name.endswith(s)), name)
    if "自治" in name:
        cuts = [short.find(people) for people in peoples if short.find(people) > 0]
        short = short[: min(cuts)] if cuts else short
    return short if len(short) >= 2 else name


def _pinyin(short_zh: str) -> str:
    syllables = lazy_pinyin(short_zh, style=Style.NORMAL)
    # English writes an apostrophe before a syllable that starts with a vowel ("Xi'an").
    return "".join(
        ("'" if k and s[:1] in "aeo" else "") + s for k, s in enumerate(syllables)
    ).lower()


@cache
def places() -> tuple[Place, ...]:
    """Every place in the table (empty if cpca is not installed)."""
    path, peoples = _resource("adcodes.csv"), _peoples()
    if path is None:
        return ()
    found = []
    with open(path, encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            code, name = row["adcode"], row["name"].strip()
            region = _PROVINCE_PREFIX.get(code[:2])
            if region is None or name in _NOT_PLACES or code[2:] == "0" * (len(code) - 2):
                continue
            short = _short_name(name, peoples)
            prefecture = code[4:] == "0" * (len(code) - 4)
            found.append(Place(name, short, _pinyin(short), prefecture, region, code[:6]))
    return tuple(found)


def _unambiguous(pairs: list[tuple[str, RegionCode]]) -> dict[str, RegionCode]:
    regions: dict[str, set[RegionCode]] = defaultdict(set)
    for key, region in pairs:
        regions[key].add(region)
    return {key: codes.pop() for key, codes in regions.items() if len(codes) == 1}


def _english_kind(place: Place) -> str:
    """The English word for the kind of place ("district" for 区), used to tell apart places
    whose pinyin is the same (静安区 in Shanghai, 靖安县 in Jiangxi)."""
    if place.prefecture_level:
        return "city"
    if place.name_zh.endswith("区"):
        return "district"
    return "city" if place.name_zh.endswith("市") else "county"


@cache
def _indexes() -> tuple[dict[str, RegionCode], dict[str, RegionCode]]:
    """(Chinese names, full and short) and (English keys: "huzhou" for a prefecture-level
    city, "jingan#district" for any place by its kind)."""
    chinese: list[tuple[str, RegionCode]] = []
    english: list[tuple[str, RegionCode]] = []
    for place in places():
        chinese += [(place.name_zh, place.region), (place.short_zh, place.region)]
        key = fold_place_name(place.pinyin)
        english += [(f"{key}#{_english_kind(place)}", place.region), (f"{key}#any", place.region)]
        if place.prefecture_level and resolve_region(key) is None:
            # Not "hainan" alone: that is the province, not Qinghai's 海南州.
            english.append((key, place.region))
    return _unambiguous(chinese), _unambiguous(english)


_EN_KIND_WORDS = {
    "city": "city",
    "municipality": "city",
    "prefecture": "city",
    "district": "district",
    "county": "county",
}
_EN_NAME_AND_KIND = re.compile(
    r"^(?P<name>.+?)(?:\s+(?:autonomous\s+)?(?P<kind>city|municipality|prefecture|district|county))?$",
    re.IGNORECASE,
)


def place_region(name: str | None) -> RegionCode | None:
    """The province of the one place a short text names ("湖州", "湖州市", "Huzhou City",
    "Jing'an District"), else None (unknown, or a name two provinces share)."""
    if not name or not name.strip():
        return None
    chinese, english = _indexes()
    text = unicodedata.normalize("NFKC", name).strip()
    if has_cjk(text):
        return chinese.get(to_simplified(text))
    key, kind = _english_key(text)
    return (english.get(f"{key}#{kind}") if kind else None) or english.get(
        key if kind else f"{key}#any"
    )


def _english_key(text: str) -> tuple[str, str | None]:
    """An English place name's index key and the kind it names ("Jing'an District" ->
    ("jingan", "district"); "Huzhou" -> ("huzhou", None))."""
    parts = _EN_NAME_AND_KIND.match(text)
    if parts is None:  # the pattern matches any non-empty text; kept for the type checker
        return fold_place_name(text), None
    kind = _EN_KIND_WORDS.get((parts.group("kind") or "").lower())
    return fold_place_name(parts.group("name")), kind


@cache
def _zh_pattern() -> re.Pattern[str]:
    chinese, _ = _indexes()
    # Full names only ("湖州市"), and "文山州" for an autonomous prefecture.
    names = {p.name_zh for p in places() if len(p.name_zh) >= 3 and p.name_zh in chinese}
    names |= {p.short_zh + "州" for p in places() if p.name_zh.endswith("自治州")}
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def _zh_region(name: str) -> RegionCode | None:
    chinese, _ = _indexes()
    if name in chinese:
        return chinese[name]
    return chinese.get(name.removesuffix("州"))


# A word, or two when English writes an apostrophe between syllables ("jing an").
_EN_WORD = re.compile(r"[a-z]+")
_EN_BEFORE = frozenset({"of", "in", "at", "from", "to"})
_EN_AFTER = {
    "city": "city",
    "prefecture": "city",
    "autonomous": "city",
    "municipal": "city",
    "municipality": "city",
    "party": "city",
    "government": "city",
    "mayor": "city",
    "delegation": "city",
    "district": "district",
    "county": "county",
}


def _english_mentions(folded: str) -> list[tuple[int, RegionCode]]:
    _, english = _indexes()
    tokens = [(m.start(), m.group(0)) for m in _EN_WORD.finditer(folded)]
    found = []
    for k, (position, _) in enumerate(tokens):
        before = tokens[k - 1][1] if k else ""
        for width in (2, 1):  # "jing an" before "jing"
            if k + width > len(tokens):
                continue
            joined = "".join(w for _, w in tokens[k : k + width])
            if width == 2 and tokens[k + 1][1][:1] not in "aeo":
                continue
            after = tokens[k + width][1] if k + width < len(tokens) else ""
            kind = _EN_AFTER.get(after)
            region = (english.get(f"{joined}#{kind}") if kind else None) or (
                english.get(joined) if kind or before in _EN_BEFORE else None
            )
            if region:
                found.append((position, region))
                break
    return found


def place_mentions(text: str) -> list[tuple[int, RegionCode]]:
    """Every place below the provincial level named in running text, as (position, province),
    positions in the same folded text as `schemas.regions.region_mentions`."""
    folded = running_text(text)  # as region_mentions folds it, so positions agree
    found = [
        (match.start(), region)
        for match in _zh_pattern().finditer(folded)
        if (region := _zh_region(match.group(0)))
    ]
    if re.search(r"[a-z]{3}", folded):
        found += _english_mentions(folded)
    return sorted(found)


# Provincial-level cities: a district or county of one is in that city (rule 33).
_MUNICIPALITY_PREFIXES = {"11": "Beijing", "12": "Tianjin", "31": "Shanghai", "50": "Chongqing"}


@cache
def _places_by_name() -> tuple[dict[str, Place], dict[str, Place]]:
    """(Chinese full and short names, English keys) -> the one place of that name."""
    chinese: dict[str, list[Place]] = defaultdict(list)
    english: dict[str, list[Place]] = defaultdict(list)
    for place in places():
        for name in {place.name_zh, place.short_zh}:
            chinese[name].append(place)
        key = fold_place_name(place.pinyin)
        english[f"{key}#{_english_kind(place)}"].append(place)
        english[f"{key}#any"].append(place)
    return (
        {k: v[0] for k, v in chinese.items() if len(v) == 1},
        {k: v[0] for k, v in english.items() if len(v) == 1},
    )


def _place_named(name: str) -> Place | None:
    chinese, english = _places_by_name()
    text = unicodedata.normalize("NFKC", name).strip()
    if has_cjk(text):
        return chinese.get(to_simplified(text))
    key, kind = _english_key(text)
    return english.get(f"{key}#{kind or 'any'}")


def city_of_place(name: str | None) -> str | None:
    """The English name of the city a district or county belongs to ("永川区", "Yongchuan
    District" -> "Chongqing"; a county of a prefecture-level city -> that city), else None: a
    city itself, an unknown name, or one the table gives twice."""
    place = _place_named(name) if name and name.strip() else None
    if place is None or place.prefecture_level or len(place.code) < 6:
        return None
    if place.name_zh.endswith("市"):
        return None  # a county-level city is a city of its own
    municipality = _MUNICIPALITY_PREFIXES.get(place.code[:2])
    if municipality:
        return municipality
    prefecture = place.code[:4] + "00"
    return next((p.english for p in places() if p.code == prefecture), None)


@cache
def _city_names() -> frozenset[str]:
    return frozenset(
        name for place in places() if place.prefecture_level
        for name in (place.name_zh, place.short_zh)
    )  # fmt: skip


def is_city_name(text: str) -> bool:
    """Whether a Chinese text is a prefecture-level city's name, full or short ("南京", "宁波市"):
    a city the model took for a person."""
    return to_simplified(text.strip()) in _city_names()


def city_leading(text: str) -> str | None:
    """The English city of the place a Chinese place text starts with, when it names more than
    a place ("曲靖市某县某山" -> "Qujing"; a district or county -> its city), else None."""
    chinese, _ = _places_by_name()
    for length in range(min(len(text) - 1, 8), 1, -1):
        place = chinese.get(text[:length])
        if place is not None and place.name_zh == text[:length]:  # a full name: "曲靖市"
            if place.prefecture_level:
                return place.english
            return city_of_place(place.name_zh) or place.english
    return None

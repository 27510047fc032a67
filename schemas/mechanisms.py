"""The cooperation mechanisms news reports meetings of, named in either language.

An English and a Chinese article about the same meeting share no words: "2023 Pan-Pearl River
Delta Regional Cooperation Executive Heads Joint Meeting" and "2023年泛珠三角区域合作行政首长
联席会议" only meet here, as the mechanism `pprd`. The consolidator compares meetings through
this table and names a meeting series by it; the kind words say which sort of meeting a decision
about "the next meeting" refers to. Entries are mechanisms (standing arrangements between
regions), never particular meetings or people.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from schemas.models import MeetingKind
from schemas.names import to_simplified
from schemas.regions import (
    JING_JIN_JI,
    PEARL_RIVER_DELTA_9_PLUS_2,
    YANGTZE_RIVER_DELTA,
    RegionCode,
)


@dataclass(frozen=True)
class Mechanism:
    """One standing cooperation arrangement and every name an article may give it."""

    id: str
    name_en: str
    name_zh: str
    names: tuple[str, ...]  # searched anywhere in a folded meeting name (see `fold_mechanism_text`)
    acronyms: tuple[str, ...] = ()  # searched as whole words only ("PPRD", "YRD")
    members: tuple[RegionCode, ...] = ()  # a fixed membership of three or more regions, if any


# fmt: off
MECHANISMS: tuple[Mechanism, ...] = (
    Mechanism("pprd", "Pan-Pearl River Delta regional cooperation", "泛珠三角区域合作",
              ("泛珠三角", "泛珠", "pan-pearl river delta", "pan pearl river delta"),
              ("pprd", "pan-prd"), PEARL_RIVER_DELTA_9_PLUS_2),
    Mechanism("yrd-cities", "Yangtze River Delta City Economic Coordination Council",
              "长江三角洲城市经济协调会",
              ("长江三角洲城市经济协调会", "长三角城市经济协调会",
               "yangtze river delta city economic coordination",
               "yangtze river delta urban economic coordination")),
    Mechanism("yrd", "Yangtze River Delta regional cooperation", "长三角区域合作",
              ("长江三角洲", "长三角", "yangtze river delta"), ("yrd",), YANGTZE_RIVER_DELTA),
    Mechanism("jjj", "Beijing-Tianjin-Hebei coordinated development", "京津冀协同发展",
              ("京津冀", "beijing-tianjin-hebei", "jing-jin-ji", "jingjinji"), ("jjj",),
              JING_JIN_JI),
    Mechanism("chengyu", "Chengdu-Chongqing economic circle", "成渝地区双城经济圈",
              ("成渝", "川渝", "chengdu-chongqing", "chongqing-sichuan", "sichuan-chongqing")),
    Mechanism("gba", "Guangdong-Hong Kong-Macao Greater Bay Area", "粤港澳大湾区",
              ("粤港澳", "大湾区", "greater bay area", "guangdong-hong kong-macao",
               "guangdong-hong kong-macau"), ("gba",)),
    Mechanism("hkgd", "Hong Kong/Guangdong co-operation", "粤港合作",
              ("粤港", "hong kong/guangdong", "hong kong-guangdong", "guangdong-hong kong",
               "guangdong/hong kong")),
    Mechanism("gdmo", "Guangdong/Macao co-operation", "粤澳合作",
              ("粤澳", "guangdong-macao", "guangdong-macau", "macao-guangdong",
               "macau-guangdong", "guangdong/macao")),
    Mechanism("hksz", "Hong Kong/Shenzhen co-operation", "深港合作",
              ("深港", "hong kong/shenzhen", "hong kong-shenzhen", "shenzhen-hong kong",
               "shenzhen/hong kong")),
    Mechanism("shmo", "Shanghai-Macao cooperation", "沪澳合作",
              ("沪澳", "shanghai-macao", "shanghai-macau")),
    Mechanism("guangfo", "Guangzhou-Foshan integration", "广佛同城化",
              ("广佛", "guangzhou-foshan")),
    Mechanism("yellow-river", "Yellow River basin inter-provincial cooperation",
              "黄河流域省际合作", ("黄河流域", "yellow river basin")),
)
# fmt: on

# The words that name each sort of meeting, checked in this order (the first kind named wins):
# the one table of meeting kinds, read by the extractor (a meeting's kind from its name) and by
# consolidation (the sort of meeting a decision on "the next meeting" means). Chinese words are
# simplified and match anywhere; English words match whole. "大会" and "forum" name a congress or
# a forum, which is not the joint meeting even when that meeting decides its venue.
MEETING_KIND_WORDS: tuple[tuple[MeetingKind, tuple[str, ...]], ...] = (
    (
        MeetingKind.JOINT_MEETING,
        ("联席会议", "联席会", "联席", "合作会议", "joint meeting", "joint conference",
         "co-operation conference", "cooperation conference", "co-operation meeting",
         "cooperation meeting"),
    ),
    (MeetingKind.PLENARY, ("全体会议", "plenary")),
    (MeetingKind.SYMPOSIUM, ("座谈会", "symposium")),
    (
        MeetingKind.TALKS,
        ("会谈", "座谈", "会见", "会晤", "会面", "talks", "met with", "meeting with",
         "meetings with", "discussion", "discussions"),
    ),
    (MeetingKind.VISIT, ("考察", "访问", "来访", "visit", "visits", "visited")),
    (
        MeetingKind.OTHER,
        ("论坛", "博览会", "洽谈会", "发布会", "推介会", "交流会", "大会", "forum", "trade fair",
         "expo", "press conference", "exchange meeting"),
    ),
)  # fmt: skip


def kind_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Chinese words anywhere, English words whole, longest first, without case."""
    ordered = sorted(set(words), key=len, reverse=True)
    parts = [
        re.escape(w) if re.search(r"[\u4e00-\u9fff]", w) else rf"\b{re.escape(w)}\b"
        for w in ordered
    ]
    return re.compile("|".join(parts).replace(r"\ ", r"\s+"), re.IGNORECASE)


KIND_PATTERNS: tuple[tuple[MeetingKind, re.Pattern[str]], ...] = tuple(
    (kind, kind_pattern(words)) for kind, words in MEETING_KIND_WORDS
)

SERIES_KINDS: dict[MeetingKind, tuple[str, str]] = {
    MeetingKind.JOINT_MEETING: ("joint meeting", "联席会议"),
    MeetingKind.SYMPOSIUM: ("symposium", "座谈会"),
}
"""The kinds a mechanism holds as a recurring series, with their English and Chinese names."""

_BY_ID: dict[str, Mechanism] = {mechanism.id: mechanism for mechanism in MECHANISMS}


def fold_mechanism_text(text: str) -> str:
    """Text as names are searched in it: NFKC, simplified, lower case, no spaces or punctuation."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    return re.sub(r"[\s\-'’_.,/&()（）·]", "", folded)


_FOLDED_NAMES: tuple[tuple[str, Mechanism], ...] = tuple(
    sorted(
        ((fold_mechanism_text(name), m) for m in MECHANISMS for name in m.names),
        key=lambda pair: -len(pair[0]),
    )
)


def mechanism(mechanism_id: str) -> Mechanism:
    """The table row of an id; raises KeyError for an unknown one."""
    return _BY_ID[mechanism_id]


def mechanism_named_in(text: str) -> Mechanism | None:
    """The mechanism whose longest name occurs in the text ("粵港合作聯席會議" -> hkgd), else None.

    The longest name wins, so "粤港澳大湾区" is the Greater Bay Area, not the 粤港 conference.
    """
    folded = fold_mechanism_text(text)
    for name, found in _FOLDED_NAMES:
        if name in folded:
            return found
    words = set(re.findall(r"[a-z][a-z-]*", unicodedata.normalize("NFKC", text).lower()))
    return next((m for m in MECHANISMS if words & set(m.acronyms)), None)


def mechanism_of_members(members: list[RegionCode] | tuple[RegionCode, ...]) -> Mechanism | None:
    """The mechanism whose fixed membership (three or more regions) is exactly these regions.

    Two regions never identify a mechanism: Guangdong and Hong Kong meet in several.
    """
    wanted = set(members)
    return next((m for m in MECHANISMS if m.members and set(m.members) == wanted), None)


def kind_named_in(text: str) -> MeetingKind | None:
    """The sort of meeting a phrase names ("……联席会议由云南省承办" -> joint_meeting), else None."""
    folded = to_simplified(unicodedata.normalize("NFKC", text))
    return next((kind for kind, pattern in KIND_PATTERNS if pattern.search(folded)), None)


_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_ZH_ORDINAL = re.compile(r"第([〇零一二两三四五六七八九十百\d]+)[次届屆]")
_EN_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_EN_ORDINALS) + r")\b", re.I)


def _chinese_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif char == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _ZH_DIGITS[char]
    return total + digit


def edition_number(name: str) -> int | None:
    """The ordinal a meeting's name gives it ("第十三次" -> 13, "15th Plenary" -> 15), else None."""
    match = _ZH_ORDINAL.search(unicodedata.normalize("NFKC", name))
    if match:
        return _chinese_number(match.group(1))
    match = _EN_ORDINAL.search(name)
    if match:
        return int(match.group(1)) if match.group(1) else _EN_ORDINALS[match.group(2).lower()]
    return None


def year_named_in(name: str) -> int | None:
    """A four-digit year written in a name ("2023年…", "… 2014"), else None."""
    match = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", unicodedata.normalize("NFKC", name))
    return int(match.group(1)) if match else None

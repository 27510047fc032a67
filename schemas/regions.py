"""The 34 provincial-level divisions of China, and the collective names news gives groups of them.

The extractor resolves place names in articles through this table and the scorer compares codes
from it, so both sides agree on what "粤", "廣東", "Guangdong Province" and "CN-GD" have in common.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class RegionCode(StrEnum):
    """ISO 3166-2:CN code of a provincial-level division."""

    BJ = "CN-BJ"
    TJ = "CN-TJ"
    HE = "CN-HE"
    SX = "CN-SX"
    NM = "CN-NM"
    LN = "CN-LN"
    JL = "CN-JL"
    HL = "CN-HL"
    SH = "CN-SH"
    JS = "CN-JS"
    ZJ = "CN-ZJ"
    AH = "CN-AH"
    FJ = "CN-FJ"
    JX = "CN-JX"
    SD = "CN-SD"
    HA = "CN-HA"
    HB = "CN-HB"
    HN = "CN-HN"
    GD = "CN-GD"
    GX = "CN-GX"
    HI = "CN-HI"
    CQ = "CN-CQ"
    SC = "CN-SC"
    GZ = "CN-GZ"
    YN = "CN-YN"
    XZ = "CN-XZ"
    SN = "CN-SN"
    GS = "CN-GS"
    QH = "CN-QH"
    NX = "CN-NX"
    XJ = "CN-XJ"
    TW = "CN-TW"
    HK = "CN-HK"
    MO = "CN-MO"


@dataclass(frozen=True)
class Region:
    """One provincial-level division and every name an article may call it by."""

    code: RegionCode
    kind: str  # province | municipality | autonomous_region | sar
    name_en: str
    name_zh: str  # simplified, full official name
    name_zh_hant: str  # traditional, full official name
    short_zh: tuple[str, ...]  # single-character abbreviations and common short names
    aliases_en: tuple[str, ...] = ()
    capital_en: str = ""


# fmt: off
REGIONS: tuple[Region, ...] = (
    Region(RegionCode.BJ, "municipality", "Beijing", "北京市", "北京市", ("京", "北京"),
           (), "Beijing"),
    Region(RegionCode.TJ, "municipality", "Tianjin", "天津市", "天津市", ("津", "天津"),
           (), "Tianjin"),
    Region(RegionCode.HE, "province", "Hebei", "河北省", "河北省", ("冀", "河北"),
           (), "Shijiazhuang"),
    Region(RegionCode.SX, "province", "Shanxi", "山西省", "山西省", ("晋", "山西"), (), "Taiyuan"),
    Region(RegionCode.NM, "autonomous_region", "Inner Mongolia",
           "内蒙古自治区", "內蒙古自治區", ("蒙", "内蒙古", "内蒙"),
           ("Nei Mongol",), "Hohhot"),
    Region(RegionCode.LN, "province", "Liaoning", "辽宁省", "遼寧省", ("辽", "辽宁"),
           (), "Shenyang"),
    Region(RegionCode.JL, "province", "Jilin", "吉林省", "吉林省", ("吉", "吉林"), (), "Changchun"),
    Region(RegionCode.HL, "province", "Heilongjiang", "黑龙江省", "黑龍江省", ("黑", "黑龙江"),
           (), "Harbin"),
    Region(RegionCode.SH, "municipality", "Shanghai", "上海市", "上海市", ("沪", "上海"),
           (), "Shanghai"),
    Region(RegionCode.JS, "province", "Jiangsu", "江苏省", "江蘇省", ("苏", "江苏"), (), "Nanjing"),
    Region(RegionCode.ZJ, "province", "Zhejiang", "浙江省", "浙江省", ("浙", "浙江"),
           (), "Hangzhou"),
    Region(RegionCode.AH, "province", "Anhui", "安徽省", "安徽省", ("皖", "安徽"), (), "Hefei"),
    Region(RegionCode.FJ, "province", "Fujian", "福建省", "福建省", ("闽", "福建"), (), "Fuzhou"),
    Region(RegionCode.JX, "province", "Jiangxi", "江西省", "江西省", ("赣", "江西"),
           (), "Nanchang"),
    Region(RegionCode.SD, "province", "Shandong", "山东省", "山東省", ("鲁", "山东"), (), "Jinan"),
    Region(RegionCode.HA, "province", "Henan", "河南省", "河南省", ("豫", "河南"), (), "Zhengzhou"),
    Region(RegionCode.HB, "province", "Hubei", "湖北省", "湖北省", ("鄂", "湖北"), (), "Wuhan"),
    Region(RegionCode.HN, "province", "Hunan", "湖南省", "湖南省", ("湘", "湖南"), (), "Changsha"),
    Region(RegionCode.GD, "province", "Guangdong", "广东省", "廣東省", ("粤", "广东"),
           (), "Guangzhou"),
    Region(RegionCode.GX, "autonomous_region", "Guangxi",
           "广西壮族自治区", "廣西壯族自治區", ("桂", "广西"),
           ("Guangxi Zhuang Autonomous Region",), "Nanning"),
    Region(RegionCode.HI, "province", "Hainan", "海南省", "海南省", ("琼", "海南"), (), "Haikou"),
    Region(RegionCode.CQ, "municipality", "Chongqing", "重庆市", "重慶市", ("渝", "重庆"),
           (), "Chongqing"),
    Region(RegionCode.SC, "province", "Sichuan", "四川省", "四川省", ("川", "蜀", "四川"),
           (), "Chengdu"),
    Region(RegionCode.GZ, "province", "Guizhou", "贵州省", "貴州省", ("黔", "贵", "贵州"),
           (), "Guiyang"),
    Region(RegionCode.YN, "province", "Yunnan", "云南省", "雲南省", ("滇", "云", "云南"),
           (), "Kunming"),
    Region(RegionCode.XZ, "autonomous_region", "Tibet", "西藏自治区", "西藏自治區", ("藏", "西藏"),
           ("Xizang", "Tibet Autonomous Region", "Xizang Autonomous Region"), "Lhasa"),
    Region(RegionCode.SN, "province", "Shaanxi", "陕西省", "陝西省", ("陕", "秦", "陕西"),
           (), "Xi'an"),
    Region(RegionCode.GS, "province", "Gansu", "甘肃省", "甘肅省", ("甘", "陇", "甘肃"),
           (), "Lanzhou"),
    Region(RegionCode.QH, "province", "Qinghai", "青海省", "青海省", ("青", "青海"), (), "Xining"),
    Region(RegionCode.NX, "autonomous_region", "Ningxia",
           "宁夏回族自治区", "寧夏回族自治區", ("宁", "宁夏"),
           ("Ningxia Hui Autonomous Region",), "Yinchuan"),
    Region(RegionCode.XJ, "autonomous_region", "Xinjiang",
           "新疆维吾尔自治区", "新疆維吾爾自治區", ("新", "新疆"),
           ("Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"), "Urumqi"),
    Region(RegionCode.TW, "province", "Taiwan", "台湾省", "臺灣省", ("台", "台湾", "臺灣"),
           (), "Taipei"),
    Region(RegionCode.HK, "sar", "Hong Kong", "香港特别行政区", "香港特別行政區", ("港", "香港"),
           ("Hong Kong SAR", "HKSAR", "Hong Kong Special Administrative Region"), "Hong Kong"),
    Region(RegionCode.MO, "sar", "Macao",
           "澳门特别行政区", "澳門特別行政區", ("澳", "澳门"),
           ("Macau", "Macao SAR", "Macau SAR", "MSAR", "Macao Special Administrative Region"),
           "Macao"),
)
# fmt: on

_BY_CODE: dict[RegionCode, Region] = {region.code: region for region in REGIONS}

PEARL_RIVER_DELTA_9_PLUS_2: tuple[RegionCode, ...] = (
    RegionCode.FJ,
    RegionCode.JX,
    RegionCode.HN,
    RegionCode.GD,
    RegionCode.GX,
    RegionCode.HI,
    RegionCode.SC,
    RegionCode.GZ,
    RegionCode.YN,
    RegionCode.HK,
    RegionCode.MO,
)
YANGTZE_RIVER_DELTA: tuple[RegionCode, ...] = (
    RegionCode.SH,
    RegionCode.JS,
    RegionCode.ZJ,
    RegionCode.AH,
)
GREATER_BAY_AREA: tuple[RegionCode, ...] = (RegionCode.GD, RegionCode.HK, RegionCode.MO)
JING_JIN_JI: tuple[RegionCode, ...] = (RegionCode.BJ, RegionCode.TJ, RegionCode.HE)
CHENGDU_CHONGQING: tuple[RegionCode, ...] = (RegionCode.CQ, RegionCode.SC)
# The nine provincial-level regions of the Yellow River basin, upstream to the sea.
YELLOW_RIVER_BASIN: tuple[RegionCode, ...] = (
    RegionCode.QH,
    RegionCode.SC,
    RegionCode.GS,
    RegionCode.NX,
    RegionCode.NM,
    RegionCode.SN,
    RegionCode.SX,
    RegionCode.HA,
    RegionCode.SD,
)

# Collective names, keyed by their folded form (see `fold_place_name`).
_COLLECTIVES: dict[str, tuple[RegionCode, ...]] = {
    "9+2": PEARL_RIVER_DELTA_9_PLUS_2,
    "泛珠": PEARL_RIVER_DELTA_9_PLUS_2,
    "泛珠三角": PEARL_RIVER_DELTA_9_PLUS_2,
    "泛珠三角区域": PEARL_RIVER_DELTA_9_PLUS_2,
    "panpearlriverdelta": PEARL_RIVER_DELTA_9_PLUS_2,
    "panpearlriverdeltaregion": PEARL_RIVER_DELTA_9_PLUS_2,
    "长三角": YANGTZE_RIVER_DELTA,
    "长三角地区": YANGTZE_RIVER_DELTA,
    "长三角区域": YANGTZE_RIVER_DELTA,
    "长江三角洲": YANGTZE_RIVER_DELTA,
    "长江三角洲地区": YANGTZE_RIVER_DELTA,
    "长江三角洲区域": YANGTZE_RIVER_DELTA,
    "三省一市": YANGTZE_RIVER_DELTA,
    "yangtzeriverdelta": YANGTZE_RIVER_DELTA,
    "yangtzeriverdeltaregion": YANGTZE_RIVER_DELTA,
    "threeprovincesandonemunicipality": YANGTZE_RIVER_DELTA,
    "粤港澳": GREATER_BAY_AREA,
    "粤港澳大湾区": GREATER_BAY_AREA,
    "大湾区": GREATER_BAY_AREA,
    "greaterbayarea": GREATER_BAY_AREA,
    "guangdonghongkongmacaogreaterbayarea": GREATER_BAY_AREA,
    "京津冀": JING_JIN_JI,
    "beijingtianjinhebei": JING_JIN_JI,
    "成渝": CHENGDU_CHONGQING,
    "成渝地区": CHENGDU_CHONGQING,
    "成渝地区双城经济圈": CHENGDU_CHONGQING,
    "chengduchongqing": CHENGDU_CHONGQING,
    "chengduchongqingeconomiccircle": CHENGDU_CHONGQING,
    "黄河流域": YELLOW_RIVER_BASIN,
    "沿黄": YELLOW_RIVER_BASIN,
    "沿黄河": YELLOW_RIVER_BASIN,
    "沿黄河各省区": YELLOW_RIVER_BASIN,
    "yellowriverbasin": YELLOW_RIVER_BASIN,
}

_EN_SUFFIXES = (
    "specialadministrativeregion",
    "autonomousregion",
    "municipality",
    "province",
    "sar",
)
_ZH_SUFFIXES = ("特别行政区", "特別行政區", "自治区", "自治區", "省", "市")


def fold_place_name(name: str) -> str:
    """Fold a place name to the key the lookup tables use: NFKC, lower case, no spaces or dashes."""
    folded = unicodedata.normalize("NFKC", name).lower()
    folded = re.sub(r"[\s\-'’_.,]", "", folded)
    return folded.removeprefix("the")


def _strip_suffix(key: str) -> str:
    for suffix in _EN_SUFFIXES + _ZH_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def _build_name_index() -> dict[str, RegionCode]:
    index: dict[str, RegionCode] = {}
    for region in REGIONS:
        names = (
            region.code.value,
            region.name_en,
            region.name_zh,
            region.name_zh_hant,
            *region.short_zh,
            *region.aliases_en,
        )
        for name in names:
            key = fold_place_name(name)
            index[key] = region.code
            index[_strip_suffix(key)] = region.code
    return index


_BY_NAME = _build_name_index()


def region(code: RegionCode | str) -> Region:
    """The table row for a code; raises KeyError for a code that is not provincial-level."""
    return _BY_CODE[RegionCode(code)]


def resolve_region(name: str) -> RegionCode | None:
    """The code of one region named in any form ("粤", "廣東省", "Guangdong Province", "CN-GD").

    Returns None for anything that is not exactly one provincial-level division; collective names
    ("9+2") resolve through `resolve_members` instead.
    """
    key = fold_place_name(name)
    return _BY_NAME.get(key) or _BY_NAME.get(_strip_suffix(key))


def resolve_members(name: str) -> tuple[RegionCode, ...]:
    """The member codes of a collective name ("9+2", "长三角", "三省一市").

    A single region's name resolves to that one code; anything unknown to an empty tuple.
    """
    key = fold_place_name(name)
    if key in _COLLECTIVES:
        return _COLLECTIVES[key]
    single = resolve_region(name)
    return (single,) if single else ()


def collective_members_in(text: str) -> tuple[RegionCode, ...]:
    """The members of the longest collective name occurring anywhere in the text, else ()."""
    folded = fold_place_name(text)
    found = [key for key in _COLLECTIVES if key in folded]
    return _COLLECTIVES[max(found, key=len)] if found else ()


def running_text(text: str) -> str:
    """Text folded for searching names in it: NFKC, lower case, separators one space."""
    return re.sub(r"[\s\-'’_.,]+", " ", unicodedata.normalize("NFKC", text).lower())


def _name_pattern(entry: Region) -> re.Pattern[str]:
    # Names of two or more characters only: single characters (粤, 湘) occur inside too many
    # unrelated words to be searched for in running text. Latin names are whole words, so "the
    # Beijing" does not name Hebei.
    names = (
        entry.name_en,
        entry.name_zh,
        _strip_suffix(entry.name_zh),
        *entry.short_zh,
        *entry.aliases_en,
    )
    forms = sorted({running_text(n).strip() for n in names if len(n) >= 2}, key=len, reverse=True)
    parts = [
        rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])" if form.isascii() else re.escape(form)
        for form in forms
    ]
    return re.compile("|".join(parts))


_SEARCHABLE: tuple[tuple[RegionCode, re.Pattern[str]], ...] = tuple(
    (entry.code, _name_pattern(entry)) for entry in REGIONS
)


_LOOSE_NAMES: frozenset[str] = frozenset(
    fold_place_name(name)
    for entry in REGIONS
    for name in (entry.name_en, entry.name_zh, _strip_suffix(entry.name_zh), *entry.short_zh,
                 *entry.aliases_en)
    if len(name) >= 2
)  # fmt: skip


def may_name_a_region(text: str) -> bool:
    """Whether any region name occurs in the text, even inside a longer word once spaces are
    folded away ("the Beijing" holds "hebei"). For deciding what to keep, where erring towards
    keeping is right; `region_mentions` is the exact reading."""
    folded = fold_place_name(text)
    return any(name in folded for name in _LOOSE_NAMES)


def region_mentions(text: str) -> list[tuple[int, RegionCode]]:
    """Every place a region is named in running text, as (position, code) in text order.

    Positions are in the folded text (NFKC, lower case, separators as one space), good for
    ordering and counting; a name inside a longer name of the same region ("贵州" in "贵州省")
    counts once, and a Latin name counts only as a whole word.
    """
    folded = running_text(text)
    found: set[tuple[int, RegionCode]] = set()
    for code, pattern in _SEARCHABLE:
        found.update((match.start(), code) for match in pattern.finditer(folded))
    return sorted(found)

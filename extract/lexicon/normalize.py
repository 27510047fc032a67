"""Normal forms produced by code, not by the model: region codes, English city names, ranks,
name forms, ISO dates and the article's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Literal

from pypinyin import Style, lazy_pinyin

from extract.lexicon import words
from extract.lexicon.places import city_leading, city_of_place, place_mentions, place_region
from schemas.names import has_cjk, romanise, to_simplified
from schemas.regions import (
    REGIONS,
    RegionCode,
    fold_place_name,
    region_mentions,
    resolve_members,
    resolve_region,
)

_CAPITALS: dict[str, RegionCode] = {fold_place_name(r.capital_en): r.code for r in REGIONS}
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def region_code(text: str | None) -> RegionCode | None:
    """The one region a short text names ("贵州", "Guizhou Province", "CN-GZ"), else None.

    Falls back to the first region whose name appears inside a longer text ("贵州贵阳",
    "Hefei city, capital of east China's Anhui Province").
    """
    if not text or not text.strip():
        return None
    return resolve_region(text) or place_region(text) or first_region_named_in(text)


def regions_named_in(text: str) -> list[tuple[int, RegionCode]]:
    """Every region the text names, by its own name or by a city, county or district in it
    ("湖州市", "Shenzhen Municipal"), as (position, code) in text order. Where a place's name
    starts with a province's ("海南藏族自治州" lies in Qinghai), the place counts."""
    simple = to_simplified(text)
    places = place_mentions(simple)
    taken = {position for position, _ in places}
    provinces = [(p, code) for p, code in region_mentions(simple) if p not in taken]
    return sorted(provinces + places)


def first_region_named_in(text: str) -> RegionCode | None:
    """The region named earliest in the text, if any."""
    mentions = regions_named_in(text)
    return mentions[0][1] if mentions else None


def last_region_named_in(text: str) -> RegionCode | None:
    """The region named last in the text ("… 由云南省承办", "… held in Jiangsu Province")."""
    mentions = regions_named_in(text)
    return mentions[-1][1] if mentions else None


_LIST_SEPARATORS = re.compile(rf",|，|、|;|；| and |{words.JOINER_ZH}")


def member_codes(participants: list[str]) -> list[RegionCode]:
    """Codes of every participant, collective names expanded, in first-seen order."""
    codes: list[RegionCode] = []
    parts = [p for text in participants for p in _LIST_SEPARATORS.split(text) if p.strip()]
    for participant in parts:
        found = list(resolve_members(participant))
        if not found:
            code = region_code(participant)
            found = [code] if code else _regions_named_by_short_forms(participant)
        codes.extend(code for code in found if code not in codes)
    return codes


def _regions_named_by_short_forms(text: str) -> list[RegionCode]:
    """ "湘黔" or "川渝" name regions by their one-character forms; only used on short texts."""
    if not has_cjk(text) or len(text) > 6:
        return []
    codes: list[RegionCode] = []
    for char in to_simplified(text):
        code = resolve_region(char)
        if code and code not in codes:
            codes.append(code)
    return codes


def english_city(city: str | None) -> str | None:
    """The English name of a city: "贵阳市" -> "Guiyang", "Hefei city" -> "Hefei"; a district
    or county is the city it belongs to ("重庆永川" -> "Chongqing", rule 33)."""
    if not city or not city.strip():
        return None
    # "Guiyang, Guizhou" or "贵州贵阳": the city is the part that is not the province.
    text = unicodedata.normalize("NFKC", city).strip().split(",")[0].strip()
    if has_cjk(text):
        simplified = _without_leading_region(to_simplified(text))
        if belongs_to := city_of_place(simplified) or city_leading(simplified):
            return belongs_to
        region = resolve_region(simplified)
        if region:
            # A municipality named as a city ("重庆") is its own capital.
            return next(r.capital_en for r in REGIONS if r.code is region)
        simplified = simplified.removesuffix("市") or simplified
        return "".join(lazy_pinyin(simplified, style=Style.NORMAL)).capitalize()
    if belongs_to := city_of_place(text):
        return belongs_to
    text = re.sub(r"\s+city$", "", text, flags=re.IGNORECASE)
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _without_leading_region(text: str) -> str:
    for region in REGIONS:
        for name in (region.name_zh, region.name_zh.rstrip("省市"), *region.short_zh):
            if len(name) >= 2 and text.startswith(name) and len(text) - len(name) >= 2:
                return text[len(name) :]
    return text


def city_that_is(region: RegionCode | None) -> str | None:
    """The city a municipality or a SAR is ("Shanghai", "Hong Kong"): a meeting held there is
    held in that city, whatever district the article names; None for a province."""
    entry = next((r for r in REGIONS if r.code is region), None)
    return entry.capital_en if entry and entry.kind in ("municipality", "sar") else None


def province_of_city(city: str | None) -> RegionCode | None:
    """The region of an English city name: a capital (or municipality), else any city,
    county or district the gazetteer knows in one province only."""
    return (_CAPITALS.get(fold_place_name(city)) or place_region(city)) if city else None


def name_forms(name: str) -> tuple[str | None, str | None]:
    """(name_zh, name_en) of a name as written: a Han name gets its pinyin; a romanised name is
    kept as written (its Chinese characters cannot be recovered from pinyin)."""
    if has_cjk(name):
        simplified = to_simplified("".join(name.split()))
        return simplified, romanise(simplified)
    return None, " ".join(name.split())


def iso_date(text: str | None) -> dt.date | None:
    """A date from "YYYY-MM-DD" text, or None when it is absent or not a real date."""
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def article_language(text: str) -> Literal["en", "zh"]:
    """ "zh" when Han characters outnumber Latin words, else "en"."""
    han = sum(1 for char in text if has_cjk(char))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    return "zh" if han > latin_words else "en"


_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DATE_FORMS = (
    r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日",
    r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),\s*(\d{4})\b",
)
# A date in the header is the publication date only where the page says so: after a marker
# (发布时间, "release date", "Updated"), before 发表, with a time of day after it, on a line of
# its own, in brackets, or in a wire dateline ("CITY, China, March 8, 2024 /"). A date inside a
# sentence at the top (a photo caption's "2014年5月23日,…") is an event's date, not the page's.
_PUBLICATION_CONTEXTS = (
    r"(?:发布时间|發布時間|发布日期|发表时间|发布|發布|日期|时间|時間|release date"
    r"|released(?: on)?|updated|"
    r"published|posted|date)\s*[:：]?\s*(?:{date})",
    r"(?:{date})\s*(?:日)?\s*(?:\d{{1,2}}:\d{{2}}|发表|發表|电|電)",
    r"[\[【(（]\s*(?:{date})\s*[\]】)）]",
    r"(?:^|\n)[ \t•·*-]*(?:{date})[ \t]*(?:\n|$)",
    r"[|｜]\s*(?:{date})",
    r"(?:^|\n)[A-Z][A-Z .]+,[^\n]{{0,30}}?(?:{date})\s*[/—–(-]",
)
_HEADER_DATE_PATTERNS = tuple(
    re.compile(context.format(date=form), re.IGNORECASE)
    for context in _PUBLICATION_CONTEXTS
    for form in _DATE_FORMS
)
HEADER_CHARS = 400


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("June", "Sept."), else None."""
    return _MONTHS.get(name.lower().rstrip("."))


# A page's footer states its release the same way: "Ends/Tuesday, August 10, 2031".
_FOOTER_PATTERNS = tuple(
    re.compile(rf"\bEnds\s*/\s*(?:[A-Z][a-z]+day,?\s*)?(?:{form})", re.IGNORECASE)
    for form in _DATE_FORMS
)
FOOTER_CHARS = 400
# The wire dateline of the story itself: "新华社沈阳8月13日电", "示例网某地3月30日電".
_DATELINE = re.compile(r"(?:\d{4}年)?(\d{1,2})月(\d{1,2})日[电電]")


def published_date(text: str) -> dt.date | None:
    """The publication date the page states: in its header (a dateline, 发布时间, a masthead,
    a meta line "• 2031-09-01", a byline "By A|Mar 12,2031", "date 2031-07-07") or its footer
    ("Ends/Tuesday, …"); None when the story's own dateline is later than it (a repost's
    date, rule 53)."""
    found = _dates_matching(text[:HEADER_CHARS], _HEADER_DATE_PATTERNS)
    found = found or _dates_matching(text[-FOOTER_CHARS:], _FOOTER_PATTERNS)
    if not found:
        return None
    date = min(found)[1]
    return None if _dateline_after(text, date) else date


def without_dateline(text: str) -> str:
    """The text without the story's wire dateline ("示例日报南昌4月18日电"), which dates the
    filing, never what the story reports."""
    return _DATELINE.sub("", text)


def story_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day the story was filed, which its "today" and "yesterday" count from: the wire
    dateline ("浙江日报北京3月3日电", a day before the paper's 3月4日 page) when it falls in the
    week before publication, else the publication date."""
    line = _DATELINE.search(to_simplified(text[: HEADER_CHARS * 3]))
    if line is None or published is None:
        return published
    try:
        filed = dt.date(published.year, int(line.group(1)), int(line.group(2)))
    except ValueError:
        return published
    return filed if dt.timedelta(0) <= published - filed <= dt.timedelta(days=7) else published


def _dates_matching(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[tuple[int, dt.date]]:
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            parsed = _date_from_match(tuple(g for g in match.groups() if g is not None))
            if parsed:
                found.append((match.start(), parsed))
    return found


def _dateline_after(text: str, date: dt.date) -> bool:
    """Whether the story's dateline ("8月13日电") falls after `date` in its year."""
    line = _DATELINE.search(to_simplified(text[: HEADER_CHARS * 3]))
    if line is None:
        return False
    try:
        return dt.date(date.year, int(line.group(1)), int(line.group(2))) > date
    except ValueError:
        return False


def _date_from_match(groups: tuple[str | Any, ...]) -> dt.date | None:
    try:
        if groups[0].isdigit():
            return dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
        month = month_number(groups[0])
        return dt.date(int(groups[2]), month, int(groups[1])) if month else None
    except ValueError:
        return None

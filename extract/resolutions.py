"""Resolution records from the model's answers, checked against the article.

The quote decides: its verbs say the kind (签署 / signed, 通过 / adopted, 承办 / "will be held
in" a later year: next meeting), 原则通过 / "in principle" sets `in_principle`, and every titled
document it names (《…》, “…”) is a resolution of its own, so one sentence adopting two plans
gives two. A report heard (听取 … 报告) is not a decision.
"""

from __future__ import annotations

import re

from extract.answers import ResolutionAnswer, ResolutionsAnswer
from extract.dates import year_in
from extract.grounding import ArticleText
from extract.normalize import last_region_named_in, region_code
from schemas.models import Meeting, Resolution, ResolutionKind
from schemas.names import to_simplified
from schemas.regions import RegionCode, fold_place_name

_NEXT_MEETING = re.compile(
    r"承办|举办地|轮值|下一届|下届|hosted by|will be held|to be held|would be held|will host|next",
    re.I,
)
_SIGNED = re.compile(r"签署|签订|签约|signed", re.I)
_ADOPTED = re.compile(r"通过|审议|adopted|approved|reviewed", re.I)
_AGREED = re.compile(r"同意|商定|决定|确定|agreed|decided|determined", re.I)
_IN_PRINCIPLE = re.compile(r"原则(上)?通过|in principle", re.I)
_HEARD_REPORT = re.compile(r"听取|heard|was presented|were presented", re.I)
_TITLES = re.compile(r"《([^》]{2,120})》|“([^”]{4,200})”|\"([^\"]{4,200})\"")
# A quoted phrase is a document's title only if it says what sort of document it is (a theme or a
# slogan in quotation marks is not); a title in 《》 always is.
_DOCUMENT_WORDS = re.compile(
    r"方案|计划|规划|纪要|协议|要点|清单|意见|措施|宣言|倡议|备忘录|框架|办法|纲要"
    r"|plan|agreement|summary|memorandum|list|programme|program|outline|declaration|initiative"
    r"|measures|opinions|framework|charter|protocol|minutes|accord",
    re.I,
)


def kind_from_quote(quote: str, fallback: ResolutionKind) -> ResolutionKind | None:
    """The kind the quote's verbs state; None for a quote that states no decision."""
    if _NEXT_MEETING.search(quote) and year_in(quote):
        return ResolutionKind.NEXT_MEETING
    if _SIGNED.search(quote):
        return ResolutionKind.SIGNED
    if _ADOPTED.search(quote):
        return ResolutionKind.ADOPTED
    if _HEARD_REPORT.search(quote):
        return None
    return ResolutionKind.AGREED if _AGREED.search(quote) else fallback


def titles_in(quote: str) -> list[str]:
    """The document titles the quote puts in 《》 or quotation marks, as written."""
    titles = []
    for match in _TITLES.finditer(quote):
        bracketed, quoted = match.group(1), match.group(2) or match.group(3)
        if bracketed:
            titles.append(bracketed.strip())
        elif quoted and _DOCUMENT_WORDS.search(quoted):
            titles.append(quoted.strip())
    return titles


_TITLE_JOINS = re.compile(r"\s+and\s+(?:the\s+)?|和|及|与|以及")


def split_joint_titles(title: str) -> list[str]:
    """ "A Plan … and the B List …" is two documents when every part names a document type."""
    parts = [p.strip() for p in _TITLE_JOINS.split(title) if p.strip()]
    if len(parts) > 1 and all(_DOCUMENT_WORDS.search(p) for p in parts):
        return parts
    return [title]


def _next_meeting(
    answer: ResolutionAnswer, meeting: Meeting, quote: str
) -> tuple[RegionCode | None, int | None]:
    """(next_host, next_year) for a next-meeting decision, from the quote."""
    host = region_code(answer.next_host)
    named_last = last_region_named_in(quote)
    if host is None or (named_last is not None and host != named_last):
        host = named_last
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", quote)]
    current = meeting.start_date.year if meeting.start_date else None
    later = [y for y in years if current is None or y > current]
    return host, (later[0] if later else answer.next_year)


def resolution_records_for(
    answer: ResolutionAnswer, meeting: Meeting, article: ArticleText
) -> list[Resolution]:
    """The resolutions one answer supports (several when its quote names several documents)."""
    span = article.span_of(answer.quote)
    if span is None:
        return []
    quote = span.text
    kind = kind_from_quote(quote, answer.kind)
    if kind is None:
        return []
    common = {"meeting": meeting.id, "kind": kind, "evidence": [span]}
    if kind == ResolutionKind.NEXT_MEETING:
        host, year = _next_meeting(answer, meeting, quote)
        title = answer.title.strip() or quote.strip()
        return [Resolution(id="r", title=title, next_host=host, next_year=year, **common)]
    in_principle = bool(_IN_PRINCIPLE.search(quote))
    titles = titles_in(quote) or split_joint_titles(answer.title.strip().strip("《》“”\"' "))
    return [
        Resolution(id="r", title=title, in_principle=in_principle, **common)
        for title in titles
        if title
    ]


def resolution_records(
    answer: ResolutionsAnswer, meetings: list[Meeting], article: ArticleText
) -> list[Resolution]:
    """One record per distinct decision the text supports, numbered r1, r2, …"""
    records: list[Resolution] = []
    seen: set[tuple[str, str]] = set()
    main = next((m for m in meetings if m.primary), meetings[0])
    for item in answer.resolutions:
        meeting = meetings[item.meeting - 1] if 1 <= item.meeting <= len(meetings) else main
        for record in resolution_records_for(item, meeting, article):
            key = (record.kind, fold_place_name(to_simplified(record.title)))
            if key in seen:
                continue
            seen.add(key)
            records.append(record.model_copy(update={"id": f"r{len(records) + 1}"}))
    return records

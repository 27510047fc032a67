"""Removing page furniture before the model reads an article, keeping a map back to the original.

News pages arrive with related-news lists, navigation, share bars, photo credits, press contacts
and advertising copy around the story. The model is shown only the story's lines; every kept
line remembers where it came from, so a quote found in the cleaned text maps back to code-point
offsets in the article exactly as read.

A line is furniture when it matches a furniture pattern, when it follows a list heading
("相关新闻", "Related news") and reads like a headline, or when it belongs to a paragraph that
names nothing the extractor looks for (no region, no meeting, no office, no decision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.lexicon.words import ANCHOR_WORDS
from schemas.names import to_simplified
from schemas.regions import may_name_a_region

_LIST_HEADINGS = re.compile(
    r"^\s*(【?(相关新闻|相关阅读|相关链接|最新新闻|热点新闻|推荐阅读|延伸阅读|更多新闻|热门推荐)】?"
    r"|(related|latest|more|recommended|popular) (news|stories|articles|reading)\s*:?)\s*$",
    re.IGNORECASE,
)
_FURNITURE_LINES = re.compile(
    r"^\s*(上一篇|下一篇|分享到|责任编辑|编辑[:：]|来源[:：]|返回顶部|打印|关闭窗口"
    r"|[(（]?资料图片[)）]?"
    r"|图片?[/:：].{0,30}摄\s*$|.{0,40}记者\s*\S{2,4}\s*摄\s*$"
    r"|contact\s*:|tel\s*[:.]|e-?mail\s*:|photo\s*:|share this|print this|back to top"
    r"|scene of the event\s*$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[。！？.!?][”\"')）]?\s*$")
_HEADLINE_MAX = 80

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}日|\b[A-Z][a-z]+ \d{1,2}, \d{4}\b")


@dataclass(frozen=True)
class Segment:
    """A kept stretch: cleaned[clean_start : clean_start + length] is original[start : ...]."""

    clean_start: int
    start: int
    length: int


@dataclass(frozen=True)
class CleanText:
    """The cleaned text and the map from its offsets to the original article's."""

    text: str
    segments: tuple[Segment, ...]
    removed_lines: int

    def original_offset(self, clean_offset: int) -> int:
        """The offset in the original article of the cleaned text's `clean_offset`."""
        for segment in reversed(self.segments):
            if clean_offset >= segment.clean_start:
                return segment.start + min(clean_offset - segment.clean_start, segment.length)
        return 0

    def original_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """Original (start, end) of a cleaned stretch; it must lie within one kept line."""
        return self.original_offset(clean_start), self.original_offset(clean_end - 1) + 1


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line))
        offset += len(line)
    return lines


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[int]]:
    """Indexes of the lines of each paragraph (runs of non-blank lines)."""
    paragraphs: list[list[int]] = [[]]
    for index, (_, line) in enumerate(lines):
        if line.strip():
            paragraphs[-1].append(index)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _names_anything(text: str) -> bool:
    """Whether a paragraph mentions anything a record could come from (or the date they need),
    read in simplified characters so a traditional paragraph is judged by the same words."""
    simple = to_simplified(text)
    if ANCHOR_WORDS.search(simple) or _DATE.search(simple):
        return True
    return may_name_a_region(simple)


def _reads_like_story(line: str) -> bool:
    """A full sentence of some length, not a headline in a list of links."""
    return len(line) > _HEADLINE_MAX // 2 and bool(_SENTENCE_END.search(line))


def furniture_lines(text: str) -> set[int]:
    """Indexes of the lines of `text` (as split by `str.splitlines`) that are page furniture."""
    lines = _lines_with_offsets(text)
    removed: set[int] = set()
    in_list = False
    for index, (_, line) in enumerate(lines):
        stripped = to_simplified(line.strip())
        if _LIST_HEADINGS.match(stripped):
            in_list = True
            removed.add(index)
            continue
        listed_link = in_list and stripped and not _reads_like_story(stripped)
        if listed_link or _FURNITURE_LINES.match(stripped):
            removed.add(index)
        elif stripped and in_list:
            in_list = False
    for paragraph in _paragraphs(lines):
        joined = "".join(lines[i][1] for i in paragraph)
        if not _names_anything(joined):
            removed.update(paragraph)
    return removed


def clean_article(text: str) -> CleanText:
    """The article without its furniture lines, and the offset map back to `text`."""
    removed = furniture_lines(text)
    pieces: list[str] = []
    segments: list[Segment] = []
    clean_offset = 0
    for index, (start, line) in enumerate(_lines_with_offsets(text)):
        if index in removed or not line.strip():
            continue
        segments.append(Segment(clean_start=clean_offset, start=start, length=len(line)))
        pieces.append(line if line.endswith(("\n", "\r")) else line + "\n")
        clean_offset += len(pieces[-1])
    return CleanText(text="".join(pieces), segments=tuple(segments), removed_lines=len(removed))

"""Turning the model's quotes into spans of the article: code-point offsets into the text exactly
as read, so that `article[start:end] == span.text` always holds.

Quotes are looked for in the cleaned text the model read (see `extract.cleaning`) and mapped
back to the original; first exactly, then ignoring case, whitespace, full-width/half-width forms
and traditional/simplified differences, then fuzzily (character bigrams, so Chinese is aligned
by characters rather than by whitespace words), accepting a window only at or above
`FUZZY_ALIGN_THRESHOLD`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from extract.cleaning import CleanText, clean_article
from extract.normalize import published_date
from schemas.models import Span
from schemas.names import to_simplified

FUZZY_ALIGN_THRESHOLD = 0.8
"""Least Dice similarity (character bigrams) between a quote and the text it is aligned to."""

_SENTENCE_BREAK = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+|\n+")


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text NFKC-folded, simplified, lower-cased, whitespace removed; and for each character
    kept, the offset in `text` of the character it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for folded in to_simplified(unicodedata.normalize("NFKC", char)).lower():
            if not folded.isspace():
                chars.append(folded)
                offsets.append(index)
    return "".join(chars), offsets


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(max(len(text) - 1, 1))]


def _dice(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    pool: dict[str, int] = {}
    for gram in a:
        pool[gram] = pool.get(gram, 0) + 1
    shared = 0
    for gram in b:
        if pool.get(gram, 0) > 0:
            pool[gram] -= 1
            shared += 1
    return 2 * shared / (len(a) + len(b))


def _fuzzy_window(folded_text: str, folded_quote: str) -> tuple[int, int] | None:
    """The window of the text most similar to the quote, if similar enough."""
    size = len(folded_quote)
    if size < 4 or size > len(folded_text):
        return None
    quote_grams = _bigrams(folded_quote)
    best: tuple[float, int] = (0.0, -1)
    step = max(1, size // 8)
    for start in range(0, len(folded_text) - size + 1, step):
        score = _dice(_bigrams(folded_text[start : start + size]), quote_grams)
        if score > best[0]:
            best = (score, start)
    if best[0] < FUZZY_ALIGN_THRESHOLD:
        return None

    # Refine around the best coarse window, one character at a time; among equally similar
    # windows prefer one that starts (or ends) where the quote does.
    def refined_score(s: int) -> float:
        window = folded_text[s : s + size]
        edges = (window[:1] == folded_quote[:1]) + (window[-1:] == folded_quote[-1:])
        return _dice(_bigrams(window), quote_grams) + 0.001 * edges

    low, high = max(0, best[1] - step), min(len(folded_text) - size, best[1] + step)
    start = max(range(low, high + 1), key=refined_score)
    return start, start + size


def align_quote_to_text(quote: str, text: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the stretch the quote copies, or None."""
    quote = quote.strip()
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    folded_text, offsets = _normalised_with_offsets(text)
    folded_quote, _ = _normalised_with_offsets(quote)
    if not folded_quote:
        return None
    position = folded_text.find(folded_quote)
    window = (
        (position, position + len(folded_quote))
        if position >= 0
        else _fuzzy_window(folded_text, folded_quote)
    )
    if window is None:
        return None
    return offsets[window[0]], offsets[window[1] - 1] + 1


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the text it was cut from
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The text cut at sentence ends (。！？!? and ". ") and at line breaks."""
    result: list[Sentence] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.start() > start and text[start : match.start()].strip():
            result.append(Sentence(start, match.start(), text[start : match.start()]))
        start = match.end()
    if text[start:].strip():
        result.append(Sentence(start, len(text), text[start:]))
    return result


@dataclass
class ArticleText:
    """An article as read, the cleaned text the model saw, and ways to point back into it."""

    original: str
    clean: CleanText = field(init=False)
    published: dt.date | None = field(init=False)

    def __post_init__(self) -> None:
        self.clean = clean_article(self.original)
        self.published = published_date(self.original)

    def span_of(self, quote: str) -> Span | None:
        """The span of the original article that a quote from the cleaned text copies."""
        found = align_quote_to_text(quote, self.clean.text)
        if found is not None:
            start, end = self.clean.original_span(*found)
            if 0 <= start < end and self.original[start:end].strip():
                return Span(start=start, end=end, text=self.original[start:end])
        found = align_quote_to_text(quote, self.original)
        if found is None:
            return None
        return Span(start=found[0], end=found[1], text=self.original[found[0] : found[1]])

    def mentions(self, words: str) -> bool:
        """Whether the cleaned text contains the words (case, width and script folded)."""
        if not words.strip():
            return False
        folded, _ = _normalised_with_offsets(words)
        return folded in self._folded_clean

    @cached_property
    def _folded_clean(self) -> str:
        return _normalised_with_offsets(self.clean.text)[0]

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The cleaned text cut into sentences (and lines)."""
        return split_sentences(self.clean.text)

    def sentences_naming(self, name: str) -> list[Sentence]:
        """The sentences that contain the name (case-insensitively for romanised names)."""
        needle = name.strip().lower()
        return [s for s in self.sentences if needle and needle in s.text.lower()]

    def lines_naming(self, name: str) -> list[str]:
        """The lines (paragraphs) of the cleaned text that contain the name."""
        needle = name.strip().lower()
        return [line for line in self.clean.text.splitlines() if needle and needle in line.lower()]

    def sentence_span(self, sentence: Sentence) -> tuple[int, int]:
        """The original (start, end) of a sentence of the cleaned text."""
        return self.clean.original_span(sentence.start, sentence.end)

"""The article as the rules read it: the text as read, the cleaned text the model saw, one
simplified-Chinese view of the cleaned text, and its sentences.

Every rule reads the simplified view (`ArticleText.simple`, `Sentence.simple`), so a keyword, a
region name or a title is written once, in simplified characters, and a traditional-Chinese
article is read by the same rules. The view has exactly the cleaned text's length: offsets in one
are offsets in the other, and `CleanText` maps them back to the article exactly as read. Quotes
become spans through `extract.grounding`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from extract.grounding.align import align_quote_to_text, fold_with_offsets
from extract.lexicon import words
from extract.lexicon.normalize import published_date, story_date
from extract.reading.cleaning import CleanText, clean_article
from schemas.models import Span
from schemas.names import to_simplified

_SENTENCE_BREAK = re.compile(r"(?<=[。！？!?])|(?<=\.)\s+|\n+")


def holds_in_order(longer: str, shorter: str) -> bool:
    """Whether every character of `shorter` is in `longer`, in the same order: a short form
    ("泛珠联席会议") of a full name ("泛珠三角区域合作联席会议")."""
    rest = iter(longer)
    return all(char in rest for char in shorter)


def simplified_view(text: str) -> str:
    """The text in simplified characters, character for character (same length, same offsets).

    OpenCC converts by phrase; where a phrase conversion changes the length, each character is
    converted on its own and one that would become several characters is kept as it is.
    """
    whole = to_simplified(text)
    if len(whole) == len(text):
        return whole
    chars = []
    for char in text:
        converted = to_simplified(char)
        chars.append(converted if len(converted) == 1 else char)
    return "".join(chars)


def lower_same_length(text: str) -> str:
    """Lower case, character for character (a character whose lower case is longer is kept)."""
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text, as written and in the simplified view (same offsets)."""

    start: int  # offsets in the text it was cut from
    end: int
    text: str
    simple: str = ""

    def __post_init__(self) -> None:
        if not self.simple:
            object.__setattr__(self, "simple", simplified_view(self.text))

    @classmethod
    def alone(cls, text: str) -> Sentence:
        """Words on their own (a quote, a title), offsets counted from 0."""
        return cls(0, len(text), text)

    def stripped(self) -> Sentence:
        """The sentence without the spaces at either end (its offsets moved with it)."""
        lead = len(self.text) - len(self.text.lstrip())
        end = max(lead, len(self.text.rstrip()))
        return Sentence(
            self.start + lead, self.start + end, self.text[lead:end], self.simple[lead:end]
        )


def split_sentences(text: str, simple: str | None = None) -> list[Sentence]:
    """The text cut at sentence ends (。！？!? and ". ") and at line breaks; `simple` is the
    text's simplified view when the caller has it."""
    view = simple if simple is not None and len(simple) == len(text) else simplified_view(text)
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.start() > start and text[start : match.start()].strip():
            bounds.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return [Sentence(a, b, text[a:b], view[a:b]) for a, b in bounds]


@dataclass
class ArticleText:
    """An article as read, the cleaned text the model saw, and ways to point back into it."""

    original: str
    clean: CleanText = field(init=False)
    published: dt.date | None = field(init=False)
    filed: dt.date | None = field(init=False)
    """The day the story was filed (its wire dateline), which "today" counts from; else the
    publication date."""

    def __post_init__(self) -> None:
        self.clean = clean_article(self.original)
        self.published = published_date(self.original)
        self.filed = story_date(self.original, self.published)

    def span_of(self, quote: str) -> Span | None:
        """The span of the original article that a quote from the cleaned text copies."""
        found = align_quote_to_text(quote, self.clean.text)
        if found is not None:
            span = self.span_of_part(Sentence(*found, self.clean.text[found[0] : found[1]]))
            if span is not None:
                return span
        found = align_quote_to_text(quote, self.original)
        if found is None:
            return None
        return Span(start=found[0], end=found[1], text=self.original[found[0] : found[1]])

    def part_written(self, words: str) -> Sentence | None:
        """The part of the cleaned text that writes the words, exactly or folded (case, width,
        script and spacing), with its simplified view; None when the text does not."""
        found = align_quote_to_text(words, self.clean.text, fuzzy=False)
        if found is None:
            return None
        start, end = found
        return Sentence(start, end, self.clean.text[start:end], self.simple[start:end])

    def as_written(self, words: str) -> str | None:
        """The cleaned text's own characters for the words, e.g. a traditional name the model
        wrote in simplified (see `part_written`)."""
        part = self.part_written(words)
        return part.text if part else None

    def as_written_simplified(self, words: str) -> str | None:
        """The words with the text's case, width and spacing, in the simplified view: what the
        rules compare (`in_own_characters` gives the article's characters back)."""
        part = self.part_written(words)
        return part.simple if part else None

    def in_own_characters(self, simple: str) -> str:
        """Words of the simplified view in the article's own characters: the article's words
        where it writes them together, else each character as the article writes it (a name
        put together from several places of the text, "东西两省" + "座谈会")."""
        written = self.as_written(simple)
        if written is not None:
            return written
        return "".join(self._own_character.get(char, char) for char in simple)

    @cached_property
    def _own_character(self) -> dict[str, str]:
        """Each simplified character the text writes otherwise, and how it writes it first."""
        own: dict[str, str] = {}
        for simple, written in zip(self.simple, self.clean.text, strict=True):
            if simple != written:
                own.setdefault(simple, written)
        return own

    def mentions(self, words: str) -> bool:
        """Whether the cleaned text contains the words (case, width and script folded)."""
        if not words.strip():
            return False
        folded, _ = fold_with_offsets(words)
        return folded in self._folded_clean

    @cached_property
    def _folded_clean(self) -> str:
        return fold_with_offsets(self.clean.text)[0]

    @cached_property
    def simple(self) -> str:
        """The cleaned text in simplified characters, offset for offset (what rules read)."""
        return simplified_view(self.clean.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The cleaned text cut into sentences (and lines)."""
        return split_sentences(self.clean.text, self.simple)

    def sentences_naming(self, name: str) -> list[Sentence]:
        """The sentences that contain the name, compared in simplified characters and without
        case (a traditional name, a romanised one)."""
        needle = lower_same_length(simplified_view(name.strip()))
        return [s for s in self.sentences if needle and needle in lower_same_length(s.simple)]

    def sentences_about(self, name: str) -> list[Sentence]:
        """The sentences that name the meeting, each with the one after it when that one goes
        on about it ("本次会议今天在东岭举行", "The meeting was held in …")."""
        about: list[Sentence] = []
        for sentence in self.sentences_naming(name):
            about.append(sentence)
            following = self.sentences.index(sentence) + 1
            if following < len(self.sentences):
                after = self.sentences[following]
                if words.BACK_REFERENCE.match(after.simple.strip()):
                    about.append(after)
        return list(dict.fromkeys(about))

    def lines_naming(self, name: str) -> list[str]:
        """The lines (paragraphs) of the simplified view that contain the name."""
        needle = lower_same_length(simplified_view(name.strip()))
        return [line for line in self.simple.splitlines() if needle and needle in line.lower()]

    def position_of(self, words: str) -> int:
        """Offset in the cleaned text of the first occurrence of the words (compared in the
        simplified view, without case), or -1."""
        needle = lower_same_length(simplified_view(words.strip()))
        return lower_same_length(self.simple).find(needle) if needle else -1

    def span_of_part(self, part: Sentence) -> Span | None:
        """The span of the original article that a part of the cleaned text comes from."""
        start, end = self.clean.original_span(part.start, part.end)
        if 0 <= start < end and self.original[start:end].strip():
            return Span(start=start, end=end, text=self.original[start:end])
        return None

    def sentence_span(self, sentence: Sentence) -> tuple[int, int]:
        """The original (start, end) of a sentence of the cleaned text."""
        return self.clean.original_span(sentence.start, sentence.end)

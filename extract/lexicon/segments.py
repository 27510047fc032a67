"""Keywords as words: a Chinese keyword counts only where it begins a word of the text.

Chinese writes no spaces, so a keyword found as characters may start inside another word:
商会 ("chamber of commerce") in 协商会议 ("consultation meeting": 协商 / 会议),
此前 ("before") in 因此前往 ("and so went": 因此 / 前往),
将于 ("will, at") in 大将于 ("the general at": 大将 / 于).
A rule that drops a record on such a keyword would drop it on a coincidence. Here the text is
cut into words with jieba (a maintained segmenter with a general dictionary of some 350,000
words) and a Chinese match counts only where a word of the text begins. Its end may fall inside
a longer word that starts with it (工商 in 工商界, "business circles", is still business), and a
keyword of several words (将 / 于) still counts. English keywords already match whole words
(`\\b` in `words.pattern`).

Only the rules that *drop* a record read words this way; rules that find, hint or name keep
matching characters, where a false find costs nothing a later check does not catch.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from functools import lru_cache

import jieba
import jieba.posseg

from schemas.names import has_cjk

_LOCK = threading.Lock()


def _tokenizer() -> jieba.Tokenizer:
    """jieba's default tokenizer (the one its part-of-speech tagger reads too), its dictionary
    loaded on first use (about a second; cached in the temp folder)."""
    with _LOCK:
        if not jieba.dt.initialized:
            jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines are noise
            jieba.dt.tmp_dir = tempfile.gettempdir()
            jieba.dt.initialize()
        return jieba.dt


@lru_cache(maxsize=4096)
def word_boundaries(text: str) -> frozenset[int]:
    """Every offset of `text` where one of its words starts or ends."""
    bounds = {0, len(text)}
    for _, start, end in _tokenizer().tokenize(text, HMM=False):
        bounds.update((start, end))
    return frozenset(bounds)


def begins_a_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins where a word of the text begins (always, for a stretch
    without Chinese characters)."""
    return not has_cjk(text[start:end]) or start in word_boundaries(text)


def whole_word_search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` in `text` that begins a word of the text, else None."""
    for match in pattern.finditer(text):
        if match.end() > match.start() and begins_a_word(text, match.start(), match.end()):
            return match
    return None


@lru_cache(maxsize=4096)
def dictionary_word_class(text: str) -> str | None:
    """The part of speech jieba's dictionary gives `text` as one word ("v" for 率领, "j" for
    发改委, "nr" for a person's name it knows), or None when the dictionary has no such word."""
    tokenizer = _tokenizer()
    if not tokenizer.FREQ.get(text):
        return None
    tag: str | None = jieba.posseg.dt.word_tag_tab.get(text)
    return tag


@lru_cache(maxsize=4096)
def words_with_classes(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a Chinese `text` with the part of speech jieba gives each ("包括", "v"),
    in order; the words together are the whole text."""
    _tokenizer()
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.dt.cut(text, HMM=False))


CLAUSE_WORD_CLASSES = ("c", "p", "u")
"""jieba's classes of words that join or introduce a clause (conjunctions, prepositions,
particles): the start of a clause, never of a name or an office."""


def is_clause_word(word: str, word_class: str) -> bool:
    """Whether a word of the text only links the sentence around a title or a name: a
    conjunction, preposition or particle, or a verb of two or more characters ("包括",
    "陪同"). A one-character verb may be part of an office (驻, 泛)."""
    return word_class.startswith(CLAUSE_WORD_CLASSES) or (word_class == "v" and len(word) > 1)

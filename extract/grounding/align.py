"""Aligning a quote the model copied to the stretch of a text it copies.

Exact matches come first. Then the quote and the text are folded (NFKC, traditional to
simplified, lower case, whitespace dropped) and matched exactly again. Then fuzzily:
rapidfuzz finds the best window of the quote's length, then each end of the window is moved to
where the stretch is fewest edits (Levenshtein) from the quote, so a quote with a character
dropped or added keeps its own ends instead of the window's. The stretch is accepted at or
above `FUZZY_ALIGN_THRESHOLD`.
"""

from __future__ import annotations

import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from schemas.names import to_simplified

FUZZY_ALIGN_THRESHOLD = 0.8
"""Least normalised similarity (rapidfuzz `fuzz.ratio` / 100) between a quote and its stretch."""

_MIN_FUZZY_CHARS = 4


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
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


_EDGE_SEARCH = 12  # most characters an end is moved when it is refined
_SENTENCE_ENDS = "。！？!?；;."


def _refined_ends(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The window's ends moved to where the quote's own ends are: each end in turn to the
    position that makes the stretch fewest edits from the quote, then closest to it in length;
    punctuation or space the quote does not have at that end is not taken."""
    reach = min(_EDGE_SEARCH, max(2, len(quote) // 4))
    quote_breaks = sum(quote.count(c) for c in _SENTENCE_ENDS)

    def cost(a: int, b: int) -> tuple[int, int, int]:
        # Equal edits, the stretch that does not run past a sentence end the quote lacks, then
        # the one closest in length: "召开" for "举行" is a word changed, not two words dropped.
        breaks = sum(text.count(c, a, b) for c in _SENTENCE_ENDS) - quote_breaks
        return Levenshtein.distance(quote, text[a:b]), max(0, breaks), abs(b - a - len(quote))

    starts = range(max(0, start - reach), min(end, start + reach) + 1)
    start = min(starts, key=lambda a: (*cost(a, end), abs(a - start)))
    ends = range(max(start + 1, end - reach), min(len(text), end + reach) + 1)
    end = min(ends, key=lambda b: (*cost(start, b), abs(b - end)))
    while end - start > 1 and _is_edge_noise(text[start]) and not _is_edge_noise(quote[0]):
        start += 1
    while end - start > 1 and _is_edge_noise(text[end - 1]) and not _is_edge_noise(quote[-1]):
        end -= 1
    return start, end


def _is_edge_noise(char: str) -> bool:
    """Punctuation or a space: a stretch does not gain one the quote does not end with."""
    return char.isspace() or unicodedata.category(char).startswith(("P", "Z"))


def fuzzy_window(folded_text: str, folded_quote: str) -> tuple[int, int] | None:
    """The stretch of the folded text most like the folded quote, if alike enough."""
    if len(folded_quote) < _MIN_FUZZY_CHARS or not folded_text:
        return None
    coarse = fuzz.partial_ratio_alignment(folded_quote, folded_text)
    if coarse is None or coarse.score < FUZZY_ALIGN_THRESHOLD * 100 - 10:
        return None
    start, end = _refined_ends(folded_quote, folded_text, coarse.dest_start, coarse.dest_end)
    if fuzz.ratio(folded_quote, folded_text[start:end]) < FUZZY_ALIGN_THRESHOLD * 100:
        return None
    return start, end


def align_quote_to_text(quote: str, text: str, *, fuzzy: bool = True) -> tuple[int, int] | None:
    """(start, end) in `text` of the stretch the quote copies, or None; with `fuzzy` False only
    an exact or folded match counts."""
    quote = quote.strip()
    if not quote:
        return None
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    folded_text, offsets = fold_with_offsets(text)
    folded_quote, _ = fold_with_offsets(quote)
    if not folded_quote:
        return None
    position = folded_text.find(folded_quote)
    if position >= 0:
        window: tuple[int, int] | None = (position, position + len(folded_quote))
    else:
        window = fuzzy_window(folded_text, folded_quote) if fuzzy else None
    if window is None:
        return None
    return offsets[window[0]], offsets[window[1] - 1] + 1

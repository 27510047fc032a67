"""Comparing free text, person names and city names across languages and scripts.

Free text is folded (NFKC, traditional -> simplified, lower case, quotation marks and punctuation
removed) and compared as a set of tokens: Han character bigrams plus latin words and digit runs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from schemas.names import name_keys, to_simplified

FUZZY_THRESHOLD = 0.6
"""A free-text field counts as correct when `text_similarity` reaches this value."""

_QUOTES = frozenset("《》〈〉「」『』“”‘’\"'")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")


def _is_punctuation(char: str) -> bool:
    return char in _QUOTES or unicodedata.category(char).startswith("P")


@lru_cache(maxsize=8192)
def fold_text(text: str) -> str:
    """Text in the form it is compared in: "《粵港澳 大灣區》" -> "粤港澳大湾区"."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    folded = "".join(" " if _is_punctuation(char) else char for char in folded)
    folded = " ".join(folded.split())
    return _SPACE_BETWEEN_CJK.sub("", folded)


def _tokens_of_folded(folded: str) -> frozenset[str]:
    tokens: set[str] = set()
    for run in _CJK_RUN.findall(folded):
        tokens.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    tokens.update(_WORD_OR_NUMBER.findall(_CJK_RUN.sub(" ", folded)))
    return frozenset(tokens)


def text_tokens(text: str) -> frozenset[str]:
    """Han character bigrams (a lone character stands alone) and lower-case words/digit runs."""
    return _tokens_of_folded(fold_text(text))


def text_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' tokens, in [0, 1].

    Identical texts, or texts equal after folding, score 1.0; a text with nothing left after
    folding scores 0.0 against anything else.
    """
    if a == b and a:
        return 1.0
    folded_a, folded_b = fold_text(a), fold_text(b)
    if not folded_a or not folded_b:
        return 0.0
    if folded_a == folded_b:
        return 1.0
    tokens_a, tokens_b = _tokens_of_folded(folded_a), _tokens_of_folded(folded_b)
    if not tokens_a or not tokens_b:
        return 0.0
    return 2 * len(tokens_a & tokens_b) / (len(tokens_a) + len(tokens_b))


def texts_match(gold: str | None, pred: str | None) -> bool:
    """Whether an optional free-text field is correct: both absent, or similar enough."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return text_similarity(gold, pred) >= FUZZY_THRESHOLD


@lru_cache(maxsize=8192)
def person_keys(*names: str | None) -> frozenset[str]:
    """`schemas.names.name_keys`, cached: alignment asks for the same names many times."""
    return name_keys(*names)


def names_match(keys_a: frozenset[str], keys_b: frozenset[str]) -> bool:
    """Whether two sets of name keys (see `person_keys`) share a key, i.e. name the same person."""
    return not keys_a.isdisjoint(keys_b)


def same_person_name(a: str, b: str) -> bool:
    """Whether two written names are one person's: a shared key, or the same text."""
    return names_match(person_keys(a), person_keys(b)) or a.strip() == b.strip()

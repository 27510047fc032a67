"""Pointing the model at the sentences that matter for each question.

A small model reading a whole page misses facts stated once, in a photo caption or at the end.
Code is good at finding sentences by their words: one that holds a meeting word and a "held"
verb, one that holds an office title, one that holds a decision verb. Each question lists those
sentences, numbered, after the article; the model still reads the article and still decides.
"""

from __future__ import annotations

import re

from extract.lexicon import words
from extract.reading.text import Sentence

MAX_FOCUS_SENTENCES = 12
MAX_SENTENCE_CHARS = 400
_BEFORE = 100  # characters of context kept before a keyword in a long sentence

# Each question's patterns, searched in the simplified view of a sentence: a sentence is listed
# when it matches all of them, or, when no sentence does, the first alone (a hint list is never
# empty just because one word is missing).
_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "meetings": (words.MEETING_WORDS, words.HELD_WORDS),
    "officials": (words.OFFICE_WORDS,),
    "resolutions": (
        re.compile(
            "|".join(
                p.pattern
                for p in (
                    words.SIGNED_WORDS,
                    words.ADOPTED_WORDS,
                    words.AGREED_WORDS,
                    words.NEXT_MEETING_WORDS,
                    words.CONSIDERED_WORDS,
                )
            ),
            re.IGNORECASE,
        ),
    ),
}


def _snippets(text: str, simple: str, pattern: re.Pattern[str]) -> list[str]:
    """The stretches of a sentence around each match of the pattern (a long sentence is cut to
    the words that matter, not to its first few hundred characters). `simple` is the sentence's
    simplified view, offset for offset: matches are found there, text is cut from `text`."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return [text]
    windows: list[tuple[int, int]] = []
    for match in pattern.finditer(simple):
        start = max(0, match.start() - _BEFORE)
        end = min(len(text), match.end() + MAX_SENTENCE_CHARS - _BEFORE)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return [("…" if a else "") + text[a:b] + ("…" if b < len(text) else "") for a, b in windows]


def _matching(sentences: list[Sentence], patterns: tuple[re.Pattern[str], ...]) -> list[Sentence]:
    chosen = []
    for sentence in sentences:
        searched = words.CITED_LEADER.sub("", " ".join(sentence.simple.split()))
        if all(p.search(searched) for p in patterns):
            chosen.append(sentence)
    return chosen


def focus_sentences(sentences: list[Sentence], question: str) -> list[str]:
    """Snippets of the sentences that match the question's patterns, in order."""
    patterns = _PATTERNS[question]
    matching = _matching(sentences, patterns) or _matching(sentences, patterns[:1])
    chosen: list[str] = []
    for sentence in matching:
        text, simple = " ".join(sentence.text.split()), " ".join(sentence.simple.split())
        for snippet in _snippets(text, simple, patterns[-1]):
            if snippet not in chosen and len(chosen) < MAX_FOCUS_SENTENCES:
                chosen.append(snippet)
    return chosen


def focus_list(sentences: list[Sentence], question: str) -> str:
    """The numbered list that goes into the question, or a line saying there is none."""
    found = focus_sentences(sentences, question)
    if not found:
        return "(no sentence found by keyword: read the whole article)"
    return "\n".join(f"{number}. {text}" for number, text in enumerate(found, start=1))

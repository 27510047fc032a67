"""Pointing the model at the sentences that matter for each question.

A small model reading a whole page misses facts stated once, in a photo caption or at the end.
Code is good at finding sentences by their words: one that holds a meeting word and a "held"
verb, one that holds an office title, one that holds a decision verb. Each question lists those
sentences, numbered, after the article; the model still reads the article and still decides.

Question 1 is asked a second time on the sentences that name an event none of the meetings it
found is (`unlisted_event_sentences`), and what that finds joins its list (`with_side_meetings`)
before questions 2 and 3 see it: both depend only on the model's answers and the vocabulary,
never on the rules that build records.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from extract.asking.answers import MeetingAnswer, MeetingsAnswer
from extract.lexicon import words
from extract.reading.text import Sentence, simplified_view

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


# Events a report names beside its main meeting; a visit is not one (it holds them).
_SIDE_EVENT_WORDS: tuple[re.Pattern[str], ...] = tuple(
    p for kind, p in words.KIND_WORDS if kind.value != "visit"
)


def unlisted_event_sentences(sentences: list[Sentence], listed_names: list[str]) -> list[str]:
    """Snippets of the sentences naming an event by a word no listed meeting's name holds
    ("presided over the symposium" when the list has only the visit): what question 1 is asked
    again on. Empty when every event word is accounted for, and then it is not asked again."""
    listed = simplified_view(" ".join(listed_names))
    unlisted = [p for p in _SIDE_EVENT_WORDS if not p.search(listed)]
    chosen: list[str] = []
    for sentence in sentences:
        searched = words.CITED_LEADER.sub("", " ".join(sentence.simple.split()))
        hits = [p for p in unlisted if p.search(searched)]
        if not hits:
            continue
        text, simple = " ".join(sentence.text.split()), " ".join(sentence.simple.split())
        for snippet in _snippets(text, simple, hits[0]):
            if snippet not in chosen and len(chosen) < MAX_FOCUS_SENTENCES:
                chosen.append(snippet)
    return chosen


MAX_MEETINGS = MeetingsAnswer.model_fields["meetings"].metadata[0].max_length


def _same_answer(a: MeetingAnswer, b: MeetingAnswer) -> bool:
    """Whether two answers name one meeting: nearly the same name, or one name inside the other
    ("联席会议" in "第十次联席会议")."""
    x, y = (simplified_view(m.name).lower().strip() for m in (a, b))
    return bool(x and y) and (x in y or y in x or fuzz.ratio(x, y) >= 80)


def with_side_meetings(found: MeetingsAnswer, more: list[MeetingAnswer]) -> MeetingsAnswer:
    """Question 1's meetings, then those its second asking found that are not already among
    them (up to the answer's limit); the main meeting stays first."""
    meetings = list(found.meetings)
    for item in more:
        if len(meetings) < MAX_MEETINGS and not any(_same_answer(item, m) for m in meetings):
            meetings.append(item)
    return MeetingsAnswer(meetings=meetings)

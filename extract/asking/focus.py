"""Pointing the model at the sentences that matter for each question.

A small model reading a whole page misses facts stated once, in a photo caption or at the end.
Code is good at finding sentences by their words: one that holds a meeting word and a "held"
verb, one that holds an office title, one that holds a decision verb. Each question lists those
sentences, numbered, after the article; the model still reads the article and still decides.

When question 1 answers that there is no meeting, the meetings a sentence names as attended by
officials (`meetings_named_as_attended`) are the list questions 2 and 3 are asked about: a small
model sometimes answers "none" for an article that plainly names them, and then every record of
the article would be lost. Questions 2 and 3 depend only on the model's answers and the
vocabulary, never on the rules that build records.
"""

from __future__ import annotations

import re

from extract.asking.answers import MeetingAnswer, MeetingsAnswer
from extract.lexicon import words
from extract.reading.text import Sentence, simplified_view
from schemas.models import MeetingKind

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


MAX_MEETINGS = MeetingsAnswer.model_fields["meetings"].metadata[0].max_length


# "... leaders A, B and C attended the X Joint Conference and the Y Conference": the object of
# an attending verb, where proper names of meetings are listed.
_EN_NAME_WORD = r"(?:[A-Z][\w’'&.-]*|\d+(?:st|nd|rd|th)?|and|of|for|on|in|the|&)"
_EN_NAMED_MEETING = re.compile(
    rf"\bthe ((?:[A-Z][\w’'&.-]*|\d+(?:st|nd|rd|th))(?: {_EN_NAME_WORD})*? (?:"
    + words.alternation(w.title() for w in words.MEETING_WORDS_EN if " " not in w)
    + r"))\b"
)
# Only nouns end a name: "…联席会议", "…论坛", not the verb of "与某某会面".
_ZH_MEETING_ENDING = words.alternation(w for w in words.MEETING_WORDS_ZH if w[-1] in "会议坛式")
_ZH_NAMED_MEETING = re.compile(
    rf"(?:^|(?<=[、和及与]))(?P<name>[^、，,。；;:：“”]{{2,40}}?(?:{_ZH_MEETING_ENDING}))"
    r"(?=[、，,。；;和及与上]|并|$)"
)


def meetings_named_as_attended(sentences: list[Sentence]) -> list[MeetingAnswer]:
    """The meetings sentences name, by a proper name, as attended by officials ("省领导甲、乙
    出席了…联席会议和…推进会", "Mayor A attended the … Joint Conference"): the list questions 2
    and 3 are asked about when question 1 answers none. The subject must hold an office word,
    and a business event is left out (rule 32), so a page with no government meeting gives
    none."""
    found: list[MeetingAnswer] = []
    for sentence in sentences:
        verb = words.ATTENDING_VERBS.search(sentence.simple)
        if verb is None or not words.OFFICE_WORDS.search(sentence.simple[: verb.start()]):
            continue
        for start, end in _named_meetings(sentence.simple, verb.end()):
            name = sentence.text[start:end].strip()
            business = words.BUSINESS_EVENT.search(sentence.simple[start:end])
            if len(name) >= 4 and not business and name not in [m.name for m in found]:
                found.append(_attended_meeting(sentence.text, name))
    return found[:MAX_MEETINGS]


def _named_meetings(simple: str, after: int) -> list[tuple[int, int]]:
    """Spans of the meeting names listed in `simple` after offset `after`."""
    if simple.startswith("了", after):
        after += 1
    rest = simple[after:]
    pattern = _ZH_NAMED_MEETING if re.search(r"[\u4e00-\u9fff]", rest[:2]) else _EN_NAMED_MEETING
    return [(after + m.start(1), after + m.end(1)) for m in pattern.finditer(rest)]


def _attended_meeting(quote: str, name: str) -> MeetingAnswer:
    simple = simplified_view(name)
    kind = next((k for k, p in words.KIND_WORDS if p.search(simple)), MeetingKind.OTHER)
    return MeetingAnswer.stated(quote.strip(), name, kind)

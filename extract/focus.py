"""Pointing the model at the sentences that matter for each question.

A small model reading a whole page misses facts stated once, in a photo caption or at the end.
Code is good at finding sentences by their words: one that holds a meeting word and a "held"
verb, one that holds an office title, one that holds a decision verb. Each question lists those
sentences, numbered, after the article; the model still reads the article and still decides.
"""

from __future__ import annotations

import re

from extract.grounding import split_sentences

MAX_FOCUS_SENTENCES = 12
MAX_SENTENCE_CHARS = 400
_BEFORE = 100  # characters of context kept before a keyword in a long sentence
# National leaders whose instructions are cited are not meeting participants; their titles must
# not make a sentence look like one about office holders.
_REFERRED_LEADERS = re.compile(r"总书记|general secretary", re.I)

_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "meetings": (
        re.compile(
            r"会议|会谈|座谈|论坛|峰会|全体会议|meeting|symposium|talks|forum|summit|plenary", re.I
        ),
        re.compile(r"举行|召开|举办|在.{1,8}(开幕|闭幕)|held|convened|took place|opened", re.I),
    ),
    "officials": (
        re.compile(
            r"书记|省长|市长|主席|秘书长|主任|厅长|局长|代表|委员|行政长官"
            r"|secretary|governor|mayor|chairman|chairwoman|director|minister|delegates?"
            r"|chief executive",
            re.I,
        ),
    ),
    "resolutions": (
        re.compile(
            r"签署|签订|审议|通过|同意|商定|决定|承办|举办地|下一届|下届"
            r"|signed|adopted|approved|agreed|decided|determined|will be held|hosted by|next",
            re.I,
        ),
    ),
}


def _snippets(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The stretches of a sentence around each match of the pattern (a long sentence is cut to
    the words that matter, not to its first few hundred characters)."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return [text]
    windows: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        start = max(0, match.start() - _BEFORE)
        end = min(len(text), match.end() + MAX_SENTENCE_CHARS - _BEFORE)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return [("…" if a else "") + text[a:b] + ("…" if b < len(text) else "") for a, b in windows]


def focus_sentences(text: str, question: str) -> list[str]:
    """Snippets of the sentences of `text` that match every pattern of the question, in order."""
    patterns = _PATTERNS[question]
    chosen: list[str] = []
    for sentence in split_sentences(text):
        words = " ".join(sentence.text.split())
        searched = _REFERRED_LEADERS.sub("", words)
        if not all(p.search(searched) for p in patterns):
            continue
        for snippet in _snippets(words, patterns[-1]):
            if snippet not in chosen and len(chosen) < MAX_FOCUS_SENTENCES:
                chosen.append(snippet)
    return chosen


def focus_list(text: str, question: str) -> str:
    """The numbered list that goes into the question, or a line saying there is none."""
    sentences = focus_sentences(text, question)
    if not sentences:
        return "(none found by keyword; read the whole article)"
    return "\n".join(f"{number}. {text}" for number, text in enumerate(sentences, start=1))

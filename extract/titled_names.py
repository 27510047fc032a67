"""People named together with their titles, found by the patterns news uses for it.

Chinese puts titles before the name ("贵州省委副书记、省长李炳军分别座谈", "省政府秘书长瞿海参加");
English puts them after it, in lists ("Chen Ming, Secretary of the X Party Committee, Li Hua,
Deputy Secretary ... and Governor; ...") or before a list ("Delegates such as A, B and C").
These finds check and complete the model's answer: a person it missed is added, and titles
read off the text replace titles the model made up or mixed between people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.grounding import Sentence

_ZH_TITLE = (
    r"(?:(?![与和及还同])[\u4e00-\u9fff]){0,14}?"
    r"(?:副书记|书记|副省长|省长|副市长|市长|副主席|主席|秘书长|主任|厅长|局长)"
)
_ZH_TITLED_NAME = re.compile(
    # A title starts a clause or follows a conjunction: "还与广西…副书记" gives the title, not
    # the words before it.
    rf"(?:^|(?<=[,，、。；;:：\s(（与和及还同]))"
    rf"(?P<titles>{_ZH_TITLE}(?:、{_ZH_TITLE})*)(?P<name>[\u4e00-\u9fff]{{2,3}}?)"
    r"(?=率团|率领|出席|参加|主持|分别|座谈|会谈|会见|考察|一行|同志|在|表示|说|讲话|发言|致辞"
    r"|介绍|等|与|和|及|[,，、。；;:：\s)）])"
)
_EN_TITLE_WORDS = re.compile(
    r"\b(secretary|governor|mayor|chairman|chairwoman|director|minister|chief executive"
    r"|delegates?|deputy|vice|president|head)\b",
    re.I,
)
_EN_NAME = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}$")
_EN_SUCH_AS = re.compile(
    r"\b(?P<title>[A-Z][a-z]+(?: [a-z]+){0,3}) (?:such as|including) (?P<names>[^.;]+)"
)
_NOT_A_NAME = re.compile(r"^(The|This|That|All|Relevant|Leaders?|Members?)\b")


@dataclass(frozen=True)
class TitledName:
    """A name and the titles the text gives it in one sentence."""

    name: str
    titles: tuple[str, ...]
    sentence: Sentence


def _is_english_name(text: str) -> bool:
    return (
        bool(_EN_NAME.match(text))
        and not _EN_TITLE_WORDS.search(text)
        and not (_NOT_A_NAME.match(text))
    )


def chinese_titled_names(sentence: Sentence) -> list[TitledName]:
    """ "贵州省委副书记、省长李炳军" -> 李炳军 with (贵州省委副书记, 省长)."""
    found = []
    for match in _ZH_TITLED_NAME.finditer(sentence.text):
        titles = tuple(t for t in match.group("titles").split("、") if t)
        found.append(TitledName(match.group("name"), titles, sentence))
    return found


def english_titled_names(sentence: Sentence) -> list[TitledName]:
    """ "A, Secretary of X, B, Deputy Secretary of X and Governor; C, ..." -> each name with the
    titles that follow it, and "Delegates such as A, B and C" -> each with "Delegates"."""
    such_as = _EN_SUCH_AS.search(sentence.text)
    if such_as and _EN_TITLE_WORDS.search(such_as.group("title")):
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", such_as.group("names"))
        names = [p.strip() for p in parts if _is_english_name(p.strip().split(" responded")[0])]
        title = such_as.group("title")
        return [TitledName(n.split(" responded")[0], (title,), sentence) for n in names]
    found: list[TitledName] = []
    current: str | None = None
    titles: list[str] = []
    for part in re.split(r"[,;]\s*(?:and\s+)?|\s+and\s+", sentence.text):
        part = part.strip()
        if _is_english_name(part):
            if current:
                found.append(TitledName(current, tuple(titles), sentence))
            current, titles = part, []
        elif current and _EN_TITLE_WORDS.search(part) and len(part) < 90:
            titles.append(re.sub(r"\s+(attended|were|was)\b.*$", "", part))
    if current and titles:
        found.append(TitledName(current, tuple(titles), sentence))
    return [f for f in found if f.titles]


def titled_names(sentences: list[Sentence]) -> list[TitledName]:
    """Every titled name in the sentences, each name once (its first, fullest mention)."""
    by_name: dict[str, TitledName] = {}
    for sentence in sentences:
        for found in chinese_titled_names(sentence) + english_titled_names(sentence):
            known = by_name.get(found.name)
            if known is None or len(found.titles) > len(known.titles):
                by_name[found.name] = found
    return list(by_name.values())

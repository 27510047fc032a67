"""People named together with their titles, found by the patterns news uses for it.

Chinese puts titles before the name ("贵州省委副书记、省长李明分别座谈", "省政府秘书长赵一参加")
and lists a group's members after a group title ("区领导王甲、李乙、张丙出席"); English puts
titles after the name, in lists ("Chen Ming, Secretary of the X Party Committee, Li Hua, Deputy
Secretary ... and Governor; ...") or before a list ("Delegates such as A, B and C"). These finds
check and complete the model's answer: a person it missed is added, and titles read off the text
replace titles the model made up or mixed between people. A plain English list of names that
took part ("A, B and C attended") gives each person with no title. Chinese patterns are matched
in the simplified view and cut from the text as written (the offsets are the same).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.lexicon import words
from extract.lexicon.normalize import region_code
from extract.lexicon.places import is_city_name
from extract.lexicon.segments import dictionary_word_class
from extract.reading.text import Sentence, simplified_view
from schemas.names import has_cjk
from schemas.regions import resolve_members


def names_a_place(text: str) -> bool:
    """Whether a capitalised phrase is a region's or a city's name, not a person's."""
    return region_code(text) is not None


# Office words a Chinese title ends with (the name follows it).
_TITLE_ENDINGS = words.alternation(
    w for w in words.OFFICE_WORDS_ZH if w not in ("代表", "委员", "领导")
)
# Never opening with a clause's word ("由", "被", "在"); 对 opens offices too (对外友协). An
# office word before 会 is a body's name going on ("常委" in "人大常委会主任"), no title's end.
_ZH_TITLE = (
    rf"(?![由被为在将把从并还又也])(?:(?![与和及还同])[\u4e00-\u9fff]){{0,14}}?"
    rf"(?:{_TITLE_ENDINGS})(?!会)"
)
_NAME_FOLLOWS = (
    r"(?=率团|率领|出席|参加|主持|分别|先后|相继|依次|共同|一同|陪同|应邀|带领|均|座谈|会谈|会见|考察|一行|同志"
    r"|在|表示|说|讲话|发言|致辞|会前|会后|会上|昨|今|前天"
    r"|会面|会晤|称|介绍|等|与|和|及|关于|作|就|对|向|代表|[,，、。；;:：\s()（）])"
)
_ZH_TITLED_NAME = re.compile(
    # A title starts a clause, follows a conjunction or opens a list ("包括…司长某某"): "还与
    # 广西…副书记" gives the title, not the words before it; so does the agent of a passive or
    # the object of a verb ("由…市委书记某某率领", "会见了…省长某某").
    rf"(?:^|(?<=[,，、。；;:：\s(（与和及还同由被])|(?<=包括)|(?<=了))"
    rf"(?P<titles>{_ZH_TITLE}(?:、{_ZH_TITLE})*)(?P<name>[\u4e00-\u9fff]{{2,3}}?){_NAME_FOLLOWS}"
)
# "区领导王甲、李乙、张丙出席": a group title, then names joined by 、, then what they did.
_ZH_LISTED_NAMES = re.compile(
    r"(?P<title>[\u4e00-\u9fff]{0,10}?(?:领导|负责同志|负责人))(?:同志)?"
    r"(?P<names>[\u4e00-\u9fff]{2,3}(?:[、,，][\u4e00-\u9fff]{2,3})+)(?:等)?"
    r"(?=出席|参加|陪同|参与|一同|分别|会见|考察)"
)
_TITLE_SEPARATORS = re.compile(r"、|，|,\s*(?=[A-Z])|;\s*|\s+and\s+(?=(?:the\s+)?[A-Z])")
# Rule-side only ("Party Chief"): the hint words in `words.OFFICE_WORDS` shape the prompts.
_EN_TITLE_WORDS = words.pattern(en=(*words.OFFICE_WORDS_EN, "chief"))
_EN_SUCH_AS = re.compile(
    r"\b(?P<title>[A-Z][a-z]+(?: [a-z]+){0,3}) (?:such as|including) (?P<names>[^.;]+)"
)
_NOT_A_NAME = re.compile(r"^(The|This|That|All|Relevant|Leaders?|Members?)\b")
# "Governor Zhou Ming", "Fujian Governor Tang Wen", "Chief Executive Mary Lam": a short
# title written before the name.
_EN_TITLE_BEFORE_NAME = re.compile(
    r"\b(?P<title>(?:[A-Z][a-z]+ ){0,2}(?:Vice |Deputy |Executive Vice )?(?:Governor|Mayor"
    r"|Chief Executive|Chief Secretary|Party Secretary|Party Chief|Chairman|Chairwoman|Premier"
    r"|Vice Premier|Secretary|Director))"
    r" (?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})\b"
)


_ZH_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff·・]{1,10}$")
# Two to five capitalised words; initials count ("C Y Lam", "John Lee Ka-ming").
_EN_NAME = re.compile(r"^[A-Z][a-zA-Z'’.-]*( [A-Z][a-zA-Z'’.-]*){1,4}$")
_HONORIFICS = re.compile(rf"^{words.HONORIFIC_EN}\s+|(?:{words.alternation(words.HONORIFICS_ZH)})$")


# "Northport.Zhou Ming": the last word of the sentence before, where the page lost a space.
_EN_SENTENCE_END_BEFORE = re.compile(r"^[A-Z][a-z]{2,}\.(?=[A-Z][a-z])")


def person_name(name: str) -> str:
    """The name without an honorific ("Mr", "先生"), surrounding spaces or the end of the
    sentence before it run into it ("Northport.Zhou Ming"; initials "C.Y. Leung" stay)."""
    return _EN_SENTENCE_END_BEFORE.sub("", _HONORIFICS.sub("", name.strip()).strip())


def is_person_name(name: str) -> bool:
    """Whether a "name" can be one person's, by its form: a Han name of 2-4 characters (or a
    minority name with its middle dot), or a capitalised name of 2-5 words; never a region or a
    group of regions ("Hong Kong", "Inner Mongolia", 长三角), a word of a group, an organisation,
    a kind of place or a title, a clause word at its start ("为团长"), or a dictionary word that
    is a verb, an adverb or an abbreviation (率领, 率团, 发改委)."""
    name = person_name(name)
    if not name or resolve_members(name):
        return False
    simple = simplified_view(name)
    if has_cjk(simple):
        return (
            bool(_ZH_NAME.match(simple))
            and not _opens_a_clause(simple)
            and not words.NOT_A_PERSON.search(simple)
            and not _names_an_organisation(simple)
            and dictionary_word_class(simple) not in words.NON_NAME_WORD_CLASSES
            and not is_city_name(simple)
        )
    return bool(_EN_NAME.match(name)) and not words.NOT_A_PERSON.search(name)


def _opens_a_clause(simple: str) -> bool:
    """ "为团长", "由某某", "于北京": a clause word first; but 于 and 向 are surnames too, and
    open a clause only before a place."""
    if simple[0] not in words.CLAUSE_LEAD_CHARS:
        return False
    rest = simple[1:]
    if simple[0] in words.CLAUSE_LEAD_SURNAMES:
        return bool(resolve_members(rest)) or is_city_name(rest) or region_code(rest) is not None
    return True


def _names_an_organisation(simple: str) -> bool:
    """Whether a Chinese "name" ends in an organisation's or a place's word ("示例市", "省发改委",
    "新华社"): its last character is one that ends such words, and it opens with a level
    (省, 市) or the dictionary knows the ending as a word (刘远社, whose "远社" is none, stays a
    name)."""
    if simple[-1] not in words.ORGANISATION_ENDINGS_ZH:
        return False
    if simple[0] in "省市县州":  # a level's body: "市经信委", "省发改委"
        return True
    return any(dictionary_word_class(simple[k:]) is not None for k in range(len(simple) - 1)) or (
        region_code(simple) is not None
    )


# "the Governor of Guangdong Province, Mr Zhou Ming": a title, then the name with its honorific.
_TITLE_WORD = r"(?:[A-Z][\w'’-]*|of|the|for|and|in|&|\([A-Z]+\))"
_EN_TITLE_COMMA_NAME = re.compile(
    rf"\b(?P<title>[A-Z][\w'’-]*(?: {_TITLE_WORD}){{0,14}}), {words.HONORIFIC_EN} "
    r"(?P<name>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){1,3})"
)


@dataclass(frozen=True)
class TitledName:
    """A name and the titles the text gives it in one sentence."""

    name: str
    titles: tuple[str, ...]
    sentence: Sentence


def split_titles(title: str) -> list[str]:
    """One title per office: "省委副书记、省长" and "Deputy Secretary of X and Governor of Y"
    are two; a title whose parts are not each an office ("Secretary for Justice and Legal
    Affairs") stays whole."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p and p.strip()]
    if len(parts) > 1 and all(words.OFFICE_WORDS.search(p) for p in parts):
        return parts
    return [title.strip()] if title.strip() else []


def _is_english_name(text: str) -> bool:
    return is_person_name(text) and not _EN_TITLE_WORDS.search(text) and not _NOT_A_NAME.match(text)


def chinese_titled_names(sentence: Sentence) -> list[TitledName]:
    """ "贵州省委副书记、省长李明" -> 李明 with (贵州省委副书记, 省长); "区领导王甲、李乙出席"
    -> each with (区领导,)."""
    text = sentence.text
    found = []
    for match in _ZH_TITLED_NAME.finditer(sentence.simple):
        if match.group("titles")[0] in words.CLAUSE_LEAD_CHARS:
            continue  # "向安庆市长期以来…": a clause, not a title and a name
        written = text[match.start("titles") : match.end("titles")]
        titles = tuple(t for t in written.split("、") if t)
        found.append(TitledName(text[match.start("name") : match.end("name")], titles, sentence))
    for match in _ZH_LISTED_NAMES.finditer(sentence.simple):
        title = text[match.start("title") : match.end("title")]
        start = match.start("names")
        for name in re.split(r"[、,，]", text[start : match.end("names")]):
            found.append(TitledName(name, (title,), sentence))
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
    found: list[TitledName] = [
        TitledName(
            m.group("name"), (re.sub(r"^the\s+", "", m.group("title"), flags=re.I),), sentence
        )
        for pattern in (_EN_TITLE_BEFORE_NAME, _EN_TITLE_COMMA_NAME)
        for m in pattern.finditer(sentence.text)
        if _is_english_name(m.group("name")) and _EN_TITLE_WORDS.search(m.group("title"))
    ]
    found += english_group_listed_names(sentence)
    if found:  # a title written next to each name: the looser list reading below would mix them
        return found
    current: str | None = None
    titles: list[str] = []
    after_title = False  # whether the part before was a title, which an "and" may continue
    pieces = re.split(r"([,;]\s*(?:and\s+)?|\s+and\s+)", sentence.text)
    for part, joiner in zip(pieces[::2], ["", *pieces[1::2]], strict=True):
        # "The symposium was presided over by A": the name that ends the clause
        led = _EN_CLAUSE_BEFORE_NAME.sub("", part.strip())
        part = led if led != part.strip() and _is_english_name(led) else part
        part = _EN_TITLE_RUN_ON.sub("", part.strip())
        continues = after_title and joiner.strip() == "and" and part[:1].isupper()
        after_title = False
        if _is_english_name(part):
            if current:
                found.append(TitledName(current, tuple(titles), sentence))
            current, titles = part, []
        elif current and _EN_TITLE_WORDS.search(part) and len(part) < 90:
            titles.append(part)
            after_title = True
        elif continues and len(part) < 60:
            # "Secretary of the Cooperation and Communication Work Committee": one office
            titles[-1] = f"{titles[-1]} and {part}"
            after_title = True
    if current and titles:
        found.append(TitledName(current, tuple(titles), sentence))
    return [f for f in found if f.titles]


# Where a title listed after a name runs on into the sentence's verb ("…, Governor of X Province
# introduced the plan"): a lower-case past form, a speech verb, a form of "to be" or "to have".
_EN_TITLE_RUN_ON = re.compile(
    rf"\s+(?:[a-z]+ed|were|was|is|are|has|had|{words.SPEECH_VERBS_EN.pattern})\b.*$"
)
_EN_CLAUSE_BEFORE_NAME = re.compile(r"^.*\b(?:by|with)\s+(?=[A-Z])")
_EN_PLAIN_NAME = r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}"
# "Feng Ming, Zhu Lan, Qi Dong and Lu Yan participated": names without titles, then what they
# did (the English form of "区领导甲、乙、丙出席").
_EN_LISTED_NAMES = re.compile(
    rf"(?:^|(?<=[.;:] ))(?P<names>{_EN_PLAIN_NAME}(?:, {_EN_PLAIN_NAME})*,? and {_EN_PLAIN_NAME})"
    r" (?:also |were also |were )?(?:participated|attended|were present|accompanied|joined)\b"
)


# "Northland Prefecture leaders Ma Lin, Lu Ke and Qian Yu": a group's title, then its members
# (the English form of "区领导甲、乙、丙").
_EN_GROUP_TITLE_NAMES = re.compile(
    r"(?P<title>(?:[A-Z][\w’'-]* ){1,4}(?:"
    + words.alternation(words.GROUP_TITLE_WORDS_EN)
    + rf")) (?P<names>{_EN_PLAIN_NAME}(?:, {_EN_PLAIN_NAME})*(?:,? and {_EN_PLAIN_NAME})?)\b"
)


def english_group_listed_names(sentence: Sentence) -> list[TitledName]:
    """Each member of a group listed after the group's title, with that title."""
    found = []
    for match in _EN_GROUP_TITLE_NAMES.finditer(sentence.text):
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("names"))
        title = match.group("title")
        found += [TitledName(n, (title,), sentence) for n in names if _is_english_name(n)]
    return found


def english_listed_names(sentence: Sentence) -> list[TitledName]:
    """Each person of a plain list of names that took part, with no title; a place ("Hong Kong,
    Macao and Guangdong attended") is no person."""
    found = []
    for match in _EN_LISTED_NAMES.finditer(sentence.text):
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("names"))
        people = [n for n in names if _is_english_name(n) and not names_a_place(n)]
        if len(people) == len(names):
            found += [TitledName(name, (), sentence) for name in people]
    return found


def titled_names(sentences: list[Sentence]) -> list[TitledName]:
    """Every titled name in the sentences, each name once (its first, fullest mention); the
    people of a plain English list of names come with no title."""
    by_name: dict[str, TitledName] = {}
    for sentence in sentences:
        found_here = (
            chinese_titled_names(sentence)
            + english_titled_names(sentence)
            + english_listed_names(sentence)
        )
        for found in found_here:
            known = by_name.get(found.name)
            if known is None or len(found.titles) > len(known.titles):
                by_name[found.name] = found
    return list(by_name.values())

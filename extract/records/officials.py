"""Official records from the model's answers, checked against the article.

The model finds the people; code decides what the text supports. A found person is kept unless
a rule proves the answer is not a person taking part: the name is not in the article; it is a
group, an organisation or a title ("企业家代表", a university, "为团长"); or the person is only
cited (a leader whose instructions are quoted). Titles must occur in the article; the region
comes from a title, then from the words just before the name ("贵州省委副书记、省长李明"), then
from the regions the person's sentences name most; a national office has none. Roles and meeting
links come from the sentences that name the person (出席 / attended, 发言 / spoke, 主持 /
presided, 率团 / led a delegation ...), falling back to the model's links, then to the main
meeting; so does the evidence, the part of the first such sentence that speaks of the person.

The answers are folded to the simplified view once, where they become records
(`in_simplified_view`), so every rule reads one script; names and titles go back to the
article's own characters once, when the records are done (`in_own_characters`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from extract.asking.answers import OfficialAnswer, OfficialsAnswer
from extract.lexicon import words
from extract.lexicon.normalize import (
    first_region_named_in,
    name_forms,
    region_code,
    regions_named_in,
)
from extract.lexicon.segments import whole_word_search
from extract.lexicon.titles import english_title_alone, rank_of_title, without_clause_lead
from extract.reading.text import ArticleText, Sentence, lower_same_length, simplified_view
from extract.records.titled_names import (
    TitledName,
    is_person_name,
    person_name,
    split_titles,
    titled_names,
)
from schemas.models import Attendance, Meeting, MeetingKind, Official, Position, Role, Span
from schemas.names import has_cjk, name_keys
from schemas.regions import RegionCode, region_mentions

_CLAUSE_BREAK = re.compile(r"[,，。；;:：!?！？()（）]")
_DELEGATE = re.compile(r"代表|delegate|deputy to|deputies", re.I)


def in_simplified_view(answer: OfficialAnswer) -> OfficialAnswer:
    """The answer's name and titles in the simplified view (English unchanged, lengths kept)."""
    return answer.model_copy(
        update={
            "name": simplified_view(answer.name),
            "titles": [simplified_view(title) for title in answer.titles],
        }
    )


def in_own_characters(official: Official, article: ArticleText) -> Official:
    """The record's name and titles, read in the simplified view, as the article writes them."""
    name = article.in_own_characters(official.name)
    name_zh, name_en = name_forms(name)
    positions = [
        p.model_copy(update={"title": article.in_own_characters(p.title)})
        for p in official.positions
    ]
    return official.model_copy(
        update={"name": name, "name_zh": name_zh, "name_en": name_en, "positions": positions}
    )


def only_cited(sentences: list[Sentence]) -> bool:
    """Whether every sentence naming the person cites them (instructions, thought, a speech
    quoted) rather than reporting them taking part."""
    return bool(sentences) and all(
        whole_word_search(words.CITED_LEADER, s.simple) for s in sentences
    )


_CLAUSE_END = re.compile(r"[,，。；;!?！？]")


def roles_in(sentences: list[Sentence]) -> set[Role]:
    """Every role a keyword in the sentences supports; `signed` only in the person's own
    clause ("A和B签署了协议"), since "会后双方签署" is the meeting's act, recorded as its
    resolution (rule 21)."""
    roles = set()
    for role, pattern in words.ROLE_WORDS:
        for sentence in sentences:
            text = sentence.simple
            if role is Role.SIGNED:
                text = _own_clauses(text)
            if pattern.search(text):
                roles.add(role)
    return roles


def _own_clauses(text: str) -> str:
    """The person's first clause, and those after it that go on with the same subject ("甲和乙
    出席,并签署了协议": 并 joins a second verb to it)."""
    clauses = _CLAUSE_END.split(text)
    kept = clauses[:1]
    for clause in clauses[1:]:
        if not _SAME_SUBJECT.match(clause):
            break
        kept.append(clause)
    return ",".join(kept)


_SAME_SUBJECT = re.compile(r"\s*(?:并且|并|还|又|随后|and\s+(?:also\s+)?(?:signed|jointly))")


def _region_before_name(name: str, sentences: list[Sentence]) -> RegionCode | None:
    """A region in the clause just before the name, where Chinese puts the person's titles."""
    for sentence in sentences:
        position = sentence.simple.find(name)
        clause = _CLAUSE_BREAK.split(sentence.simple[:position])[-1] if position > 0 else ""
        code = first_region_named_in(clause) if clause else None
        if code:
            return code
    return None


# "the Northland Delegation headed by A, Secretary of …, and Governor B": the people who lead a
# delegation named with its region; "由东岭市委书记甲,市长乙率领的东岭市党政代表团".
_EN_DELEGATION_LED_BY = re.compile(
    r"(?P<delegation>(?:[A-Z][\w'’-]*\s+){1,4}?(?:[Pp]arty and [Gg]overnment\s+)?[Dd]elegation),?"
    r"\s+(?:headed|led)\s+by\s+(?P<people>[^.;]{2,200}?)"
    r"(?=,?\s+(?:[a-z]+ed|met|meets|was|were|is|are|held|holds)\b|[.;]|$)"  # its verb ends it
)
_ZH_DELEGATION_LED_BY = re.compile(
    r"由(?P<people>[^。；;]{2,80}?)(?:率领|带领|率)的(?P<delegation>[^,，。；;]{2,20}?代表团)"
)


def region_of_delegation_led(name: str, sentences: list[Sentence]) -> RegionCode | None:
    """The region of the delegation the sentence says the person leads, by its name."""
    for sentence in sentences:
        for pattern in (_EN_DELEGATION_LED_BY, _ZH_DELEGATION_LED_BY):
            for match in pattern.finditer(sentence.simple):
                if name in match.group("people"):
                    code = region_code(match.group("delegation"))
                    if code is not None:
                        return code
    return None


def _most_named_region(lines: list[str]) -> RegionCode | None:
    """The region the person's paragraphs name most often, if one leads."""
    counts: Counter[RegionCode] = Counter(
        code for line in lines for _, code in regions_named_in(line)
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_SARS = (RegionCode.HK, RegionCode.MO)


def official_region(
    answer: OfficialAnswer,
    positions: list[Position],
    article: ArticleText,
    attended: Sequence[Meeting] = (),
    every_meeting: Sequence[Meeting] = (),
) -> RegionCode | None:
    """From a title, else none for a national office, else the words before the name, else (for
    a person with a title) the reporting side in an article that says "我省" (see
    `reporting_side`), else the person's paragraphs, else the model's answer. A SAR office (Chief
    Executive, Secretary for …) belongs to the one SAR the article names, or the one among the
    `attended` meetings' members, or the one the article names more often."""
    name = person_name(answer.name)
    titled = next((p.region for p in positions if p.region), None)
    if titled is None and holds_national_office(positions):
        return None
    if titled is None and any(words.SAR_OFFICE.search(p.title) for p in positions):
        named = Counter(c for _, c in region_mentions(article.simple) if c in _SARS)
        sars = set(named)
        if len(sars) > 1:
            sars = {c for m in attended for c in m.members if c in _SARS} or sars
        if len(sars) > 1 and named[RegionCode.HK] != named[RegionCode.MO]:
            sars = {named.most_common(1)[0][0]}  # a SAR's own release names its SAR most
        if len(sars) == 1:
            return sars.pop()
    sentences = article.sentences_naming(name)
    before = titled or _region_before_name(name, sentences)
    if before or not positions:
        return before  # with no title, the paragraph's region would be a guess
    if led := region_of_delegation_led(name, sentences):
        return led
    if words.SELF_REFERENCE.search(article.simple):
        # "我省": a title with no place is the reporting side's, whatever the paragraph names
        return reporting_side(article, every_meeting)
    return _most_named_region(article.lines_naming(name)) or region_code(answer.region)


def reporting_side(article: ArticleText, meetings: Sequence[Meeting]) -> RegionCode | None:
    """The region an article that says "我省" / "our province" reports from, as far as its visit
    tells: the host when the visit is "来我省" (to us), else the one visiting side; None when the
    article never names it."""
    visit = next((m for m in meetings if m.kind is MeetingKind.VISIT), None)
    if visit is None or visit.province is None:
        return None
    if words.COMING_TO.search(article.simple):
        return visit.province
    visitors = [code for code in visit.members if code != visit.province]
    return visitors[0] if len(visitors) == 1 else None


def is_national_title(title: str) -> bool:
    """A national office (a state leader, a ministry, the NPC Standing Committee), whose holder
    represents no province; an NPC deputy represents the delegation's province."""
    if _DELEGATE.search(title):
        return False
    placed = region_code(title) is not None
    return bool(words.NATIONAL_WORDS.search(title)) or (
        not placed and bool(words.NATIONAL_UNLESS_PLACED.search(title))
    )


def holds_national_office(positions: Sequence[Position]) -> bool:
    """Whether a person's titles make them a national official: one of them is national and
    none is a city's or a province's written without its place ("市委副书记、宣传部部长": the
    department is the city's)."""
    titles = [p.title for p in positions]
    unnamed_level = any(level.search(t) for _, level in _UNNAMED_LEVEL for t in titles)
    return any(is_national_title(t) for t in titles) and not unnamed_level


def names_someone(title: str) -> bool:
    """Whether a "title" is a person's name, or a title followed by one ("Mr Zhou Ming",
    "Governor Zhou Ming"): the model has given this person another person's title."""
    words_of_title = title.split()
    for k in range(min(3, len(words_of_title) - 1)):
        # The name follows the title word itself: in "Secretary for Home Affairs" the words
        # after "for" are the office's, not a person's.
        after_title = k == 0 or bool(_HONORIFIC_OR_OFFICE.search(" ".join(words_of_title[:k])))
        if after_title and is_person_name(" ".join(words_of_title[k:])):
            return True
    return False


_HONORIFIC_OR_OFFICE = re.compile(
    rf"(?:\b{words.HONORIFIC_EN}|{words.OFFICE_WORDS.pattern})$", re.IGNORECASE
)


def _positions(answer: OfficialAnswer, article: ArticleText) -> list[Position]:
    positions: list[Position] = []
    for given in answer.titles:
        for title in split_titles(given.strip().strip("，,、 ")):
            # The title without the sentence copied around it ("会议由…执行主席", "… delivered").
            written = article.as_written_simplified(english_title_alone(without_clause_lead(title)))
            if (
                written
                and not names_someone(written)
                and all(p.title != written for p in positions)
            ):
                region = None if is_national_title(written) else region_code(written)
                positions.append(
                    Position(title=written, rank=rank_of_title(written), region=region)
                )
    return positions


def kind_pattern(kind: MeetingKind) -> re.Pattern[str] | None:
    """The words that name a meeting of this kind (None for `other`)."""
    return next((p for k, p in words.KIND_WORDS if k is kind and k is not MeetingKind.OTHER), None)


def _side_meeting_sentences(
    meeting: Meeting, sentences: list[Sentence], article: ArticleText, all_meetings: list[Meeting]
) -> list[Sentence]:
    """The person's sentences that lie inside the meeting's evidence, or that name the side
    meeting by its kind ("主持座谈会" in a visit's report) where the main meeting's kind is not
    named too and no other side meeting is of that kind. For the one meeting held during a
    visit, also the sentences that follow it in its paragraph and those where the person only
    speaks or presides, unless they name the visit or its whole programme ("参加考察")."""
    same_kind = [m for m in all_meetings if not m.primary and m.kind is meeting.kind]
    side = kind_pattern(meeting.kind) if same_kind == [meeting] else None
    main_meeting = next((m for m in all_meetings if m.primary), None)
    main = kind_pattern(main_meeting.kind) if main_meeting else None
    the_one_inside_a_visit = False
    if main_meeting is not None and main_meeting.kind is MeetingKind.VISIT:
        # A visit is no 会议: "主持会议", "spoke at the meeting" in a visit's report mean the one
        # meeting held during it.
        sides = [m for m in all_meetings if not m.primary and m.kind is not MeetingKind.VISIT]
        if sides == [meeting]:
            side = words.GATHERING_WORDS
            the_one_inside_a_visit = True
    inside = []
    for sentence in sentences:
        start, end = article.sentence_span(sentence)
        overlaps = any(span.start < end and start < span.end for span in meeting.evidence)
        names_the_main = bool(
            (main is not None and main.search(sentence.simple))
            or words.WHOLE_PROGRAMME.search(sentence.simple)
            or (the_one_inside_a_visit and _leads_the_delegation(sentence))
        )
        by_kind = side is not None and bool(side.search(sentence.simple)) and not names_the_main
        continues = (
            the_one_inside_a_visit
            and not names_the_main
            and (
                _continues_its_paragraph(meeting, start, article, all_meetings)
                or _SPEAKING_ROLES >= roles_in([sentence]) != set()
            )
        )
        # "会前与甲会面。甲称,…": what a person says right after talks are told, in the same
        # paragraph, is said at the talks.
        speaks_on = (
            meeting.kind is MeetingKind.TALKS
            and not names_the_main
            and roles_in([sentence]) == {Role.SPOKE}
            and _continues_its_paragraph(meeting, start, article, all_meetings)
        )
        if overlaps or by_kind or continues or speaks_on:
            inside.append(sentence)
    return inside


def _leads_the_delegation(sentence: Sentence) -> bool:
    """Whether the sentence has the person lead the delegation and names no gathering: in a
    visit's report that is the visit ("率东岭省党政代表团赴西川学习"), not its symposium."""
    return Role.LED_DELEGATION in roles_in([sentence]) and not words.GATHERING_WORDS.search(
        sentence.simple
    )


# What a person does only at a meeting, never on the visit around it (rule 43).
_SPEAKING_ROLES = {Role.SPOKE, Role.PRESIDED}


def _continues_its_paragraph(
    meeting: Meeting, start: int, article: ArticleText, all_meetings: list[Meeting]
) -> bool:
    """Whether a sentence starting at `start` follows the meeting's own sentence in the same
    paragraph with no other meeting reported between: "两省在甲市召开座谈会。甲省委书记主持会议
    并讲话。乙省委书记讲话。" tells who did what at that 座谈会, not on the visit around it."""
    others = [s for m in all_meetings if m is not meeting for s in m.evidence]
    for span in meeting.evidence:
        between = article.original[span.end : start]
        if span.end <= start and "\n" not in between:
            return not any(span.end <= other.start < start for other in others)
    return False


def attendances(
    sentences: list[Sentence], meetings: list[Meeting], article: ArticleText
) -> list[Attendance]:
    """The meetings the person's sentences put them in, and what they did there.

    A sentence inside a side meeting's evidence links the person to that meeting; any other
    sentence that says they took part (a role word) links them to the main meeting. A headline
    only repeats what the body tells: it links no one the body's sentences speak of.
    """
    result: list[Attendance] = []
    used: set[Sentence] = set()
    for meeting in meetings:
        if meeting.primary:
            continue
        inside = _side_meeting_sentences(meeting, sentences, article, meetings)
        if inside:
            used.update(inside)
            result.append(Attendance(meeting=meeting.id, roles=_ordered(roles_in(inside))))
    main = next((m for m in meetings if m.primary), None)
    rest = [s for s in sentences if s not in used]
    told_in_the_body = [s for s in sentences if not _in_a_headline(s, article)]
    if told_in_the_body:
        rest = [s for s in rest if not _in_a_headline(s, article)]
    main_roles = roles_in(rest)
    if main is not None and main_roles:
        result.insert(0, Attendance(meeting=main.id, roles=_ordered(main_roles)))
    return result


def _in_a_headline(part: Sentence, article: ArticleText) -> bool:
    """Whether the part lies in a line with no clause marks and no sentence end: a headline."""
    line = next((s for s in article.sentences if s.start <= part.start < s.end), None)
    return line is not None and not _HEADLINE_BREAKS.search(line.simple)


_HEADLINE_BREAKS = re.compile(r"[,，。；;!?！？]|\.(?:\s|$)")


def sentences_opened_by_title(title: str, name: str, article: ArticleText) -> list[Sentence]:
    """The sentences whose subject is the person's bare title, no name after it ("The Mayor
    noted that …", "行政长官感谢…"): a release names its leader so after the first
    mention. Only a short title, a post rather than an office's full name, is read so."""
    bare = len(title) <= _BARE_TITLE_ZH if has_cjk(title) else len(title.split()) <= 3
    if not bare or not title.strip():
        return []
    opening = re.compile(
        rf"^\s*(?:the\s+)?{re.escape(title)}(?:\s+(?=[a-z])|(?=[\u4e00-\u9fff]))", re.I
    )
    return [
        s
        for s in article.sentences
        if (match := opening.match(s.simple)) and not s.simple[match.end() :].startswith(name)
    ]


_BARE_TITLE_ZH = 6


def surname_references(name: str, others: list[str]) -> list[str]:
    """How an English article names the person again after the first mention: an honorific
    and a word of the name ("Mrs Northey" for Ann Northey, "Mr Qiao" for Qiao Ming, whichever
    end the surname is written at), when no other person's name shares that word."""
    parts = name.split()
    if has_cjk(name) or len(parts) < 2:
        return []
    shared = {word.lower() for other in others for word in other.split()}
    return [
        f"{honorific} {word}"
        for word in dict.fromkeys((parts[0], parts[-1]))
        if word.lower() not in shared
        for honorific in words.HONORIFICS_EN
    ]


def person_stretches(name: str, sentences: list[Sentence], others: list[str]) -> list[Sentence]:
    """The part of each sentence that speaks of this person: from their name to the next other
    person's name, so that in "A presided over the meeting and B spoke" A presided and B spoke.
    A passive ("the delegation was led by the Governor, Mr A") also keeps the words since the
    previous person's name; a part with no role word at all (a name in a list, "A, Mayor of X,
    B, …等出席") takes the rest of the sentence, whose verb the list shares."""
    needle = lower_same_length(name)
    other_needles = [lower_same_length(o) for o in others if o]
    stretches = []
    for sentence in sentences:
        simple = lower_same_length(sentence.simple)
        start = simple.find(needle)
        if start < 0:
            continue
        end = _end_of_stretch(simple, start + len(needle), needle, other_needles)
        if not any(pattern.search(simple[start:end]) for _, pattern in words.ROLE_WORDS):
            end = len(simple)
        start = _start_of_stretch(simple, start, needle, other_needles)
        if not any(pattern.search(simple[start:end]) for _, pattern in words.ROLE_WORDS):
            start = _list_lead(simple, start, needle, other_needles)
        stretches.append(
            Sentence(sentence.start + start, sentence.start + end, sentence.text[start:end],
                     sentence.simple[start:end])
        )  # fmt: skip
    return stretches


_LIST_JOINER = re.compile(rf"^(?:[、,，;；]|\s|and|{words.JOINER_ZH})*$")
# An English speech verb opening the clause before a name: '"…," said Zhou Ming, Mayor of X'.
_SAID_BEFORE = re.compile(rf"^[\s“”\"'‘’]*(?:{words.SPEECH_VERBS_EN.pattern})\s")
# A Chinese clause that opens with what the person did, as an attribute of their title.
_DID_BEFORE_TITLE = re.compile(r"^[^的]{1,10}的(?=[^的]*$)")
_CLAUSE_OR_QUOTE = re.compile(r"[,，。；;:：!?！？()（）“”\"]")


def _start_of_stretch(simple: str, start: int, needle: str, others: list[str]) -> int:
    """Where the words that speak of the person at `start` begin: the name itself, or earlier
    where the sentence puts the verb first. A passive ("co-chaired by A and B") gives every
    person of its list the words since "by"; an inverted speech ('"…," said A') the verb."""
    clause = max((m.end() for m in _CLAUSE_OR_QUOTE.finditer(simple, 0, start)), default=0)
    if _SAID_BEFORE.match(simple[clause:start]):
        return clause
    attributive = _DID_BEFORE_TITLE.match(simple[clause:start])
    if attributive and any(p.search(attributive.group()) for _, p in words.ROLE_WORDS):
        return clause  # "与会的某省委书记A", "出席会议的领导B": what they did, before their title
    cursor = start
    while True:
        previous = _name_before(simple, cursor, needle, others)
        begin, end = previous or (0, 0)
        between = simple[end:cursor]
        if re.search(r"\bby\b", between):
            return end
        listed = re.match(r"^\s*(?:,|and\b)", between) and not any(
            pattern.search(between) for _, pattern in words.ROLE_WORDS
        )
        if previous is None or not listed:
            return start
        cursor = begin  # "by A and B": look before A


def _name_before(
    simple: str, cursor: int, needle: str, others: list[str]
) -> tuple[int, int] | None:
    """(start, end) of the nearest other person's name before `cursor`, else None."""
    found = [
        (p, p + len(o)) for o in others if needle not in o
        for p in [simple.rfind(o, 0, cursor)] if p >= 0
    ]  # fmt: skip
    return max(found, key=lambda pair: pair[1], default=None)


# What introduces a list of people: "成员包括A、B", "出席的有A、B", "members included A, B".
_LIST_INTRO = re.compile(r"包括|有|为|如下|[:：]|\b(?:including|include[sd]?|are|were)\b")
# Marks that end a clause; the list's 、 and the colon that may introduce it are none.
# Not the comma of "the Secretary for X, Mr Li": a title and its holder are one list item.
_CLAUSE_MARK = re.compile(rf"[，。；;!?！？()（）]|,(?!\s*{words.HONORIFIC_EN}\s)", re.IGNORECASE)
_LIST_ITEM_JOIN = re.compile(r"^\s*(?:[、,，;；]|and\b|及|和|与|以及)")


def _list_lead(simple: str, start: int, needle: str, others: list[str]) -> int:
    """For a person named in a list with no verb after it ("代表团成员包括甲司长A、乙局长B及丙
    主任C等"), where the clause introducing the list begins, when that clause says what the
    list did ("陪同…的代表团成员包括"); else `start`."""
    first = start
    while (previous := _name_before(simple, first, needle, others)) is not None:
        begin, end = previous
        between = simple[end:first]
        if not _LIST_ITEM_JOIN.match(between) or _CLAUSE_MARK.search(between[1:]):
            break
        if any(pattern.search(between) for _, pattern in words.ROLE_WORDS):
            break
        first = begin
    clause = max((m.end() for m in _CLAUSE_MARK.finditer(simple, 0, first)), default=0)
    lead = simple[clause:first]
    intro = [m for m in _LIST_INTRO.finditer(lead)]
    if intro and any(pattern.search(lead[: intro[-1].start()]) for _, pattern in words.ROLE_WORDS):
        return clause
    return start


def _end_of_stretch(simple: str, after: int, needle: str, others: list[str]) -> int:
    """Where the next other person's part begins; names joined only by list separators
    ("王甲、李乙、张丙参加", "A, B and C attended") share what follows the last of them."""
    while True:
        found = [
            (p, len(o))
            for o in others
            if o and needle not in o and (p := simple.find(o, after)) >= 0
        ]
        if not found:
            return len(simple)
        position, length = min(found)
        if not _LIST_JOINER.match(simple[after:position]):
            return position
        after = position + length


# What joins one person's part of a sentence to the next: trimmed off the person's evidence.
_LEADING_JOINER = re.compile(r"^(?:[\s、,，;；]|and\s)+", re.I)
_TRAILING_JOINER = re.compile(rf"(?:[\s、,，;；。.!?！？]|\sand|{words.JOINER_ZH})+$", re.I)
_TRAILING_SEPARATOR = re.compile(r"(?:[\s、,，;；。.!?！？]|\sand)+$", re.I)


def _evidence(
    stretches: list[Sentence], sentences: list[Sentence], article: ArticleText
) -> Span | None:
    """The words of the first sentence naming the person that speak of them: from the start of
    the clause holding the name, where Chinese writes the titles ("省委副书记、省长甲率团出席"),
    to where the next person's part begins ("A, Mayor of X, presided over the meeting")."""
    text = article.clean.text
    for stretch in stretches:
        sentence = next((s for s in sentences if s.start <= stretch.start < s.end), None)
        if sentence is None:
            continue
        breaks = list(_CLAUSE_BREAK.finditer(sentence.simple[: stretch.start - sentence.start]))
        start = sentence.start + (breaks[-1].end() if breaks else 0)
        part = text[start : stretch.end]
        # 和 / 及 end a part only where the next person's begins ("甲和乙出席"); at the end of
        # the sentence they may be the end of a name.
        trailing = _TRAILING_JOINER if stretch.end < sentence.end else _TRAILING_SEPARATOR
        lead = len(part) - len(_LEADING_JOINER.sub("", part))
        kept = trailing.sub("", part[lead:])
        if kept:
            return article.span_of_part(Sentence(start + lead, start + lead + len(kept), kept))
    return None


# "包括甲和乙在内的“9+2”行政首长": a group named with some of its members.
_GROUP_WITH_MEMBERS = re.compile(
    r"包括(?P<members>[^，。；;]{2,80}?)在内的(?P<group>[^,，。；;、]{2,20}?)"
    rf"(?=[,，。；;、]|{words.alternation(words.HELD_WORDS_ZH)}|{words.JOINER_ZH}|发表|共同|分别|一同)"
)


def groups_of(name: str, sentences: list[Sentence]) -> list[str]:
    """The groups the sentences name the person a member of ("包括甲和乙在内的某某行政首长"),
    as written in the simplified view."""
    return [
        match.group("group")
        for sentence in sentences
        for match in _GROUP_WITH_MEMBERS.finditer(sentence.simple)
        if name in match.group("members")
    ]


def _ordered(roles: set[Role]) -> list[Role]:
    roles = roles | {Role.ATTENDED}
    return [role for role in Role if role in roles]


def _model_attendances(
    answer: OfficialAnswer, meetings: list[Meeting], record_of_answer: dict[int, str]
) -> list[Attendance]:
    """The links the model gave, for a person whose sentences name no role; a person the model
    lists with no usable link took part in the main meeting."""
    linked = {record_of_answer[n] for n in answer.meetings if n in record_of_answer}
    found = [Attendance(meeting=m.id, roles=[Role.ATTENDED]) for m in meetings if m.id in linked]
    main = next((m for m in meetings if m.primary), None)
    if not found and main is not None:
        found = [Attendance(meeting=main.id, roles=[Role.ATTENDED])]
    return found


def official_record(
    number: int,
    answer: OfficialAnswer,
    meetings: list[Meeting],
    article: ArticleText,
    record_of_answer: dict[int, str] | None,
    others: list[str] = (),  # type: ignore[assignment]
    sole_titles: frozenset[str] = frozenset(),
) -> Official | None:
    """Official `o<number>`, or None when a rule proves the answer is not a person taking part.

    `record_of_answer` maps the model's meeting numbers to records; None marks a person found
    by code rather than the model, who is kept only when a sentence gives them a role.
    `sole_titles` are the titles no other person found holds: a sentence opened by one alone
    ("The Mayor noted that …") speaks of its holder.
    """
    name = person_name(answer.name)
    if not is_person_name(name) or not article.mentions(name):
        return None
    name = article.as_written_simplified(name) or name
    if has_cjk(name) and name[-1] in "今昨" and len(name) > 2 and article.mentions(name[:-1]):
        name = name[:-1]  # "李明今(29)日": the day word is not part of the name
    sentences = article.sentences_naming(name)
    if only_cited(sentences):
        return None
    stretches = person_stretches(name, sentences, list(others))
    for reference in surname_references(name, list(others)):
        stretches += person_stretches(reference, article.sentences_naming(reference), list(others))
    for group in groups_of(name, sentences):
        # What the group then does, its members do (rule 57).
        told = [s for s in article.sentences_naming(group) if s not in sentences]
        stretches += person_stretches(group, told, list(others))
    for title in (t for t in answer.titles if t in sole_titles):
        stretches += [
            s for s in sentences_opened_by_title(title, name, article) if s not in sentences
        ]
    links = attendances(stretches, meetings, article)
    if not links and record_of_answer is not None:
        links = _model_attendances(answer, meetings, record_of_answer)
    if not links:
        return None
    positions = _positions(answer, article)
    attended = [m for m in meetings if any(link.meeting == m.id for link in links)]
    region = official_region(answer, positions, article, attended, meetings)
    positions = [p.model_copy(update={"region": p.region or region}) for p in positions]
    span = _evidence(stretches, sentences, article) or article.span_of(name)
    return Official(
        id=f"o{number}",
        name=name,
        region=region,
        positions=positions,
        meetings=links,
        evidence=[span] if span else [],
    )


def _with_text_titles(
    answers: list[OfficialAnswer], found: list[TitledName]
) -> list[tuple[OfficialAnswer, bool]]:
    """The model's answers with titles read off the text where the text gives them, followed by
    the titled people the model did not list; each marked whether the model found it."""
    by_keys = [(name_keys(f.name), f) for f in found]
    corrected: list[tuple[OfficialAnswer, bool]] = []
    matched: set[str] = set()
    for answer in answers:
        keys = name_keys(person_name(answer.name))
        text = next((f for k, f in by_keys if keys & k), None)
        if text is not None:
            matched.add(text.name)
            answer = answer.model_copy(update={"titles": list(text.titles) or answer.titles})
        corrected.append((answer, True))
    for text in found:
        if text.name not in matched:
            answer = OfficialAnswer(
                name=text.name, titles=list(text.titles), region=None, meetings=[]
            )
            corrected.append((answer, False))
    return corrected


def official_records(
    answer: OfficialsAnswer,
    meetings: list[Meeting],
    article: ArticleText,
    record_of_answer: dict[int, str],
) -> list[Official]:
    """One record per person the text supports; a person listed twice is kept once. The rules
    read the answers in the simplified view; names and titles come out as the article writes
    them."""
    officials: list[Official] = []
    seen: list[frozenset[str]] = []
    candidates = [
        (in_simplified_view(item), by_model)
        for item, by_model in _with_text_titles(answer.officials, titled_names(article.sentences))
    ]
    names = [person_name(item.name) for item, _ in candidates]
    held = Counter(title for item, _ in candidates for title in set(item.titles))
    sole_titles = frozenset(title for title, count in held.items() if count == 1)
    for item, by_model in candidates:
        keys = name_keys(person_name(item.name))
        if not keys or any(keys & earlier for earlier in seen):
            continue
        links = record_of_answer if by_model else None
        others = [n for n in names if n != person_name(item.name)]
        record = official_record(
            len(officials) + 1, item, meetings, article, links, others, sole_titles
        )
        # The record's name may be shorter than the answer's ("某某今" is 某某): compared again.
        if record is not None and not any(name_keys(record.name) & earlier for earlier in seen):
            seen += [keys, name_keys(record.name)]
            officials.append(record)
    officials = _regions_by_side(officials, article, meetings)
    return [in_own_characters(official, article) for official in officials]


def add_members_who_took_part(meetings: list[Meeting], officials: list[Official]) -> None:
    """Each meeting's members with the regions of the officials who took part in it: the side
    a person stands for takes part ("行政长官甲与上海市市长乙会面" is Macao's and Shanghai's), even
    where the meeting's own sentence names one side only. A national official adds none."""
    for meeting in meetings:
        for official in officials:
            took_part = any(link.meeting == meeting.id for link in official.meetings)
            if took_part and official.region and official.region not in meeting.members:
                meeting.members.append(official.region)


def _regions_by_side(
    officials: list[Official], article: ArticleText, meetings: Sequence[Meeting] = ()
) -> list[Official]:
    """An official whose text names no region ("省政府秘书长赵一参加") takes the region of the
    official named just before them: news lists a delegation's members after its leader. One
    whose titles name a level but no place ("省委书记", "Deputy Secretary of the Municipal Party
    Committee") is read by the side the text puts them on: the region of the official just
    before when they are the next item of the same list ("贵州省委书记甲,省委副书记、省长乙"),
    else the one side of the meeting whose officials' titles are never written with their place
    (news writes its own side's titles bare: "福建省委书记甲主持,省委书记乙出席" puts 乙 on the
    other side), else the official before, as for one with no region."""

    def first_mention(official: Official) -> int:
        position = article.position_of(official.name)
        return position if position >= 0 else len(article.clean.text)

    ordered = sorted(officials, key=first_mention)
    bare = _side_written_bare(officials, meetings)
    own_side_unnamed = bare is None and bool(words.SELF_REFERENCE.search(article.simple))
    for before, official in itertools.pairwise(ordered):
        # The one named just before in the sentence of the first mention, where lists are.
        previous = _named_just_before(official, officials, article) or before
        national = holds_national_office(official.positions)
        # A person with no title at all ("A, B and C attended") is not read as a member.
        if national or not official.positions:
            continue
        if _national_list_goes_on(previous, official, article):
            official.region = None  # "全国政协甲委员会副主任A、驻会副主任B": B is national too
            for position in official.positions:
                position.region = None
            continue
        unnamed = _same_unnamed_level(official, previous)
        if unnamed and not _next_in_list(previous, official, article):
            if bare is not None:
                _set_region(official, bare)
            if bare is not None or own_side_unnamed:
                continue  # "我省" never named: the reporting side's, not the one before's
        if previous.region is not None and (official.region is None or unnamed):
            _set_region(official, previous.region)
    return officials


def _national_list_goes_on(previous: Official, official: Official, article: ArticleText) -> bool:
    """Whether the official, whose titles name no place, no level (市, 省) and no delegation, is
    the next item of a list led by a national office: the list is the national body's people."""
    titles = [p.title for p in official.positions]
    return (
        bool(previous.positions)
        and all(is_national_title(p.title) for p in previous.positions)
        and not any(region_code(title) for title in titles)
        and not any(level.search(title) for _, level in _UNNAMED_LEVEL for title in titles)
        and not any(_DELEGATE.search(title) for title in titles)
        and _next_in_list(previous, official, article)
    )


def _named_just_before(
    official: Official, officials: list[Official], article: ArticleText
) -> Official | None:
    """The official whose name stands nearest before this one's first mention, in the same
    sentence: "会见了由东岭市委书记甲,市委副书记、市长乙率领的代表团" puts 乙 after 甲, whoever
    the article named first."""
    at = article.position_of(official.name)
    sentence = next((s for s in article.sentences if s.start <= at < s.end), None)
    if sentence is None:
        return None
    found = [
        (position, other)
        for other in officials
        if other is not official
        and (position := sentence.simple.rfind(other.name, 0, at - sentence.start)) >= 0
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _set_region(official: Official, region: RegionCode) -> None:
    official.region = region
    for position in official.positions:
        position.region = region_code(position.title) or region


def _next_in_list(previous: Official, official: Official, article: ArticleText) -> bool:
    """Whether the official is the next item after `previous` in one list of titled names:
    nothing but separators and the official's own titles between the two names."""
    text = article.simple
    after = text.find(official.name)
    before = text.rfind(previous.name, 0, after) if after > 0 else -1
    if before < 0:
        return False
    between = text[before + len(previous.name) : after]
    for position in sorted(official.positions, key=lambda p: -len(p.title)):
        between = between.replace(position.title, "")
    return bool(_LIST_JOINER.match(between))


def _side_written_bare(officials: list[Official], meetings: Sequence[Meeting]) -> RegionCode | None:
    """The one side of a two-sided meeting that no official's title names: the side whose
    titles the article writes without their place, which is its own."""
    sides = {code for m in meetings if len(m.members) == 2 for code in m.members}
    if len(sides) != 2:
        return None
    named = {region_code(p.title) for o in officials for p in o.positions}
    rest = sides - named
    return rest.pop() if len(rest) == 1 else None


# A title naming a level and no place: "市委副书记", "Deputy Secretary of the Municipal Party
# Committee" (a title that names its place never gets here).
_UNNAMED_LEVEL = (
    ("municipal", re.compile(r"^(?:市|区)|\bmunicipal\b|\bcity\b", re.I)),
    ("provincial", re.compile(r"^(?:省|自治区)|\bprovincial\b", re.I)),
)
_LEVEL_WORD = {
    "municipal": re.compile(r"市|区|\bmunicipal\b|\bcity\b", re.I),
    "provincial": re.compile(r"省|自治区|\bprovincial\b|\bprovince\b", re.I),
}


def _same_unnamed_level(official: Official, previous: Official) -> bool:
    """Whether the official's titles name no place but a level that a title of the previous
    official (who has a region) has: the article means the same city or province, whatever the
    paragraph names most."""
    if any(region_code(p.title) for p in official.positions):
        return False
    # The previous title may itself be one without a place, whose region came the same way.
    named = [p.title for p in previous.positions]
    for level, unnamed in _UNNAMED_LEVEL:
        if any(unnamed.search(p.title) for p in official.positions):
            return any(_LEVEL_WORD[level].search(title) for title in named)
    return False

"""Official records from the model's answers, checked against the article.

The model finds the people; code decides what the text supports: the name must occur in the
article and look like a person's; titles must occur too; the region comes from a title, then
from the words just before the name ("贵州省委副书记、省长李炳军"), then from the regions the
person's sentences name most; and roles and meeting links come from the sentences that name the
person (出席 / attended, 发言 / spoke, 主持 / presided, 率团 / led a delegation ...), because a
small model's roles are unreliable.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from extract.answers import OfficialAnswer, OfficialsAnswer
from extract.grounding import ArticleText, Sentence
from extract.normalize import first_region_named_in, name_forms, rank_of_title, region_code
from extract.titled_names import TitledName, titled_names
from schemas.models import Attendance, Meeting, Official, Position, Role
from schemas.names import has_cjk, name_keys
from schemas.regions import RegionCode, region_mentions

_ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.ATTENDED, re.compile(r"出席|参加|列席|attend|present|responded|delegates", re.I)),
    (
        Role.SPOKE,
        re.compile(
            r"发言|讲话|致辞|表示|说|介绍|回答|spoke|speech|said|says|responded|answered|remarks"
            r"|summed up|introduced",
            re.I,
        ),
    ),
    (Role.PRESIDED, re.compile(r"主持|presided|chaired", re.I)),
    (Role.LED_DELEGATION, re.compile(r"率团|率领.{0,6}代表团|led (a|the) delegation", re.I)),
    (Role.SIGNED, re.compile(r"签署|签约|signed", re.I)),
    (Role.INVITED, re.compile(r"应邀|invited", re.I)),
)
_NOT_PERSON_WORDS = re.compile(
    r"省|市|区|会议|委员会|政府|代表团|各方|parties|leaders|delegat|committee|government|comrades"
    r"|members|officials|reporter|journalist|province|city|people|all\b",
    re.I,
)
_ZH_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_EN_NAME = re.compile(r"^[A-Z][a-zA-Z'’-]+( [A-Z][a-zA-Z'’-]+){1,3}$")
_CLAUSE_BREAK = re.compile(r"[,，。；;:：!?！？()（）]")


def looks_like_person(name: str) -> bool:
    """A Han name of 2-5 characters or a capitalised name of 2-4 words, with no title words."""
    name = name.strip()
    if _NOT_PERSON_WORDS.search(name):
        return False
    return bool(_ZH_NAME.match(name) if has_cjk(name) else _EN_NAME.match(name))


def roles_in(sentences: list[Sentence]) -> set[Role]:
    """Every role a keyword in the sentences supports."""
    return {role for role, pattern in _ROLE_WORDS if any(pattern.search(s.text) for s in sentences)}


def _region_before_name(name: str, sentences: list[Sentence]) -> RegionCode | None:
    """A region in the clause just before the name, where Chinese puts the person's titles."""
    for sentence in sentences:
        position = sentence.text.find(name)
        clause = _CLAUSE_BREAK.split(sentence.text[:position])[-1] if position > 0 else ""
        code = first_region_named_in(clause) if clause else None
        if code:
            return code
    return None


def _most_named_region(lines: list[str]) -> RegionCode | None:
    """The region the person's paragraphs name most often, if one leads."""
    counts: Counter[RegionCode] = Counter(
        code for line in lines for _, code in region_mentions(line)
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def official_region(
    answer: OfficialAnswer, positions: list[Position], article: ArticleText
) -> RegionCode | None:
    """From a title, else the words before the name, else the person's paragraphs, else the
    model's answer."""
    name = answer.name.strip()
    titled = next((p.region for p in positions if p.region), None)
    return (
        titled
        or _region_before_name(name, article.sentences_naming(name))
        or _most_named_region(article.lines_naming(name))
        or region_code(answer.region)
    )


def _positions(answer: OfficialAnswer, article: ArticleText) -> list[Position]:
    positions = []
    for title in answer.titles:
        title = title.strip()
        if title and article.mentions(title):
            positions.append(
                Position(title=title, rank=rank_of_title(title), region=region_code(title))
            )
    return positions


def _side_meeting_sentences(
    meeting: Meeting, sentences: list[Sentence], article: ArticleText
) -> list[Sentence]:
    """The person's sentences that lie inside the meeting's evidence."""
    inside = []
    for sentence in sentences:
        start, end = article.sentence_span(sentence)
        if any(span.start < end and start < span.end for span in meeting.evidence):
            inside.append(sentence)
    return inside


def attendances(
    sentences: list[Sentence], meetings: list[Meeting], article: ArticleText
) -> list[Attendance]:
    """The meetings the person's sentences put them in, and what they did there.

    A sentence inside a side meeting's evidence links the person to that meeting; any other
    sentence that says they took part (a role word) links them to the main meeting.
    """
    result: list[Attendance] = []
    used: set[Sentence] = set()
    for meeting in meetings:
        if meeting.primary:
            continue
        inside = _side_meeting_sentences(meeting, sentences, article)
        if inside:
            used.update(inside)
            result.append(Attendance(meeting=meeting.id, roles=_ordered(roles_in(inside))))
    main = next((m for m in meetings if m.primary), None)
    rest = [s for s in sentences if s not in used]
    main_roles = roles_in(rest)
    if main is not None and main_roles:
        result.insert(0, Attendance(meeting=main.id, roles=_ordered(main_roles)))
    return result


def _ordered(roles: set[Role]) -> list[Role]:
    roles = roles | {Role.ATTENDED}
    return [role for role in Role if role in roles]


def _model_attendances(answer: OfficialAnswer, meetings: list[Meeting]) -> list[Attendance]:
    """The links the model gave, for a person whose sentences name no role."""
    ids = [m.id for m in meetings]
    linked = {ids[a.meeting - 1] for a in answer.meetings if 1 <= a.meeting <= len(ids)}
    return [Attendance(meeting=i, roles=[Role.ATTENDED]) for i in ids if i in linked]


def official_record(
    number: int, answer: OfficialAnswer, meetings: list[Meeting], article: ArticleText
) -> Official | None:
    """Official `o<number>`, or None when the text does not support the answer."""
    name = answer.name.strip()
    if not looks_like_person(name) or not article.mentions(name):
        return None
    sentences = article.sentences_naming(name)
    links = attendances(sentences, meetings, article) or _model_attendances(answer, meetings)
    if not links:
        return None
    positions = _positions(answer, article)
    region = official_region(answer, positions, article)
    positions = [p.model_copy(update={"region": p.region or region}) for p in positions]
    span = article.span_of(answer.quote) or article.span_of(name)
    name_zh, name_en = name_forms(name)
    return Official(
        id=f"o{number}",
        name=name,
        name_zh=name_zh,
        name_en=name_en,
        region=region,
        positions=positions,
        meetings=links,
        evidence=[span] if span else [],
    )


def _with_text_titles(
    answers: list[OfficialAnswer], found: list[TitledName]
) -> list[OfficialAnswer]:
    """The model's answers with titles read off the text where the text gives them, followed by
    the titled people the model did not list."""
    by_keys = [(name_keys(f.name), f) for f in found]
    corrected: list[OfficialAnswer] = []
    matched: set[str] = set()
    for answer in answers:
        keys = name_keys(answer.name)
        text = next((f for k, f in by_keys if keys & k), None)
        if text is not None:
            matched.add(text.name)
            answer = answer.model_copy(update={"titles": list(text.titles)})
        corrected.append(answer)
    for text in found:
        if text.name not in matched:
            corrected.append(
                OfficialAnswer(
                    quote=text.sentence.text,
                    name=text.name,
                    titles=list(text.titles),
                    region=None,
                    meetings=[],
                )
            )
    return corrected


def official_records(
    answer: OfficialsAnswer, meetings: list[Meeting], article: ArticleText
) -> list[Official]:
    """One record per person the text supports; a person listed twice is kept once."""
    officials: list[Official] = []
    seen: list[frozenset[str]] = []
    for item in _with_text_titles(answer.officials, titled_names(article.sentences)):
        keys = name_keys(item.name)
        if not keys or any(keys & earlier for earlier in seen):
            continue
        record = official_record(len(officials) + 1, item, meetings, article)
        if record is not None:
            seen.append(keys)
            officials.append(record)
    return _regions_from_delegation_order(officials, article)


def _regions_from_delegation_order(
    officials: list[Official], article: ArticleText
) -> list[Official]:
    """An official whose text names no region ("省政府秘书长瞿海参加") takes the region of the
    official named just before them: news lists a delegation's members after its leader."""

    def first_mention(official: Official) -> int:
        position = article.clean.text.find(official.name)
        return position if position >= 0 else len(article.clean.text)

    ordered = sorted(officials, key=first_mention)
    for previous, official in itertools.pairwise(ordered):
        if official.region is None and previous.region is not None:
            official.region = previous.region
            for position in official.positions:
                position.region = position.region or previous.region
    return officials

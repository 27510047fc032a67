"""Meeting records from the model's answers, checked against the article.

The model finds the meetings; code grounds each one in the article (its quote must be found) and
makes the normal forms: the name as the article writes it, ended where the article's name ends;
the kind from the name's words; dates from the quote, never with a guessed year; place, host,
theme and members only where the article names them. A found meeting is dropped only when a rule
proves it is not a reported meeting: its quote is not in the article, or the quote says it is
still to be held. An answer is folded to the simplified view once, where it becomes a record
(`in_simplified_view`), and every rule reads that view, so traditional articles get the same
checks; the records' names are put back in the article's own characters once, when they are
done. Side meetings a caption states in a fixed pattern are added when the model passed them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.asking.answers import MeetingAnswer, MeetingsAnswer
from extract.lexicon import words
from extract.lexicon.dates import (
    dates_in_quote,
    full_dates_in,
    names_a_day,
    names_a_relative_day,
    stated_current_year,
    year_in,
)
from extract.lexicon.normalize import (
    city_that_is,
    english_city,
    iso_date,
    member_codes,
    province_of_city,
    region_code,
    regions_named_in,
)
from extract.lexicon.places import is_city_name
from extract.lexicon.segments import whole_word_search
from extract.reading.text import (
    ArticleText,
    Sentence,
    holds_in_order,
    lower_same_length,
    simplified_view,
)
from extract.records.titled_names import is_person_name, titled_names
from schemas.models import Meeting, MeetingKind
from schemas.names import has_cjk
from schemas.regions import RegionCode, collective_members_in, resolve_members, resolve_region

_ZH_MEETING_NAME = re.compile(
    r"[\u4e00-\u9fff\d年]{2,40}?(?:" + words.alternation(words.MEETING_WORDS_ZH) + ")"
)
_EN_MEETING_NAME = re.compile(
    r"(?:\d{4} )?(?:[A-Z][\w'’&/-]*\s+){1,12}(?:"
    + words.alternation(w.title() for w in words.MEETING_WORDS_EN if " " not in w)
    + r")\b"
)
# "the symposium on joint flood control": a lower-case meeting word with
# what it is about, up to the clause's end.
_EN_MEETING_ABOUT = re.compile(
    r"\b(?:"
    + words.alternation(w for w in words.MEETING_WORDS_EN if " " not in w)
    + r") (?:on|of|about) [^,.;()]{3,80}?(?=,|\.|;|\(| and | was | were | held |$)"
)
_QUOTE_MARKS = "“”\"'‘’《》「」『』 "


def in_simplified_view(answer: MeetingAnswer) -> MeetingAnswer:
    """The answer's words in the simplified view (English unchanged, offsets kept)."""

    def folded(text: str | None) -> str | None:
        return simplified_view(text) if text else text

    return answer.model_copy(
        update={
            "quote": simplified_view(answer.quote),
            "name": simplified_view(answer.name),
            "city": folded(answer.city),
            "province": folded(answer.province),
            "theme": folded(answer.theme),
            "participants": [simplified_view(p) for p in answer.participants],
        }
    )


# "The Chief Executive, Mr Zhou, met the Mayor of Northport": talks, named by who met whom (the
# holders' names, between commas, are no part of it).
_EN_TITLE_RUN = r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w'’-]*){0,6}"
_EN_MET = re.compile(
    rf"(?P<who>{_EN_TITLE_RUN})(?:,\s+{words.HONORIFIC_EN}\s+[A-Z][\w'’ -]{{1,40}}?,)?"
    rf"\s+(?:also\s+)?(?P<met>met with|met|meets|held talks with)\s+(?P<whom>the\s+{_EN_TITLE_RUN})"
)


def kind_from_name(name: str, fallback: MeetingKind) -> MeetingKind:
    """The kind a meeting's name (in the simplified view) states ("联席会议" is a joint meeting;
    "A met B" talks), else `fallback`."""
    if _EN_MET.fullmatch(name):
        return MeetingKind.TALKS
    for kind, pattern in words.KIND_WORDS:
        if pattern.search(name):
            return kind
    return fallback


_KINDS_OF_A_MEETING = [p for kind, p in words.KIND_WORDS if kind is not MeetingKind.VISIT]


def names_a_meeting_not_a_visit(text: str) -> bool:
    """Whether the text (in the simplified view) speaks of a meeting of some kind other than a
    visit ("after the symposium", "座谈中", "会谈时")."""
    return any(pattern.search(text) for pattern in _KINDS_OF_A_MEETING)


def the_meeting_inside_a_visit(meetings: list[Meeting]) -> Meeting | None:
    """The one meeting held during the visit an article is about (its primary record), else
    None: a visit's report means that meeting when it speaks of a meeting."""
    main = next((m for m in meetings if m.primary), None)
    if main is None or main.kind is not MeetingKind.VISIT:
        return None
    inside = [m for m in meetings if not m.primary and m.kind is not MeetingKind.VISIT]
    return inside[0] if len(inside) == 1 else None


def end_of_name(name: str) -> str:
    """The name cut where the article's name ends, when the model ran it on into the sentence
    ("…联席会议在福州举行" -> "…联席会议"; "… Joint Conference held in Guangzhou" -> "… Joint
    Conference"). A cut is made only after a meeting word, so a name is never cut to nothing.
    The name is in the simplified view."""
    run_on = words.NAME_RUN_ON_EN if name.isascii() else words.NAME_RUN_ON_ZH
    for match in run_on.finditer(name):
        if match.start() > 0 and words.MEETING_WORDS.search(name[: match.start()]):
            return _ZH_TRAILING_JOINER.sub("", name[: match.start()]).strip()
        if _held_inside(match, name):
            # "两省在成都召开交流座谈会", "四川代表团举行全体会议": the sentence around a name.
            return end_of_name(name[: match.start()] + name[match.end() :])
    return name.strip()


# "…学习考察并" once "举行…" is cut: a name does not end in a joining word.
_ZH_TRAILING_JOINER = re.compile(rf"(?:并且|并|{words.JOINER_ZH})$")


def _held_inside(match: re.Match[str], simple: str) -> bool:
    """Whether a Chinese "held" stretch stands between a subject and the meeting's name."""
    return (
        match.start() > 0
        and has_cjk(match.group(0))
        and bool(words.HELD_VERBS.search(match.group(0)))
        and bool(words.MEETING_WORDS.search(simple[match.end() :]))
    )


def meeting_name(answer: MeetingAnswer, article: ArticleText) -> str:
    """The model's name, ended where the article's ends, in the simplified view (the record's
    name is put in the article's characters when the records are done). A "name" with no
    meeting word in it (a person's name, a place) is replaced by a meeting name its quote
    gives, when there is one; an empty one by the quote."""
    name = _name_as_answered(answer, article)
    span = article.span_of(answer.quote)  # the article's own words, not the model's copy
    name = written_in_full(name, article) or with_session_after(name, article)
    name = with_topic_after(with_holder_before(name, article), article)
    name = with_ordinal_before(words.CAPTION_POSITION.sub("", name), article)
    return with_year_after(with_year_before(name, span.text if span else ""), article)


_EN_ORDINAL_BEFORE = re.compile(rf"\b(?P<ordinal>{words.ORDINAL_EN}\s+)[“\"]?$", re.IGNORECASE)


def with_ordinal_before(name: str, article: ArticleText) -> str:
    """An English name without the article or duration it was given ("The Ninth Plenary …",
    "two-day symposium on …") and with the ordinal the article writes right before it ("the
    sixth joint meeting of …" for "joint meeting of …"; "the second “… Fair”" without its
    quotation mark): the session is part of the name."""
    if has_cjk(name):
        return name
    name = words.NAME_LEAD_EN.sub("", name.strip()) or name
    text = article.simple
    haystack, needle = lower_same_length(text), lower_same_length(name)
    position = haystack.find(needle)
    while position >= 0:
        ordinal = _EN_ORDINAL_BEFORE.search(text, max(0, position - 25), position)
        if ordinal is not None:
            return ordinal.group("ordinal") + name
        position = haystack.find(needle, position + 1)
    return name


def written_in_full(name: str, article: ArticleText) -> str | None:
    """The article's full name for a Chinese name the model took in a short form ("泛珠行政首长
    联席会议" in a headline, "2031年泛珠三角区域合作行政首长联席会议" in the body): a longer name
    in the text that begins with the same character, ends with the same meeting word and holds
    every character of the short one in order, with the year written before it where the text
    writes one. None when the text has no such name, or two different ones."""
    simple = name.strip()
    ending = words.MEETING_WORDS.search(simple)
    if not has_cjk(simple) or ending is None or ending.start() < 3:
        return None  # too little besides the meeting word to tell one meeting from another
    last = ending.group(0)
    while (more := words.MEETING_WORDS.search(simple, ending.end())) is not None:
        ending, last = more, more.group(0)
    # A name standing on its own: after a quote mark, a punctuation mark or a line's start.
    stretch = re.compile(
        rf"(?<![\u4e00-\u9fff\d])(?:\d{{4}}年)?{re.escape(simple[0])}"
        rf"[\u4e00-\u9fff\d]{{1,{2 * len(simple)}}}?{re.escape(last)}"
    )
    fuller = {
        m.group(0)
        for m in stretch.finditer(article.simple)
        if len(m.group(0)) > len(simple)
        and holds_in_order(m.group(0), simple)
        and end_of_name(m.group(0)) == m.group(0)  # a clause ("两省在甲市召开…") is no name
        and not re.search(r"\d{1,2}[月日]", m.group(0))  # nor a sentence's day ("9日晚到达")
    }
    names = {re.sub(r"^\d{4}年", "", f) for f in fuller}
    return max(fuller, key=len) if len(names) == 1 else None


def signing_of_document(name: str, article: ArticleText) -> str | None:
    """The event of signing a document, for a "meeting" the model named by the document
    ("《深化示例合作框架协议》"): the article's own "签署《…》" without its brackets, when the
    article says that document was signed, else None. A signing with no meeting around it is an
    event of its own (kind other)."""
    title = name.strip().strip("《》〈〉“”\"'「」 ")
    if not title or not words.DOCUMENT_WORDS.search(title):
        return None
    if words.MEETING_WORDS.search(title):
        return None  # "…联席会议纪要" names its meeting
    needle = lower_same_length(title)
    text = lower_same_length(article.simple)
    position = text.find(needle)
    while position >= 0:
        before = words.SIGNED_WORDS.search(text, max(0, position - 6), position)
        if before is not None:
            written = article.simple[before.start() : position + len(title)]
            return re.sub(r"[《》〈〉]", "", written)
        position = text.find(needle, position + 1)
    return None


def _name_as_answered(answer: MeetingAnswer, article: ArticleText) -> str:
    """The model's name cut to the article's, or the name its quote gives when the model's is
    not a meeting's name."""
    name = end_of_name(answer.name.strip().strip(_QUOTE_MARKS))
    signing = signing_of_document(name, article)
    if signing is not None:
        return signing
    quote = answer.quote
    met = _EN_MET.search(quote)
    coined = not has_cjk(name) and article.position_of(words.NAME_LEAD_EN.sub("", name)) < 0
    if met is not None and coined:
        # An English name the article never writes ("The Executive-Mayor Talks Meeting") is
        # the model's coinage; talks its quote tells are named by who met whom.
        who = words.NAME_LEAD_EN.sub("", met.group("who"))
        return f"{who} {met.group('met')} {met.group('whom')}"
    bare = len(words.MEETING_WORDS.sub("", name).strip()) < 2  # "考察", "meeting"
    # A visit named by who leads it where to do what ("周明率团赴西川学习交流") is a name.
    not_a_meeting_s = not _ZH_VISIT.fullmatch(name) and (
        bare
        or not _mostly_in(name, quote)
        or not words.MEETING_WORDS.search(name)
        or opens_with_a_person(name)
    )
    if not_a_meeting_s:
        # A "name" that is not a meeting's, or not the meeting its own quote reports (a
        # headline's other event): the meeting name the quote gives, when it gives one.
        for pattern in (_ZH_MEETING_NAME, _EN_MEETING_NAME, _EN_MEETING_ABOUT):
            match = pattern.search(quote)
            if match and match.end() - match.start() >= 4:
                return end_of_name(quote[match.start() : match.end()])
    return name or quote.strip()


# What may stand before a Chinese name and still be part of it: no punctuation, no particle or
# verb that ends a clause ("在广州召开的…会议" is not the name's start).
_ZH_NAME_PREFIX = re.compile(r"(?:\d{4}年|[^\s,，。;；:：、“”《》\"的在于了日暨召举])*$")


def with_year_before(name: str, quote: str) -> str:
    """The name with the year and places the quote writes right before it ("合作行政首长联席会议"
    in "2010年泛珠三角区域(9+2)合作行政首长联席会议在福州召开"): the model often drops the
    year, which dates the meeting and tells one year's meeting from the next. Only a prefix
    that starts with a year or a session ("十二届全国人大三次会议浙江代表团全体会议") is taken."""
    if not has_cjk(name):
        return name
    position = quote.find(name)
    if position <= 0:
        return name
    prefix = _ZH_NAME_PREFIX.search(quote[:position])
    stretch = prefix.group(0) if prefix else ""
    start = re.search(r"\d{4}年|第?[一二三四五六七八九十百零〇\d]+届", stretch)
    if start is None:
        return name
    return quote[position - len(stretch) + start.start() : position] + name


# What continues a Chinese meeting's name in the article: "…协调会" + "第十次市长联席会议",
# "…市长联席会议" + "全体会议" (a session or a plenary of the named body).
_ZH_NAME_CONTINUES = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[次届][\u4e00-\u9fff]{0,10}?(?:联席会议|会议|论坛|大会|联席会)"
    r"|(?:全体|扩大)会议)"
)


def with_session_after(name: str, article: ArticleText) -> str:
    """The name with the session or plenary the article writes right after it ("长三角城市经济
    协调会" in "长三角城市经济协调会第十次市长联席会议"): a name ends where the article's ends."""
    if not has_cjk(name):
        return name
    position = article.simple.find(name) if name else -1
    while position >= 0:
        end = position + len(name)
        more = _ZH_NAME_CONTINUES.match(article.simple[end : end + 30])
        if more is not None:
            return name + article.simple[end : end + more.end()]
        position = article.simple.find(name, end)
    return name


# "两县举行协作座谈会", "湖南、江西两省在长沙召开经济社会发展座谈会", "出席某届全国人大某次会议
# 的东岭代表团在住地召开全体会议": who held a meeting, the session a delegation attends, the
# meeting; a place or a time may stand before who held it.
_ZH_HELD_BY = re.compile(
    r"(?:出席(?P<session>[^,，。；;的]{4,24}?)的)?(?P<holder>[^,，。；;:：()（）“”在的]{2,20}?)"
    r"(?:在(?P<place>[^,，。；;()（）]{1,12}?))?(?:举行|召开)了?"
    rf"(?P<meeting>[^,，。；;()（）“”]{{0,12}}?(?:{words.alternation(words.MEETING_WORDS_ZH)}))"
)
_SIDE_LIST_SPLIT = re.compile(rf"(、|{words.JOINER_ZH})")
_BARE_QUALIFIER = 2


def with_holder_before(name: str, article: ArticleText) -> str:
    """A name the article gives by the meeting's kind alone ("协作座谈会", "全体会议") with who
    held it before it, as a name is built from the article's words (rule 10): "两县举行协作座谈
    会" is "两县协作座谈会"; a delegation's plenary also takes the session the delegation attends
    ("出席…会议的某代表团举行全体会议"). Only sides hold: regions, a count of them, a delegation
    (`sides_ending`). In English, a delegation's meeting (`_with_delegation_en`)."""
    if not has_cjk(name):
        return _with_delegation_en(name, article)
    built = [name]
    for match in _ZH_HELD_BY.finditer(article.simple):
        holder = sides_ending(match.group("holder"))
        meeting = match.group("meeting")
        if holder is None or not name.endswith(meeting):
            continue
        # Bare: the kind and at most a word beside it ("工作座谈会"); "东西部协作座谈会" is named.
        bare = (
            name == meeting
            and len(words.MEETING_WORDS.sub("", meeting)) <= _BARE_QUALIFIER
            and not regions_named_in(meeting)
        )
        if bare or name == holder + meeting:
            session = match.group("session") if holder.endswith("代表团") else None
            built.append((session or "") + holder + meeting)
    return max(built, key=len)  # the headline may leave off what the body writes


# "The Northport Delegation held its first plenary for the 3rd session of the Congress": the
# delegation, the meeting and the occasion, which make the name "first plenary of the …".
_EN_DELEGATION_HELD = re.compile(
    r"\b(?P<holder>(?:[A-Z][\w'’-]*\s+){1,5}Delegation(?:\s+to\s+[^,.;]+?)?)\s+(?:held|holds"
    r"|convened|convenes)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?P<meeting>(?:[a-z][\w-]*\s+){0,2}?"
    r"(?:plenary(?:\s+(?:meeting|session))?|meeting|session))(?P<occasion>\s+(?:for|of|during)"
    r"\s+the\s+[^,.;]+?)?(?=\s*[,.;]|\s+(?:on|in|at)\s|$)"
)


def _with_delegation_en(name: str, article: ArticleText) -> str:
    """An English delegation's meeting named the way rule 10 builds it from "the X Delegation
    held a plenary meeting …": "plenary meeting of the X Delegation …", when the model's name
    is part of it and names the delegation or the meeting ("X Delegation", "first plenary"),
    not only the occasion ("the Example Congress")."""
    words_of_name = set(lower_same_length(name).split())
    for built, _holder, meeting in _delegations_holding_en(article):
        own_words = {"delegation", meeting.split()[-1].lower()}
        held = words_of_name <= set(lower_same_length(built).split())
        if held and words_of_name & own_words:
            return built if len(built) > len(name) else name
    return name


def _delegations_holding_en(article: ArticleText) -> list[tuple[str, str, str]]:
    """(name as rule 10 builds it, the delegation, the meeting) of each English sentence
    saying a delegation held a meeting."""
    found = []
    for match in _EN_DELEGATION_HELD.finditer(article.clean.text):
        holder = re.sub(r"^The\s+", "", match.group("holder"))
        built = f"{match.group('meeting')} of the {holder}{match.group('occasion') or ''}"
        found.append((built, holder, match.group("meeting")))
    return found


def host_held_by(name: str, article: ArticleText) -> RegionCode | None:
    """The one region the article's sentence saying who held the meeting names as its holder
    (rule 13: "出席…的东岭代表团在住地召开全体会议", "the Northland Delegation convened its
    first plenary"); sides counted together ("两省") name none."""
    if has_cjk(name):
        holders = [sides_ending(m.group("holder")) for m in held_by_sides(name, article)]
    else:
        holders = [h for built, h, _ in _delegations_holding_en(article) if built == name]
    for holder in holders:
        codes = member_codes([holder]) if holder else []
        if len(codes) == 1:
            return codes[0]
    return None


# What a meeting's topic runs on into: the rest of its sentence.
_TOPIC_ENDS = r"(?=,|\.|;|\(| and | was | were | held | as part of |$)"


def with_topic_after(name: str, article: ArticleText) -> str:
    """An English name that is the meeting's kind alone ("symposium", "second high-level forum")
    with the topic the article writes after it ("… on integrated development of X"): a name
    ends where the article's ends."""
    if has_cjk(name) or re.search(r"[A-Z]", name):
        return name
    topic = re.compile(
        rf"{re.escape(name)}(?P<topic>\s+(?:on|of|about)\s+[^,.;()]{{3,80}}?){_TOPIC_ENDS}",
        re.IGNORECASE,
    )
    found = topic.search(article.clean.text)
    return name + found.group("topic") if found else name


def held_by_sides(name: str, article: ArticleText) -> list[re.Match[str]]:
    """The sentences' matches of `_ZH_HELD_BY` that say who held the meeting of this name
    ("两省在长沙举行座谈会" for "两省座谈会" or "座谈会"), in the simplified view."""
    if not has_cjk(name):
        return []
    return [
        match
        for match in _ZH_HELD_BY.finditer(article.simple)
        if name.endswith(match.group("meeting"))
        and ((match.group("session") or "") + match.group("holder")).endswith(
            name.removesuffix(match.group("meeting"))
        )
    ]


def city_held_in(name: str, article: ArticleText) -> str | None:
    """The city the sentence saying who held the meeting puts it in: code fills in the place
    the model left empty."""
    place = next((m.group("place") for m in held_by_sides(name, article) if m.group("place")), "")
    return english_city(place) if place and is_city_name(place) else None


def sides_ending(text: str) -> str | None:
    """The sides that end a text saying who held a meeting: a count of them with the regions
    listed before it ("两市", "湖南、江西两省"), or a region's delegation ("东岭省代表团" once
    "今天上午" is left off); None when the text ends with no side ("双方还")."""
    if text.endswith("代表团"):
        for start in range(len(text) - 3):
            mentions = regions_named_in(text[start:])
            if mentions and mentions[0][0] == 0:
                return text[start:]
        return None
    count = words.COUNTED_SIDES_ZH.search(text)
    if count is None:
        return None
    items = _SIDE_LIST_SPLIT.split(text[: count.start()])  # item, joiner, item, …, item
    named = ""
    for index in range(len(items) - 1, -1, -2):
        item, joiner = items[index], "".join(items[index + 1 : index + 2])
        if _names_a_place(item):
            named = item + joiner + named
            continue
        # The list's first region may follow other words ("今天上午湖南、江西两省").
        first = next((item[k:] for k in range(1, len(item) - 1) if _names_a_place(item[k:])), "")
        named = (first + joiner + named) if first else named
        break
    return named + count.group(0)


def _names_a_place(text: str) -> bool:
    """Whether the text is a region's, a collective's or a city's name, whole."""
    return bool(text) and (bool(resolve_members(text)) or is_city_name(text))


def _mostly_in(name: str, quote: str) -> bool:
    """Whether most of the name's characters (Chinese) or words (English) are in the quote."""
    simple = name.lower()
    parts = list(simple) if has_cjk(simple) else simple.split()
    found = [p for p in parts if p.strip() and p in quote.lower()]
    return bool(parts) and len(found) >= 0.6 * len([p for p in parts if p.strip()])


def with_year_after(name: str, article: ArticleText) -> str:
    """The name with the year the article writes right after it ("… Co-operation Meeting
    2023"): the model often drops it, and it dates the meeting."""
    text = article.simple
    needle = lower_same_length(text)
    key = lower_same_length(name)
    position = needle.find(key) if key else -1
    while position >= 0:
        after = text[position + len(name) : position + len(name) + 6]
        if year := re.match(r"\s?(?:19|20)\d\d(?!\d)(?!\s*年)", after):  # not "2006年6月5日"
            return name + year.group(0)
        position = needle.find(key, position + 1)
    return name


def _members(answer: MeetingAnswer, name: str, article: ArticleText) -> list[RegionCode]:
    """A collective the meeting's name or quote names decides ("9+2"); else the participants
    the article names, with the regions the name itself names; else the quote's regions."""
    for text in (name, answer.quote):
        collective = collective_members_in(text)
        if collective:
            return list(collective)
    named = [p for p in answer.participants if article.mentions(p)]
    codes = member_codes([*named, name])
    if not codes:
        codes = [code for _, code in regions_named_in(answer.quote)]
    return list(dict.fromkeys(codes))


def supported_date(date: dt.date | None, name: str, article: ArticleText) -> dt.date | None:
    """The model's date, if the article supports its year: the publication year (or the year
    before, for January articles), a year in the meeting's name, the year the article calls
    "this year" ("今(2014)年"), or the full date written in the text. A date whose year the
    article never gives is a guess, and dropped."""
    if date is None:
        return None
    published = article.published
    if published and date.year in (published.year, published.year - 1) and date <= published:
        return date
    if date.year in (year_in(name), stated_current_year(article.simple)):
        return date
    return date if date in full_dates_in(article.simple) else None


def _dates(
    answer: MeetingAnswer, name: str, article: ArticleText
) -> tuple[dt.date | None, dt.date | None]:
    found = dates_in_quote(answer.quote, published=article.filed, year_hint=year_in(name))
    if found:
        return found
    start = supported_date(iso_date(answer.start_date), name, article)
    end = supported_date(iso_date(answer.end_date), name, article) if start else None
    if start and (end is None or end < start):
        end = start
    held = _date_held(name, article)
    if start is None or (start == article.published and held[0] is not None):
        # A model with no date of the meeting's own gives the page's: a sentence saying the
        # meeting was held ("今天,…举行全体会议" in a story filed the day before) dates it.
        return held
    return start, end


def _date_held(name: str, article: ArticleText) -> tuple[dt.date | None, dt.date | None]:
    """The date of a sentence saying the named meeting was held ("…联席会议。此次会议于今天
    在东岭召开", "两省今天在长沙举行座谈会" for "两省座谈会"), for a meeting whose quote and
    answer date nothing (the model quoted another sentence about it)."""
    if len(name.strip()) < _SHORT_NAME:
        return None, None
    year = year_in(name)
    held_by = [match.start() for match in held_by_sides(name, article)]
    by_sides = [s for s in article.sentences if any(s.start <= p < s.end for p in held_by)]
    for sentence in dict.fromkeys([*article.sentences_about(name), *by_sides]):
        if words.HELD_VERBS.search(sentence.simple) and not is_planned(sentence.simple, name, None):
            found = dates_in_quote(sentence.simple, published=article.filed, year_hint=year)
            if found:
                return found
    return None, None


def host_from_quote(quote: str) -> RegionCode | None:
    """The region the quote says hosted or held the meeting, when it names exactly one.

    "由云南省承办" and "hosted by Yunnan" name a host; so does an active sentence whose subject is
    one region's body ("the Hunan Provincial Delegation held a plenary meeting"). Being the venue
    ("held in Guiyang") does not make a region the host. The quote is in the simplified view.
    """
    hosted = words.HOSTED_BY.search(quote)
    if hosted:
        return region_code(hosted.group("host") or hosted.group("host_en"))
    holder = words.ACTIVE_HOLDER.search(quote)
    if holder is None or _MEETING_WORD_AT_END.search(holder.group("holder")):
        return None  # "…联席会议在沈阳召开": the meeting itself, no one holding it
    codes = member_codes([holder.group("holder")])
    if _WITH_PARTNER.search(holder.group("holder")):
        return None  # "将与东岭省省长在西川举行…": held together, the partner alone is named
    return codes[0] if len(codes) == 1 else None


_WITH_PARTNER = re.compile(r"与|(?<![共协合])同(?![志期时])")
_MEETING_WORD_AT_END = re.compile(rf"(?:{words.GATHERING_WORDS.pattern})\s*$", re.IGNORECASE)


def is_planned(quote: str, name: str, published: dt.date | None) -> bool:
    """Whether the quote speaks of the meeting as still to come ("will be held", "将于"), or
    the meeting's name or quote dates it after the article was published ("2032年联席会议由福建省
    承办" in a 2031 article). The quote and name are in the simplified view."""
    planned = whole_word_search(words.PLANNED_WORDS, quote)
    if planned is not None and not words.HELD_VERBS.search(quote[: planned.start()]):
        return True
    year = year_in(name) or year_in(quote)
    return published is not None and year is not None and year > published.year


_MUNICIPALITIES = {RegionCode.BJ, RegionCode.TJ, RegionCode.SH, RegionCode.CQ, RegionCode.HK,
                   RegionCode.MO}  # fmt: skip


def _named_as_place(place: str | None, quote: str) -> bool:
    """Whether the quote names the place where something happens ("in Hefei", "在贵州贵阳"),
    not only as part of a name ("the Guangdong Provincial Delegation")."""
    if not place or not place.strip():
        return False
    simple = quote.lower()
    needle = place.strip().split(",")[0].lower()
    position = simple.find(needle) if needle else -1
    while position >= 0:
        if words.LOCATIVE.search(simple[max(0, position - 30) : position]):
            return True
        position = simple.find(needle, position + 1)
    return False


def _place_texts(answer: MeetingAnswer, name: str, article: ArticleText) -> list[str]:
    """Where a meeting's place may be named: its quote, the headline, and the sentences that
    name the meeting ("…联席会议今天在东岭召开" when the quote is another sentence)."""
    headline = article.sentences[:1]
    naming = article.sentences_about(name) if len(name.strip()) >= 4 else []
    return [answer.quote, *(s.simple for s in [*headline, *naming])]


def _named_as_place_in(place: str | None, texts: list[str]) -> bool:
    return any(_named_as_place(place, text) for text in texts)


# "赴四川考察", "来赣学习考察", "visited Jiangxi Province": where a delegation goes.
_ZH_DESTINATION = re.compile(
    r"(?:赴|来|到|抵)(?P<place>[\u4e00-\u9fff]{1,6}?)(?:学习|考察|访问|调研|开展|交流|对接)"
)
_EN_DESTINATION = re.compile(r"\b(?:visit(?:ed|s|ing)?|to|arrived in)\s+(?P<place>[A-Z][a-z]+)")


def visit_destination(quote: str) -> RegionCode | None:
    """The region a visit's quote sends the delegation to (its one-character short form too:
    "来闽" is Fujian), else None. The quote is in the simplified view."""
    for match in (*_ZH_DESTINATION.finditer(quote), *_EN_DESTINATION.finditer(quote)):
        place = match.group("place")
        code = region_code(place) or (resolve_region(place) if len(place) == 1 else None)
        if code is not None:
            return code
    return None


def _city(answer: MeetingAnswer, texts: list[str]) -> str | None:
    if not _named_as_place_in(answer.city, texts):
        return None
    if has_cjk(answer.city or "") and len((answer.city or "").strip().rstrip("市")) < 2:
        return None  # "在肥": a one-character short form is no city's name
    if words.VENUE_WORDS.search(answer.city or ""):
        return None  # a building ("政府总部", "Capital Hotel") is not a city
    if words.SELF_REFERENCE.search(answer.city or ""):
        return None  # "我省", "our city": the reporting side, no city's name
    code = region_code(answer.city)
    if code is not None and code not in _MUNICIPALITIES and resolve_region(answer.city or ""):
        return None  # a province given as the city
    return english_city(answer.city)


def _theme(theme: str | None, article: ArticleText) -> str | None:
    """The model's theme if the article states it as the theme (主题, "the theme of"): a topic
    discussed or a slogan elsewhere in the text is not the meeting's theme."""
    cleaned = (theme or "").strip(_QUOTE_MARKS)
    position = article.position_of(cleaned) if cleaned else -1
    if position < 0:
        return None
    window = article.simple[max(0, position - 40) : position + len(cleaned) + 40]
    if not words.THEME_MARKER.search(window):
        return None
    return article.clean.text[position : position + len(cleaned)]


def meeting_record(
    number: int,
    answer: MeetingAnswer,
    article: ArticleText,
    keep_ungrounded: bool,
    previewed: bool = False,
) -> Meeting | None:
    """Meeting `m<number>` from one answer, or None when a check proves it is not one: its quote
    is not in the article, recalls it, names a business event, or speaks of it as still to come
    (unless `previewed`: the article is the preview of that meeting, rule 49)."""
    span = article.span_of(answer.quote)
    recalled = bool(whole_word_search(words.PAST_REFERENCE, answer.quote))
    business = bool(whole_word_search(words.BUSINESS_EVENT, answer.name))
    planned = is_planned(answer.quote, answer.name, article.published) and not previewed
    grounded = span is not None and not (recalled or business or planned)
    if not grounded and not keep_ungrounded:
        return None
    name = meeting_name(answer, article)
    if opens_with_a_person(name):
        return None
    members = _members(answer, name, article)
    if one_region_s_own(name, answer.quote, members) and not keep_ungrounded:
        return None
    start, end = _dates(answer, name, article)
    texts = _place_texts(answer, name, article)
    city = _city(answer, texts) or city_held_in(name, article)
    province = region_code(answer.province) if _named_as_place_in(answer.province, texts) else None
    fallback = answer.kind if answer.kind != MeetingKind.OTHER else None
    kind = kind_from_name(name, fallback or kind_from_name(answer.quote, MeetingKind.OTHER))
    if words.SIGNED_WORDS.match(name):
        kind = MeetingKind.OTHER  # the signing of a document (`signing_of_document`)
    if kind is MeetingKind.VISIT:
        # A visit is between the delegation's region and the one it goes to.
        destination = visit_destination(answer.quote)
        members += [destination] if destination and destination not in members else []
        if province is None and city is None:
            province = destination
    province = province or province_of_city(city)
    return Meeting(
        id=f"m{number}",
        name=name,
        kind=kind,
        primary=False,
        start_date=start,
        end_date=end,
        city=city or city_that_is(province),
        province=province,
        host=(host_from_quote(answer.quote) or host_held_by(name, article)) if span else None,
        theme=_theme(answer.theme, article),
        members=members,
        evidence=[span] if span else [],
        grounded=grounded,
    )


def opens_with_a_person(name: str) -> bool:
    """Whether a "name" is a sentence about a person ("Ma Lin, member of …, presided over
    the forum.", "周明主持会议并讲话", "省长李华讲话"): a person's name before its first comma,
    or a person (after their title) doing what people do at a meeting. Such a name is looked up
    for the meeting it speaks of, and a meeting whose name stays one is none of its own: the
    meeting it speaks of is one the article names elsewhere. Talks and visits named after their
    people ("周明与李华会面", "周明会见代表团", "周明率团赴西川考察") are names."""
    first = re.split(r"[,，、]", name, maxsplit=1)[0].strip()
    if first != name.strip() and is_person_name(first):
        return True
    simple = name.strip()
    if _ZH_VISIT.fullmatch(simple):
        return False
    return any(_acts(simple, start) for start in _person_ends(simple))


def _person_ends(simple: str) -> list[int]:
    """Where a person's name that opens the text (after any title) ends."""
    ends = []
    for person in titled_names([Sentence(0, len(simple), simple, simple)]):
        found = simple.find(person.name)
        if 0 <= found <= 16:
            ends.append(found + len(person.name))
    if has_cjk(simple):
        ends += [k for k in (2, 3, 4) if k < len(simple) and is_person_name(simple[:k])]
    else:
        parts = simple.split()
        ends += [
            len(" ".join(parts[:k])) for k in (2, 3) if k < len(parts)
            and is_person_name(" ".join(parts[:k]))
        ]  # fmt: skip
    return ends


# "等", "共同", "also": what may stand between a person and what they did.
_BETWEEN_PERSON_AND_ACT = re.compile(r"^(?:\s|等人?|一行|共同|一同|一起|also\b|then\b)*", re.I)


def _acts(simple: str, after: int) -> bool:
    """Whether the words right after a person's name are a role verb (presided, spoke,
    attended, led, signed) rather than talks with someone ("与…会面", "met with")."""
    rest = simple[after:]
    rest = rest[_BETWEEN_PERSON_AND_ACT.match(rest).end() :]  # type: ignore[union-attr]
    if words.TALKS_OPENING.match(rest):
        return False
    return any(pattern.match(rest) for _, pattern in words.ROLE_WORDS)


def one_region_s_own(name: str, quote: str, members: list[RegionCode]) -> bool:
    """Whether a meeting is one region's own, not one between regions (rule 52): named for a
    whole region ("全省对口支援工作会议") or for a region's own body ("…工作领导小组会议", a
    government's executive meeting) while its sentence names no second region taking part; or,
    with a single region taking part, for the centre and that region ("central-regional
    cooperation forum"). A delegation's plenary is not caught: its name holds none of these."""
    simple = name.strip()
    own_body = words.WHOLE_REGION.search(simple) or whole_word_search(words.ONE_REGION_BODY, simple)
    if own_body:
        named = {code for _, code in regions_named_in(quote)}
        return len(named) <= 1
    return len(members) <= 1 and bool(whole_word_search(words.CENTRE_AND_REGION, simple))


def _same_meeting(a: Meeting, b: Meeting) -> bool:
    """The same name; or one meeting of a kind named in full and by a shorter form of the same
    name ("2031年示例区域合作联席会议" and "联席会议"); or the same kind, day and sides; or two
    visits between the same regions."""
    names = sorted((m.name.lower().strip() for m in (a, b)), key=len)
    if names[0] == names[1]:
        return True
    if a.kind == b.kind and len(names[0]) >= _SHORT_NAME and names[0] in names[1]:
        return True
    same_day = a.start_date is not None and a.start_date == b.start_date
    same_sides = not a.members or not b.members or set(a.members) == set(b.members)
    if a.kind == b.kind == MeetingKind.VISIT and a.members and set(a.members) == set(b.members):
        return True  # one delegation's visit, told in the headline and again in the body
    return a.kind == b.kind and same_day and same_sides


# A name this long or longer that another name holds is a short form of it ("联席会议").
_SHORT_NAME = 4


# "湘赣两省在南昌举行工作会谈": who, where, and a meeting word right after the held-verb.
_ZH_HELD = re.compile(
    r"(?P<subject>[^,，。:：()（）]{2,12}?)在(?P<place>[^,，。()（）]{2,10}?)(?:举行|召开)"
    r"(?P<meeting>[^,，。()（）]{0,8}?(?:会谈|座谈会|会议|论坛))"
)
_EN_HELD = re.compile(
    r"(?P<subject>(?:[A-Z][\w-]*(?:,? and |, | )){1,6}?)held (?P<meeting>(?:work(?:ing)? )?talks"
    r"|an? (?:\w+ ){0,3}(?:meeting|symposium|forum)) in (?P<place>[A-Z][\w-]+)"
)


# "会前与某省委书记某某会面", "Before the meeting, A met with B": talks beside the meeting the
# sentence is about, on its day.
_ZH_TALKS_BESIDE = re.compile(
    r"(?:会前|会后|会议期间)(?:先|还|,|，)?(?P<meeting>(?:分别)?[与同][^,，。；;]{1,30}?"
    r"(?:会面|会见|会谈|座谈交流|座谈))"
)
_EN_TALKS_BESIDE = re.compile(
    r"\b(?:Before|After) the (?:meeting|conference|plenary|symposium),? [^,.;]{2,60}? "
    r"(?P<meeting>(?:met with|met|held talks with) [^,.;]{2,80})"
)


def meetings_stated_in_sentences(article: ArticleText) -> list[MeetingAnswer]:
    """Meetings a sentence states in a fixed pattern: a dated "湘赣两省在南昌举行工作会谈",
    "Hunan and Jiangxi held talks in Nanchang", or talks "会前与…会面" beside the meeting the
    sentence reports. Photo captions report side meetings this way, and a small model reading
    the whole page often passes over them. Matched in the simplified view, named in the
    article's own characters."""
    found = []
    for sentence in article.sentences:
        match = _ZH_HELD.search(sentence.simple) or _EN_HELD.search(sentence.simple)
        dated = dates_in_quote(sentence.simple, published=article.published) is not None or (
            article.published is None
            and (names_a_relative_day(sentence.simple) or names_a_day(sentence.simple))
        )  # "今日…举行", "On 8 November, …": on a page with no date of its own, dated all the same
        if match and dated:
            found.append(_stated_meeting(sentence.text, match))
        named = (
            _ZH_NAMED_HELD.search(sentence.simple)
            or _EN_NAMED_HELD.search(sentence.text)
            or _EN_UNNAMED_HELD.search(sentence.text)
        )
        if named and dated:
            found.append(_named_meeting_held(sentence.text, named))
        attended = _EN_ATTENDED.finditer(sentence.text)
        found.extend(
            _attended_event(sentence.text, match)
            for match in attended
            if _an_official_attends(sentence.text, match)
        )
        beside = _ZH_TALKS_BESIDE.search(sentence.simple) or _EN_TALKS_BESIDE.search(sentence.text)
        if beside:
            name = sentence.text[beside.start("meeting") : beside.end("meeting")]
            quote = sentence.text.strip("()（） ")
            found.append(MeetingAnswer.stated(quote, name, MeetingKind.TALKS))
    return found


# "2031年6月6日,第二届示例区域合作联席会议在甲省乙市召开": a meeting's name, then where it
# was held, the way Chinese news opens its report.
_ZH_NAMED_HELD = re.compile(
    r"(?:^|(?<=[,，。;；:：\s“”\"]))(?P<meeting>[\u4e00-\u9fff\d（）()]{4,40}?(?:"
    + words.alternation(words.MEETING_WORDS_ZH)
    + r"))(?:于[^,，。]{1,12}?)?在(?P<place>[^,，。；;]{2,12}?)(?:隆重)?(?:举行|召开|开幕)"
)


# "The Fifth Example Joint Conference was held in Northport on Monday".
_EN_NAMED_HELD = re.compile(
    r"\b(?P<meeting>(?:\d{4} )?(?:[A-Z0-9][\w'’&/-]*\s+(?:(?:of|and|on|for)(?: the)?\s+)?){1,12}?"
    r"(?:" + words.alternation(w.title() for w in words.MEETING_WORDS_EN if " " not in w) + r"))"
    r"\s+(?:was|were)\s+(?:held|convened|opened)\s+(?:[^.;]{0,40}?\s)?in\s+(?P<place>[A-Z][\w-]+)"
)


# "An informal discussion was held in Northport between delegates from the two provinces": a
# gathering without a proper name, named by what the sentence says of it (rule 10).
_EN_UNNAMED_HELD = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?P<meeting>(?:[a-z][\w-]*\s+){0,3}(?:meeting|symposium|forum|"
    r"discussion|seminar|talks)(?:\s+(?:on|about)\s+[^,.;]{3,60}?)?)\s+(?:was|were)\s+held\s+"
    r"(?:[^.;]{0,30}?\s)?in\s+(?P<place>[A-Z][\w-]+)(?P<between>\s+between\s+[^,.;]+?)?"
    r"(?=\s+to\s|[,.;]|$)"
)


# "attend the Second Example Regional Forum and Investment Expo in Northport", "At the Example
# Leaders Summit, Mr Li said": an event by its proper name (two or more capitalised
# words before the word that ends an event's name), which a person attends. A press release's
# agenda lists several such; a small model keeps the first. "the Joint Conference" is a back-
# reference, too short to be a name of its own.
_EN_TITLE_WORD = r"[A-Z][\w'’.-]*\s+(?:(?:of|and|on|for|the|&)\s+)*"
_EN_EVENT_END = r"(?:" + words.alternation(words.EVENT_NAME_ENDS_EN) + r")\b"
_EN_ATTENDED = re.compile(
    words.ATTENDING_EN + rf"(?:{words.ORDINAL_EN}\s+)?[“\"]?"
    rf"(?P<meeting>(?:{_EN_TITLE_WORD}){{2,12}}?{_EN_EVENT_END}"
    rf"(?:\s+and\s+(?:[A-Z][\w-]*\s+){{0,3}}{_EN_EVENT_END})?)(?!\s*[A-Z][a-z])[”\"]?"
    r"(?:\s+in\s+(?P<place>[A-Z][\w-]+))?"
)


def _an_official_attends(text: str, match: re.Match[str]) -> bool:
    """Whether the sentence, outside the event's name, puts an official or a delegation there
    (an office, "Mr Ho", "the delegation"); travellers at a tourism fair are none."""
    rest = text[: match.start("meeting")] + " " + text[match.end("meeting") :]
    return bool(
        words.OFFICE_WORDS.search(rest)
        or re.search(rf"\b{words.HONORIFIC_EN}\s+[A-Z]", rest)
        or re.search(r"\bdelegation\b", rest, re.IGNORECASE)
    )


def _attended_event(text: str, match: re.Match[str]) -> MeetingAnswer:
    """The answer a sentence putting a person at a named event gives, quoted up to the name
    (what the sentence goes on to, "and then visit …", is not what the event is)."""
    name = match.group("meeting")
    place = match.group("place")
    return MeetingAnswer(
        quote=text[: match.end()].strip("()（） "), name=name,
        kind=kind_from_name(name, MeetingKind.OTHER), start_date=None, end_date=None,
        city=place, province=place, theme=None, participants=[],
    )  # fmt: skip


def _named_meeting_held(text: str, match: re.Match[str]) -> MeetingAnswer:
    """The answer a sentence naming a meeting and where it was held gives."""
    name = words.NAME_LEAD_EN.sub("", text[match.start("meeting") : match.end("meeting")].strip())
    if "between" in match.re.groupindex and match.group("between"):
        name += match.group("between")  # "informal discussion between delegates from …"
    place = text[match.start("place") : match.end("place")].strip()
    return MeetingAnswer(
        quote=text.strip("()（） "), name=name, kind=_kind_as_stated(name),
        start_date=None, end_date=None, city=place, province=place, theme=None, participants=[],
    )  # fmt: skip


# Characters before a Chinese meeting word that name the meeting ("粤港合作联席" before 会议),
# more than a kind of talks ("工作" before 会谈) does.
_NAMED_BEFORE = 4


def _meeting_word_length(meeting: str) -> int:
    """The length of the meeting word a Chinese meeting's name ends with."""
    ending = re.search(
        rf"(?:{words.alternation(words.MEETING_WORDS_ZH)})$", simplified_view(meeting)
    )
    return len(ending.group()) if ending else 0


def _stated_meeting(text: str, match: re.Match[str]) -> MeetingAnswer:
    """The answer a fixed-pattern sentence gives, in the sentence's own characters."""

    def written(group: str) -> str:
        return text[match.start(group) : match.end(group)].strip()

    joiner = " " if match.re is _EN_HELD else ""
    meeting = written("meeting")
    subject = written("subject")
    subject = subject[subject.rfind("的") + 1 :]  # "出席某会议的东岭代表团": the delegation
    # "…在香港举行粤港合作联席会议": a meeting word with a name before it is named already; the
    # subject is who held it. "湘赣两省在南昌举行工作会谈": a bare meeting is named by its sides.
    named = match.re is _ZH_HELD and len(meeting) - _meeting_word_length(meeting) >= _NAMED_BEFORE
    name = meeting if named else f"{subject}{joiner}{meeting}"
    return MeetingAnswer(
        quote=text.strip("()（） "),
        name=name,
        kind=_kind_as_stated(name),
        start_date=None,
        end_date=None,
        city=written("place"),
        province=written("place"),
        theme=None,
        participants=[subject],
    )


# "held meetings with Fujian Governor A and Sichuan Governor B": one meeting with each.
_EN_MEETINGS_WITH = re.compile(r"\bmeetings? with (?P<sides>.+)$")


def meetings_with_each(answer: MeetingAnswer) -> list[MeetingAnswer]:
    """One answer per counterpart of "meetings with A and B" (each is talks of its own,
    guideline 29), else the answer itself; the model may name them "meeting with A and B"
    where its quote says "meetings"."""
    match = _EN_MEETINGS_WITH.search(answer.name)
    plural = "meetings with" in f"{answer.name} {answer.quote}".lower()
    sides = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("sides")) if match else []
    if not plural:
        return [answer]
    if len(sides) < 2 or not all(side[:1].isupper() for side in sides):
        return [answer]
    return [
        answer.model_copy(
            update={
                "name": f"meeting with {side}",
                "kind": MeetingKind.TALKS,
                "participants": [p for p in answer.participants if p in side],
            }
        )
        for side in sides
    ]


# "两市召开交流座谈会", "presided over the symposium on …": a meeting held during a visit,
# stated with no date or place of its own.
_ZH_HELD_DURING = re.compile(
    r"(?:^|(?<=[,，。;；]))(?P<subject>[^,，。:：()（）在]{2,12}?)(?:在[^,，。()（）]{2,10}?)?"
    r"(?:举行|召开)了?"
    r"(?P<meeting>[^,，。()（）]{0,8}?(?:座谈会|会谈|交流会|推进会|对接会))"
)
_EN_HELD_DURING = re.compile(
    r"\b(?:presided over|chaired|held|attended) (?:a|an|the) (?P<meeting>(?:symposium|forum)"
    r"(?: (?:on|of|about) [^,.;()]{3,80}?)?)(?=,|\.|;|\(| and | was | were |$)"
)


def meetings_held_during_a_visit(article: ArticleText) -> list[MeetingAnswer]:
    """The meetings sentences say were held, with no place of their own ("两市召开交流座谈会",
    "presided over the symposium on …"): in a visit's report, the meetings inside it
    (guideline 30), which a small model listing the visit often passes over."""
    found = []
    for sentence in article.sentences:
        for match in _ZH_HELD_DURING.finditer(sentence.simple):
            subject, meeting = (
                sentence.text[slice(*match.span(g))] for g in ("subject", "meeting")
            )
            found.append(_held_during(sentence.text, (subject + meeting).strip()))
        for match in _EN_HELD_DURING.finditer(sentence.text):
            found.append(_held_during(sentence.text, match.group("meeting")))
    return found


# "甘肃省党政代表团来福建考察访问", "the Gansu Party and Government Delegation visited Fujian":
# a delegation's visit, the event a visit report is about.
_ZH_VISIT = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,12}?(?:党政)?代表团[^,，。;；]{0,14}?(?:学习)?(?:考察|访问)(?:访问|学习)?"
    # "周明率团赴西川学习交流": a leader takes a delegation somewhere to learn, inspect, confer
    rf"|[\u4e00-\u9fff]{{2,4}}率团(?:赴|到|来)[\u4e00-\u9fff]{{1,6}}?(?:{words.VISIT_PURPOSES_ZH}){{1,3}})"
)
_EN_VISIT = re.compile(
    r"\b(?P<name>(?:[A-Z][\w-]* ){1,4}(?:[Pp]arty and [Gg]overnment )?[Dd]elegation"
    # "the party and government delegation of Northland Province visited …"
    r"|(?:[Pp]arty and [Gg]overnment )?[Dd]elegation of (?:[A-Z][\w-]* ){0,2}[A-Z][\w-]*)\b"
    r"[^.;]{0,60}?\b(?:(?:visited|visits|paid a visit to|toured)\s+[A-Z][a-z]+"
    # "… Delegation Travels to Northport to Pay Visits": a trip whose purpose is a visit
    r"|(?i:goes|went|travell?ed|travels) to\s+[A-Z][^.;]{0,40}?\bto (?i:conduct|pay|make)\b"
    r"[^.;]{0,40}?\b(?i:visits?)\b)"
)


def meetings_read_off_sentences(article: ArticleText) -> list[MeetingAnswer]:
    """The events the sentences state, for an article whose model answered that it reports
    none: a delegation's visit ("…党政代表团来福建考察", "the X Delegation visited Y") and the
    meetings stated in a fixed pattern (`meetings_stated_in_sentences`). A "none" on a page whose
    sentences report a delegation visiting is a doubt, not an answer."""
    visits = [v for s in article.sentences if (v := _visit_stated(s, article)) is not None]
    # One visit: the body's sentence (a clause of running text), else the headline's.
    in_body = [v for v in visits if re.search(r"[,，。；;]|\.\s|\.$", v.quote)]
    return (in_body or visits)[:1] + meetings_stated_in_sentences(article)


def _visit_stated(sentence: Sentence, article: ArticleText) -> MeetingAnswer | None:
    """The delegation's visit the sentence states, in an article that names offices."""
    match = _ZH_VISIT.search(sentence.simple) or _EN_VISIT.search(sentence.text)
    if match is None or not words.OFFICE_WORDS.search(article.simple):
        return None
    name = sentence.text[match.start("name") : match.end("name")]
    name = name[name.rfind("的") + 1 :]  # "…率领的东岭省党政代表团": the delegation's
    name = re.sub(r"^The\s+", "", name)
    leader = simplified_view(name).partition("率团")
    if leader[1] and not is_person_name(leader[0]):
        return None  # "此次率团来…": no one named leads it here
    return MeetingAnswer.stated(sentence.text.strip(), name, MeetingKind.VISIT)


def _held_during(quote: str, name: str) -> MeetingAnswer:
    return MeetingAnswer.stated(quote.strip(), name, _kind_as_stated(name))


def _kind_as_stated(name: str) -> MeetingKind:
    """The kind of a meeting a sentence states, by its name as the article writes it (these
    answers stand in for the model's, in the article's characters)."""
    return kind_from_name(simplified_view(name), MeetingKind.OTHER)


@dataclass(frozen=True)
class FoundMeetings:
    """The meeting records, and which record each of the model's answers became (by the
    answer's 1-based number in the list the later questions are shown), None if dropped."""

    meetings: list[Meeting]
    record_of_answer: dict[int, str]


def meeting_records(
    answer: MeetingsAnswer, article: ArticleText, keep_ungrounded: bool = False
) -> FoundMeetings:
    """One record per distinct, grounded meeting; the first meeting that is not side talks is
    primary (the model lists the main meeting first). The rules read the answers in the
    simplified view; the names come out in the article's own characters."""
    items = [
        in_simplified_view(a) for a in (*answer.meetings, *meetings_stated_in_sentences(article))
    ]
    meetings, record_of_answer = _distinct_records(items, article, keep_ungrounded, set())
    if not any(n <= len(answer.meetings) for n in record_of_answer):
        # An article reporting none of the model's meetings as held may be the preview of one
        # it leads with (the events its sentences state are beside that one, not instead).
        previews = {n for n, item in enumerate(items, start=1) if _leads_the_article(item, article)}
        meetings, record_of_answer = _distinct_records(items, article, keep_ungrounded, previews)
    if meetings:
        visit = _visit_in_headline(meetings, article, keep_ungrounded)
        meetings += [visit] if visit else []
        main = visit or next((m for m in meetings if m.kind != MeetingKind.TALKS), meetings[0])
        main.primary = True
        meetings, record_of_answer = _without_recalled_events(
            main, meetings, record_of_answer, article
        )
        if main.kind is MeetingKind.VISIT:
            _add_meetings_held_during(main, meetings, article)
        _place_of_the_visit(main, meetings)
        _talks_beside_the_meeting(main, meetings, article)
        _visits_as_the_body_states_them(meetings, article)
    for meeting in meetings:
        meeting.name = article.in_own_characters(meeting.name)
    return FoundMeetings(meetings, record_of_answer)


def _visits_as_the_body_states_them(meetings: list[Meeting], article: ArticleText) -> None:
    """A Chinese visit named as a headline names it takes the name of the body's sentence stating
    it (rule 10, the body's first full mention wins): "…率领的东岭省党政代表团来西川考察访问" over
    the headline's "东岭党政代表团到西川考察 签署合作协议" (an English body's "the delegation of
    X visited Y" is no better a name than its headline). A visit dated by the page's own date
    (the model's habit when it has none) takes the date that sentence gives ("昨天(20日)…")."""
    headlines = [s.simple for s in article.sentences if not _CLAUSE_MARKS.search(s.simple)]
    body = [s for s in article.sentences if _CLAUSE_MARKS.search(s.simple)]
    statements = [(s, stated) for s in body if (stated := _visit_stated(s, article)) is not None]
    for meeting in meetings:
        if meeting.kind is not MeetingKind.VISIT:
            continue
        told = [pair for pair in statements if visit_destination(pair[0].simple) in meeting.members]
        if not told:
            continue
        sentence, stated = told[0]
        if has_cjk(meeting.name) and any(meeting.name in h for h in headlines):
            meeting.name = simplified_view(stated.name)
        day = dates_in_quote(sentence.simple, published=article.filed)
        if meeting.start_date == article.published and day and day[0] != article.published:
            meeting.start_date, meeting.end_date = day


_CLAUSE_MARKS = re.compile(r"[,，。；;]")


def _visit_in_headline(
    meetings: list[Meeting], article: ArticleText, keep_ungrounded: bool
) -> Meeting | None:
    """The delegation's visit the headline states, when no record is a visit: the article's
    event (rule 30), around the meetings the model listed."""
    stated = _visit_stated(article.sentences[0], article) if article.sentences else None
    if stated is None or any(m.kind is MeetingKind.VISIT for m in meetings):
        return None
    record = meeting_record(len(meetings) + 1, in_simplified_view(stated), article, keep_ungrounded)
    return record if record is not None and record.kind is MeetingKind.VISIT else None


def _distinct_records(
    items: list[MeetingAnswer], article: ArticleText, keep_ungrounded: bool, previews: set[int]
) -> tuple[list[Meeting], dict[int, str]]:
    """One record per distinct meeting of the answers (by number, 1-based), and which record
    each answer became; the answers numbered in `previews` may be still to come."""
    meetings: list[Meeting] = []
    record_of_answer: dict[int, str] = {}
    for number, item in enumerate(items, start=1):
        for piece in meetings_with_each(item):
            record = meeting_record(
                len(meetings) + 1, piece, article, keep_ungrounded, number in previews
            )
            if record is None:
                continue
            duplicate = next((m for m in meetings if _same_meeting(m, record)), None)
            if duplicate is not None:
                duplicate.evidence.extend(s for s in record.evidence if s not in duplicate.evidence)
            else:
                meetings.append(record)
            # A split answer's number stands for its first meeting.
            record_of_answer.setdefault(number, (duplicate or record).id)
    return meetings, record_of_answer


# The lead of an article: its headline and first sentences, where a preview names its meeting.
_LEAD_SENTENCES = 3


def _leads_the_article(answer: MeetingAnswer, article: ArticleText) -> bool:
    """Whether the meeting is the article's news: its quote, or its name, in the lead."""
    lead = article.sentences[:_LEAD_SENTENCES]
    if not lead:
        return False
    end = lead[-1].end
    span = article.span_of(answer.quote)
    name = answer.name.strip().lower()
    in_lead = len(name) >= 4 and name in article.simple[:end].lower()
    return (span is not None and article.position_of(span.text) < end) or in_lead


def _add_meetings_held_during(main: Meeting, meetings: list[Meeting], article: ArticleText) -> None:
    """The meetings held during the visit that no record of their kind stands for yet."""
    for item in meetings_held_during_a_visit(article):
        record = meeting_record(
            len(meetings) + 1, in_simplified_view(item), article, keep_ungrounded=False
        )
        if record is None or record.kind in (main.kind, MeetingKind.OTHER):
            continue
        if not any(m.kind is record.kind and m is not main for m in meetings):
            meetings.append(record)


# An article reports the events of its news (rule 31): a side event dated this long before
# the main meeting is the past it recounts.
_RECALLED_AFTER = dt.timedelta(days=30)


def _without_recalled_events(
    main: Meeting, meetings: list[Meeting], record_of_answer: dict[int, str], article: ArticleText
) -> tuple[list[Meeting], dict[int, str]]:
    """The meetings without the side events dated a month or more before the main meeting (or
    the page, when the main meeting has no date): a leader's visit months earlier that the
    article recalls is background, not news. The records left are renumbered in order."""
    reference = main.start_date or article.published
    kept = [
        m for m in meetings
        if m is main or m.start_date is None or reference is None
        or reference - m.start_date < _RECALLED_AFTER
    ]  # fmt: skip
    if len(kept) == len(meetings):
        return meetings, record_of_answer
    renamed = {m.id: f"m{number}" for number, m in enumerate(kept, start=1)}
    for meeting in kept:
        meeting.id = renamed[meeting.id]
    return kept, {n: renamed[i] for n, i in record_of_answer.items() if i in renamed}


def _talks_beside_the_meeting(main: Meeting, meetings: list[Meeting], article: ArticleText) -> None:
    """Talks the sentence reporting the main meeting tells beside it ("到甲市出席联席会议,会前与乙
    会面", "attended the conference and, before it, met …") are where that meeting is and between
    its sides, where the text gives them no place or sides of their own."""
    if main.kind is MeetingKind.VISIT:
        return
    main_sentences = {article.sentence_span(s) for s in article.sentences_naming(main.name)}
    for talks in meetings:
        if talks is main or talks.kind is not MeetingKind.TALKS:
            continue
        beside = any(
            start <= span.start < end for span in talks.evidence for start, end in main_sentences
        )
        if not beside:
            continue
        if talks.city is None and talks.province is None:
            talks.city, talks.province = main.city, main.province
        if len(talks.members) < 2 and len(main.members) == 2:
            talks.members = list(main.members)


def _place_of_the_visit(main: Meeting, meetings: list[Meeting]) -> None:
    """A meeting held during a visit whose place the article does not give is where the visit
    is (a symposium "during the visit" to Anhui is in Anhui)."""
    if main.kind is not MeetingKind.VISIT or main.province is None:
        return
    for meeting in meetings:
        if meeting is not main and meeting.province is None and meeting.city is None:
            meeting.province = main.province
            meeting.city = city_that_is(main.province)  # a visit to Shanghai: in Shanghai

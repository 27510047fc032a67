"""Resolution records from the model's answers, checked against the article.

The quote decides, read in the simplified view: its verbs say the kind (签署 / signed, 通过 /
adopted, 承办 / "will be held in" a later year: next meeting); 原则通过 / "in principle" sets
`in_principle`; and every titled document it names (《…》, “…”) is a resolution of its own, so
one sentence adopting two plans gives two. A rule removes a decision only where the quote proves
it is none: a report heard (听取 … 报告), or a document only considered (审议 without 通过).
Titles are the article's own characters, ended where the article's title ends.

A quote is folded once, where it is found in the article: the helpers take it as a `Sentence`,
match in its simplified view and cut titles from its text as written (the offsets are the same).
"""

from __future__ import annotations

import re

from extract.asking.answers import ResolutionAnswer, ResolutionsAnswer
from extract.lexicon import words
from extract.lexicon.dates import year_in
from extract.lexicon.normalize import last_region_named_in, region_code
from extract.lexicon.segments import whole_word_search
from extract.reading.text import ArticleText, Sentence, holds_in_order
from extract.records.meetings import names_a_meeting_not_a_visit, the_meeting_inside_a_visit
from schemas.models import Meeting, Resolution, ResolutionKind, Span
from schemas.names import to_simplified
from schemas.regions import RegionCode, fold_place_name

_TITLES = re.compile(r"《([^》]{2,120})》|“([^”]{4,200})”|\"([^\"]{4,200})\"|「([^」]{4,200})」")
_TITLE_RUN_ON = re.compile(r"[,，。；;：:!?！？]|\s+(?:and|which|that|was|were|by)\s+(?=[a-z])")
_QUOTE_MARKS = "《》“”\"'「」『』 "


def kind_from_quote(quote: Sentence, fallback: ResolutionKind) -> ResolutionKind | None:
    """The kind the quote's verbs state; None for a quote that states no decision (a report
    heard, a document only considered)."""
    simple = quote.simple
    names_document = bool(titles_in(quote)) or bool(words.DOCUMENT_WORDS.search(simple))
    if words.SIGNED_WORDS.search(simple):
        return ResolutionKind.SIGNED
    if words.APPROVED_ESTABLISHING.search(simple) and "《" not in simple:
        return ResolutionKind.AGREED  # setting up a body or a study is agreed, not adopted
    if words.ADOPTED_WORDS.search(simple) and names_document:
        return ResolutionKind.ADOPTED
    if words.NEXT_MEETING_WORDS.search(simple) and year_in(simple):
        return ResolutionKind.NEXT_MEETING
    if words.ADOPTED_WORDS.search(simple):
        return ResolutionKind.ADOPTED
    if whole_word_search(words.HEARD_REPORT, simple):
        return None  # a report heard, whatever it says was agreed before ("议定事项")
    if words.ELECTING_WORDS.search(simple):
        return ResolutionKind.AGREED  # a body electing its officers (rule 60)
    if whole_word_search(words.CONSIDERED_WORDS, simple):
        return ResolutionKind.AGREED if words.AGREED_WORDS.search(simple) else None
    if words.AGREED_WORDS.search(simple):
        return ResolutionKind.AGREED
    if fallback in (ResolutionKind.SIGNED, ResolutionKind.ADOPTED):
        # The quote says neither in words a list knows; the model's find stands where the quote
        # names what is signed or adopted: a titled document, or (signed) an agreement.
        signable = fallback is ResolutionKind.SIGNED and words.SIGNABLE.search(simple)
        return fallback if titles_in(quote) or signable else None
    return fallback


def titles_in(quote: Sentence) -> list[str]:
    """The document titles the quote puts in 《》, or else in quotation marks, as written: where
    《》 mark the documents, a phrase in quotation marks is a topic or a slogan."""
    bracketed, quoted = [], []
    for match in _TITLES.finditer(quote.text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        title = match.group(group).strip()
        if group == 1:
            bracketed.append(title)
        elif words.DOCUMENT_WORDS.search(quote.simple[match.start(group) : match.end(group)]):
            quoted.append(title)
    return bracketed or quoted


_TITLE_JOINS = re.compile(rf"\s+and\s+(?:the\s+)?|{words.JOINER_ZH}")


def split_joint_titles(title: Sentence) -> list[str]:
    """ "A Plan … and the B List …" is two documents when every part names a document type."""
    joins = list(_TITLE_JOINS.finditer(title.simple))
    starts = [0, *(join.end() for join in joins)]
    ends = [*(join.start() for join in joins), len(title.simple)]
    parts = [(a, b) for a, b in zip(starts, ends, strict=True) if title.text[a:b].strip()]
    if len(parts) > 1 and all(words.DOCUMENT_WORDS.search(title.simple[a:b]) for a, b in parts):
        return [title.text[a:b].strip() for a, b in parts]
    return [title.text]


def end_of_title(title: str, article: ArticleText) -> Sentence:
    """The model's title as the article writes it, cut where it runs on past the article's
    title into the next clause (a title in 《》 is never cut: the brackets end it)."""
    title = title.strip().strip(_QUOTE_MARKS)
    written = article.part_written(title)
    if written is None:
        cut = _TITLE_RUN_ON.search(title)
        if cut and cut.start() > 0 and article.part_written(title[: cut.start()]):
            title = title[: cut.start()]
        written = article.part_written(title)
    return written.stripped() if written else Sentence.alone(title.strip())


def _next_meeting(
    answer: ResolutionAnswer, meeting: Meeting, quote: Sentence
) -> tuple[RegionCode | None, int | None]:
    """(next_host, next_year) for a next-meeting decision, from the quote."""
    host = region_code(answer.next_host)
    named_last = last_region_named_in(quote.simple)
    if host is None or (named_last is not None and host != named_last):
        host = named_last
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", quote.simple)]
    current = meeting.start_date.year if meeting.start_date else None
    later = [y for y in years if current is None or y > current]
    return host, (later[0] if later else answer.next_year)


# "2004年,经国务院批准,…形成联席会议机制", "In 2004, the parties set up …": a sentence
# opened by a year, telling what was decided then.
_YEAR_LEAD = re.compile(r"^\s*(?:(\d{4})年\s*[,，]|In (\d{4}),)")


def tells_earlier_history(quote: Sentence, meeting: Meeting) -> bool:
    """Whether the quote opens with a year before the meeting's: the mechanism's history, not
    a decision of this meeting (guideline 24)."""
    lead = _YEAR_LEAD.match(quote.simple)
    held = meeting.start_date.year if meeting.start_date else year_in(meeting.name)
    if lead is None or held is None:
        return False
    return int(lead.group(1) or lead.group(2)) < held


def quote_in_article(quote: str, article: ArticleText) -> Sentence | None:
    """Where the article as read has the model's quote: its words and offsets there, with
    their simplified view (the one fold the quote's rules read)."""
    span = article.span_of(quote)
    return Sentence(span.start, span.end, span.text) if span else None


def resolution_records_for(
    answer: ResolutionAnswer, quote: Sentence, meeting: Meeting, article: ArticleText
) -> list[Resolution]:
    """The resolutions one answer, its quote found in the article, supports (several when the
    quote names several documents)."""
    kind = kind_from_quote(quote, answer.kind)
    if kind is None or tells_earlier_history(quote, meeting):
        return []
    if kind == ResolutionKind.AGREED and states_only_intent(quote):
        return []
    span = Span(start=quote.start, end=quote.end, text=quote.text)
    common = {"meeting": meeting.id, "kind": kind, "evidence": [span]}
    if kind == ResolutionKind.NEXT_MEETING:
        host, year = _next_meeting(answer, meeting, quote)
        title = end_of_title(answer.title, article).text or quote.text.strip()
        return [Resolution(id="r", title=title, next_host=host, next_year=year, **common)]
    in_principle = bool(words.IN_PRINCIPLE.search(quote.simple))
    titles = titles_in(quote) or split_joint_titles(end_of_title(answer.title, article))
    return [
        Resolution(id="r", title=title, in_principle=in_principle, **common)
        for title in titles
        if title
    ]


# What may stand between "agreed" and what was agreed: "agreed to", "一致同意了:", "decided upon".
_AGREED_LINK = re.compile(r"^(?:\s|to\b|that\b|upon\b|on\b|了|:|：|,|，)*", re.IGNORECASE)


def states_only_intent(quote: Sentence) -> bool:
    """Whether an "agreed" clause states an intent, priorities or tasks rather than a decision
    (rule 24): the clause its agreeing word opens (or, in a passive, what stands before "were
    decided") holds a word of `words.AGREED_INTENT`, and it names no document by its title."""
    simple = quote.simple
    if titles_in(quote):
        return False
    for agreed in words.AGREED_WORDS.finditer(simple):
        after = simple[agreed.end() :]
        after = after[_AGREED_LINK.match(after).end() :]  # type: ignore[union-attr]
        clause = re.split(r"[,，。;；:：]", after, maxsplit=1)[0]
        opening = whole_word_search(words.AGREED_INTENT, clause)
        before = simple[: agreed.start()]
        passive = re.search(r"\b(?:were|was)\s+(?:also\s+)?$", before)
        if opening or (passive and words.AGREED_INTENT.search(before)):
            return True
    return False


_DOC = words.alternation(words.DOCUMENT_WORDS_ZH)
_PHRASE = r"[^，,。；;：:、《》“”\"「」()（）\s]"
# A document's name may list what it covers ("交通、水利等专项合作规划").
_LISTING_PHRASE = r"[^，,。；;：:《》“”\"「」()（）\s]"
_JOINER = rf"(?:{words.JOINER_ZH})"
_PHRASE_END = rf"(?={_JOINER}|[，,。；;、]|$)"
# A document named without 《》 after its verb ("审议通过了…主报告和会议制度"), or before it
# ("见证…合作协议签署", "对合作协议的签署表示祝贺").
_UNTITLED_ZH = re.compile(
    rf"(?:签署|签订|审议通过|通过)了?(?P<after>{_LISTING_PHRASE}{{2,40}}?(?:{_DOC})){_PHRASE_END}"
    rf"|(?P<before>{_PHRASE}{{2,40}}?(?:{_DOC}))的?(?:签署|签订|签约)"
)
# Words before a document's name that are not part of it: "对合作协议的签署", "会后双方共同见证…".
_LEAD_WORDS = re.compile(
    rf"(?:[{words.CLAUSE_LEAD_CHARS}]|{words.alternation(words.CLAUSE_LEAD_WORDS)})*"
)
_LAST_LEAD = re.compile(rf".*(?:{words.alternation(words.CLAUSE_LEAD_WORDS)}|对(?!口))")
_NEXT_DOCUMENT_ZH = re.compile(rf"{_JOINER}(?P<title>{_PHRASE}{{2,40}}?(?:{_DOC})){_PHRASE_END}")


_EN_DOCUMENT = (
    r"(?:agreement|memorandum(?: of understanding)?|framework agreement|plan|accord|protocol"
    r"|declaration|arrangement|minutes)"
)
# "signed the cooperation agreement on …", "inked a city-university research agreement
# with …": the document, up to "with", "and", "between" or the clause's end.
_UNTITLED_EN = re.compile(
    rf"\b(?:signed|inked|adopted)\s+(?:(?:a|an|the|two|three|several)\s+)?"
    rf"(?P<title>(?:[\w-]+\s+){{0,6}}?{_EN_DOCUMENT}s?(?:\s+(?:on|for)\s+[^,.;]+?)?)"
    r"(?=\s+(?:with|and|between|by|at|to)\b|[,.;]|$)",
    re.IGNORECASE,
)


def untitled_documents_in(sentence: Sentence) -> list[str]:
    """The documents a sentence names without 《》 or quotation marks as signed or adopted, as
    written, each its own ("A主报告和会议制度" is two; "A和B的合作协议" is one, since "A" names
    no document; "signed the X agreement on Y and inked a Z agreement with W" is two)."""
    text, simple = sentence.text, sentence.simple
    found: list[str] = []
    if text.isascii():
        return [m.group("title") for m in _UNTITLED_EN.finditer(text)]
    for match in _UNTITLED_ZH.finditer(simple):
        group = "after" if match.group("after") else "before"
        start, end = match.start(group), match.end(group)
        if group == "before":  # "他对合作协议的签署…", "会后双方共同见证…协议签署"
            last = _LAST_LEAD.match(simple, start, end)
            start = last.end() if last else start
        lead = _LEAD_WORDS.match(simple, start, end)
        start = lead.end() if lead else start
        found.append(text[start:end])
        while following := _NEXT_DOCUMENT_ZH.match(simple, end):
            found.append(text[following.start("title") : following.end("title")])
            end = following.end("title")
    return [title for title in found if len(title) >= 2]


def decisions_stated_in_sentences(article: ArticleText) -> list[ResolutionAnswer]:
    """Documents a sentence says were signed or adopted ("共同签署《…协议》", "adopted the
    \"… Plan\"", "审议通过了…主报告和会议制度"): the model often passes over a decision stated
    once, and these check and complete its answer the way titled names complete its officials.
    A document with a title in 《》 or quotation marks is taken by its title; one without by
    the phrase ending in a document word (协议, 方案, 报告, 制度, agreement, plan, …)."""
    found = []
    for sentence in article.sentences:
        simple = sentence.simple
        if not (words.SIGNED_WORDS.search(simple) or words.ADOPTED_WORDS.search(simple)):
            continue
        if whole_word_search(words.PLANNED_WORDS, simple):
            continue
        kind = kind_from_quote(sentence, ResolutionKind.AGREED)
        if kind not in (ResolutionKind.SIGNED, ResolutionKind.ADOPTED):
            continue
        if not titles_in(sentence):
            found += [_stated(sentence, kind, title) for title in untitled_documents_in(sentence)]
            continue
        found.append(_stated(sentence, kind, ""))  # its titles are read off the quote
        # A document named without a title before the titled ones ("通过了A规划及《B》") is
        # read off the words before the first title.
        opening = _before_first_title(sentence)
        found += [_stated(opening, kind, title) for title in untitled_documents_in(opening)]
    return found


def _stated(quote: Sentence, kind: ResolutionKind, title: str) -> ResolutionAnswer:
    return ResolutionAnswer(
        quote=quote.text.strip(), meeting=1, kind=kind, title=title, in_principle=False,
        next_host=None, next_year=None,
    )  # fmt: skip


def _before_first_title(sentence: Sentence) -> Sentence:
    """The sentence up to its first title mark (《, “, ", 「)."""
    first = _TITLES.search(sentence.text)
    end = first.start() if first else len(sentence.text)
    return Sentence(
        sentence.start, sentence.start + end, sentence.text[:end], sentence.simple[:end]
    )


_ZH_OFFICE = words.alternation(words.ELECTED_OFFICES_ZH)
# "推选甲为团长,乙、丙为副团长": the verb, then one "X为office" clause per office.
_ZH_ELECTION = re.compile(
    rf"(?:{words.alternation(words.ELECTING_VERBS_ZH)})(?P<first>[^,，。；;]{{1,30}}?为[^,，。；;]{{0,16}}?"
    rf"(?:{_ZH_OFFICE}))(?:[,，;；](?P<second>[^,，。；;]{{1,30}}?为[^,，。；;]{{0,12}}?副(?:{_ZH_OFFICE})))?"
)
_EN_OFFICE = words.alternation(words.ELECTED_OFFICES_EN)
# "A was elected as head of the X delegation, and B, C and D as deputy heads"
_EN_ELECTION = re.compile(
    rf"(?P<first>\b[A-Z][\w' -]{{1,40}}? (?:was|were) elected (?:as )?(?:the )?(?:{_EN_OFFICE})"
    rf"\b[^,;.]{{0,60}})(?:,? and (?P<second>[A-Z][^;.]{{1,120}}? as (?:the )?(?:deputy|vice)[- ]"
    rf"(?:{_EN_OFFICE})\b))?",
    re.IGNORECASE,
)


_NUMBER = r"(?:\d+|[一二两三四五六七八九十百]+)"
_GROUP = r"(?:个|份|项|批|宗)"
_SIGNED_THINGS = rf"(?:{words.alternation((*words.SIGNABLE_ZH, '项目', '文件'))})"
# "20个项目集中签约", "签署五项协议", "signed 12 cooperation agreements": a counted group of
# signed documents with no titles, one decision (rule 46).
_ZH_COUNTED_SIGNING = re.compile(
    rf"(?<![将拟要])(?:签署|签订)了?[^,，。；;、]{{0,6}}?{_NUMBER}{_GROUP}[^,，。；;、]{{0,8}}?"
    rf"{_SIGNED_THINGS}|{_NUMBER}{_GROUP}[^,，。；;、]{{0,8}}?{_SIGNED_THINGS}[^,，。；;、将拟要]{{0,4}}?"
    r"(?:签约|签署|签订)"
)
_EN_COUNTED_SIGNING = re.compile(
    r"\b(?:signed|inked)\s+(?:a total of\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve)\s+(?:[\w-]+\s+){0,2}?(?:agreements|projects|contracts|deals|memorandums|documents)\b",
    re.IGNORECASE,
)


def counted_signings_in_sentences(article: ArticleText) -> list[ResolutionAnswer]:
    """A counted group of documents or projects signed without titles ("20个项目集中签约",
    "签署五项协议"): one `signed` decision titled by the clause (rule 46)."""
    found = []
    for sentence in article.sentences:
        if not _CLAUSE_MARK.search(sentence.simple):
            continue  # a headline repeats what the body states
        match = _ZH_COUNTED_SIGNING.search(sentence.simple) or _EN_COUNTED_SIGNING.search(
            sentence.text
        )
        if match is None or whole_word_search(words.PLANNED_WORDS, sentence.simple):
            continue
        found.append(
            ResolutionAnswer(
                quote=sentence.text.strip(), meeting=1, kind=ResolutionKind.SIGNED,
                title=sentence.text[match.start() : match.end()], in_principle=False,
                next_host=None, next_year=None,
            )
        )  # fmt: skip
    return found


_CLAUSE_MARK = re.compile(r"[,，。；;.!?！？]")


def elections_stated_in_sentences(article: ArticleText) -> list[ResolutionAnswer]:
    """A body electing its own officers at its meeting, one decision per office (rule 60):
    "推选甲为团长,乙、丙为副团长" is two, "A was elected as head …, and B as deputy heads" too."""
    found = []
    for sentence in article.sentences:
        simple = sentence.simple
        if not _CLAUSE_MARK.search(simple):
            continue  # a headline repeats what the body states
        match = _ZH_ELECTION.search(simple) or _EN_ELECTION.search(sentence.text)
        if match is None:
            continue
        first_start = match.start() if match.re is _ZH_ELECTION else match.start("first")
        parts = [(first_start, match.end("first"))]
        if match.group("second"):
            parts.append(match.span("second"))
        found += [
            ResolutionAnswer(
                quote=sentence.text.strip(), meeting=1, kind=ResolutionKind.AGREED,
                title=sentence.text[start:end].strip(), in_principle=False, next_host=None,
                next_year=None,
            )
            for start, end in parts
        ]  # fmt: skip
    return found


_APPROVING_ZH = re.compile(rf"(?:{words.alternation(words.APPROVING_VERBS_ZH)})了?")
_QUOTED_ITEM = re.compile(r"[“\"「『]([^”\"」』]{2,60})[”\"」』]")
# Where a list of items ends: a clause mark, or an English comma not before another item.
_END_OF_LIST = re.compile(r"[，。；;]|\.(?:\s|$)|,(?!\s*(?:and\s+)?(?:the\s+)?[A-Z])")
_LIST_SPLIT = re.compile(rf"[、,]\s*(?:and\s+)?|\s+and\s+|{words.JOINER_ZH}")


def approvals_stated_in_sentences(article: ArticleText) -> list[ResolutionAnswer]:
    """A meeting approving bodies or studies to be set up, one agreed decision per item (rule
    60): "批准成立A委员会、B委员会和C委员会" is three ("成立A委员会", …); quoted items are taken
    by their quoted names ("批准设立“A研究”专题和“B研究”专题"); "approved the establishment of
    the A Committee and the B Committee" is two."""
    found = []
    for sentence in article.sentences:
        simple = sentence.simple
        if not _CLAUSE_MARK.search(simple) and "、" not in simple:
            continue  # a headline repeats what the body states
        for approval in words.APPROVED_ESTABLISHING.finditer(simple):
            # The establishing verb in the article's own characters ("設立"), without "批准(了)".
            approving = _APPROVING_ZH.match(simple, approval.start())
            verb_start = approving.end() if approving else approval.end()
            verb = sentence.text[verb_start : approval.end()]
            clause = _END_OF_LIST.split(sentence.text[approval.end() :], maxsplit=1)[0]
            quoted = _QUOTED_ITEM.findall(clause)
            items = quoted or [
                verb + item.strip().removeprefix("the ")
                for item in _LIST_SPLIT.split(clause)
                if len(item.strip()) >= 4
            ]
            found += [
                ResolutionAnswer(
                    quote=sentence.text.strip(), meeting=1, kind=ResolutionKind.AGREED,
                    title=item.strip(), in_principle=False, next_host=None, next_year=None,
                )
                for item in items
            ]  # fmt: skip
    return found


def resolution_records(
    answer: ResolutionsAnswer,
    meetings: list[Meeting],
    article: ArticleText,
    record_of_answer: dict[int, str],
) -> list[Resolution]:
    """One record per distinct decision the text supports, numbered r1, r2, …; a decision
    linked to no kept meeting belongs to the main one."""
    records: list[Resolution] = []
    seen: set[tuple[str, str]] = set()
    by_id = {m.id: m for m in meetings}
    main = next((m for m in meetings if m.primary), meetings[0])
    found = [
        (item, by_id.get(record_of_answer.get(item.meeting, ""), main), True)
        for item in answer.resolutions
    ]
    # A decision the text states that the model passed over belongs to the main meeting.
    found += [(item, main, False) for item in decisions_stated_in_sentences(article)]
    found += [(item, main, False) for item in elections_stated_in_sentences(article)]
    found += [(item, main, False) for item in approvals_stated_in_sentences(article)]
    found += [(item, main, False) for item in counted_signings_in_sentences(article)]
    inside = the_meeting_inside_a_visit(meetings)
    for item, linked, by_model in found:
        quote = quote_in_article(item.quote, article)
        if quote is None:
            continue
        # A visit is no meeting: what its report says was signed "after the symposium" or
        # "座谈中" was signed at the meeting held during it.
        told_at_inside = names_a_meeting_not_a_visit(quote.simple) and linked.primary
        meeting = inside if inside is not None and told_at_inside else linked
        for record in resolution_records_for(item, quote, meeting, article):
            key = (record.kind, fold_place_name(to_simplified(record.title)))
            if key in seen or (not by_model and _overlaps_one_of(key, seen)):
                continue
            seen.add(key)
            records.append(record)
    return [
        record.model_copy(update={"id": f"r{number}"})
        for number, record in enumerate(_one_kind_per_document(records), start=1)
    ]


def _one_kind_per_document(records: list[Resolution]) -> list[Resolution]:
    """One record per document: the same title found as signed and as agreed (the model's
    "agreed to sign" beside the text's "signed") is the stronger kind only (signed, adopted,
    next meeting, agreed), and a short form of a title ("框架协议" beside "深化…框架协议"; "推选
    团长" beside "推选甲为代表团团长" from the same sentence) is the full title's record."""
    strength = {kind: rank for rank, kind in enumerate(words.RESOLUTION_KIND_ORDER)}
    kept: list[Resolution] = []
    for record in sorted(records, key=lambda r: (strength[r.kind], -len(r.title))):
        title = _title_key(record.title)
        told_alike = [other for other in kept if other.evidence == record.evidence]
        if not any(
            _same_document(title, _title_key(other.title))
            or (other in told_alike and holds_in_order(other.title, record.title))
            for other in kept
        ) and not _sums_up(record.title, told_alike):
            kept.append(record)
    return [record for record in records if record in kept]


def _sums_up(title: str, others: list[Resolution]) -> bool:
    """Whether a title joins short forms of other titles from the same words ("推选团长和副团长"
    beside "推选甲为团长" and "乙、丙为副团长"): a summary of them, no decision of its own."""
    parts = [p for p in _TITLE_JOINS.split(title) if p.strip()]
    return len(parts) > 1 and all(
        any(holds_in_order(other.title, part) for other in others) for part in parts
    )


def _title_key(title: str) -> str:
    """A title compared without its inner brackets and quotation marks ("实施〈X协议〉" is
    "实施X协议")."""
    return fold_place_name(to_simplified(_INNER_MARKS.sub("", title)))


_INNER_MARKS = re.compile(r"[〈〉《》<>“”\"'‘’「」『』]")


def _same_document(title: str, other: str) -> bool:
    """The same title, or one a short form held whole in the other (four characters or more)."""
    short, long = sorted((title, other), key=len)
    return short == long or (len(short) >= _SHORT_TITLE and short in long)


_SHORT_TITLE = 4


def _overlaps_one_of(key: tuple[str, str], seen: set[tuple[str, str]]) -> bool:
    """Whether a decision code found is one already recorded under a longer or shorter title
    ("合作协议" and "两市合作协议")."""
    kind, title = key
    return any(kind == k and (title in t or t in title) for k, t in seen)

"""The LangExtract peer: Google's LangExtract (few-shot, grounded extractions) on the same server.

LangExtract's OpenAI provider talks to llama-cpp-python's OpenAI-compatible server. Its schema
constraints are switched off because they travel as `response_format={"type": "json_schema"}`,
which that server rejects with a 500; the provider then asks for plain JSON
(`{"type": "json_object"}`) and the few-shot examples carry the shape. The examples below are
invented (a made-up meeting, made-up people). Its extractions become a `schemas.Document` the
simple way a user would: grounded extractions only (LangExtract's char_interval), mentions of
the same thing merged, regions through `schemas.regions`, pinyin through `schemas.names`, and
each official and resolution linked to the meeting mentioned last before it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from enum import StrEnum
from typing import Literal, TypeVar

import langextract as lx
import openai
from langextract.core.base_model import BaseLanguageModel
from langextract.core.data import AnnotatedDocument, ExampleData, Extraction
from langextract.core.tokenizer import UnicodeTokenizer

from extract.peers import TIMEOUT_S, UsageMeter, counting_http_client
from extract.running.batch import ExtractArticle
from extract.runtime.usage import Usage
from schemas.io import span_problems
from schemas.models import (
    Attendance,
    Document,
    Meeting,
    MeetingKind,
    Official,
    Position,
    Rank,
    Resolution,
    ResolutionKind,
    Role,
    Span,
)
from schemas.names import has_cjk, romanise, to_simplified
from schemas.regions import RegionCode, resolve_members, resolve_region

PROMPT = textwrap.dedent("""\
    Extract the meetings, officials and resolutions a news article reports, in order of
    appearance. Use exact text from the article for every extraction. Do not paraphrase or
    overlap entities.
    - meeting: the meeting's name as written. Attributes: kind (joint_meeting, symposium,
      plenary, talks, visit or other), start_date and end_date (YYYY-MM-DD), city (English
      name), province and host (region names), members (the regions taking part).
    - official: a person holding public office who took part in a meeting, the name as
      written. Attributes: titles (as written), region, role (attended, spoke, presided,
      led_delegation, signed or invited).
    - resolution: a document the meeting signed or adopted (its title), or a decision it made
      (the clause stating it). Attributes: kind (signed, adopted, next_meeting or agreed),
      title, and next_host and next_year for the next meeting.""")


def _x(cls: str, text: str, **attributes: str | list[str]) -> Extraction:
    return Extraction(extraction_class=cls, extraction_text=text, attributes=attributes)


# Invented news items, one per language; every extraction is verbatim and in order.
EXAMPLES = [
    ExampleData(
        text=(
            "新华社南宁2025年4月9日电 第二届桂琼海洋协作联席会议4月8日在广西北海举行，"
            "会议由广西壮族自治区承办。广西壮族自治区党委副书记、自治区主席韦澄江主持会议，"
            "海南省副省长符晓岚出席会议并讲话。会议审议通过了《北部湾渔业资源共管办法》，"
            "并商定2026年联席会议由海南省承办。"
        ),
        extractions=[
            _x(
                "meeting",
                "第二届桂琼海洋协作联席会议",
                kind="joint_meeting",
                start_date="2025-04-08",
                end_date="2025-04-08",
                city="Beihai",
                province="广西",
                host="广西",
                members=["广西", "海南"],
            ),
            _x(
                "official",
                "韦澄江",
                titles=["自治区党委副书记", "自治区主席"],
                region="广西",
                role="presided",
            ),
            _x("official", "符晓岚", titles=["副省长"], region="海南", role="spoke"),
            _x(
                "resolution",
                "北部湾渔业资源共管办法",
                kind="adopted",
                title="北部湾渔业资源共管办法",
            ),
            _x(
                "resolution",
                "2026年联席会议由海南省承办",
                kind="next_meeting",
                title="2026年联席会议由海南省承办",
                next_host="海南",
                next_year="2026",
            ),
        ],
    ),
    ExampleData(
        text=(
            "CHANGCHUN, Oct. 15 (Xinhua) -- The Jilin-Heilongjiang Forestry Cooperation "
            "Symposium was held in Changchun, Jilin Province, on October 14 and 15, 2025. "
            "Gao Ruiping, Governor of Jilin, presided over the symposium. Heilongjiang Vice "
            "Governor Dong Xiaochuan attended and delivered a speech. The two provinces signed "
            "the Framework Agreement on Joint Forest Fire Prevention. It was agreed that the "
            "next symposium will be held in Heilongjiang in 2026."
        ),
        extractions=[
            _x(
                "meeting",
                "Jilin-Heilongjiang Forestry Cooperation Symposium",
                kind="symposium",
                start_date="2025-10-14",
                end_date="2025-10-15",
                city="Changchun",
                province="Jilin",
                members=["Jilin", "Heilongjiang"],
            ),
            _x(
                "official",
                "Gao Ruiping",
                titles=["Governor of Jilin"],
                region="Jilin",
                role="presided",
            ),
            _x(
                "official",
                "Dong Xiaochuan",
                titles=["Vice Governor"],
                region="Heilongjiang",
                role="spoke",
            ),
            _x(
                "resolution",
                "Framework Agreement on Joint Forest Fire Prevention",
                kind="signed",
                title="Framework Agreement on Joint Forest Fire Prevention",
            ),
            _x(
                "resolution",
                "the next symposium will be held in Heilongjiang in 2026",
                kind="next_meeting",
                title="the next symposium will be held in Heilongjiang in 2026",
                next_host="Heilongjiang",
                next_year="2026",
            ),
        ],
    ),
]

# Title keywords to ranks, most specific first (the contract's rank list, read as a user would).
_RANKS: tuple[tuple[tuple[str, ...], Rank], ...] = (
    (("副书记", "deputy secretary"), Rank.DEPUTY_PARTY_SECRETARY),
    (("秘书长", "secretary-general", "secretary general"), Rank.SECRETARY_GENERAL),
    (("书记", "secretary"), Rank.PARTY_SECRETARY),
    (("人大常委会主任", "people's congress"), Rank.LEGISLATURE_HEAD),
    (("副省长", "副市长", "副主席", "vice"), Rank.DEPUTY_GOVERNMENT_HEAD),
    (("省长", "市长", "主席", "governor", "mayor", "chairman", "chief executive"),
     Rank.GOVERNMENT_HEAD),
)  # fmt: skip

# What a model writes for "the article does not say".
_NOTHING = frozenset({"", "null", "none", "n/a", "unknown", "not specified", "not mentioned", "无"})

E = TypeVar("E", bound=StrEnum)
Found = tuple[Extraction, list[Span]]


def make_extractor(base_url: str, model: str, max_tokens: int) -> ExtractArticle:
    """`extract_article(text, doc_id, usage)` for `run_batch`, counting every request."""
    meter = UsageMeter()
    language_model = _language_model(base_url, model, max_tokens, meter)

    def extract_article(text: str, doc_id: str, usage: Usage) -> Document:
        with meter.counting(usage):
            result = lx.extract(
                text_or_documents=text,
                prompt_description=PROMPT,
                examples=EXAMPLES,
                model=language_model,
                use_schema_constraints=False,
                max_workers=1,  # llama.cpp's server answers one request at a time anyway
                show_progress=False,
                # The default RegexTokenizer keeps a run of Han characters as one token, so a
                # name inside a sentence (韦澄江主持会议) cannot be aligned to the text at all.
                tokenizer=UnicodeTokenizer(),
            )
        if not isinstance(result, AnnotatedDocument):
            raise TypeError(f"langextract returned a {type(result).__name__}")
        return to_document(result, text, doc_id)

    return extract_article


def _language_model(
    base_url: str, model: str, max_tokens: int, meter: UsageMeter
) -> BaseLanguageModel:
    """LangExtract's OpenAI provider for an OpenAI-compatible server, as its README shows."""
    config = lx.factory.ModelConfig(
        model_id=model,
        provider="openai",
        provider_kwargs={
            "api_key": "not-needed",
            "base_url": base_url,
            "temperature": 0.0,
            "max_workers": 1,
            "max_output_tokens": max_tokens,
        },
    )
    language_model = lx.factory.create_model(config)
    if not isinstance(language_model, BaseLanguageModel):  # only with return_fence_output
        raise TypeError(f"langextract made a {type(language_model).__name__}, not a model")
    # The provider builds its own OpenAI client and offers no hook for its HTTP client, so it
    # gets the same one (plus the peers' longer timeout) whose transport counts each request,
    # the OpenAI client's own retries included, with the tokens the server reports.
    language_model._client = openai.OpenAI(  # type: ignore[attr-defined]
        api_key="not-needed",
        base_url=base_url,
        timeout=TIMEOUT_S,
        http_client=counting_http_client(meter),
    )
    return language_model


# --- From LangExtract's extractions to the record contract --------------------------------------


def to_document(annotated: AnnotatedDocument, article: str, doc_id: str) -> Document:
    """The record of `article`; extractions with no span that matches the article are dropped."""
    source = annotated.text if annotated.text is not None else article
    found = [
        (e, spans) for e in annotated.extractions or [] if (spans := _spans(e, source, article))
    ]
    meetings = [_meeting(i, e, s) for i, (e, s) in enumerate(_merged(found, "meeting"), 1)]
    officials = [
        _official(i, e, s, meetings) for i, (e, s) in enumerate(_merged(found, "official"), 1)
    ]
    resolutions = [
        _resolution(i, e, s, meetings)
        for i, (e, s) in enumerate(_merged(found, "resolution"), 1)
        if meetings
    ]
    document = Document(
        doc_id=doc_id,
        language=_language(article),
        meetings=meetings,
        officials=officials,
        resolutions=resolutions,
    )
    problems = span_problems(document, article)
    if problems:
        raise ValueError("; ".join(problems))
    return document


def _spans(extraction: Extraction, source: str, article: str) -> list[Span]:
    """The extraction's span from its char_interval, if it is one and says the article's text."""
    interval = extraction.char_interval
    if interval is None or interval.start_pos is None or interval.end_pos is None:
        return []
    start, end = interval.start_pos, interval.end_pos
    text = source[start:end]
    if not 0 <= start < end or len(text) != end - start or article[start:end] != text:
        return []
    return [Span(start=start, end=end, text=text)]


def _merged(found: Sequence[Found], cls: str) -> list[Found]:
    """Extractions of one class, mentions of the same text merged (first attributes win)."""
    merged: dict[str, Found] = {}
    for extraction, spans in found:
        if extraction.extraction_class != cls:
            continue
        key = to_simplified(" ".join(extraction.extraction_text.split())).casefold()
        first = merged.setdefault(key, (extraction, []))
        first[1].extend(span for span in spans if span not in first[1])
    return list(merged.values())


def _meeting(number: int, extraction: Extraction, spans: list[Span]) -> Meeting:
    start, end = _date(extraction, "start_date"), _date(extraction, "end_date")
    return Meeting(
        id=f"m{number}",
        name=extraction.extraction_text,
        kind=_enum(MeetingKind, _attr(extraction, "kind"), MeetingKind.OTHER),
        primary=number == 1,  # the first meeting reported is taken as the article's subject
        start_date=start,
        end_date=end if not (start and end and end < start) else None,
        city=_attr(extraction, "city"),
        province=_region(_attr(extraction, "province")),
        host=_region(_attr(extraction, "host")),
        members=list(
            dict.fromkeys(c for n in _attrs(extraction, "members") for c in resolve_members(n))
        ),
        evidence=spans,
    )


def _official(
    number: int, extraction: Extraction, spans: list[Span], meetings: Sequence[Meeting]
) -> Official:
    name = extraction.extraction_text
    name_zh = to_simplified(name) if has_cjk(name) else None
    region = _region(_attr(extraction, "region"))
    role = _enum(Role, _attr(extraction, "role"), Role.ATTENDED)
    nearest = _nearest(spans, meetings)
    return Official(
        id=f"o{number}",
        name=name,
        name_zh=name_zh,
        name_en=romanise(name_zh) if name_zh else name,
        region=region,
        positions=[
            Position(title=title, rank=_rank(title), region=region)
            for title in _attrs(extraction, "titles")
        ],
        meetings=[Attendance(meeting=nearest, roles=[role])] if nearest else [],
        evidence=spans,
    )


def _resolution(
    number: int, extraction: Extraction, spans: list[Span], meetings: Sequence[Meeting]
) -> Resolution:
    kind = _enum(ResolutionKind, _attr(extraction, "kind"), ResolutionKind.AGREED)
    title = (_attr(extraction, "title") or extraction.extraction_text).strip("《》“”\"' ")
    next_meeting = kind == ResolutionKind.NEXT_MEETING
    return Resolution(
        id=f"r{number}",
        meeting=_nearest(spans, meetings) or meetings[0].id,
        kind=kind,
        title=title or extraction.extraction_text,
        next_host=_region(_attr(extraction, "next_host")) if next_meeting else None,
        next_year=_year(_attr(extraction, "next_year")) if next_meeting else None,
        evidence=spans,
    )


def _nearest(spans: Sequence[Span], meetings: Sequence[Meeting]) -> str | None:
    """The id of the last meeting first mentioned before this record, else of the first one."""
    if not meetings:
        return None
    before = [meeting for meeting in meetings if meeting.evidence[0].start <= spans[0].start]
    return max(before, key=lambda meeting: meeting.evidence[0].start, default=meetings[0]).id


def _attrs(extraction: Extraction, name: str) -> list[str]:
    value = (extraction.attributes or {}).get(name)
    values = value if isinstance(value, list) else [value]
    # A model may answer a number where the examples had a string ("next_year": 2026).
    texts = [str(v).strip() for v in values if isinstance(v, str | int) and not isinstance(v, bool)]
    return [text for text in texts if text.casefold() not in _NOTHING]


def _attr(extraction: Extraction, name: str) -> str | None:
    values = _attrs(extraction, name)
    return values[0] if values else None


def _enum(enum: type[E], value: str | None, default: E) -> E:
    try:
        return enum((value or "").strip().lower())
    except ValueError:
        return default


def _date(extraction: Extraction, name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_attr(extraction, name) or "")
    except ValueError:
        return None


def _year(text: str | None) -> int | None:
    year = int(text) if text and text.isdigit() else None
    return year if year and 1949 <= year <= 2100 else None


def _region(name: str | None) -> RegionCode | None:
    return resolve_region(name) if name else None


def _rank(title: str) -> Rank:
    folded = title.casefold()
    return next((rank for keys, rank in _RANKS if any(k in folded for k in keys)), Rank.OTHER)


def _language(article: str) -> Literal["en", "zh"]:
    letters = [char for char in article if char.isalpha()]
    return "zh" if sum(map(has_cjk, letters)) * 3 > len(letters) else "en"

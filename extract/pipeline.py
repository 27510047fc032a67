"""One article in, one `schemas.Document` out, in five stages that are the subpackages:

1. reading (`extract.reading`): the article cleaned of page furniture, split into chunks when
   long, and one simplified-Chinese view of it that every rule reads;
2. asking (`extract.asking`): three small questions sharing one prompt prefix (system prompt
   with worked examples, then the article), so llama.cpp reads the article once; each lists
   sentences code found for it as hints. Question 1 finds the meetings; questions 2 and 3 get
   the numbered list of the model's own meetings (or, when it found none, of those sentences
   name as attended by officials) and link officials and decisions to it; the model runtime
   they are asked with (backends, retries, the response cache) is `extract.runtime`;
3. grounding (`extract.grounding`): every quote aligned to the article;
4. records (`extract.records`): the answers checked, normalised and completed by code with the
   one vocabulary (`extract.lexicon`);
5. running (`extract.running`): many articles in a batch.

The later questions depend only on the article and the model's earlier answers, never on the
rules of stage 4, so a rule change never changes what the model is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.asking.answers import (
    MeetingAnswer,
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionAnswer,
    ResolutionsAnswer,
)
from extract.asking.engine import Extractor
from extract.asking.focus import focus_list, meetings_named_as_attended
from extract.asking.prompts import (
    PromptTemplate,
    load_examples,
    load_prompt,
    render_examples,
)
from extract.config import Settings
from extract.lexicon.normalize import article_language
from extract.reading.chunking import split_into_chunks
from extract.reading.text import ArticleText, split_sentences
from extract.records.meetings import meeting_records, meetings_read_off_sentences
from extract.records.officials import add_members_who_took_part, official_records
from extract.records.resolutions import resolution_records
from extract.runtime.usage import Usage
from schemas.models import Document

# Output budgets per question, in tokens: enough for the longest honest answer on a news article,
# small enough that a model repeating itself is stopped early.
MAX_TOKENS = {"meetings": 900, "officials": 1800, "resolutions": 1000}


def field_guide(model: type[BaseModel]) -> str:
    """One line per field of a response model, from its descriptions (they are prompt text)."""
    lines = []
    for name, info in model.model_fields.items():
        if info.description:
            lines.append(f"- {name}: {info.description}")
    return "\n".join(lines)


def meeting_list(meetings: list[MeetingAnswer]) -> str:
    """The numbered list of the meetings the model found, that questions 2 and 3 refer to."""
    lines = []
    for number, meeting in enumerate(meetings, start=1):
        details = ", ".join(part for part in (meeting.start_date, meeting.city) if part)
        lines.append(f"{number}. {meeting.name}" + (f" ({details})" if details else ""))
    return "\n".join(lines)


@dataclass(frozen=True)
class PromptSet:
    """Every prompt the pipeline uses, loaded and validated once."""

    system: str
    article: PromptTemplate
    meetings: PromptTemplate
    officials: PromptTemplate
    resolutions: PromptTemplate
    versions: dict[str, str]

    @classmethod
    def load(cls, directory: Path | None = None) -> PromptSet:
        """The bundled prompts, or those of `directory` (a copy to edit, in tests)."""
        examples = load_examples(directory)
        system = load_prompt("system", directory)
        templates = {name: load_prompt(name, directory) for name in _QUESTIONS}
        article = load_prompt("article", directory)
        versions = {t.name: t.version for t in (system, article, *templates.values())}
        versions["examples"] = examples.version
        return cls(
            system=system.render(examples=render_examples(examples)).strip(),
            article=article,
            versions=versions,
            **templates,
        )

    def versions_for(self, question: str) -> dict[str, str]:
        """The versions of the prompts one question is made of (part of its cache key), so that
        editing one question's prompt leaves the others' cached answers in use."""
        shared = ("system", "examples", "article")
        return {name: self.versions[name] for name in (*shared, question)}

    def messages(self, article_text: str, published: str, task: str) -> list[dict[str, str]]:
        article = self.article.render(article=article_text, published=published).strip()
        user = article + "\n\n" + task.strip()
        return [{"role": "system", "content": self.system}, {"role": "user", "content": user}]


_QUESTIONS = ("meetings", "officials", "resolutions")
_ANSWER_MODELS: dict[str, type[BaseModel]] = {
    "meetings": MeetingsAnswer,
    "officials": OfficialsAnswer,
    "resolutions": ResolutionsAnswer,
}
_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "meetings": MeetingAnswer,
    "officials": OfficialAnswer,
    "resolutions": ResolutionAnswer,
}


class DocumentExtractor:
    """Extracts Documents from article texts with one Extractor and one PromptSet."""

    def __init__(
        self,
        extractor: Extractor,
        prompts: PromptSet | None = None,
        *,
        keep_ungrounded: bool = False,
    ) -> None:
        self.extractor = extractor
        self.prompts = prompts or PromptSet.load()
        self.keep_ungrounded = keep_ungrounded

    def _ask(
        self, model: type[Any], question: str, chunk: str, article: ArticleText, usage: Usage,
        **values: str,
    ) -> Any:  # fmt: skip
        template: PromptTemplate = getattr(self.prompts, question)
        task = template.render(
            fields=field_guide(_ITEM_MODELS[question]),
            focus=focus_list(split_sentences(chunk), question),
            **values,
        )
        published = article.published.isoformat() if article.published else "not stated"
        return self.extractor.ask(
            model,
            self.prompts.messages(chunk, published, task),
            max_tokens=MAX_TOKENS[question],
            usage=usage,
            prompt_versions=self.prompts.versions_for(question),
        )

    def _ask_every_chunk(
        self, question: str, article: ArticleText, usage: Usage, **values: str
    ) -> Any:
        """One answer covering every chunk of the article: the chunks' lists joined."""
        model = _ANSWER_MODELS[question]
        items: list[Any] = []
        for chunk in split_into_chunks(article.clean.text):
            answer = self._ask(model, question, chunk, article, usage, **values)
            items.extend(getattr(answer, question))
        return model.model_validate({question: items})

    def _meetings(self, article: ArticleText, usage: Usage) -> MeetingsAnswer:
        """Question 1; when it finds none, the meetings sentences name as attended by officials
        are the list instead, else the events sentences state (a delegation's visit, a meeting
        held in a fixed pattern); often none: then nothing more is asked. Asking question 1
        again found nothing on the development set."""
        found: MeetingsAnswer = self._ask_every_chunk("meetings", article, usage)
        if found.meetings:
            return found
        named = meetings_named_as_attended(article.sentences)
        return MeetingsAnswer(meetings=(named or meetings_read_off_sentences(article))[:8])

    def extract(self, text: str, doc_id: str, usage: Usage | None = None) -> Document:
        """The Document of one article; `usage` collects the calls, tokens and cache hits."""
        usage = usage if usage is not None else Usage()
        article = ArticleText(text)
        found = self._meetings(article, usage)
        records = meeting_records(found, article, self.keep_ungrounded)
        document = Document(
            doc_id=doc_id,
            language=article_language(text),
            published=article.published,
            meetings=records.meetings,
        )
        if not found.meetings:
            return document
        listed = meeting_list(found.meetings)
        officials = self._ask_every_chunk("officials", article, usage, meetings=listed)
        decisions = self._ask_every_chunk("resolutions", article, usage, meetings=listed)
        if records.meetings:
            links = records.record_of_answer
            document.officials = official_records(officials, records.meetings, article, links)
            add_members_who_took_part(records.meetings, document.officials)
            document.resolutions = resolution_records(decisions, records.meetings, article, links)
        return Document.model_validate(document.model_dump())


def extract_document(
    text: str,
    doc_id: str = "article",
    *,
    settings: Settings | None = None,
    usage: Usage | None = None,
) -> Document:
    """Extract one article with the configured backend (see `Settings.from_env`).

    For many articles, build one `DocumentExtractor` and reuse it: the model loads once.
    """
    settings = settings or Settings.from_env()
    extractor = DocumentExtractor(Extractor(settings), keep_ungrounded=settings.keep_ungrounded)
    return extractor.extract(text, doc_id, usage)

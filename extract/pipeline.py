"""One article in, one `schemas.Document` out: clean, ask three small questions, check in code.

The article is cleaned of page furniture (`extract.cleaning`) and, if long, split into chunks.
The questions share one prompt prefix (system prompt with the worked examples, then the article)
and differ only in the task that follows it, so llama.cpp reads the article once per article and
the system prompt once per process; each task lists the sentences code found for it
(`extract.focus`). Question 1 finds the meetings; questions 2 and 3 are given the numbered list
of meetings and link officials and decisions to it. The answers become records in
`extract.records`, `extract.officials` and `extract.resolutions`, grounded in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.answers import (
    MeetingAnswer,
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionAnswer,
    ResolutionsAnswer,
)
from extract.chunking import split_into_chunks
from extract.config import Settings
from extract.engine import Extractor
from extract.focus import focus_list
from extract.grounding import ArticleText
from extract.normalize import article_language
from extract.officials import official_records
from extract.prompts import PROMPTS_DIR, PromptTemplate, load_examples, load_prompt, render_examples
from extract.records import meeting_records
from extract.resolutions import resolution_records
from extract.usage import Usage
from schemas.models import Document, Meeting

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


def meeting_list(meetings: list[Meeting]) -> str:
    """The numbered list of found meetings that questions 2 and 3 refer to."""
    lines = []
    for number, meeting in enumerate(meetings, start=1):
        details = ", ".join(
            str(part) for part in (meeting.start_date, meeting.city) if part is not None
        )
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
    def load(cls, directory: Path = PROMPTS_DIR) -> PromptSet:
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
            focus=focus_list(chunk, question),
            **values,
        )
        published = article.published.isoformat() if article.published else "not stated"
        return self.extractor.ask(
            model,
            self.prompts.messages(chunk, published, task),
            max_tokens=MAX_TOKENS[question],
            usage=usage,
            prompt_versions=self.prompts.versions,
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

    def extract(self, text: str, doc_id: str, usage: Usage | None = None) -> Document:
        """The Document of one article; `usage` collects the calls, tokens and cache hits."""
        usage = usage if usage is not None else Usage()
        article = ArticleText(text)
        found = self._ask_every_chunk("meetings", article, usage)
        meetings = meeting_records(found, article, self.keep_ungrounded)
        document = Document(
            doc_id=doc_id,
            language=article_language(text),
            published=article.published,
            meetings=meetings,
        )
        if not meetings:
            return document
        listed = meeting_list(meetings)
        officials = self._ask_every_chunk("officials", article, usage, meetings=listed)
        decisions = self._ask_every_chunk("resolutions", article, usage, meetings=listed)
        document.officials = official_records(officials, meetings, article)
        document.resolutions = resolution_records(decisions, meetings, article)
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

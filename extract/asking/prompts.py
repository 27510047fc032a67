"""Prompt templates: TOML files in the `prompts` package, validated when they are loaded.

The files ship as the package data of `prompts` (the top-level `prompts/` folder) and are read
through `importlib.resources`, so an installed copy finds them as a source checkout does; tests
pass a directory of their own.

A template declares its `version` and the `variables` it uses; its text uses `$name` placeholders
(`string.Template`, so the JSON in worked examples needs no escaping). Loading fails when the text
uses a variable it does not declare or declares one it does not use; rendering fails when a
declared variable is not given. A missing variable is an error, never an empty string.
"""

from __future__ import annotations

import string
import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extract.asking.answers import (
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionsAnswer,
)
from extract.errors import ConfigError
from schemas.models import Role

PROMPTS_PACKAGE = "prompts"


def bundled_prompts() -> Traversable:
    """The folder of the prompt files that ship with the toolkit (the `prompts` package)."""
    return files(PROMPTS_PACKAGE)


def _folder(directory: Path | None) -> Traversable:
    return bundled_prompts() if directory is None else directory


class PromptError(ConfigError):
    """A prompt file that cannot be used, or a render call missing a variable."""


class PromptTemplate(BaseModel):
    """One prompt file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str = Field(min_length=1)
    description: str
    text: str = Field(min_length=1)
    variables: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _variables_match_placeholders(self) -> PromptTemplate:
        template = string.Template(self.text)
        if not template.is_valid():
            raise ValueError("the text has a malformed $placeholder (write $$ for a dollar sign)")
        used = set(template.get_identifiers())
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"the text uses undeclared variables: {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"declared variables are not used: {sorted(declared - used)}")
        return self

    def render(self, **values: str) -> str:
        """The text with every variable filled; a missing or unexpected one is a PromptError."""
        missing = set(self.variables) - values.keys()
        extra = values.keys() - set(self.variables)
        if missing or extra:
            raise PromptError(
                f"prompt {self.name!r}: missing variables {sorted(missing)}, "
                f"unexpected {sorted(extra)}"
            )
        return string.Template(self.text).substitute(values)


def load_prompt(name: str, directory: Path | None = None) -> PromptTemplate:
    """Read and validate `<name>.toml` from `directory` (by default the bundled prompts)."""
    path = _folder(directory) / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise PromptError(f"{path}: prompt file not found") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{path}: cannot be read as TOML ({exc})") from exc
    try:
        return PromptTemplate.model_validate({"name": name, **data})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()
        )
        raise PromptError(f"{path}: {problems}") from exc


class WorkedAttendance(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    meeting: int = Field(ge=1)
    roles: list[Role]


class WorkedOfficial(BaseModel):
    """An official in a worked example: the answer to question 2 with the quote and roles the
    team wrote beside it. Question 2 asks for neither (code grounds the person and reads the
    roles off the text), but the examples keep them: a change to the system prompt re-draws
    every answer of the 1.5B model (rewriting only these answers lost three development
    articles' meetings), so the examples change only with a measured gain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    quote: str
    name: str
    titles: list[str]
    region: str | None
    meetings: list[WorkedAttendance]

    def answer(self) -> OfficialAnswer:
        """The part of it question 2 asks for."""
        return OfficialAnswer(
            name=self.name,
            titles=self.titles,
            region=self.region,
            meetings=[attendance.meeting for attendance in self.meetings],
        )


class WorkedOfficials(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    officials: list[WorkedOfficial]


class WorkedExample(BaseModel):
    """An invented article and the team's answers to the three questions about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: str = Field(min_length=1)
    meetings: str
    officials: str
    resolutions: str


class ExamplesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(min_length=1)
    description: str
    examples: tuple[WorkedExample, ...] = Field(min_length=1)


def load_examples(directory: Path | None = None) -> ExamplesFile:
    """Read `examples.toml` from `directory` (by default the bundled prompts); every answer must
    fit its response model and quote its article."""
    path = _folder(directory) / "examples.toml"
    try:
        with path.open("rb") as handle:
            examples = ExamplesFile.model_validate(tomllib.load(handle))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise PromptError(f"{path}: {exc}") from exc
    answer_models: dict[str, type[BaseModel]] = {
        "meetings": MeetingsAnswer,
        "officials": WorkedOfficials,
        "resolutions": ResolutionsAnswer,
    }
    for number, example in enumerate(examples.examples, start=1):
        for question, model in answer_models.items():
            try:
                answer = model.model_validate_json(getattr(example, question))
                if isinstance(answer, WorkedOfficials):
                    OfficialsAnswer(officials=[item.answer() for item in answer.officials])
            except ValidationError as exc:
                raise PromptError(f"{path}: example {number}, {question}: {exc}") from exc
            for item in getattr(answer, question):
                # Quotes are copied from the article; so are officials' names (question 2
                # grounds a person by name).
                for copied in [item.quote] + ([item.name] if question == "officials" else []):
                    if copied not in example.article:
                        raise PromptError(
                            f"{path}: example {number}, {question}: not in the article: {copied!r}"
                        )
    return examples


def render_examples(examples: ExamplesFile) -> str:
    """The worked examples as they appear in the system prompt."""
    blocks = []
    for number, example in enumerate(examples.examples, start=1):
        blocks.append(
            f"Example {number}\nArticle:\n<<<\n{example.article.strip()}\n>>>\n"
            f"Answer to the meetings question:\n{example.meetings.strip()}\n"
            f"Answer to the officials question:\n{example.officials.strip()}\n"
            f"Answer to the decisions question:\n{example.resolutions.strip()}"
        )
    return "\n\n".join(blocks)

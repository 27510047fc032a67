"""The small questions the model answers, one per record type, as response models.

These are not the contract (`schemas`): they ask for what a model can read off the page, in the
words of the page (a region's name, a title as written, a quote), and code turns the answers into
contract records (`extract.records`). Every field is required, even when it may be null, because
llama.cpp's grammar lets the model skip optional keys, and a skipped key is a silent guess.
List lengths are capped so that a model that starts repeating itself stops at the cap instead of
at the token limit.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from schemas.models import MeetingKind, ResolutionKind


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MeetingAnswer(Answer):
    """One meeting the article reports as having taken place."""

    quote: str = Field(
        description="The sentence of the article that names the meeting and says when and where "
        "it was held, copied exactly."
    )
    name: str = Field(description="The meeting's name as the article writes it.")
    kind: MeetingKind = Field(
        description="joint_meeting (联席会议), symposium (座谈会), plenary (全体会议), "
        "talks (bilateral 会谈/座谈), visit (考察/访问) or other."
    )
    start_date: str | None = Field(
        description="First day as YYYY-MM-DD, worked out from the article; null if not stated."
    )
    end_date: str | None = Field(
        description="Last day as YYYY-MM-DD; the same as start_date for a one-day meeting."
    )
    city: str | None = Field(description="City where it was held, as written; null if not stated.")
    province: str | None = Field(
        description="Province-level region where it was held, as written; null if not stated."
    )
    theme: str | None = Field(description="The stated theme (主题), as written; else null.")
    participants: list[str] = Field(
        max_length=40,
        description="The provinces, cities or groups of regions the article says took part in "
        "this meeting, each as written; [] if it names none.",
    )

    @classmethod
    def stated(cls, quote: str, name: str, kind: MeetingKind) -> MeetingAnswer:
        """The answer code reads off a sentence stating a meeting: only its name and kind; the
        records stage works out dates and places from the quote, as for the model's answers."""
        return cls(
            quote=quote, name=name, kind=kind, start_date=None, end_date=None, city=None,
            province=None, theme=None, participants=[],
        )  # fmt: skip


class MeetingsAnswer(Answer):
    """Every meeting the article reports, the main one first."""

    meetings: list[MeetingAnswer] = Field(max_length=8)


# No quote and no roles, which were half of what the model wrote: code reads what the person
# did off the sentences naming them (the model's roles were never read) and takes the words of
# those sentences that speak of them as evidence (the model's quote served only for that).
# (A comment, not the docstring: a docstring is the schema's description, which servers show.)
class OfficialAnswer(Answer):
    """One person holding public office who took part in a listed meeting."""

    name: str = Field(description="The person's name exactly as written.")
    titles: list[str] = Field(
        max_length=6,
        description="Each of the person's titles as written, split where the article joins two.",
    )
    region: str | None = Field(
        description="The region the person represents, as written; null if not stated."
    )
    meetings: list[Annotated[int, Field(ge=1)]] = Field(
        max_length=8,
        description="The number in the list given of each meeting the person took part in.",
    )


class OfficialsAnswer(Answer):
    """Every official taking part in the listed meetings."""

    officials: list[OfficialAnswer] = Field(max_length=30)


class ResolutionAnswer(Answer):
    """One collective decision of a listed meeting."""

    quote: str = Field(description="The clause of the article stating the decision, copied.")
    meeting: int = Field(ge=1, description="The number of the meeting in the list given.")
    kind: ResolutionKind = Field(
        description="signed (a document signed), adopted (a document reviewed and adopted), "
        "next_meeting (who hosts the next meeting), agreed (another concrete decision)."
    )
    title: str = Field(
        description="The document's title as written, without 《》 or quotation marks; for a "
        "decision without a document, a short statement of it."
    )
    in_principle: bool = Field(description="True only if adopted in principle (原则通过).")
    next_host: str | None = Field(
        description="For next_meeting: the region that will host it, as written; else null."
    )
    next_year: int | None = Field(description="For next_meeting: the year; else null.")


class ResolutionsAnswer(Answer):
    """Every collective decision of the listed meetings."""

    resolutions: list[ResolutionAnswer] = Field(max_length=12)

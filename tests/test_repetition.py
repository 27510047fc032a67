"""An answer whose list repeats itself is stopped and keeps its complete entries.

The scanner is tested on written JSON; the stop itself on the real embedded model, asked for a
list it will repeat, through the extractor a run uses.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from extract.asking.engine import Extractor, TruncatedAnswerWarning
from extract.runtime.repetition import REPEATS_BEFORE_STOPPING, RepeatedEntries
from extract.runtime.usage import Usage
from tests.requirements import requires
from tests.test_live import embedded_settings


def _repeats(*pieces: str) -> list[int]:
    """The count of repeated entries after each piece."""
    entries = RepeatedEntries()
    return [entries.feed(piece.encode("utf-8")) for piece in pieces]


def test_an_entry_counts_as_repeated_once_it_is_complete() -> None:
    entry = '{"name": "周明远", "meetings": [1, 2]}'
    assert _repeats('{"officials": [', entry, ", ", entry[:-1], "}", ", ", entry, "]}") == [
        0, 0, 0, 0, 1, 1, 2, 2,
    ]  # fmt: skip


def test_entries_differing_anywhere_are_not_repeats() -> None:
    answer = {
        "officials": [
            {"name": "周明远", "meetings": [1]},
            {"name": "周明远", "meetings": [2]},
            {"name": "陈立新", "meetings": [1]},
        ]
    }
    assert _repeats(json.dumps(answer, ensure_ascii=False)) == [0]


def test_braces_quotes_and_escapes_inside_strings_do_not_end_an_entry() -> None:
    tricky = '{"quote": "a \\"}], {\\" b \\\\", "n": [1]}'
    assert json.loads(tricky)  # valid JSON
    assert _repeats('{"r": [' + tricky + ", " + tricky + "]}") == [1]
    # Fed one character at a time, the same.
    entries = RepeatedEntries()
    counts = [entries.feed(c.encode("utf-8")) for c in '{"r": [' + tricky + ", " + tricky + "]}"]
    assert counts[-1] == 1 and counts.count(1) == 3  # the closing "}" of the second, "]" and "}"


def test_whitespace_between_tokens_does_not_make_an_entry_new() -> None:
    assert _repeats('{"m": [{"a": [1, 2]},{ "a" :[1,2] }]}') == [1]
    assert _repeats('{"m": [{"a": "x y"}, {"a": "xy"}]}') == [0]  # inside a string it counts


class Echo(BaseModel):
    word: str


class Echoes(BaseModel):
    echoes: list[Echo] = Field(max_length=30)


@requires("model")
@pytest.mark.live
def test_the_embedded_model_is_stopped_when_its_list_repeats(tmp_path: Path) -> None:
    messages = [
        {
            "role": "user",
            "content": 'Answer in JSON: the list "echoes" holding the object {"word": "ping"} '
            "twenty times.",
        }
    ]
    usage = Usage()
    with pytest.warns(TruncatedAnswerWarning):
        answer = Extractor(embedded_settings(tmp_path)).ask(
            Echoes, messages, max_tokens=300, usage=usage
        )
    # The entry, then its repeats up to the last complete one: the entry completing the
    # third repeat is where the model was stopped, so it is not in the answer.
    assert [e.word for e in answer.echoes] == ["ping"] * REPEATS_BEFORE_STOPPING
    assert usage.calls == 1  # salvaged, not re-asked
    assert usage.completion_tokens < 60  # twenty entries would take some 150 tokens

"""The order of the questions, against a real HTTP server on 127.0.0.1 that answers from a
script: which questions are asked, with which list of meetings, and which come from the cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.asking.engine import Extractor
from extract.asking.prompts import bundled_prompts
from extract.pipeline import DocumentExtractor, PromptSet
from extract.runtime.usage import Usage
from tests import articles
from tests.scripted_server import Step, http_settings, scripted_server

ATTENDED = (
    "Northland delegation visits Eastbay\n\nReleased on:2018-07-07\n\n"
    "Northland Prefecture leaders Ma Lin and Lu Ke attended the Eastbay and Northland "
    "Cooperation Joint Conference and the Northland Investment Promotion Conference.\n"
)
NONE_ATTENDED = (
    "Travel records hit new highs\n\nReleased on:2025-05-03\n\n"
    "Thousands of travellers attended the Eastbay Tourism Conference on Thursday.\n"
)


def _answer(body: dict[str, Any]) -> Step:
    task = body["messages"][-1]["content"]
    if 'Answer with JSON: {"meetings"' in task:
        return Step(content=json.dumps({"meetings": []}))
    if '{"officials"' in task:
        official = {
            "name": "Ma Lin",
            "region": "Northland",
            "titles": ["Northland Prefecture leaders"],
            "meetings": [2],
        }
        return Step(content=json.dumps({"officials": [official]}))
    return Step(content=json.dumps({"resolutions": []}))


def test_when_question_1_finds_none_the_meetings_named_as_attended_are_asked_about(
    tmp_path: Path,
) -> None:
    with scripted_server([], respond=_answer) as server:
        extractor = DocumentExtractor(Extractor(http_settings(server, tmp_path)))
        document = extractor.extract(ATTENDED, "attended")
    tasks = [r["messages"][-1]["content"] for r in server.requests]
    assert len(tasks) == 3  # question 1, then 2 and 3 about the meetings code found
    listed = "1. Eastbay and Northland Cooperation Joint Conference\n2. Northland Investment"
    assert listed in tasks[1] and listed in tasks[2]
    assert [m.name for m in document.meetings] == [
        "Eastbay and Northland Cooperation Joint Conference",
        "Northland Investment Promotion Conference",
        "Northland delegation",  # the visit the headline states, primary (rule 30)
    ]
    assert document.meetings[2].primary
    # Ma Lin from the model, Lu Ke from the group list in the text; the sentence that names
    # them puts both at the two conferences it names.
    assert [o.name for o in document.officials] == ["Ma Lin", "Lu Ke"]
    both = [document.meetings[0].id, document.meetings[1].id]
    assert [[a.meeting for a in o.meetings] for o in document.officials] == [both, both]


def test_when_question_1_finds_none_and_no_official_attended_nothing_more_is_asked(
    tmp_path: Path,
) -> None:
    with scripted_server([], respond=_answer) as server:
        extractor = DocumentExtractor(Extractor(http_settings(server, tmp_path)))
        document = extractor.extract(NONE_ATTENDED, "none")
    assert len(server.requests) == 1
    assert document.meetings == [] and document.officials == []


VISIT = (
    "Eastbay delegation visits Northland\n\nReleased on:2031-07-12\n\n"
    "The Eastbay Delegation visited Northland from July 10 to 11.\n\n"
    "Governor Ma Lin presided over the symposium on river management.\n"
)


def _visit_answer(body: dict[str, Any]) -> Step:
    task = body["messages"][-1]["content"]
    if 'Answer with JSON: {"meetings"' in task:
        visit = {
            "quote": "The Eastbay Delegation visited Northland from July 10 to 11.",
            "name": "Eastbay Delegation visit to Northland",
            "kind": "visit",
            "start_date": "2031-07-10",
            "end_date": "2031-07-11",
            "city": None,
            "province": None,
            "theme": None,
            "participants": ["Eastbay", "Northland"],
        }
        return Step(content=json.dumps({"meetings": [visit]}))
    return _answer(body)


def test_a_symposium_inside_a_visit_is_found_from_its_sentence_with_no_fourth_call(
    tmp_path: Path,
) -> None:
    with scripted_server([], respond=_visit_answer) as server:
        extractor = DocumentExtractor(Extractor(http_settings(server, tmp_path)))
        document = extractor.extract(VISIT, "visit")
    assert len(server.requests) == 3  # questions 1, 2 and 3
    assert [(m.name, m.kind.value) for m in document.meetings] == [
        ("Eastbay Delegation visit to Northland", "visit"),
        ("symposium on river management", "symposium"),
    ]


def test_editing_one_question_s_prompt_re_asks_only_that_question(tmp_path: Path) -> None:
    edited = tmp_path / "prompts"
    edited.mkdir()
    for entry in bundled_prompts().iterdir():
        if entry.name.endswith(".toml"):
            (edited / entry.name).write_bytes(entry.read_bytes())
    officials = edited / "officials.toml"
    text = officials.read_text(encoding="utf-8")
    text = text.replace('version = "', 'version = "9', 1).replace("Question:", "Question 2:", 1)
    officials.write_text(text, encoding="utf-8")
    with scripted_server([], respond=articles.answer_for) as server:
        settings = http_settings(server, tmp_path)
        first, again = Usage(), Usage()
        DocumentExtractor(Extractor(settings)).extract(articles.CHINESE, "a", first)
        changed = DocumentExtractor(Extractor(settings), PromptSet.load(edited))
        changed.extract(articles.CHINESE, "a", again)
    assert (first.calls, first.cache_hits) == (3, 0)
    # Meetings and decisions come from the cache; only the officials are asked again.
    assert (again.calls, again.cache_hits) == (1, 2)
    assert "Question 2:" in server.requests[-1]["messages"][-1]["content"]

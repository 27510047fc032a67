"""The order of the questions, against a real HTTP server on 127.0.0.1 that answers from a
script: which questions are asked, and with which list of meetings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.asking.engine import Extractor
from extract.pipeline import DocumentExtractor
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
            "quote": "Ma Lin",
            "region": "Northland",
            "titles": ["Northland Prefecture leaders"],
            "meetings": [{"meeting": 2, "roles": ["attended"]}],
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
    ]
    # Ma Lin from the model (linked where it said), Lu Ke from the group list in the text.
    assert [o.name for o in document.officials] == ["Ma Lin", "Lu Ke"]
    assert [a.meeting for a in document.officials[0].meetings] == [document.meetings[1].id]


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

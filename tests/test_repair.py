"""Cutting a truncated JSON answer back to its last complete list item."""

from __future__ import annotations

import json

import pytest

from extract.asking.repair import close_truncated_json


@pytest.mark.parametrize(
    ("cut", "kept"),
    [
        ('{"a": [{"x": 1}, {"x": 2}, {"x": 3', {"a": [{"x": 1}, {"x": 2}]}),
        ('{"a": [{"x": "]}\\" ,"}, {"x": 2', {"a": [{"x": ']}" ,'}]}),
        ('{"a": [{"x": 1, "r": [{"m": 1}, {"m": 2', {"a": [{"x": 1, "r": [{"m": 1}]}]}),
        ('{"a": [{"x": 1}], "b": [{"y": 2}, {"y"', {"a": [{"x": 1}], "b": [{"y": 2}]}),
    ],
)
def test_cut_back_to_the_last_complete_item(cut: str, kept: object) -> None:
    closed = close_truncated_json(cut)
    assert closed is not None
    assert json.loads(closed) == kept


@pytest.mark.parametrize("cut", ['{"a": [{"x": 1', '{"a": ', "", '{"a": ["p", "q'])
def test_nothing_complete_gives_none(cut: str) -> None:
    assert close_truncated_json(cut) is None

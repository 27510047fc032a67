"""Keywords as whole words of Chinese text (extract.lexicon.segments), on invented sentences."""

from __future__ import annotations

import pytest

from extract.lexicon import words
from extract.lexicon.segments import begins_a_word, whole_word_search
from extract.records.meetings import is_planned

_CASES = ("no business event", "business", "business prefix", "no recall", "recall", "two words")


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        # 商会 (chamber of commerce) inside 协商会议 (consultation meeting) is no business event.
        (words.BUSINESS_EVENT, "2031年东岭西川两省协商会议", None),
        (words.BUSINESS_EVENT, "东岭西川工商联合圆桌会", "工商"),
        # 工商 begins 工商界 (business circles): still business.
        (words.BUSINESS_EVENT, "东岭西川两地工商界圆桌会", "工商"),
        # 此前 (before) inside 因此前往 (and so went to) recalls nothing.
        (words.PAST_REFERENCE, "代表团因此前往西川考察", None),
        (words.PAST_REFERENCE, "此前,两省已签署协议", "此前"),
        # A keyword of two words still counts: 将于 cut as 将 / 于.
        (words.PLANNED_WORDS, "联席会议将于明年在东岭举行", "将于"),
    ],
    ids=_CASES,
)
def test_a_chinese_keyword_counts_only_where_it_begins_a_word(pattern, text, found) -> None:
    match = whole_word_search(pattern, text)
    assert (match.group(0) if match else None) == found
    assert pattern.search(text) is not None  # the characters are there either way


def test_english_stretches_always_count() -> None:
    assert begins_a_word("will be held", 0, 4)


def test_a_meeting_is_planned_only_on_a_whole_planning_word() -> None:
    assert is_planned("东岭西川联席会议将于明年举行", "东岭西川联席会议", None)
    # In "大将于…" (a general at …), 将 belongs to 大将: no 将于 (will, at) is written.
    assert not is_planned("东岭大将于老城召开座谈会", "座谈会", None)

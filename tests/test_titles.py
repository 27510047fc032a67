"""Titles parsed into organ and post, the rank following from both (invented places)."""

from __future__ import annotations

import pytest

from extract.lexicon.titles import (
    Organ,
    Post,
    english_title_alone,
    parse_title,
    rank_of_title,
    without_clause_lead,
)
from schemas import Rank


@pytest.mark.parametrize(
    ("title", "organ", "post"),
    [
        ("东岭省人大常委会主任", Organ.LEGISLATURE, Post.HEAD),
        ("西川市政协主席", Organ.ADVISORY, Post.HEAD),
        ("东岭省委常委", Organ.PARTY_COMMITTEE, Post.MEMBER),
        ("东岭省人大常委会党组书记", Organ.PARTY_ORGAN, Post.SECRETARY),
        ("西川新区党工委书记", Organ.PARTY_COMMITTEE, Post.SECRETARY),
        ("东岭省发展改革委副主任", Organ.DEPARTMENT, Post.DEPUTY_HEAD),
        ("行政長官辦公室主任", Organ.DEPARTMENT, Post.HEAD),
        ("联席会议执行主席", Organ.MECHANISM, Post.HEAD),
        ("东岭省长", Organ.GOVERNMENT, Post.HEAD),
        ("常务副主席", Organ.GOVERNMENT, Post.DEPUTY_HEAD),
        ("Chairman of the Westland Provincial Committee of the CPPCC", Organ.ADVISORY, Post.HEAD),
        ("Director of the Standing Committee of Westland Provincial People's Congress",
         Organ.LEGISLATURE, Post.HEAD),
        ("Vice Party Secretary of Westland", Organ.PARTY_COMMITTEE, Post.DEPUTY_SECRETARY),
        ("Secretary of Northport Municipal Committee", Organ.PARTY_COMMITTEE, Post.SECRETARY),
        ("Chief Executive", Organ.SAR_GOVERNMENT, Post.HEAD),
    ],
)  # fmt: skip
def test_a_title_is_read_as_organ_and_post(title: str, organ: Organ, post: Post) -> None:
    parsed = parse_title(title)
    assert (parsed.organ, parsed.post) == (organ, post)


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        # The same post word, another organ, another rank: never the first keyword.
        ("Chairman of Northport CPPCC", Rank.OTHER),
        ("Chairman of Westland Autonomous Region", Rank.GOVERNMENT_HEAD),
        ("Chairman of the NPC Standing Committee", Rank.LEGISLATURE_HEAD),
        ("Vice Chairman of the Northport Federation of Industry and Commerce", Rank.OTHER),
        ("Vice Party Secretary", Rank.DEPUTY_PARTY_SECRETARY),
        ("Party Secretary of the Example Research Center of the State Council", Rank.OTHER),
        ("國家主席", Rank.OTHER),
        ("主任", Rank.OTHER),
        ("书记", Rank.PARTY_SECRETARY),
        ("Fujian Governor", Rank.GOVERNMENT_HEAD),
        ("Secretary for Justice", Rank.OTHER),
        ("团长", Rank.OTHER),
    ],
)
def test_the_rank_follows_from_organ_and_post(title: str, rank: Rank) -> None:
    assert rank_of_title(title) is rank


@pytest.mark.parametrize(
    ("given", "title"),
    [
        # The sentence's own words copied before the title go (invented places).
        ("包括东岭特区行政长官", "东岭特区行政长官"),
        ("以及西川省委书记", "西川省委书记"),
        ("陪同的東嶺省委常委", "東嶺省委常委"),
        ("和省长", "省长"),
        ("会议由论坛执行主席", "论坛执行主席"),
        ("会议听取了东岭党委常委", "东岭党委常委"),
        # 经 opens a clause ("经…批准"), but in 经济委员会 it is no word of its own.
        ("全国政协经济委员会副主任", "全国政协经济委员会副主任"),
        # Words of the office stay: a mechanism's executive chair, a resident deputy director.
        ("执行主席", "执行主席"),
        ("联席会议执行主席", "联席会议执行主席"),
        ("驻会副主任", "驻会副主任"),
        ("东岭省委书记", "东岭省委书记"),
        ("Chief Executive", "Chief Executive"),
    ],
)  # fmt: skip
def test_a_title_starts_where_the_office_does(given: str, title: str) -> None:
    assert without_clause_lead(given) == title


@pytest.mark.parametrize(
    ("given", "title"),
    [
        ("Secretary of the Northland Provincial Party Committee spoke at the forum.",
         "Secretary of the Northland Provincial Party Committee"),
        ("Zhou Ming as Vice Chairman.", "Vice Chairman"),
        ("Governor, who presided over the meeting", "Governor"),
        ("Mayor of Northport was also present", "Mayor of Northport"),
        # Nothing of the office goes.
        ("head of the Northland delegation", "head of the Northland delegation"),
        ("Secretary for Home Affairs", "Secretary for Home Affairs"),
        ("东岭省委书记", "东岭省委书记"),
    ],
)  # fmt: skip
def test_an_english_title_ends_where_the_office_does(given: str, title: str) -> None:
    assert english_title_alone(given) == title

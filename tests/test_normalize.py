"""Normal forms made by code: regions, cities, ranks, names, dates, language, spans.

Examples are written for the tests, not taken from the seed articles.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extract.lexicon.normalize import (
    article_language,
    english_city,
    iso_date,
    member_codes,
    name_forms,
    province_of_city,
    published_date,
    region_code,
    story_date,
)
from extract.lexicon.titles import rank_of_title
from schemas import Rank, RegionCode

R = RegionCode


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("省委书记", Rank.PARTY_SECRETARY),
        ("市委副书记", Rank.DEPUTY_PARTY_SECRETARY),
        ("自治区主席", Rank.GOVERNMENT_HEAD),
        ("副省长", Rank.DEPUTY_GOVERNMENT_HEAD),
        ("省政府秘书长", Rank.SECRETARY_GENERAL),
        ("省人大常委会主任", Rank.LEGISLATURE_HEAD),
        ("Party Secretary of Sichuan", Rank.PARTY_SECRETARY),
        ("Deputy Secretary of the Fujian Provincial Party Committee", Rank.DEPUTY_PARTY_SECRETARY),
        ("Vice Governor", Rank.DEPUTY_GOVERNMENT_HEAD),
        ("Chief Executive of the Macao SAR", Rank.GOVERNMENT_HEAD),
        ("Secretary-General of the Provincial Government", Rank.SECRETARY_GENERAL),
        ("Director of the Development Office", Rank.OTHER),
    ],
)
def test_rank_of_title(title: str, rank: Rank) -> None:
    assert rank_of_title(title) is rank


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("福建", R.FJ),
        ("Fujian Province", R.FJ),
        ("江西南昌", R.JX),
        ("Nanchang city, capital of Jiangxi Province", R.JX),
        ("somewhere", None),
        ("", None),
    ],
)
def test_region_code(text: str, code: RegionCode | None) -> None:
    assert region_code(text) == code


def test_member_codes_expand_and_deduplicate() -> None:
    assert len(member_codes(["9+2", "Fujian"])) == 11
    assert member_codes(["闽赣"]) == [R.FJ, R.JX]
    assert member_codes(["Shanghai", "Jiangsu", "Shanghai"]) == [R.SH, R.JS]


def test_cities_get_english_names_and_capitals_their_province() -> None:
    assert english_city("南昌市") == "Nanchang"
    assert english_city("nanchang city") == "Nanchang"
    assert english_city("天津") == "Tianjin"
    assert english_city(" ") is None
    assert province_of_city("Nanchang") is R.JX


def test_name_forms() -> None:
    assert name_forms("歐陽明遠") == ("欧阳明远", "Ouyang Mingyuan")
    assert name_forms("Chen  Lihua") == (None, "Chen Lihua")


def test_dates() -> None:
    assert iso_date("2031-02-03") == dt.date(2031, 2, 3)
    assert iso_date("2031-02-30") is None
    assert iso_date("null") is None
    assert published_date("发布时间:2031-04-18 09:12\n正文") == dt.date(2031, 4, 18)
    assert published_date("NANCHANG, China, May 2, 2031 /Wire/ —") == dt.date(2031, 5, 2)
    assert published_date("2031年4月18日 电") == dt.date(2031, 4, 18)
    assert published_date("x" * 500 + "2031-04-18") is None


def test_language() -> None:
    assert article_language("会议在南昌举行。Leaders met.") == "zh"
    assert article_language("Leaders met in Nanchang (南昌).") == "en"


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("新闻来源:示例网   发布时间:2031/4/15 9:45:15   浏览次数:3994", dt.date(2031, 4, 15)),
        (
            "Example Office\nUpdated:2031.05.31\n\n  On May 27, 2031, the meeting",
            dt.date(2031, 5, 31),
        ),
        ("梁率团 與粵簽協議\n\n[2031.09.15] 發表\n正文", dt.date(2031, 9, 15)),
        ("Title\n\nReleased on:2031-07-07\n\nText", dt.date(2031, 7, 7)),
        ("Home\nsource:www.example.org release date:2031/07/12 hits:153", dt.date(2031, 7, 12)),
        ("示例网  2031年08月29日10:59  示例报", dt.date(2031, 8, 29)),
        # an event's date in the first sentence (a photo caption) is not the page's
        ("揭密示例会议\n\n2031年5月23日,某人在上海考察示例中心。\n\n正文", None),
        ("On May 27, 2031, the Third Session of the Example Joint Meeting was held", None),
        # a meta line's bullet, a byline after "|", "Updated" with no space after the comma
        ("示例市\n\n示例会议召开\n\n  • 来源:互联网\n  • |\n  • 2031-09-01\n", dt.date(2031, 9, 1)),
        ("Example tasks agreed\nBy A WRITER|Mar 12,2031\nText", dt.date(2031, 3, 12)),
        ("App | 中文 |\n\nTitle\n\nUpdated: Mar 17,2031 5:16 PM\n", dt.date(2031, 3, 17)),
        # a footer stating the release
        (
            "Example Chief Executive meets Mayor\n\nText.\n\nEnds/Tuesday, August 12, 2031\n",
            dt.date(2031, 8, 12),
        ),
        # a page date earlier than the story's own dateline is a repost's, not the page's
        ("时间:2031-07-22 来源:示例\n\n示例社东城8月13日电 12日,两省召开工作会议。", None),
        (
            "时间:2031-08-14 来源:示例\n\n示例社东城8月13日电 12日,两省召开工作会议。",
            dt.date(2031, 8, 14),
        ),
    ],
)
def test_the_publication_date_is_one_the_page_states(header: str, date: dt.date | None) -> None:
    assert published_date(header) == date


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        (
            "Chairman of the Example Provincial People’s Congress Standing Committee",
            "legislature_head",
        ),
        ("Chairman of the Standing Committee of the Example People`s Congress", "legislature_head"),
        (
            "Director of the Standing Committee of Example Municipal People's Congress",
            "legislature_head",
        ),
        ("Vice Chairman of the Standing Committee of the Example People's Congress", "other"),
        ("省政协主席", "other"),
        ("省政協副主席", "other"),
        ("全国人大常委会委员长", "legislature_head"),
        ("全国人大常委会副委员长", "other"),
        ("自治区主席", "government_head"),
        ("代市长", "government_head"),
        ("政務司長", "other"),
        ("Chief Secretary for Administration", "other"),
        ("Vice Chairman of the CPPCC Example Committee", "other"),
    ],
)
def test_ranks_of_advisory_and_legislative_offices(title: str, rank: str) -> None:
    assert rank_of_title(title).value == rank


def test_today_counts_from_the_story_s_dateline_when_the_page_is_a_day_later() -> None:
    from extract.reading.text import ArticleText

    page = (
        "来源: 示例日报  2031年03月04日 08:47\n\n示例日报北京3月3日电 记者 某某\n"
        "今天,示例代表团举行全体会议。"
    )
    assert story_date(page, dt.date(2031, 3, 4)) == dt.date(2031, 3, 3)
    article = ArticleText(page)
    assert (article.published, article.filed) == (dt.date(2031, 3, 4), dt.date(2031, 3, 3))
    # No dateline, or one that is no day of the week before: the page's date.
    assert story_date("今天,示例代表团举行全体会议。", dt.date(2031, 3, 4)) == dt.date(2031, 3, 4)
    assert story_date("示例日报北京1月3日电", dt.date(2031, 3, 4)) == dt.date(2031, 3, 4)
    assert story_date("示例日报北京3月3日电", None) is None


def test_a_meeting_is_dated_in_the_clause_that_holds_it_and_by_the_day_written_beside_today() -> (
    None
):
    from extract.lexicon.dates import dates_in_quote

    page = dt.date(2031, 9, 16)
    quote = "行政长官周明9月16日率团前往西川市,参加今(18)日下午召开的“2031年示例联席会议”。"
    # The trip's date opens the sentence; the meeting's is in the clause of its "举行".
    assert dates_in_quote(quote, published=page) == (dt.date(2031, 9, 18), dt.date(2031, 9, 18))
    # A day written beside "今" is the day meant, the nearest such day to the page's date.
    assert dates_in_quote("今(1)日上午举行会议。", published=dt.date(2031, 9, 30)) == (
        dt.date(2031, 10, 1), dt.date(2031, 10, 1)
    )  # fmt: skip
    assert dates_in_quote("今(16)日举行会议。", published=page) == (page, page)
    # A day that is no day near the page's: nothing is dated.
    assert dates_in_quote("今(2)日举行会议。", published=dt.date(2031, 9, 16)) is None
    # The clause of "held" without a date of its own: the dates around it still count.
    assert dates_in_quote("2031年6月6日,第二届示例联席会议在甲市召开。", published=None) == (
        dt.date(2031, 6, 6), dt.date(2031, 6, 6)
    )  # fmt: skip


def test_english_dates_with_the_day_first_and_days_named_without_a_year() -> None:
    from extract.lexicon.dates import dates_in_quote, names_a_day

    page = dt.date(2031, 11, 12)
    assert dates_in_quote("On 8-10 November, the delegation visited Hunan.", published=page) == (
        dt.date(2031, 11, 8), dt.date(2031, 11, 10)
    )  # fmt: skip
    assert dates_in_quote("The forum opened on 3 March 2030.", published=page) == (
        dt.date(2030, 3, 3), dt.date(2030, 3, 3)
    )  # fmt: skip
    assert names_a_day("On the afternoon of 8 November, a talk was held.")
    assert names_a_day("9月8日下午,两省举行座谈会。") and names_a_day("On November 8, they met.")
    assert not names_a_day("The 8 Delegates met.") and not names_a_day("两省举行座谈会。")

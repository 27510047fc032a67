"""Cleaning page furniture with an offset map, and aligning quotes to code-point offsets.

The articles here are written for the tests.
"""

from __future__ import annotations

import pytest

from extract.grounding.align import align_quote_to_text
from extract.reading.chunking import estimated_tokens, split_into_chunks
from extract.reading.cleaning import clean_article, furniture_lines
from extract.reading.text import ArticleText

PAGE = """示例会议在南昌举行 李明出席
2031-04-18 09:12 | 来源:示例日报

（资料图片）

18日,2031年示例区域合作联席会议在江西南昌举行。江西省委副书记、省长李明出席会议并讲话。

图片/示例日报记者 王某 摄

上一篇 下一篇

相关新闻

示例市发布暴雨预警

某公司股价快速拉升(2031-04-18)

一篇很长的无关新闻标题但是没有句号所以仍然是一条链接而不是正文的一部分哪怕它有这么长
"""

ENGLISH_PAGE = """News keeps you informed about markets, products and the economy.

The 2031 Example Delta Symposium was held in Nanchang, Jiangxi on April 17. Li Ming attended.
Scene of the event
Contact: Wang Fang
Tel: 010-0000000
"""


def test_furniture_is_removed_and_the_story_kept() -> None:
    cleaned = clean_article(PAGE)
    assert "联席会议在江西南昌举行" in cleaned.text
    assert "2031-04-18 09:12" in cleaned.text  # the dateline is kept: dates are resolved from it
    for furniture in ("资料图片", "摄", "上一篇", "相关新闻", "暴雨预警", "股价", "无关新闻"):
        assert furniture not in cleaned.text, furniture


def test_english_boilerplate_and_contacts_are_removed() -> None:
    cleaned = clean_article(ENGLISH_PAGE).text
    assert "Symposium was held in Nanchang" in cleaned
    for furniture in ("News keeps you informed", "Scene of the event", "Contact:", "Tel:"):
        assert furniture not in cleaned


def test_every_kept_character_maps_back_to_the_same_character() -> None:
    cleaned = clean_article(PAGE)
    for offset, char in enumerate(cleaned.text):
        if char != "\n":
            assert PAGE[cleaned.original_offset(offset)] == char


def test_a_quote_from_the_cleaned_text_becomes_a_span_of_the_original() -> None:
    article = ArticleText(PAGE)
    span = article.span_of("江西省委副书记、省长李明出席会议并讲话")
    assert span is not None
    assert PAGE[span.start : span.end] == span.text == "江西省委副书记、省长李明出席会议并讲话"


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("省长李明出席会议并讲话", "省长李明出席会议并讲话"),  # exact
        ("江西省委副书记,省长李明", "江西省委副书记、省长李明"),  # punctuation differs: fuzzy
        ("江西省委副書記、省長李明", "江西省委副书记、省长李明"),  # traditional characters
        ("2031年示例区域合作联席会议在江西南昌召开", "2031年示例区域合作联席会议在江西南昌举行"),
    ],
)
def test_alignment_tolerates_what_models_change(quote: str, found: str) -> None:
    window = align_quote_to_text(quote, PAGE)
    assert window is not None
    assert PAGE[window[0] : window[1]] == found


def test_alignment_refuses_what_is_not_there() -> None:
    assert align_quote_to_text("2032年另一个会议在北京举行", PAGE) is None
    assert align_quote_to_text("", PAGE) is None


def test_sentences_naming_a_person() -> None:
    article = ArticleText(PAGE)
    sentences = article.sentences_naming("李明")
    assert [s.text for s in sentences] == [
        "示例会议在南昌举行 李明出席",
        "江西省委副书记、省长李明出席会议并讲话。",
    ]


def test_furniture_lines_are_indexes_of_splitlines() -> None:
    lines = PAGE.splitlines()
    assert {lines[i] for i in furniture_lines(PAGE)} >= {"上一篇 下一篇", "相关新闻"}


def test_long_articles_split_on_paragraphs_with_overlap() -> None:
    paragraphs = [f"第{i}段。" + "会议内容" * 200 + "\n" for i in range(6)]
    text = "".join(paragraphs)
    chunks = split_into_chunks(text, max_tokens=1200)
    assert len(chunks) > 1
    assert all(estimated_tokens(chunk) <= 1200 for chunk in chunks)
    assert all(any(p in chunk for chunk in chunks) for p in paragraphs)
    assert chunks[1].startswith(chunks[0].splitlines(keepends=True)[-1])  # the overlap
    assert split_into_chunks("短文。") == ["短文。"]


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        # a character dropped: the stretch still ends where the quote does
        ("江西省委副书记、省长李明出席会议并讲", "江西省委副书记、省长李明出席会议并讲"),
        ("江西省委副书记、省长李出席会议并讲话", "江西省委副书记、省长李明出席会议并讲话"),
        # a character added: the stretch gains nothing
        ("江西省委副书记、省长李明出席会议并讲话了", "江西省委副书记、省长李明出席会议并讲话"),
        ("The 2031 Example Delta Symposium was held in Nanchang, Jiangxi on April 17th", None),
    ],
)
def test_fuzzy_alignment_keeps_the_quote_s_own_ends(quote: str, found: str | None) -> None:
    text = PAGE + ENGLISH_PAGE
    window = align_quote_to_text(quote, text)
    assert window is not None
    expected = found or "The 2031 Example Delta Symposium was held in Nanchang, Jiangxi on April 17"
    assert text[window[0] : window[1]] == expected


def test_the_simplified_view_keeps_every_offset() -> None:
    from extract.reading.text import simplified_view

    traditional = "粵港合作聯席第19次會議在廣州舉行,梁振英與廣東省委書記會面。𠀀 Ａ"
    view = simplified_view(traditional)
    assert len(view) == len(traditional)
    assert view.startswith("粤港合作联席第19次会议在广州举行")
    article = ArticleText("date 2016-09-15\n" + traditional)
    assert article.position_of("粤港合作联席") == article.clean.text.index("粵港合作聯席")
    assert article.as_written("广东省委书记") == "廣東省委書記"

"""Prompt files are validated when loaded: a missing or unused variable is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.asking.answers import MeetingAnswer
from extract.asking.prompts import PromptError, bundled_prompts, load_examples, load_prompt
from extract.pipeline import PromptSet, field_guide


def write(directory: Path, name: str, text: str) -> None:
    (directory / f"{name}.toml").write_text(text, encoding="utf-8")


def test_the_bundled_prompts_load_and_render() -> None:
    prompts = PromptSet.load()
    assert "Example 1" in prompts.system and "Example 2" in prompts.system
    assert set(prompts.versions) == {
        "system", "article", "meetings", "officials", "resolutions", "examples"
    }  # fmt: skip
    task = prompts.meetings.render(fields="- quote: ...", focus="1. 正文")
    messages = prompts.messages("正文", "2031-01-02", task)
    assert messages[0]["role"] == "system"
    # The article comes before the task, so every question about it shares the prefix.
    assert messages[1]["content"].index("正文") < messages[1]["content"].index("Question")
    assert "published: 2031-01-02" in messages[1]["content"]


def test_rendering_without_a_declared_variable_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t", 'version = "1"\ndescription = "d"\nvariables = ["a"]\ntext = "x $a"\n')
    template = load_prompt("t", tmp_path)
    assert template.render(a="1") == "x 1"
    with pytest.raises(PromptError, match=r"missing variables \['a'\]"):
        template.render()


def test_a_placeholder_that_is_not_declared_is_an_error_on_load(tmp_path: Path) -> None:
    write(tmp_path, "t", 'version = "1"\ndescription = "d"\ntext = "x $article"\n')
    with pytest.raises(PromptError, match="undeclared variables"):
        load_prompt("t", tmp_path)


def test_a_declared_variable_that_is_never_used_is_an_error_on_load(tmp_path: Path) -> None:
    write(tmp_path, "t", 'version = "1"\ndescription = "d"\nvariables = ["a"]\ntext = "x"\n')
    with pytest.raises(PromptError, match="not used"):
        load_prompt("t", tmp_path)


def test_missing_version_and_unknown_keys_are_errors(tmp_path: Path) -> None:
    write(tmp_path, "t", 'description = "d"\ntext = "x"\ncolour = "red"\n')
    with pytest.raises(PromptError, match="version") as caught:
        load_prompt("t", tmp_path)
    assert "colour" in str(caught.value)
    with pytest.raises(PromptError, match="not found"):
        load_prompt("absent", tmp_path)


def test_worked_examples_must_fit_the_schema_and_quote_their_article(tmp_path: Path) -> None:
    good = load_examples()
    assert len(good.examples) >= 2
    source = bundled_prompts().joinpath("examples.toml").read_text(encoding="utf-8")
    write(tmp_path, "examples", source.replace('"kind": "talks"', '"kind": "chat"'))
    with pytest.raises(PromptError, match="example 1, meetings"):
        load_examples(tmp_path)
    write(tmp_path, "examples", source.replace("会前,周立新与韩志远", "会后,周立新与韩志远", 1))
    with pytest.raises(PromptError, match="example 1, meetings: not in the article"):
        load_examples(tmp_path)
    # An official is grounded by name: the name must be the article's.
    write(tmp_path, "examples", source.replace('"name": "许文清"', '"name": "许文卿"', 1))
    with pytest.raises(PromptError, match="example 1, officials: not in the article: '许文卿'"):
        load_examples(tmp_path)


def test_field_guide_is_built_from_the_field_descriptions() -> None:
    guide = field_guide(MeetingAnswer)
    for name, info in MeetingAnswer.model_fields.items():
        assert f"- {name}: {info.description}" in guide


def test_meetings_named_as_attended_by_officials_are_found_in_both_scripts() -> None:
    from extract.asking.focus import meetings_named_as_attended
    from extract.reading.text import ArticleText

    english = ArticleText(
        "Northland Prefecture leaders Ma Lin and Lu Ke, and Eastbay District leaders Qian Yu "
        "attended a series of events: the opening ceremony of an exhibition, the "
        "Eastbay and Northland Cooperation Joint Conference and the Eastbay District Partner "
        "Support Work Leading Group Conference. Wu Tao, Director of the Eastbay Office, "
        "attended the Northland Investment Promotion Conference."
    )
    found = meetings_named_as_attended(english.sentences)
    assert [(m.name, m.kind.value) for m in found] == [
        ("Eastbay and Northland Cooperation Joint Conference", "joint_meeting"),
        ("Eastbay District Partner Support Work Leading Group Conference", "other"),
        ("Northland Investment Promotion Conference", "other"),
    ]
    assert found[0].quote.startswith("Northland Prefecture leaders")
    chinese = ArticleText(
        "示例州领导马林、陆珂出席了示例区与示例州扶贫协作联席会议和示例区对口支援工作推进会。"
    )
    assert [m.name for m in meetings_named_as_attended(chinese.sentences)] == [
        "示例区与示例州扶贫协作联席会议",
        "示例区对口支援工作推进会",
    ]
    traditional = ArticleText("示例州領導馬林出席了示例區扶貧協作聯席會議。")
    assert [m.name for m in meetings_named_as_attended(traditional.sentences)] == [
        "示例區扶貧協作聯席會議"
    ]


def test_no_meeting_is_named_as_attended_without_an_official_or_in_a_business_event() -> None:
    from extract.asking.focus import meetings_named_as_attended
    from extract.reading.text import ArticleText

    for text in (
        "Thousands of visitors attended the Eastbay Tourism Conference.",  # no office word
        "副市长马林出席了示例湾区工商圆桌会议。",  # a business event (rule 32)
        "市长马林出席会议并讲话。",  # no name, only the word
        "Mayor Ma Lin attended the opening ceremony of the exhibition.",  # no meeting
        "会上,市长马林与示例省省长陆珂会面。",  # no attending verb
    ):
        assert meetings_named_as_attended(ArticleText(text).sentences) == [], text


# A run of this many Chinese characters shared with a real article is a retold sentence, not a
# shared word (the longest office or mechanism words are shorter: "省人大常委会主任").
_RETOLD_RUN = 11


@pytest.mark.requires("devset", "devset2")
def test_worked_examples_retell_no_real_article() -> None:
    import re

    from extract.reading.text import simplified_view
    from tests.requirements import DEVSET2_ARTICLES, DEVSET_ARTICLES

    def cjk_runs(text: str) -> set[str]:
        runs = re.findall(r"[\u4e00-\u9fff]+", simplified_view(text))
        return {r[i : i + _RETOLD_RUN] for r in runs for i in range(len(r) - _RETOLD_RUN + 1)}

    articles = [*DEVSET_ARTICLES.glob("*.txt"), *DEVSET2_ARTICLES.glob("*.txt")]
    assert articles
    texts = {p.name: simplified_view(p.read_text(encoding="utf-8")) for p in articles}
    for number, example in enumerate(load_examples().examples, start=1):
        for name, text in texts.items():
            retold = sorted(run for run in cjk_runs(example.article) if run in text)
            assert not retold, f"worked example {number} retells {name}: {retold[:3]}"

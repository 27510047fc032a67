"""Prompt files are validated when loaded: a missing or unused variable is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.asking.answers import MeetingAnswer
from extract.asking.prompts import PromptError, load_examples, load_prompt
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
    source = (Path(__file__).parent.parent / "prompts" / "examples.toml").read_text("utf-8")
    write(tmp_path, "examples", source.replace('"kind": "talks"', '"kind": "chat"'))
    with pytest.raises(PromptError, match="example 1, meetings"):
        load_examples(tmp_path)
    write(tmp_path, "examples", source.replace("会前,周立新与韩志远", "会后,周立新与韩志远", 1))
    with pytest.raises(PromptError, match="quote not in the article"):
        load_examples(tmp_path)


def test_field_guide_is_built_from_the_field_descriptions() -> None:
    guide = field_guide(MeetingAnswer)
    for name, info in MeetingAnswer.model_fields.items():
        assert f"- {name}: {info.description}" in guide


def test_question_1_is_asked_again_only_on_events_no_listed_meeting_is() -> None:
    from extract.asking.focus import unlisted_event_sentences
    from extract.reading.text import ArticleText, split_sentences

    article = ArticleText(
        "示例省党政代表团3日至4日在某省考察。4日,两省举行工作座谈会,周明主持会议。"
        "會後,兩省在某市舉行簽約儀式。代表团一行考察了示例园区。"
    )
    sentences = split_sentences(article.clean.text)
    found = unlisted_event_sentences(sentences, ["示例省党政代表团考察"])
    assert found == ["4日,两省举行工作座谈会,周明主持会议。"]
    # Once the symposium is listed there is nothing left to ask about.
    assert unlisted_event_sentences(sentences, ["示例省党政代表团考察", "两省工作座谈会"]) == []
    english = split_sentences(
        "The delegation visited the province. Governor Li met with Mayor Wang on Tuesday."
    )
    assert unlisted_event_sentences(english, ["Delegation visit"]) == [
        "Governor Li met with Mayor Wang on Tuesday."
    ]

"""The engine against a real HTTP server on 127.0.0.1 that answers from a script."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from extract.asking.engine import Extractor, TruncatedAnswerWarning
from extract.config import Settings
from extract.errors import OutputTruncated, RequestRejected, TransportError, ValidationFailed
from extract.runtime.cache import CacheWarning, ResponseCache
from extract.runtime.usage import Usage
from tests.scripted_server import Step, scripted_server

MESSAGES = [{"role": "user", "content": "2031年示例会议在杭州举行。"}]
LLAMA_REJECTION = (
    "{\"error\":{\"message\":\"1 validation error:\\n  {'type': 'literal_error', 'loc': "
    "('body', 'response_format', 'type'), 'msg': \\\"Input should be 'text' or "
    '\'json_object\'\\"}","type":"internal_server_error"}}'
)


class City(BaseModel):
    name: str = Field(description="The city named in the text.")
    year: int


GOOD = json.dumps({"name": "杭州", "year": 2031}, ensure_ascii=False)


def settings_for(base_url: str, tmp_path: Path, **changes: object) -> Settings:
    settings = Settings(
        backend="http",
        base_url=base_url,
        model="scripted",
        schema_mode="json_object_schema",
        cache_dir=tmp_path / "cache",
        max_transport_attempts=3,
        retry_initial_wait_s=0.01,
    )
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]


def test_answer_is_validated_then_served_from_cache_without_a_request(tmp_path: Path) -> None:
    with scripted_server([Step(content=GOOD)]) as server:
        settings = settings_for(server.base_url, tmp_path)
        first, second = Usage(), Usage()
        assert Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=first) == City(
            name="杭州", year=2031
        )
        again = Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=second)
    assert again.name == "杭州"
    assert len(server.requests) == 1
    assert (first.calls, first.cache_hits, first.prompt_tokens) == (1, 0, 11)
    assert (second.calls, second.cache_hits) == (0, 1)


class CityWithCountry(City):
    country: str = "China"


@pytest.mark.parametrize(
    "change",
    ["prompt", "schema", "model", "temperature", "max_tokens", "schema_mode"],
)
def test_any_change_to_the_request_misses_the_cache(tmp_path: Path, change: str) -> None:
    with scripted_server([Step(content=GOOD)]) as server:
        settings = settings_for(server.base_url, tmp_path)
        Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=Usage())
        model: type[City] = City
        messages, max_tokens = MESSAGES, 50
        if change == "prompt":
            messages = [{"role": "user", "content": MESSAGES[0]["content"] + " "}]
        elif change == "schema":
            model = CityWithCountry
        elif change == "max_tokens":
            max_tokens = 51
        elif change == "schema_mode":
            settings = dataclasses.replace(settings, schema_mode="json_schema")
        else:
            value = {"model": "another-model", "temperature": 0.7}[change]
            settings = dataclasses.replace(settings, **{change: value})  # type: ignore[arg-type]
        usage = Usage()
        Extractor(settings).ask(model, messages, max_tokens=max_tokens, usage=usage)
    assert len(server.requests) == 2
    assert usage.cache_hits == 0


def test_schema_reaches_llama_cpp_server_as_json_object_schema(tmp_path: Path) -> None:
    with scripted_server([Step(content=GOOD)]) as server:
        Extractor(settings_for(server.base_url, tmp_path)).ask(
            City, MESSAGES, max_tokens=50, usage=Usage()
        )
    sent = server.requests[0]["response_format"]
    assert sent["type"] == "json_object"
    assert sent["schema"]["properties"]["name"]["description"] == "The city named in the text."


def test_schema_reaches_openai_style_servers_as_json_schema(tmp_path: Path) -> None:
    with scripted_server([Step(content=GOOD)]) as server:
        settings = settings_for(server.base_url, tmp_path, schema_mode="json_schema")
        Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=Usage())
    sent = server.requests[0]["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["schema"]["required"] == ["name", "year"]


def test_429_honours_retry_after_and_counts_every_attempt(tmp_path: Path) -> None:
    steps = [Step(status=429, headers={"Retry-After": "0"}), Step(content=GOOD)]
    with scripted_server(steps) as server:
        usage = Usage()
        Extractor(settings_for(server.base_url, tmp_path)).ask(
            City, MESSAGES, max_tokens=50, usage=usage
        )
    assert len(server.requests) == 2
    assert usage.calls == 2
    assert (usage.prompt_tokens, usage.completion_tokens) == (11, 7)


def test_500_then_200_is_retried(tmp_path: Path) -> None:
    with scripted_server([Step(status=500), Step(status=503), Step(content=GOOD)]) as server:
        usage = Usage()
        answer = Extractor(settings_for(server.base_url, tmp_path)).ask(
            City, MESSAGES, max_tokens=50, usage=usage
        )
    assert answer.year == 2031
    assert len(server.requests) == usage.calls == 3


def test_persistent_5xx_gives_up_after_the_attempt_limit(tmp_path: Path) -> None:
    with scripted_server([Step(status=503)]) as server:
        usage = Usage()
        with pytest.raises(TransportError, match=r"after 3 attempt\(s\) \(HTTP 503\)") as caught:
            Extractor(settings_for(server.base_url, tmp_path)).ask(
                City, MESSAGES, max_tokens=50, usage=usage
            )
    assert caught.value.attempts == 3
    assert len(server.requests) == usage.calls == 3


def test_a_500_that_rejects_the_request_is_not_retried(tmp_path: Path) -> None:
    steps = [Step(status=500, body=LLAMA_REJECTION), Step(content=GOOD)]
    with scripted_server(steps) as server, pytest.raises(RequestRejected, match=r"HTTP 500.*Input"):
        Extractor(settings_for(server.base_url, tmp_path)).ask(
            City, MESSAGES, max_tokens=50, usage=Usage()
        )
    assert len(server.requests) == 1


def test_invalid_answer_is_re_asked_and_both_attempts_are_counted(tmp_path: Path) -> None:
    steps = [Step(content='{"name": "杭州"}', completion_tokens=5), Step(content=GOOD)]
    with scripted_server(steps) as server:
        usage = Usage()
        answer = Extractor(settings_for(server.base_url, tmp_path)).ask(
            City, MESSAGES, max_tokens=50, usage=usage
        )
    assert answer.year == 2031
    assert len(server.requests) == usage.calls == 2
    assert usage.completion_tokens == 5 + 7


def test_answers_that_never_validate_fail_with_the_last_output(tmp_path: Path) -> None:
    with scripted_server([Step(content='{"name": 3}')]) as server:
        usage = Usage()
        with pytest.raises(ValidationFailed) as caught:
            Extractor(settings_for(server.base_url, tmp_path)).ask(
                City, MESSAGES, max_tokens=50, usage=usage
            )
    assert caught.value.last_output == '{"name": 3}'
    assert caught.value.attempts == 2  # one re-ask (max_validation_retries=1)
    assert len(server.requests) == usage.calls == 2


def test_an_unusable_cache_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "cache-file"
    not_a_directory.write_text("x", encoding="utf-8")
    with scripted_server([Step(content=GOOD)]) as server:
        settings = settings_for(server.base_url, tmp_path, cache_dir=not_a_directory)
        with pytest.warns(CacheWarning, match="cannot open"):
            answer = Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=Usage())
    assert answer.name == "杭州"


def test_cache_stats_and_clear(tmp_path: Path) -> None:
    with scripted_server([Step(content=GOOD)]) as server:
        settings = settings_for(server.base_url, tmp_path)
        Extractor(settings).ask(City, MESSAGES, max_tokens=50, usage=Usage())
    cache = ResponseCache(settings.cache_dir)
    assert cache.stats()["entries"] == 1
    assert cache.clear() == 1
    assert cache.stats()["entries"] == 0


class Cities(BaseModel):
    cities: list[City]


def test_a_cut_off_answer_keeps_its_complete_items(tmp_path: Path) -> None:
    cut = '{"cities": [{"name": "杭州", "year": 2031}, {"name": "宁波", "year": 2031}, {"name": "温'
    with scripted_server([Step(content=cut, finish_reason="length")]) as server:
        usage = Usage()
        with pytest.warns(TruncatedAnswerWarning):
            answer = Extractor(settings_for(server.base_url, tmp_path)).ask(
                Cities, MESSAGES, max_tokens=30, usage=usage
            )
    assert [c.name for c in answer.cities] == ["杭州", "宁波"]
    assert len(server.requests) == usage.calls == 1  # a cut-off answer is not re-asked


def test_a_cut_off_answer_with_nothing_complete_is_an_error(tmp_path: Path) -> None:
    cut = '{"cities": [{"name": "杭'
    truncated = pytest.raises(OutputTruncated, match="output-token limit")
    with scripted_server([Step(content=cut, finish_reason="length")]) as server, truncated:
        Extractor(settings_for(server.base_url, tmp_path)).ask(
            Cities, MESSAGES, max_tokens=30, usage=Usage()
        )
    assert truncated.excinfo.value.last_output == cut

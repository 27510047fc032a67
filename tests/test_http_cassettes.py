"""The engine against llama.cpp's OpenAI-compatible server, replayed from recorded cassettes.

Recorded with `make cassettes` (llama-cpp-python's server on 127.0.0.1 serving the embedded
model); replayed with recording off, so these tests never reach a server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from extract.asking.answers import MeetingsAnswer, OfficialsAnswer, ResolutionsAnswer
from extract.asking.engine import Extractor
from extract.config import EMBEDDED_MODEL_NAME, Settings
from extract.errors import RequestRejected
from extract.pipeline import extract_document
from extract.runtime.usage import Usage
from schemas import RegionCode, span_problems
from tests import articles
from tests.cassettes import RECORD, RECORDING_SERVER, make_vcr

VCR = make_vcr()
ANSWER_MODELS: dict[str, type[BaseModel]] = {
    "meetings": MeetingsAnswer,
    "officials": OfficialsAnswer,
    "resolutions": ResolutionsAnswer,
}


def server_settings(tmp_path: Path, schema_mode: str = "json_object_schema") -> Settings:
    return Settings(
        backend="http",
        base_url=RECORDING_SERVER,
        model=EMBEDDED_MODEL_NAME,
        schema_mode=schema_mode,  # type: ignore[arg-type]
        cache_dir=tmp_path / "cache",
        max_transport_attempts=2,
    )


def answered_json(cassette: object) -> list[tuple[dict[str, object], str]]:
    """(request body, assistant content) of every recorded interaction."""
    pairs = []
    for request, response in zip(cassette.requests, cassette.responses, strict=True):  # type: ignore[attr-defined]
        body = json.loads(request.body)
        content = json.loads(response["body"]["string"])["choices"][0]["message"]["content"]
        pairs.append((body, content))
    return pairs


def check_constrained(cassette: object) -> None:
    """Every request carried the schema the way llama.cpp constrains on, and every answer fits."""
    for body, content in answered_json(cassette):
        response_format = body["response_format"]
        assert isinstance(response_format, dict)
        assert response_format["type"] == "json_object"
        schema = response_format["schema"]
        assert isinstance(schema, dict)
        question = next(iter(schema["properties"]))  # type: ignore[index]
        ANSWER_MODELS[question].model_validate_json(content)


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [("english", articles.ENGLISH, "en"), ("chinese", articles.CHINESE, "zh")],
)
def test_extract_document_through_llama_cpp_server(
    tmp_path: Path, name: str, text: str, language: str
) -> None:
    with VCR.use_cassette(f"extract_{name}.yaml") as cassette:
        document = extract_document(text, name, settings=server_settings(tmp_path))
    if not RECORD:
        assert cassette.all_played
    assert len(cassette.requests) == 3  # meetings, officials, resolutions
    check_constrained(cassette)
    assert document.doc_id == name and document.language == language
    assert document.meetings and document.meetings[0].primary
    assert span_problems(document, text) == []
    assert all(record.evidence for record in document.meetings)
    # What the model got right in the recorded answers, carried through to the contract:
    assert document.officials and all(o.meetings for o in document.officials)
    assert document.officials[0].region in (RegionCode.ZJ, RegionCode.JX)
    assert any(r.kind == "signed" and r.meeting == "m1" for r in document.resolutions)


def test_identical_rerun_is_served_from_the_cache_with_no_http_request(tmp_path: Path) -> None:
    settings = server_settings(tmp_path)
    with VCR.use_cassette("extract_english.yaml"):
        first = extract_document(articles.ENGLISH, "english", settings=settings)
    usage = Usage()
    # No cassette entries and recording off: any HTTP request would fail the test.
    with VCR.use_cassette("no_requests.yaml", record_mode="none") as cassette:
        again = extract_document(articles.ENGLISH, "english", settings=settings, usage=usage)
    assert len(cassette.requests) == 0
    assert again == first
    assert (usage.calls, usage.cache_hits) == (0, 3)


class Probe(BaseModel):
    zqx_marker: Literal["alpha", "omega"]
    lucky_number: int


def test_llama_cpp_server_decoding_is_really_constrained(tmp_path: Path) -> None:
    # Asked for a greeting, an unconstrained model answers in prose; this answer can only be
    # JSON with these odd keys if the server decoded under the schema's grammar.
    messages = [{"role": "user", "content": "Write one friendly sentence greeting a colleague."}]
    with VCR.use_cassette("constrained_probe.yaml") as cassette:
        probe = Extractor(server_settings(tmp_path)).ask(
            Probe, messages, max_tokens=40, usage=Usage()
        )
    assert probe.zqx_marker in ("alpha", "omega")
    ((_, content),) = answered_json(cassette)
    assert json.loads(content).keys() == {"zqx_marker", "lucky_number"}


def test_llama_cpp_server_rejects_json_schema_and_it_is_not_retried(tmp_path: Path) -> None:
    settings = server_settings(tmp_path, schema_mode="json_schema")
    messages = [{"role": "user", "content": "Write one friendly sentence."}]
    rejected = pytest.raises(RequestRejected, match="HTTP 500")
    with VCR.use_cassette("json_schema_rejected.yaml") as cassette, rejected:
        Extractor(settings).ask(Probe, messages, max_tokens=20, usage=Usage())
    assert len(cassette.requests) == 1

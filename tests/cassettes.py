"""vcrpy set-up for tests that replay a real OpenAI-compatible server.

Cassettes are recorded against llama-cpp-python's own server (`python -m llama_cpp.server`)
serving the embedded model on 127.0.0.1 (see `make cassettes`), and replayed with recording off:
a request that is not in the cassette fails the test instead of reaching a server. Recorded
JSON bodies are rewritten with `ensure_ascii=False` so Chinese stays readable, keys and
identifying headers are dropped, and requests match on method, path and parsed JSON body.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import vcr
import yaml

CASSETTES = Path(__file__).resolve().parent / "cassettes"
RECORDING_SERVER = "http://127.0.0.1:8765/v1"
RECORD = os.environ.get("RECORD_CASSETTES") == "1"

_DROPPED_HEADERS = (
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
    "user-agent",
    "cookie",
    "set-cookie",
    "x-request-id",
    "date",
    "server",
    "content-length",
)


def _readable_json(body: Any) -> Any:
    """JSON re-written with readable Chinese, in the type it came in (vcrpy also runs the hooks
    on responses it loads for playback, which must stay bytes)."""
    if not body:
        return body
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        readable = json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True)
    except ValueError:
        return body
    return readable.encode("utf-8") if isinstance(body, bytes) else readable


def _strip_headers(headers: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value
        for name, value in headers.items()
        if name.lower() not in _DROPPED_HEADERS and not name.lower().startswith("x-stainless")
    }


def _before_record_request(request: Any) -> Any:
    request.body = _readable_json(request.body)
    request.headers = _strip_headers(dict(request.headers))
    return request


def _before_record_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = _strip_headers(response["headers"])
    response["body"]["string"] = _readable_json(response["body"]["string"])
    return response


def _json_body(r1: Any, r2: Any) -> None:
    def parsed(body: Any) -> Any:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        return json.loads(text) if text else None

    assert parsed(r1.body) == parsed(r2.body), "request bodies differ"


class _ReadableDumper(yaml.SafeDumper):
    """Multi-line strings (the pretty-printed JSON bodies) as literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_ReadableDumper.add_representer(str, _represent_str)


class _UnicodeYaml:
    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        return yaml.dump(
            cassette, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False, width=100
        )

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        return yaml.safe_load(text)  # type: ignore[no-any-return]


def make_vcr() -> vcr.VCR:
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="once" if RECORD else "none",
        match_on=["method", "scheme", "host", "port", "path", "json_body"],
        before_record_request=_before_record_request,
        before_record_response=_before_record_response,
        decode_compressed_response=True,
        serializer="unicode_yaml",
    )
    recorder.register_serializer("unicode_yaml", _UnicodeYaml())
    recorder.register_matcher("json_body", _json_body)
    return recorder

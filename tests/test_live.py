"""The embedded model, for real: llama.cpp in this process. Skipped, with the reason, when it is
not installed; `make test` installs it, and under CI=true a missing model fails these tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from extract.asking.engine import Extractor
from extract.config import Settings
from extract.pipeline import extract_document
from extract.runtime.usage import Usage
from schemas import span_problems
from tests import articles
from tests.requirements import INSTALLED_MODELS_DIR, requires

pytestmark = [pytest.mark.live, requires("model")]


def embedded_settings(tmp_path: Path) -> Settings:
    return Settings(backend="embedded", models_dir=INSTALLED_MODELS_DIR, cache_dir=tmp_path / "c")


class Probe(BaseModel):
    zqx_marker: Literal["alpha", "omega"]
    lucky_number: int


def test_embedded_decoding_is_really_constrained(tmp_path: Path) -> None:
    # Asked for a greeting, the model would answer in prose; only a grammar built from the
    # schema makes it produce exactly these keys.
    messages = [{"role": "user", "content": "Write one friendly sentence greeting a colleague."}]
    usage = Usage()
    probe = Extractor(embedded_settings(tmp_path)).ask(Probe, messages, max_tokens=40, usage=usage)
    assert probe.zqx_marker in ("alpha", "omega")
    assert usage.calls == 1  # valid at the first attempt: no re-ask was needed


def test_embedded_model_extracts_a_short_article_end_to_end(tmp_path: Path) -> None:
    usage = Usage()
    document = extract_document(
        articles.CHINESE, "live", settings=embedded_settings(tmp_path), usage=usage
    )
    assert document.language == "zh"
    assert document.meetings, "the model found no meeting in a one-meeting article"
    assert document.meetings[0].city == "Changsha"
    assert span_problems(document, articles.CHINESE) == []
    assert usage.calls == 3 and usage.prompt_tokens > 0 and usage.completion_tokens > 0

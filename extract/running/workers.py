"""What every worker of a run holds, whichever engine runs it: one `DocumentExtractor` built from
the run's Settings, and the description of it that run.json records.

A local run has one such worker in its own process; the Ray engine has one in each actor.
"""

from __future__ import annotations

from extract.asking.engine import Extractor
from extract.config import Settings
from extract.pipeline import DocumentExtractor
from extract.runtime.backends import EmbeddedBackend
from schemas.models import SCHEMA_VERSION

# A message the embedded model answers with one token: loading the model is then proven.
_LOAD_CHECK = [{"role": "user", "content": "ok"}]


def build_extractor(settings: Settings, *, load_model: bool = False) -> DocumentExtractor:
    """The extractor of a run. With `load_model`, the embedded model is loaded now (it is
    otherwise loaded by the first question), so that a worker that cannot load it says why
    before it is given an article."""
    extractor = DocumentExtractor(Extractor(settings), keep_ungrounded=settings.keep_ungrounded)
    backend = extractor.extractor.backend
    if load_model and isinstance(backend, EmbeddedBackend):
        backend.create(messages=_LOAD_CHECK, max_tokens=1)
    return extractor


def run_info_for(extractor: DocumentExtractor, settings: Settings) -> dict[str, object]:
    """What run.json says about the backend, model, prompts and schema a run extracts with."""
    return {
        **extractor.extractor.backend.identity(),
        "model": settings.model,
        "prompt_versions": extractor.prompts.versions,
        "schema_version": SCHEMA_VERSION,
        "temperature": settings.temperature,
        "cache_dir": str(settings.cache_dir) if settings.cache_dir else None,
    }

"""The extraction engine: the pipeline's stages, the model runtime and batch runs.

from extract import extract_document
document = extract_document(article_text, "my-article")   # -> schemas.Document

The pipeline (and with it openai and instructor) is imported on first use, so commands that do
not extract (`consolidate`, `model`, `cache`) start at once.
"""

from typing import TYPE_CHECKING, Any

from extract.config import Settings
from extract.errors import (
    ConfigError,
    ExtractError,
    ModelFileError,
    OutputTruncated,
    ReplayMissing,
    RequestRejected,
    TransportError,
    ValidationFailed,
)
from extract.runtime.usage import Usage

if TYPE_CHECKING:
    from extract.pipeline import DocumentExtractor, extract_document

__all__ = [
    "ConfigError",
    "DocumentExtractor",
    "ExtractError",
    "ModelFileError",
    "OutputTruncated",
    "ReplayMissing",
    "RequestRejected",
    "Settings",
    "TransportError",
    "Usage",
    "ValidationFailed",
    "extract_document",
]


def __getattr__(name: str) -> Any:
    if name in ("DocumentExtractor", "extract_document"):
        from extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")

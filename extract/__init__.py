"""The extraction engine: prompts, model backends, the response cache and batch runs.

from extract import extract_document
document = extract_document(article_text, "my-article")   # -> schemas.Document
"""

from extract.config import Settings
from extract.errors import (
    ConfigError,
    ExtractError,
    ModelFileError,
    OutputTruncated,
    RequestRejected,
    TransportError,
    ValidationFailed,
)
from extract.pipeline import DocumentExtractor, extract_document
from extract.usage import Usage

__all__ = [
    "ConfigError",
    "DocumentExtractor",
    "ExtractError",
    "ModelFileError",
    "OutputTruncated",
    "RequestRejected",
    "Settings",
    "TransportError",
    "Usage",
    "ValidationFailed",
    "extract_document",
]

"""Errors of the extraction engine. Each carries what a caller needs to report or act on it."""

from __future__ import annotations

from schemas.errors import ArticleError, ToolkitError

__all__ = [
    "ArticleError",
    "ConfigError",
    "ExtractError",
    "ModelFileError",
    "OutputTruncated",
    "ReplayMissing",
    "RequestRejected",
    "TransportError",
    "ValidationFailed",
]


class ConfigError(ToolkitError):
    """A setting that cannot work, with the way to fix it in the message."""


class ModelFileError(ToolkitError):
    """The embedded model's weights are missing, incomplete or not the expected file."""


class ExtractError(ToolkitError):
    """A model call that did not produce a valid record.

    `provider` names the backend, `attempts` counts calls made for this request (transport retries
    and validation re-asks), `last_output` is the model's last raw answer if there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        attempts: int = 1,
        last_output: str | None = None,
    ) -> None:
        self.provider = provider
        self.attempts = attempts
        self.last_output = last_output
        super().__init__(message)


class TransportError(ExtractError):
    """The server was unreachable or kept failing (timeouts, resets, 429, 5xx) after retries."""

    def __init__(self, message: str, *, provider: str, attempts: int, status: int | None) -> None:
        self.status = status
        super().__init__(message, provider=provider, attempts=attempts)


class RequestRejected(ExtractError):
    """The server understood the request and refused it; repeating it would fail the same way."""

    def __init__(self, message: str, *, provider: str, status: int | None) -> None:
        self.status = status
        super().__init__(message, provider=provider, attempts=1)


class ValidationFailed(ExtractError):
    """The model kept answering with JSON that does not fit the schema, after every re-ask."""


class OutputTruncated(ExtractError):
    """The model reached its output-token limit before finishing the JSON."""


class ReplayMissing(ExtractError):
    """A replayed run asked a question its book of recorded answers does not hold."""

"""What a test needs beyond the repository and the core install, checked in one place.

A test that needs something a fresh clone may not have (the shared articles beside the
repository, the embedded model, Ray, LangExtract, the browser) says so with
`@pytest.mark.requires("model")` (or `pytestmark = requires("devset")`), or calls
`require("browser")` where it starts using it. Where the thing is missing, the test is skipped
with a reason that says what is missing and how to get it, except under CI=true: CI has
everything (`make test` installs the extras, the model and the browser; CI lays `shared/` beside
the clone), so there a missing requirement fails the test instead of skipping it quietly.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from extract.config import Settings
from tests.browser import MISSING as MISSING_BROWSER
from tests.browser import browser_installed

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEVSET_ARTICLES = SHARED / "devset" / "raw"
DEVSET2_ARTICLES = SHARED / "devset2" / "raw"
SHARED_SEEDS = SHARED / "seeds"

# Read when the test session starts, before any test changes the environment: the live tests
# use the model `make setup` installed.
INSTALLED_MODELS_DIR = Settings.from_env().models_dir


def in_ci() -> bool:
    """True under CI=true (or CI=1), where every test must run."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _folder(path: Path, what: str) -> Callable[[], str | None]:
    def missing() -> str | None:
        if path.is_dir():
            return None
        return f"{what} are not beside the repository: no folder {path} (CI lays shared/ there)"

    return missing


def _module(module: str, what: str, extra: str) -> Callable[[], str | None]:
    def missing() -> str | None:
        if importlib.util.find_spec(module) is not None:
            return None
        return f"{what} is not installed: pip install -e '.[{extra}]' (make setup does)"

    return missing


def _model() -> str | None:
    from extract.errors import ModelFileError
    from extract.runtime.model_files import resolve_model_path

    if importlib.util.find_spec("llama_cpp") is None:
        return "the embedded model is not installed: no llama-cpp-python (make setup installs it)"
    try:
        resolve_model_path(INSTALLED_MODELS_DIR, None)
    except ModelFileError as exc:
        return f"the embedded model is not installed: {exc}"
    return None


def _browser() -> str | None:
    return None if browser_installed() else MISSING_BROWSER


CHECKS: dict[str, Callable[[], str | None]] = {
    "devset": _folder(DEVSET_ARTICLES, "the development articles (../shared/devset/raw)"),
    "devset2": _folder(
        DEVSET2_ARTICLES, "the second batch of development articles (../shared/devset2/raw)"
    ),
    "shared-seeds": _folder(SHARED_SEEDS, "the shared seed articles (../shared/seeds)"),
    "model": _model,
    "llama_cpp": _module("llama_cpp", "llama-cpp-python", "local"),
    "ray": _module("ray", "Ray", "ray"),
    "langextract": _module("langextract", "LangExtract", "bench"),
    "browser": _browser,
}


@cache
def missing(name: str) -> str | None:
    """Why the requirement `name` is not met here, or None when it is."""
    if name not in CHECKS:
        raise KeyError(f"unknown test requirement {name!r}; known: {sorted(CHECKS)}")
    return CHECKS[name]()


def require(*names: str) -> None:
    """Skip the running test when a requirement is missing, with the reason; fail under CI."""
    for name in names:
        reason = missing(name)
        if reason is None:
            continue
        if in_ci():
            pytest.fail(f"CI=true, where no test may skip: {reason}", pytrace=False)
        pytest.skip(reason)


def requires(*names: str) -> pytest.MarkDecorator:
    """The mark for a test (or, as `pytestmark`, a module) that needs these; conftest checks it."""
    for name in names:
        if name not in CHECKS:
            raise KeyError(f"unknown test requirement {name!r}; known: {sorted(CHECKS)}")
    return pytest.mark.requires(*names)

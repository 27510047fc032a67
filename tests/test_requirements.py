"""A test that needs what a fresh clone may lack skips with the reason, and never under CI=true."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import requirements
from tests.requirements import in_ci, require, requires

TESTS = Path(__file__).resolve().parent
# Skips that depend on the platform, not on what is installed beside the repository.
PLATFORM_SKIPS = ("needs Linux /proc", "needs SIGKILL", "cannot drop root's override here")


@pytest.fixture
def nothing_is_there(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    requirements.missing.cache_clear()
    monkeypatch.setitem(
        requirements.CHECKS,
        "devset",
        requirements._folder(Path("/nonexistent/devset/raw"), "the development articles"),
    )
    yield
    requirements.missing.cache_clear()


@pytest.mark.usefixtures("nothing_is_there")
def test_a_missing_requirement_skips_with_its_reason_and_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not in_ci()
    with pytest.raises(pytest.skip.Exception, match="/nonexistent/devset/raw"):
        require("devset")
    requirements.missing.cache_clear()
    monkeypatch.setenv("CI", "true")
    assert in_ci()
    with pytest.raises(pytest.fail.Exception, match=r"CI=true, where no test may skip: .*devset"):
        require("devset")


def test_an_unknown_requirement_is_an_error() -> None:
    with pytest.raises(KeyError, match="unknown test requirement 'gpu'"):
        requires("gpu")


def test_every_reason_says_what_is_missing_and_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(requirements.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(requirements, "browser_installed", lambda: False)
    for name in ("llama_cpp", "ray", "langextract", "model", "browser"):
        reason = requirements.CHECKS[name]()
        assert reason is not None and ("install" in reason), (name, reason)


def test_no_test_skips_on_its_own() -> None:
    """Every skip for something missing goes through tests/requirements.py (so CI fails it);
    the only other skips are the platform's."""
    for path in sorted(TESTS.glob("*.py")):
        if path.name in ("requirements.py", "test_requirements.py"):
            continue
        source = path.read_text(encoding="utf-8")
        assert "importorskip" not in source, path.name
        assert "pytest.skip(" not in source, path.name
        assert '/ "shared"' not in source, f"{path.name}: use tests.requirements' shared paths"
        for reason in re.findall(r"skipif\(.*?, reason=\"([^\"]*)\"\)", source, re.DOTALL):
            assert reason in PLATFORM_SKIPS, (path.name, reason)
        assert source.count("skipif(") == len(
            re.findall(r"skipif\(.*?, reason=\"([^\"]*)\"\)", source, re.DOTALL)
        ), path.name

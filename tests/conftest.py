"""Shared fixtures.

Every test runs with the model-related environment cleared and the user cache directory pointed
at its own tmp_path, and sockets may only connect to loopback addresses: a test cannot reach a
model, a key or a cache of the developer's by accident.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.requirements import INSTALLED_MODELS_DIR, require

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold"

__all__ = ["GOLD", "INSTALLED_MODELS_DIR", "ROOT", "SEEDS"]

_MODEL_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "EXTRACT_MODEL",
    "EXTRACT_SCHEMA_MODE",
    "EXTRACT_MODEL_PATH",
    "EXTRACT_CACHE_DIR",
)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.requires(...)`: skip with the reason where it is missing, fail under CI."""
    for mark in item.iter_markers("requires"):
        require(*mark.args)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in _MODEL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    yield


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            if not _is_loopback(host):
                raise ConnectionRefusedError(f"tests may only connect to loopback, not {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def gold_dir() -> Path:
    return GOLD

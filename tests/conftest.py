"""Shared fixtures. Every test that writes anything writes it under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def gold_dir() -> Path:
    return GOLD

"""Shared test fixtures: paths to the repo's samples and to ../shared (read, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "corpus" / "seed"
SAMPLE_DIR = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The article the project started from (../shared/corpus/seed), as text."""
    path = SEED_DIR / "000_372a54fb661ea01f.txt"
    if not path.exists():
        pytest.skip("../shared/corpus/seed is not beside the repository")
    return path.read_text(encoding="utf-8")

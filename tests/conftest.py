"""Shared test fixtures: paths to the repo's samples and to ../shared (read, never copied)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import flows  # noqa: F401 - Prefect defaults before prefect is imported

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


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server and database for the session, started by the first flow test (~10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield

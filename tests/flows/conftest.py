"""One Prefect test server for the whole session, started only when a flow test runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import flows  # noqa: F401 - Prefect defaults before prefect is imported


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A temporary Prefect server and database (about 10 s to start on 2 cores)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield

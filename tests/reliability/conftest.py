"""Fixtures of the reliability tests: the Prefect test server, shared with tests/flows when it runs first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import flows  # noqa: F401 - Prefect defaults before prefect is imported


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """A temporary Prefect server; reuses the one tests/flows started in this session, if any.

    Session fixtures of one directory are not visible in another, so this one looks for a
    harness already in effect (its temporary `prefect-test.db`) rather than starting a second server.
    (Moving tests/flows' `prefect_server` to tests/conftest.py would make this unnecessary.)
    """
    import prefect.settings
    from prefect.testing.utilities import prefect_test_harness

    if "prefect-test.db" in str(prefect.settings.PREFECT_SERVER_DATABASE_CONNECTION_URL.value() or ""):
        yield
        return
    with prefect_test_harness(server_startup_timeout=120):
        yield

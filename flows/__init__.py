"""Prefect orchestration of newsetl: flows, tasks and the command line. No extraction logic."""

import os

# Quiet, robust defaults for Prefect's embedded server, set before anything imports prefect
# (see notes on this stack: a 20 s start-up timeout is too short on a loaded 2-core machine,
# telemetry fails offline and provokes SQLite "database is locked" noise).
for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}.items():
    os.environ.setdefault(_key, _value)

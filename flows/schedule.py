"""Scheduled runs: `article_etl` served as a Prefect deployment on a cron schedule.

Schedules run only against a real Prefect server (`prefect server start`); Prefect's temporary
server refuses them. The deployment's parameters are the run settings, built in one place
(`etl.settings.Settings`: flags, then `NEWSETL_*` variables, then defaults).
"""

from __future__ import annotations

from typing import Any

from etl.settings import Settings
from flows.article_etl import article_etl


def deployment_parameters(settings: Settings) -> dict[str, Any]:
    """The flow parameters a deployment runs with, from the run settings."""
    return {
        "input_root": settings.input_root,
        "output_root": settings.output_root,
        "batch_size": settings.batch_size,
        "max_bytes": settings.max_bytes,
        "full_refresh": settings.full_refresh,
    }


def serve(settings: Settings, cron: str, name: str = "newsetl-scheduled", **serve_kwargs: Any) -> None:
    """Serve `article_etl` on `cron` (UTC) with the settings' parameters until interrupted."""
    from flows.runners import make_task_runner

    flow = article_etl.with_options(task_runner=make_task_runner(settings))
    flow.serve(
        name=name,
        cron=cron,
        parameters=deployment_parameters(settings),
        description="newsetl: new article files under the input root into validated Parquet tables.",
        tags=["newsetl"],
        pause_on_shutdown=False,
        **serve_kwargs,
    )

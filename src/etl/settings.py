"""Run settings: one typed object from CLI flags, `NEWSETL_*` environment variables and defaults.

Precedence: a CLI flag beats an environment variable, which beats the default here. Nothing is
read at import; `Settings()` reads the environment when it is built.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_BATCH_SIZE = 2_000


class Settings(BaseSettings):
    """Everything a run can be tuned with (each field is also `NEWSETL_<NAME>` in the environment)."""

    model_config = SettingsConfigDict(env_prefix="NEWSETL_", frozen=True, extra="forbid")

    input_root: str | None = Field(None, description="Folder or fsspec URL holding the article files (NEWSETL_INPUT_ROOT).")
    output_root: str | None = Field(None, description="Folder or fsspec URL the tables are written under (NEWSETL_OUTPUT_ROOT).")
    batch_size: int = Field(DEFAULT_BATCH_SIZE, gt=0, description="Input files per Prefect task.")
    max_bytes: int = Field(DEFAULT_MAX_BYTES, gt=0, description="Input files larger than this are rejected unread.")
    full_refresh: bool = Field(False, description="Reprocess every input, replacing what the output holds.")
    task_runner: Literal["thread", "process", "dask"] = Field("thread", description="Where batches run: threads, a process pool, or Dask.")
    dask_address: str | None = Field(None, description="Address of an existing dask.distributed scheduler (else a LocalCluster).")

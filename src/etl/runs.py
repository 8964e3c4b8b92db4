"""The run history: what one run did, as a row of the `runs` table."""

from __future__ import annotations

import json
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa

from etl import EXTRACTOR_VERSION, __version__
from etl.tables import ARROW_SCHEMAS


def new_run_id(started: datetime) -> str:
    """A sortable, unique run id: UTC start time and a random suffix."""
    return started.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@dataclass(slots=True)
class RunSummary:
    """What a run did: files listed, articles written or skipped, rows and rejects, time per stage."""

    run_id: str
    started_at: datetime
    input_root: str
    flow_run_id: str | None = None
    files: int = 0
    skipped: int = 0
    dates_unreadable: int = 0
    replaced: int = 0
    batches: int = 0  # committed so far
    batches_total: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    rejects: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """The summary as log lines."""
        rows = ", ".join(f"{k} {v:,}" for k, v in sorted(self.rows.items())) or "none"
        rejects = ", ".join(f"{k} {v:,}" for k, v in self.rejects.most_common()) or "none"
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in self.seconds.items())
        return [
            f"run {self.run_id}: newsetl {__version__} (extractors v{EXTRACTOR_VERSION}), {self.files:,} input files, "
            f"{self.rows['articles']:,} articles written, {self.skipped:,} already in the output, "
            f"{self.replaced:,} older versions of corrected articles removed, {self.dates_unreadable:,} publication dates unreadable",
            f"rows written: {rows}",
            f"rejects by reason: {rejects}",
            f"time per stage: {stages}",
        ]

    def as_dict(self) -> dict:
        """A JSON-friendly summary (what the flow returns)."""
        return {"run_id": self.run_id, "files": self.files, "skipped": self.skipped, "rows": dict(self.rows),
                "rejects": dict(self.rejects), "seconds": dict(self.seconds), "replaced": self.replaced,
                "dates_unreadable": self.dates_unreadable, "batches": self.batches}

    def to_table(self, finished_at: datetime) -> pa.Table:
        """This run as one row of the `runs` table."""
        row = {
            "run_id": self.run_id, "flow_run_id": self.flow_run_id, "started_at": self.started_at,
            "finished_at": finished_at, "input_root": self.input_root, "files_seen": self.files,
            "articles_new": self.rows["articles"], "articles_skipped": self.skipped,
            "rejected": sum(self.rejects.values()),
            **{f"rows_{t}": self.rows[t] for t in ("articles", "sections", "quotes", "figures", "rejects")},
            "rejects_by_reason": json.dumps(dict(self.rejects.most_common()), sort_keys=False),
            "duration_s": (finished_at - self.started_at).total_seconds(),
            "package_version": __version__, "extractor_version": EXTRACTOR_VERSION,
            "dates_unreadable": self.dates_unreadable, "articles_replaced": self.replaced,
            "stage_seconds": json.dumps({k: round(v, 3) for k, v in self.seconds.items()}),
        }
        return pa.Table.from_pylist([row], schema=ARROW_SCHEMAS["runs"])

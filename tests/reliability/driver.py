"""The flow's loop without Prefect, as a program a test can start, kill and start again.

    python -m tests.reliability.driver INPUT OUTPUT [--batch-size N] [--lock] [--slow-write S] [--die-before TABLE]

It runs `etl.runloop.run_local`, the loop `flows/article_etl.py` runs as tasks: clear a killed
run's leftovers, read the output's state, extract and commit batch after batch, finish. Test hooks, off by default:
`--slow-write S` sleeps S seconds in the middle of every Parquet file write (after half the
bytes are on disk), so a SIGKILL lands mid-write; `--die-before TABLE` ends the process
abruptly (`os._exit`, like SIGKILL) just before the first file of TABLE is renamed into place.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from etl.io import parquet
from etl.runloop import run_local
from etl.settings import Settings


def run(input_root: str, output_root: str, batch_size: int, lock: bool = False) -> int:
    """One run of the run loop over `input_root` (no Prefect); returns how many articles it wrote."""
    settings = Settings(input_root=input_root, output_root=output_root, batch_size=batch_size, max_bytes=1_000_000)
    return run_local(settings, lock=lock).rows["articles"]


def _slow_writes(seconds: float) -> None:
    """Make every Parquet write stop half-way for `seconds` (the temporary file is half written)."""
    real = parquet.pq.write_table

    def slow(table: Any, where: Any, **kwargs: Any) -> None:
        import io

        buf = io.BytesIO()
        real(table, buf, **kwargs)
        data = buf.getvalue()
        where.write(data[: len(data) // 2])
        where.flush()
        time.sleep(seconds)
        where.write(data[len(data) // 2 :])

    parquet.pq.write_table = slow  # type: ignore[assignment]


def _die_before(table: str) -> None:
    """End the process abruptly just before the first file of `table` is renamed into place."""
    from fsspec.implementations.local import LocalFileSystem

    real = LocalFileSystem.mv

    def mv(self: LocalFileSystem, path1: str, path2: str, **kwargs: Any) -> None:
        if f"/{table}/part-" in path2:
            os._exit(137)
        real(self, path1, path2, **kwargs)

    LocalFileSystem.mv = mv  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run once; prints `started` once imported, `done N` (articles written) at the end."""
    parser = argparse.ArgumentParser(prog="driver")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--lock", action="store_true")
    parser.add_argument("--slow-write", type=float, default=0.0)
    parser.add_argument("--die-before", default=None)
    args = parser.parse_args(argv)
    if args.slow_write:
        _slow_writes(args.slow_write)
    if args.die_before:
        _die_before(args.die_before)
    print("started", flush=True)
    n = run(args.input, args.output, args.batch_size, lock=args.lock)
    print(f"done {n}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

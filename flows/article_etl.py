"""The `article_etl` flow: input folder → batches of articles → validated Parquet tables.

    python -m flows.article_etl INPUT OUTPUT
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from etl import EXTRACTOR_VERSION
from etl.io.lock import output_lock
from etl.io.parquet import check_output_root, commit_tables, drop_superseded, remove_stale_temporaries
from etl.io.read import InputFile, InputRootError, list_inputs
from etl.pipeline import (
    BatchResult,
    KnownArticles,
    OutputState,
    commit_batch,
    extract_batch,
    load_output_state,
    rejects_by_reason,
    utcnow,
)
from etl.runs import RunSummary, new_run_id
from etl.settings import Settings
from flows.runners import batches_in_flight


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry I/O failures, not a missing input folder."""
    try:
        state.result()
    except InputRootError:
        return False
    except Exception:  # noqa: BLE001 - anything else may be a passing network or disk fault
        return True
    return False


@task(retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_transient, cache_policy=NO_CACHE)
def list_input_files(input_root: str) -> list[InputFile]:
    """List the input files under the input root."""
    return list_inputs(input_root)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def read_output_state(output_root: str, full_refresh: bool) -> OutputState:
    """Read which articles and rejects the output already holds; clear a killed run's temporaries."""
    remove_stale_temporaries(output_root)
    return load_output_state(output_root, full_refresh)


@task(cache_policy=NO_CACHE)
def extract_articles(items: list[InputFile], settings: Settings, known: KnownArticles) -> BatchResult:
    """Read, extract and validate one batch of input files."""
    return extract_batch(items, settings, known)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def write_tables(output_root: str, batch: BatchResult, state: OutputState) -> tuple[dict[str, int], list[str]]:
    """Write one batch's tables atomically."""
    return commit_batch(output_root, batch, state.articles, state.rejects)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def replace_superseded(output_root: str, written_files: set[str], reprocessed: set[str] | None) -> int:
    """Remove rows this run replaced (older extractor version; everything else on a full refresh)."""
    return drop_superseded(output_root, EXTRACTOR_VERSION, written_files, reprocessed)


@task(cache_policy=NO_CACHE)
def build_people(output_root: str) -> float | None:
    """Rebuild people, outlets, quotations and quote links from everything committed; the seconds it took (None if it failed)."""
    from etl.people import build

    try:
        result = build(output_root)
    except Exception as exc:  # noqa: BLE001 - the committed tables stand; the derived ones keep their last version
        get_run_logger().error(f"people tables not rebuilt (they keep their last version): {exc.__class__.__name__}: {exc}")
        return None
    get_run_logger().info(f"people tables {'unchanged' if result.unchanged else 'rebuilt'} in {result.seconds:.2f}s: {result.rows}")
    return result.seconds


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def write_run_record(output_root: str, summary: RunSummary) -> None:
    """Append this run's row to the `runs` table."""
    commit_tables(output_root, summary.run_id, {"runs": summary.to_table(utcnow())})


@contextmanager
def shared_api_url() -> Iterator[None]:
    """Point task-runner worker processes at this flow's Prefect API while the flow runs.

    Without `PREFECT_API_URL`, Prefect starts a temporary server for the flow; worker processes
    (process pool, Dask) spawned without the URL each start one more temporary server on the
    same SQLite database: about 10 s and 200 MB per worker, and "database is locked" stalls.
    """
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    if os.environ.get("PREFECT_API_URL") or get_current_settings().api.url:
        yield
        return
    os.environ["PREFECT_API_URL"] = str(get_client(sync_client=True).api_url).rstrip("/")
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def publish_summary(summary: RunSummary) -> None:
    """Show the run summary in the Prefect UI: a table of rows per table and rejects, and markdown."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    rows = [{"what": f"rows: {t}", "count": n} for t, n in sorted(summary.rows.items())]
    rows += [{"what": f"rejects: {r}", "count": n} for r, n in summary.rejects.most_common()]
    create_table_artifact(key="newsetl-run-counts", table=rows, description=f"newsetl run {summary.run_id}: rows written and rejects")
    create_markdown_artifact(key="newsetl-run-summary", markdown="\n\n".join(summary.lines()), description=f"newsetl run {summary.run_id}")


@flow(name="article_etl", log_prints=False)
def article_etl(
    input_root: str | None = None,
    output_root: str | None = None,
    batch_size: int | None = None,
    max_bytes: int | None = None,
    full_refresh: bool | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Turn every article file under `input_root` into validated Parquet tables under `output_root`.

    A parameter left out (None) comes from `NEWSETL_*` environment variables or the defaults
    (`etl.settings.Settings`), so a deployment can run with no parameters at all.

    Args:
        input_root: folder or fsspec URL holding `*.txt` / `*.jsonl` article files.
        output_root: folder or fsspec URL of the output (one dataset folder per table).
        batch_size: input files per task.
        max_bytes: larger input files are rejected unread.
        full_refresh: reprocess every input instead of only new content.
        progress: show a progress bar on standard error.
    """
    given = {"input_root": input_root, "output_root": output_root, "batch_size": batch_size,
             "max_bytes": max_bytes, "full_refresh": full_refresh}
    settings = Settings(**{k: v for k, v in given.items() if v is not None})
    if not settings.input_root or not settings.output_root:
        raise ValueError("input_root and output_root are required (parameters or NEWSETL_INPUT_ROOT / NEWSETL_OUTPUT_ROOT)")
    check_output_root(settings.output_root, settings.full_refresh)  # deployments bypass the CLI's check
    logger = get_run_logger()
    started = utcnow()
    summary = RunSummary(run_id=new_run_id(started), started_at=started, input_root=settings.input_root,
                         flow_run_id=flow_run.get_id())
    with output_lock(settings.output_root):  # one run writes to an output at a time
        process_batches(settings, summary, progress)
        summary.seconds["people"] = build_people(settings.output_root) or 0.0
        write_run_record(settings.output_root, summary)
    publish_summary(summary)
    for line in summary.lines():
        logger.warning(line) if summary.rejects and line.startswith("rejects") else logger.info(line)
    return summary.as_dict()


def process_batches(settings: Settings, summary: RunSummary, progress: bool) -> None:
    """Extract and commit every batch of new input, then drop the rows this run replaced."""
    logger = get_run_logger()
    output_root = settings.output_root or ""
    items = list_input_files(settings.input_root or "")
    state = read_output_state(output_root, settings.full_refresh)
    known = KnownArticles(state.articles)  # a snapshot: state.articles grows as batches commit
    written_files: set[str] = set()
    summary.files = len(items)
    batches = [items[i : i + settings.batch_size] for i in range(0, len(items), settings.batch_size)]
    bar = _progress(len(items), progress)
    # Keep one batch per worker extracting while this process commits the oldest one, in input
    # order (so the output is the same as a one-process run's): at most `ahead + 1` batches are
    # in memory at once, whatever the corpus size.
    with shared_api_url():
        ahead = batches_in_flight()
        pending = deque(extract_articles.submit(b, settings, known) for b in batches[:ahead])
        for i in range(len(batches)):
            batch = pending.popleft().result()
            if i + ahead < len(batches):
                pending.append(extract_articles.submit(batches[i + ahead], settings, known))
            written, files = write_tables(output_root, batch, state)
            written_files.update(files)
            summary.skipped += batch.skipped
            summary.rows.update(written)
            summary.rejects.update(rejects_by_reason(batch))
            summary.seconds.update(batch.seconds)
            for line in _reject_lines(batch):
                logger.warning(line)
            if bar is not None:
                bar.update(batch.inputs)
            # A batch's result is also held in reference cycles inside Prefect's futures, which
            # the cyclic collector frees late: without this the flow process grows by about
            # 13 MB per 2,000-article batch (1.9 GB peak RSS at 100k articles, process runner).
            del batch
            gc.collect()
    if bar is not None:
        bar.close()
    reprocessed = None if settings.full_refresh else set(state.articles) - set(known)
    if reprocessed is None or reprocessed:
        replace_superseded(output_root, written_files, reprocessed)


def _reject_lines(batch: BatchResult, limit: int = 20) -> list[str]:
    rej = batch.tables["rejects"]
    rows = zip(*(rej.column(c).to_pylist() for c in ("source_uri", "reason", "detail")), strict=True)
    lines = [f"rejected {uri}: {reason}: {detail}" for uri, reason, detail in rows]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit:,} more rejects in this batch (see the rejects table)"]
    return lines


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="articles", file=sys.stderr, dynamic_ncols=True)


if __name__ == "__main__":
    from flows.cli import main

    sys.exit(main(["run", *sys.argv[1:]]))

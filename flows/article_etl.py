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
from prefect.utilities.annotations import quote

from etl.incremental import KnownArticles, RunLedger
from etl.io.lock import output_lock
from etl.io.parquet import check_output_root
from etl.io.read import InputFile, InputRootError, list_inputs
from etl.pipeline import BatchResult
from etl.runloop import Progress, build_derived, check_lexicons, plan_batches, record_batch, start_summary, stopping
from etl.runloop import write_run_record as _write_run_record
from etl.runs import RunSummary
from etl.settings import Settings
from flows.pool import extract_in_worker, stop_workers
from flows.runners import batches_in_flight, local_workers


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry I/O failures, not a missing input folder."""
    try:
        state.result()
    except InputRootError:
        return False
    except Exception:  # noqa: BLE001 - anything else may be a passing network or disk fault
        return True
    return False


_listed_ahead: dict[str, list[InputFile]] = {}


def list_ahead(input_root: str) -> None:
    """List the input files now, for this process's next `list_input_files` of the same root.

    `newsetl run` calls it while Prefect's temporary server boots (the listing takes about a
    second at 100,000 files); a root that cannot be listed is listed again by the task, which says why.
    """
    try:
        _listed_ahead[input_root] = list_inputs(input_root)
    except Exception:  # noqa: BLE001 - the task lists again, with its retries and its error
        _listed_ahead.pop(input_root, None)


@task(retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_transient, cache_policy=NO_CACHE)
def list_input_files(input_root: str) -> list[InputFile]:
    """List the input files under the input root (the listing `list_ahead` made, used once, when there is one)."""
    ahead = _listed_ahead.pop(input_root, None)
    return ahead if ahead is not None else list_inputs(input_root)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def open_ledger(output_root: str, full_refresh: bool) -> RunLedger:
    """Clear a killed run's temporaries and read which articles and rejects the output already holds."""
    return RunLedger.open(output_root, full_refresh)


class Batch:
    """One batch's input files as a task argument Prefect passes on untouched.

    Prefect walks every element of a list (or dataclass) argument looking for futures: about
    0.5 ms per article of the flow process's CPU. A plain object is not walked. (Prefect's
    `quote` does the same, but it is a tuple, which Dask unpacks on the way to its workers.)
    """

    __slots__ = ("items",)

    def __init__(self, items: list[InputFile]) -> None:
        self.items = items


@task(cache_policy=NO_CACHE)
def extract_articles(batch: Batch, settings: Settings, known: KnownArticles) -> BatchResult:
    """Read, extract and validate one batch of input files (in a worker process when the run forked them)."""
    return extract_in_worker(batch.items, settings, known)


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def write_tables(ledger: RunLedger, batch: BatchResult, summary: RunSummary) -> dict[str, int]:
    """Write one batch's tables atomically, and count it in the run summary at once.

    Counted in the same call, not after the task returns (Prefect reports the task's state
    first): a run stopped meanwhile says exactly which batches are in the output.
    """
    written, _ = ledger.commit(batch)
    record_batch(summary, batch, written, get_run_logger())
    return written


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def finish_output(ledger: RunLedger) -> int:
    """Remove the rows this run replaced; give every table a file. Returns the older article versions removed."""
    return ledger.finish()


@task(cache_policy=NO_CACHE)
def build_people(output_root: str) -> float | None:
    """Rebuild people, outlets, quotations and quote links from everything committed; the seconds it took (None if it failed)."""
    return build_derived(output_root, get_run_logger())


@task(retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def write_run_record(output_root: str, summary: RunSummary) -> None:
    """Append this run's row to the `runs` table."""
    _write_run_record(output_root, summary)


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
    check_lexicons()  # a broken lexicon file fails the run before any batch, not every article
    check_output_root(settings.output_root, settings.full_refresh)  # deployments bypass the CLI's check
    logger = get_run_logger()
    summary = start_summary(settings.input_root, flow_run.get_id())
    with output_lock(settings.output_root), stopping():  # one run writes to an output at a time
        process_batches(settings, summary, Progress(progress))
        gc.collect()  # the run's ledger and last batches, held in cycles by Prefect's task runs
        summary.seconds["people"] = build_people(settings.output_root) or 0.0
        write_run_record(settings.output_root, summary)
    publish_summary(summary)
    for line in summary.lines():
        logger.warning(line) if summary.rejects and line.startswith("rejects") else logger.info(line)
    return summary.as_dict()


def process_batches(settings: Settings, summary: RunSummary, progress: Progress) -> None:
    """Extract and commit every batch of new input, then drop the rows this run replaced."""
    progress.status(f"listing the files under {settings.input_root}…")
    listed = list_input_files(settings.input_root or "")
    ledger = open_ledger(settings.output_root or "", settings.full_refresh)
    items, summary.skipped = ledger.unchanged(listed)  # files read before and unchanged since: not read again
    batches = plan_batches(items, settings.batch_size, local_workers())
    summary.files, summary.batches_total = len(listed), len(batches)
    progress.start(items, len(ledger.known))
    # Every object made so far (imports, the listing, the ledger) lives through the run: frozen, the
    # collection after each batch does not traverse them (a full one takes about 0.3 s at 100k files).
    gc.freeze()
    # Keep one batch per worker extracting, and one queued, while this process commits the oldest
    # one, in input order (so the output is the same as a one-process run's): at most `ahead + 1`
    # batches are in memory at once, whatever the corpus size.
    try:
        with shared_api_url():
            ahead = batches_in_flight()
            # Inputs (`Batch`), results and the summary are handed over unwalked: Prefect would look
            # for futures in every file, id and count (about 0.5 ms per article of this process's CPU).
            pending = deque(extract_articles.submit(Batch(b), settings, ledger.known) for b in batches[:ahead])
            for i in range(len(batches)):
                batch = pending.popleft().result()
                if i + ahead < len(batches):
                    pending.append(extract_articles.submit(Batch(batches[i + ahead]), settings, ledger.known))
                write_tables(ledger, quote(batch), quote(summary))  # in this process: `quote` is unwrapped for the task
                progress.advance(batch)
                # A batch's result is also held in reference cycles inside Prefect's futures, which
                # the cyclic collector frees late: without this the flow process grows by about
                # 13 MB per 2,000-article batch (1.9 GB peak RSS at 100k articles, process runner).
                del batch
                gc.collect()
    finally:
        gc.unfreeze()
        progress.close()
    stop_workers()  # idle from here on; the people tables' build that follows needs the memory
    summary.replaced = finish_output(ledger)


if __name__ == "__main__":
    from flows.cli import main

    sys.exit(main(["run", *sys.argv[1:]]))

"""The run loop: plan a run, extract and commit its batches in input order, finish, record it.

`run_local` is a whole run in this process, without Prefect (`newsetl run --local`, the tests,
the reliability driver, the benchmark). The Prefect flow (`flows/article_etl.py`) runs the
same steps with the same functions, as tasks: `plan_batches`, `extract_batch`
(`etl.pipeline`), `RunLedger.commit` / `finish` (`etl.incremental`), `record_batch`,
`write_run_record`. Both give the same rows.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

import fsspec
import pyarrow.compute as pc

from etl.incremental import DATA_TABLES, RunLedger, current_articles, has_stale, listing_table, unchanged_rows
from etl.io.lock import output_lock
from etl.io.parquet import commit_tables, ensure_tables, read_columns, remove_stale_temporaries
from etl.io.read import InputFile, iter_inputs, list_inputs
from etl.runs import RunSummary, new_run_id
from etl.settings import Settings

if TYPE_CHECKING:  # `etl.pipeline` loads the extractors and pandera: imported where a run extracts, not on a no-op run
    from etl.pipeline import BatchResult

log = logging.getLogger("newsetl")

_current: RunSummary | None = None


def current_summary() -> RunSummary | None:
    """The summary of the run going on (or last run) in this process: what it has committed so far."""
    return _current


def start_summary(input_root: str, flow_run_id: str | None = None) -> RunSummary:
    """A new run's summary; it is what `current_summary` reports from now on."""
    global _current
    started = datetime.now(UTC)
    if (stop := _stop_event()) is not None:
        stop.clear()
    _current = RunSummary(run_id=new_run_id(started), started_at=started, input_root=input_root, flow_run_id=flow_run_id)
    return _current


def plan_batches(items: Sequence[InputFile], batch_size: int, workers: int = 1) -> list[list[InputFile]]:
    """The run's batches, in input order: at most `batch_size` files each, as many batches as a multiple of `workers`.

    With several workers the batches are as even as that allows (sizes differ by one at most), so the
    workers finish together: the last batch does not leave the others idle for most of a batch's
    time (10k files in 2,000-file batches is 5 batches, 3 against 2 on two workers; 6 of 1,667 instead).
    """
    if workers <= 1 or len(items) <= batch_size:  # what fits one batch stays one (small runs: one task, one file per table)
        return [list(items[i : i + batch_size]) for i in range(0, len(items), batch_size)]
    n = min(len(items), -(-len(items) // (batch_size * workers)) * workers)
    size, extra = divmod(len(items), n) if n else (0, 0)
    batches, start = [], 0
    for i in range(n):
        end = start + size + (i < extra)
        batches.append(list(items[start:end]))
        start = end
    return batches


def count_records(items: Sequence[InputFile]) -> int:
    """How many articles the inputs hold: one per .txt/.html file, one per non-blank line of a .jsonl file.

    Reads each JSONL file once, in chunks (for the progress bar's total only).
    """
    total = 0
    for item in items:
        if item.problem is None and item.uri.lower().endswith(".jsonl"):
            try:
                total += _count_lines(item.uri)
            except (OSError, ValueError):
                total += 1
        else:
            total += 1
    return total


def _count_lines(uri: str) -> int:
    n, last = 0, b"\n"
    with fsspec.open(uri, "rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


class Progress:
    """What a run tells the operator as it goes: status lines, then a bar counting articles.

    Silent unless enabled (the CLI enables it on a terminal).
    """

    def __init__(self, enabled: bool = False, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self._bar: Any = None

    def status(self, message: str) -> None:
        """One line saying what the run is doing (before the bar starts)."""
        if self.enabled:
            print(f"newsetl: {message}", file=self.stream, flush=True)

    def start(self, items: Sequence[InputFile], already: int) -> None:
        """Count the articles to read, say so, and show the bar."""
        if not self.enabled or not items:
            return
        total = count_records(items)
        kinds = f"{len(items):,} input files, {total:,} articles"
        self.status(f"{kinds} to read ({already:,} articles already in the output)")
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="article", desc="articles", file=self.stream, dynamic_ncols=True)

    def advance(self, batch: BatchResult) -> None:
        """A batch was committed."""
        if self._bar is not None:
            self._bar.update(batch.records)

    def close(self) -> None:
        """Close the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def reject_lines(batch: BatchResult, limit: int = 20) -> list[str]:
    """One log line per reject of the batch (at most `limit`, then how many more)."""
    rej = batch.tables["rejects"]
    rows = zip(*(rej.column(c).to_pylist() for c in ("source_uri", "reason", "detail")), strict=True)
    lines = [f"rejected {uri}: {reason}: {detail}" for uri, reason, detail in rows]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit:,} more rejects in this batch (see the rejects table)"]
    return lines


def record_batch(summary: RunSummary, batch: BatchResult, written: dict[str, int], logger: Any = log) -> None:
    """Add one committed batch to the run summary, and log its rejects."""
    summary.batches += 1
    summary.skipped += batch.skipped
    summary.dates_unreadable += batch.dates_unreadable
    summary.rows.update(written)
    from etl.pipeline import rejects_by_reason

    summary.rejects.update(rejects_by_reason(batch))
    summary.seconds.update(batch.seconds)
    for line in reject_lines(batch):
        logger.warning(line)


def write_run_record(output_root: str, summary: RunSummary) -> None:
    """Append this run's row to the `runs` table."""
    commit_tables(output_root, summary.run_id, {"runs": summary.to_table(datetime.now(UTC))})


def check_lexicons() -> None:
    """Read every lexicon a run uses (the extractor families' and the people tables'), before the run starts.

    Raises:
        LexiconError: one line naming the file and key that is missing or malformed.
    """
    from etl.extract import check_lexicons as check_extractors
    from etl.people import check_lexicon as check_people

    check_extractors()
    check_people()


def build_derived(output_root: str, logger: Any = log) -> float | None:
    """Rebuild the archive-wide tables (people, outlets, quotations, quote links) from everything committed.

    Returns the seconds it took, or None when it failed: the committed tables stand, and the
    derived ones keep their last version (logged as an error, not a failed run).
    """
    try:
        from etl.people import build  # DuckDB and the name lexicons load only when a run gets here

        result = build(output_root)
    except Exception as exc:  # noqa: BLE001 - a failed build must not undo a run whose rows are committed
        logger.error(f"people tables not rebuilt (they keep their last version): {exc.__class__.__name__}: {exc}")
        return None
    logger.info(f"people tables {'unchanged' if result.unchanged else 'rebuilt'} in {result.seconds:.2f}s: {result.rows}")
    return result.seconds


def unchanged_output(input_root: str, output_root: str) -> tuple[int, int] | None:
    """(files listed, articles they hold) when no input file needs reading and no older article version waits
    for removal; else None. One pass of Arrow kernels over the listing and the output's `sources` and `articles`
    columns it needs: no Python object kept per file or article."""
    listing = listing_table(iter_inputs(input_root), all_stamped=True)  # None at the first file a run would read
    if listing is None:
        return None
    arts = read_columns(output_root, "articles", ["article_id", "source_uri", "extractor_version"])
    if has_stale(arts):
        return None
    skip, articles, _ = unchanged_rows(listing, output_root, current_articles(arts))
    return (listing.num_rows, articles) if pc.all(skip).as_py() is not False else None


def run_unchanged(settings: Settings, *, lock: bool = True, flow_run_id: str | None = None) -> RunSummary | None:
    """Record a run over input that holds nothing new: what `run_local` does then, without loading the output's
    state. None, having written nothing, when some input file needs reading (or on a full refresh).

    The check (`unchanged_output`) runs once, holding the output lock: a run that finds something new
    releases the lock and runs as usual.
    """
    if settings.full_refresh:
        return None
    from etl.people import check_lexicon as check_people

    input_root, output_root = settings.input_root or "", settings.output_root or ""
    check_people()  # the people tables may be rebuilt; the extractors' lexicons are not used on this path
    summary = start_summary(input_root, flow_run_id)
    guard = output_lock(output_root) if lock else contextlib.nullcontext()
    with guard, stopping():
        remove_stale_temporaries(output_root)
        seen = unchanged_output(input_root, output_root)
        if seen is None:
            return None
        summary.files, summary.skipped = seen
        ensure_tables(output_root, DATA_TABLES)
        summary.seconds["people"] = build_derived(output_root) or 0.0
        write_run_record(output_root, summary)
    return summary


def run_local(settings: Settings, *, progress: Progress | None = None, lock: bool = True, flow_run_id: str | None = None) -> RunSummary:
    """One whole run in this process, without Prefect: the same rows as the flow.

    Args:
        settings: input and output roots, batch size, size limit, full refresh.
        progress: status lines and a bar (none by default).
        lock: hold the output root's lock for the run (another run waits).
        flow_run_id: recorded in the `runs` row.

    Raises:
        InputRootError, OutputRootError, OutputLockedError, LexiconError: the run cannot start.
        KeyboardInterrupt: the run was stopped; what `current_summary` says was committed stays.
    """
    from etl.pipeline import extract_batch

    input_root, output_root = settings.input_root or "", settings.output_root or ""
    check_lexicons()
    progress = progress or Progress()
    summary = start_summary(input_root, flow_run_id)
    guard = output_lock(output_root) if lock else contextlib.nullcontext()
    with guard, stopping():
        progress.status(f"listing the files under {input_root}…")
        listed = list_inputs(input_root)
        ledger = RunLedger.open(output_root, settings.full_refresh)
        items, summary.skipped = ledger.unchanged(listed)
        batches = plan_batches(items, settings.batch_size)
        summary.files, summary.batches_total = len(listed), len(batches)
        progress.start(items, len(ledger.known))
        try:
            for batch_items in batches:
                batch = extract_batch(batch_items, settings, ledger.known)
                written, _ = ledger.commit(batch)
                record_batch(summary, batch, written)
                progress.advance(batch)
        finally:
            progress.close()
        summary.replaced = ledger.finish()
        summary.seconds["people"] = build_derived(output_root) or 0.0
        write_run_record(output_root, summary)
    return summary


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Tell the batches still extracting in this process's threads to stop when the run is interrupted."""
    try:
        yield
    except BaseException:
        if (stop := _stop_event()) is not None:
            stop.set()
        raise


def _stop_event() -> threading.Event | None:
    """`etl.pipeline.STOP` when the pipeline is loaded; None when it is not (then nothing is extracting here)."""
    pipeline = sys.modules.get("etl.pipeline")
    return None if pipeline is None else pipeline.STOP


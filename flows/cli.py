"""The `newsetl` command line: run, serve, report, schema."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import flows  # noqa: F401 - sets Prefect's defaults before prefect is imported
from etl import EXTRACTOR_VERSION, __version__

# Nothing slow is imported before `main` has put its signal handlers in place (`_early_stop`):
# a SIGTERM in the first second of a run exits 143 like one later on, not -15.
if TYPE_CHECKING:
    from etl.runloop import Progress
    from etl.settings import Settings

EPILOG = """\
examples:
  newsetl run data/sample --out data/out
  newsetl run s3://bucket/landing --out s3://bucket/newsetl --task-runner dask --dask-address tcp://10.0.0.5:8786
  newsetl serve data/landing --out data/out --cron "*/15 * * * *"   (needs `prefect server start`)
  newsetl sql "select kind, count(*) from sections group by 1" --out data/out
  newsetl report data/out                    (writes data/out/_report/report.html)
  newsetl schema

Every option of `run` and `serve` can also be set as NEWSETL_<OPTION> in the environment
(NEWSETL_INPUT_ROOT, NEWSETL_OUTPUT_ROOT, NEWSETL_BATCH_SIZE, NEWSETL_TASK_RUNNER, ...);
a flag beats the environment, which beats the default.

Exit status: 0 when the command completed (a run with rejects included), 2 for a usage,
input or output error, 1 when a run failed, 130 when stopped with Ctrl-C (SIGINT) and 143
when stopped with SIGTERM; a stopped run keeps every batch it committed, and running the same
command again continues from there. Errors are one line; add -v to see the traceback.
"""


class OperatorError(Exception):
    """A mistake the operator can fix (bad option, missing folder, unreachable server): one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (subcommands inherit it)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _run_options(parser: argparse.ArgumentParser, defaults: Settings) -> None:
    """Options shared by `run` and `serve` (defaults shown are the environment's or the built-in ones)."""
    parser.add_argument("input", metavar="INPUT", nargs="?", default=defaults.input_root,
                        help=f"folder or fsspec URL (file://, memory://, s3://…) holding *.txt / *.jsonl article files (default: {defaults.input_root})")
    parser.add_argument("--out", metavar="OUTPUT", default=defaults.output_root,
                        help=f"output folder or fsspec URL; one dataset folder per table is written under it (default: {defaults.output_root})")
    parser.add_argument("--batch-size", type=_positive, default=defaults.batch_size,
                        help=f"input files per Prefect task: larger batches mean less orchestration overhead, more memory (default: {defaults.batch_size})")
    parser.add_argument("--max-bytes", type=_positive, default=defaults.max_bytes,
                        help=f"input files larger than this are rejected as too_large without being read (default: {defaults.max_bytes:,})")
    parser.add_argument("--full-refresh", action="store_true", default=defaults.full_refresh,
                        help="process every input again and replace what the output holds (default: only new content)")
    parser.add_argument("--task-runner", choices=["thread", "process", "dask"], default=defaults.task_runner,
                        help=f"where batches run: a thread pool, a process pool, or Dask (default: {defaults.task_runner})")
    parser.add_argument("--dask-address", metavar="ADDRESS", default=defaults.dask_address,
                        help="address of an existing dask.distributed scheduler for --task-runner dask (default: start a 2-worker LocalCluster)")


def _common() -> argparse.ArgumentParser:
    """Options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log every task and every reject; show the traceback of an error")
    return common


def build_parser(defaults: Settings | None = None) -> argparse.ArgumentParser:
    """The argument parser of `newsetl`; option defaults come from `NEWSETL_*` variables."""
    from etl.settings import Settings

    defaults = defaults or Settings()
    parser = _Parser(
        prog="newsetl",
        description="Turn raw news article text into clean, typed, validated Parquet tables "
        "(articles, sections, quotes, figures, rejects, runs).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsetl {__version__} (extractors v{EXTRACTOR_VERSION})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [_common()]

    run = sub.add_parser(
        "run", parents=common, help="extract the articles under INPUT into Parquet tables under --out",
        description="Read every *.txt and *.jsonl article file under INPUT, extract sections, quotes and figures, "
        "validate them against the schemas, and write Parquet under --out. Content already in the output "
        "(same text, same extractor version) is skipped, so a re-run adds no duplicate rows.",
    )
    _run_options(run, defaults)
    run.add_argument("--no-progress", action="store_true", help="do not show a progress bar (it shows only on a terminal)")
    run.add_argument("--local", action="store_true",
                     help="run in this process without Prefect (no server, no task runner): the same rows, for debugging and quick checks")

    serve = sub.add_parser(
        "serve", parents=common, help="run on a schedule (a Prefect deployment served from this process)",
        description="Serve the article_etl flow as a Prefect deployment that runs on a cron schedule, until stopped "
        "with Ctrl-C. Schedules need a real Prefect server: run `prefect server start` in another terminal and "
        "export PREFECT_API_URL=http://127.0.0.1:4200/api first.",
    )
    _run_options(serve, defaults)
    serve.add_argument("--cron", default="*/15 * * * *", help="when to run, as a cron expression in UTC (default: every 15 minutes)")
    serve.add_argument("--name", default="newsetl-scheduled", help="the deployment's name (default: newsetl-scheduled)")

    report = sub.add_parser(
        "report", parents=common, help="show the last runs and write an HTML data-quality report",
        description="Print the last runs of an output root and write one self-contained HTML report "
        "(counts, rejects with examples, quotes and figures per article, top speakers and outlets, charts).",
    )
    report.add_argument("output", metavar="OUTPUT", help="the output root a run wrote")
    report.add_argument("--html", metavar="FILE", help="where to write the HTML report (default: OUTPUT/_report/report.html, "
                        "a folder that Spark, pyarrow and the table globs ignore)")
    report.add_argument("--last", type=_positive, default=10, help="how many runs to print (default: 10)")

    sql = sub.add_parser(
        "sql", parents=common, allow_abbrev=False, help="query the tables of an output root with SQL (DuckDB)",
        description="Run one SQL query over an output root: every table folder is a view by its name "
        "(articles, sections, quotes, figures, rejects, runs), e.g. "
        "select speaker, count(*) from quotes group by 1 order by 2 desc limit 10.",
    )
    sql.add_argument("query", metavar="QUERY", help="the SQL query (DuckDB dialect)")
    sql.add_argument("--out", metavar="OUTPUT", default=defaults.output_root,
                     help=f"the output root a run wrote (default: NEWSETL_OUTPUT_ROOT, now {defaults.output_root})")
    sql.add_argument("--format", choices=["table", "csv", "parquet"], default="table",
                     help="how to give the result: an aligned table or CSV on standard output, or a Parquet file (needs --output)")
    sql.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE (path or fsspec URL) instead of standard output")

    schema = sub.add_parser(
        "schema", parents=common, help="print the data dictionary (tables, columns, types, checks, descriptions)",
        description="Print the data dictionary generated from the pandera models in schemas/, as Markdown.",
    )
    schema.add_argument("--write", metavar="FILE", help="write it to FILE instead of printing it (docs/data-dictionary.md is this file)")
    return parser


def _positive(value: str) -> int:
    try:
        n = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be greater than 0")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Every error is one line on standard error (the traceback too with -v): 2 for what the
    operator can fix, 1 for anything else; 130 / 143 when SIGINT / SIGTERM stopped it, from
    its first moment on. `newsetl run` from the process's own command line (`argv` None) ends
    the process here, once everything is written and flushed (`exit_now`).
    """
    command: str | None = None
    with _early_stop():
        try:
            from etl.settings import Settings

            try:
                defaults = Settings()
            except ValueError as exc:  # a malformed NEWSETL_* variable
                print(f"newsetl: error: bad NEWSETL_* environment variable: {exc}".splitlines()[0], file=sys.stderr)
                return 2
            args = build_parser(defaults).parse_args(argv)
            command = args.command
            status = _command(args)
        except KeyboardInterrupt:  # a signal before the command's own handling began (or a command without one)
            signum = _Stop.signum or signal.SIGINT
            print(f"newsetl: stopped by {signal.Signals(signum).name} before anything was written", file=sys.stderr)
            status, command = 128 + signum, command or "run"
    if argv is None and command == "run":
        from flows.lifetime import exit_now

        exit_now(status)
    return status


@contextlib.contextmanager
def _early_stop() -> Iterator[None]:
    """From the command's first moment: SIGINT and SIGTERM raise KeyboardInterrupt (the signal kept in `_Stop`).

    Installed before the slow imports and Prefect's server start, so a signal then ends the
    command with 130 / 143 and one line; a run replaces it with `_stop_on_signals` for its
    batches. The handlers there were before are put back at the end.
    """
    _Stop.signum = None

    def handler(signum: int, frame: object) -> None:
        _on_signal(signum)

    try:
        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _command(args: argparse.Namespace) -> int:
    """Run the parsed command; returns the exit status."""
    commands = {"run": _run, "serve": _serve, "report": _report, "sql": _sql, "schema": _schema}
    try:
        return commands[args.command](args)
    except OperatorError as exc:
        _traceback(args)
        print(f"newsetl: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except RunFailed as exc:
        _traceback(args)
        hint = "" if args.verbose else "run again with -v for details; "
        print(f"newsetl: run failed: {exc} ({hint}a re-run continues where this one stopped)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        signum = _Stop.signum or signal.SIGINT
        how = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        print(f"newsetl: {args.command} stopped ({how})", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # noqa: BLE001 - one line for the operator, not a traceback
        _traceback(args)
        hint = "" if args.verbose else " (run again with -v for details)"
        print(f"newsetl: {args.command} failed: {exc.__class__.__name__}: {_one_line(exc)}{hint}", file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _traceback(args: argparse.Namespace) -> None:
    if getattr(args, "verbose", False):
        traceback.print_exc(file=sys.stderr)


def _settings(args: argparse.Namespace, roots_ok: Callable[[], object] | None = None) -> Settings:
    """The run settings from parsed flags; `roots_ok` is called once the roots are checked, before the lexicons are.

    Raises:
        OperatorError: a root is missing, unusable, or the output is inside the input.
    """
    if not args.input or not args.out:
        missing = "INPUT" if not args.input else "--out"
        raise OperatorError(f"{missing} is required (or set NEWSETL_{'INPUT_ROOT' if not args.input else 'OUTPUT_ROOT'})")
    from etl.io.parquet import OutputRootError, check_output_root
    from etl.io.read import InputRootError, check_input_root
    from etl.lexicons import LexiconError
    from etl.runloop import check_lexicons
    from etl.settings import Settings

    try:
        check_input_root(args.input)  # fail in a second, before Prefect's server starts
        check_output_root(args.out, full_refresh=args.full_refresh)
        if "://" not in args.input and "://" not in args.out:
            src, dst = os.path.realpath(args.input), os.path.realpath(args.out)
            if os.path.commonpath([src, dst]) == src:
                raise OutputRootError(f"output {args.out!r} is inside the input folder {args.input!r}: its files would be read as input; "
                                      "give an --out outside it")
        if roots_ok is not None:
            roots_ok()
        check_lexicons()  # a broken lexicon file stops the run here, not as a reject per article
    except (InputRootError, OutputRootError, LexiconError) as exc:
        raise OperatorError(str(exc)) from None
    return Settings(
        input_root=args.input, output_root=args.out, batch_size=args.batch_size, max_bytes=args.max_bytes,
        full_refresh=args.full_refresh, task_runner=args.task_runner, dask_address=args.dask_address,
    )


def _logging(verbose: bool) -> None:
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _import_flow() -> None:
    import flows.article_etl  # noqa: F401 - imports Prefect


def _flow(settings: Settings) -> Any:
    from flows.article_etl import article_etl
    from flows.runners import make_task_runner

    return article_etl.with_options(task_runner=make_task_runner(settings))


class _Stop:
    """The signal that asked the run to stop (SIGINT or SIGTERM), once one has."""

    signum: int | None = None


def _on_signal(signum: int) -> None:
    """A stop signal: the first is remembered and interrupts the main thread, a second ends the process the default way."""
    if _Stop.signum is not None:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _Stop.signum = signum
    raise KeyboardInterrupt


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[type[_Stop]]:
    """SIGINT and SIGTERM stop the run the same way: raise KeyboardInterrupt where the main thread is.

    Batches extracting in this process's threads stop at their next input (`etl.pipeline.STOP`);
    what was committed stays. A second signal while stopping ends the process at once. While a
    flow runs, Prefect's own SIGTERM handler takes the signal first (`TerminationSignal`), then
    sends it again to this handler once the flow has unwound.
    """
    from etl.pipeline import STOP

    _Stop.signum = None

    def handler(signum: int, frame: object) -> None:
        STOP.set()
        _on_signal(signum)

    unraisable = sys.unraisablehook

    def quiet_unraisable(info: Any) -> None:
        # A stop can land inside a finaliser the collector runs (an asyncio transport's `__del__`),
        # where Python prints it as "Exception ignored in ..." and drops it. The run stops all the
        # same, with one line, no traceback: `STOP` makes every batch give up within a fraction of a
        # second (BatchStopped), and the signal is recorded for the exit status. Not sent again:
        # while a flow runs, Prefect's own SIGTERM handler would raise inside this hook.
        exc = info.exc_value
        sig = signal.SIGINT if isinstance(exc, KeyboardInterrupt) else getattr(exc, "signal", None)
        if not isinstance(sig, int):
            unraisable(info)
            return
        STOP.set()
        if _Stop.signum is None:
            _Stop.signum = sig

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    sys.unraisablehook = quiet_unraisable
    try:
        yield _Stop
    finally:
        sys.unraisablehook = unraisable
        for sig, old in previous.items():
            signal.signal(sig, old)


def _stopped_by(exc: BaseException, stop: type[_Stop]) -> int | None:
    """The signal behind an exception that ended the run, or None when it is an ordinary failure."""
    if stop.signum is not None:
        return stop.signum
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    caught = getattr(exc, "signal", None)  # Prefect's TerminationSignal: its bridge caught SIGTERM first
    return caught if isinstance(caught, int) else None


def _stopped_line(signum: int) -> str:
    """One line: which signal stopped the run, what it had committed, and that a re-run continues."""
    from etl.runloop import current_summary

    name = signal.Signals(signum).name
    summary = current_summary()
    if summary is None or summary.batches == 0:
        done = "before any batch was committed: nothing was written"
    else:
        total = f" of {summary.batches_total:,}" if summary.batches_total else ""
        done = (f"after committing {summary.batches:,}{total} batches ({summary.rows.get('articles', 0):,} new articles, "
                f"{summary.skipped:,} already there): those are complete in the output")
    return f"newsetl: stopped by {name} {done}; run the same command again to continue"


def _boot_server_early(args: argparse.Namespace) -> bool:
    """Whether the run writes into an output without articles (a first run: every input is new); on a
    flow run, start Prefect's temporary server booting now, while this process loads the pipeline and
    checks its lexicons."""
    from flows.server import launch_early

    if args.local or not _first_run(args.out):
        return False
    launch_early()
    return True


def _run(args: argparse.Namespace) -> int:
    from etl.runloop import Progress
    from flows.server import stop_early

    _logging(args.verbose)
    first: list[bool] = []  # the output holds no article yet (looked up once, as soon as the roots are checked)
    try:
        settings = _settings(args, roots_ok=lambda: first.append(_boot_server_early(args)))
    except BaseException:
        stop_early()
        raise
    progress = Progress(enabled=not args.no_progress and sys.stderr.isatty())
    started = time.perf_counter()
    with _stop_on_signals() as stop:
        try:
            if args.local:
                result = _run_local(settings, progress)
            elif (result := _run_unchanged(settings, progress, first_run=bool(first and first[0]))) is None:
                result = _run_flow(settings, progress)
        except BaseException as exc:
            signum = _stopped_by(exc, stop)
            if signum is None:
                raise
            progress.close()
            _traceback(args)
            print(_stopped_line(signum), file=sys.stderr)
            return 128 + signum
    rows = result["rows"]
    replaced = f", {result['replaced']:,} older versions replaced" if result.get("replaced") else ""
    print(
        f"newsetl: {result['files']:,} files -> {rows.get('articles', 0):,} new articles "
        f"({result['skipped']:,} already there{replaced}), {rows.get('sections', 0):,} sections, "
        f"{rows.get('quotes', 0):,} quotes, {rows.get('figures', 0):,} figures, {sum(result['rejects'].values()):,} rejects "
        f"in {time.perf_counter() - started:.1f}s -> {settings.output_root}"
    )
    return 0


def _run_unchanged(settings: Settings, progress: Progress, *, first_run: bool) -> dict[str, Any] | None:
    """A run that reads nothing is recorded here, without starting Prefect's temporary server (seconds, ~200 MB);
    None when some input needs reading (checked once, holding the output lock), and the run is a flow run.
    `first_run`: the output holds no article yet (`_first_run`, already looked up): every input is new.

    Only without a configured Prefect API: a run against a real server stays a flow run there.
    """
    from etl.io.lock import OutputLockedError
    from etl.runloop import run_unchanged
    from flows.server import configured_api_url

    if configured_api_url() or settings.full_refresh or first_run:
        return None
    try:
        summary = run_unchanged(settings)
    except OutputLockedError as exc:
        raise OperatorError(_one_line(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - the flow run reports what is wrong
        logging.getLogger("newsetl").info(f"nothing-new check failed, running the flow: {exc.__class__.__name__}: {_one_line(exc)}")
        return None
    if summary is None:
        return None
    progress.status("no input file changed since the last run: recorded the run without starting Prefect")
    logging.getLogger("newsetl").info("no input file changed since the last run: run in this process, no Prefect flow run")
    return summary.as_dict()


def _first_run(output_root: str) -> bool:
    """Whether the output holds no article yet: then every input file is new, and listing them to find out (seconds at 100k files) is saved."""
    from etl.io.parquet import table_files
    from etl.io.read import open_root

    try:
        fs, root = open_root(output_root)
        return not table_files(fs, root, "articles")
    except Exception:  # noqa: BLE001 - the check that follows reports what is wrong
        return False


def _run_local(settings: Settings, progress: Progress) -> dict[str, Any]:
    """The run in this process, without Prefect."""
    from etl.io.lock import OutputLockedError
    from etl.io.parquet import OutputRootError
    from etl.io.read import InputRootError
    from etl.runloop import run_local

    try:
        return run_local(settings, progress=progress).as_dict()
    except (InputRootError, OutputRootError, OutputLockedError) as exc:
        raise OperatorError(_one_line(exc)) from exc
    except Exception as exc:
        raise RunFailed(f"{exc.__class__.__name__}: {_one_line(exc)}") from exc


def _run_flow(settings: Settings, progress: Progress) -> dict[str, Any]:
    """The run as a Prefect flow, on a temporary server tied to this process unless an API is configured."""
    from etl.io.lock import OutputLockedError
    from etl.io.parquet import OutputRootError
    from etl.io.read import InputRootError
    from flows.pool import extract_workers
    from flows.runners import local_workers
    from flows.server import configured_api_url, prefect_api

    if not configured_api_url():
        progress.status("starting Prefect's temporary server…")
    # The temporary server boots in its own process (seconds of the other core) while this one
    # forks the default runner's worker processes and imports Prefect and the flow. The workers
    # are forked before Prefect is imported (they share the pipeline's memory and hold no Prefect
    # state); the threads of the flow's task runner hand them the batches: both cores work.
    with contextlib.ExitStack() as stack:
        def meanwhile() -> None:
            stack.enter_context(extract_workers(local_workers() if settings.task_runner == "thread" else 0))
            _import_flow()
            from flows.article_etl import list_ahead

            list_ahead(settings.input_root or "")  # the flow's first task then finds the listing made

        stack.enter_context(prefect_api(meanwhile=meanwhile))
        progress.status("starting the flow…")
        flow = _flow(settings)  # Prefect is imported: it has set up its logging
        if not logging.getLogger().isEnabledFor(logging.INFO):  # -v shows everything
            _quiet_when_stopping()
        try:
            return dict(flow(
                settings.input_root, settings.output_root, batch_size=settings.batch_size, max_bytes=settings.max_bytes,
                full_refresh=settings.full_refresh, progress=progress.enabled,
            ))
        except (InputRootError, OutputRootError, OutputLockedError) as exc:
            raise OperatorError(_one_line(exc)) from exc
        except Exception as exc:
            raise RunFailed(f"{exc.__class__.__name__}: {_one_line(exc)}") from exc


class RunFailed(Exception):
    """The run failed part-way; what it committed stays, and a re-run continues."""


class _QuietWhenStopping(logging.Filter):
    """Drop log records once the run is stopping: Prefect's crash reports and the failures of the
    batches told to stop are not for the operator, whom one line tells what happened."""

    def filter(self, record: logging.LogRecord) -> bool:
        from etl.pipeline import STOP

        if STOP.is_set() or _Stop.signum is not None:
            return False
        exc = record.exc_info[1] if record.exc_info else None
        message = record.getMessage()
        return not (isinstance(exc, KeyboardInterrupt) or getattr(exc, "signal", None) is not None
                    or message.startswith("Crash detected") or "aborted by a termination signal" in message)


def _quiet_when_stopping() -> None:
    """Put `_QuietWhenStopping` on every handler of the root and Prefect loggers (once)."""
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in list(logging.root.manager.loggerDict) if n.startswith("prefect"))]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, _QuietWhenStopping) for f in handler.filters):
                handler.addFilter(_QuietWhenStopping())


def _serve(args: argparse.Namespace) -> int:
    _logging(args.verbose)
    settings = _settings(args)
    _check_cron(args.cron)
    api = _check_server()
    from flows.schedule import serve

    print(f"newsetl: serving article_etl as {args.name!r} on {args.cron!r} (UTC) against {api}; Ctrl-C stops", file=sys.stderr)
    serve(settings, cron=args.cron, name=args.name)
    return 0


def _check_cron(cron: str) -> None:
    """Raise `OperatorError` unless `cron` is a cron expression Prefect accepts."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError as exc:
        raise OperatorError(f"--cron {cron!r} is not a valid cron expression (five fields: minute hour day month weekday, e.g. \"*/15 * * * *\")") from exc


def _check_server() -> str:
    """The Prefect API URL, once it answers; `OperatorError` with what to do otherwise."""
    import urllib.request

    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    if not api:
        raise OperatorError("schedules need a Prefect server: run `prefect server start` in another terminal, "
                            "then `export PREFECT_API_URL=http://127.0.0.1:4200/api` and run this again")
    try:
        with urllib.request.urlopen(f"{str(api).rstrip('/')}/health", timeout=5) as response:
            if response.status == 200:
                return str(api)
    except (OSError, ValueError) as exc:
        raise OperatorError(f"the Prefect server at PREFECT_API_URL={api} does not answer ({_one_line(exc)}): "
                            "start it with `prefect server start`, or fix PREFECT_API_URL") from None
    raise OperatorError(f"the Prefect server at PREFECT_API_URL={api} is not healthy: check `prefect server start`")


def default_report_path(output_root: str) -> str:
    """Where `newsetl report` writes by default: `OUT/_report/report.html` (readers of the tables skip `_` names)."""
    return f"{output_root.rstrip('/')}/_report/report.html"


def _report(args: argparse.Namespace) -> int:
    from etl.report import last_runs_lines, write_report

    html = args.html or default_report_path(args.output)
    try:
        lines = last_runs_lines(args.output, args.last)
    except FileNotFoundError as exc:
        raise OperatorError(str(exc)) from None
    for line in lines:
        print(line)
    try:
        write_report(args.output, html)
    except FileNotFoundError as exc:
        raise OperatorError(str(exc)) from None
    except OSError as exc:
        reason = exc.strerror or _one_line(exc)
        raise OperatorError(f"cannot write the report to {html!r}: {reason}: give another place with --html FILE") from None
    print(f"newsetl: report written to {html}")
    return 0


def _sql(args: argparse.Namespace) -> int:
    from etl.query import QueryError, run_query

    if not args.out:
        raise OperatorError("--out is required: the output root to query (or set NEWSETL_OUTPUT_ROOT)")
    if args.format == "parquet" and not args.output:
        raise OperatorError("--format parquet writes a file: add --output FILE")
    import duckdb

    try:
        relation = run_query(args.out, args.query)
        table = relation.arrow()
    except QueryError as exc:
        raise OperatorError(str(exc)) from None
    except duckdb.Error as exc:
        raise OperatorError(_one_line(exc)) from None
    if hasattr(table, "read_all"):  # a record batch reader (newer DuckDB)
        table = table.read_all()
    from etl.io.results import write_result

    try:
        write_result(table, args.format, args.output, sys.stdout)
    except OSError as exc:
        raise OperatorError(f"cannot write {args.output!r}: {exc.strerror or _one_line(exc)}") from None
    if args.output:
        print(f"newsetl: {table.num_rows:,} rows written to {args.output}", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from etl.datadict import render_markdown

    text = render_markdown()
    if args.write:
        try:
            with open(args.write, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise OperatorError(f"cannot write {args.write!r}: {exc.strerror or _one_line(exc)}") from None
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

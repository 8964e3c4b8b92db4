"""The `newsetl` command line: run, serve, report, schema."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import Any, NoReturn

import flows  # noqa: F401 - sets Prefect's defaults before prefect is imported
from etl import EXTRACTOR_VERSION, __version__
from etl.io.read import InputRootError, check_input_root
from etl.settings import Settings

EPILOG = """\
examples:
  newsetl run data/sample --out data/out
  newsetl run s3://bucket/landing --out s3://bucket/newsetl --task-runner dask --dask-address tcp://10.0.0.5:8786
  newsetl serve data/landing --out data/out --cron "*/15 * * * *"   (needs `prefect server start`)
  newsetl report data/out --html data/out/report.html
  newsetl schema

Every option of `run` and `serve` can also be set as NEWSETL_<OPTION> in the environment
(NEWSETL_INPUT_ROOT, NEWSETL_OUTPUT_ROOT, NEWSETL_BATCH_SIZE, NEWSETL_TASK_RUNNER, ...);
a flag beats the environment, which beats the default.

Exit status: 0 when the command completed (a run with rejects included), 2 for a usage,
input or output error, 1 when a run failed.
"""


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
    parser.add_argument("-v", "--verbose", action="store_true", help="log every task and every reject")


def build_parser(defaults: Settings | None = None) -> argparse.ArgumentParser:
    """The argument parser of `newsetl`; option defaults come from `NEWSETL_*` variables."""
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

    run = sub.add_parser(
        "run", help="extract the articles under INPUT into Parquet tables under --out",
        description="Read every *.txt and *.jsonl article file under INPUT, extract sections, quotes and figures, "
        "validate them against the schemas, and write Parquet under --out. Content already in the output "
        "(same text, same extractor version) is skipped, so a re-run adds no duplicate rows.",
    )
    _run_options(run, defaults)
    run.add_argument("--no-progress", action="store_true", help="do not show a progress bar (it shows only on a terminal)")

    serve = sub.add_parser(
        "serve", help="run on a schedule (a Prefect deployment served from this process)",
        description="Serve the article_etl flow as a Prefect deployment that runs on a cron schedule, until stopped "
        "with Ctrl-C. Schedules need a real Prefect server: run `prefect server start` in another terminal and "
        "export PREFECT_API_URL=http://127.0.0.1:4200/api first.",
    )
    _run_options(serve, defaults)
    serve.add_argument("--cron", default="*/15 * * * *", help="when to run, as a cron expression in UTC (default: every 15 minutes)")
    serve.add_argument("--name", default="newsetl-scheduled", help="the deployment's name (default: newsetl-scheduled)")

    report = sub.add_parser(
        "report", help="show the last runs and write an HTML data-quality report",
        description="Print the last runs of an output root and write one self-contained HTML report "
        "(counts, rejects with examples, quotes and figures per article, top speakers and outlets, charts).",
    )
    report.add_argument("output", metavar="OUTPUT", help="the output root a run wrote")
    report.add_argument("--html", metavar="FILE", help="where to write the HTML report (default: OUTPUT/report.html)")
    report.add_argument("--last", type=_positive, default=10, help="how many runs to print (default: 10)")

    schema = sub.add_parser(
        "schema", help="print the data dictionary (tables, columns, types, checks, descriptions)",
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
    """Run the command line; returns the exit status."""
    try:
        defaults = Settings()
    except ValueError as exc:  # a malformed NEWSETL_* variable
        print(f"newsetl: error: bad NEWSETL_* environment variable: {exc}".splitlines()[0], file=sys.stderr)
        return 2
    args = build_parser(defaults).parse_args(argv)
    commands = {"run": _run, "serve": _serve, "report": _report, "schema": _schema}
    return commands[args.command](args)


def _settings(args: argparse.Namespace) -> Settings | None:
    """The run settings from parsed flags; prints a one-line error and returns None when unusable."""
    if not args.input or not args.out:
        missing = "INPUT" if not args.input else "--out"
        print(f"newsetl: error: {missing} is required (or set NEWSETL_{'INPUT_ROOT' if not args.input else 'OUTPUT_ROOT'})", file=sys.stderr)
        return None
    from etl.extract import LexiconError, check_lexicons
    from etl.io.parquet import OutputRootError, check_output_root

    try:
        check_lexicons()  # a broken lexicon file stops the run here, not as a reject per article
        check_input_root(args.input)  # fail in a second, before Prefect's server starts
        check_output_root(args.out, full_refresh=args.full_refresh)
        if "://" not in args.input and "://" not in args.out:
            src, dst = os.path.realpath(args.input), os.path.realpath(args.out)
            if os.path.commonpath([src, dst]) == src:
                raise OutputRootError(f"output {args.out!r} is inside the input folder {args.input!r}: its files would be read as input; "
                                      "give an --out outside it")
    except (InputRootError, OutputRootError, LexiconError) as exc:
        print(f"newsetl: error: {exc}", file=sys.stderr)
        return None
    return Settings(
        input_root=args.input, output_root=args.out, batch_size=args.batch_size, max_bytes=args.max_bytes,
        full_refresh=args.full_refresh, task_runner=args.task_runner, dask_address=args.dask_address,
    )


def _logging(verbose: bool) -> None:
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _flow(settings: Settings) -> Any:
    from flows.article_etl import article_etl
    from flows.runners import make_task_runner

    return article_etl.with_options(task_runner=make_task_runner(settings))


def _run(args: argparse.Namespace) -> int:
    _logging(args.verbose)
    settings = _settings(args)
    if settings is None:
        return 2
    progress = not args.no_progress and sys.stderr.isatty()
    started = time.perf_counter()
    try:
        result = _flow(settings)(
            settings.input_root, settings.output_root, batch_size=settings.batch_size, max_bytes=settings.max_bytes,
            full_refresh=settings.full_refresh, progress=progress,
        )
    except Exception as exc:  # noqa: BLE001 - one line for the operator, not a traceback
        from etl.io.lock import OutputLockedError
        from etl.io.parquet import OutputRootError

        message = (str(exc).strip() or exc.__class__.__name__).splitlines()[0]  # one line, not Prefect's detail
        if isinstance(exc, InputRootError | OutputRootError | OutputLockedError):
            print(f"newsetl: error: {message}", file=sys.stderr)
            return 2
        print(f"newsetl: run failed: {exc.__class__.__name__}: {message} (run again with -v for details; "
              "a re-run continues where this one stopped)", file=sys.stderr)
        return 1
    rows = result["rows"]
    print(
        f"newsetl: {result['files']:,} files -> {rows.get('articles', 0):,} new articles "
        f"({result['skipped']:,} already there), {rows.get('sections', 0):,} sections, "
        f"{rows.get('quotes', 0):,} quotes, {rows.get('figures', 0):,} figures, {sum(result['rejects'].values()):,} rejects "
        f"in {time.perf_counter() - started:.1f}s -> {settings.output_root}"
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    _logging(args.verbose)
    settings = _settings(args)
    if settings is None:
        return 2
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        print(
            "newsetl: error: schedules need a Prefect server: run `prefect server start` in another terminal, "
            "then `export PREFECT_API_URL=http://127.0.0.1:4200/api` and run this again",
            file=sys.stderr,
        )
        return 2
    from flows.schedule import serve

    serve(settings, cron=args.cron, name=args.name)
    return 0


def _report(args: argparse.Namespace) -> int:
    from etl.report import last_runs_lines, write_report

    html = args.html or f"{args.output.rstrip('/')}/report.html"
    try:
        for line in last_runs_lines(args.output, args.last):
            print(line)
        write_report(args.output, html)
    except FileNotFoundError as exc:
        print(f"newsetl: error: {exc}", file=sys.stderr)
        return 2
    print(f"newsetl: report written to {html}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from etl.datadict import render_markdown

    text = render_markdown()
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `newsetl` command line."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence

import flows  # noqa: F401 - sets Prefect's defaults before prefect is imported
from etl import EXTRACTOR_VERSION, __version__
from etl.io.read import InputRootError, check_input_root
from etl.settings import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES

EPILOG = """\
examples:
  newsetl run data/sample --out data/out
  newsetl run s3://bucket/landing --out s3://bucket/newsetl --batch-size 5000

Output: one Parquet dataset folder per table (articles, sections, quotes, figures, rejects)
under --out. Query it with DuckDB:
  duckdb -c "select kind, count(*) from read_parquet('data/out/sections/**/*.parquet') group by 1"

Exit status: 0 when the run completed (even with rejects), 2 for a usage or input error,
1 when the run failed.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `newsetl`."""
    parser = argparse.ArgumentParser(
        prog="newsetl",
        description="Turn raw news article text into clean, typed, validated Parquet tables.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsetl {__version__} (extractors v{EXTRACTOR_VERSION})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="extract articles from INPUT into Parquet tables under --out",
        description="Read every *.txt and *.jsonl article file under INPUT, extract sections, quotes and "
        "figures, validate them against the schemas, and write Parquet under --out. Articles already "
        "in the output are skipped, so a re-run adds no duplicate rows.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    run.add_argument("input", metavar="INPUT", help="folder or fsspec URL (file://, memory://, s3://…) holding article files")
    run.add_argument("--out", required=True, metavar="OUTPUT", help="output folder or fsspec URL; one dataset folder per table is written under it")
    run.add_argument(
        "--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE,
        help="input files per Prefect task (larger batches: less orchestration overhead, more memory)",
    )
    run.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, help="input files larger than this are rejected as too_large without being read")
    run.add_argument("--no-progress", action="store_true", help="do not show a progress bar")
    run.add_argument("-v", "--verbose", action="store_true", help="log every task and every reject")
    schema = sub.add_parser(
        "schema",
        help="print the data dictionary (tables, columns, types, checks, descriptions)",
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
    args = build_parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "schema":
        return _schema(args)
    return 2


def _schema(args: argparse.Namespace) -> int:
    from etl.datadict import render_markdown

    text = render_markdown()
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    progress = not args.no_progress and sys.stderr.isatty()
    started = time.perf_counter()
    try:
        check_input_root(args.input)  # fail in a second, before Prefect's server starts
        from flows.article_etl import article_etl

        result = article_etl(args.input, args.out, batch_size=args.batch_size, max_bytes=args.max_bytes, progress=progress)
    except InputRootError as exc:
        print(f"newsetl: error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"newsetl: run failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    rows = result["rows"]
    rejects = sum(result["rejects"].values())
    print(
        f"newsetl: {result['files']:,} files -> {rows.get('articles', 0):,} articles "
        f"({result['skipped']:,} already there), {rows.get('sections', 0):,} sections, "
        f"{rows.get('quotes', 0):,} quotes, {rows.get('figures', 0):,} figures, {rejects:,} rejects "
        f"in {time.perf_counter() - started:.1f}s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

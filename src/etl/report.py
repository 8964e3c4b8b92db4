"""Run history and the data-quality report of an output root (`newsetl report OUT`).

`last_runs_lines` turns the newest rows of the `runs` table into aligned terminal lines;
`write_report` writes one self-contained HTML file: inline CSS, inline SVG charts drawn here,
one tiny inline script, a Content-Security-Policy that forbids every network request.

Aggregation reads one Parquet file at a time and only the columns it needs (never
`articles.text`), with pyarrow, so it stays fast and bounded in memory on large outputs and
works on any fsspec root the pipeline writes to.
"""

from __future__ import annotations

import html
import json
import math
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from etl import EXTRACTOR_VERSION, __version__
from etl.io.parquet import table_files
from etl.io.read import open_root
from etl.tables import ARROW_SCHEMAS, TABLES

if TYPE_CHECKING:
    from etl.people.report import PeopleData

TOP_N = 15
EXAMPLES_PER_REASON = 3
RUNS_IN_REPORT = 50
RUNS_IN_CHART = 30
# Per-article distribution buckets: (label, lowest count, highest count or None for open-ended).
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4),
    ("5–9", 5, 9), ("10–19", 10, 19), ("20–49", 20, 49), ("50+", 50, None),
)


# ---------------------------------------------------------------------------------------------
# Reading


def _open_output(output_root: str) -> tuple[AbstractFileSystem, str]:
    """The filesystem and path of an output root that holds at least one table file.

    Raises:
        FileNotFoundError: the root is missing or holds no newsetl table.
    """
    try:
        fs, root = open_root(output_root)
        found = fs.exists(root) and any(table_files(fs, root, t) for t in TABLES)
    except (OSError, ValueError, ImportError) as exc:
        raise FileNotFoundError(f"output {output_root!r} cannot be opened: {exc}") from None
    if not found:
        raise FileNotFoundError(
            f"no newsetl output under {output_root!r}: give the --out folder of a run, or run `newsetl run INPUT --out {output_root}` first"
        )
    return fs, root


def _read_part(fs: AbstractFileSystem, path: str, table: str, columns: Sequence[str]) -> pa.Table:
    """Some columns of one Parquet file, typed as the table's schema says (null where a file lacks one)."""
    schema = pa.schema([ARROW_SCHEMAS[table].field(c) for c in columns])
    with fs.open(path, "rb") as fh:
        pf = pq.ParquetFile(fh)
        present = [c for c in columns if c in pf.schema_arrow.names]
        data = pf.read(columns=present)
    arrays = [data.column(c) if c in present else pa.nulls(data.num_rows, schema.field(c).type) for c in columns]
    return pa.Table.from_arrays(arrays, schema=schema) if present else schema.empty_table()


def _parts(fs: AbstractFileSystem, root: str, table: str, columns: Sequence[str]) -> Iterator[pa.Table]:
    """Each committed file of a table, one at a time, reduced to `columns`."""
    for path in table_files(fs, root, table):
        yield _read_part(fs, path, table, columns)


def _table_size(fs: AbstractFileSystem, root: str, table: str) -> tuple[int, int]:
    """Files and rows of a table, from the Parquet footers only."""
    files = table_files(fs, root, table)
    rows = 0
    for path in files:
        with fs.open(path, "rb") as fh:
            rows += pq.ParquetFile(fh).metadata.num_rows
    return len(files), rows


def _add_counts(counter: Counter[str], column: pa.ChunkedArray) -> None:
    """Add the non-null values of a column to a counter."""
    for item in pc.value_counts(column.drop_null()).to_pylist():
        counter[item["values"]] += item["counts"]


def _compact_per_article(parts: list[pa.Table]) -> pa.Table:
    """One (article_id, n) row per article from several partial counts."""
    if not parts:
        return _per_article_table(pa.array([], pa.string()), pa.array([], pa.int64()))
    merged = pa.concat_tables(parts).group_by("article_id").aggregate([("n", "sum")])
    return _per_article_table(merged.column("article_id"), merged.column("n_sum"))


def _per_article_table(ids: pa.ChunkedArray | pa.Array, counts: pa.ChunkedArray | pa.Array) -> pa.Table:
    """An (article_id string, n int64) table (columns picked by name: pyarrow versions order them differently)."""
    return pa.table({"article_id": ids.cast(pa.string()), "n": counts.cast(pa.int64())})


# ---------------------------------------------------------------------------------------------
# Aggregates


@dataclass(slots=True)
class ChildStats:
    """What one child table (`sections`, `quotes`, `figures`) holds, aggregated."""

    rows: int = 0
    per_article: pa.Table | None = None
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    nulls: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class RejectReason:
    """One reject reason code: how many, at which stages, and a few example rows."""

    reason: str
    count: int = 0
    stages: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source_uri, detail)


@dataclass(slots=True)
class ReportData:
    """Everything the HTML report shows, computed from one output root."""

    output_root: str
    generated_at: datetime
    sizes: dict[str, tuple[int, int]]
    runs: pa.Table
    rejects: list[RejectReason]
    sections: ChildStats
    quotes: ChildStats
    figures: ChildStats
    n_articles: int
    versions: Counter[str]
    n_chars: tuple[int, int, int]  # min, mean, max
    top_articles: list[tuple[str, str, str, int, int]]  # id, title, source, quotes, figures
    people: PeopleData | None = None  # None before the people tables are built


def _child_stats(fs: AbstractFileSystem, root: str, table: str, count_columns: Sequence[str]) -> ChildStats:
    """Rows per article, value counts and null counts of some columns of a child table."""
    stats = ChildStats(counts={c: Counter() for c in count_columns})
    partial: list[pa.Table] = []
    for part in _parts(fs, root, table, ["article_id", *count_columns]):
        stats.rows += part.num_rows
        for col in count_columns:
            _add_counts(stats.counts[col], part.column(col))
            stats.nulls[col] += part.column(col).null_count
        grouped = part.group_by("article_id").aggregate([("article_id", "count")])
        partial.append(_per_article_table(grouped.column("article_id"), grouped.column("article_id_count")))
        if len(partial) >= 64:
            partial = [_compact_per_article(partial)]
    stats.per_article = _compact_per_article(partial)
    return stats


def _reject_reasons(fs: AbstractFileSystem, root: str) -> list[RejectReason]:
    """Rejects grouped by reason (most frequent first), with up to a few example files each."""
    reasons: dict[str, RejectReason] = {}
    for part in _parts(fs, root, "rejects", ["source_uri", "stage", "reason", "detail"]):
        by_reason: Counter[str] = Counter()
        _add_counts(by_reason, part.column("reason"))
        for reason, n in by_reason.items():
            entry = reasons.setdefault(reason, RejectReason(reason))
            entry.count += n
            rows = part.filter(pc.equal(part.column("reason"), reason))
            _add_counts(entry.stages, rows.column("stage"))
            need = EXAMPLES_PER_REASON - len(entry.examples)
            if need > 0:
                head = rows.slice(0, need)
                entry.examples += zip(head.column("source_uri").to_pylist(), head.column("detail").to_pylist(), strict=True)
    return sorted(reasons.values(), key=lambda r: (-r.count, r.reason))


def _read_runs(fs: AbstractFileSystem, root: str) -> pa.Table:
    """Every row of the `runs` table, oldest first."""
    names = ARROW_SCHEMAS["runs"].names
    parts = list(_parts(fs, root, "runs", names))
    runs = pa.concat_tables(parts) if parts else ARROW_SCHEMAS["runs"].empty_table()
    return runs.sort_by([("finished_at", "ascending"), ("run_id", "ascending")])


def _top_ids(per_article: pa.Table | None, k: int) -> list[str]:
    """The ids of the k articles with the most rows (ties broken by id)."""
    if per_article is None or per_article.num_rows == 0:
        return []
    top = per_article.sort_by([("n", "descending"), ("article_id", "ascending")]).slice(0, k)
    return top.column("article_id").to_pylist()


def _lookup(per_article: pa.Table | None, ids: Sequence[str]) -> dict[str, int]:
    """Row counts of some articles."""
    if per_article is None or not ids:
        return {}
    rows = per_article.filter(pc.is_in(per_article.column("article_id"), value_set=pa.array(list(ids), pa.string())))
    return dict(zip(rows.column("article_id").to_pylist(), rows.column("n").to_pylist(), strict=True))


def _scan_articles(fs: AbstractFileSystem, root: str, wanted: set[str]) -> tuple[int, Counter[str], tuple[int, int, int], dict[str, tuple[str, str]]]:
    """Article count, extractor versions, length stats, and title/source of the `wanted` ids."""
    versions: Counter[str] = Counter()
    n, total, low, high = 0, 0, math.inf, 0
    found: dict[str, tuple[str, str]] = {}
    wanted_ids = pa.array(sorted(wanted), pa.string())
    for part in _parts(fs, root, "articles", ["article_id", "title", "source_uri", "n_chars", "extractor_version"]):
        n += part.num_rows
        _add_counts(versions, part.column("extractor_version"))
        chars = part.column("n_chars")
        if part.num_rows:
            total += pc.sum(chars).as_py() or 0
            low = min(low, pc.min(chars).as_py() or 0)
            high = max(high, pc.max(chars).as_py() or 0)
        hits = part.filter(pc.is_in(part.column("article_id"), value_set=wanted_ids))
        for aid, title, uri in zip(*(hits.column(c).to_pylist() for c in ("article_id", "title", "source_uri")), strict=True):
            found[aid] = (title or "", uri or "")
    mean = round(total / n) if n else 0
    return n, versions, (int(low) if n else 0, mean, int(high)), found


def collect(output_root: str) -> ReportData:
    """Aggregate an output root into what the report shows.

    Raises:
        FileNotFoundError: the root is missing or holds no newsetl table.
    """
    fs, root = _open_output(output_root)
    sizes = {t: _table_size(fs, root, t) for t in TABLES}
    sections = _child_stats(fs, root, "sections", ["kind"])
    quotes = _child_stats(fs, root, "quotes", ["kind", "speaker", "via", "cue"])
    figures = _child_stats(fs, root, "figures", ["kind", "unit", "subject"])
    top = list(dict.fromkeys(_top_ids(quotes.per_article, 10) + _top_ids(figures.per_article, 10)))
    n_articles, versions, n_chars, titles = _scan_articles(fs, root, set(top))
    nq, nf = _lookup(quotes.per_article, top), _lookup(figures.per_article, top)
    top_articles = sorted(
        ((aid, *titles.get(aid, ("(not in articles)", "")), nq.get(aid, 0), nf.get(aid, 0)) for aid in top),
        key=lambda r: (-(r[3] + r[4]), r[0]),
    )
    return ReportData(
        output_root=output_root, generated_at=datetime.now(UTC), sizes=sizes, runs=_read_runs(fs, root),
        rejects=_reject_reasons(fs, root), sections=sections, quotes=quotes, figures=figures,
        n_articles=n_articles, versions=versions, n_chars=n_chars, top_articles=top_articles,
        people=_collect_people(fs, root),
    )


def _collect_people(fs: AbstractFileSystem, root: str) -> PeopleData | None:
    """The people sections' data (etl.people.report)."""
    from etl.people.report import collect_people

    return collect_people(fs, root)


def distribution(per_article: pa.Table | None, n_articles: int) -> list[tuple[str, int]]:
    """How many articles have 0, 1, 2, … rows (bucketed), articles without rows included."""
    exact: Counter[int] = Counter()
    if per_article is not None and per_article.num_rows:
        for item in pc.value_counts(per_article.column("n")).to_pylist():
            exact[item["values"]] += item["counts"]
    exact[0] += max(n_articles - sum(exact.values()), 0)
    return [(label, sum(v for k, v in exact.items() if k >= lo and (hi is None or k <= hi))) for label, lo, hi in BUCKETS]


# ---------------------------------------------------------------------------------------------
# Terminal


def _duration(seconds: float | None) -> str:
    """A short human duration: 4.4s, 12m05s, 3h02m."""
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def _when(ts: datetime | None) -> str:
    """A UTC timestamp to the second."""
    return ts.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if ts is not None else "-"


RUN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("run id", "run_id"), ("finished (UTC)", "finished_at"), ("took", "duration_s"),
    ("files", "files_seen"), ("new", "articles_new"), ("skipped", "articles_skipped"), ("rejected", "rejected"),
    ("articles", "rows_articles"), ("sections", "rows_sections"), ("quotes", "rows_quotes"),
    ("figures", "rows_figures"), ("rejects", "rows_rejects"),
)


def _run_cells(row: dict) -> list[str]:
    """One `runs` row as display strings, in `RUN_COLUMNS` order."""
    cells = []
    for _, col in RUN_COLUMNS:
        value = row.get(col)
        if col == "finished_at":
            cells.append(_when(value))
        elif col == "duration_s":
            cells.append(_duration(value))
        elif isinstance(value, int):
            cells.append(f"{value:,}")
        else:
            cells.append("-" if value is None else str(value))
    return cells


def _align(rows: list[list[str]]) -> list[str]:
    """Rows of cells as lines: first two columns left-aligned, the rest right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        for r in rows
    ]


def last_runs_lines(output_root: str, n: int = 10) -> list[str]:
    """The last `n` runs of an output root as aligned terminal lines, oldest first, with a header.

    Raises:
        FileNotFoundError: the root is missing or holds no newsetl table.
    """
    fs, root = _open_output(output_root)
    runs = _read_runs(fs, root)
    if runs.num_rows == 0:
        return [f"no runs recorded under {output_root} yet: the next `newsetl run … --out {output_root}` records one"]
    shown = runs.slice(max(runs.num_rows - n, 0)).to_pylist()
    title = f"last {len(shown)} of {runs.num_rows:,} runs in {output_root} (newest last)"
    return [title, *_align([[h for h, _ in RUN_COLUMNS], *(_run_cells(r) for r in shown)])]


# ---------------------------------------------------------------------------------------------
# HTML

_e = html.escape

CSS = """
:root{--fg:#1d2430;--muted:#5b6675;--line:#d8dee6;--bg:#f6f8fa;--bar:#2f6fb0;--bar2:#d9822b}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:16px 0 6px}
.meta,.note{color:var(--muted)}
nav a{margin-right:12px;color:var(--bar)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:140px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;margin:8px 0;width:auto;max-width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.wrap{max-width:520px;overflow-wrap:anywhere}
#table-runs td{white-space:nowrap}
code{font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}
svg.chart text{font:12px system-ui,sans-serif;fill:var(--fg)}
svg.chart .bar{fill:var(--bar)}svg.chart .bar2{fill:var(--bar2)}
svg.chart .axis{stroke:var(--line)}
.empty{color:var(--muted);font-style:italic}
"""

# Runs after the page is parsed: marks the body data-ok="1" when every chart and table rendered
# (a headless browser test reads the mark), and reports a console error otherwise.
SCRIPT = """
(function () {
  var want = Number(document.body.getAttribute("data-charts"));
  var charts = document.querySelectorAll("svg.chart");
  var drawn = Array.prototype.filter.call(charts, function (s) { return s.getBBox().width > 0; }).length;
  var tables = document.querySelectorAll("table").length;
  var ok = charts.length === want && drawn === want && tables > 0;
  document.body.setAttribute("data-ok", ok ? "1" : "0");
  if (!ok) { console.error("newsetl report: " + drawn + " of " + want + " charts drawn, " + tables + " tables"); }
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"  # no request of any kind


def _num(n: int | float) -> str:
    """A number with thousands separators."""
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"


def _pct(part: int, whole: int) -> str:
    """`part` as a percentage of `whole`."""
    return f"{100 * part / whole:.1f} %" if whole else "–"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str | int | float | None]], numeric: set[int] | None = None, attrs: str = "") -> str:
    """An HTML table; `numeric` are the column indexes right-aligned; every cell is escaped."""
    if not rows:
        return '<p class="empty">none</p>'
    numeric = numeric if numeric is not None else {i for i, v in enumerate(rows[0]) if isinstance(v, int | float)}
    head = "".join(f'<th{" class=num" if i in numeric else ""}>{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(_cell(v, i in numeric) for i, v in enumerate(r)) + "</tr>" for r in rows
    )
    return f"<table{attrs}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: str | int | float | None, numeric: bool) -> str:
    """One escaped table cell."""
    text = _num(value) if isinstance(value, int | float) else ("–" if value is None else str(value))
    cls = "num" if numeric else "wrap"
    return f'<td class="{cls}">{_e(text)}</td>'


def bar_chart(title: str, items: Sequence[tuple[str, int]], width: int = 520) -> str:
    """A horizontal bar chart as inline SVG, one labelled bar per item."""
    if not items:
        return ""
    row, label_w, pad = 22, min(max(len(label) for label, _ in items) * 7 + 12, 220), 60
    top = max(v for _, v in items) or 1
    height = row * len(items) + 30
    bars = []
    for i, (label, value) in enumerate(items):
        y = 24 + i * row
        w = (width - label_w - pad) * value / top
        short = label if len(label) <= 30 else label[:29] + "…"
        bars.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(short)}<title>{_e(label)}</title></text>'
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}"></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}">{_num(value)}</text>'
        )
    return (
        f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>'
        f'<text x="0" y="14" font-weight="600">{_e(title)}</text>'
        f'<line class="axis" x1="{label_w}" y1="20" x2="{label_w}" y2="{height - 4}"></line>{"".join(bars)}</svg>'
    )


def column_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], width: int = 1000) -> str:
    """A grouped column chart as inline SVG (one group per label, one column per series), with a legend."""
    if not labels:
        return ""
    height, base, left = 230, 190, 40
    top = max((v for _, values in series for v in values), default=0) or 1
    group = (width - left) / len(labels)
    col = max(min(group * 0.8 / len(series), 28), 1)
    parts = [f'<text x="0" y="14" font-weight="600">{_e(title)}</text>',
             f'<line class="axis" x1="{left}" y1="{base}" x2="{width}" y2="{base}"></line>',
             f'<text x="{left - 4}" y="34" text-anchor="end">{_num(top)}</text>',
             f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>']
    for s, (name, _) in enumerate(series):
        x = width - 200 + s * 100
        parts.append(f'<rect class="bar{"2" if s else ""}" x="{x}" y="4" width="10" height="10"></rect><text x="{x + 14}" y="14">{_e(name)}</text>')
    for i, label in enumerate(labels):
        x0 = left + i * group + (group - col * len(series)) / 2
        for s, (name, values) in enumerate(series):
            h = (base - 30) * values[i] / top
            parts.append(
                f'<rect class="bar{"2" if s else ""}" x="{x0 + s * col:.1f}" y="{base - h:.1f}" width="{col:.1f}" height="{h:.1f}">'
                f"<title>{_e(label)}: {_e(name)} {_num(values[i])}</title></rect>"
            )
    parts.append(f'<text x="{left}" y="{base + 16}">{_e(labels[0])}</text>')
    if len(labels) > 1:
        parts.append(f'<text x="{width}" y="{base + 16}" text-anchor="end">{_e(labels[-1])}</text>')
    return (
        f'<svg class="chart" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>{"".join(parts)}</svg>'
    )


def _top(counter: Counter[str], k: int = TOP_N) -> list[tuple[str, int]]:
    """The k most common values, ties broken alphabetically."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def _section(anchor: str, title: str, body: str) -> str:
    """A titled report section."""
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{body}</section>'


def _counts_section(d: ReportData) -> str:
    """Rows and files per table, plus headline ratios."""
    rows = [[t, d.sizes[t][1], d.sizes[t][0]] for t in TABLES]
    q, f = d.quotes, d.figures
    cards = [
        ("articles", _num(d.n_articles)), ("quotes per article", f"{q.rows / d.n_articles:.2f}" if d.n_articles else "–"),
        ("figures per article", f"{f.rows / d.n_articles:.2f}" if d.n_articles else "–"),
        ("quotes with a speaker", _pct(q.rows - q.nulls["speaker"], q.rows)),
        ("figures with a subject", _pct(f.rows - f.nulls["subject"], f.rows)),
        ("rejects", _num(d.sizes["rejects"][1])),
    ]
    card_html = "".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards)
    lo, mean, hi = d.n_chars
    versions = ", ".join(f"v{v}: {_num(n)}" for v, n in _top(d.versions, 10)) or "–"
    note = (f'<p class="note">Article length (characters): min {_num(lo)}, mean {_num(mean)}, max {_num(hi)}. '
            f"Articles by extractor version: {_e(versions)} (current: v{_e(EXTRACTOR_VERSION)}).</p>")
    return _section("counts", "Counts per table", f'<div class="cards">{card_html}</div>'
                    + _table(["table", "rows", "files"], rows, attrs=' id="table-counts"') + note)


def _runs_section(d: ReportData) -> str:
    """The runs history: a chart of the last runs and a table of the newest first."""
    runs = d.runs.to_pylist()
    if not runs:
        return _section("runs", "Runs", '<p class="empty">No runs recorded yet.</p>')
    recent = runs[-RUNS_IN_CHART:]
    chart = column_chart(
        f"New articles and rejects, last {len(recent)} runs", [r["run_id"] for r in recent],
        [("new articles", [r["articles_new"] or 0 for r in recent]), ("rejected", [r["rejected"] or 0 for r in recent])],
    )
    rows = [[*_run_cells(r), _reasons_text(r["rejects_by_reason"])] for r in reversed(runs[-RUNS_IN_REPORT:])]
    headers = [h for h, _ in RUN_COLUMNS] + ["rejects by reason"]
    table = _table(headers, rows, numeric=set(range(2, len(RUN_COLUMNS))), attrs=' id="table-runs"')
    return _section("runs", f"Runs ({len(runs):,}, newest first)", chart + table)


def _reasons_text(raw: str | None) -> str:
    """The `rejects_by_reason` JSON of a run as `reason n, …`."""
    try:
        reasons = json.loads(raw or "{}")
    except ValueError:
        return raw or ""
    return ", ".join(f"{k} {v:,}" for k, v in reasons.items()) if isinstance(reasons, dict) else str(reasons)


def _rejects_section(d: ReportData) -> str:
    """Rejects by reason, with example files and their detail sentences."""
    if not d.rejects:
        return _section("rejects", "Rejects by reason", '<p class="empty">No rejects.</p>')
    chart = bar_chart("Rejects by reason", [(r.reason, r.count) for r in d.rejects])
    rows = [
        [r.reason, ", ".join(s for s, _ in _top(r.stages)), r.count,
         "\n".join(uri for uri, _ in r.examples), "\n".join(detail for _, detail in r.examples)]
        for r in d.rejects
    ]
    table = _table(["reason", "stage", "rejects", "example files", "details"], rows, attrs=' id="table-rejects"')
    return _section("rejects", "Rejects by reason", chart + table.replace("\n", "<br>"))


def _per_article_section(d: ReportData) -> str:
    """Distributions of quotes and figures per article, and the articles with the most."""
    q = distribution(d.quotes.per_article, d.n_articles)
    f = distribution(d.figures.per_article, d.n_articles)
    charts = f'<div class="grid">{bar_chart("Articles by number of quotes", q)}{bar_chart("Articles by number of figures", f)}</div>'
    table = _table(["per article", "articles (quotes)", "articles (figures)"],
                   [[label, nq, nf] for (label, nq), (_, nf) in zip(q, f, strict=True)], attrs=' id="table-distribution"')
    top = _table(["article", "headline", "source", "quotes", "figures"], [list(r) for r in d.top_articles], attrs=' id="table-top-articles"')
    return _section("per-article", "Quotes and figures per article", charts + table + "<h3>Articles with the most quotes and figures</h3>" + top)


def _quotes_section(d: ReportData) -> str:
    """Top speakers and outlets, quote kinds and cues."""
    q = d.quotes
    speakers, outlets = _top(q.counts.get("speaker", Counter())), _top(q.counts.get("via", Counter()))
    note = (f'<p class="note">{_num(q.rows)} quotes: {_num(q.nulls["speaker"])} without a speaker, '
            f'{_num(q.rows - q.nulls["via"])} relayed by an outlet, {_num(len(q.counts.get("speaker", {})))} distinct speakers.</p>')
    speaker_table = _table(["speaker", "quotes"], speakers, attrs=' id="table-speakers"')
    outlet_table = _table(["outlet", "quotes"], outlets, attrs=' id="table-outlets"')
    grid = (f'<div class="grid"><div>{bar_chart("Top speakers", speakers)}{speaker_table}</div>'
            f'<div>{bar_chart("Top outlets (via)", outlets)}{outlet_table}</div></div>')
    kinds = _table(["quote kind", "quotes"], _top(q.counts.get("kind", Counter())), attrs=' id="table-quote-kinds"')
    cues = _table(["cue", "quotes"], _top(q.counts.get("cue", Counter())), attrs=' id="table-cues"')
    return _section("quotes", "Speakers and outlets", note + grid + f'<div class="grid"><div>{kinds}</div><div>{cues}</div></div>')


def _figures_section(d: ReportData) -> str:
    """Figure kinds and units, and section kinds."""
    kinds = _top(d.figures.counts.get("kind", Counter()), 50)
    units = _top(d.figures.counts.get("unit", Counter()))
    sections = _top(d.sections.counts.get("kind", Counter()), 50)
    kind_table = _table(["figure kind", "figures"], kinds, attrs=' id="table-figure-kinds"')
    unit_table = _table(["unit", "figures"], units, attrs=' id="table-units"')
    section_table = _table(["section kind", "sections"], sections, attrs=' id="table-section-kinds"')
    body = f'<div class="grid"><div>{bar_chart("Figure kinds", kinds)}{kind_table}</div><div>{unit_table}{section_table}</div></div>'
    return _section("figures", "Figure and section kinds", body)


def render_html(d: ReportData) -> str:
    """The whole report as one self-contained HTML document."""
    from etl.people import report as people

    sections = [_counts_section(d), _runs_section(d), _rejects_section(d), _per_article_section(d), _quotes_section(d),
                people.people_section(d.people), people.timeline_section(d.people), people.outlets_section(d.people),
                people.quotations_section(d.people), _figures_section(d)]
    body = "".join(sections)
    charts = body.count('<svg class="chart"')
    nav = "".join(f'<a href="#{a}">{_e(t)}</a>' for a, t in (
        ("counts", "counts"), ("runs", "runs"), ("rejects", "rejects"), ("per-article", "per article"),
        ("quotes", "speakers & outlets"), ("people", "people"), ("timeline", "over time"), ("outlets-relayed", "outlets relayed"),
        ("quotations", "quotations"), ("figures", "figure kinds")))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsetl report: {_e(d.output_root)}</title><style>{CSS}</style></head>"
        f'<body data-charts="{charts}" data-ok="0"><h1>newsetl data-quality report</h1>'
        f'<p class="meta">Output <code>{_e(d.output_root)}</code> · generated {_e(_when(d.generated_at))} UTC '
        f"by newsetl {_e(__version__)} (extractors v{_e(EXTRACTOR_VERSION)})</p><nav>{nav}</nav>"
        f"{body}<script>{SCRIPT}</script></body></html>\n"
    )


def _write_atomic(path: str, text: str) -> None:
    """Write a text file under a temporary name in the same folder, then rename it into place."""
    fs, target = fsspec.core.url_to_fs(path)
    folder, _, name = target.rpartition("/")
    if folder:
        fs.makedirs(folder, exist_ok=True)
    tmp = f"{folder}/.{name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        with fs.open(tmp, "wb") as fh:
            fh.write(text.encode("utf-8"))
        fs.mv(tmp, target)
    except BaseException:
        if fs.exists(tmp):
            fs.rm(tmp)
        raise


def write_report(output_root: str, html_path: str) -> None:
    """Write the HTML data-quality report of an output root to `html_path` (a path or fsspec URL).

    Raises:
        FileNotFoundError: the root is missing or holds no newsetl table.
    """
    _write_atomic(html_path, render_html(collect(output_root)))

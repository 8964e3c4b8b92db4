"""`newsetl report`: the run history in the terminal and the self-contained HTML report, in a real browser."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import fsspec
import pandas as pd
import pyarrow as pa
import pytest
from fsspec import AbstractFileSystem

from etl import report
from etl.io.parquet import commit_tables
from etl.report import last_runs_lines, write_report
from etl.runloop import run_local
from etl.runs import RunSummary
from etl.settings import Settings
from tests.conftest import SAMPLE_DIR

SETTINGS = Settings(batch_size=2)
XSS_HEADLINE = 'Mayor says <script>alert("pwned")</script> & <b>more</b>'
XSS_ARTICLE = f'{XSS_HEADLINE}\n\nThe mayor of Riverton, Jane Doe, said on Monday that the bridge would reopen in 3 weeks.\n'
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _run(input_dir: Path, out: Path, run_id: str, started: datetime) -> RunSummary:
    """One run without Prefect, its `runs` row then pinned to `run_id`, `started` and 75 s (exact terminal lines)."""
    summary = run_local(SETTINGS.model_copy(update={"input_root": str(input_dir), "output_root": str(out)}))
    (out / "runs" / f"part-{summary.run_id}.parquet").unlink()
    summary.run_id, summary.started_at = run_id, started
    commit_tables(str(out), run_id, {"runs": summary.to_table(started + timedelta(seconds=75))})
    return summary


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles, one with markup in its headline and one empty file, run twice (two `runs` rows)."""
    root = tmp_path_factory.mktemp("report")
    folder = root / "input"
    shutil.copytree(SAMPLE_DIR, folder)
    (folder / "xss.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out = root / "out"
    _run(folder, out, "20261120T090000Z-aaaaaa", T0)
    _run(folder, out, "20261120T091500Z-bbbbbb", T0 + timedelta(minutes=15))
    return out


@pytest.fixture(scope="module")
def html_path(output: Path) -> Path:
    path = output.parent / "site" / "report.html"
    write_report(str(output), str(path))
    return path


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / name)


class _Tables(HTMLParser):
    """Every <table id=…> of a page as rows of cell texts (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._id: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._id = dict(attrs).get("id") or f"table-{len(self.tables)}"
            self.tables[self._id] = []
        elif tag == "tr" and self._id:
            self.tables[self._id].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._id:
            self.tables[self._id][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._id = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(page: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def _body(rows: list[list[str]]) -> dict[str, list[str]]:
    """Data rows (header dropped) keyed by their first cell."""
    return {r[0]: r[1:] for r in rows[1:]}


# --- terminal ----------------------------------------------------------------------------------


def test_last_runs_lines_show_each_run_aligned_newest_last(output: Path) -> None:
    lines = last_runs_lines(str(output))
    assert lines[0] == f"last 2 of 2 runs in {output} (newest last)"
    header, first, second = lines[1:]
    assert header.split() == ["run", "id", "finished", "(UTC)", "took", "files", "new", "skipped", "rejected",
                              "articles", "sections", "quotes", "figures", "rejects"]
    assert len({len(line) for line in lines[1:]}) == 1, "columns are not aligned"
    sections, quotes, figures = (len(_table(output, t)) for t in ("sections", "quotes", "figures"))
    assert first.split() == ["20261120T090000Z-aaaaaa", "2026-11-20", "09:01:15", "1m15s", "6", "5", "0", "1",
                             "5", str(sections), str(quotes), str(figures), "1"]
    # the re-run: nothing new, every article skipped, the empty file rejected again but not written again
    assert second.split() == ["20261120T091500Z-bbbbbb", "2026-11-20", "09:16:15", "1m15s", "6", "0", "5", "1",
                              "0", "0", "0", "0", "0"]
    assert last_runs_lines(str(output), 1)[1:] == [header, second]


def test_missing_or_empty_output_root_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for root in (tmp_path / "missing", tmp_path / "empty"):
        with pytest.raises(FileNotFoundError, match=r"no newsetl output under .*newsetl run INPUT --out"):
            last_runs_lines(str(root))
        with pytest.raises(FileNotFoundError, match="no newsetl output"):
            write_report(str(root), str(tmp_path / "report.html"))
    assert not (tmp_path / "report.html").exists()


def test_output_without_runs_table_says_none_recorded(output: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(output, copy, ignore=shutil.ignore_patterns("runs"))
    assert last_runs_lines(str(copy)) == [f"no runs recorded under {copy} yet: the next `newsetl run … --out {copy}` records one"]
    write_report(str(copy), str(tmp_path / "r.html"))
    assert "No runs recorded yet." in (tmp_path / "r.html").read_text(encoding="utf-8")


# --- HTML contents -----------------------------------------------------------------------------


def test_report_counts_match_the_tables(output: Path, html_path: Path) -> None:
    tables = _tables(html_path.read_text(encoding="utf-8"))
    counts = _body(tables["table-counts"])
    for name in ("articles", "sections", "quotes", "figures", "rejects", "runs"):
        assert counts[name] == [f"{len(_table(output, name)):,}", str(len(list((output / name).glob("part-*.parquet"))))], name
    assert counts["articles"][0] == "5" and counts["runs"][0] == "2"
    runs = tables["table-runs"]
    assert [r[0] for r in runs[1:]] == ["20261120T091500Z-bbbbbb", "20261120T090000Z-aaaaaa"]  # newest first
    assert runs[2][-1] == "empty 1"


def test_report_rejects_by_reason_with_examples(output: Path, html_path: Path) -> None:
    rejects = _body(_tables(html_path.read_text(encoding="utf-8"))["table-rejects"])
    stored = _table(output, "rejects")
    assert list(rejects) == ["empty"]
    stage, count, files, details = rejects["empty"]
    assert (stage, count) == ("ingest", "1")
    assert files == stored["source_uri"].iloc[0] and files.endswith("empty.txt")
    assert details == stored["detail"].iloc[0] and "empty" in details


def test_report_speakers_outlets_kinds_and_distributions(output: Path, html_path: Path) -> None:
    tables = _tables(html_path.read_text(encoding="utf-8"))
    quotes, figures, articles = (_table(output, t) for t in ("quotes", "figures", "articles"))

    def expected(series: pd.Series) -> dict[str, list[str]]:
        counts = sorted(Counter(series.dropna()).items(), key=lambda kv: (-kv[1], kv[0]))[: report.TOP_N]
        return {k: [f"{v:,}"] for k, v in counts}

    assert _body(tables["table-speakers"]) == expected(quotes["speaker"])
    assert _body(tables["table-outlets"]) == expected(quotes["via"])
    assert _body(tables["table-figure-kinds"]) == expected(figures["kind"])
    assert _body(tables["table-quote-kinds"]) == expected(quotes["kind"])

    dist = _body(tables["table-distribution"])
    per_q = quotes.groupby("article_id").size().reindex(articles["article_id"], fill_value=0)
    per_f = figures.groupby("article_id").size().reindex(articles["article_id"], fill_value=0)
    for label, lo, hi in report.BUCKETS:
        hi = hi if hi is not None else 10**9
        assert dist[label] == [str(int(per_q.between(lo, hi).sum())), str(int(per_f.between(lo, hi).sum()))], label
    top = _body(tables["table-top-articles"])
    assert set(top) == set(articles["article_id"])
    for aid, (_, _, nq, nf) in top.items():
        assert (int(nq), int(nf)) == (per_q[aid], per_f[aid])


def test_report_escapes_text_from_the_data(output: Path, html_path: Path) -> None:
    page = html_path.read_text(encoding="utf-8")
    assert page.count("<script") == 1, "only the report's own script may be a <script> element"
    assert "<b>more</b>" not in page
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;" in page
    headlines = [r[1] for r in _tables(page)["table-top-articles"][1:]]
    assert XSS_HEADLINE in headlines  # decoded back to exactly the stored headline


def test_report_is_self_contained(html_path: Path) -> None:
    page = html_path.read_text(encoding="utf-8")
    assert not re.search(r"""\b(src|href)\s*=\s*(?!["']?#)""", page), "no attribute may load anything but an in-page anchor"
    assert not re.search(r"<(link|img|iframe|object|embed)\b|@import|url\(", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count('<svg class="chart"') >= 5


def test_report_never_reads_article_text(output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[str, ...]]] = []
    real = report._read_part

    def spy(fs: AbstractFileSystem, path: str, table: str, columns: Sequence[str]) -> pa.Table:
        seen.append((table, tuple(columns)))
        return real(fs, path, table, columns)

    monkeypatch.setattr(report, "_read_part", spy)
    write_report(str(output), str(tmp_path / "r.html"))
    assert {t for t, _ in seen} >= {"articles", "quotes", "figures", "sections", "rejects", "runs"}
    assert all("text" not in cols for _, cols in seen)


def test_report_is_written_atomically_and_replaced(output: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "r.html"
    write_report(str(output), str(target))
    first = target.read_text(encoding="utf-8")
    write_report(str(output), str(target))
    assert os.listdir(target.parent) == ["r.html"], "a temporary file was left behind"
    assert target.read_text(encoding="utf-8").split("generated")[0] == first.split("generated")[0]


def test_report_on_an_fsspec_root(output: Path) -> None:
    fs = fsspec.filesystem("memory")
    fs.put(str(output), "/report-test/out", recursive=True)
    try:
        lines = last_runs_lines("memory://report-test/out")
        assert [line.split()[:2] for line in lines[2:]] == [[r, "2026-11-20"] for r in ("20261120T090000Z-aaaaaa", "20261120T091500Z-bbbbbb")]
        write_report("memory://report-test/out", "memory://report-test/out/report.html")
        page = fs.cat("/report-test/out/report.html").decode("utf-8")
        assert _body(_tables(page)["table-counts"])["sections"][0] == f"{len(_table(output, 'sections')):,}"
        assert [p for p in fs.ls("/report-test/out", detail=False) if p.endswith(".tmp")] == []
    finally:
        fs.rm("/report-test", recursive=True)


def test_cli_report_prints_runs_and_writes_html(output: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    target = tmp_path / "cli.html"
    assert main(["report", str(output), "--html", str(target), "--last", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"last 1 of 2 runs in {output} (newest last)"
    assert out[2].startswith("20261120T091500Z-bbbbbb") and out[-1] == f"newsetl: report written to {target}"
    assert target.exists()
    assert main(["report", str(tmp_path / "nothing")]) == 2
    assert "newsetl run INPUT --out" in capsys.readouterr().err


def test_cli_report_default_location_leaves_the_tables_readable(output: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.dataset as ds

    from flows.cli import main

    copy = tmp_path / "out"
    shutil.copytree(output, copy)
    assert main(["report", str(copy)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"newsetl: report written to {copy}/_report/report.html"
    assert (copy / "_report" / "report.html").exists() and not (copy / "report.html").exists()
    # readers of the whole root skip `_` names (Spark and pyarrow alike), so the report is no table file
    for table in ("articles", "sections", "rejects", "runs"):
        assert ds.dataset(copy / table, format="parquet").to_table().num_rows == len(_table(output, table))
        assert len(pd.read_parquet(copy / table)) == len(_table(output, table))
    from etl.tables import TABLES

    assert {f.rsplit("/", 1)[0].removeprefix(f"{copy}/") for f in ds.dataset(copy, format="parquet").files} == set(TABLES)


def test_cli_report_that_cannot_be_written_is_one_line(output: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from fsspec.implementations.local import LocalFileSystem

    from flows.cli import main

    copy = tmp_path / "out"
    shutil.copytree(output, copy)
    (copy / "_report").write_text("a file where the report folder would go")
    assert main(["report", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"newsetl: error: cannot write the report to '{copy}/_report/report.html'"), err
    assert "--html FILE" in err

    def read_only(self: LocalFileSystem, path: str, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", path)

    (copy / "_report").unlink()
    monkeypatch.setattr(LocalFileSystem, "makedirs", read_only)  # a read-only output root
    assert main(["report", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied" in err, err


# --- in a real browser -------------------------------------------------------------------------

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
)


def _chromium() -> str:
    """Debian's chromium; skipped when absent, except in CI where .ci/run installs it."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, but CI is set: .ci/run should have installed it (apt-get install chromium)")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it in CI")


def _render(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM headless chromium renders for a file, and the page's console messages."""
    cmd = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        dom, log = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("chromium did not render the page within 30 s (a blocking alert()? a hang?)")
    assert proc.returncode == 0, log[-2000:]
    return dom, [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def test_report_renders_in_headless_chromium_without_console_errors(html_path: Path, tmp_path: Path) -> None:
    dom, console = _render(html_path, tmp_path / "profile")
    assert console == [], "the page logged to the console:\n" + "\n".join(console)
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None
    charts = int(re.search(r'data-charts="(\d+)"', body.group(0)).group(1))
    assert charts >= 5 and 'data-ok="1"' in body.group(0), body.group(0)  # set by the page's script once every chart has a size
    assert dom.count('<svg class="chart"') == charts
    for table in ("table-counts", "table-runs", "table-rejects", "table-distribution", "table-speakers", "table-outlets", "table-figure-kinds"):
        assert f'id="{table}"' in dom, table
    assert "&lt;script&gt;alert(" in dom and dom.count("<script") == 1  # the headline stayed text


def test_browser_check_catches_a_broken_page(html_path: Path, tmp_path: Path) -> None:
    """The browser test can fail: a script error and a missing chart are both seen."""
    broken = tmp_path / "broken.html"
    page = html_path.read_text(encoding="utf-8")
    page = page.replace('<svg class="chart"', '<svg class="gone"', 1).replace("</body>", "<script>notDefined();</script></body>")
    broken.write_text(page, encoding="utf-8")
    dom, console = _render(broken, tmp_path / "profile")
    assert any("Uncaught ReferenceError" in line for line in console), console
    assert any("newsetl report:" in line for line in console), console
    assert 'data-ok="0"' in dom

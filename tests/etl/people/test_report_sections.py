"""The report's people sections: their numbers match the derived tables, and they render in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from etl.people import build
from etl.people import report as people_report
from etl.report import write_report
from tests.etl.people.test_derive import BARE_BLAIR, BLAIRS, TRAVELLED, VIA_BBC, _run
from tests.etl.test_report import _body, _render, _tables


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("people-report")
    out = root / "out"
    _run(out, root / "in", {**dict.fromkeys(TRAVELLED + VIA_BBC), BLAIRS[0]: "2005-03-01", BLAIRS[1]: "2005-04-01", BARE_BLAIR: "2005-03-20"})
    build(str(out))
    html = root / "report.html"
    write_report(str(out), str(html))
    return out, html


def _rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / table / f"{table}.parquet").to_pylist()


def test_most_quoted_people_match_the_people_table(page: tuple[Path, Path]) -> None:
    out, html = page
    shown = _body(_tables(html.read_text(encoding="utf-8"))["table-people"])
    named = sorted((p for p in _rows(out, "people") if p["kind"] != "group"), key=lambda p: (-p["quote_count"], p["name"]))
    expected = {p["name"]: [p["kind"], p["gender"] or "–", f"{p['quote_count']:,}", f"{p['article_count']:,}"] for p in named[: people_report.TOP_PEOPLE]}
    assert shown == expected
    assert shown["Gordon Brown"][1] == "male" and shown["Tony Blair"][1] == "male"


def test_gender_table_counts_people_and_quotes(page: tuple[Path, Path]) -> None:
    out, html = page
    shown = _body(_tables(html.read_text(encoding="utf-8"))["table-gender"])
    persons = [p for p in _rows(out, "people") if p["kind"] == "person"]
    for gender in ("female", "male"):
        mine = [p for p in persons if p["gender"] == gender]
        assert shown[gender][:2] == [f"{len(mine):,}", f"{sum(p['quote_count'] for p in mine):,}"], gender


def test_timeline_splits_published_and_ingested(page: tuple[Path, Path]) -> None:
    out, html = page
    shown = _body(_tables(html.read_text(encoding="utf-8"))["table-timeline"])
    links = _rows(out, "quote_links")
    articles = {a["article_id"]: a for a in pq.read_table(out / "articles", columns=["article_id", "published_at"]).to_pylist()}
    march = sum(1 for r in links if str(articles[r["article_id"]]["published_at"])[:7] == "2005-03")
    assert shown["2005-03"][0] == f"{march:,}" and march > 0
    undated = sum(1 for r in links if articles[r["article_id"]]["published_at"] is None)
    assert sum(int(v[1].replace(",", "")) for v in shown.values()) == undated


def test_outlets_and_quotations_sections(page: tuple[Path, Path]) -> None:
    _, html = page
    tables = _tables(html.read_text(encoding="utf-8"))
    outlets = _body(tables["table-outlets-relayed"])
    assert outlets["BBC"][0] == "BBC, BBC News, the BBC, the BBC News"
    top = tables["table-quotations"][1]
    assert top[0].startswith("There is nothing you could ever say to me now") and top[1:3] == ["Gordon Brown", "4"]


def test_sections_say_when_the_tables_are_not_built() -> None:
    for section in (people_report.people_section, people_report.timeline_section, people_report.outlets_section, people_report.quotations_section):
        assert 'class="empty"' in section(None)


def test_people_sections_render_in_headless_chromium(page: tuple[Path, Path], tmp_path: Path) -> None:
    _, html = page
    dom, console = _render(html, tmp_path / "profile")
    assert console == [], "\n".join(console)
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and 'data-ok="1"' in body.group(0)
    for table in ("table-people", "table-gender", "table-timeline", "table-outlets-relayed", "table-quotations"):
        assert f'id="{table}"' in dom, table
    for title in ("Most quoted people and organisations", "Quotes by the speaker", "Quotes per month", "Quotes relayed per outlet"):
        assert f'aria-label="{title}' in dom, title

"""The data contract: Arrow schemas, pandera models and ../shared/contract.md agree."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from etl.records import Article, Section
from etl.tables import ARROW_SCHEMAS, articles_table, child_table
from etl.validate import failing_rows, to_frame, validate_tables
from schemas import MODELS

# The minimum columns of ../shared/contract.md, which every consumer relies on.
CONTRACT = {
    "articles": {"article_id", "source_uri", "title", "section_label", "text", "content_sha256", "ingested_at"},
    "sections": {"article_id", "section_idx", "kind", "text", "char_start", "char_end"},
    "quotes": {"article_id", "quote_idx", "kind", "text", "char_start", "char_end", "speaker", "cue", "via"},
    "figures": {"article_id", "figure_idx", "kind", "text", "char_start", "char_end", "value", "value_high", "unit", "subject"},
    "rejects": {"source_uri", "stage", "reason", "detail", "rejected_at"},
}
NOW = datetime(2026, 11, 25, tzinfo=UTC)
TEXT = "Headline | World\n\nBody text here."


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_present(table: str) -> None:
    model_columns = set(MODELS[table].to_schema().columns)
    assert CONTRACT[table] <= model_columns
    assert model_columns == set(ARROW_SCHEMAS[table].names)


@pytest.mark.parametrize("table", sorted(MODELS))
def test_every_column_is_described(table: str) -> None:
    schema = MODELS[table].to_schema()
    missing = [name for name, col in schema.columns.items() if not col.description]
    assert missing == []
    assert "grain" in (schema.description or "")


@pytest.mark.parametrize("table", sorted(MODELS))
def test_empty_table_validates(table: str) -> None:
    MODELS[table].validate(to_frame(ARROW_SCHEMAS[table].empty_table()))


def _article(text: str = TEXT) -> Article:
    return Article("0123456789abcdef", "a.txt", "Headline", "World", text, "0" * 64, NOW, extractor_version="1")


def test_valid_rows_pass() -> None:
    arts = articles_table([_article()])
    secs = child_table("sections", [("0123456789abcdef", [Section("headline", "Headline", 0, 8)])], "1")
    tables, rejects = validate_tables({"articles": arts, "sections": secs}, {"0123456789abcdef": "a.txt"}, NOW)
    assert rejects == []
    assert tables["sections"].num_rows == 1


BAD_SECTIONS = [
    ("unknown-kind", Section("sidebar", "Headline", 0, 8), "kind"),
    ("span-does-not-slice-back", Section("headline", "Body", 0, 4), "span_slices_back"),
    ("span-outside-article", Section("paragraph", "x", 100, 101), "span_slices_back"),
    ("empty-text", Section("paragraph", "", 5, 5), "text"),
]


@pytest.mark.parametrize(("section", "check"), [c[1:] for c in BAD_SECTIONS], ids=[c[0] for c in BAD_SECTIONS])
def test_bad_row_goes_to_rejects(section: Section, check: str) -> None:
    arts = articles_table([_article()])
    good = Section("headline", "Headline", 0, 8)
    secs = child_table("sections", [("0123456789abcdef", [good, section])], "1")
    tables, rejects = validate_tables({"articles": arts, "sections": secs}, {"0123456789abcdef": "a.txt"}, NOW)
    assert tables["sections"].num_rows == 1  # the good row stays
    assert tables["articles"].num_rows == 1
    assert len(rejects) == 1
    assert rejects[0].stage == "validate" and rejects[0].source_uri == "a.txt"
    assert check in rejects[0].detail or check in rejects[0].reason


def test_orphan_rows_are_rejected() -> None:
    arts = articles_table([_article()])
    secs = child_table("sections", [("fedcba9876543210", [Section("headline", "Headline", 0, 8)])], "1")
    tables, _ = validate_tables({"articles": arts, "sections": secs}, {}, NOW)
    assert tables["sections"].num_rows == 0


def test_bad_article_takes_its_rows_with_it() -> None:
    bad = Article("0123456789abcdef", "a.txt", "", None, TEXT, "not-a-hash", NOW, extractor_version="1")
    arts = articles_table([bad])
    secs = child_table("sections", [("0123456789abcdef", [Section("headline", "Headline", 0, 8)])], "1")
    tables, rejects = validate_tables({"articles": arts, "sections": secs}, {"0123456789abcdef": "a.txt"}, NOW)
    assert (tables["articles"].num_rows, tables["sections"].num_rows) == (0, 0)
    assert [r.reason.split(":")[0] for r in rejects] == ["schema_articles"]


def test_failing_rows_maps_positions() -> None:
    frame = to_frame(child_table("sections", [("0123456789abcdef", [Section("x", "a", 0, 1), Section("headline", "a", 0, 1)])], "1"))
    failed = failing_rows(MODELS["sections"], frame)
    assert list(failed) == [0]
    assert failed[0][0].startswith("kind:isin")
    assert isinstance(frame, pd.DataFrame)

"""`etl.table_columns` (the tables as plain data, for runs that import no pandas) equals the pandera registry."""

from __future__ import annotations

import subprocess
import sys

from etl import table_columns
from etl.tables import ARROW_SCHEMAS
from schemas import registry


def test_columns_equal_the_registry() -> None:
    expected = {t.name: t.arrow_columns() for t in registry.TABLES}
    # On failure: regenerate the COLUMNS entry of the changed table from the registry's `arrow_columns()`.
    assert expected == table_columns.COLUMNS


def test_table_lists_equal_the_registry() -> None:
    assert table_columns.COMMIT_ORDER == registry.COMMIT_ORDER
    assert table_columns.CHILD_TABLES == registry.CHILD_TABLES
    assert table_columns.DERIVED_TABLES == registry.DERIVED_TABLES
    assert table_columns.UNCONTRACTED_TABLES == registry.UNCONTRACTED_TABLES


def test_arrow_schemas_follow_the_columns() -> None:
    assert list(ARROW_SCHEMAS) == [t.name for t in registry.TABLES]
    for table in registry.TABLES:
        assert [(f.name, str(f.type)) for f in ARROW_SCHEMAS[table.name]] == list(table.arrow_columns())


def test_the_nothing_new_path_imports_no_pandas_and_no_extractor() -> None:
    code = (
        "import sys, flows.cli, etl.runloop, etl.people\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'etl.pipeline', 'etl.extract', 'duckdb') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""`etl.table_columns` (the tables as plain data, for runs that import no pandas) is generated from the pandera
registry by `schemas/gen_table_columns.py`, and is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etl import table_columns
from etl.tables import ARROW_SCHEMAS
from schemas import gen_table_columns, registry


def test_the_module_is_the_generated_one() -> None:
    # On failure: run `python -m schemas.gen_table_columns` and commit src/etl/table_columns.py.
    assert gen_table_columns.main(["--check"]) == 0


def test_check_mode_fails_on_a_stale_module_and_writing_makes_it_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "table_columns.py"
    target.write_text(gen_table_columns.TARGET.read_text(encoding="utf-8").replace('("kind", "string"),', '("kind", "int32"),', 1),
                      encoding="utf-8")
    assert gen_table_columns.main(["--check"], target) == 1
    assert "differs from the registry" in capsys.readouterr().err
    assert gen_table_columns.main([], target) == 0
    assert gen_table_columns.main(["--check"], target) == 0
    assert target.read_text(encoding="utf-8") == gen_table_columns.TARGET.read_text(encoding="utf-8")


def test_columns_equal_the_registry() -> None:
    expected = {t.name: t.arrow_columns() for t in registry.TABLES}
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

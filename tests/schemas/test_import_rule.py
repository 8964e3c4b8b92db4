"""The import rule `flows → etl → schemas`: the contract imports no `etl`, and `etl` runs without Prefect."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def test_schemas_import_no_etl_flows_or_prefect() -> None:
    done = _run(
        "import sys, schemas, schemas.registry, schemas.reasons, schemas.relations\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('etl', 'flows', 'prefect'))\n"
        "print(' '.join(bad))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_etl_imports_without_prefect() -> None:
    done = _run(
        "import sys\nsys.modules['prefect'] = None  # any import of prefect now fails\n"
        "import etl.pipeline, etl.tables, etl.validate, etl.datadict, etl.report, etl.io.parquet\n"
        "etl.datadict.render_markdown()"
    )
    assert done.returncode == 0, done.stderr

"""The committed data dictionary is the one the models generate."""

from __future__ import annotations

from etl.datadict import render_markdown
from schemas import MODELS
from tests.conftest import ROOT


def test_committed_data_dictionary_is_current() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "docs/data-dictionary.md is stale: run `newsetl schema --write docs/data-dictionary.md`"


def test_dictionary_lists_every_column() -> None:
    text = render_markdown()
    for name, model in MODELS.items():
        assert f"## `{name}`" in text
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in text

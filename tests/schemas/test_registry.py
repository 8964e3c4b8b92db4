"""The contract once: the table registry, the Arrow schemas and records it feeds, and the reject reason registry."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import typing
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from pandera.errors import SchemaError

from etl import records
from etl.io.read import list_inputs
from etl.pipeline import extract_batch
from etl.settings import Settings
from etl.tables import ARROW_SCHEMAS, CHILD_TABLES, COMMIT_ORDER, TABLES
from etl.validate import to_frame
from schemas import MODELS, REASONS
from schemas.reasons import CODES, STAGES, VALIDATED_TABLES, code_of
from schemas.registry import DERIVED_TABLES
from schemas.registry import TABLES as REGISTRY
from tests.conftest import ROOT
from tests.etl.bad_inputs import MAX_BYTES, expected_rejects, make_input_folder

# The record each table's rows are built from, and the columns the pipeline adds to it.
RECORDS: dict[str, tuple[type, set[str]]] = {
    "articles": (records.Article, {"n_chars", "supersedes"}),
    "sections": (records.Section, {"article_id", "section_idx", "extractor_version"}),
    "quotes": (records.Quote, {"article_id", "quote_idx", "extractor_version"}),
    "figures": (records.Figure, {"article_id", "figure_idx", "extractor_version"}),
    "rejects": (records.Reject, set()),
}
PY_TYPE_OF_ARROW = {pa.string(): str, pa.int32(): int, pa.int64(): int, pa.float64(): float, pa.date32(): dt.date,
                    pa.timestamp("us", tz="UTC"): dt.datetime}


def test_registry_lists_every_table_once() -> None:
    names = [t.name for t in REGISTRY]
    assert len(set(names)) == len(names)
    assert TABLES == tuple(names) == tuple(MODELS) == tuple(ARROW_SCHEMAS)
    assert all(t.model.Config.name == t.name for t in REGISTRY)


@pytest.mark.parametrize("table", REGISTRY, ids=[t.name for t in REGISTRY])
def test_arrow_schema_is_the_models_columns_in_order(table) -> None:
    assert ARROW_SCHEMAS[table.name].names == list(MODELS[table.name].to_schema().columns)


def test_arrow_types_today() -> None:
    """The file format of the tables: changing a type here changes every consumer's reads."""
    types = {(t, f.name): str(f.type) for t, s in ARROW_SCHEMAS.items() for f in s}
    assert types[("articles", "published_at")] == "date32[day]"
    assert types[("articles", "ingested_at")] == types[("rejects", "rejected_at")] == "timestamp[us, tz=UTC]"
    assert {types[(t, c)] for t in CHILD_TABLES for c in ("char_start", "char_end", CHILD_TABLES[t])} == {"int32"}
    assert types[("runs", "files_seen")] == "int64" and types[("figures", "value")] == "double"
    assert all(f.nullable for s in ARROW_SCHEMAS.values() for f in s)  # as the output marker's fingerprint records them


def test_commit_order() -> None:
    assert sorted(COMMIT_ORDER) == sorted(TABLES)
    batch = [t for t in COMMIT_ORDER if t not in DERIVED_TABLES]
    assert COMMIT_ORDER[0] == "rejects" and batch[-1] == "runs"
    assert COMMIT_ORDER[len(batch):] == DERIVED_TABLES  # rebuilt whole after the run's batches
    assert all(COMMIT_ORDER.index(child) < COMMIT_ORDER.index("articles") for child in CHILD_TABLES)


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_record_fields_are_the_tables_columns(name: str) -> None:
    """Each record holds exactly its table's columns but those the pipeline adds, with matching types and nullability."""
    record, added = RECORDS[name]
    hints = typing.get_type_hints(record)
    schema = ARROW_SCHEMAS[name]
    model = MODELS[name].to_schema()
    assert set(hints) == set(schema.names) - added
    for field_name, hint in hints.items():
        args = set(typing.get_args(hint)) or {hint}
        optional = type(None) in args
        (py_type,) = args - {type(None)}
        assert py_type is PY_TYPE_OF_ARROW[schema.field(field_name).type], field_name
        assert optional == model.columns[field_name].nullable, field_name


def test_child_tables_are_the_registrys() -> None:
    assert CHILD_TABLES == {"sections": "section_idx", "quotes": "quote_idx", "figures": "figure_idx"}
    assert set(VALIDATED_TABLES) == {"articles", *CHILD_TABLES}


# ------------------------------------------------------------------------------ reject reasons

def test_reason_registry_is_well_formed() -> None:
    codes = [r.code for r in REASONS]
    assert len(set(codes)) == len(codes)
    for r in REASONS:
        assert r.stages and set(r.stages) <= set(STAGES), r.code
        assert r.meaning[0].isupper() and r.meaning.endswith("."), r.code
    assert {f"schema_{t}" for t in VALIDATED_TABLES} <= CODES


def test_rejects_model_describes_every_code() -> None:
    description = MODELS["rejects"].to_schema().columns["reason"].description
    assert all(f"`{code}`" in description for code in CODES if not code.startswith("schema_"))
    assert "`schema_<table>:<check>`" in description


WRITERS = [p for p in sorted((ROOT / "src" / "etl").rglob("*.py")) if "extract" not in p.parts and "lexicons" not in p.parts]
WRITERS += sorted((ROOT / "flows").glob("*.py"))


def _written_reasons() -> tuple[set[str], set[str]]:
    """Reason codes written in the code: literal codes, and the literal prefixes of codes built by f-string.

    A code is the `reason` argument of any call to a function or dataclass that has a `reason`
    parameter or field (`Reject`, `DecodeProblem`, `_reject`, …), followed through a local name
    it was assigned to, or the first item of a `("code", "A sentence …")` pair (the listing
    problems that become rejects).
    """
    trees = [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in WRITERS]
    defined = [_reason_positions(tree) for tree in trees]
    everywhere = {name: pos for names in defined for name, pos in names.items() if pos is not None}
    codes: set[str] = set()
    prefixes: set[str] = set()
    for tree, local in zip(trees, defined, strict=True):
        position = {**everywhere, **local}  # a module's own `_reject` is the one its calls mean
        assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)

        def note(value: ast.expr, depth: int = 0, assigned: dict[str, list[ast.expr]] = assigned) -> None:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                codes.add(value.value)
            elif isinstance(value, ast.JoinedStr) and value.values and isinstance(value.values[0], ast.Constant):
                prefixes.add(str(value.values[0].value))
            elif isinstance(value, ast.BinOp):  # "schema_" + ...
                note(value.left, depth)
            elif isinstance(value, ast.Subscript):  # code[:80]
                note(value.value, depth)
            elif isinstance(value, ast.Name) and depth < 3:
                for source in assigned.get(value.id, []):
                    note(source, depth + 1)

        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name in position and position[name] is not None:
                    args = [kw.value for kw in node.keywords if kw.arg == "reason"]
                    if not args and len(node.args) > position[name]:
                        args = [node.args[position[name]]]
                    for arg in args:
                        note(arg)
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                first, second = node.elts
                sentence = second.values[0] if isinstance(second, ast.JoinedStr) and second.values else second
                if (isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.isidentifier()
                        and isinstance(sentence, ast.Constant) and isinstance(sentence.value, str) and sentence.value[:1].isupper()):
                    codes.add(first.value)
    return codes, prefixes


def _reason_positions(tree: ast.Module) -> dict[str, int | None]:
    """Functions and classes defined in a module → the position of their `reason` parameter or field (None: none)."""
    out: dict[str, int | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            params = [a.arg for a in node.args.posonlyargs + node.args.args]
        elif isinstance(node, ast.ClassDef):
            params = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
        else:
            continue
        out[node.name] = params.index("reason") if "reason" in params else None
    return out


def test_every_written_reason_is_registered() -> None:
    codes, prefixes = _written_reasons()
    assert codes >= {"empty", "duplicate", "too_large", "extractor_error", "not_a_file"}  # the scan finds the known writers
    assert codes - CODES == set(), "register these reject reasons in schemas/reasons.py"
    for prefix in prefixes:
        assert any(code.startswith(prefix) for code in CODES), f"no registered code starts with {prefix!r}"


def test_every_registered_reason_is_written() -> None:
    codes, prefixes = _written_reasons()
    unwritten = {c for c in CODES if c not in codes and not any(c.startswith(p) for p in prefixes)}
    assert unwritten == set(), "registered reject reasons that nothing writes"


def test_rejects_of_a_real_run_meet_the_contract(tmp_path: Path) -> None:
    """Every reject a batch of broken inputs produces carries a registered code, at a stage that writes it."""
    items = list_inputs(str(make_input_folder(tmp_path)))
    rejects = extract_batch(items, Settings(max_bytes=MAX_BYTES)).tables["rejects"]
    frame = to_frame(rejects)
    assert set(frame["reason"]) == set(expected_rejects().values())
    MODELS["rejects"].validate(frame)


@pytest.mark.parametrize(
    ("reason", "stage", "ok"),
    [("empty", "ingest", True), ("schema_quotes:span_slices_back", "validate", True), ("extractor_error", "figures", True),
     ("emptied", "ingest", False), ("schema:quotes:span_slices_back", "validate", False), ("empty", "validate", False),
     ("duplicate", "quotes", False)],
)
def test_rejects_model_checks_code_and_stage(reason: str, stage: str, ok: bool) -> None:
    row = records.Reject("a.txt", stage, reason, "A sentence.", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    frame = to_frame(pa.Table.from_pylist([dataclasses.asdict(row)], schema=ARROW_SCHEMAS["rejects"]))
    assert isinstance(frame, pd.DataFrame)
    if ok:
        MODELS["rejects"].validate(frame)
        assert code_of(reason) in CODES
    else:
        with pytest.raises(SchemaError, match=r"registered_code|stage_of_code|str_matches"):
            MODELS["rejects"].validate(frame)


def test_a_runs_row_meets_the_contract() -> None:
    """The `runs` row is built from a dict: every column of the model must be filled (none silently null)."""
    from etl.runs import RunSummary

    started = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    summary = RunSummary(run_id="20260101T000000Z-abcdef", started_at=started, input_root="in", files=2)
    summary.rows.update({"articles": 1, "sections": 3})
    summary.rejects.update({"empty": 1})
    MODELS["runs"].validate(to_frame(summary.to_table(started + dt.timedelta(seconds=2))))

"""The compiled extractor modules: same output as their sources, never a stale build, one family at a time.

`setup.py` compiles each extractor family (sections, quotes, figures) with mypyc as a group of its
own; `etl.extract.native` picks compiled or pure per family.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import etl.extract
from etl.extract import native
from tests.conftest import ROOT, SHARED

# Sections, quotes and figures of these texts (a value compares equal as int or float). Run in a
# child process, so that NEWSETL_PURE_PYTHON takes effect before `etl.extract` is imported.
_DUMP = """
import dataclasses, json, sys
import etl.extract
from etl.extract import extract_figures, extract_quotes, split_sections
texts = json.load(sys.stdin)
rows = []
for t in texts:
    secs = split_sections(t)
    rows.append([dataclasses.astuple(r) for r in [*secs, *extract_quotes(t, secs), *extract_figures(t, secs)]])
print(json.dumps({"compiled": etl.extract.COMPILED, "rows": rows}))
"""


def _texts() -> list[str]:
    """Real articles (GenderGapTracker and PolNeAR cases), figure test cases and the repository's own samples."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "data" / "sample").glob("*.txt"))]
    for name in ("quotes-dev.jsonl", "figures-dev.jsonl"):
        cases = SHARED / "eval" / "cases" / name
        if cases.exists():
            with cases.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for n, line in enumerate(fh) if n % 4 == 0]
    return texts


def _dump(texts: list[str], pure: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    child = subprocess.run([sys.executable, "-c", _DUMP], input=json.dumps(texts), env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(child.stdout)


def test_compiled_and_pure_python_give_the_same_rows() -> None:
    if not etl.extract.COMPILED:
        pytest.skip("the extractors are not compiled in this install (pure Python only)")
    texts = _texts()
    compiled, pure = _dump(texts, pure=False), _dump(texts, pure=True)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert sum(map(len, compiled["rows"])) > 2000  # the texts hold sections, quotes and figures
    for text, a, b in zip(texts, compiled["rows"], pure["rows"], strict=True):
        assert a == b, text[:80]


def test_ci_runs_the_compiled_modules() -> None:
    """CI installs with a compiler: the fast path is the one its tests exercise."""
    if os.environ.get("NEWSETL_EXPECT_COMPILED") != "1":
        pytest.skip("NEWSETL_EXPECT_COMPILED=1 is set by .ci/run only")
    assert etl.extract.COMPILED
    assert native.FAMILIES == {"sections": True, "quotes": True, "figures": True}
    folder = Path(native.__file__).parent
    modules = ["etl.extract.sections"] + [f"etl.extract.{p.parent.name}.{p.stem}" for p in sorted(folder.glob("*/*.py")) if p.stem != "__init__"]
    assert len(modules) > 15  # every module of the quotes and figures packages
    for name in modules:
        assert str(importlib.import_module(name).__file__).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), name


def _fake_module(folder: Path, relative: str) -> str:
    """Write `relative` (`demo.py`, `pack/other.py`) as a source and a fake extension; its sha256."""
    source = folder / relative
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(f"VALUE = 'pure {source.stem}'\n")
    source.with_name(source.stem + importlib.machinery.EXTENSION_SUFFIXES[0]).write_bytes(b"not really compiled")
    return hashlib.sha256(source.read_bytes()).hexdigest()


@pytest.fixture
def fake_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding two families, `demo` (module `demo`) and `pack` (module `pack.other`): sources,
    (fake) compiled extensions and the build's manifest."""
    manifest = {"families": {
        "demo": {"etl.extract.demo": _fake_module(tmp_path, "demo.py")},
        "pack": {"etl.extract.pack.other": _fake_module(tmp_path, "pack/other.py")},
    }}
    (tmp_path / "_compiled.json").write_text(json.dumps(manifest))
    monkeypatch.setattr(native, "FOLDER", tmp_path)
    monkeypatch.setattr(native, "MANIFEST", tmp_path / "_compiled.json")
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    before, families = list(sys.meta_path), dict(native.FAMILIES)
    yield tmp_path
    sys.meta_path[:] = before
    native.FAMILIES.clear()
    native.FAMILIES.update(families)  # the real install's state again
    sys.modules.pop("etl.extract.demo", None)


def _routed_to_source(name: str = "etl.extract.demo") -> bool:
    return any(isinstance(f, native._SourcesFirst) and name in f.names for f in sys.meta_path)


def test_a_fresh_build_runs_compiled(fake_build: Path) -> None:
    assert native.choose() is True
    assert not _routed_to_source()
    assert native.FAMILIES == {"demo": True, "pack": True}


def test_an_edited_source_runs_as_python_not_the_stale_extension(fake_build: Path, caplog: pytest.LogCaptureFixture) -> None:
    (fake_build / "demo.py").write_text("VALUE = 'edited'\n")
    assert native.choose() is False
    assert _routed_to_source()
    assert "etl.extract.demo changed after it was compiled" in caplog.text
    assert importlib.import_module("etl.extract.demo").VALUE == "edited"  # the fake extension would not even load


def test_an_edited_module_drops_only_its_own_family_to_python(fake_build: Path) -> None:
    (fake_build / "pack" / "other.py").write_text("VALUE = 'edited'\n")
    assert native.choose() is False
    assert _routed_to_source("etl.extract.pack.other")
    assert not _routed_to_source("etl.extract.demo")  # the other family stays compiled
    assert native.FAMILIES == {"demo": True, "pack": False}


def test_extensions_without_a_manifest_run_as_python(fake_build: Path) -> None:
    (fake_build / "_compiled.json").unlink()
    assert native.choose() is False
    assert _routed_to_source()


def test_the_pure_python_switch(fake_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.choose() is False
    assert _routed_to_source() and _routed_to_source("etl.extract.pack.other")


def test_no_extensions_means_pure_python_without_a_finder(fake_build: Path) -> None:
    for ext in [*fake_build.glob("demo.*"), *fake_build.glob("pack/other.*")]:
        if ext.suffix != ".py":
            ext.unlink()
    assert native.choose() is False
    assert not _routed_to_source()

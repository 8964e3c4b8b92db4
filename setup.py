"""Build hook: compile the extractors' modules to C with mypyc, else install them as Python.

The project's metadata lives in `pyproject.toml`; this file only adds the compiled modules. mypyc
(part of mypy) turns the type-annotated pure-Python modules into C extensions: the same code, the
same output, about 1.7x faster (quotes; figures and sections gain too), which the extract stages
need to keep up with a newsroom archive on two cores.
The `.py` sources stay beside the extensions; `etl.extract.native` runs them instead when
`NEWSETL_PURE_PYTHON=1` is set or when a source changed after the build (an editable install
that was not rebuilt). With no C compiler, or with `NEWSETL_COMPILE=0`, the install is pure Python.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
# The modules compiled together (they call each other natively, so they run compiled or not as one).
COMPILED = [
    "src/etl/extract/cues.py",
    "src/etl/extract/quotemarks.py",
    "src/etl/extract/speakers.py",
    "src/etl/extract/quotecontext.py",
    "src/etl/extract/clauses.py",
    "src/etl/extract/names.py",
    "src/etl/extract/quotes.py",
    "src/etl/extract/sections.py",
    "src/etl/extract/numbers.py",
    "src/etl/extract/dates.py",
    "src/etl/extract/figures.py",
]
MANIFEST = "_compiled.json"  # written beside the extensions: module -> sha256 of the source compiled


def _manifest() -> dict[str, dict[str, str]]:
    return {"modules": {"etl.extract." + Path(p).stem: hashlib.sha256((HERE / p).read_bytes()).hexdigest() for p in COMPILED}}


class BuildWithFallback(build_ext):
    """build_ext that records what it compiled, and leaves a pure-Python install if compiling fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any compiler failure means: install the pure-Python sources
            print(f"newsetl: compiling the extractors failed ({exc}); installing them as pure Python", file=sys.stderr)
            self.extensions = []
            return
        if self.extensions:
            folder = Path(self.get_ext_fullpath("etl.extract.quotes")).parent
            folder.mkdir(parents=True, exist_ok=True)
            (folder / MANIFEST).write_text(json.dumps(_manifest(), indent=1) + "\n")


def _extensions() -> list:
    """The mypyc extensions, or none where compiling is switched off or mypyc is missing."""
    stale = HERE / "src" / "etl" / "extract" / MANIFEST
    stale.unlink(missing_ok=True)  # a manifest from an earlier build must not outlive its extensions
    if os.environ.get("NEWSETL_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(COMPILED, opt_level="3", group_name="etl.extract._native")
    except (SystemExit, Exception) as exc:  # noqa: BLE001 - no mypyc, or mypy's type errors exit: pure Python still works
        print(f"newsetl: not compiling the extractors ({exc!r}); installing them as pure Python", file=sys.stderr)
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildWithFallback})

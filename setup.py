"""Build hook: compile the extractors' modules to C with mypyc, else install them as Python.

The project's metadata lives in `pyproject.toml`; this file only adds the compiled modules. mypyc
(part of mypy) turns the type-annotated pure-Python modules into C extensions: the same code, the
same output, about 1.7x faster (quotes; figures and sections gain too), which the extract stages
need to keep up with a newsroom archive on two cores. The module list is derived from the
package folders: one group per family (`sections`, `quotes/`, `figures/`).
The `.py` sources stay beside the extensions; `etl.extract.native` runs a family's sources instead
when `NEWSETL_PURE_PYTHON=1` is set or when one of its sources changed after the build (an
editable install that was not rebuilt): the other families stay compiled. With no C compiler, or
with `NEWSETL_COMPILE=0` (an editable install for quick edits, by choice), the install is pure
Python; CI (`.ci/run`) and wheels compile.
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
EXTRACT = HERE / "src" / "etl" / "extract"
# Left as Python: the package entry points, the compiled-or-source switch, and `text.py`, which
# runs only while lexicons are built and is shared by the families (compiled, an edit to it would
# have to drop every family to its sources).
NOT_COMPILED = frozenset(("__init__.py", "native.py", "text.py"))
MANIFEST = "_compiled.json"  # written beside the extensions: family -> module -> sha256 of the source compiled


def families() -> dict[str, list[Path]]:
    """Family -> the sources compiled into its group: `sections.py` alone, every module of `quotes/`, of `figures/`.

    Each family is one mypyc group (one shared library): its modules call each other natively,
    no family calls another, so an edited module drops only its own family to pure Python.
    """
    out: dict[str, list[Path]] = {}
    for path in sorted(EXTRACT.iterdir()):
        if path.is_file() and path.suffix == ".py" and path.name not in NOT_COMPILED:
            out[path.stem] = [path]
        elif path.is_dir() and (path / "__init__.py").exists():
            out[path.name] = sorted(p for p in path.glob("*.py") if p.name not in NOT_COMPILED)
    return out


def _module(path: Path) -> str:
    return ".".join(("etl", *path.relative_to(HERE / "src" / "etl").with_suffix("").parts))


def _manifest() -> dict[str, dict[str, dict[str, str]]]:
    return {"families": {fam: {_module(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths} for fam, paths in families().items()}}


# The sources' hashes as mypyc read them (taken right before `mypycify`, which writes the C code
# at once): a source edited while the C compiler runs is then recorded as stale, not as compiled.
_COMPILED: dict[str, dict[str, dict[str, str]]] = {}


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
            folder = Path(self.get_ext_fullpath("etl.extract.sections")).parent
            folder.mkdir(parents=True, exist_ok=True)
            (folder / MANIFEST).write_text(json.dumps(_COMPILED, indent=1) + "\n")


def _extensions() -> list:
    """The mypyc extensions, or none where compiling is switched off or mypyc is missing."""
    stale = HERE / "src" / "etl" / "extract" / MANIFEST
    stale.unlink(missing_ok=True)  # a manifest from an earlier build must not outlive its extensions
    if os.environ.get("NEWSETL_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify

        groups = families()
        _COMPILED.update(_manifest())
        paths = [str(p.relative_to(HERE)) for ps in groups.values() for p in ps]
        separate = [([str(p.relative_to(HERE)) for p in ps], f"etl.extract._native_{fam}") for fam, ps in groups.items()]
        return mypycify(paths, opt_level="3", separate=separate)
    except (SystemExit, Exception) as exc:  # noqa: BLE001 - no mypyc, or mypy's type errors exit: pure Python still works
        print(f"newsetl: not compiling the extractors ({exc!r}); installing them as pure Python", file=sys.stderr)
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildWithFallback})

"""Whether each extractor family runs as mypyc-compiled C extensions or as its pure-Python sources.

`setup.py` compiles each family (`sections`, `quotes/`, `figures/`) as its own group and records,
in `_compiled.json`, a hash of every source it compiled, by family. `choose()` runs once, when
`etl.extract` is imported, before any extractor module: a family runs compiled only when every
recorded hash of that family still matches its source. Otherwise (an edited source in an editable
install, extensions without a manifest) or when `NEWSETL_PURE_PYTHON=1`, imports of that family's
modules load the `.py` files, while the other families stay compiled: output is the same either
way, only the speed differs, and a stale extension never runs code that was edited away.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parent
MANIFEST = FOLDER / "_compiled.json"
PURE_ENV = "NEWSETL_PURE_PYTHON"
PACKAGE = "etl.extract"
# Family -> True when it runs compiled; filled in by `choose()` (empty: nothing was compiled).
FAMILIES: dict[str, bool] = {}


def _source(name: str) -> Path:
    """The `.py` file of module `etl.extract.<...>`."""
    return FOLDER.joinpath(*name.split(".")[2:]).with_suffix(".py")


class _SourcesFirst(MetaPathFinder):
    """Loads the named modules from their `.py` sources, ahead of any compiled extension."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _source(fullname))


def _extension_modules() -> set[str]:
    """`etl.extract.<...>` for every compiled extension below the folder that has a `.py` source."""
    found = set()
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for ext in FOLDER.rglob("*" + suffix):
            source = ext.with_name(ext.name[: -len(suffix)] + ".py")
            if source.exists():
                found.add(".".join((PACKAGE, *source.relative_to(FOLDER).with_suffix("").parts)))
    return found


def _stale(recorded: dict[str, str]) -> list[str]:
    """The recorded modules whose source no longer hashes to what was compiled."""
    out = []
    for name, digest in recorded.items():
        source = _source(name)
        if not source.exists() or hashlib.sha256(source.read_bytes()).hexdigest() != digest:
            out.append(name)
    return out


def _recorded() -> dict[str, dict[str, str]]:
    """Family -> {module: sha256 of the source compiled}, from the build's manifest ({} when unreadable)."""
    try:
        families = json.loads(MANIFEST.read_text())["families"]
        return {str(f): {str(m): str(d) for m, d in mods.items()} for f, mods in families.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def choose() -> bool:
    """Route each family's imports to its compiled or its pure modules; True when every family runs compiled."""
    FAMILIES.clear()
    compiled = _extension_modules()
    if not compiled:
        return False
    recorded = _recorded()
    routed: set[str] = set()
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        routed = set(compiled)  # asked for: no warning
    else:
        unrecorded = compiled - {m for mods in recorded.values() for m in mods}
        if unrecorded:
            routed |= unrecorded
            log.warning("running %s as pure Python, which is slower: the compiled extensions have no build manifest", ", ".join(sorted(unrecorded)))
        for family, mods in recorded.items():
            stale = _stale(mods)
            if stale:
                routed |= set(mods) & compiled
                log.warning("running the %s extractors as pure Python, which is slower: %s changed after it was compiled "
                            "(reinstall: pip install -e .)", family, ", ".join(sorted(stale)))
    for family, mods in recorded.items():
        FAMILIES[family] = bool(set(mods) & compiled) and not set(mods) & routed
    if routed:
        sys.meta_path.insert(0, _SourcesFirst(routed))
    return not routed

"""Whether the extractors run as mypyc-compiled C extensions or as their pure-Python sources.

`setup.py` compiles the quote modules and records, in `_compiled.json`, a hash of each source it
compiled. `choose()` runs once, when `etl.extract` is imported, before any extractor module:
the compiled modules are used only when every recorded hash still matches its source. Otherwise
(an edited source in an editable install, extensions without a manifest) or when
`NEWSETL_PURE_PYTHON=1`, imports of those modules load the `.py` files: output is the same
either way, only the speed differs, and a stale extension never runs code that was edited away.
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


class _SourcesFirst(MetaPathFinder):
    """Loads the named modules from their `.py` sources, ahead of any compiled extension."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, FOLDER / (fullname.rsplit(".", 1)[1] + ".py"))


def _extension_modules() -> set[str]:
    """`etl.extract.<name>` for every compiled extension in the folder that has a `.py` source."""
    found = set()
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for ext in FOLDER.glob("*" + suffix):
            stem = ext.name[: -len(suffix)]
            if (FOLDER / (stem + ".py")).exists():
                found.add("etl.extract." + stem)
    return found


def _stale(recorded: dict[str, str]) -> list[str]:
    """The recorded modules whose source no longer hashes to what was compiled."""
    out = []
    for name, digest in recorded.items():
        source = FOLDER / (name.rsplit(".", 1)[1] + ".py")
        if not source.exists() or hashlib.sha256(source.read_bytes()).hexdigest() != digest:
            out.append(name)
    return out


def choose() -> bool:
    """Route the extractor imports to compiled or pure modules; True when they run compiled."""
    compiled = _extension_modules()
    if not compiled:
        return False
    try:
        recorded: dict[str, str] = json.loads(MANIFEST.read_text())["modules"]
    except (OSError, ValueError, KeyError, TypeError):
        recorded = {}
    reason = None
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        reason = f"{PURE_ENV} is set"
    elif not recorded or set(recorded) != compiled:
        reason = "the compiled extensions have no build manifest"
    elif stale := _stale(recorded):
        reason = f"{', '.join(sorted(stale))} changed after it was compiled (reinstall: pip install -e .)"
    if reason is None:
        return True
    if reason != f"{PURE_ENV} is set":
        log.warning("running the extractors as pure Python, which is slower: %s", reason)
    sys.meta_path.insert(0, _SourcesFirst(compiled))
    return False

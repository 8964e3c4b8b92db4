"""Word lists and patterns kept as data files, read through typed accessors that name what is wrong.

Each `*.json` here is one lexicon; `README.md` says what each key means and which module reads it.
The extractor families build their lexicon objects from these once (`etl.extract.check_lexicons`);
an accessor raises `LexiconError`, one line naming the file and the key, when an entry is missing
or of the wrong shape, so a broken file stops a run before it starts.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

# Where the lexicon files are read from (a test points it at a copy with a broken file).
FOLDER = Path(__file__).resolve().parent
# (file, key) of every entry an accessor has handed out, for the test that no key is dead.
_READ: set[tuple[str, str]] = set()


class LexiconError(ValueError):
    """A lexicon file is missing, is not valid JSON, or holds an entry of the wrong shape."""


def names() -> list[str]:
    """The lexicons in `FOLDER`, by file name without `.json`."""
    return sorted(p.stem for p in FOLDER.glob("*.json"))


@cache
def _document(folder: Path, name: str) -> dict[str, Any]:
    path = folder / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"lexicon {name}.json cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise LexiconError(f"lexicon {name}.json is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {name}.json must hold a JSON object of named lists")
    return data


def entry(name: str, key: str) -> Any:
    """The raw value of `key` in lexicon `name`."""
    data = _document(FOLDER, name)
    if key not in data:
        raise LexiconError(f"lexicon {name}.json: key {key!r} is missing")
    _READ.add((name, key))
    return data[key]


def words(name: str, key: str) -> list[str]:
    """`key` of lexicon `name`: a list of non-empty strings, in file order."""
    value = entry(name, key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"lexicon {name}.json: key {key!r} must be a list of non-empty strings")
    return value


def table(name: str, key: str, value_type: type | tuple[type, ...] | None = None) -> dict[str, Any]:
    """`key` of lexicon `name`: an object whose keys are non-empty strings (and values of `value_type`)."""
    value = entry(name, key)
    if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
        raise LexiconError(f"lexicon {name}.json: key {key!r} must be an object keyed by non-empty strings")
    if value_type is not None:
        bad = next((k for k, v in value.items() if not isinstance(v, value_type) or isinstance(v, bool)), None)
        if bad is not None:
            raise LexiconError(f"lexicon {name}.json: key {key!r}: the value of {bad!r} is not a {_type_name(value_type)}")
    return value


def records(name: str, key: str, fields: dict[str, type | tuple[type, ...]]) -> dict[str, dict[str, Any]]:
    """`key` of lexicon `name`: an object of objects, each holding `fields` with values of their types.

    A field whose type includes `NoneType` may be left out.
    """
    value = table(name, key, dict)
    for entry, body in value.items():
        for field, ftype in fields.items():
            types = ftype if isinstance(ftype, tuple) else (ftype,)
            if field not in body and type(None) in types:
                continue
            if field not in body or not isinstance(body[field], ftype):
                raise LexiconError(f"lexicon {name}.json: key {key!r}: entry {entry!r} needs {field!r} as a {_type_name(ftype)}")
    return value


def _type_name(t: type | tuple[type, ...]) -> str:
    return " or ".join(x.__name__ for x in (t if isinstance(t, tuple) else (t,)))


def read_keys() -> set[tuple[str, str]]:
    """(file, key) of every entry handed out so far in this process."""
    return set(_READ)


def reset() -> None:
    """Forget the parsed files (after `FOLDER` changed); the families' cached lexicons are theirs to clear."""
    _document.cache_clear()

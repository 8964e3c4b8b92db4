"""Relaying outlets: the `via` forms of one outlet (`BBC`, `the BBC`, `BBC News`) under one key.

An outlet's key is its folded name without a leading `the`; a form written with a trailing
`News` / `Newswires` / `Agency` (lexicon `outlet_suffixes`) is the outlet without it when that
shorter name is itself an outlet form seen in the archive or a canonical name of the lexicon
(`BBC News` → `BBC`, `Kyodo News` → `Kyodo` only when `Kyodo` occurs; `Sky News` stays itself
when `Sky` does not). Abbreviations and other names of one outlet are the lexicon's
`outlet_aliases` (`AP` → `Associated Press`): no general resource lists news outlets' names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from etl.lexicons import table, words
from etl.people.names import fold


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet: its key, the name shown, and the forms written for it."""

    key: str
    name: str
    forms: tuple[str, ...]


@cache
def _aliases() -> dict[str, str]:
    """Folded alias or canonical name → canonical name."""
    out: dict[str, str] = {}
    for canonical, forms in table("people", "outlet_aliases", list).items():
        out[bare_key(canonical)] = canonical
        for f in forms:
            out[bare_key(f)] = canonical
    return out


@cache
def _suffixes() -> tuple[str, ...]:
    """Outlet suffixes, longest first, folded."""
    return tuple(sorted((fold(s) for s in words("people", "outlet_suffixes")), key=len, reverse=True))


def bare_key(form: str) -> str:
    """The folded form without a leading `the` (`the BBC` → `bbc`)."""
    key = fold(form)
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def outlet_key(form: str, known: frozenset[str]) -> str:
    """The key of the outlet a `via` form names, given the bare keys of every form in the archive."""
    key = bare_key(form)
    aliases = _aliases()
    if key in aliases:
        return bare_key(aliases[key])
    for suffix in _suffixes():
        if key.endswith(" " + suffix):
            shorter = key[: -len(suffix) - 1].strip()
            if shorter in known or shorter in aliases:
                return bare_key(aliases.get(shorter, shorter))
    return key


def normalise_outlets(forms: Mapping[str, int] | Iterable[str]) -> dict[str, Outlet]:
    """Each distinct `via` form → its outlet; `forms` may carry how often each was written (to pick the name shown)."""
    counts = Counter(forms) if not isinstance(forms, Mapping) else Counter(dict(forms))
    known = frozenset(bare_key(f) for f in counts)
    key_of = {f: outlet_key(f, known) for f in counts if fold(f)}
    by_key: dict[str, list[str]] = {}
    for f, k in key_of.items():
        by_key.setdefault(k, []).append(f)
    canonical = {bare_key(c): c for c in set(_aliases().values())}
    outlets: dict[str, Outlet] = {}
    for key, members in by_key.items():
        written = sorted(members, key=lambda f: (-counts[f], f))
        name = canonical.get(key) or _capital_the(written[0])
        outlet = Outlet(key, name, tuple(sorted(members)))
        for f in members:
            outlets[f] = outlet
    return outlets


def _capital_the(form: str) -> str:
    """A written form with a leading `the` capitalised (`the Times` → `The Times`)."""
    return "The " + form[4:] if form[:4] == "the " and len(form) > 4 else form

"""Stable ids for people, outlets and quotations.

Every name form has an id of its own: the first 16 hex digits of the SHA-256 of its kind and
comparison key, so the same names give the same ids on any machine and any run. An entity takes
the id it had in the previous build when one of its forms resolved to it then (so a person keeps
their id when a fuller form of their name turns up later), else the id of its most specific
form; every other id that resolves to it (its forms' own ids, and the ids of entries a later run
merged into it) is listed in its `merged_ids`.
"""

from __future__ import annotations

import hashlib
from collections import Counter


def _h(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def form_id(kind: str, key: str) -> str:
    """The id of one name form (`person`, `nigel lawson`)."""
    return _h(f"person|{kind}|{key}")


def entity_id(kind: str, key: str) -> str:
    """The id an entity gets from its most specific form when it had none before."""
    return form_id(kind, key)


def outlet_id(key: str) -> str:
    """The id of an outlet key (`bbc`)."""
    return _h(f"outlet|{key}")


def carry_over(member_ids: list[list[str]], fresh: list[str], previous: dict[str, str]) -> tuple[list[str], list[set[str]]]:
    """Each entity's id and the earlier ids that now resolve to it.

    Args:
        member_ids: per entity, the ids of its forms.
        fresh: per entity, the id of its most specific form.
        previous: id → the `person_id` it resolved to in the previous build.

    Entities are served largest first; an earlier id goes to the entity most of whose forms
    had it (ties: the smaller id), and to one entity only.
    """
    order = sorted(range(len(fresh)), key=lambda i: (-len(member_ids[i]), fresh[i]))
    taken: set[str] = set()
    ids = [""] * len(fresh)
    earlier: list[set[str]] = [set() for _ in fresh]
    for i in order:
        votes = Counter(previous[m] for m in member_ids[i] if m in previous)
        earlier[i] = set(votes)
        choice = next((pid for pid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])) if pid not in taken), None)
        if choice is None:
            choice = next((c for c in [fresh[i], *member_ids[i]] if c not in taken), None) or _h("person|" + "|".join(member_ids[i]))
        ids[i] = choice
        taken.add(choice)
    return ids, earlier

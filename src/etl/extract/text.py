"""Text helpers that more than one extractor family uses: regular expressions built from word lists.

Runs only while a family builds its lexicon (never per article), so it stays pure Python and
outside the compiled groups (`setup.py`): editing it drops no family to its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str], order: str = "") -> str:
    """A regex matching exactly `words`, factored by shared prefixes (`sa(?:id|ys|y(?:ing)?)`).

    `re` tries a flat alternation of hundreds of words one by one (8x slower on the cue forms);
    the trie never backtracks further than one word, so it stays linear. The branches of a node
    open with distinct characters, so their order changes what is tried first, never what matches:
    those in `order` come first, in its order, then the rest sorted (a case-sensitive pattern only).
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    first = {ch: i for i, ch in enumerate(order)}

    def rank(item: tuple[str, dict]) -> tuple[int, str]:
        return first.get(item[0], len(first)), item[0]

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items(), key=rank) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words` escaped, in the order given (for lists short enough not to need a trie)."""
    return "|".join(re.escape(w) for w in words)

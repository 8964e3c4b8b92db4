"""Space-separated words around a position, with their spans: the unit of the subject and clause scans.

One `split` of a short window rather than a regex: these run for every cue.
"""

from __future__ import annotations

# Characters of window per word wanted: longer words are rare, and a short window keeps `split` cheap.
_WORD_WINDOW = 24


def words_before(text: str, lo: int, pos: int, n: int) -> list[tuple[int, int]]:
    """Spans of the (at most) `n` space-separated words that end before `pos`, from `lo` on."""
    start = max(lo, pos - _WORD_WINDOW * n)
    chunk = text[start:pos]
    parts = chunk.rsplit(" ", n + 1)  # enough from the right unless empty parts (double spaces) eat them
    if len(parts) == n + 2 and len(parts) - parts.count("") - bool(parts[0]) < n:
        parts = chunk.split(" ")
    out: list[tuple[int, int]] = []
    end = pos
    for k in range(len(parts) - 1, -1, -1):
        part = parts[k]
        s = end - len(part)
        if part and (k > 0 or start == lo or text[start - 1] == " "):  # not a word cut by the window
            out.append((s, end))
            if len(out) == n:
                break
        end = s - 1
    out.reverse()
    return out


def words_after(text: str, pos: int, hi: int, n: int) -> list[tuple[int, int, str]]:
    """The (at most) `n` space-separated words that start at or after `pos`, before `hi`: (start, end, word)."""
    stop = min(hi, pos + _WORD_WINDOW * n)
    out: list[tuple[int, int, str]] = []
    s = pos
    chunk = text[pos:stop]
    parts = chunk.split(" ", n + 1)
    if len(parts) == n + 2 and len(parts) - parts.count("") - bool(parts[-1]) < n:
        parts = chunk.split(" ")
    whole = stop == hi or (stop < len(text) and text[stop] == " ")
    for part in parts:
        e = s + len(part)
        if part and (e < stop or whole):
            out.append((s, e, part))
            if len(out) == n:
                break
        s = e + 1
    return out

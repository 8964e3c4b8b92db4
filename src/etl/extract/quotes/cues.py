"""Cue words in text: the reporting verbs and phrases (`said`, `according to`) a quote rests on."""

from __future__ import annotations

import re
from typing import NamedTuple

from etl.extract.quotes.lexicon import QuoteLexicon


class Cue(NamedTuple):
    """One attributing verb or phrase in the text: `text[start:end] == word`."""

    start: int
    end: int
    word: str
    indirect: str  # free | object | that | no | phrase | quoted: whether (and how) the cue introduces reported speech;
    # quoted: a broad reporting verb (`cues_broad.json`) that attributes quotations and takes no part in reported speech
    bare: bool  # the verb's base form (`say`, `state`), which is also a noun or an infinitive


def find_cues(text: str, start: int, end: int, lex: QuoteLexicon) -> list[Cue]:
    """Every cue word or phrase in `text[start:end]`, in text order."""
    found = _scan(text, start, end, lex, lex.cue_re)
    if found is None:
        found = _scan(text, start, end, lex, lex.cue_re_unicode) or []  # never None: its boundaries are Unicode's
    return found


def _scan(text: str, start: int, end: int, lex: QuoteLexicon, pattern: re.Pattern[str]) -> list[Cue] | None:
    """The cues `pattern` finds; None when, with ASCII word boundaries, a match touches a non-ASCII letter or digit.

    The cue forms are ASCII, so the ASCII pattern (`lex.cue_re`) differs from the Unicode one only where a match
    starts or ends next to a non-ASCII word character (`ésaid`): there the scan is left to the Unicode pattern.
    """
    kind = lex.cue_kind
    new = tuple.__new__  # straight to C: `Cue(...)` and `Cue._make` each add a Python call per match
    out = []
    for m in pattern.finditer(text, start, end):
        s = m.start()
        e = m.end()
        if s:
            before = text[s - 1]
            if before == "-":
                continue  # `long-said`: part of a hyphenated word
            if not before.isascii() and before.isalnum():
                return None
        if e < end and not text[e].isascii() and text[e].isalnum():
            return None
        word = m.group()
        indirect, bare = kind[word]
        out.append(new(Cue, (s, e, word, indirect, bare)))
    return out


# How far back (characters) the word that may make a cue a noun is looked for.
_NOUN_LOOK_BACK = 30


def noun_use(text: str, cue: Cue, lex: QuoteLexicon) -> bool:
    """True when the word before the cue makes it a noun; a cheap test before the subject search."""
    if cue.indirect == "phrase":
        return False
    start = text.rfind(" ", max(0, cue.start - _NOUN_LOOK_BACK), cue.start - 1) + 1
    prev = text[start : cue.start].strip()
    return prev in lex.noun_makers or prev.endswith(("'s", "\u2019s"))

"""Cue words in text: the reporting verbs and phrases (`said`, `according to`) a quote rests on."""

from __future__ import annotations

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
    kind = lex.cue_kind
    new = tuple.__new__  # straight to C: `Cue(...)` and `Cue._make` each add a Python call per match
    out = []
    for m in lex.cue_re.finditer(text, start, end):
        s = m.start()
        if s and text[s - 1] == "-":
            continue  # `long-said`: part of a hyphenated word
        word = m.group()
        out.append(new(Cue, (s, m.end(), word, *kind[word])))
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

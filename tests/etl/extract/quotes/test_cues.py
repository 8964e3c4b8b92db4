"""Cue words in text: the reporting verbs and phrases found, how they take reported speech, and noun uses."""

from __future__ import annotations

import pytest

from etl.extract.quotes.cues import find_cues, noun_use
from etl.extract.quotes.lexicon import QuoteLexicon
from tests.etl.extract.quotes.conftest import corpus_texts

# (id, text, [(start, end, word, indirect, bare form, used as a noun)])
CASES = [
    ("reuters-01817-told", "Stepp told reporters that issues which caused the talks to break off are being discussed.", [(6, 10, "told", "free", False, False)]),
    ("bbc-business-071-according-to", "Now, according to Asahi Breweries, the market for so-called beer-like drinks is set to grow 84% this year.",
     [(5, 17, "according to", "phrase", False, False)]),
    ("added-takes-an-object", "He added that prices were falling.", [(3, 8, "added", "object", False, False)]),
    ("noun-after-amid", "The bank denied it amid reports of losses.", [(9, 15, "denied", "that", False, False), (24, 31, "reports", "that", False, True)]),
    ("hyphenated-is-no-cue", "It was a long-said claim.", [(19, 24, "claim", "free", True, False)]),
    # a non-ASCII letter before a cue form makes it part of a word (`d\u00e9put\u00e9s`, `p\u016fsob\u00ed`), as Unicode word boundaries say
    ("readability-lemonde-1-deputes", "Il sera d\u00e9sormais examin\u00e9 par le S\u00e9nat, puis le Conseil constitutionnel, prochainement saisi par 75 d\u00e9put\u00e9s.", []),
    ("readability-aktualne-pusobi", "Tom\u00e1\u0161 Sou\u010dek z\u016fst\u00e1v\u00e1 nepostradateln\u00fdm \u010dlenem z\u00e1kladn\u00ed sestavy, navzdory tomu, \u017ee jeho posledn\u00ed v\u00fdkony p\u016fsob\u00ed nen\u00e1padn\u011b.", []),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_cues(lex: QuoteLexicon, text: str, want: list[tuple]) -> None:
    got = find_cues(text, 0, len(text), lex)
    assert [(c.start, c.end, c.word, c.indirect, c.bare, noun_use(text, c, lex)) for c in got] == want
    assert all(text[c.start : c.end] == c.word for c in got)


@pytest.mark.parametrize("name", ["readability.jsonl", "bbc.jsonl"])
def test_find_cues_as_unicode_word_boundaries_give_them(lex: QuoteLexicon, name: str) -> None:
    """The ASCII-boundary scan finds what the Unicode pattern finds, in every article of a dev-corpus file
    (readability's French and Czech pages put letters like `\u00e9` next to cue forms)."""
    for text in corpus_texts(name).values():
        want = [(m.start(), m.group()) for m in lex.cue_re_unicode.finditer(text) if not (m.start() and text[m.start() - 1] == "-")]
        assert [(c.start, c.word) for c in find_cues(text, 0, len(text), lex)] == want

"""Word spans around a position: the words read back from a cue and ahead of it."""

from __future__ import annotations

from etl.extract.quotes.words import words_after, words_before

TEXT = "A Fed spokesman told reporters that there were no large single-day net miss"  # reuters-00203
CUE = TEXT.index("told")


def test_words_before_a_cue() -> None:
    assert words_before(TEXT, 0, CUE, 2) == [(2, 5), (6, 15)]
    assert words_before(TEXT, 0, CUE, 8) == [(0, 1), (2, 5), (6, 15)]  # no more than the sentence holds
    assert words_before(TEXT, 6, CUE, 8) == [(6, 15)]  # bounded by `lo`


def test_words_after_a_cue() -> None:
    assert words_after(TEXT, CUE + 4, len(TEXT), 3) == [(21, 30, "reporters"), (31, 35, "that"), (36, 41, "there")]
    assert words_after(TEXT, CUE + 4, 40, 14) == [(21, 30, "reporters"), (31, 35, "that"), (36, 40, "ther")]  # cut at `hi`


def test_double_spaces_do_not_eat_words() -> None:
    text = "said  the  minister  of  finance"
    assert [w for _, _, w in words_after(text, 4, len(text), 3)] == ["the", "minister", "of"]
    assert [text[s:e] for s, e in words_before(text, 0, len(text), 2)] == ["of", "finance"]

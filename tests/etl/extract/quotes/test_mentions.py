"""Mentions: names without their titles, outlets, and the mention that ends at a word."""

from __future__ import annotations

import re

import pytest

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention, clean_name, is_outlet, mention_ending_at

NAMES = [
    ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
    ("Sen. Richard Shelby of Alabama", "Richard Shelby"),
    ("Vancouver's Bo Horvat", "Bo Horvat"),
    ("Ms King", "King"),  # a surname that is also a title
    ("Prime Minister Theresa May", "Theresa May"),  # a month-named surname after a known given name
    ("The Wine Institute", ""),  # no person's name left
    # an office after `Title of` is no part of the name (reuters-18148, reuters-01499, ...)
    ("Secretary of State George Shultz", "George Shultz"),
    ("Secretary of Commerce Malcolm Baldrige", "Malcolm Baldrige"),
    ("Minister of Crown-Indigenous Relations Carolyn Bennett", "Carolyn Bennett"),
    ("Secretary of State Shultz", "Shultz"),
    ("Secretary of Defense", "Secretary"),  # no person after the office: as before
    ("President of Petroleos de Venezuela", "President"),  # a body after the title, not a person
    # a sentence opener before the name (reuters-16631: `Today Reagan was vacationing`)
    ("Today Reagan", "Reagan"),
    # a given name that also ends names (`the Bill`) before a surname is the given name (reuters-04191, bbc-tech-350)
    ("Bill Brodsky", "Bill Brodsky"),
    ("President Bill Clinton", "Bill Clinton"),
    ("Bill C-69", ""),  # a bill, no person
    ("Bill Committee", "Committee"),  # as before: no surname after it
]


@pytest.mark.parametrize(("run", "want"), NAMES, ids=[n for n, _ in NAMES])
def test_clean_name(lex: QuoteLexicon, run: str, want: str) -> None:
    assert clean_name(run, lex) == want


@pytest.mark.parametrize(("phrase", "want"), [("the BBC", True), ("Reuters", True), ("a pool report", True), ("Richard Loewy", False)])
def test_is_outlet(lex: QuoteLexicon, phrase: str, want: bool) -> None:
    assert is_outlet(phrase, lex) is want


MENTIONS = [
    ("he-pronoun", "Later he said", Mention(6, 8, "he", "pronoun")),
    ("I-pronoun", "Then I said", Mention(5, 6, "I", "pronoun")),
    ("name-without-title", "Ukrainian President Volodymyr Zelenskyy said", Mention(20, 39, "Volodymyr Zelenskyy", "name")),
    ("description", "A Fed spokesman said", Mention(0, 15, "A Fed spokesman", "desc")),
    ("outlet", "the BBC said", Mention(4, 7, "BBC", "outlet")),
    ("possessive-is-no-subject", "Russia's said", None),
    # a sentence opener is no part of the subject (reuters-18128, reuters-18596, polnear-train-0325)
    ("opener-before-description", "But others said", Mention(4, 10, "others", "desc")),
    ("opener-before-body", "Yesterday AMC said", Mention(10, 13, "AMC", "desc")),
    ("opener-before-name", "Even Republicans said", Mention(5, 16, "Republicans", "name")),
    ("office-before-name", "Secretary of State George Shultz said", Mention(19, 32, "George Shultz", "name")),
]


@pytest.mark.parametrize(("text", "want"), [m[1:] for m in MENTIONS], ids=[m[0] for m in MENTIONS])
def test_mention_ending_before_the_cue(lex: QuoteLexicon, text: str, want: Mention | None) -> None:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)][:-1]  # the words before `said`
    assert mention_ending_at(text, words, len(words) - 1, lex) == want

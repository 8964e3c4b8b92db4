"""Shared helpers of the quote module tests: the quote lexicon and an article's context."""

from __future__ import annotations

import pytest

from etl.extract.quotes.context import Context, build_paragraphs
from etl.extract.quotes.lexicon import QuoteLexicon, quote_lexicon
from etl.extract.sections import split_sections


@pytest.fixture(scope="session")
def lex() -> QuoteLexicon:
    return quote_lexicon()


def context_of(text: str) -> Context:
    """The per-article context the quote passes share, for `text` split into sections."""
    lex = quote_lexicon()
    return Context(text, lex, build_paragraphs(text, split_sections(text), lex))

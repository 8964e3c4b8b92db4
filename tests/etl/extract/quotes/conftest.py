"""Shared helpers of the quote module tests: the quote lexicon, an article's context, dev-corpus texts."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from etl.extract.quotes.context import Context, build_paragraphs
from etl.extract.quotes.lexicon import QuoteLexicon, quote_lexicon
from etl.extract.sections import split_sections

DEV_CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus" / "dev"


@pytest.fixture(scope="session")
def lex() -> QuoteLexicon:
    return quote_lexicon()


def context_of(text: str) -> Context:
    """The per-article context the quote passes share, for `text` split into sections."""
    lex = quote_lexicon()
    return Context(text, lex, build_paragraphs(text, split_sections(text), lex))


@cache
def corpus_texts(name: str) -> dict[str, str]:
    """File name -> text of one dev-corpus JSONL file (`reuters.jsonl`); the test is skipped without `../shared`."""
    if not (DEV_CORPUS / name).exists():
        pytest.skip("../shared/corpus/dev is not beside the repository: corpus cases read it there")
    with (DEV_CORPUS / name).open(encoding="utf-8") as fh:
        return {a["file"]: a["text"] for a in map(json.loads, fh)}

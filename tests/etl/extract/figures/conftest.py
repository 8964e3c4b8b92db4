"""Shared fixture of the figure module tests: the figure lexicon."""

from __future__ import annotations

import pytest

from etl.extract.figures.lexicon import FigureLexicon, figure_lexicon


@pytest.fixture(scope="session")
def lex() -> FigureLexicon:
    return figure_lexicon()

"""The data contract: one pandera model per output table, listed once in `schemas.registry`."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.articles import Articles
from schemas.figures import Figures
from schemas.people import Outlets, People, Quotations, QuoteLinks
from schemas.quotes import Quotes
from schemas.reasons import REASONS, Reason
from schemas.registry import CHILD_TABLES, COMMIT_ORDER, TABLES, Table
from schemas.rejects import Rejects
from schemas.runs import Runs
from schemas.sections import Sections
from schemas.sources import Sources

MODELS: dict[str, type[pa.DataFrameModel]] = {t.name: t.model for t in TABLES}

__all__ = ["CHILD_TABLES", "COMMIT_ORDER", "MODELS", "REASONS", "TABLES", "Articles", "Figures", "Outlets", "People", "Quotations", "QuoteLinks", "Quotes", "Reason", "Rejects", "Runs", "Sections", "Sources", "Table"]

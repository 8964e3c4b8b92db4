"""The data contract: one pandera model per output table."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.articles import Articles
from schemas.figures import Figures
from schemas.people import Outlets, People, Quotations, QuoteLinks
from schemas.quotes import Quotes
from schemas.rejects import Rejects
from schemas.runs import Runs
from schemas.sections import Sections

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "articles": Articles,
    "sections": Sections,
    "quotes": Quotes,
    "figures": Figures,
    "rejects": Rejects,
    "runs": Runs,
    "people": People,
    "outlets": Outlets,
    "quotations": Quotations,
    "quote_links": QuoteLinks,
}

__all__ = ["MODELS", "Articles", "Figures", "Outlets", "People", "Quotations", "QuoteLinks", "Quotes", "Rejects", "Runs", "Sections"]

"""The `figures` table: one row per number that carries meaning."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._fields import FIGURE_KINDS, ArticleId, CharEnd, CharStart, ExtractorVersion, Idx, SpanText
from schemas._spans import SpanRows


class Figures(SpanRows):
    """One row per figure, keyed by (`article_id`, `figure_idx`)."""

    article_id: Series[str] = ArticleId()
    figure_idx: Series[pd.Int32Dtype] = Idx()
    kind: Series[str] = pa.Field(isin=FIGURE_KINDS, description="What the number is: " + ", ".join(FIGURE_KINDS) + ".")
    text: Series[str] = SpanText(description="The figure as written (`$837 million`, `141-5`, `Feb. 25, 2022`); exactly `articles.text[char_start:char_end]`.")
    char_start: Series[pd.Int32Dtype] = CharStart()
    char_end: Series[pd.Int32Dtype] = CharEnd()
    value: Series[float] = pa.Field(nullable=True, description="The number (money in units of the currency, percent as written: 26.6); null only for dates.")
    value_high: Series[float] = pa.Field(nullable=True, description="Upper end of a range, or the second number of a tally (`141-5` → 5).")
    unit: Series[str] = pa.Field(nullable=True, description="ISO 4217 code for money, `%` or `pp` for percents, a unit symbol for measures, the counted noun for counts.")
    subject: Series[str] = pa.Field(nullable=True, description="What the figure counts, in the article's own words (`Russian troops killed`); null when the article does not say.")
    normalized: Series[str] = pa.Field(nullable=True, description="For dates and years: ISO 8601, partial where the text is (`2022-02-25`, `XXXX-03-02`, `2022`).")
    extractor_version: Series[str] = ExtractorVersion()

    @pa.dataframe_check
    def value_set_unless_date(cls, df: pd.DataFrame) -> Series[bool]:
        """`value` is set for every kind except `date`."""
        return df["value"].notna() | (df["kind"] == "date")

    @pa.dataframe_check
    def range_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        """For ranges, `value_high` is at least `value`."""
        return (df["kind"] != "range") | (df["value_high"] >= df["value"]).fillna(False)

    class Config:
        name = "figures"
        title = "Figures"
        description = "One row per number that carries meaning (grain: article_id, figure_idx)."
        strict = True
        coerce = False
        unique = ["article_id", "figure_idx"]

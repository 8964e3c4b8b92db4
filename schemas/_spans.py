"""The row checks every span table shares (sections, quotes, figures)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class SpanRows(pa.DataFrameModel):
    """Base of the tables whose rows are spans of `articles.text` (`char_start`, `char_end`, `text`)."""

    @pa.dataframe_check
    def span_is_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        """`char_end` is greater than `char_start`."""
        return df["char_end"] > df["char_start"]

    @pa.dataframe_check
    def span_length_matches_text(cls, df: pd.DataFrame) -> Series[bool]:
        """`char_end - char_start` equals the length of `text`."""
        return (df["char_end"] - df["char_start"]).astype("int64") == df["text"].str.len()

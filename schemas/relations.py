"""Checks across tables: every child row belongs to an article and its span slices back."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pandera.pandas as pa


def _article_exists(texts: Mapping[str, str]) -> pa.Check:
    def check(df: pd.DataFrame) -> pd.Series:
        return df["article_id"].isin(list(texts))

    return pa.Check(check, name="article_exists", description="every row's article_id is present in articles")


def _span_slices_back(texts: Mapping[str, str]) -> pa.Check:
    def check(df: pd.DataFrame) -> pd.Series:
        ok = [
            (t := texts.get(aid)) is not None and 0 <= s < e <= len(t) and t[s:e] == text
            for aid, s, e, text in zip(df["article_id"], df["char_start"], df["char_end"], df["text"], strict=True)
        ]
        return pd.Series(ok, index=df.index, dtype=bool)

    return pa.Check(check, name="span_slices_back", description="text == articles.text[char_start:char_end], inside the article")


def child_of(texts: Mapping[str, str]) -> pa.DataFrameSchema:
    """A schema for a child table (`sections`, `quotes`, `figures`) against its batch's articles.

    Args:
        texts: `article_id` → `articles.text` for the articles that passed validation.
    """
    return pa.DataFrameSchema(checks=[_article_exists(texts), _span_slices_back(texts)], name="child_of_articles")

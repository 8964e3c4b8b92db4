"""The derived people tables: `people`, `outlets`, `quotations` and the `quote_links` that tie quotes to them.

Rebuilt from every committed `articles` and `quotes` file at the end of each run (`etl.people`),
one file per table, written atomically.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

Id = {"str_length": {"min_value": 16, "max_value": 16}}
_Count = {"ge": 0}
_DATE = "Publication date of the article (`articles.published_at`) when known, else the day it was ingested (UTC)."


def _is_sorted_unique_list(values: pd.Series) -> pd.Series:
    return values.map(lambda v: v is not None and list(v) == sorted(set(v)))


class People(pa.DataFrameModel):
    """One row per person, organisation or group quoted anywhere in the output root, keyed by `person_id`."""

    person_id: Series[str] = pa.Field(unique=True, **Id, description="Stable id: the same names give the same id on every run; when a later run merges two entries, the id kept is one they had and the other is listed in `merged_ids`.")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="The fullest form seen, titles dropped (`Nigel Lawson` for `Exchequer Nigel Lawson`, `Lawson`, `Mr Lawson`); for a group, its description without determiners (`analysts`).")
    kind: Series[str] = pa.Field(isin=["person", "organisation", "group"], description="`person`; `organisation` (a company, ministry, party, country, outlet); `group`: a description of unnamed speakers (`analysts`, `the spokesman`), the same words in two articles, not one identified speaker.")
    aliases: Series[object] = pa.Field(metadata={"arrow": "list<item: string>"}, description="Every speaker form linked to this entry, as written in `quotes.speaker`, sorted.")
    gender: Series[str] = pa.Field(nullable=True, isin=["female", "male"], description="`female` / `male` only from the articles' own evidence about this person (the pronoun and honorific counts beside it: at least one, three quarters of it one way); never from a first name; null for organisations, groups and people without enough evidence.")
    he_mentions: Series[pd.Int64Dtype] = pa.Field(**_Count, description="Quotes attributed to this entry through a resolved `he`/`him`/`his` mention.")
    she_mentions: Series[pd.Int64Dtype] = pa.Field(**_Count, description="Quotes attributed through a resolved `she`/`her` mention.")
    it_mentions: Series[pd.Int64Dtype] = pa.Field(**_Count, description="Quotes attributed through a resolved `it`/`its` mention (evidence of an organisation).")
    male_honorifics: Series[pd.Int64Dtype] = pa.Field(**_Count, description="Quotes whose speaker mention is written with `Mr`, `Sir`, `Lord`, ... (in or right before the mention).")
    female_honorifics: Series[pd.Int64Dtype] = pa.Field(**_Count, description="Quotes whose speaker mention is written with `Mrs`, `Ms`, `Miss`, `Dame`, `Lady`, ...")
    quote_count: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Quotes attributed to this entry (rows of `quote_links` with this `person_id`).")
    article_count: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Distinct articles that quote this entry.")
    first_seen: Series[object] = pa.Field(metadata={"arrow": "date32[day]"}, description="Earliest day this entry is quoted: " + _DATE)
    last_seen: Series[object] = pa.Field(metadata={"arrow": "date32[day]"}, description="Latest day this entry is quoted: " + _DATE)
    merged_ids: Series[object] = pa.Field(metadata={"arrow": "list<item: string>"}, description="Other ids that resolve to this entry: the ids of its individual name forms and of entries merged into it by a later run (sorted). Look an old id up here when it is no longer a `person_id`.")

    @pa.dataframe_check
    def seen_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        """`first_seen` is not after `last_seen`."""
        return df["first_seen"] <= df["last_seen"]

    @pa.dataframe_check
    def lists_sorted(cls, df: pd.DataFrame) -> Series[bool]:
        """`aliases` and `merged_ids` are sorted lists without repeats; `aliases` is not empty."""
        return _is_sorted_unique_list(df["aliases"]) & _is_sorted_unique_list(df["merged_ids"]) & df["aliases"].map(len).gt(0)

    @pa.dataframe_check
    def no_articles_without_quotes(cls, df: pd.DataFrame) -> Series[bool]:
        """`article_count` is at most `quote_count`."""
        return df["article_count"] <= df["quote_count"]

    class Config:
        name = "people"
        title = "People"
        description = "One row per person, organisation or group quoted anywhere in the output root (grain: person_id), linked across articles by name."
        strict = True
        coerce = False


class Outlets(pa.DataFrameModel):
    """One row per outlet that relayed a quote, keyed by `via_id`."""

    via_id: Series[str] = pa.Field(unique=True, **Id, description="Stable id of the outlet, from its normalised name (`BBC`, `the BBC` and `BBC News` share one).")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="The outlet's name: its canonical name (`Associated Press` for `AP`) or its most written form.")
    forms: Series[object] = pa.Field(metadata={"arrow": "list<item: string>"}, description="Every `quotes.via` form of this outlet as written, sorted.")
    quote_count: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Quotes relayed by this outlet.")
    article_count: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Distinct articles with a quote relayed by this outlet.")
    first_seen: Series[object] = pa.Field(metadata={"arrow": "date32[day]"}, description="Earliest day a quote was relayed by it: " + _DATE)
    last_seen: Series[object] = pa.Field(metadata={"arrow": "date32[day]"}, description="Latest day a quote was relayed by it: " + _DATE)
    merged_ids: Series[object] = pa.Field(metadata={"arrow": "list<item: string>"}, description="Other ids that resolve to this outlet (the ids its forms would have on their own), sorted.")

    @pa.dataframe_check
    def lists_sorted(cls, df: pd.DataFrame) -> Series[bool]:
        """`forms` and `merged_ids` are sorted lists without repeats; `forms` is not empty."""
        return _is_sorted_unique_list(df["forms"]) & _is_sorted_unique_list(df["merged_ids"]) & df["forms"].map(len).gt(0)

    class Config:
        name = "outlets"
        title = "Outlets"
        description = "One row per news outlet that relayed a quote (`quotes.via`), its written forms normalised into one (grain: via_id)."
        strict = True
        coerce = False


class Quotations(pa.DataFrameModel):
    """One row per distinct quotation across articles, keyed by `quotation_id`."""

    quotation_id: Series[str] = pa.Field(unique=True, **Id, description="Stable id: a hash of the normalised words (lower case, no quote marks, ellipses or punctuation, single spaces).")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The words as the earliest article carrying them wrote them (`quotes.text`).")
    person_id: Series[str] = pa.Field(nullable=True, **Id, description="Who said it: the person most of its occurrences are attributed to (ties: the smallest id); null when none is.")
    occurrences: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Quotes carrying these words or an excerpt of them.")
    articles: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Distinct articles carrying them.")
    outlets: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Distinct outlets that carried them: relaying outlets (`via_id`) and the sites of the articles (`articles.url` host) when known.")
    first_seen: Series[object] = pa.Field(metadata={"arrow": "date32[day]"}, description="The day of the first article that carried them: " + _DATE)
    first_article_id: Series[str] = pa.Field(**Id, description="That article (earliest day, then earliest ingestion, then smallest id).")
    merged_ids: Series[object] = pa.Field(metadata={"arrow": "list<item: string>"}, description="Ids of the shorter excerpts joined to this quotation (each resolves here), sorted.")

    @pa.dataframe_check
    def counts_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        """`articles` is at most `occurrences`."""
        return df["articles"] <= df["occurrences"]

    class Config:
        name = "quotations"
        title = "Quotations"
        description = "One row per distinct quotation (`direct`/`partial` quotes with the same normalised words; shorter excerpts joined to the longer quote) across every article (grain: quotation_id)."
        strict = True
        coerce = False


class QuoteLinks(pa.DataFrameModel):
    """One row per quote, keyed by (`article_id`, `quote_idx`) like `quotes`, with the archive-wide ids."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 16, "max_value": 16}, description="The quote's article (`quotes.article_id`).")
    quote_idx: Series[pd.Int32Dtype] = pa.Field(ge=0, description="The quote's position in its article (`quotes.quote_idx`).")
    person_id: Series[str] = pa.Field(nullable=True, **Id, description="`people.person_id` of the speaker; null when the quote has no speaker, the speaker names nobody, or a bare name fits several people in its period.")
    via_id: Series[str] = pa.Field(nullable=True, **Id, description="`outlets.via_id` of the relaying outlet; null when `quotes.via` is.")
    quotation_id: Series[str] = pa.Field(nullable=True, **Id, description="`quotations.quotation_id` of the words (for `direct` and `partial` quotes); null for `indirect` ones.")

    class Config:
        name = "quote_links"
        title = "Quote links"
        description = "One row per quote (grain: article_id, quote_idx, as in `quotes`): its person, outlet and quotation ids; join it to `quotes` on both keys (the `quotes` view of `etl.people.views` does)."
        strict = True
        coerce = False
        unique = ["article_id", "quote_idx"]

"""Field factories shared by the table models (key, offsets, version)."""

from __future__ import annotations

from functools import partial

import pandera.pandas as pa

ArticleId = partial(pa.Field, str_length={"min_value": 16, "max_value": 16}, description="Stable id of the article: the first 16 hex digits of the SHA-256 of its normalised text.")
CharStart = partial(pa.Field, ge=0, description="Start of the span: code-point offset into `articles.text` (inclusive).")
CharEnd = partial(pa.Field, ge=1, description="End of the span: code-point offset into `articles.text` (exclusive); `char_end > char_start`.")
Idx = partial(pa.Field, ge=0, description="Position of the row within its article, from 0 in reading order.")
ExtractorVersion = partial(pa.Field, str_length={"min_value": 1}, description="Version of the extractors that wrote the row; a newer version reprocesses the article.")
SpanText = partial(pa.Field, str_length={"min_value": 1}, description="The span's text, exactly `articles.text[char_start:char_end]`.")

SECTION_KINDS = ["headline", "section_label", "byline", "dateline", "subheading", "paragraph", "gallery_heading", "caption", "credit", "boilerplate"]
QUOTE_KINDS = ["direct", "partial", "indirect"]
FIGURE_KINDS = ["count", "money", "percent", "range", "tally", "ordinal", "date", "year", "measure"]

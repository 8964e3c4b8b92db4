"""Row records, one dataclass per output table; the extractors return these, never frames.

Each record holds its table's columns (`schemas/`) except those the pipeline adds (`article_id`,
the row position, `extractor_version`, `n_chars`), with the same nullability:
`tests/schemas/test_registry.py` checks it. They stay plain dataclasses because the compiled
extractors build them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# Section kinds whose text is article prose: the extractors for quotes and figures read these.
CONTENT_KINDS: frozenset[str] = frozenset(
    {"headline", "subheading", "paragraph", "caption", "gallery_heading", "dateline"}
)


@dataclass(frozen=True, slots=True)
class Section:
    """One typed block of an article: `text == article_text[char_start:char_end]`."""

    kind: str
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation or piece of reported speech, with who said it and how."""

    kind: str  # direct | partial | indirect
    text: str  # without the quote marks
    char_start: int
    char_end: int
    speaker: str | None = None  # fullest name the article gives, pronouns resolved
    speaker_char_start: int | None = None  # the mention the attribution rests on
    speaker_char_end: int | None = None
    cue: str | None = None  # "said", "told", "according to", ...
    via: str | None = None  # outlet that relayed the words
    parent_quote_idx: int | None = None  # a partial quote inside an indirect row: that row's index


@dataclass(frozen=True, slots=True)
class Figure:
    """One number that carries meaning, with its kind, value, unit and subject."""

    kind: str  # count | money | percent | range | tally | ordinal | date | year | measure
    text: str  # surface form, == article_text[char_start:char_end]
    char_start: int
    char_end: int
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    subject: str | None = None
    normalized: str | None = None  # ISO 8601 (possibly partial, e.g. XXXX-03-02) for dates


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested article: normalised text plus where it came from."""

    article_id: str
    source_uri: str
    title: str
    section_label: str | None
    text: str
    content_sha256: str
    ingested_at: datetime
    published_at: date | None = None
    url: str | None = None
    extractor_version: str = ""
    published_raw: str | None = None  # the publication date as the source wrote it


@dataclass(frozen=True, slots=True)
class Reject:
    """One input (or row) that could not be turned into output, and why."""

    source_uri: str
    stage: str  # ingest | sections | quotes | figures | validate
    reason: str  # a code registered in schemas/reasons.py, e.g. "empty"; `schema_<table>:<check>`
    detail: str  # a sentence a person understands
    rejected_at: datetime
    article_id: str | None = None
    content_sha256: str | None = None

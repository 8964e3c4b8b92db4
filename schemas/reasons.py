"""The reject reason registry: every code a `rejects` row may carry, the stages that write it, what it means.

The `rejects` model's description and check, and the data dictionary's reasons table, are built
from it; a test finds every code the pipeline writes and requires it here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where a reject happens, in pipeline order.
STAGES: tuple[str, ...] = ("ingest", "sections", "quotes", "figures", "validate")
# The tables whose rows are validated against the contract in a run (`validate` stage).
VALIDATED_TABLES: tuple[str, ...] = ("articles", "sections", "quotes", "figures")


@dataclass(frozen=True, slots=True)
class Reason:
    """One reject reason code."""

    code: str
    stages: tuple[str, ...]
    meaning: str  # one sentence for the data dictionary


REASONS: tuple[Reason, ...] = (
    Reason("not_a_file", ("ingest",), "A folder whose name ends like an article file; it is not read."),
    Reason("broken_link", ("ingest",), "A symbolic link to a file that does not exist."),
    Reason("outside_root", ("ingest",), "A symbolic link to a file outside the input folder; it is not followed."),
    Reason("too_large", ("ingest",), "The file is larger than `--max-bytes`; it is not read."),
    Reason("unreadable", ("ingest",), "The file could not be read (permissions, a vanished file, a storage error)."),
    Reason("empty", ("ingest",), "The file holds no text, or only white space and control characters."),
    Reason("binary", ("ingest",), "The file holds NUL bytes: it is binary, not text."),
    Reason("undecodable", ("ingest",), "No text encoding fits the file's bytes."),
    Reason("truncated", ("ingest",), "The file ends in the middle of a UTF-8 character: it was cut short."),
    Reason("bad_json", ("ingest",), "A line of a `.jsonl` file is not valid JSON."),
    Reason("no_text", ("ingest",), "A line of a `.jsonl` file has no string field `text`."),
    Reason("html_reader_missing", ("ingest",), "An HTML page that could not be read because the HTML reader (trafilatura and its lxml parts) does not import; reinstall newsetl."),
    Reason("no_main_text", ("ingest",), "An HTML page in which no article text was found."),
    Reason("html_as_text", ("ingest",), "A text file that holds HTML; give it a `.html` name to have its main text extracted."),
    Reason("no_headline", ("ingest",), "The first line is not a headline (too long, or no letters)."),
    Reason("duplicate", ("ingest",), "The same normalised text as an input read before; the article is kept once, under the first name."),
    Reason("extractor_error", ("sections", "quotes", "figures"), "An extractor failed on the article; the article is kept without that stage's rows."),
    *(
        Reason(f"schema_{table}", ("validate",),
               f"A row of `{table}` failed the data contract and was left out; `:<check>` after the code names the first check it failed"
               + (" (the article's child rows go with it)." if table == "articles" else "."))
        for table in VALIDATED_TABLES
    ),
)
CODES: frozenset[str] = frozenset(r.code for r in REASONS)


def code_of(reason: str) -> str:
    """The registered code of a written reason: `schema_quotes:span_slices_back` → `schema_quotes`."""
    return reason.split(":", 1)[0]

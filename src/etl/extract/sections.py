"""Split an article's normalised text into typed sections with exact character offsets.

The input is scraped text as newsrooms' pages yield it: the headline on the first line
(optionally `Headline | Section Name`), then blocks one per line, usually separated by a blank
line. Each block becomes one section; a caption that ends in a photo credit is split into a
`caption` and a `credit`, and a newswire dateline (`LONDON (Reuters) -`) opening a paragraph
becomes a `dateline` followed by the `paragraph`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from etl.lexicons import LexiconError, words
from etl.records import Section

# A line's text without its surrounding white space: group 1 spans it.
_LINE = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)
# Cheap test before the credit patterns: a credit ends in `)` or names a photo, image or credit.
_CREDIT_HINT = re.compile(r"\)\Z|Photo|Image|Picture|Credit")
# `Headline | Section Name`: the label is short and holds no further bar.
_HEADLINE_LABEL = re.compile(r"^(?P<head>.+?)[ \t]+\|[ \t]+(?P<label>[^|\n]{1,60}?)[ \t]*$")
# Newswire dateline at the start of a paragraph: `WASHINGTON (Reuters) - `, `SALVADOR, Feb 26 - `,
# `KYIV, Ukraine (AP) — `. Upper-case place name, then a region/date or an agency (a bare
# `NATO - ` is prose, not a dateline), then a dash.
_DATELINE = re.compile(
    r"""
    (?P<dl>
      [A-Z][A-Z.'\u2019-]+(?:[ ][A-Z][A-Z.'\u2019-]+){0,3}      # place, in capitals
      (?:
        (?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z]?[a-z.]+)?(?:[ ]\d{1,2})?){1,2}  # , Region / , Feb 26
        (?:[ ]\([A-Z][\w ]{0,30}\))?                                   # (Reuters) (AP)
      | [ ]\([A-Z][\w ]{0,30}\)                                        # agency alone
      )
    )
    [ ]?[-\u2013\u2014]{1,2}[ ]
    """,
    re.VERBOSE,
)
# Boilerplate lines are short; longer ones are not even tested against the patterns.
_SHORT_LINE = 300
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit: a line with neither is separators
# Short, unpunctuated lines between paragraphs are subheadings.
_MAX_SUBHEADING_CHARS = 80
_SENTENCE_END = re.compile(r"[.!?:;,\"\u201d\u2019)]$")
# A line of only a date (`April 28, 2019 at 6:01 am`) or a byline is short; longer ones are prose.
_MAX_DATELINE_CHARS = 80
_MAX_BYLINE_CHARS = 160


@dataclass(frozen=True, slots=True)
class SectionLexicon:
    """The line patterns of `lexicons/sections.json`, each list compiled into one alternation."""

    boilerplate: re.Pattern[str]
    gallery_heading: re.Pattern[str]
    credit: re.Pattern[str]
    byline: re.Pattern[str]
    dateline_only: re.Pattern[str]
    caption_prefix: re.Pattern[str]
    share_words: frozenset[str]


# The pattern lists read case-insensitively (the others say where case matters themselves).
_IGNORECASE_KINDS = frozenset(("boilerplate", "gallery_heading", "dateline_only", "caption_prefix"))


def _compiled(key: str) -> re.Pattern[str]:
    patterns = words("sections", key)
    flags = re.IGNORECASE if key in _IGNORECASE_KINDS else 0
    try:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", flags)
    except re.error as exc:
        raise LexiconError(f"lexicon sections.json: key {key!r}: a pattern does not compile ({exc})") from None


@cache
def section_lexicon() -> SectionLexicon:
    """Compile the section patterns once."""
    return SectionLexicon(
        boilerplate=_compiled("boilerplate"),
        gallery_heading=_compiled("gallery_heading"),
        credit=_compiled("credit"),
        byline=_compiled("byline"),
        dateline_only=_compiled("dateline_only"),
        caption_prefix=_compiled("caption_prefix"),
        share_words=frozenset(words("sections", "share_words")),
    )


def _is_share_line(line: str, lex: SectionLexicon) -> bool:
    """A row of share buttons: short, and made of sharing and social-network words."""
    tokens = line.lower().split()
    if not 2 <= len(tokens) <= 24:
        return False
    social = lex.share_words
    return sum(w.strip(".,:;!") in social for w in tokens) >= 0.8 * len(tokens)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank line, surrounding white space trimmed."""
    for m in _LINE.finditer(text):
        yield m.span(1)


def _section(text: str, kind: str, start: int, end: int) -> Section:
    return Section(kind=kind, text=text[start:end], char_start=start, char_end=end)


def split_headline(line: str) -> tuple[str, str | None]:
    """Split `Headline | Section Name` into its two parts; the label is None when absent."""
    m = _HEADLINE_LABEL.match(line)
    if m is None:
        return line.strip(), None
    return m.group("head"), m.group("label")


def _headline_sections(text: str, start: int, end: int) -> list[Section]:
    m = _HEADLINE_LABEL.match(text, start, end)
    if m is None:
        return [_section(text, "headline", start, end)]
    return [
        _section(text, "headline", m.start("head"), m.end("head")),
        _section(text, "section_label", m.start("label"), m.end("label")),
    ]


def _credit_split(text: str, start: int, end: int, lex: SectionLexicon) -> tuple[int, int] | None:
    """Return the span of a photo credit that ends the line, if there is one."""
    # A credit is short and sits at the end: only look at the last 120 characters.
    window = max(start, end - 120)
    if _CREDIT_HINT.search(text, window, end) is None:
        return None
    for m in lex.credit.finditer(text, window, end):
        if m.end() == end and (m.start() == start or text[m.start() - 1].isspace()):
            return m.start(), m.end()
    return None


def _is_subheading(line: str) -> bool:
    return (
        len(line) <= _MAX_SUBHEADING_CHARS
        and _SENTENCE_END.search(line) is None
        and line[:1].isupper()
        and len(line.split()) <= 12
    )


def split_sections(text: str) -> list[Section]:
    """Return the article's sections in reading order.

    Args:
        text: the article's normalised text (`articles.text`).

    Returns:
        One `Section` per block, kinds from the contract (`headline`, `section_label`,
        `byline`, `dateline`, `subheading`, `paragraph`, `gallery_heading`, `caption`,
        `credit`, `boilerplate`); `text == article_text[char_start:char_end]` for each.
    """
    lex = section_lexicon()
    sections: list[Section] = []
    in_gallery = False
    for i, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if i == 0:
            sections += _headline_sections(text, start, end)
            continue
        if len(line) <= _SHORT_LINE and (
            lex.boilerplate.fullmatch(line) or _WORD_CHAR.search(line) is None or _is_share_line(line, lex)
        ):
            sections.append(_section(text, "boilerplate", start, end))
            continue
        if len(line) <= _MAX_DATELINE_CHARS and lex.dateline_only.fullmatch(line):
            sections.append(_section(text, "dateline", start, end))
            continue
        if lex.caption_prefix.match(line):
            sections.append(_section(text, "caption", start, end))
            continue
        if lex.gallery_heading.fullmatch(line):
            sections.append(_section(text, "gallery_heading", start, end))
            in_gallery = True
            continue
        if len(line) <= _MAX_BYLINE_CHARS and lex.byline.fullmatch(line):
            sections.append(_section(text, "byline", start, end))
            continue
        credit = _credit_split(text, start, end, lex)
        if credit is not None:
            c_start, c_end = credit
            cap_end = c_start
            while cap_end > start and text[cap_end - 1].isspace():
                cap_end -= 1
            if cap_end > start:
                sections.append(_section(text, "caption", start, cap_end))
            sections.append(_section(text, "credit", c_start, c_end))
            in_gallery = False
            continue
        if in_gallery and len(line) > _MAX_SUBHEADING_CHARS:
            # the block right after a gallery heading is its caption
            sections.append(_section(text, "caption", start, end))
            in_gallery = False
            continue
        in_gallery = False
        m = _DATELINE.match(text, start, end)
        if m is not None and m.end() < end:
            sections.append(_section(text, "dateline", m.start("dl"), m.end("dl")))
            sections.append(_section(text, "paragraph", m.end(), end))
            continue
        kind = "subheading" if _is_subheading(line) else "paragraph"
        sections.append(_section(text, kind, start, end))
    return sections

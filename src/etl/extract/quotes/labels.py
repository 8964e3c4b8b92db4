"""Quoted text that quotes nobody: scare quotes, titles, pull quotes, words listed as words, link teasers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.extract.quotes.context import Paragraph
from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.marks import Quoted

# Fragments this short with nobody attributed are scare quotes or words as words, not quotations.
_MAX_LABEL_WORDS = 2
# A direct quotation this short, in title case and attributed to nobody, is a title (`"Super Mario Run"`).
_MAX_TITLE_WORDS = 6
# The longest title in quote marks read as a name (`"The Late Show With Stephen Colbert"`).
_MAX_TITLE_RUN = 8
# A line that opens with a label in capitals and a colon: `READ MORE:`, `WATCH:`, `RELATED:`.
LABEL_LINE = re.compile(r"[A-Z]{3,}(?:[ ][A-Z]{2,}){0,2}:[ ]")
# The labels of a link to another story or a video (`READ MORE:`, `WATCH:`): layout words, not a lexicon.
LINK_LINE = re.compile(r"(?:READ|SEE|WATCH|LISTEN|RELATED|MORE|ALSO)(?:[ ][A-Z]{2,}){0,2}:[ ]")
# A photo credit closing a paragraph: `(Adrian Wyld/Canadian Press)`, `( J. Scott Applewhite / AP )`,
# `Quyen Cheng/THE CANADIAN PRESS`. Bounded runs of non-slash characters: no backtracking to speak of.
_CREDIT = re.compile(
    r"""
    (?: \([ ]?[A-Z][^()\n/]{1,60}/[ ]?[^()\n/]{2,60}\)                       # (Name/Outlet), (Instagram/Name)
      | [A-Z][\w.'\u2019-]*(?:[ ][A-Z][\w.'\u2019-]*){0,3}(?:/[A-Z][A-Za-z'\u2019 -]{1,40}){1,2}  # Name/THE CANADIAN PRESS
    )
    [ ]*\Z
    """,
    re.VERBOSE,
)
# A credit in brackets anywhere in a paragraph: more than one make it captions run together with text.
_BRACKET_CREDIT = re.compile(r"\([ ]?[A-Z][^()\n/]{1,60}/[ ]?[^()\n/]{2,60}\)")
# The credit of a caption is at most this far from the paragraph's end.
_CREDIT_REACH = 130
# A heading made of one quotation is at most this many words (`'Not a lot of units available'`).
_MAX_PULL_QUOTE_WORDS = 12
# A list of words in quote marks: at least three items of at most three words, joined by commas,
# `and`, `or` (`"toxic," "optics" and "grapple"`).
_MIN_LIST_ITEMS = 3
_MAX_LIST_ITEM_WORDS = 3
_LIST_GAP = re.compile(r",?[ ](?:(?:and|or|to|as[ ]well[ ]as)[ ])?|,")


def looks_like_label(text: str, q: Quoted, kind: str, lex: QuoteLexicon) -> bool:
    """A short fragment or a title in quote marks (`"rigged"`, `"Face the Nation"`), or markup (`id="7"`)."""
    if q.open_start > 0 and text[q.open_start - 1] == "=":
        return True
    words = text[q.start : q.end].split()
    if len(words) == _MAX_LABEL_WORDS and q.family == "d" and words[0][:1].islower() and words[0].isalpha():
        return False  # `"stand down"`, `"adequate resources"`: a phrase of two words is someone's words
    if len(words) <= _MAX_LABEL_WORDS:
        return True
    if kind == "direct" and len(words) > _MAX_TITLE_WORDS:
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w in lex.title_small_words for w in words)


def is_title(text: str, q: Quoted, lex: QuoteLexicon) -> bool:
    """A run of two to eight capitalised words (small words aside) that does not open its sentence: a title."""
    words = text[q.start : q.end].rstrip(".,!?").split()
    if not 2 <= len(words) <= _MAX_TITLE_RUN or not words[0][:1].isupper():
        return False
    small = lex.title_small_words
    if not all(w[:1].isupper() or w in small or not w[:1].isalpha() for w in words):
        return False
    before = text[max(0, q.open_start - 2) : q.open_start]
    return before[-1:] not in ("", "\n") and before.rstrip()[-1:] not in (":", ".", "\n", "")


def is_caption(text: str, para: Paragraph) -> bool:
    """True for a photo caption: a paragraph that ends with the photo's credit. It repeats what the
    article says, so nothing in it is a quotation of its own."""
    tail = text[max(para.lo, para.hi - _CREDIT_REACH) : para.hi].rstrip()
    if "/" not in tail or _CREDIT.search(tail) is None:
        return False
    # several credits: captions run together with the text around them, which the article may not repeat
    return len(_BRACKET_CREDIT.findall(text, para.lo, para.hi)) <= 1


def is_pull_quote(text: str, para: Paragraph, q: Quoted) -> bool:
    """A heading that is one short quotation without end punctuation, and names nobody."""
    if q.open_start != para.lo or para.cues:
        return False
    if para.kind in ("headline", "subheading"):
        return True
    whole = q.close_end is not None and q.close_end >= para.hi - 1
    content = text[q.start : q.end]
    return whole and content[-1:] not in ".!?,\u2026" and len(content.split()) <= _MAX_PULL_QUOTE_WORDS


def listed(text: str, quoted: Sequence[Quoted]) -> set[int]:
    """Indexes of short quotations that are items of a list of three or more (`"toxic," "optics" and "grapple"`)."""
    out: set[int] = set()
    run: list[int] = []
    for n, q in enumerate(quoted):
        short = q.close_end is not None and len(text[q.start : q.end].split()) <= _MAX_LIST_ITEM_WORDS
        joined = bool(run) and short and _LIST_GAP.fullmatch(text, quoted[run[-1]].close_end or 0, q.open_start) is not None
        if joined:
            run.append(n)
            continue
        if len(run) >= _MIN_LIST_ITEMS:
            out.update(run)
        run = [n] if short else []
    if len(run) >= _MIN_LIST_ITEMS:
        out.update(run)
    return out

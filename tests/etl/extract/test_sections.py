"""Sections: typed blocks with exact offsets, on the seed article's gold and on short passages."""

from __future__ import annotations

import json

import pytest

from etl.extract.sections import split_headline, split_sections
from tests.conftest import SEED_DIR


def _seed_gold() -> list[dict]:
    path = SEED_DIR / "000_372a54fb661ea01f.gold.json"
    return json.loads(path.read_text(encoding="utf-8"))["sections"] if path.exists() else []


@pytest.mark.parametrize("gold", _seed_gold(), ids=lambda g: f"{g['kind']}-{g['span'][0]}")
def test_seed_section_found_exactly(seed_text: str, gold: dict) -> None:
    got = {(s.kind, s.char_start, s.char_end): s.text for s in split_sections(seed_text)}
    key = (gold["kind"], *gold["span"])
    assert key in got
    assert got[key] == gold["text"]


def test_seed_has_no_extra_sections(seed_text: str) -> None:
    assert len(split_sections(seed_text)) == len(_seed_gold())


# (id, text, [(kind, text)]) — passages written for these tests.
CASES = [
    ("headline-with-label", "Storm Hits Coast | Weather\n\nBody.", [("headline", "Storm Hits Coast"), ("section_label", "Weather"), ("paragraph", "Body.")]),
    ("headline-pipe-in-title-no-label", "A | B | C\n\nBody.", [("headline", "A | B"), ("section_label", "C"), ("paragraph", "Body.")]),
    ("headline-only", "Test case", [("headline", "Test case")]),
    ("byline", "Title\n\nBy Maria Lopez, Staff Reporter\n\nText of the story.", [("headline", "Title"), ("byline", "By Maria Lopez, Staff Reporter"), ("paragraph", "Text of the story.")]),
    ("reuters-dateline", "Title\n\nLONDON (Reuters) - Shares fell on Monday.", [("headline", "Title"), ("dateline", "LONDON (Reuters)"), ("paragraph", "Shares fell on Monday.")]),
    ("dateline-with-date", "Title\n\nSALVADOR, Feb 26 - Showers continued.", [("headline", "Title"), ("dateline", "SALVADOR, Feb 26"), ("paragraph", "Showers continued.")]),
    ("ap-dateline-emdash", "Title\n\nKYIV, Ukraine (AP) — Sirens sounded.", [("headline", "Title"), ("dateline", "KYIV, Ukraine (AP)"), ("paragraph", "Sirens sounded.")]),
    ("gallery-caption-credit", "Title\n\nPhotos: Storm Hits Port\n\nWaves break over the wall. (AP Photo/Jane Doe)", [("headline", "Title"), ("gallery_heading", "Photos: Storm Hits Port"), ("caption", "Waves break over the wall."), ("credit", "(AP Photo/Jane Doe)")]),
    ("credit-getty", "Title\n\nThe minister arrives in Brussels. (Getty Images)", [("headline", "Title"), ("caption", "The minister arrives in Brussels."), ("credit", "(Getty Images)")]),
    ("boilerplate-tail", "Title\n\nBody text.\n\nAdvertisement\n\nRead more: Other story\n\nSource link", [("headline", "Title"), ("paragraph", "Body text."), ("boilerplate", "Advertisement"), ("boilerplate", "Read more: Other story"), ("boilerplate", "Source link")]),
    ("share-line", "Title\n\nBody text.\n\nShare this article", [("headline", "Title"), ("paragraph", "Body text."), ("boilerplate", "Share this article")]),
    ("subheading", "Title\n\nFirst paragraph ends here.\n\nWhat Happens Next\n\nSecond paragraph.", [("headline", "Title"), ("paragraph", "First paragraph ends here."), ("subheading", "What Happens Next"), ("paragraph", "Second paragraph.")]),
    ("reporting-credit", "Title\n\nBody.\n\nReporting by Jane Doe; Editing by John Roe", [("headline", "Title"), ("paragraph", "Body."), ("boilerplate", "Reporting by Jane Doe; Editing by John Roe")]),
    ("indented-lines-trimmed", "  Title  \n\n   Body text.   \n", [("headline", "Title"), ("paragraph", "Body text.")]),
    ("date-only-line", "Title\n\nBy Jane Doe\n\nApril 28, 2019 at 6:01 am\n\nBody text.", [("headline", "Title"), ("byline", "By Jane Doe"), ("dateline", "April 28, 2019 at 6:01 am"), ("paragraph", "Body text.")]),
    ("numeric-date-line", "Title\n\n08.04.2015 12:46\n\nBody text.", [("headline", "Title"), ("dateline", "08.04.2015 12:46"), ("paragraph", "Body text.")]),
    ("byline-with-colon-and-date", "Title\n\nby: Laurie Oakes\n\nBody text.", [("headline", "Title"), ("byline", "by: Laurie Oakes"), ("paragraph", "Body text.")]),
    ("share-row", "Title\n\nBody text.\n\nShare on Facebook Share on Twitter Share on Google Plus", [("headline", "Title"), ("paragraph", "Body text."), ("boilerplate", "Share on Facebook Share on Twitter Share on Google Plus")]),
    ("separators-only", "Title\n\nBody text.\n\n› | ›", [("headline", "Title"), ("paragraph", "Body text."), ("boilerplate", "› | ›")]),
    ("numbers-stay-content", "Title\n\nBody text.\n\n1,600", [("headline", "Title"), ("paragraph", "Body text."), ("paragraph", "1,600")]),
    ("comments-link", "Title\n\nBody text.\n\nView comments (27)", [("headline", "Title"), ("paragraph", "Body text."), ("boilerplate", "View comments (27)")]),
    ("media-caption", "Title\n\nMedia caption Mr Obama spoke to the BBC\n\nBody text.", [("headline", "Title"), ("caption", "Media caption Mr Obama spoke to the BBC"), ("paragraph", "Body text.")]),
    ("not-a-dateline", "Title\n\nNATO - the alliance - met today.", [("headline", "Title"), ("paragraph", "NATO - the alliance - met today.")]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sections(text: str, want: list[tuple[str, str]]) -> None:
    got = split_sections(text)
    assert [(s.kind, s.text) for s in got] == want
    assert all(text[s.char_start : s.char_end] == s.text for s in got)


@pytest.mark.parametrize(
    ("line", "want"),
    [("Ukrainian Officials to Talk | World Report", ("Ukrainian Officials to Talk", "World Report")), ("No label here", ("No label here", None))],
)
def test_split_headline(line: str, want: tuple[str, str | None]) -> None:
    assert split_headline(line) == want


def test_huge_single_line_is_fast_and_exact() -> None:
    text = "Title\n\n" + ("word, " * 200_000)
    got = split_sections(text)
    assert [s.kind for s in got] == ["headline", "paragraph"]
    assert got[1].char_end == len(text.rstrip())

"""Who a mention stands for: pronouns, `the prime minister`, `the company`, resolved in text order."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.quotes.coreference import Tracker, _document_issuer
from etl.extract.quotes.extract import extract_quotes
from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.names import NameIndex
from etl.extract.sections import split_sections
from tests.etl.extract.quotes.conftest import context_of
from tests.etl.extract.quotes.conftest import corpus_texts as _corpus

SHARED = Path(__file__).resolve().parents[4] / ".." / "shared"


def _resolved(text: str) -> list[tuple[str, str | None]]:
    """(mention, speaker) of every cue with a subject, resolved in text order as `extract_quotes` does."""
    ctx = context_of(text)
    blocks = [(p.lo, p.hi, p.kind, [(q.open_start, q.close_end or p.hi) for q in p.quoted]) for p in ctx.paras]
    tracker = Tracker(NameIndex(text, blocks, ctx.lex))
    out, prev_lo = [], 0
    for para in ctx.paras:
        for cue in para.cues:
            mention = ctx.subject(para, cue)
            if mention is not None:
                out.append((mention.text, tracker.resolve(mention, prev_lo, para.lo)))
        prev_lo = para.lo
    return out


CASES = [
    ("she-after-a-named-speaker", "Headline\n\nJane Roe, the union's president, said the deal was fair. She said talks would go on.",
     [("Jane Roe", "Jane Roe"), ("She", "Jane Roe")]),
    ("he-across-paragraphs", "Headline\n\nOpportunities may be dwindling, John Rau said on Monday.\n\nHe said banks must merge.",
     [("John Rau", "John Rau"), ("He", "John Rau")]),
    ("title-to-the-named-holder", "Headline\n\nPrime Minister Justin Trudeau visited Ottawa. The prime minister said the talks went well.",
     [("The prime minister", "Justin Trudeau")]),
    ("the-company-to-the-last-body", "Headline\n\nThe company Facebook said it would appeal. The company said the fine was unfair.",
     [("Facebook", "Facebook"), ("The company", "Facebook")]),
    ("writing-to-its-author", "Headline\n\nA statement from the EU said the talks were over.", [("A statement from the EU", "the EU")]),
    # a writing owned through a pronoun speaks for the one the pronoun points at (issue 14: `her statement said`)
    ("her-writing-to-her", "Headline\n\nJane Roe said the deal was fair. Her statement said talks would go on.",
     [("Jane Roe", "Jane Roe"), ("Her statement", "Jane Roe")]),
    ("his-letter-to-him", "Headline\n\nJohn Rau said banks must merge.\n\nHis letter said the plan was sound.",
     [("John Rau", "John Rau"), ("His letter", "John Rau")]),
    # a personal title gives the gender of the fuller name a surname stands for (polnear-train-0308: `Mr. Trump`, not Ivanka Trump)
    # nobody has spoken and no name opens a sentence nearby: the last person of the pronoun's gender named shortly before (ggt-0044)
    ("she-to-a-person-named-in-passing", "Headline\n\nFor Fouzia Al Hashish and thousands of other refugees, the time has come.\n\n"
     "The 23-year-old mother's goal is clear.\n\nShe said it was time.", [("She", "Fouzia Al Hashish")]),
    # `the report` after `A study by X`: one piece of research under two names (ggt-0060)
    ("report-after-a-study", "Headline\n\nA study by the University of Calgary\u2019s School of Public Policy analyzed 13 projects. "
     "The report said the benefits were small.", [("The report", "University of Calgary\u2019s School of Public Policy")]),
    # a post is a writing too: `the post said` speaks for whoever wrote it (ggt-0028: `stated in the company's blog post`)
    ("post-to-its-writer", "Headline\n\nJason Schultz, technical researcher at Talos, stated in the company\u2019s blog post that the threats came from one group. "
     "According to the post, the threat had morphed.", [("Jason Schultz", "Jason Schultz"), ("the post", "Jason Schultz")]),
    # the head noun of the fuller description, not a noun before it: `the bank` is no `central bank officials`
    ("the-officials-to-the-fuller-description", "Headline\n\nCentral bank officials said rates would hold. The officials said inflation was low. "
     "The bank said nothing.", [("Central bank officials", "Central bank officials"), ("The officials", "Central bank officials"),
                                ("The bank", "The bank")]),
    # one person (`the spokesman`) stays as written: GGT credits the mention there (`the spokesman` is its alias)
    ("the-spokesman-as-written", "Headline\n\nA Treasury spokesman said rates would hold. The spokesman said inflation was low.",
     [("A Treasury spokesman", "A Treasury spokesman"), ("The spokesman", "The spokesman")]),
    ("title-gives-the-gender", "Headline\n\nHillary Clinton said she would run. Bill Clinton said he would help. Mrs. Clinton said it was time.",
     [("Hillary Clinton", "Hillary Clinton"), ("Bill Clinton", "Bill Clinton"), ("Clinton", "Hillary Clinton")]),
    ("title-gives-the-gender-m", "Headline\n\nIvanka Trump said the plane was old. Donald J. Trump said it was new. Mr. Trump said he liked it.",
     [("Ivanka Trump", "Ivanka Trump"), ("Donald J. Trump", "Donald J. Trump"), ("Trump", "Donald J. Trump")]),
]


@pytest.mark.parametrize(("text", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resolution(text: str, want: list[tuple[str, str | None]]) -> None:
    assert _resolved(text) == want




FULL_NAMES = [
    # `CME president Bill Brodsky told Reuters that ...`: `Bill` is the given name, not the end of a name (`the Bill`)
    ("bill-after-a-title", "reuters.jsonl", "reuters-04191.txt", (338, 434), "indirect", "Bill Brodsky", (307, 319)),
    # `..." said Mr Clinton`: the surname stands for the fuller name the article gives, `Bill Clinton`
    ("bill-as-the-fuller-name", "bbc.jsonl", "bbc-entertainment-043.txt", (522, 584), "direct", "Bill Clinton", (594, 601)),
    # `"It's not about the pipe ...," he said`, after `Bill Simmelink, general manager of TI's Voip business, said ...`
    ("bill-named-before", "bbc.jsonl", "bbc-tech-350.txt", (2165, 2253), "direct", "Bill Simmelink", (2255, 2257)),
    # `..., managing board chairman Carl Hahn said.` then `He told Reuters in an interview that ...`: nobody quoted yet,
    # the last person named with a given name of his gender
    ("he-to-the-person-named-before", "reuters.jsonl", "reuters-08136.txt", (320, 413), "indirect", "Carl Hahn", (283, 285)),
]


@pytest.mark.parametrize(("corpus", "file", "span", "kind", "speaker", "mention"), [c[1:] for c in FULL_NAMES], ids=[c[0] for c in FULL_NAMES])
def test_full_name_on_real_articles(corpus: str, file: str, span: tuple[int, int], kind: str, speaker: str, mention: tuple[int, int]) -> None:
    text = _corpus(corpus)[file]
    got = next(q for q in extract_quotes(text, split_sections(text)) if (q.char_start, q.char_end) == span)
    assert (got.kind, got.speaker, (got.speaker_char_start, got.speaker_char_end)) == (kind, speaker, mention)


SPELLED_OUT = [
    # initials as a speaker stand for the body's name the article wrote out before (issue 14, ggt-0068: `the PBO added`)
    ("gm", "bbc.jsonl", "bbc-business-026.txt", (399, 481), "indirect", "General Motors", (483, 485)),
    ("the-ft-keeps-its-article", "bbc.jsonl", "bbc-business-098.txt", (487, 617), "indirect", "the Financial Times", (619, 632)),
    ("the-wto", "bbc.jsonl", "bbc-business-296.txt", (604, 655), "indirect", "The World Trade Organisation", (586, 593)),
    ("cftc", "reuters.jsonl", "reuters-03045.txt", (64, 280), "indirect", "the Commodity Futures Trading Commission", (282, 286)),
]


GLUED = [
    # a sentence's first word, a common word written in lower case elsewhere, is no part of the fuller name (issue 14: glued words)
    ("budget-james-miller", "reuters.jsonl", "reuters-04491.txt", (638, 781), "indirect", "James Miller", (626, 632)),
    ("was-germaine-greer", "bbc.jsonl", "bbc-entertainment-203.txt", (161, 169), "partial", "Germaine Greer", (151, 154)),
    ("investor-paul-bilzerian", "reuters.jsonl", "reuters-12676.txt", (302, 377), "indirect", "Paul Bilzerian", (287, 296)),
    ("together-siemens", "reuters.jsonl", "reuters-11235.txt", (638, 680), "indirect", "Siemens", (625, 632)),
]


DESCRIBED = [
    # `the officials said` after `senior LDP officials said`: the fuller description given before, same plural head (issue 14)
    ("the-officials", "reuters.jsonl", "reuters-16787.txt", (1139, 1294), "indirect", "senior LDP officials", (1296, 1309)),
    ("the-sources", "reuters.jsonl", "reuters-19047.txt", (502, 669), "indirect", "Japanese government sources", (671, 682)),
    ("the-officials-of-a-company", "readability.jsonl", "readability-nytimes-3.txt", (2543, 2693), "indirect", "Con Edison officials", (2523, 2536)),
]


# One test over the rule classes' tables, each case named by its class: initials to the name written out,
# no sentence opener in the full name, a description to the fuller one before.
NAME_RULES = [(f"{group}-{c[0]}", *c[1:]) for group, table in (("initials", SPELLED_OUT), ("opener", GLUED), ("described", DESCRIBED))
              for c in table]


@pytest.mark.parametrize(("corpus", "file", "span", "kind", "speaker", "mention"), [c[1:] for c in NAME_RULES], ids=[c[0] for c in NAME_RULES])
def test_name_rules_on_real_articles(corpus: str, file: str, span: tuple[int, int], kind: str, speaker: str, mention: tuple[int, int]) -> None:
    test_full_name_on_real_articles(corpus, file, span, kind, speaker, mention)


ISSUERS = [
    # the document named with its issuer before: `a report from X`, `the X study`, `X wrote in a report` (ggt-0060, ggt-0028, ggt-0084)
    ("doc-from", "An August report from the Parliamentary Budget Officer estimated the cost. Later, the report said", "report", "Parliamentary Budget Officer"),
    ("doc-named", "According to the Civic Action study, retail hires most. Then the study said", "study", "Civic Action"),
    ("doc-named-after-month", "An August PBO report found a gap. Then the report said", "report", "PBO"),
    ("wrote-in", "economist Philip Cross wrote in a recent report for the Macdonald-Laurier Institute. Then the report said", "report", "Philip Cross"),
    ("stated-in-apposition", "Jason Schultz, technical researcher at Talos, stated in the company\u2019s blog post that it was one group. Then the post read", "post", "Jason Schultz"),
    ("doc-by-a-long-name", "A study by the University of Calgary\u2019s School of Public Policy analyzed 13 projects. Then the study said", "study",
     "University of Calgary\u2019s School of Public Policy"),
    # a place is no writer, a possessive names someone else's document, no issuer named: nobody
    ("place-is-no-writer", "the Counselor in Buenos Aires said in a field report that corn sold. Then the report said", "report", None),
    ("possessive", "a report by the State Department\u2019s inspector general found it. Then the report said", "report", None),
    ("no-issuer", "A report found it. Then the report said", "report", None),
]


@pytest.mark.parametrize(("text", "noun", "want"), [c[1:] for c in ISSUERS], ids=[c[0] for c in ISSUERS])
def test_document_issuer(lex: QuoteLexicon, text: str, noun: str, want: str | None) -> None:
    assert _document_issuer(text, noun, text.rindex(noun) - 4, lex) == want


ISSUED = [
    # `Last year's growth rate ..., the report said`, after `..., said a World Bank report` (bbc-business-076)
    ("report-to-its-issuer", "bbc.jsonl", "bbc-business-076.txt", (563, 649), "indirect", "World Bank", (651, 661)),
    # `The study noted that ...` after `..., a study by Credit Suisse said` (reuters-06515)
    ("study-to-its-issuer", "reuters.jsonl", "reuters-06515.txt", (517, 661), "indirect", "Credit Suisse", (496, 505)),
]


@pytest.mark.parametrize(("corpus", "file", "span", "kind", "speaker", "mention"), [c[1:] for c in ISSUED], ids=[c[0] for c in ISSUED])
def test_document_speaks_for_its_issuer(corpus: str, file: str, span: tuple[int, int], kind: str, speaker: str, mention: tuple[int, int]) -> None:
    test_full_name_on_real_articles(corpus, file, span, kind, speaker, mention)

"""The speaker ranking: candidate mentions around a quotation, their features, the weighted choice.

Sentences are real passages of `../shared/corpus/dev/` (offsets within the passage as cut here);
the table cases of `tests/cases/quotes_speaker_ranking.jsonl` run the whole quote pass on real
articles and check each quotation's speaker, cue and the span of the mention it rests on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from etl.extract.quotes.extract import extract_quotes
from etl.extract.quotes.lexicon import quote_lexicon
from etl.extract.quotes.mentions import Mention
from etl.extract.quotes.ranking import Candidate, best, candidates, mentions_in
from etl.extract.quotes.subjects import sentence_subject
from etl.extract.sections import split_sections
from tests.etl.extract.quotes.conftest import context_of
from tests.etl.extract.quotes.conftest import corpus_texts as _corpus

ROOT = Path(__file__).resolve().parents[4]
SHARED = ROOT / ".." / "shared"
CASES = ROOT / "tests" / "cases" / "quotes_speaker_ranking.jsonl"



MENTIONS = [
    # the name at the end of a capitalised run, not the title inside it (`bank Governor R.N. Malhotra`)
    ("run-end-not-title", "reuters.jsonl", "reuters-21497.txt", (514, 787),
     [(157, 161, "bank", "desc"), (176, 184, "Malhotra", "name"), (190, 228, "an earlier meeting of chief executives", "desc"),
      (240, 248, "Malhotra", "name")]),
    # a capitalised run stops at a sentence end (not `London. Any`); `Any` names nobody
    ("sentence-end-cuts-a-run", "bbc.jsonl", "bbc-politics-093.txt", (346, 540), [(30, 32, "UK", "desc"), (75, 77, "he", "pronoun")]),
    # a description after the quotation; nothing inside the quotation (`Toshiba`) is a candidate
    ("nothing-inside-the-quotation", "reuters.jsonl", "reuters-12025.txt", (1072, 1182),
     [(42, 54, "one official", "desc"), (58, 72, "the Department", "desc")]),
    # `He's still got to`: the pronoun without its `'s` (`is`/`has` cut short)
    ("contracted-pronoun", "bbc.jsonl", "bbc-politics-274.txt", (1915, 2100),
     [(0, 2, "He", "pronoun"), (38, 79, "the reluctance of other finance ministers", "desc"), (104, 127, "the cynicism of experts", "desc")]),
]


@pytest.mark.parametrize(("corpus", "file", "window", "want"), [c[1:] for c in MENTIONS], ids=[c[0] for c in MENTIONS])
def test_mentions_in(corpus: str, file: str, window: tuple[int, int], want: list[tuple[int, int, str, str]]) -> None:
    text = _corpus(corpus)[file][window[0] : window[1]]
    ctx = context_of(text)
    holes = [(q.open_start, q.close_end or len(text)) for p in ctx.paras for q in p.quoted]
    assert [(m.start, m.end, m.text, m.kind) for m in mentions_in(ctx, 0, len(text), holes)] == want


def test_sentence_subject_of_a_contracted_pronoun() -> None:
    # bbc-entertainment-055: `He's now written an accompanying book, too.`: `He` opens the sentence as its subject
    text = _corpus("bbc.jsonl")["bbc-entertainment-055.txt"]
    assert sentence_subject(text, 1650, 1694, quote_lexicon()) == Mention(1650, 1652, "He", "pronoun")


def _candidates(text: str, quoted: str) -> dict[str, tuple[str, ...]]:
    """Features by mention text of the candidates for the quotation that starts with `quoted`, the rules having none."""
    ctx = context_of(text)
    start = text.index(quoted)
    p = next(i for i, para in enumerate(ctx.paras) if para.lo <= start < para.hi)
    return {c.mention.text: c.features for c in candidates(ctx, ctx.paras, p, start, start + len(quoted), None, "none", None)}


def test_candidate_features_of_a_quotation_continued() -> None:
    # bbc-sport-127 (its first 520 characters): the speaker of the quotation before, the subject of the
    # sentence before with a cue of its own, is the nearest candidate; `Kewell` two sentences back
    text = _corpus("bbc.jsonl")["bbc-sport-127.txt"][:520]
    got = _candidates(text, "But despite his best efforts")
    assert list(got) == ["Kewell", "the Champions League", "Bayer Leverkusen", "Bernie Mandic"]
    assert {"dist:-1", "side:before:-1", "cue_subject", "sentence_subject", "nearest", "nearest_before"} <= set(got["Bernie Mandic"])
    assert {"dist:-2", "sentence_subject:-2"} <= set(got["Kewell"])
    assert "cue_subject" not in got["Kewell"]


def _candidate(start: int, end: int, *features: str) -> Candidate:
    return Candidate(Mention(start, end, "x", "name"), ("bias", *features))


BEST = [
    ("highest-wins", [_candidate(0, 1, "a"), _candidate(2, 3, "b")], {"a": 1.0, "b": 2.0}, 0.0, 2),
    ("ties-go-to-the-first", [_candidate(0, 1, "a"), _candidate(2, 3, "a")], {"a": 1.0}, 0.0, 0),
    ("rules-choice-within-margin-stays", [_candidate(0, 1, "rule"), _candidate(2, 3, "b")], {"rule": 1.0, "b": 2.5}, 2.0, None),
    ("beats-the-rules-by-the-margin", [_candidate(0, 1, "rule"), _candidate(2, 3, "b")], {"rule": 1.0, "b": 3.5}, 2.0, 2),
    ("nothing-to-choose", [], {"a": 1.0}, 0.0, None),
]


@pytest.mark.parametrize(("cands", "weights", "margin", "want"), [c[1:] for c in BEST], ids=[c[0] for c in BEST])
def test_best(cands: list[Candidate], weights: dict[str, float], margin: float, want: int | None) -> None:
    got = best(cands, weights, margin)
    assert (got.mention.start if got is not None else None) == want


def _load() -> list[dict[str, Any]]:
    with CASES.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASE_LIST = _load()
KEYS = ("char_start", "char_end", "kind", "speaker", "cue", "via", "speaker_char_start", "speaker_char_end")


@pytest.mark.parametrize("case", CASE_LIST, ids=[c["id"] for c in CASE_LIST])
def test_case(case: dict[str, Any]) -> None:
    if not (SHARED / "corpus" / "dev" / case["corpus"]).exists():
        pytest.skip("../shared/corpus/dev is not beside the repository: corpus cases read it there")
    text = _corpus(case["corpus"])[case["file"]]
    lo, hi = case["window"]
    found = [{k: getattr(q, k) for k in KEYS} for q in extract_quotes(text, split_sections(text)) if lo <= q.char_start < hi]
    for want in case["expect"]:
        assert want in found, f"missing {want}"


NAMING = [
    # `Samuel Alberto Yohai, director of ..., said private businessmen should not become what he called "mental hostages"`
    ("what-he-called-person", "reuters-15198.txt", (350, 365), "Samuel Alberto Yohai", (219, 239), "called"),
    # `Vladimir Petrovsky said ... at what he called "truly hostile statements ..."`: the name, as for the quote before
    ("what-he-called-after-said", "reuters-14914.txt", (173, 220), "Vladimir Petrovsky", (87, 105), "called"),
]


@pytest.mark.parametrize(("file", "span", "speaker", "mention", "cue"), [c[1:] for c in NAMING], ids=[c[0] for c in NAMING])
def test_what_he_called_credits_the_sentence_subject(file: str, span: tuple[int, int], speaker: str, mention: tuple[int, int], cue: str) -> None:
    # a partial quotation after `what he called`: the mention is the name opening the sentence, not `he`
    text = _corpus("reuters.jsonl")[file]
    got = next(q for q in extract_quotes(text, split_sections(text)) if (q.char_start, q.char_end) == span)
    assert (got.kind, got.speaker, (got.speaker_char_start, got.speaker_char_end), got.cue) == ("partial", speaker, mention, cue)

"""The per-article context: paragraphs, their sentences (never split after `Mr.` or inside a quotation), and each cue's subject."""

from __future__ import annotations

from etl.extract.quotes.context import sentence_of
from etl.extract.quotes.mentions import Mention
from tests.etl.extract.quotes.conftest import context_of

TEXT = 'Headline\n\nMr. Hemming said his group was ready. "We will go on," he said. The talks end on Friday.'


def test_sentences_quotations_and_cues_of_a_paragraph() -> None:
    ctx = context_of(TEXT)
    (para,) = [p for p in ctx.paras if p.kind == "paragraph"]
    assert [TEXT[a:b] for a, b in para.sentences] == ["Mr. Hemming said his group was ready.", '"We will go on," he said.', "The talks end on Friday."]
    assert [TEXT[q.start : q.end] for q in para.quoted] == ["We will go on,"]
    assert [c.word for c in para.cues] == ["said", "said"]
    assert sentence_of(para, TEXT.index("We will")) == (48, 73)


def test_each_cue_has_its_subject_once() -> None:
    ctx = context_of(TEXT)
    (para,) = [p for p in ctx.paras if p.kind == "paragraph"]
    first, second = para.cues
    assert ctx.subject(para, first) == Mention(14, 21, "Hemming", "name")
    assert ctx.subject(para, second) == Mention(65, 67, "he", "pronoun")
    assert set(ctx.subjects) == {first.start, second.start}  # cached by cue


def test_a_coordinated_verb_shares_its_subject() -> None:
    text = "Headline\n\nTass noted the talks would start and said they would be held in Belarus."
    ctx = context_of(text)
    (para,) = [p for p in ctx.paras if p.kind == "paragraph"]
    said = next(c for c in para.cues if c.word == "said")
    assert ctx.subject(para, said) == Mention(10, 14, "Tass", "outlet")  # a news agency

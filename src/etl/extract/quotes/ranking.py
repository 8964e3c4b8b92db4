"""Who of the people and bodies named around a quotation said it: candidate mentions, their features, a linear score.

The rules of `attribution` find the speaker where a cue names one in the quotation's sentence; where
they find nobody, or only borrow a neighbour's speaker, the speaker is often named a sentence or two
before (`Trump said:`), or is the subject of a sentence with no cue. Every mention in the quotation's
sentence, the two before it (reaching into the paragraph before) and the one after is a candidate;
each is described by binary features (distance, side, kind, whether a cue or the sentence has it as
subject, whether the rules chose it, whether it was the last speaker, how often it was named) and
scored by the weights of `speaker_weights.json`, fitted on the fit part of the gold by
`bench/fit_speaker_weights.py`. One pass, sums of weights, no model to download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from etl.extract.quotes.context import Context, Paragraph, cues_between
from etl.extract.quotes.cues import Cue
from etl.extract.quotes.labels import LABEL_LINE
from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import Mention, mention_ending_at
from etl.extract.quotes.subjects import sentence_subject

# How many sentences before the quotation's own are read for candidates, and after it.
SENTENCES_BEFORE = 2
SENTENCES_AFTER = 1
# How much (characters) of the paragraph before is read when the quotation opens its own paragraph.
_PREVIOUS_REACH = 400
# A word: what stands between white space.
_WORD = re.compile(r"\S+")
# What may end a word without being part of a name: `Trump,`, `(Reuters)`, `she said.`
_TRAILING = ",;:.!?)\u201d\"\u2019"
# `is`/`has` cut short after a pronoun: `He\u2019s`, `she's`.
_CONTRACTED = ("\u2019s", "'s")
# The most characters between the paragraph before and the quotation's for the one to be read with the other.
_ADJACENT = 4
# The most candidates kept (nearest first): bounds the work in a paragraph full of names.
_MAX_CANDIDATES = 24


class Candidate(NamedTuple):
    """A mention that may be the speaker, with the names of the features it has."""

    mention: Mention
    features: tuple[str, ...]
    cue: Cue | None = None  # the cue of the quotation's own sentence whose subject the mention is


def _words(text: str, lo: int, hi: int, holes: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The space-separated words of `text[lo:hi]` outside `holes` (quotations), one list per stretch between holes."""
    runs: list[list[tuple[int, int]]] = []
    pos = lo
    for a, b in sorted([*(h for h in holes if h[1] > lo and h[0] < hi), (hi, hi)]):
        if a > pos:
            run = [m.span() for m in _WORD.finditer(text, pos, a)]
            if run:
                runs.append(run)
        pos = max(pos, b)
    return runs


def _abbreviation(word: str, lex: QuoteLexicon) -> bool:
    """`Mr.`, `J.`: a period that belongs to the word."""
    return word in lex.abbreviations or (len(word) == 2 and word[0].isupper() and word[1] == ".")


def _plausible(text: str, m: Mention, lex: QuoteLexicon) -> bool:
    """True for a mention that may speak: a pronoun, a name the article never writes in lower case
    (not `During`, `Lamenting`), a description with a known head (not `the Sydney experience should prove`)."""
    if m.kind in ("pronoun", "outlet"):
        return True
    if "," in m.text:
        return False  # `Canada, U.S.`: a list, nobody in particular
    if m.kind == "name":
        if all(w in lex.titles for w in m.text.split()):
            return False  # `The Prime Minister`: a title whose holder the article names elsewhere
        if m.text.replace(" ", "").replace(".", "").isupper() and len(m.text) > 5:
            return False  # `TALLAHASSEE`, `MOVING SHOP`: a dateline or a label, not an acronym
        if " " in m.text:
            return not any(w in lex.pronoun_forms or w in lex.self_pronouns for w in m.text.split())  # not `Last I`
        # one word: a name the article writes again and never in lower case (not `During`, `Mexican deal`)
        low = m.text.lower()
        return low not in lex.determiners and low not in lex.mention_openers and f" {low} " not in text and text.count(m.text) > 1
    head = m.text.rsplit(" ", 1)[-1]
    low = head.lower()
    return low in lex.heads or low in lex.person_heads or low in lex.anonymous_heads or head in lex.org_heads or (head.isupper() and len(head) > 1)


def mentions_in(ctx: Context, lo: int, hi: int, holes: Sequence[tuple[int, int]]) -> list[Mention]:
    """Every person, body, pronoun or description named in `text[lo:hi]` outside `holes`, in text order, none overlapping."""
    text, lex = ctx.text, ctx.lex
    key = (lo, hi)
    got = ctx.mentions.get(key)
    if got is not None:
        return got
    found: list[Mention] = []
    ends = lex.mention_ends
    for run in _words(text, lo, hi, holes):
        clean = [(s, e - 1 if text[e - 1] in _TRAILING and not _abbreviation(text[s:e], lex) else e) for s, e in run]
        # `He\u2019s claiming`, `she's`: `he`/`she` with `is`/`has` cut short is the pronoun (not `it's`: a thing)
        clean = [
            (s, e - 2) if text[e - 1] == "s" and text[e - 2 : e] in _CONTRACTED and lex.person_genders.get(text[s : e - 2].lower()) else (s, e)
            for s, e in clean
        ]
        first = 0  # the first word of the sentence: a mention starts no earlier (not `London. Any`)
        for i, (s, e) in enumerate(clean):
            if i > 0 and text[run[i - 1][1] - 1] in ".!?" and clean[i - 1][1] < run[i - 1][1]:
                first = i
            if e <= s:
                continue
            if text[s].isupper():
                if i + 1 < len(clean) and e == run[i][1] and text[clean[i + 1][0]].isupper():
                    continue  # inside a run of capitalised words (`bank Governor R.N. Malhotra`): its end names it
            elif text[s:e].lower() not in ends:
                continue  # no pronoun and no head of a description that `_plausible` keeps: nothing ends here
            m = mention_ending_at(text, clean[first : i + 1], i - first, lex)
            if m is not None and m.end > m.start and _plausible(text, m, lex):
                found.append(m)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m  # `the Department` inside `Department of Trade and Industry`: the longer
            continue
        out.append(m)
    ctx.mentions[key] = out
    return out


def _sentence_index(para: Paragraph, pos: int) -> int:
    for k, (a, b) in enumerate(para.sentences):
        if a <= pos < b:
            return k
    return max(0, len(para.sentences) - 1)


def candidates(
    ctx: Context,
    paras: Sequence[Paragraph],
    p: int,
    start: int,
    end: int,
    rule: Mention | None,
    rule_source: str,
    last: Mention | None,
) -> list[Candidate]:
    """The candidate speakers of the quotation `[start, end)` of paragraph `paras[p]`, with their features.

    `rule` is the mention the rules chose (`rule_source`: cue, borrowed, none), `last` the last speaker's mention.
    """
    para = paras[p]
    text = ctx.text
    k = _sentence_index(para, start)
    spans: list[tuple[int, int, int]] = []  # (lo, hi, sentence offset from the quotation's)
    for j in range(max(0, k - SENTENCES_BEFORE), min(len(para.sentences), k + SENTENCES_AFTER + 1)):
        a, b = para.sentences[j]
        spans.append((a, b, j - k))
    if not para.sentences:
        spans.append((para.lo, para.hi, 0))
    prev_para = None
    if (
        k < SENTENCES_BEFORE
        and p > 0
        and paras[p - 1].kind == "paragraph"
        and para.lo - paras[p - 1].hi <= _ADJACENT
        and LABEL_LINE.match(text, paras[p - 1].lo, paras[p - 1].hi) is None  # not `WATCH: Bomb threats ...`
    ):
        prev_para = paras[p - 1]
        spans.insert(0, (max(prev_para.lo, prev_para.hi - _PREVIOUS_REACH), prev_para.hi, -k - 1))
    cue_subjects: dict[int, Mention] = {}
    cue_of: dict[int, Cue] = {}
    for c in cues_between(para, spans[0][0] if prev_para is None else para.lo, spans[-1][1]):
        m = ctx.subject(para, c)
        if m is not None:
            cue_subjects[m.start] = m
            cue_of.setdefault(m.start, c)
    if prev_para is not None:
        for c in cues_between(prev_para, spans[0][0], prev_para.hi):
            m = ctx.subject(prev_para, c)
            if m is not None:
                cue_subjects[m.start] = m
    q_lo = start - 1
    out: list[tuple[int, Mention, list[str]]] = []
    rule_seen = False
    for lo, hi, d in spans:
        crossed = prev_para is not None and hi <= para.lo
        quoted = prev_para.quoted if crossed and prev_para is not None else para.quoted
        holes = [(q.open_start, q.close_end if q.close_end is not None else hi) for q in quoted]
        ends_colon = text[lo:hi].rstrip().endswith(":")
        subj = sentence_subject(text, lo, hi, ctx.lex)
        firm = [m for m in (subj, *(m for m in cue_subjects.values() if lo <= m.start < hi)) if m is not None and _plausible(text, m, ctx.lex)]
        if rule is not None and lo <= rule.start < hi:
            firm.append(rule)
        found = firm + [m for m in mentions_in(ctx, lo, hi, holes) if not any(m.start < o.end and o.start < m.end for o in firm)]
        found = sorted({(m.start, m.end): m for m in found}.values(), key=lambda m: m.start)
        kept: list[Mention] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                continue
            if kept and kept[-1].kind == "desc" and m.kind == "name" and m.start == kept[-1].end + 1:
                kept[-1] = m  # `Former union leader Sir Bill Morris`: the name the description introduces
                continue
            kept.append(m)
        for n, m in enumerate(kept):
            side = "before" if m.end <= q_lo else "after" if m.start >= end else "inside"
            if side == "inside":
                continue
            dist = max(-3, d)
            f = [f"kind:{m.kind}", f"dist:{dist}", f"dist:{dist}:{m.kind}", f"side:{side}:{dist}"]
            if crossed:
                f.append("para:before")
            if m.start in cue_subjects:
                f += ["cue_subject", f"cue_subject:{dist}"]
            if n == 0:
                f += ["first", f"first:{dist}"]
            if subj is not None and m.start == subj.start:
                f += ["sentence_subject", f"sentence_subject:{dist}"]
            if m.kind == "desc" and m.text.count(" ") >= 4:
                f.append("long")
            if ends_colon and dist < 0:
                f.append("colon")
            before = text[max(lo, m.start - 6) : m.start]
            if before.endswith(("told ", "asked ", "to ", "with ", "by ")):
                f.append(f"after:{before.split()[-1]}")
            if rule is not None and m.start < rule.end and rule.start < m.end:
                f += ["rule", f"rule:{rule_source}"]
                rule_seen = True
            if last is not None and (m.text == last.text or m.text.split()[-1] == last.text.split()[-1]):
                f.append("last")
            seen = text.count(m.text.split()[-1], max(0, m.start - 3000), m.start) if m.kind == "name" else 0
            f.append(f"seen:{min(seen, 3)}")
            out.append((abs(m.start - start), m, f))
    if rule is not None and not rule_seen:
        out.append((0, rule, ["rule", f"rule:{rule_source}", f"kind:{rule.kind}", "outside"]))
    out.sort(key=lambda t: t[0])
    out = out[:_MAX_CANDIDATES]
    nearest_before = next((i for i, t in enumerate(out) if t[1].end <= q_lo), None)
    if nearest_before is not None:
        out[nearest_before][2].append("nearest_before")
    if out:
        out[0][2].append("nearest")
    own = para.sentences[k] if para.sentences else (para.lo, para.hi)
    return [
        Candidate(m, ("bias", *f), cue_of.get(m.start) if own[0] <= m.start < own[1] else None)
        for _, m, f in sorted(out, key=lambda t: t[1].start)
    ]


def score(c: Candidate, weights: dict[str, float]) -> float:
    """The candidate's score: the sum of its features' weights."""
    return sum(weights.get(f, 0.0) for f in c.features)


def best(cands: Sequence[Candidate], weights: dict[str, float], margin: float = 0.0) -> Candidate | None:
    """The candidate of highest score (the first in text order of equal ones), or None when there is none
    or when the rules' own candidate (feature `rule`) scores within `margin` of it."""
    top: Candidate | None = None
    top_score = 0.0
    rule_score: float | None = None
    for c in cands:
        s = score(c, weights)
        if "rule" in c.features:
            rule_score = s
        if top is None or s > top_score:
            top, top_score = c, s
    if rule_score is not None and top_score - rule_score <= margin:
        return None
    return top

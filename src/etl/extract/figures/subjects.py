"""What a figure counts: the noun after a count (`498 Russian troops` -> troops), after money
(`$5m for housing`), or after an ordinal (`second-largest city`)."""

from __future__ import annotations

import re

from etl.extract.figures.lexicon import FigureLexicon
from etl.extract.figures.quantities import Quantity
from etl.records import Figure

PLURAL_NOUN = re.compile(r"[ ](?P<w>[a-z][a-z'-]*)")
ANY_WORD = re.compile(r"[ ](?P<w>[A-Za-z][A-Za-z.'-]*)")
HYPHEN_WORD = re.compile(r"-(?P<w>[a-z]+)(?![A-Za-z])")
MONEY_SUBJECT = re.compile(r"[ ](?:in|of|for|worth[ ]of)[ ](?P<w>[a-z]+(?:[ ][a-z]+)?)")
# How close (characters) a count must follow the count whose noun it borrows: `498 troops killed and another 1,600 wounded`.
_BORROW_REACH = 120


def counted(text: str, end: int, limit: int, value: float, prev: list[Figure], start: int, lex: FigureLexicon
             ) -> tuple[str | None, str | None]:
    """The counted noun after a count (`498 Russian troops` -> troops) and the subject phrase."""
    words: list[str] = []
    pos = end
    noun = None
    for _ in range(3):
        m = ANY_WORD.match(text, pos, limit)
        if m is None:
            break
        w = m.group("w").rstrip(".'-")
        lw = w.lower()
        if not w or lw in lex.stop_words:
            break
        if value == 1 and w[0].islower() and not lw.endswith(("ly", "ed", "ing")):
            nxt = ANY_WORD.match(text, m.end(), limit)
            if nxt is not None and nxt.group("w")[0].islower() and nxt.group("w").lower() not in lex.stop_words:
                words.append(w)  # "one new vaccine": `new` modifies the noun after it
                pos = m.end()
                continue
        if w[0].islower() and (
            lw in lex.irregular_plurals or (value != 1 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "'s")))
            or (value == 1 and not lw.endswith(("ly", "ed", "ing")))
        ):
            noun = w
            words.append(noun)
            pos = m.end()
            break
        if w[0].isupper() or lw.endswith(("ian", "ese", "ish", "al", "ic", "ive", "ern", "-old", "-year")):
            words.append(w)
            pos = m.end()
            continue
        break
    if noun is None:
        # "another 1,600 had been wounded": the noun of the count before it in the sentence
        v = lex.participle.match(text, end, limit)
        if v is not None and prev and prev[-1].kind == "count" and prev[-1].subject and start - prev[-1].char_end < _BORROW_REACH:
            base = prev[-1].subject.rsplit(" ", 1)[0] if " " in prev[-1].subject else prev[-1].subject
            return None, f"{base} {v.group('v')}"
        return None, None
    v = lex.participle.match(text, pos, limit)
    subject = " ".join(words) + (f" {v.group('v')}" if v else "")
    return noun, subject


def money_subject(text: str, end: int, limit: int, lex: FigureLexicon) -> str | None:
    """What an amount of money is for: `$5m for new housing` -> `new housing`."""
    m = MONEY_SUBJECT.match(text, end, limit)
    if m is None:
        return None
    w = m.group("w").split()
    w = [x for x in w if x not in lex.stop_words]
    return " ".join(w) or None


def ordinal_figure(text: str, q: Quantity, limit: int, lex: FigureLexicon) -> Figure | None:
    """An ordinal (`third`, `21st`) with the noun it ranks (`second-largest city`); None for a name (`Third World`)."""
    end = q.end
    h = HYPHEN_WORD.match(text, end, limit)
    subject = None
    if h is not None and h.group("w") in lex.not_ordinal_compounds:
        return None  # "Third World" is a name, not a rank
    if h is not None:  # "second-largest"
        end = h.end()
        noun = PLURAL_NOUN.match(text, end, limit)
        subject = f"{h.group('w')} {noun.group('w')}" if noun else h.group("w")
    else:
        noun = PLURAL_NOUN.match(text, end, limit)
        if noun is not None and noun.group("w") not in lex.stop_words:
            subject = noun.group("w")
    return Figure(kind="ordinal", text=text[q.start:end], char_start=q.start, char_end=end, value=q.value,
                  subject=subject)

"""Gender and kind from the articles' own evidence about a speaker, never from a first name.

Evidence, per quote whose attribution rests on a mention (`articles.text[speaker_char_start:
speaker_char_end]`): a pronoun the attribution resolved to the speaker (`he`, `she`, `it`), and
an honorific written in or right before that mention (`Mrs May`, `Mr Blair`). Counted per
person across the archive; `gender` is set only for a `person` with at least
`GENDER_MIN_EVIDENCE` gendered items of which at least `GENDER_MAJORITY` point one way (a few
pronouns resolved to the wrong antecedent do not flip it; an even split leaves it null).
"""

from __future__ import annotations

from functools import cache

from etl.lexicons import records, words

GENDER_MIN_EVIDENCE = 1
GENDER_MAJORITY = 0.75
# Characters before a mention searched for an honorific: the longest (`Madame`, `Baroness`) and a space.
HONORIFIC_WINDOW = 10


@cache
def _words(name: str) -> tuple[str, ...]:
    if name.startswith("pronouns_"):
        return _pronouns(name.removeprefix("pronouns_"))
    return tuple(sorted({w.lower() for w in words("people", name)}))


def _pronouns(kind: str) -> tuple[str, ...]:
    """Mention texts of one gender (`male`, `female`) or of a body (`neuter`): the quote lexicon's pronoun table, with possessives."""
    table = records("quotes_names", "pronouns", {"refers_to": str, "possessive": str})
    want = {"male": "m", "female": "f"}.get(kind)
    keep = [(p, e) for p, e in table.items() if (e.get("gender") == want if want else p.lower() == "it")]
    return tuple(sorted({w.lower() for p, e in keep for w in (p, e["possessive"])}))


def _sql_list(words: tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def evidence_sql(mentions: str) -> str:
    """SQL over a relation `mentions(article_id, quote_idx, mention, before, ...)` → its rows and columns with evidence flags.

    Flags: `he`, `she`, `it` (the mention is such a pronoun), `mr`, `mrs` (a male or female
    honorific is the mention's first word or the last word of `before`, the
    `HONORIFIC_WINDOW` characters before it; a full stop after it allowed), `peer` (that
    honorific names a peer: `Lord`, `Baroness`).
    """
    male, female, neuter = (_sql_list(_words(n)) for n in ("pronouns_male", "pronouns_female", "pronouns_neuter"))
    hmale, hfemale = _sql_list(_words("honorifics_male")), _sql_list(_words("honorifics_female"))
    peerage = _sql_list(_words("honorifics_peerage"))
    return f"""
        select * exclude (honorific),
            list_contains({hmale}, honorific) as mr, list_contains({hfemale}, honorific) as mrs,
            list_contains({peerage}, honorific) as peer
        from (
            select *,
                list_contains({male}, lower(trim(mention))) as he,
                list_contains({female}, lower(trim(mention))) as she,
                list_contains({neuter}, lower(trim(mention))) as it,
                coalesce(nullif(lower(regexp_extract(mention, '^([A-Za-z]+)\\.?\\s', 1)), ''),
                         lower(regexp_extract(before, '([A-Za-z]+)\\.?\\s+$', 1))) as honorific
            from {mentions}
        )
    """


def decide_gender(kind: str, male: int, female: int) -> str | None:
    """`female` / `male` when a person's evidence is enough and one-sided enough, else None."""
    total = male + female
    if kind != "person" or total < GENDER_MIN_EVIDENCE:
        return None
    if female >= GENDER_MAJORITY * total:
        return "female"
    if male >= GENDER_MAJORITY * total:
        return "male"
    return None


def refine_kind(kind: str, has_given_name: bool, male: int, female: int, neuter: int) -> str:
    """A one-word `person` that the articles only ever call `it` (`Microsoft`, `Dixons`) is an organisation."""
    if kind == "person" and not has_given_name and neuter > 0 and male == 0 and female == 0:
        return "organisation"
    return kind

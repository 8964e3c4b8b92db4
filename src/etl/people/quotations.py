"""Quotations across articles: one key per wording, and short excerpts joined to the longer quote.

A quotation is a `direct` or `partial` quote's words normalised for quote marks, case,
whitespace, ellipses and punctuation (`normalised_sql`); `indirect` rows are the writer's
paraphrase, not someone's words, and belong to no quotation. A wording of at least
`MIN_EXCERPT_WORDS` words that appears inside a longer one (on word boundaries) is an excerpt of
it and joins the longest such quotation, when both are attributed to the same person or either
to nobody. Runs as SQL in DuckDB: candidate containers are found by joining the excerpt's first
`MIN_EXCERPT_WORDS`-word shingle with every shingle of the longer wordings, then checked.
"""

from __future__ import annotations

MIN_EXCERPT_WORDS = 6
QUOTATION_KINDS = ("direct", "partial")


def normalised_sql(column: str) -> str:
    """SQL for a quote's normalised wording: lower case; quote marks, ellipses and punctuation as spaces; one space between words."""
    return (
        f"trim(regexp_replace(regexp_replace(lower({column}), '(\\.\\.\\.|…|[^[:alnum:]])+', ' ', 'g'), ' +', ' ', 'g'))"
    )


def excerpt_sql(wordings: str, min_words: int = MIN_EXCERPT_WORDS) -> str:
    """SQL over `wordings(norm, n_words, person_id)` → `(norm, parent)`: each excerpt and the quotation it joins."""
    n = int(min_words)
    return f"""
        with long_ as (
            select norm, n_words, person_id, string_split(norm, ' ') as words from {wordings} where n_words > {n}
        ),
        starts as (
            select norm, n_words, person_id, words, unnest(range(1, n_words - {n} + 2)) as i from long_
        ),
        shingles as (
            select norm, n_words, person_id, array_to_string(list_slice(words, i, i + {n - 1}), ' ') as shingle from starts
        ),
        short_ as (
            select norm, n_words, person_id, array_to_string(list_slice(string_split(norm, ' '), 1, {n}), ' ') as first_shingle
            from {wordings} where n_words >= {n}
        ),
        pairs as (
            select distinct s.norm, l.norm as parent, l.n_words as parent_words
            from short_ s join shingles l on l.shingle = s.first_shingle and l.n_words > s.n_words
            where contains(' ' || l.norm || ' ', ' ' || s.norm || ' ')
              and (s.person_id is null or l.person_id is null or s.person_id = l.person_id)
        )
        select norm, parent from (
            select norm, parent, row_number() over (partition by norm order by parent_words desc, parent) as rank from pairs
        ) where rank = 1
    """

"""People, outlets and quotations across the whole archive (issue 17).

`build(out_root)` rebuilds the derived tables `people`, `outlets`, `quotations` and
`quote_links` from every committed `articles` and `quotes` file; `views` gives the SQL that
joins them back to `quotes`. One concern per module: `names` (a speaker string → kind and
comparison keys), `linking` (which forms name one entity), `outlets` (relaying outlets),
`quotations` (wording keys and excerpts), `evidence` (gender and kind from the articles),
`ids` (stable ids), `derive` (reading, SQL, atomic writes), `views` (SQL for analysts),
`report` (the HTML report's sections).
"""

from __future__ import annotations

from etl.people.derive import DERIVED_TABLES, BuildResult, build


def check_lexicon() -> None:
    """Read every word list of the people lexicon (once per process).

    Raises:
        LexiconError: one line naming the lexicon file and key that is missing or malformed.
    """
    from etl.people import evidence, names, outlets

    names._lex()
    outlets._aliases()
    outlets._suffixes()
    for key in ("honorifics_male", "honorifics_female", "honorifics_peerage", "pronouns_male", "pronouns_female", "pronouns_neuter"):
        evidence._words(key)


__all__ = ["DERIVED_TABLES", "BuildResult", "build", "check_lexicon"]

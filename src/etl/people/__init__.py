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

__all__ = ["DERIVED_TABLES", "BuildResult", "build"]

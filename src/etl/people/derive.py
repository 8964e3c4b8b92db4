"""Build `people`, `outlets`, `quotations` and `quote_links` from everything committed under an output root.

Runs at the end of each run, after the batches are committed: reads the needed columns of every
`quotes` and `articles` file into DuckDB, links speaker names over the DISTINCT forms in Python
(`linking`), and computes every per-quote column in SQL. Each table is validated against its
pandera model, then written as one file `OUT/<table>/<table>.parquet` under a temporary name
and renamed into place, so a reader sees the old table or the new one, never a mix of rows.

The build records a fingerprint of its inputs (the names and sizes of the committed files, which
are named by content, and the lexicon and code version) in the `people` file; a run that
committed nothing new finds the same fingerprint and writes nothing, so the tables and their ids
stay exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
from fsspec import AbstractFileSystem

from etl.io.parquet import read_parquet, table_files
from etl.io.read import _is_local, open_root
from etl.lexicons import FOLDER
from etl.people import evidence, quotations
from etl.people.ids import carry_over, entity_id, form_id, outlet_id
from etl.people.linking import Entity, FormEvidence, Linking, link, resolve_in_period
from etl.people.names import ORGANISATION, PERSON, Name, parse_speaker
from etl.people.outlets import bare_key, normalise_outlets
from etl.tables import ARROW_SCHEMAS, DERIVED_TABLES  # plain pyarrow: a run with nothing new imports no pandas

if TYPE_CHECKING:
    import duckdb

log = logging.getLogger("newsetl")

BUILD_VERSION = "1"  # bump when the rules change in a way the lexicon does not show
_FINGERPRINT_KEY = b"newsetl.people.inputs"
_TMP_SUFFIX = ".tmp"


@dataclass(slots=True)
class BuildResult:
    """What a build did: rows per table, seconds, and whether it found nothing new to do."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    unchanged: bool = False


def build(out_root: str) -> BuildResult:
    """Rebuild the derived tables of `out_root` from its committed articles and quotes (see the module docstring)."""
    started = time.perf_counter()
    fs, root = open_root(out_root)
    inputs = {t: table_files(fs, root, t) for t in ("articles", "quotes")}
    fingerprint = _fingerprint(fs, root, inputs)
    previous = _read_previous(fs, root)
    if previous.get("fingerprint") == fingerprint and all(table_files(fs, root, t) for t in DERIVED_TABLES):
        return BuildResult(rows=previous.get("rows", {}), seconds=time.perf_counter() - started, unchanged=True)
    import duckdb  # ~15 MB: only when the tables are rebuilt, not when the fingerprint says they stand

    con = duckdb.connect()
    try:
        _load_quotes(con, fs, inputs)
        articles = dict(con.execute("select speaker, count(distinct article_id) from q where speaker is not null group by 1").fetchall())
        # The speaker forms are read in Python (a second or so at 100k articles) in a thread while DuckDB joins the
        # article texts in this one: DuckDB releases the GIL while it runs a query, so both cores work.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsetl-people") as pool:
            parsed = pool.submit(lambda: {f: parse_speaker(f) for f in articles})
            _load_articles(con, fs, inputs)
            evidence = _form_evidence(con)
            names = parsed.result()
        tables = _derive(con, previous.get("ids", {}), articles, names, evidence)
    finally:
        con.close()
    _validate(tables)
    rows = {name: t.num_rows for name, t in tables.items()}
    meta = {_FINGERPRINT_KEY: json.dumps({"fingerprint": fingerprint, "rows": rows}).encode()}
    for name in ("quote_links", "quotations", "outlets", "people"):  # people last: it carries the fingerprint
        _write_atomic(fs, root, name, tables[name], meta if name == "people" else None)
    return BuildResult(rows=rows, seconds=time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# Inputs


def _fingerprint(fs: AbstractFileSystem, root: str, inputs: dict[str, list[str]]) -> str:
    """A hash of the committed input files (names and sizes), the people lexicon, the derived tables' schemas and BUILD_VERSION."""
    h = hashlib.sha256(BUILD_VERSION.encode())
    h.update(b"".join((FOLDER / f"{name}.json").read_bytes() for name in ("people", "quotes_names")))
    h.update("".join(str(ARROW_SCHEMAS[t]) for t in DERIVED_TABLES).encode())
    for table, paths in sorted(inputs.items()):
        for path in paths:
            h.update(f"{table}:{path[len(root):]}:{fs.size(path)};".encode())
    return h.hexdigest()


def _read_previous(fs: AbstractFileSystem, root: str) -> dict:
    """The previous build's fingerprint and row counts, and its ids (`person_id` per id it resolved)."""
    paths = table_files(fs, root, "people")
    if not paths:
        return {}
    try:
        with fs.open(paths[0], "rb") as fh:
            pf = pq.ParquetFile(fh)
            meta = json.loads((pf.schema_arrow.metadata or {}).get(_FINGERPRINT_KEY, b"{}"))
            people = pf.read(columns=["person_id", "merged_ids"])
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        log.warning("people: the previous people table cannot be read (%s); ids are assigned afresh", exc)
        return {}
    ids: dict[str, str] = {}
    for pid, merged in zip(people.column("person_id").to_pylist(), people.column("merged_ids").to_pylist(), strict=True):
        ids[pid] = pid
        for m in merged or []:
            ids.setdefault(m, pid)
    return {**meta, "ids": ids}


def _load_quotes(con: duckdb.DuckDBPyConnection, fs: AbstractFileSystem, inputs: dict[str, list[str]]) -> None:
    """Table `q` (quotes)."""
    qcols = ["article_id", "quote_idx", "kind", "text", "speaker", "speaker_char_start", "speaker_char_end", "via"]
    _register(con, fs, "quotes_in", "quotes", inputs["quotes"], qcols)
    con.execute("create table q as select * from quotes_in")


def _load_articles(con: duckdb.DuckDBPyConnection, fs: AbstractFileSystem, inputs: dict[str, list[str]]) -> None:
    """Tables `a` (articles' days and hosts) and `m` (speaker mentions and the text before them), after `q`."""
    acols = ["article_id", "published_at", "ingested_at", "url", "text"]
    _register(con, fs, "articles_in", "articles", inputs["articles"], acols)
    w = evidence.HONORIFIC_WINDOW
    con.execute("""
        create table a as select article_id, coalesce(published_at, cast(ingested_at as date)) as day, ingested_at,
            nullif(regexp_extract(url, '^[a-z]+://(www\\.)?([^/:?#]+)', 2), '') as host
        from articles_in
    """)
    # One substr per quote (the window before the mention and the mention together), split after:
    # substr walks code points from the start of the text, so each call costs the article's length.
    con.execute(f"""
        create table m as select article_id, quote_idx, speaker, right(w, n) as mention, left(w, length(w) - n) as before from (
            select q.article_id, q.quote_idx, q.speaker, q.speaker_char_end - q.speaker_char_start as n,
                substr(t.text, greatest(q.speaker_char_start - {w}, 0) + 1, q.speaker_char_end - greatest(q.speaker_char_start - {w}, 0)) as w
            from q join articles_in t using (article_id)
            where q.speaker is not null and q.speaker_char_start is not null
        )
    """)


def _register(con: duckdb.DuckDBPyConnection, fs: AbstractFileSystem, view: str, table: str, paths: list[str], columns: list[str]) -> None:
    """A view of some columns of a table's files: read by DuckDB on local disk, through fsspec and Arrow elsewhere."""
    schema = pa.schema([ARROW_SCHEMAS[table].field(c) for c in columns])
    if paths and _is_local(fs):
        files = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
        con.execute(f"create view {view} as select {', '.join(columns)} from read_parquet({files}, union_by_name = true)")
        return
    parts = []
    for path in paths:
        with fs.open(path, "rb") as fh:
            parts.append(read_parquet(fh, columns=columns).cast(schema))
    data = pa.concat_tables(parts) if parts else schema.empty_table()
    con.register(f"{view}_arrow", data)
    con.execute(f"create view {view} as select * from {view}_arrow")


# ---------------------------------------------------------------------------------------------
# Derivation


def _derive(con: duckdb.DuckDBPyConnection, previous_ids: dict[str, str], articles: dict[str, int], names: dict[str, Name],
            form_evidence: dict[str, FormEvidence]) -> dict[str, pa.Table]:
    """Every derived table from the loaded inputs, the speaker forms (articles each is in, how each reads) and their evidence."""
    vias = [v for (v,) in con.execute("select distinct via from q where via is not null").fetchall()]
    linking = link(names.values(), articles, outlets=frozenset(bare_key(v) for v in vias), evidence=form_evidence)
    person_of, earlier = _person_ids(linking, previous_ids)
    _form_map(con, linking, person_of)
    _outlet_map(con)
    _quote_people(con)
    people = _people_table(con, linking, person_of, earlier)
    outlets = _outlets_table(con)
    quotation_table = _quotations(con)
    links = _arrow(con, """
        select q.article_id, q.quote_idx, qp.person_id, om.via_id, qq.quotation_id
        from q left join qp using (article_id, quote_idx)
             left join om on om.via = q.via
             left join qq using (article_id, quote_idx)
        order by q.article_id, q.quote_idx
    """)
    return {"people": people, "outlets": outlets, "quotations": quotation_table,
            "quote_links": links.cast(ARROW_SCHEMAS["quote_links"])}


def _form_evidence(con: duckdb.DuckDBPyConnection) -> dict[str, FormEvidence]:
    """Table `ev` (each quote's evidence flags) and, per speaker form, what its mentions show."""
    con.execute(f"create table ev as {evidence.evidence_sql('m')}")
    rows = con.execute("""
        select speaker, count(*) filter (where he or she), count(*) filter (where (mr or mrs) and not peer),
            count(*) filter (where it), count(*) filter (where peer),
            count(*) filter (where contains(lower(mention), lower(regexp_extract(trim(speaker), '(\\S+)$', 1))))
        from ev group by speaker
    """).fetchall()
    return {row[0]: FormEvidence(*map(int, row[1:])) for row in rows}


def _arrow(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """A query's result as an Arrow table (DuckDB 2 names it `to_arrow_table`, DuckDB 1 `arrow`)."""
    relation = con.sql(sql)
    fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
    return fetch()


def _person_ids(linking: Linking, previous_ids: dict[str, str]) -> tuple[list[str], list[set[str]]]:
    """The id of each entity (an id it had before when it has one, else its most specific form's), and earlier ids now resolving to it."""
    member_ids = [sorted({form_id(e.kind, m.key) for m in e.members}) for e in linking.entities]
    fresh = [entity_id(e.kind, e.anchor.key) for e in linking.entities]
    return carry_over(member_ids, fresh, previous_ids)


def _form_map(con: duckdb.DuckDBPyConnection, linking: Linking, person_of: list[str]) -> None:
    """Table `fm(speaker, period, person_id)`: period null where a form names one entity everywhere."""
    rows: list[tuple[str, str | None, str]] = [(f, None, person_of[i]) for f, i in linking.of_form.items()]
    if linking.ambiguous:
        present: dict[str, set[int]] = defaultdict(set)
        pairs = con.execute(
            "select distinct q.speaker, strftime(a.day, '%Y-%m') from q join a using (article_id) where q.speaker is not null"
        ).fetchall()
        for speaker, period in pairs:
            if speaker in linking.of_form:
                present[period].add(linking.of_form[speaker])
        for speaker, period in pairs:
            if speaker in linking.ambiguous:
                hit = resolve_in_period(linking.ambiguous[speaker], present.get(period, set()))
                if hit is not None:
                    rows.append((speaker, period, person_of[hit]))
    table = pa.table({"speaker": [r[0] for r in rows], "period": pa.array([r[1] for r in rows], pa.string()),
                      "person_id": [r[2] for r in rows]}, schema=pa.schema([("speaker", pa.string()), ("period", pa.string()), ("person_id", pa.string())]))
    con.register("fm_arrow", table)
    con.execute("create table fm as select * from fm_arrow")


def _outlet_map(con: duckdb.DuckDBPyConnection) -> None:
    """Table `om(via, via_id, name, key_id)`: each `via` form, its outlet's id and name, and the id of the form on its own."""
    counts = dict(con.execute("select via, count(*) from q where via is not null group by 1").fetchall())
    outlets = normalise_outlets(counts)
    rows = [(f, outlet_id(o.key), o.name, outlet_id(bare_key(f))) for f, o in outlets.items()]
    schema = pa.schema([("via", pa.string()), ("via_id", pa.string()), ("name", pa.string()), ("form_id", pa.string())])
    con.register("om_arrow", pa.table(list(zip(*rows, strict=True)) if rows else [[], [], [], []], schema=schema))
    con.execute("create table om as select * from om_arrow")


def _quote_people(con: duckdb.DuckDBPyConnection) -> None:
    """Table `qp(article_id, quote_idx, speaker, person_id, day)`: each attributed quote's person."""
    con.execute("""
        create table qp as
        select q.article_id, q.quote_idx, q.speaker, coalesce(f1.person_id, f2.person_id) as person_id, a.day
        from q join a using (article_id)
             left join fm f1 on f1.speaker = q.speaker and f1.period is null
             left join fm f2 on f2.speaker = q.speaker and f2.period = strftime(a.day, '%Y-%m')
        where q.speaker is not null and coalesce(f1.person_id, f2.person_id) is not null
    """)


def _people_table(con: duckdb.DuckDBPyConnection, linking: Linking, person_of: list[str], earlier: list[set[str]]) -> pa.Table:
    """The `people` rows: counts and days in SQL, names, kinds and gender from the linking and the evidence."""
    stats = con.execute("""
        select qp.person_id, count(*) as quotes, count(distinct qp.article_id) as articles, min(qp.day) as first_seen,
            max(qp.day) as last_seen,
            count(*) filter (where ev.he) as he, count(*) filter (where ev.she) as she, count(*) filter (where ev.it) as it,
            count(*) filter (where ev.mr) as hm, count(*) filter (where ev.mrs) as hf,
            list(distinct qp.speaker order by qp.speaker) as aliases
        from qp left join ev using (article_id, quote_idx)
        group by qp.person_id
    """).fetchall()
    entity_of = {pid: i for i, pid in enumerate(person_of)}
    cols: dict[str, list] = {f.name: [] for f in ARROW_SCHEMAS["people"]}
    for pid, quotes, articles, first, last, he, she, it, hm, hf, aliases in sorted(stats):
        e = linking.entities[entity_of[pid]]
        kind = evidence.refine_kind(e.kind, e.anchor.has_given_name, he + hm, she + hf, it)
        row = {
            "person_id": pid, "name": _display_name(e, aliases), "kind": kind, "aliases": aliases,
            "gender": evidence.decide_gender(kind, he + hm, she + hf), "he_mentions": he, "she_mentions": she,
            "it_mentions": it, "male_honorifics": hm, "female_honorifics": hf, "quote_count": quotes,
            "article_count": articles, "first_seen": first, "last_seen": last,
            "merged_ids": sorted(({form_id(e.kind, m.key) for m in e.members} | earlier[entity_of[pid]]) - {pid}),
        }
        for k, v in row.items():
            cols[k].append(v)
    return pa.table(cols, schema=ARROW_SCHEMAS["people"])


def _display_name(e: Entity, aliases: Iterable[str]) -> str:
    """The fullest form seen: the most specific person form, the longest organisation name, a group's description."""
    if e.kind == PERSON:
        return e.anchor.display
    if e.kind == ORGANISATION:
        written = [m for m in e.members if not m.is_acronym] or e.members
        return max(written, key=lambda m: (len(m.display), m.display)).display
    return e.anchor.key if e.anchor.key else next(iter(aliases))


def _outlets_table(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The `outlets` rows: one per outlet id, its forms and counts."""
    table = _arrow(con, """
        select om.via_id, any_value(om.name) as name, list(distinct om.via order by om.via) as forms,
            count(q.quote_idx) as quote_count, count(distinct q.article_id) as article_count,
            min(a.day) as first_seen, max(a.day) as last_seen,
            list(distinct om.form_id order by om.form_id) filter (where om.form_id <> om.via_id) as merged_ids
        from om join q on q.via = om.via join a using (article_id)
        group by om.via_id order by om.via_id
    """)
    merged = [m if m is not None else [] for m in table.column("merged_ids").to_pylist()]
    table = table.set_column(table.schema.get_field_index("merged_ids"), "merged_ids", pa.array(merged, pa.list_(pa.string())))
    return table.cast(ARROW_SCHEMAS["outlets"])


def _quotations(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Table `qq(article_id, quote_idx, quotation_id)` and the `quotations` rows."""
    kinds = "[" + ", ".join(f"'{k}'" for k in quotations.QUOTATION_KINDS) + "]"
    con.execute(f"""
        create table texts as  -- each distinct wording normalised once: wire copy repeats them
        select text, {quotations.normalised_sql('text')} as norm from (select distinct text from q where list_contains({kinds}, kind))
    """)
    con.execute(f"""
        create table qn as
        select q.article_id, q.quote_idx, q.text, t.norm, qp.person_id, q.via, a.day, a.ingested_at, a.host
        from q join texts t using (text) join a using (article_id) left join qp using (article_id, quote_idx)
        where list_contains({kinds}, q.kind) and t.norm <> ''
    """)
    con.execute("""
        create table wordings as
        select norm, len(string_split(norm, ' ')) as n_words, person_id from (
            select norm, person_id, row_number() over (partition by norm order by n desc, person_id nulls last) as rank
            from (select norm, person_id, count(*) as n from qn group by norm, person_id)
        ) where rank = 1
    """)
    con.execute(f"create table parent as {quotations.excerpt_sql('wordings')}")
    con.execute("""
        create table roots as  -- per distinct wording: its own id and the id of the quotation it belongs to
        select w.norm, substr(sha256('quotation|' || coalesce(p.parent, w.norm)), 1, 16) as quotation_id,
            substr(sha256('quotation|' || w.norm), 1, 16) as own_id
        from wordings w left join parent p using (norm)
    """)
    con.execute("create table qq as select qn.*, r.quotation_id, r.own_id from qn join roots r using (norm)")
    table = _arrow(con, """
        with firsts as (
            select quotation_id, text, article_id, day from (
                select quotation_id, text, article_id, day,
                    row_number() over (partition by quotation_id order by day, ingested_at, article_id, quote_idx) as rank
                from qq
            ) where rank = 1
        ),
        speakers as (
            select quotation_id, person_id from (
                select quotation_id, person_id, row_number() over (partition by quotation_id order by n desc, person_id) as rank
                from (select quotation_id, person_id, count(*) as n from qq where person_id is not null group by 1, 2)
            ) where rank = 1
        ),
        outlets as (
            select quotation_id, count(distinct o) as n from (
                select quotation_id, om.via_id as o from qq join om using (via)
                union all select quotation_id, 'host:' || host from qq where host is not null
            ) group by 1
        )
        select g.quotation_id, f.text, s.person_id, g.occurrences, g.articles, coalesce(o.n, 0) as outlets,
            f.day as first_seen, f.article_id as first_article_id, g.merged_ids
        from (
            select quotation_id, count(*) as occurrences, count(distinct article_id) as articles,
                coalesce(list(distinct own_id order by own_id) filter (where own_id <> quotation_id), []) as merged_ids
            from qq group by quotation_id
        ) g join firsts f using (quotation_id) left join speakers s using (quotation_id) left join outlets o using (quotation_id)
        order by g.quotation_id
    """)
    return table.cast(ARROW_SCHEMAS["quotations"])


# ---------------------------------------------------------------------------------------------
# Output


def _validate(tables: dict[str, pa.Table]) -> None:
    """Check every table against its pandera model; raise with the failing checks (nothing is written then)."""
    from etl.validate import failing_rows, to_frame
    from schemas import MODELS

    problems = []
    for name, table in tables.items():
        bad = failing_rows(MODELS[name], to_frame(table))
        if bad:
            checks = Counter(c for cs in bad.values() for c in cs)
            problems.append(f"{name}: {len(bad)} rows fail {dict(checks)}")
    if problems:
        raise ValueError("people tables not written, they fail their contract: " + "; ".join(problems))


def _write_atomic(fs: AbstractFileSystem, root: str, name: str, table: pa.Table, metadata: dict[bytes, bytes] | None) -> None:
    """Write one table as `OUT/<name>/<name>.parquet` under a temporary name, then rename it into place."""
    folder = f"{root}/{name}"
    fs.makedirs(folder, exist_ok=True)
    table = table.cast(ARROW_SCHEMAS[name])
    if metadata:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    final = f"{folder}/{name}.parquet"
    tmp = f"{folder}/.part-{uuid.uuid4().hex[:8]}.parquet{_TMP_SUFFIX}"
    try:
        with fs.open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
        fs.mv(tmp, final)
    except BaseException:
        if fs.exists(tmp):
            fs.rm(tmp)
        raise

"""The HTML report's people sections: who is quoted (with the share by gender), quotes over time,
quotes per relaying outlet, and the most travelled quotations.

`collect_people` reads the derived tables (`people`, `outlets`, `quotations`, `quote_links`,
one small file each) and two columns of `articles`, never article text; each `*_section`
function returns one report section, drawn with `etl.report`'s charts and tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
from fsspec import AbstractFileSystem

from etl.io.parquet import read_parquet, table_files
from etl.report import _e, _num, _pct, _section, _table, bar_chart, column_chart

TOP_PEOPLE = 20
TOP_QUOTATIONS = 15
MIN_TRAVELLED_WORDS = 4  # one- to three-word fragments (`significant`, a rating `B`) travel by coincidence
MONTHS_IN_CHART = 36


@dataclass(slots=True)
class PeopleData:
    """What the people sections show."""

    people: list[dict] = field(default_factory=list)          # top people and organisations, by quotes
    groups: list[dict] = field(default_factory=list)          # top groups
    gender_people: Counter[str] = field(default_factory=Counter)   # people by gender (None: unknown)
    gender_quotes: Counter[str] = field(default_factory=Counter)   # quotes of people by gender
    kinds: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    quotes_with_person: int = 0
    months: list[tuple[str, int, int]] = field(default_factory=list)  # month, quotes dated by publication, by ingestion
    outlets: list[dict] = field(default_factory=list)
    quotations: list[dict] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)       # person_id → name, for the quotations shown


def _read(fs: AbstractFileSystem, root: str, table: str, columns: list[str]) -> pa.Table | None:
    """Some columns of a derived table (one file), or None when it has not been built."""
    paths = table_files(fs, root, table)
    if not paths:
        return None
    with fs.open(paths[0], "rb") as fh:
        return read_parquet(fh, columns=columns)


def collect_people(fs: AbstractFileSystem, root: str) -> PeopleData | None:
    """Aggregate the derived tables of an output root; None when they have not been built yet."""
    people = _read(fs, root, "people", ["person_id", "name", "kind", "gender", "quote_count", "article_count"])
    links = _read(fs, root, "quote_links", ["article_id", "person_id"])
    if people is None or links is None:
        return None
    d = PeopleData(quotes=links.num_rows, quotes_with_person=links.num_rows - links.column("person_id").null_count)
    ranked = people.sort_by([("quote_count", "descending"), ("name", "ascending")])
    named = ranked.filter(pc.not_equal(ranked.column("kind"), "group"))
    d.people = named.slice(0, TOP_PEOPLE).to_pylist()
    d.groups = ranked.filter(pc.equal(ranked.column("kind"), "group")).slice(0, 10).to_pylist()
    for kind, gender, n in zip(*(people.column(c).to_pylist() for c in ("kind", "gender", "quote_count")), strict=True):
        d.kinds[kind] += 1
        if kind == "person":
            d.gender_people[gender or "unknown"] += 1
            d.gender_quotes[gender or "unknown"] += n
    d.months = _months(fs, root, links)
    outlets = _read(fs, root, "outlets", ["name", "forms", "quote_count", "article_count"])
    if outlets is not None:
        d.outlets = outlets.sort_by([("quote_count", "descending"), ("name", "ascending")]).slice(0, 15).to_pylist()
    quotations = _read(fs, root, "quotations", ["quotation_id", "text", "person_id", "occurrences", "articles", "outlets", "first_seen", "first_article_id"])
    if quotations is not None and quotations.num_rows:
        words = pc.list_value_length(pc.utf8_split_whitespace(quotations.column("text")))
        long_ = quotations.filter(pc.greater_equal(words, MIN_TRAVELLED_WORDS))
        top = long_.sort_by([("articles", "descending"), ("outlets", "descending"), ("occurrences", "descending"), ("first_seen", "ascending"),
                             ("quotation_id", "ascending")]).slice(0, TOP_QUOTATIONS)
        d.quotations = top.to_pylist()
        wanted = pa.array(sorted({q["person_id"] for q in d.quotations if q["person_id"]}), pa.string())
        hits = people.filter(pc.is_in(people.column("person_id"), value_set=wanted))
        d.names = dict(zip(hits.column("person_id").to_pylist(), hits.column("name").to_pylist(), strict=True))
    return d


def _months(fs: AbstractFileSystem, root: str, links: pa.Table) -> list[tuple[str, int, int]]:
    """Quotes per month: by publication date where the article has one, else by the day it was ingested."""
    per_article = links.group_by("article_id").aggregate([("article_id", "count")])
    dated: Counter[str] = Counter()
    ingested: Counter[str] = Counter()
    for path in table_files(fs, root, "articles"):
        with fs.open(path, "rb") as fh:
            part = read_parquet(fh, columns=["article_id", "published_at", "ingested_at"])
        joined = part.join(per_article, "article_id", join_type="inner")
        for pub, ing, n in zip(*(joined.column(c).to_pylist() for c in ("published_at", "ingested_at", "article_id_count")), strict=True):
            if isinstance(pub, date):
                dated[pub.strftime("%Y-%m")] += n
            elif ing is not None:
                ingested[ing.strftime("%Y-%m")] += n
    months = sorted(set(dated) | set(ingested))[-MONTHS_IN_CHART:]
    return [(m, dated[m], ingested[m]) for m in months]


def _share(counter: Counter[str]) -> str:
    """The female share among those with a known gender."""
    known = counter["female"] + counter["male"]
    return f"{100 * counter['female'] / known:.1f} %" if known else "–"


def people_section(d: PeopleData | None) -> str:
    """Most quoted people and organisations, the share by gender where known, and the top groups."""
    if d is None:
        return _section("people", "People and organisations", '<p class="empty">The people tables have not been built yet: the next run builds them.</p>')
    cards = [
        ("people", _num(d.kinds["person"])), ("organisations", _num(d.kinds["organisation"])), ("groups", _num(d.kinds["group"])),
        ("quotes with a person_id", _pct(d.quotes_with_person, d.quotes)),
        ("people with a known gender", _pct(d.gender_people["female"] + d.gender_people["male"], d.kinds["person"])),
        ("women among them", _share(d.gender_people)), ("quotes from women (known gender)", _share(d.gender_quotes)),
    ]
    card_html = "".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards)
    rows = [[p["name"], p["kind"], p["gender"] or "–", p["quote_count"], p["article_count"]] for p in d.people]
    top = _table(["name", "kind", "gender", "quotes", "articles"], rows, numeric={3, 4}, attrs=' id="table-people"')
    gender_rows = [[g, d.gender_people[g], d.gender_quotes[g], _pct(d.gender_quotes[g], sum(d.gender_quotes.values()))] for g in ("female", "male", "unknown")]
    gender = _table(["gender", "people", "quotes", "share of quotes"], gender_rows, numeric={1, 2}, attrs=' id="table-gender"')
    groups = _table(["group", "quotes", "articles"], [[g["name"], g["quote_count"], g["article_count"]] for g in d.groups], attrs=' id="table-groups"')
    chart = bar_chart("Most quoted people and organisations", [(p["name"], p["quote_count"]) for p in d.people])
    gender_chart = bar_chart("Quotes by the speaker's gender", [(g, d.gender_quotes[g]) for g in ("female", "male", "unknown")])
    note = ('<p class="note">Gender only from the articles\' own evidence (pronouns the attribution resolved to the person, '
            "and honorifics such as Mr, Mrs, Ms), never from a first name; groups are descriptions such as “analysts”.</p>")
    body = (f'<div class="cards">{card_html}</div>{note}<div class="grid"><div>{chart}{top}</div>'
            f'<div>{gender_chart}{gender}<h3>Most quoted groups</h3>{groups}</div></div>')
    return _section("people", "People and organisations", body)


def timeline_section(d: PeopleData | None) -> str:
    """Quotes per month by publication date (articles without one: by ingestion day)."""
    if d is None or not d.months:
        return _section("timeline", "Quotes over time", '<p class="empty">No quotes with a person yet.</p>')
    labels = [m for m, _, _ in d.months]
    chart = column_chart("Quotes per month", labels, [("published", [p for _, p, _ in d.months]), ("ingested", [i for _, _, i in d.months])])
    table = _table(["month", "quotes (publication date)", "quotes (no publication date: ingestion)"], [list(m) for m in d.months], attrs=' id="table-timeline"')
    return _section("timeline", "Quotes over time", chart + table)


def outlets_section(d: PeopleData | None) -> str:
    """Quotes per relaying outlet, every written form of it together."""
    if d is None or not d.outlets:
        return _section("outlets-relayed", "Quotes per outlet relayed", '<p class="empty">No quote was relayed by an outlet.</p>')
    chart = bar_chart("Quotes relayed per outlet", [(o["name"], o["quote_count"]) for o in d.outlets])
    rows = [[o["name"], ", ".join(o["forms"]), o["quote_count"], o["article_count"]] for o in d.outlets]
    table = _table(["outlet", "forms written", "quotes", "articles"], rows, numeric={2, 3}, attrs=' id="table-outlets-relayed"')
    return _section("outlets-relayed", "Quotes per outlet relayed", chart + table)


def quotations_section(d: PeopleData | None) -> str:
    """The quotations carried by the most articles and outlets, who said them, and who carried them first."""
    if d is None or not d.quotations:
        return _section("quotations", "Most travelled quotations", '<p class="empty">No quotation yet.</p>')
    rows = [[q["text"] if len(q["text"]) <= 240 else q["text"][:239] + "…", d.names.get(q["person_id"] or "", "–"), q["articles"], q["outlets"],
             q["occurrences"], str(q["first_seen"]), q["first_article_id"]] for q in d.quotations]
    table = _table(["quotation", "said by", "articles", "outlets", "occurrences", "first seen", "first article"], rows,
                   numeric={2, 3, 4}, attrs=' id="table-quotations"')
    note = f'<p class="note">Quotations of {MIN_TRAVELLED_WORDS} words or more; shorter excerpts are counted with the longer quote they come from.</p>'
    return _section("quotations", "Most travelled quotations", note + table)

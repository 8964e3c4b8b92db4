"""Draw the hand-check samples of issue 17 from a dev-corpus output root (fixed seed), with snippets to judge.

    .venv/bin/python bench/people_review/draw_sample.py OUT            # writes merges.jsonl and same_surname.jsonl here
    .venv/bin/python bench/people_review/draw_sample.py OUT --show     # every row with the snippets it was judged on
    .venv/bin/python bench/people_review/draw_sample.py --score        # merge precision (per rule) and the wrong-split rate

`OUT` is the output of `newsetl run` over `../shared/corpus/dev/*.jsonl` (copied to a folder).

- merges: every person whose `aliases` hold more than one form contributes one pair per extra
  form: (its name, that form). 150 pairs are drawn at random; each row points, for both forms, to
  a quote of it (article file and id, the mention's offsets); `--show` prints the headline, where
  the name is introduced and the mention from OUT. The samples hold no article text: the dev
  corpus stays in ../shared.
- gender: 30 `female` and 30 `male` people in a fixed pseudo-random order, each judged `right`,
  `wrong` or `not a person` from what the articles say about them.
- same_surname: every two `person` entries (kind person, both with a given name or one bare)
  whose surnames have the same skeleton and were kept apart; 150 pairs drawn at random.

A judged row has `judgement` (`same` / `different` / `unclear`) and a one-line `reason`, written by
a person reading the snippets (and the articles when the snippets do not settle it). `--score`
keeps the judgements of rows that are drawn again (matched on the forms), so a re-draw after a rule
change shows which rows need reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

import duckdb

from etl.people.names import parse_speaker

HERE = Path(__file__).resolve().parent
SEED = 17
N = 150
WINDOW = 160


def _con(out: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in ("people", "quote_links"):
        con.execute(f"create view {table} as select * from read_parquet('{out}/{table}/*.parquet')")
    for table in ("quotes", "articles"):
        con.execute(f"create view {table} as select * from read_parquet('{out}/{table}/**/*.parquet')")
    return con


def _occurrence(con: duckdb.DuckDBPyConnection, form: str, person_id: str) -> dict:
    """One quote of `form` attributed to this person: its article's file and id, and the mention's offsets."""
    row = con.execute("""
        select a.source_uri, a.article_id, q.quote_idx, q.speaker_char_start, q.speaker_char_end
        from quotes q join quote_links l using (article_id, quote_idx) join articles a using (article_id)
        where q.speaker = ? and l.person_id = ? order by a.article_id, q.quote_idx limit 1
    """, [form, person_id]).fetchone()
    if row is None:
        return {}
    uri, article_id, quote_idx, start, end = row
    return {"file": uri.rsplit("/", 1)[-1], "article_id": article_id, "quote_idx": quote_idx, "mention": [start, end]}


def snippet(con: duckdb.DuckDBPyConnection, form: str, occurrence: dict) -> str:
    """What a reader needs to judge: the headline, where the name is introduced, and the quote's mention marked «»."""
    if not occurrence:
        return "(no quote found)"
    title, text = con.execute("select title, text from articles where article_id = ?", [occurrence["article_id"]]).fetchone()
    name = parse_speaker(form).display or form
    last = name.split()[-1] if name.split() else form
    at = text.find(last)
    intro = text[max(at - WINDOW, 0): at + len(last) + 60] if at >= 0 else ""
    s, e = occurrence["mention"]
    mention = text[max(s - 100, 0): s] + "«" + text[s:e] + "»" + text[e: e + 60] if s is not None else ""
    return f"{occurrence['file']} [{title}] ... {intro} ... || {mention}".replace("\n", " ")


def merges(con: duckdb.DuckDBPyConnection) -> list[dict]:
    people = con.execute("select person_id, name, aliases from people where kind = 'person' and len(aliases) > 1 order by person_id").fetchall()
    pairs = [(pid, name, alias) for pid, name, aliases in people for alias in aliases if alias != name]
    people_anchor = {pid: next((a for a in aliases if a == name), aliases[0]) for pid, name, aliases in people}
    drawn = random.Random(SEED).sample(pairs, min(N, len(pairs)))
    rows = []
    for i, (pid, _name, alias) in enumerate(drawn):
        anchor = people_anchor[pid]
        rows.append({"id": i, "person_id": pid, "form_a": anchor, "form_b": alias,
                     "a": _occurrence(con, anchor, pid), "b": _occurrence(con, alias, pid), "judgement": None, "reason": None})
    return rows, len(pairs)


def same_surname(con: duckdb.DuckDBPyConnection) -> list[dict]:
    people = con.execute("select person_id, name, aliases from people where kind = 'person' order by person_id").fetchall()
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for pid, name, _aliases in people:
        n = parse_speaker(name)
        if n.surname:
            by_surname.setdefault(n.surname, []).append((pid, name))
    pairs = [(a, b) for group in by_surname.values() for a, b in combinations(sorted(group), 2)]
    drawn = random.Random(SEED).sample(pairs, min(N, len(pairs)))
    rows = []
    for i, ((pa, na), (pb, nb)) in enumerate(drawn):
        rows.append({"id": i, "person_a": pa, "person_b": pb, "form_a": na, "form_b": nb,
                     "a": _occurrence(con, na, pa), "b": _occurrence(con, nb, pb), "judgement": None, "reason": None})
    return rows, len(pairs)


def genders(con: duckdb.DuckDBPyConnection) -> tuple[list[dict], int]:
    """30 `female` and 30 `male` people, in a fixed pseudo-random order (md5 of the id), with their evidence."""
    rows = []
    for gender in ("female", "male"):
        for pid, name, he, she, mr, mrs in con.execute("""
            select person_id, name, he_mentions, she_mentions, male_honorifics, female_honorifics from people
            where gender = ? order by md5(person_id) limit 30
        """, [gender]).fetchall():
            rows.append({"id": len(rows), "person_id": pid, "form_a": name, "form_b": gender,
                         "evidence": {"he": he, "she": she, "mr": mr, "mrs": mrs}, "judgement": None, "reason": None})
    total = con.execute("select count(*) from people where gender is not null").fetchone()[0]
    return rows, total


def _keep_judgements(path: Path, rows: list[dict]) -> list[dict]:
    if not path.exists():
        return rows
    old = {(r["form_a"], r["form_b"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    for r in rows:
        if (r["form_a"], r["form_b"]) in old:
            r["judgement"], r["reason"] = old[(r["form_a"], r["form_b"])]["judgement"], old[(r["form_a"], r["form_b"])]["reason"]
    return rows


def rule_of(form_a: str, form_b: str) -> str:
    """Which linking rule joined two forms (for the merge sample's breakdown)."""
    a, b = parse_speaker(form_a), parse_speaker(form_b)
    if a.kind != "person" or b.kind != "person":
        return "organisation or group key"
    if a.key == b.key:
        return "same key (titles, case, punctuation, y/i, doubled letters)"
    if not a.first or not b.first:
        return "bare surname"
    if a.surname != b.surname:
        return "surname spelling variant"
    if a.given != b.given:
        return "nickname or initial"
    return "middle name, initial or suffix"


def score() -> int:
    """Print merge precision (overall and per rule), the wrong-split rate and the gender check of the judged samples."""
    for name, good in (("merges", "same"), ("same_surname", "different"), ("gender", "right")):
        rows = [json.loads(line) for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        judged = [r for r in rows if r["judgement"] in ("same", "different", "right", "wrong")]  # gender: among real people
        right = sum(r["judgement"] == good for r in judged)
        unclear = sum(r["judgement"] == "unclear" for r in rows)
        label = {"merges": "merge precision", "same_surname": "kept apart rightly", "gender": "gender right"}[name]
        print(f"{name}: {len(rows)} rows, {len(judged)} judged, {unclear} unclear; {label}: {right}/{len(judged)} = {right / max(len(judged), 1):.3f}"
              + (f"; wrong splits: {len(judged) - right}/{len(judged)} = {(len(judged) - right) / max(len(judged), 1):.3f}" if name == "same_surname" else "")
              + (f"; not a person: {sum(r['judgement'] == 'not a person' for r in rows)}" if name == "gender" else ""))
        if name == "merges":
            by_rule: dict[str, list[int]] = {}
            for r in judged:
                by_rule.setdefault(rule_of(r["form_a"], r["form_b"]), [0, 0])[r["judgement"] == good] += 1
            for rule, (wrong, ok) in sorted(by_rule.items(), key=lambda kv: -sum(kv[1])):
                print(f"  {rule}: {ok}/{ok + wrong} right")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="the dev-corpus output root")
    parser.add_argument("--score", action="store_true", help="print the judged samples' merge precision and wrong-split rate")
    parser.add_argument("--show", action="store_true", help="print every row with its snippets, read from OUT (the samples hold only references)")
    args = parser.parse_args(argv)
    if args.score:
        return score()
    if not args.out:
        parser.error("give OUT, or --score")
    con = _con(args.out)
    if args.show:
        for name in ("merges", "same_surname"):  # the gender rows name one person each: see `people`
            for r in map(json.loads, (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()):
                print(f"{name} #{r['id']} [{r['form_a']}] ~ [{r['form_b']}]: {r['judgement']} ({r['reason']})")
                print("   a", snippet(con, r["form_a"], r["a"]))
                print("   b", snippet(con, r["form_b"], r["b"]))
        return 0
    for name, (rows, population) in (("merges", merges(con)), ("same_surname", same_surname(con)), ("gender", genders(con))):
        path = HERE / f"{name}.jsonl"
        rows = _keep_judgements(path, rows)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{name}: {len(rows)} of {population:,} pairs drawn (seed {SEED}) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

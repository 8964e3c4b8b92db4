"""Hypothesis strategies for adversarial article files, shared by the fuzz test and `bench/fuzz_campaign.py`.

An example is the raw bytes of one input file plus its suffix (`.txt` or `.jsonl`): text built
from tokens chosen to stress the extractors (quote marks of every kind, nested and unbalanced,
apostrophes, cue words, long digit runs, RTL text, emoji, control characters, lone surrogates),
then encoded the ways real files are (UTF-8, with BOM, UTF-16, cp1252, JSON lines), sometimes
with raw invalid bytes spliced in.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

from hypothesis import strategies as st

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "‚", "'", "「", "」", "″"]
APOSTROPHES = ["'", "’", "ʼ", "`", "´"]
CUES = ["said", "says", "told", "added", "according to", "warned", "asked", "said:", "told Reuters", "claimed"]
NAMES = ["Volodymyr Zelenskyy", "Mr Smith", "Dr. Anne O’Neill", "She", "he", "the minister", "Reuters", "BBC News", "Jean-Luc", "al-Assad"]
WORDS = ["the", "a", "of", "and", "in", "to", "percent", "million", "bn", "per", "cent", "km", "kg", "March", "2024", "Monday",
         "up", "from", "between", "troops", "people", "killed", "votes", "of", "out", "about", "nearly", "$", "€", "£", "%"]
NUMBERS = ["1", "12", "1,234", "1.234,5", "3.5", "$3bn", "€1.2m", "£40", "12%", "50 per cent", "1–2", "3-4", "10 to 20",
           "1st", "2nd", "21st", "3 March 2024", "2024-03-05", "05/03/24", "1990s", "'90s", "½", "¾", "1e9", "−5", "+7",
           "200,000", "1 000 000", "99.9%", "four", "twenty-one", "a million", "dozens", "3:2", "12–9", "No. 1"]
EXOTIC = [
    "مرحبا بالعالم", "שלום עולם", "\u202eRTL override\u202c", "\u200f", "\u200e", "\u200d", "\u200b", "\u2066iso\u2069",
    "😀", "👩‍👩‍👧‍👦", "🇺🇦", "\U0001f9d1\U0001f3fd", "e\u0301", "\u0301", "Ω", "ﬁ", "ＡＢＣ", "\u00a0", "\u2009", "\u3000",
    "日本語のテキスト", "Ελληνικά", "Привет", "\ufeff", "\ufffd", "\U0010ffff", "\ufdd0",
    "â€™", "â€œ", "Ã©", "Â ", "&amp;", "&#8220;", "<p>", "</div>", "<br/>", "...", "…", "—", "–", "--",
]
CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0x7F, 0x85, 0x8D, 0x9F)] + ["\r", "\r\n", "\u2028", "\u2029", "\t"]
SURROGATES = ["\ud800", "\udfff", "\udc80", "\ud83d"]  # lone: cannot be encoded as UTF-8


@dataclass(frozen=True, slots=True)
class FuzzCase:
    """One adversarial input file: its bytes, its suffix, and the text it was built from (for reports)."""

    data: bytes
    suffix: str
    text: str
    encoding: str

    def describe(self, limit: int = 300) -> str:
        """A short, reproducible description: encoding and the start of the text as a Python literal."""
        shown = self.text if len(self.text) <= limit else self.text[:limit] + f"... ({len(self.text):,} chars)"
        return f"{self.encoding}{self.suffix} {shown!r}"


def _digits(n: int) -> str:
    return ("1234567890" * (n // 10 + 1))[:n]


_token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(APOSTROPHES),
    st.sampled_from(CUES),
    st.sampled_from(NAMES),
    st.sampled_from(NUMBERS),
    st.sampled_from(EXOTIC),
    st.sampled_from(CONTROLS),
    st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", ", ", ": ", "; ", "(", ")", "[", "]"]),
    st.integers(1, 4000).map(_digits),
    st.tuples(st.sampled_from(CUES), st.integers(2, 60)).map(lambda t: " ".join([t[0]] * t[1])),
    st.tuples(st.sampled_from(QUOTE_MARKS), st.integers(2, 80)).map(lambda t: t[0] * t[1]),
    st.text(max_size=40),
)

# A quote-shaped fragment: open mark, words, maybe a close mark, then an attribution.
_quoted = st.builds(
    lambda o, body, c, cue, name: f"{o}{body}{c} {cue} {name}",
    st.sampled_from(QUOTE_MARKS), st.lists(_token, max_size=12).map("".join), st.sampled_from([*QUOTE_MARKS, "", ","]),
    st.sampled_from(CUES), st.sampled_from(NAMES),
)
_paragraph = st.lists(st.one_of(_token, _quoted), min_size=0, max_size=40).map(lambda parts: " ".join(parts))
_GOOD_HEADLINES = ["Headline", "Ukraine’s “peace” talks stall", "‘Said’ said said", "«Nested „quotes‟ inside»", "Section | Headline",
                   "مرحبا بالعالم", "Prices up 12% in 2024", "“We will win,” says minister"]
_ODD_HEADLINES = ["42", "", "   ", "😀😀😀", "x" * 400, "<p>Headline</p>"]
# Mostly headlines that make an article (so the extractors see the text), sometimes odd ones.
_headline = st.one_of(
    st.sampled_from(_GOOD_HEADLINES),
    st.sampled_from(_GOOD_HEADLINES),
    st.sampled_from(_ODD_HEADLINES),
    st.lists(_token, max_size=8).map("".join),
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Article-shaped text: a headline, a blank line, paragraphs; sometimes one very long line."""
    head = draw(_headline)
    paras = draw(st.lists(_paragraph, max_size=8))
    if draw(st.integers(0, 9)) == 0:  # a long single-line paragraph (~10-60 kB)
        paras.append(draw(_paragraph) * draw(st.integers(50, 400)))
    sep = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n", "\u2029"]))
    return sep.join([head, *paras])


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogatepass")
    if encoding == "utf-16":
        return text.encode("utf-16", "surrogatepass")  # with BOM
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    raise ValueError(encoding)


@st.composite
def cases(draw: st.DrawFn) -> FuzzCase:
    """One adversarial input file."""
    text = draw(texts())
    if draw(st.integers(0, 4)) == 0:  # lone surrogates: invalid UTF-8 bytes in a file, \ud800 escapes in JSON
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SURROGATES)) + text[at:]
    if draw(st.integers(0, 9)) == 0:  # JSON lines: lone surrogates arrive as \\ud800 escapes
        line = json.dumps({"text": text, "title": draw(st.sampled_from([None, "T", "“"])), "published_at": draw(st.sampled_from([None, "2024-03-05", "bad", 5]))})
        lines = [line, *draw(st.lists(st.sampled_from(["", "{", "[]", '{"text": 5}', '{"text": "X\\n\\nY said \\u201chi"}']), max_size=3))]
        return FuzzCase("\n".join(lines).encode(), ".jsonl", text, "json")
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1252"]))
    data = _encode(text, encoding)
    if data and draw(st.integers(0, 9)) == 0:  # raw bytes spliced in: truncation, invalid UTF-8, NULs
        at = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xe2\x80", b"\x80\x80"]))
        data = data[:at] + junk + (data[at:] if draw(st.booleans()) else b"")
    return FuzzCase(data, ".txt", text, encoding)


@dataclass(slots=True)
class CaseReport:
    """What one case did: per-stage seconds, article size, and every broken promise found."""

    seconds: dict[str, float]
    n_chars: int
    problems: list[str]
    extractor_errors: list[str]


def run_case(case: FuzzCase, folder: str, name: str = "case") -> CaseReport:
    """`run_cases` for one case."""
    return run_cases([case], folder, name)


def run_cases(batch: list[FuzzCase], folder: str, name: str = "case") -> CaseReport:
    """Write the cases to `folder`, run the pure pipeline (`extract_batch`) on them as one batch, and check its promises.

    Promises checked: each input ends in `articles` or in `rejects` (never neither, never both for
    a .txt); every sections/quotes/figures span is inside its article and slices back to its text;
    no child row was dropped by validation (that would mean an extractor produced a bad span); the
    article text is NFC, free of control characters and surrogates, and hashes to its content
    hash. Extractor exceptions (kept as `extractor_error` rejects) are listed separately.
    Seconds are the batch's per stage; `n_chars` is the longest article's length.
    """
    import hashlib
    import os
    import unicodedata

    from etl.io.read import InputFile
    from etl.pipeline import extract_batch
    from etl.settings import Settings
    from etl.text.normalize import _CONTROL

    items, uris = [], []
    for i, case in enumerate(batch):
        path = os.path.abspath(os.path.join(folder, f"{name}-{i}{case.suffix}"))
        with open(path, "wb") as fh:
            fh.write(case.data)
        items.append(InputFile(path, len(case.data)))
        uris.append((path, case.suffix))
    try:
        result = extract_batch(items, Settings(max_bytes=5_000_000))
    finally:
        for path, _ in uris:
            os.remove(path)
    tables = result.tables
    problems: list[str] = []
    arts = tables["articles"].to_pylist()
    rejects = tables["rejects"].to_pylist()
    art_uris = {a["source_uri"] for a in arts}
    final_rejects = {r["source_uri"] for r in rejects if r["stage"] == "ingest" or r["reason"].startswith("schema_articles")}
    duplicate_of = {r["source_uri"] for r in rejects if r["reason"] == "duplicate"}
    for uri, suffix in uris:
        if suffix == ".txt":
            if (uri in art_uris) == (uri in final_rejects):
                problems.append(f"{os.path.basename(uri)} ended in {'both articles and rejects' if uri in art_uris else 'neither articles nor rejects'}")
        elif not any(u.startswith(uri) for u in art_uris | final_rejects | duplicate_of):
            problems.append(f"{os.path.basename(uri)} (jsonl) ended in neither articles nor rejects")
    for r in rejects:
        if r["stage"] == "validate" and not r["reason"].startswith("schema_articles"):
            problems.append(f"validation dropped {r['reason']}: {r['detail']}")
        if not r["detail"] or not r["reason"]:
            problems.append(f"reject without reason/detail: {r}")
    extractor_errors = [f"{r['stage']}: {r['detail']}" for r in rejects if r["reason"] == "extractor_error"]
    texts = {a["article_id"]: a["text"] for a in arts}
    for a in arts:
        t = a["text"]
        if not unicodedata.is_normalized("NFC", t):
            problems.append("article text is not NFC")
        bad = _CONTROL.search(t)
        if bad:
            problems.append(f"article text holds a control character or surrogate {bad.group()!r}")
        if hashlib.sha256(t.encode("utf-8")).hexdigest() != a["content_sha256"]:
            problems.append("content_sha256 does not hash the text")
    for table in ("sections", "quotes", "figures"):
        for row in tables[table].to_pylist():
            t = texts.get(row["article_id"])
            if t is None:
                problems.append(f"{table} row for an article not in articles")
                continue
            s, e = row["char_start"], row["char_end"]
            if not (0 <= s <= e <= len(t)) or t[s:e] != row["text"]:
                problems.append(f"{table} span [{s}, {e}) does not slice back to {row['text'][:40]!r}")
            if table == "quotes":
                ss, se = row["speaker_char_start"], row["speaker_char_end"]
                if (ss is None) != (se is None) or (ss is not None and not (0 <= ss <= se <= len(t))):
                    problems.append(f"quotes speaker span [{ss}, {se}) is outside the article")
    n_chars = max((len(t) for t in texts.values()), default=0)
    return CaseReport(dict(result.seconds), n_chars, problems, extractor_errors)

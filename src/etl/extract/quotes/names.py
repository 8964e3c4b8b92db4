"""The names an article gives: capitalised runs without their titles, read lazily per block, and the
fullest form of a name (`Zelenskyy` -> `Volodymyr Zelenskyy`).

No coreference model: a short name resolves to the nearest longer run ending (or, for East Asian
order, starting) with the same words; a given name alone to the full name it opens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.extract.quotes.lexicon import QuoteLexicon
from etl.extract.quotes.mentions import clean_name, is_outlet

# Names longer than this are a headline or an organisation, not a person.
_MAX_NAME_WORDS = 4
# Characters before a name that put it at the start of a sentence (its subject, most often).
_SENTENCE_LEAD = frozenset('.!?:\n\u201d"')
# How far back (characters) from a name's last word the run of capitals it ends is read.
_RUN_REACH = 80
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
# The word after a given name (`Michael Greenspan`), and after a family name (`Wang Qishan`).
_GIVEN_THEN = re.compile(r"[A-Z][a-z][\w\u2019'-]*(?![\w-])")
_FAMILY_THEN = re.compile(r"[A-Z][a-z]+(?![\w-])")
# The capitalised run that ends at the search's end: `Ukrainian President Volodymyr Zelenskyy`.
# The first of its 1-5 words written out, so `re` skips ahead to capitals: a third faster a search.
# Runs of two or more capitalised words, `of`, `and`, `for`, `the` and particles between them: where
# initials (`PBO`) are written out. One pattern for every article, not one per acronym: compiling cost more.
_CAP_RUN = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:(?:[ ](?:of|and|for|the|de|du|des))?[ ][A-Z][a-z]+)+")
_RUN_BEFORE = re.compile(r"[A-Z][\w.\u2019'-]*[ ](?:[A-Z][\w.\u2019'-]*[ ]){0,4}\S+\Z")


def gender_of(name: str, lex: QuoteLexicon) -> str | None:
    """ "f", "m" or None (unknown) for a full name, by its first word."""
    first = name.split()[0] if name else ""
    return lex.genders.get(first)


def is_person(words: tuple[str, ...], lex: QuoteLexicon) -> bool:
    """Two or more name-like words (`Lib Dems` aside), or a known given name."""
    if gender_of(words[0], lex) is not None:
        return True
    return len(words) >= 2 and all(len(w) > 2 and w[1:2].islower() for w in words) and not words[-1].endswith("s")


def compatible(words: Sequence[str], gender: str | None, lex: QuoteLexicon) -> bool:
    """True when a name of `words` may be a he (gender "m") or a she ("f"): its given name says nothing else."""
    g = gender_of(" ".join(words), lex)
    return gender is None or g is None or g == gender


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    words: tuple[str, ...]
    leads: bool  # opens a sentence of a paragraph, as its subject


def _word_then(text: str, word: str, then: re.Pattern[str]) -> tuple[int, str] | None:
    """(start, next word) of the first `word` standing alone, then a space and a word `then` matches.

    What a search with a pattern built per name found, without building one: compiling a pattern
    for every name of every article cost more than the search, and thrashed `re`'s cache.
    """
    step = word + " "
    at = text.find(step)
    while at >= 0:
        if not (at > 0 and _WORD_OR_HYPHEN.match(text, at - 1)):
            m = then.match(text, at + len(step))
            if m is not None:
                return at, m.group()
        at = text.find(step, at + 1)
    return None


def _last_sentence(run: str, lex: QuoteLexicon) -> str:
    """The part of a run of capitals after its last sentence end (`Colorado. David Rowland`)."""
    words = run.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i].endswith(".") and words[i] not in lex.abbreviations and len(words[i]) > 2:
            return " ".join(words[i + 1 :])
    return run


def _block_names(
    text: str,
    lo: int,
    hi: int,
    kind: str,
    quoted: Sequence[tuple[int, int]],
    lex: QuoteLexicon,
    scan_lo: int,
    scan_hi: int,
) -> list[_Name]:
    """The names in text[scan_lo:scan_hi] of the block text[lo:hi], quotations left out."""
    names = []
    opens = [a for a, _ in quoted]
    for m in lex.name_run.finditer(text, scan_lo, scan_hi):
        k = bisect_right(opens, m.start()) - 1
        if k >= 0 and m.start() < quoted[k][1]:
            continue
        name = clean_name(m.group(), lex)
        words = tuple(name.split())
        if words and len(words) <= _MAX_NAME_WORDS and not is_outlet(name, lex):
            before = text[max(lo, m.start() - 2) : m.start()].strip()
            after = text[m.end() : m.end() + 2]
            leads = (
                kind == "paragraph" and (m.start() == lo or before[-1:] in _SENTENCE_LEAD) and (after[:1] == "," or (after[:1] == " " and after[1:2].islower()))
            )
            names.append(_Name(m.start(), words, leads))
    return names


@dataclass(slots=True)
class NameIndex:
    """The name runs of an article's content blocks, titles removed, read lazily per block.

    Lazy because most articles need the names of only a few paragraphs (where a pronoun speaks)
    and the full names of only a few speakers.
    """

    text: str
    blocks: Sequence[tuple[int, int, str, Sequence[tuple[int, int]]]]  # start, end, kind, quoted
    lex: QuoteLexicon
    full: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    initials: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # acronym -> the names it may stand for
    cap_runs: list[tuple[int, list[str]]] | None = None  # (start, words) of the runs of capitalised words, read once
    scanned: dict[tuple[int, int, int], list[_Name]] = field(default_factory=dict)

    def _names(self, lo: int, hi: int, kind: str, quoted: Sequence[tuple[int, int]], scan_lo: int, scan_hi: int) -> list[_Name]:
        """`_block_names`, each stretch read once: every pronoun looks back over the same paragraphs."""
        key = (lo, scan_lo, scan_hi)
        found = self.scanned.get(key)
        if found is None:
            found = self.scanned[key] = _block_names(self.text, lo, hi, kind, quoted, self.lex, scan_lo, scan_hi)
        return found

    def fullest(self, name: str, pos: int | None = None, gender: str | None = None) -> str:
        """The fullest name the article gives for `name` (`Zelenskyy` -> `Volodymyr Zelenskyy`).

        Of several (`Ernie LeBlanc`, `Jason Marcel LeBlanc`), the one named last before `pos`,
        else the first after it; with `gender` (`Mrs. Clinton`: f), only one whose given name may have it.
        """
        if name not in self.full:
            self.full[name] = self._fuller(name)
        fuller = self.full[name]
        if gender is not None and fuller:
            fuller = [c for c in fuller if compatible(c[1].split(), gender, self.lex)]
        if not fuller:
            return name
        if pos is None:
            return max(fuller, key=lambda c: len(c[1].split()))[1]
        before = [c for c in fuller if c[0] < pos]
        return (before[-1] if before else fuller[0])[1]

    def _fuller(self, name: str) -> list[tuple[int, str]]:
        """Every (position, name) in the text that ends with the words of `name` and is longer."""
        words = tuple(name.split())
        if not words:
            return []
        n = len(words)
        text = self.text
        found: list[tuple[int, str]] = []
        pos = text.find(words[-1])
        while pos != -1:
            end = pos + len(words[-1])
            m = _RUN_BEFORE.search(text, max(0, pos - _RUN_REACH), end)
            if m is not None and m.end() == end:
                run = _last_sentence(m.group(), self.lex)
                before = text[max(0, m.start() - 30) : m.start()].split()
                if run == m.group() and len(before) >= 2 and before[-1] == "of" and before[-2] in self.lex.titles:
                    run = f"{before[-2]} of {run}"  # `Secretary of State George Shultz`: the office is no name
                cand = tuple(clean_name(run, self.lex).split())
                k = 0
                while len(cand) - k > n and self._common_word(cand[k]):
                    k += 1
                opens = text[max(0, m.start() - 3) : m.start()].rstrip(" \"\u201c'\u2018")[-1:] in ("", ".", "!", "?", "\n")
                if k and (cand[k] in self.lex.genders or (opens and len(cand) - k == n and cand[-1].isalpha() and cand[-1] not in self.lex.org_heads)):
                    cand = cand[k:]  # `Despite Santilli`, `Despite Ted Cruz`: a sentence's first word glued to a person's name
                if n < len(cand) <= _MAX_NAME_WORDS and cand[-n:] == words:
                    found.append((pos, " ".join(cand)))
            pos = text.find(words[-1], end)
        if not found and n == 1 and gender_of(words[0], self.lex) is not None:
            # `Michael` for `Michael Greenspan`: a given name alone stands for the full name given
            wt = _word_then(text, words[0], _GIVEN_THEN)
            if wt is not None and wt[1] not in self.lex.name_stop and wt[1] not in self.lex.titles:
                found.append((wt[0], f"{words[0]} {wt[1]}"))
        if not found and n == 1 and gender_of(words[0], self.lex) is None and words[0][1:].islower():
            # `Wang` for `Wang Qishan`: family name first (not `TransCanada Corp`)
            wt = _word_then(text, words[0], _FAMILY_THEN)
            if wt is not None and wt[1] not in self.lex.name_stop and wt[1] not in self.lex.titles:
                found.append((wt[0], f"{words[0]} {wt[1]}"))
        return found

    def spelled_out(self, acronym: str, pos: int) -> str | None:
        """The name the initials `acronym` stand for, as the article writes it before `pos` (`PBO` ->
        `The Parliamentary Budget Officer`), with its article when it has one; or None.

        The first such run of capitals whose words start with the letters in order (`of`, `and`,
        `for` and `the` between them skipped): a body is named in full once, then by its initials.
        """
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        found = self.initials.get(acronym)
        if found is None:
            found = self.initials[acronym] = self._written_out(acronym)
        return next((name for at, name in found if at < pos), None)

    def _written_out(self, acronym: str) -> list[tuple[int, str]]:
        """(start, name) of every stretch of capitalised words whose initials are `acronym`, in text order."""
        if self.cap_runs is None:
            self.cap_runs = [(m.start(), m.group().split(" ")) for m in _CAP_RUN.finditer(self.text)]
        n = len(acronym)
        found = []
        for start, words in self.cap_runs:
            caps = [i for i, w in enumerate(words) if w[0].isupper()]
            for k in range(len(caps) - n + 1):
                if "".join(words[i][0] for i in caps[k : k + n]) != acronym:
                    continue
                lo, hi = caps[k], caps[k + n - 1] + 1
                if any(w in self.lex.initials_stop for w in words[lo:hi]):
                    continue  # not `And Spanish` for `AS`
                at = start + sum(len(w) + 1 for w in words[:lo])
                article = words[lo - 1] if lo > 0 else self.text[max(0, start - 4) : start].strip()
                name = " ".join(words[lo:hi])
                found.append((at, f"{article} {name}" if article in ("The", "the") else name))
        return found

    def _common_word(self, word: str) -> bool:
        """True when `word`, no known given name, stands in the text in lower case too (`despite`, `another`):
        a capitalised word at a sentence start, not a name."""
        lower = word.lower()
        if word in self.lex.genders or not word.isalpha() or lower in self.lex.name_particles:
            return False  # `Bill`, `De Blasio`
        return lower != word and f" {lower} " in self.text

    def last_person(self, lead_lo: int, any_lo: int, hi: int, gender: str | None, spoken: set[str], anyone: bool = False) -> tuple[int, str] | None:
        """The last person named before `hi`: anywhere from `any_lo`, as a sentence's subject from `lead_lo`.

        Only a known given name or someone who has spoken counts: `Santa Monica` is no `he`; with
        `anyone`, every full name of a person does.
        """
        found = None
        again: tuple[int, int, str] | None = None  # (block start, position, name) of a speaker named again
        for lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= lead_lo:
                continue
            if lo >= hi:
                break
            # only the stretch that can matter is read: from `lead_lo` (or the block start) to `hi`
            for cand in self._names(lo, b_hi, kind, quoted, max(lo, lead_lo), min(b_hi, hi)):
                if cand.start < any_lo and not cand.leads:
                    continue
                # a surname stands for the full name given earlier: `Myers also cited` is Ben Myers
                full = self.fullest(" ".join(cand.words), cand.start)
                words = tuple(full.split())
                if not (is_person(words, self.lex) and compatible(words, gender, self.lex)):
                    continue
                # a sentence's subject with a full name (`Niederreiter has four goals`) may be anyone
                subject = cand.leads and len(words) > 1 and words[-1] == cand.words[-1]
                if gender_of(full, self.lex) is not None or full in spoken or subject or (anyone and len(words) > 1):
                    found = (cand.start, full)
                    if full in spoken:
                        again = (lo, cand.start, full)
        if found is not None and again is not None and again[0] <= found[0] < self._block_end(again[0]):
            # `Even though Greenspan has co-authored books with ... Julia Child, she maintains`: one who
            # has spoken, named again in the paragraph, stays the one a pronoun means
            return again[1], again[2]
        return found

    def in_lede(self, pos: int) -> bool:
        """True when `pos` is in the article's first two body paragraphs (a photo caption may come first)."""
        ledes = [b for b in self.blocks[:12] if b[2] == "paragraph"][:2]
        return any(lo <= pos < hi for lo, hi, _, _ in ledes)

    def next_person(self, pos: int, blocks: int) -> str | None:
        """The first person who opens a sentence after `pos`, within the next `blocks` paragraphs."""
        seen = 0
        for lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= pos or kind != "paragraph":
                continue
            for cand in self._names(lo, b_hi, kind, quoted, max(lo, pos), b_hi):
                full = self.fullest(" ".join(cand.words), cand.start)
                if cand.leads and cand.start > pos and is_person(tuple(full.split()), self.lex) and " " in full:
                    return full
            seen += 1
            if seen > blocks:
                break
        return None

    def _block_end(self, lo: int) -> int:
        """The end of the block that starts at `lo`."""
        return next((b_hi for b_lo, b_hi, _, _ in self.blocks if b_lo == lo), lo)

    def last_leading(self, lo: int, hi: int) -> tuple[int, str] | None:
        """The last name that opens a sentence in text[lo:hi], whatever its gender: a last resort."""
        found = None
        for b_lo, b_hi, kind, quoted in self.blocks:
            if b_hi <= lo or b_lo >= hi:
                continue
            for cand in self._names(b_lo, b_hi, kind, quoted, max(b_lo, lo), min(b_hi, hi)):
                if cand.leads and cand.words[-1] not in self.lex.org_heads:
                    found = (cand.start, " ".join(cand.words))
        return found

    def titled(self, title: str, pos: int) -> str | None:
        """The full name the article gives after `title` (`Prime Minister Justin Trudeau`) before `pos`."""
        if not title or not title.replace(" ", "").isalpha() or title.lower() not in self.index_titles():
            return None
        cap = " ".join(w[:1].upper() + w[1:] for w in title.split())
        found = None
        pattern = re.compile(rf"(?<![\w-]){re.escape(cap)}[ ]((?:[A-Z][\w\u2019'-]+[ ]){{0,2}}[A-Z][\w\u2019'-]+)")
        for m in pattern.finditer(self.text, 0, pos):
            name = clean_name(m.group(1), self.lex)
            if name and " " not in name:
                name = self.fullest(name, m.start())  # `Mayor McCallum`: the full name given elsewhere
            if " " in name:
                found = name
        return found

    def index_titles(self) -> frozenset[str]:
        """Lower-case titles and role nouns that may stand for a named person (`the mayor`)."""
        return self.lex.role_nouns

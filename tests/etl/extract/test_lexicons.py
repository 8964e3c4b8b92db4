"""The lexicons: every key of every file is read by an extractor family, every pattern compiles, and a
broken file stops a run with one line naming the file and the key."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import etl.lexicons
from etl.extract import LexiconError, check_lexicons
from etl.extract.figures.lexicon import figure_lexicon
from etl.extract.quotes.lexicon import quote_lexicon
from etl.extract.sections import section_lexicon
from etl.people import check_lexicon as check_people_lexicon
from flows.cli import main

BUILDERS = (section_lexicon, quote_lexicon, figure_lexicon)


def _rebuild() -> None:
    for build in BUILDERS:
        build.cache_clear()
    check_lexicons()
    check_people_lexicon()


def test_every_key_of_every_lexicon_is_read() -> None:
    _rebuild()
    read = etl.lexicons.read_keys()
    for name in etl.lexicons.names():
        data = json.loads((etl.lexicons.FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        keys = {k for k in data if not k.startswith("_")}
        assert keys, name
        assert keys <= {k for n, k in read if n == name}, f"{name}.json: keys no code reads: {sorted(keys - {k for n, k in read if n == name})}"


def test_every_lexicon_is_documented_in_the_readme() -> None:
    readme = (etl.lexicons.FOLDER / "README.md").read_text(encoding="utf-8")
    for name in etl.lexicons.names():
        data = json.loads((etl.lexicons.FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        assert f"`{name}.json`" in readme
        for key in (k for k in data if not k.startswith("_")):
            assert f"`{key}`" in readme, f"README.md does not say what {name}.json `{key}` is"


def test_every_pattern_compiles_and_stays_linear_on_a_long_line() -> None:
    """Each compiled pattern of the three lexicons, run over 20,000 characters of near-misses, returns at once."""
    patterns = [v for lex in (section_lexicon(), quote_lexicon(), figure_lexicon(), figure_lexicon().calendar, figure_lexicon().numbers)
                for v in (getattr(lex, f) for f in lex.__dataclass_fields__) if isinstance(v, re.Pattern)]
    assert len(patterns) >= 40
    text = ("said Mr. O'Brien, according to the 12 km of 3 May 2020 and the next 3 weeks -- " * 250)[:20_000]
    for p in patterns:
        p.search(text)  # a pattern that backtracks badly would hang here


@pytest.fixture
def broken_lexicons(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the lexicons to break, read instead of the real ones while the test runs."""
    folder = tmp_path / "lexicons"
    shutil.copytree(etl.lexicons.FOLDER, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(etl.lexicons, "FOLDER", folder)
    for build in BUILDERS:
        build.cache_clear()
    yield folder
    monkeypatch.undo()
    _rebuild()


@pytest.mark.parametrize(
    ("file", "key", "value", "said"),
    [
        ("quotes_grammar.json", "finite_verbs", None, "lexicon quotes_grammar.json: key 'finite_verbs' is missing"),
        ("dates.json", "months", ["January"], "lexicon dates.json: key 'months' must be an object"),
        ("sections.json", "byline", ["(unclosed"], "lexicon sections.json: key 'byline': a pattern does not compile"),
        ("numbers.json", "units", {"one": "1"}, "lexicon numbers.json: key 'units': the value of 'one' is not a int or float"),
        ("cues.json", "verbs", {"say": {"forms": ["say"]}}, "lexicon cues.json: key 'verbs': entry 'say' needs 'indirect' as a str"),
        ("quotes_names.json", "pronouns", {"he": {"refers_to": "person"}}, "lexicon quotes_names.json: key 'pronouns': entry 'he' needs 'possessive' as a str"),
    ],
)
def test_a_broken_lexicon_is_one_clear_error(broken_lexicons: Path, file: str, key: str, value: object, said: str) -> None:
    path = broken_lexicons / file
    data = json.loads(path.read_text(encoding="utf-8"))
    if value is None:
        del data[key]
    else:
        data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        check_lexicons()
    assert str(err.value).startswith(said)
    assert "\n" not in str(err.value)


def test_a_lexicon_that_is_not_json_is_one_clear_error(broken_lexicons: Path) -> None:
    (broken_lexicons / "outlets.json").write_text('{"outlets": ["Reuters",', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^lexicon outlets.json is not valid JSON"):
        check_lexicons()


def test_a_run_with_a_broken_lexicon_stops_before_it_starts(broken_lexicons: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (broken_lexicons / "cues.json").unlink()
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Headline\n\nThe minister said the talks would go on.\n", encoding="utf-8")
    assert main(["run", str(inputs), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "newsetl: error: lexicon cues.json cannot be read (No such file or directory)"
    assert not out.exists() or not any(out.iterdir())  # no run: nothing written

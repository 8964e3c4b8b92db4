"""Build `src/etl/lexicons/past_forms.json`: English verbs' irregular past forms, from lemminflect.

    .venv/bin/python bench/build_past_forms.py          # rewrite past_forms.json
    .venv/bin/python bench/build_past_forms.py --check  # exit 1 when the committed data differs

The reported-speech rules ask whether a finite verb follows a possessive after a cue (`said his kidney
function came up`, not `said his voice breaking`); a regular past ends in -ed, an irregular one must be
listed. Forms come from lemminflect's inflection table (a dev dependency: only this script imports it),
so none is spelled by hand; forms that are also nouns or adjectives there (`left`, `felt`, `cut`) are left
out, since such a word after a noun may be its modifier, not its verb.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "etl" / "lexicons" / "past_forms.json"
META = {
    "what": "Irregular past-tense forms of English verbs (not ending in -ed): a finite verb that shows a clause; generated, do not edit.",
    "format": "past: [forms], lower case, sorted",
    "source": "bench/build_past_forms.py: the VBD forms of lemminflect's inflection table that do not end in -ed and are no noun or adjective form there.",
}


def past_forms() -> list[str]:
    """Irregular simple-past forms, lower case, that lemminflect knows as no noun or adjective form."""
    from lemminflect import Inflections

    table = Inflections()._getInflDict()  # lemma -> {Penn tag: forms}: lemminflect's only full listing
    nominal = {f for entry in table.values() for tag in ("NN", "NNS", "JJ") for f in entry.get(tag, ())}
    forms = {
        f
        for lemma, entry in table.items()
        if lemma.islower()
        for f in entry.get("VBD", ())
        if f.isalpha() and f.islower() and not f.endswith("ed")
    }
    return sorted(forms - nominal)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    args = ap.parse_args(argv)
    body = json.dumps({"_meta": META, "past": past_forms()}, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == body
        print("past_forms.json is up to date" if same else "past_forms.json differs: run bench/build_past_forms.py")
        return 0 if same else 1
    OUT.write_text(body, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

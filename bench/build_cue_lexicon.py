"""Build `src/etl/lexicons/cues_broad.json` (reporting verbs) from VerbNet's communication classes.

    .venv/bin/python bench/build_cue_lexicon.py          # rewrite cues_broad.json
    .venv/bin/python bench/build_cue_lexicon.py --check  # exit 1 when the committed data differs

The hand-written `cues.json` verbs say how each cue introduces reported speech; this adds the reporting verbs
they miss (`blurted out`, `retorted`, `sniped`, `condemned`) as cues of quotations only (kind `quoted`: no part in reported speech),
so that a quote's speaker is found whatever verb the writer chose. Members are those of the VerbNet 3.4
classes named below (communication, 37.*; judgement, 33; promise, 37.13), plus the particle verbs that
report speech and the verbs of posting online; sounds of animals and things in `manner_speaking`
(`purr`, `boom`) are left out. Inflections come from lemminflect (a dev dependency: only this script
imports it), so no form is spelled by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "etl" / "lexicons" / "cues_broad.json"
META = {
    "what": "Reporting verbs beyond the hand-written cues.json: cues of quotations only, no part in reported speech; generated, do not edit.",
    "format": "verbs: {lemma or particle verb: {forms: [surface forms], class: the VerbNet class it comes from}}",
    "source": (
        "bench/build_cue_lexicon.py: members of VerbNet 3.4 communication (37.*), judgement (33.1) and conjecture (29.5) classes, "
        "inflected by lemminflect; a verb of cues.json keeps its own entry there."
    ),
}

# VerbNet 3.4 class -> members that report speech in news (class names as VerbNet spells them).
CLASSES: dict[str, list[str]] = {
    "say-37.7": [
        "announce", "articulate", "blurt", "claim", "confess", "confide", "convey", "declare", "disclose",
        "divulge", "explain", "mention", "note", "observe", "proclaim", "propose", "recount", "reiterate",
        "relate", "remark", "repeat", "report", "reveal", "say", "state", "suggest", "utter", "voice",
    ],
    "manner_speaking-37.3": [
        "bark", "bawl", "bellow", "cackle", "chant", "chatter", "croak", "cry", "drawl", "gasp", "groan",
        "growl", "grumble", "grunt", "hiss", "holler", "moan", "mumble", "murmur", "mutter", "rage", "rasp",
        "roar", "scream", "screech", "shout", "shriek", "snap", "snarl", "splutter", "sputter", "stammer",
        "stutter", "thunder", "wail", "whimper", "whine", "whisper", "yell",
    ],
    "complain-37.8": ["complain", "boast", "brag", "gripe", "grouse", "grumble", "moan", "whine", "bemoan", "lament"],
    "lecture-37.11": ["comment", "editorialize", "lecture", "moralize", "preach", "remark", "speak", "talk", "testify", "theorize"],
    "advise-37.9": ["advise", "alert", "brief", "caution", "counsel", "instruct", "warn"],
    "tell-37.2": ["tell", "inform", "assure", "notify", "reassure", "remind"],
    "transfer_mesg-37.1.1": ["cite", "dictate", "quote", "relay", "write"],
    "inquire-37.1.2": ["ask", "inquire", "enquire", "query", "question", "wonder"],
    "confess-37.10": ["acknowledge", "admit", "concede", "confess"],
    "overstate-37.12": ["exaggerate", "overstate", "understate"],
    "promise-37.13": ["pledge", "promise", "swear", "vow", "guarantee"],
    "conjecture-29.5": ["assert", "contend", "insist", "maintain", "predict", "speculate", "surmise"],
    "judgment-33.1": [
        "applaud", "assail", "berate", "blame", "castigate", "chastise", "commend", "condemn", "criticize",
        "criticise", "decry", "denounce", "deride", "disparage", "excoriate", "lambaste", "mock", "praise",
        "rebuke", "reprimand", "ridicule", "scold", "slam", "snipe", "taunt", "thank",
    ],
    "chit_chat-37.6": ["argue", "chat", "counter", "debate", "protest", "object", "reply", "respond", "retort", "rejoin"],
    "post (online)": ["tweet", "retweet", "post", "blog", "email", "text", "message", "write"],
}
# Particle verbs that report speech (VerbNet lists them under their verb without the particle).
PARTICLE_VERBS: dict[str, str] = {
    "blurt": "out", "shoot": "back", "fire": "back", "hit": "back", "point": "out", "go": "on", "spell": "out",
    "lash": "out", "speak": "out", "weigh": "in", "chime": "in", "pipe": "up", "sum": "up", "talk": "about",
    "cry": "out", "call": "out", "push": "back", "bring": "up", "read": "out",
}

# Forms that are mostly something else in news: `what is going on`.
EXCLUDED_FORMS = frozenset({"going on"})


def _forms(lemma: str, particle: str | None = None) -> list[str]:
    from lemminflect import getAllInflections  # dev dependency: the build step only

    # Past forms only, and the participle of a particle verb (`talking about`): the base and `-s` forms
    # (`a text`, `the talks`, `messages`) are nouns far more often than cues, as is the bare participle
    # (`speaking on condition of anonymity`, `a talking bear`); the hand-written verbs cover those that report.
    tags = ("VBD", "VBN", "VBG") if particle else ("VBD", "VBN")
    forms = {f for tag, fs in getAllInflections(lemma, upos="VERB").items() if tag in tags for f in fs}
    return sorted(f for f in (f"{f} {particle}" if particle else f for f in forms) if f not in EXCLUDED_FORMS)


def broad_verbs() -> dict[str, dict[str, object]]:
    """Every class member and particle verb with its inflected forms and the class it comes from."""
    out: dict[str, dict[str, object]] = {}
    for cls, members in CLASSES.items():
        for lemma in members:
            out.setdefault(lemma, {"forms": _forms(lemma), "class": cls})
    for lemma, particle in PARTICLE_VERBS.items():
        out[f"{lemma} {particle}"] = {"forms": _forms(lemma, particle), "class": "particle verbs"}
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with the committed data")
    args = ap.parse_args(argv)
    doc = {"_meta": META, "verbs": broad_verbs()}
    text = "{\n" + ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in doc.items()) + "\n}\n"
    text = text.replace("}, \"", "},\n  \"")  # one verb a line
    if args.check:
        same = OUT.exists() and json.loads(OUT.read_text(encoding="utf-8")) == doc
        print(f"{OUT.name} is up to date" if same else f"{OUT.name} differs: rerun bench/build_cue_lexicon.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(doc['verbs'])} verbs to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write `src/etl/lexicons/units_pint.json`: units of measure from pint's unit registry.

    .venv/bin/python bench/build_unit_lexicon.py        # rewrites the JSON; commit it

The figures extractor reads the committed JSON, not pint, so that a run depends neither on pint nor
on its definitions file. Taken: every unit of pint's default registry whose dimension is one a
news figure measures (length, area, volume, mass, force, energy, power, pressure, speed, ...; not
time, which `dates.json` and `units.json` read, nor temperatures but the kelvin), written as pint
names it (`newton`, `light year`, singular and plural), its aliases and its symbol (`N`, `atm`,
`rpm`), and the SI-prefixed forms of the units commonly prefixed (`kilonewtons`, `kN`, `MPa`, `mAh`).
Left out: names that are everyday words after a number (`three stone cottages`, `5 points`,
`two revolutions`), symbols of one character, of two lower-case letters (`st`, `pc`, `dr`) or two capitals (`VA`), and
lower-case symbols that lemminflect knows as English words (`mil`, `den`). `units.json`
(hand-written, news usage) takes precedence over this file where both name a form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pint
from lemminflect import getAllLemmas

OUT = Path(__file__).resolve().parents[1] / "src" / "etl" / "lexicons" / "units_pint.json"
# pint dimensionality -> the dimension name `units.json` uses (those not listed are left out).
DIMENSIONS = {
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass]": "mass",
    "[length] * [mass] / [time] ** 2": "force",
    "[mass] * [length] / [time] ** 2": "force",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[mass] / [length] / [time] ** 2": "pressure",
    "[length] / [time]": "speed",
    "[length] / [time] ** 2": "acceleration",
    "1 / [time]": "frequency",
    "[current]": "current",
    "[current] * [time]": "charge",
    "[mass] * [length] ** 2 / [time] ** 3 / [current]": "voltage",
    "[mass] * [length] ** 2 / [time] ** 3 / [current] ** 2": "resistance",
    "[substance]": "substance",
    "[luminosity]": "luminosity",
    "[length] ** 2 / [time] ** 2": "dose",
    "[information]": "data",
    "[temperature]": "temperature",
}
TEMPERATURES = {"kelvin"}  # degrees Celsius and Fahrenheit are read by `units.json` and the scale after `degrees`
# Everyday words that pint also defines as units: after a number they count things (`three stone
# cottages`, `5 points`, `two revolutions`, `4 bars`), so they are never read as units.
NOT_UNITS = {
    "stone", "point", "line", "hand", "bar", "barn", "turn", "cycle", "revolution", "gross", "score", "drop", "pinch",
    "dash", "shake", "link", "chain", "rod", "pole", "perch", "league", "cable", "ream", "bag", "bale", "bolt", "cord",
    "board", "quad", "peck", "grain", "count", "percent", "degree", "circle", "square", "particle", "thou", "mil",
    "den", "unit", "reciprocal", "span", "finger", "nail", "cubit", "palm", "jig", "cup", "gill", "shot", "foot",
    "knot", "dram", "pica", "didot", "twip", "em", "sheet", "bundle", "hogshead", "butt", "tun", "puncheon", "firkin",
    "kilderkin", "barrel", "load", "lump", "clip", "franklin", "gilbert", "maxwell", "debye", "gauss", "stokes",
    "poise", "rayleigh", "jansky", "langley", "faraday", "oersted", "lambert", "rutherford", "galileo", "gal",
    "stere", "ton", "long_ton", "short_ton", "metric_ton", "quart", "pint", "gallon", "ounce", "pound", "bushel",
    "radian", "steradian", "neper", "bel", "decibel", "octave", "decade", "permille", "ppm", "byte", "bit",
}
# Name parts of constants and of variants no news text means (`planck_length`, `US_survey_foot`).
SKIP_PARTS = re.compile(r"planck|bohr|atomic|natural|hartree|rydberg|elementary|speed_of_light|classical|"
                        r"US|UK|imperial|survey|international|conventional|thermochemical|_\d|_of_|water|mercury|"
                        r"sidereal|tropical|julian|gregorian|avogadro|electron_mass|proton|neutron|esu|emu|abs|"
                        r"boiler|refrigeration|force|_mass|equivalent|inch_H|_Hg|_H2O|^ab|apothecary|star|tex|klitzing|"
                        r"thomson|x_unit|^stat|scaled|cables|cooling|dry|beer|oil|biot|barye|lambda|gravity|slug|blob|"
                        r"minim|scruple|rad|rem|darcy|cicero|TNT|LMH|RKM|sound_pressure|standard_liter|super|board|"
                        r"feet|fifth|quarter|^are$|candle|electrical|counts|baud|bps|fps|cps|pixel|kip|poundal|"
                        r"ampere_turn|per_second|slinch|^gray$|^mole$|fermi|pennyweight")  # `dwt`: a ship's deadweight tonnage
PREFIXED = {  # units written with SI prefixes in news and science text, and the prefixes taken for each
    "meter": "kcmµn", "gram": "kmµ", "liter": "mcdµ", "watt": "kMGTm", "joule": "kMGT", "volt": "kMm",
    "ampere": "km", "ohm": "kM", "newton": "kM", "pascal": "khMG", "hertz": "kMGT", "mole": "mµn",
    "electron_volt": "kMGT", "watt_hour": "kMGT", "ampere_hour": "m", "sievert": "mµ", "becquerel": "kMGT",
    "gray": "m", "tesla": "m", "calorie": "k", "tonne": "kM",
}
PREFIX_NAMES = {"k": "kilo", "M": "mega", "G": "giga", "T": "tera", "h": "hecto", "d": "deci", "c": "centi", "m": "milli",
                "µ": "micro", "n": "nano"}
WORD_OK = re.compile(r"[A-Za-zµΩ°][A-Za-z0-9µΩ° ]*\Z")


def _plural(name: str) -> str:
    if name.endswith(("s", "x", "z")):
        return name  # `hertz`, `lux`, `inches`
    if name.endswith(("sh", "ch")):
        return name + "es"
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def _name_forms(name: str) -> list[str]:
    """`light_year` -> `light year`, `light years`; `mile_per_hour` -> `miles per hour`."""
    spaced = name.replace("_", " ")
    head, sep, tail = spaced.partition(" per ")
    return list(dict.fromkeys([spaced, _plural(head) + sep + tail]))


def _symbol_ok(sym: str) -> bool:
    if len(sym) < 2 or not WORD_OK.match(sym):
        return False
    if sym.islower() and sym.isascii() and (len(sym) <= 2 or getAllLemmas(sym)):
        return False  # `st`, `pc`, `mil`: abbreviations of other words or words themselves
    # `VA`, `MN`, `TJ`: as often a state, a ship or initials; `Da Silva`
    return not ((sym.isupper() and len(sym) == 2) or sym in ("Da", "At"))


def _dimension(ureg: pint.UnitRegistry, name: str) -> str | None:
    try:
        dim = str(ureg.get_dimensionality(name))
    except (pint.errors.PintError, ValueError, KeyError, TypeError):  # logarithmic units: not ones a figure carries
        return None
    return DIMENSIONS.get(dim)


def build() -> dict[str, dict[str, object]]:
    """Canonical symbol -> {dimension, forms} for the units taken from pint."""
    ureg = pint.UnitRegistry()
    units: dict[str, dict[str, object]] = {}
    seen: set[str] = set()

    def add(canon: str, dimension: str, forms: list[str]) -> None:
        keep = [f for f in forms if f not in seen and WORD_OK.match(f) and f.split()[0] not in NOT_UNITS]
        if not keep:
            return
        seen.update(keep)
        entry = units.setdefault(canon, {"dimension": dimension, "forms": []})
        entry["forms"] = [*entry["forms"], *keep]  # type: ignore[misc]

    for name, definition in sorted(ureg._units.items()):
        if name != definition.name or name in NOT_UNITS or SKIP_PARTS.search(name):
            continue
        dim = _dimension(ureg, name)
        if dim is None or (dim == "temperature" and name not in TEMPERATURES):
            continue
        forms = _name_forms(name)
        forms += [f for a in definition.aliases if a not in NOT_UNITS and not SKIP_PARTS.search(a)
                  and not any(len(part) <= 3 for part in a.split("_")[1:])  # `cal_th`
                  for f in (_name_forms(a) if a.islower() and len(a) > 3 else [a] if _symbol_ok(a) else [])]
        sym = definition.symbol or name
        if "_" in sym:
            continue  # `cu_ft`, `ap_oz`: pint's spelled-out variants, not units a text writes as such
        if _symbol_ok(sym):
            forms.append(sym)
        add(sym, dim, forms)
        for p in PREFIXED.get(name, ""):
            psym = p + sym
            pforms = [PREFIX_NAMES[p] + f for f in _name_forms(name)]
            if _symbol_ok(psym):
                pforms.append(psym)
                if p == "µ":
                    pforms.append("u" + sym)  # `uSv`: µ typed as u
            add(psym, dim, pforms)
    return units


def main() -> None:
    units = build()
    doc = {
        "_meta": {
            "what": "Units of measure from pint's default unit registry, for the figures extractor: the forms written after a number, by canonical symbol.",
            "format": "`units` maps a canonical unit symbol to {dimension, forms}, like `units.json`, which takes precedence form by form.",
            "source": f"pint {pint.__version__} default registry, generated by bench/build_unit_lexicon.py (do not edit by hand)",
        },
        "units": units,
    }
    OUT.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(units)} units, {sum(len(u['forms']) for u in units.values())} forms")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

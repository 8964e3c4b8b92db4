"""Turn raw bytes into an article's normalised text, or say why they cannot be.

Normalised text: decoded, mojibake repaired, line endings `\n`, Unicode NFC, control
characters removed, curly quotes kept. Offsets in every table point into this text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy
from charset_normalizer import from_bytes

# ftfy is the library for mojibake, but its defaults also straighten curly quotes and fold
# ligatures and full-width forms, which changes what the article says: keep those off.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Characters that start the usual UTF-8-read-as-cp1252 sequences (`â€™`, `Ã©`, `Â `): ftfy
# runs only when one is present, since most articles need no repair and ftfy costs ~0.2 ms.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2\u00d0\u00d1\u00ef]"  # lead byte of a UTF-8 sequence read as cp1252
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"  # continuation
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"  # bytes, as cp1252
)
# C0/C1 controls other than tab and newline, plus lone surrogates and the BOM.
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\u0085]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this chaos (charset-normalizer's mess ratio) a guessed decoding is treated as wrong.
_MAX_CHAOS = 0.25
_WIDE_ENCODINGS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# A valid multi-byte UTF-8 sequence: its presence in bytes that fail to decode means broken UTF-8.
_HAS_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """Why bytes could not become text: a reason code and a sentence for a person."""

    reason: str
    detail: str


def decode(data: bytes) -> tuple[str, str] | DecodeProblem:
    """Decode bytes as UTF-8, a BOM-marked Unicode encoding, or a detected legacy encoding.

    Returns:
        `(text, encoding)` on success, else a `DecodeProblem` (`empty`, `binary`, `undecodable`).
    """
    if not data.strip():
        return DecodeProblem("empty", "The file is empty or holds only white space.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                detail = f"The file starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} at byte {exc.start}."
                return DecodeProblem("undecodable", detail)
    if b"\x00" in data:
        return DecodeProblem("binary", f"The file holds NUL bytes ({data.count(0)} of {len(data)} bytes), so it is binary, not text.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
        if exc.end >= len(data) and "end of data" in exc.reason:
            detail = f"The file is UTF-8 cut off in the middle of a character at byte {exc.start} of {len(data)}: it was probably truncated."
            return DecodeProblem("truncated", detail)
        if _HAS_UTF8_MULTIBYTE.search(data):
            return DecodeProblem("undecodable", f"The file is mostly UTF-8 but has invalid bytes ({exc.reason} at byte {exc.start}).")
    # Not UTF-8 and no UTF-8 sequences in it: a legacy single-byte encoding. cp1252 first,
    # since it is what English-language newsrooms' legacy files are in and charset-normalizer
    # tends to pick a Central European code page on short Latin text; detection otherwise.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    # No NUL bytes, so UTF-16/32 guesses (which charset-normalizer makes on short texts) are out.
    best = from_bytes(data, cp_exclusion=_WIDE_ENCODINGS).best()
    if best is not None and best.chaos <= _MAX_CHAOS:
        return str(best), best.encoding
    return DecodeProblem("undecodable", f"The file is not UTF-8 ({utf8_error}) and no text encoding fits its bytes.")


# ftfy costs about 1.2 µs per character of a line it fixes, and it takes a whole line at a time
# (up to 1 MB): a 1 MB single-line paragraph with one `â€™` in it took 1.2 s. Lines longer than
# this are fixed window by window, and only the windows that show a mojibake hint.
_LONG_LINE = 10_000
_WINDOW = 2_000
_SPACE = re.compile(r"\s")


def _fix_mojibake(text: str) -> str:
    """ftfy's repair of `text`; lines over `_LONG_LINE` characters are repaired only where a hint shows."""
    lines = text.split("\n")
    if all(len(line) <= _LONG_LINE for line in lines):
        return ftfy.fix_text(text, _FTFY_CONFIG)  # the usual case: exactly ftfy's line-by-line repair
    out: list[str] = []
    short: list[str] = []
    for line in lines:
        if len(line) <= _LONG_LINE:
            short.append(line)
            continue
        if short:
            out.append(ftfy.fix_text("\n".join(short), _FTFY_CONFIG))
            short = []
        out.append(_fix_long_line(line))
    if short:
        out.append(ftfy.fix_text("\n".join(short), _FTFY_CONFIG))
    return "\n".join(out)


def _fix_long_line(line: str) -> str:
    """Repair one long line in windows of about `_WINDOW` characters cut after white space."""
    pieces = []
    pos = 0
    while pos < len(line):
        end = min(pos + _WINDOW, len(line))
        if end < len(line):
            space = _SPACE.search(line, end, min(end + _WINDOW, len(line)))
            end = space.end() if space else end
        window = line[pos:end]
        pieces.append(ftfy.fix_text(window, _FTFY_CONFIG) if _MOJIBAKE_HINT.search(window) else window)
        pos = end
    return "".join(pieces)


def normalize(text: str) -> str:
    """Return `text` with mojibake repaired, `\n` line endings, NFC, and no control characters."""
    if _MOJIBAKE_HINT.search(text):
        text = _fix_mojibake(text)
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\u0085" in text:
        text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text

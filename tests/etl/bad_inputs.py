"""A folder of real-world input breakage, shared by the pipeline and flow tests."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

from tests.conftest import SAMPLE_DIR

# file name → (bytes, the reject reason it must get)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "zero-bytes.txt": (b"", "empty"),
    "blank-lines.txt": (b"\n \n\t\n", "empty"),
    "nul-filled.txt": (b"\x00" * 64, "binary"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "truncated.txt": ("Headline\n\nKyiv – the capital €".encode()[:-1], "truncated"),
    "broken-utf8.txt": ("Headline\n\nZelenskyy’s".encode() + b" \xff\xfe tail", "undecodable"),
    "page.txt": (b"<!DOCTYPE html>\n<html><head><title>News</title></head><body><p>Story</p></body></html>", "html_as_text"),
    "no-headline.txt": (b"-----\n\nThe body without a headline.", "no_headline"),
    "big.txt": (b"Big Headline\n\n" + b"All work and no play. " * 600, "too_large"),
}
GOOD_EXTRA: dict[str, bytes] = {
    # recoverable encodings: these must come out as articles
    "utf16.txt": codecs.BOM_UTF16_LE + "Headline in UTF-16\n\nThe body, “quoted”.".encode("utf-16-le"),
    "mojibake.txt": "Ukraineâ€™s Headline\n\nThe cafÃ© reopened.".encode(),
}
MAX_BYTES = 10_000


def make_input_folder(root: Path) -> Path:
    """A folder with the sample articles, one duplicate (listed after its original), recoverable and bad files."""
    folder = root / "input"
    shutil.copytree(SAMPLE_DIR, folder)
    shutil.copy(SAMPLE_DIR / "trade-talks.txt", folder / "zz-trade-talks-copy.txt")
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)
    for name, data in GOOD_EXTRA.items():
        (folder / name).write_bytes(data)
    return folder


def expected_rejects() -> dict[str, str]:
    """File name → reject reason, for every file that must be rejected."""
    return {**{name: reason for name, (_, reason) in BAD_FILES.items()}, "zz-trade-talks-copy.txt": "duplicate"}


def expected_articles() -> set[str]:
    """File names that must come out as articles."""
    return {p.name for p in SAMPLE_DIR.glob("*.txt")} | set(GOOD_EXTRA)

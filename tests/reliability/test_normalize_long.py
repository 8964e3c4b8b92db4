"""Mojibake repair on very long lines (found by the fuzz campaign): fast, and the same repair as ftfy's."""

from __future__ import annotations

import time

import ftfy
import pytest

from etl.text.normalize import _FTFY_CONFIG, _LONG_LINE, normalize
from tests.reliability.test_fuzz import SLACK

GOOD = "The café’s owner said “we reopen on 3 March”, and 12 % agreed. "
BAD = GOOD.encode().decode("cp1252", "replace")  # UTF-8 read as cp1252: `cafÃ©â€™s`


def test_long_line_is_repaired_like_ftfy_does() -> None:
    line = BAD * (3 * _LONG_LINE // len(BAD))
    assert len(line) > _LONG_LINE
    assert normalize("Headline\n\n" + line) == "Headline\n\n" + ftfy.fix_text(line, _FTFY_CONFIG).rstrip(" ") + " "
    assert "â€" not in normalize("Headline\n\n" + line)


@pytest.mark.parametrize("body", [
    "«" * 1_000_000 + " the union’s â€™ leader",  # one hint in a megabyte of non-ASCII (was 1.2 s)
    BAD * (1_000_000 // len(BAD)),  # mojibake in every window
    ("«" * 5_000 + "\n") * 200 + "â€™",  # many long-ish lines, one hint
])
def test_megabyte_line_with_mojibake_is_normalised_in_bounded_time(body: str) -> None:
    text = "Headline\n\n" + body
    normalize(text[:20_000])
    best = min(_timed_normalize(text) for _ in range(2))
    assert best < 1.0 * SLACK, f"normalize took {best:.2f} s"


def _timed_normalize(text: str) -> float:
    clock = time.perf_counter()
    out = normalize(text)
    assert "â€" not in out and "Ã©" not in out
    return time.perf_counter() - clock


def test_one_hint_does_not_make_a_megabyte_line_slow() -> None:
    """Machine-independent: one `â€™` in a 1 MB line costs a few windows, not a pass of ftfy over the line (was ~60×)."""
    plain = "Headline\n\n" + "«" * 1_000_000 + " the union’s leader"
    hinted = plain + " â€™"
    normalize(plain[:20_000] + " â€™")
    base = min(_time(plain) for _ in range(3))
    with_hint = min(_time(hinted) for _ in range(3))
    assert with_hint < 10 * base + 0.02, f"{with_hint * 1000:.0f} ms with one hint against {base * 1000:.0f} ms without"


def _time(text: str) -> float:
    clock = time.perf_counter()
    normalize(text)
    return time.perf_counter() - clock

"""Decoding and normalisation: real-world byte problems and what they become."""

from __future__ import annotations

import codecs

import pytest

from etl.text.normalize import DecodeProblem, decode, normalize

DECODED = [
    ("utf8", "Zelenskyy said “at least stop bombing people,”".encode(), "Zelenskyy said “at least stop bombing people,”", "utf-8"),
    ("cp1252-curly", "It’s “café” time – déjà vu".encode("cp1252"), "It’s “café” time – déjà vu", "cp1252"),
    ("latin1-accents", "Señor Peña, naïve rôle".encode("latin-1"), "Señor Peña, naïve rôle", "cp1252"),
    ("utf16-bom", codecs.BOM_UTF16_LE + "Kyiv, Ukraine".encode("utf-16-le"), "Kyiv, Ukraine", "utf-16"),
    ("utf8-bom", codecs.BOM_UTF8 + b"Headline", "Headline", "utf-8-sig"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), [c[1:] for c in DECODED], ids=[c[0] for c in DECODED])
def test_decode_recovers_text(data: bytes, text: str, encoding: str) -> None:
    got = decode(data)
    assert not isinstance(got, DecodeProblem)
    assert normalize(got[0]) == text
    assert got[1] == encoding


PROBLEMS = [
    ("empty", b"", "empty"),
    ("whitespace", b" \n\t\r\n ", "empty"),
    ("nul-bytes", b"Headline\n\x00\x00\x00body", "binary"),
    ("truncated-utf8", "Kyiv – the capital €".encode()[:-1], "truncated"),
    ("broken-utf8", "Zelenskyy’s".encode() + b"\xff\xfe tail", "undecodable"),
    ("noise", bytes(range(128, 256)) * 4, "undecodable"),
]


@pytest.mark.parametrize(("data", "reason"), [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_decode_names_the_problem(data: bytes, reason: str) -> None:
    got = decode(data)
    assert isinstance(got, DecodeProblem)
    assert got.reason == reason
    assert got.detail.endswith(".")


NORMALIZED = [
    ("mojibake-apostrophe", "Ukraineâ€™s capital", "Ukraine’s capital"),
    ("mojibake-accent", "the cafÃ© owner", "the café owner"),
    ("crlf", "Headline\r\n\r\nBody\rmore", "Headline\n\nBody\nmore"),
    ("nfd-to-nfc", "Zelenskyy in Kyiv, Cafe\u0301", "Zelenskyy in Kyiv, Café"),
    ("controls-removed", "A\x07B\x1bC\ufeffD", "ABCD"),
    ("curly-quotes-kept", "“It’s clear,” he said", "“It’s clear,” he said"),
    ("ligatures-kept", "the ﬁnal ﬁgure", "the ﬁnal ﬁgure"),
]


@pytest.mark.parametrize(("raw", "want"), [c[1:] for c in NORMALIZED], ids=[c[0] for c in NORMALIZED])
def test_normalize(raw: str, want: str) -> None:
    assert normalize(raw) == want

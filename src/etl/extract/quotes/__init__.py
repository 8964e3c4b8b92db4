"""Quotes: direct, partial and indirect quotations with speaker, cue and relaying outlet (`extract_quotes`)."""

from etl.extract.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]

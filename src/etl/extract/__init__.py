"""The extractors: sections, quotes and figures of one article's text, each a pure function."""

from etl.extract.native import choose

# True when the quote modules run as the C extensions `setup.py` compiled with mypyc (same output,
# faster); False when they run from their `.py` sources.
COMPILED: bool = choose()

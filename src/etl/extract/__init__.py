"""The extractors: sections, quotes and figures of one article's text, each a pure function.

`split_sections(text)`, `extract_quotes(text, sections)` and `extract_figures(text, sections,
published_at)` are the entry points; `check_lexicons()` builds every family's word lists once,
so that a broken lexicon file stops a run before it starts.
"""

from etl.extract.native import choose

# True when every family runs as the C extensions `setup.py` compiled with mypyc (same output,
# faster); False when one or more run from their `.py` sources (`native.FAMILIES` says which).
COMPILED: bool = choose()

from etl.extract.figures import extract_figures  # noqa: E402 - after `choose()`, which routes these imports
from etl.extract.figures.lexicon import figure_lexicon  # noqa: E402
from etl.extract.quotes import extract_quotes  # noqa: E402
from etl.extract.quotes.lexicon import quote_lexicon  # noqa: E402
from etl.extract.sections import section_lexicon, split_sections  # noqa: E402
from etl.lexicons import LexiconError  # noqa: E402


def check_lexicons() -> None:
    """Build the sections, quotes and figures lexicons (once per process).

    Raises:
        LexiconError: one line naming the lexicon file and key that is missing or malformed.
    """
    try:
        section_lexicon()
        quote_lexicon()
        figure_lexicon()
    except LexiconError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:  # a shape the accessors do not check
        raise LexiconError(f"a lexicon entry has the wrong shape ({exc.__class__.__name__}: {exc}); see src/etl/lexicons/README.md") from None


__all__ = ["COMPILED", "LexiconError", "check_lexicons", "extract_figures", "extract_quotes", "split_sections"]

"""Figures: counts, money, percentages, ranges, tallies, ordinals, dates, years and measures (`extract_figures`)."""

from etl.extract.figures.scan import extract_figures

__all__ = ["extract_figures"]

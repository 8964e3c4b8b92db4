"""newsetl's pure extraction and I/O code: importable and testable without Prefect."""

__version__ = "0.1.0"

# Bumped whenever an extractor's output can change for the same input: rows written by an
# older extractor version are reprocessed and replaced on the next run.
EXTRACTOR_VERSION = "5"

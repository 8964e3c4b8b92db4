"""Reliability tests (issue 8): bad input, crashes, concurrency, retries, input safety, operator mistakes."""

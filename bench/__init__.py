"""Benchmarks run by `make bench`: each prints what it measured, on how much data, beside a baseline, and
appends one JSON line per figure to var/bench/results.jsonl."""

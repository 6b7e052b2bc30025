"""Benchmark of the personal-data engine against Presidio (see README.md)."""

"""Benchmarks of press-blocks against peak-sdk 1.29.0: ``python -m tests.benchmarks.run [--smoke]``."""

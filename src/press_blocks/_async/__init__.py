"""The clients' one hand-written source, in async form; ``scripts/unasync.py`` writes ``press_blocks._sync`` from it."""

"""The sync clients, generated from ``press_blocks._async`` by ``scripts/unasync.py``; never edited by hand."""

"""The command line's modules; ``press_blocks.cli.main`` is its entry point."""

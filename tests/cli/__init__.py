"""Tests of the press-blocks command line: subprocesses against the emulator, and its parts in-process."""

"""The ``press-blocks`` command: the ``peak blocks`` commands, ``apply``, ``demo``, ``emulator`` and ``preview``."""

from __future__ import annotations

import sys

from press_blocks._cli._main import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())

"""``python -m press_blocks.emulator [options]``: the same as ``press-blocks emulator``."""

import sys

from press_blocks.emulator import cli_main

if __name__ == "__main__":
    sys.exit(cli_main(sys.argv[1:]))

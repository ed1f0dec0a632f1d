"""press-blocks: a Python client for the Peak Press Blocks API."""

from press_blocks._version import __version__

__all__ = ["__version__"]

"""Unit tests of the press_blocks client core (no network: httpx.MockTransport only)."""

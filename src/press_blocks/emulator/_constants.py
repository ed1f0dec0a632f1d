"""Every default of the emulator in one place: limits, addresses, names and page sizes."""

from __future__ import annotations

from typing import Final

from press_blocks._constants import MAX_JSON_DEPTH

__all__ = [
    "ANY_HOST",
    "BODY_OVERHEAD_BYTES",
    "CONTROL_PREFIX",
    "DEFAULT_HOST",
    "DEFAULT_MAX_ARTIFACT_BYTES",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_PORT",
    "DEFAULT_USER",
    "INSPECTOR_MAX_REQUESTS",
    "INSPECTOR_PATH",
    "IN_PROCESS_BASE_URL",
    "MAX_CONTROL_BODY_BYTES",
    "MAX_DEPTH",
    "MAX_UNZIPPED_BYTES",
    "MAX_UNZIP_RATIO",
    "MAX_YAML_VALUES",
    "PREVIEW_MAX_CHARS",
    "UNZIP_RATIO_FLOOR_BYTES",
]

# The compressed artifact limit: a larger upload is a 413, as on the service.
DEFAULT_MAX_ARTIFACT_BYTES: Final = 10 * 1024 * 1024
# In-process transports ignore the host; `.localhost` never leaves the machine if misused.
IN_PROCESS_BASE_URL: Final = "http://press-emulator.localhost"
# The createdBy/updatedBy of everything the emulator creates.
DEFAULT_USER: Final = "emulator@peak.ai"
# The service's page size when a list request names none.
DEFAULT_PAGE_SIZE: Final = 25
# Where the control endpoints (and the inspector page) live; never part of the API's paths.
CONTROL_PREFIX: Final = "/_emulator"
# The inspector page, a browser's view of the emulator.
INSPECTOR_PATH: Final = CONTROL_PREFIX + "/ui"
# `press-blocks emulator` listens here unless told otherwise.
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8787
# The request log keeps this much of each body, as text, for the inspector.
PREVIEW_MAX_CHARS: Final = 32 * 1024
# The inspector lists at most this many requests (newest first); the log keeps them all.
INSPECTOR_MAX_REQUESTS: Final = 500
# An allowed host name that allows every name (turns the loopback Host check off).
ANY_HOST: Final = "*"
# What an API request body may hold beyond the artifact: the other form parts, the multipart framing.
BODY_OVERHEAD_BYTES: Final = 1024 * 1024
# The largest body a control endpoint reads (a fixture to seed, fault rules, a transition).
MAX_CONTROL_BODY_BYTES: Final = 8 * 1024 * 1024
# An uploaded artifact unpacks to at most this much in all; no member may unpack to more than
# this many times its compressed size (deflate tops out near 1,032; bzip2 and LZMA go far beyond).
MAX_UNZIPPED_BYTES: Final = 1024 * 1024 * 1024
MAX_UNZIP_RATIO: Final = 1100
# Members that unpack to at most this much are not held to the ratio.
UNZIP_RATIO_FLOOR_BYTES: Final = 1024 * 1024
# JSON and YAML bodies and files nest at most this deep (what the client itself sends at most).
MAX_DEPTH: Final = MAX_JSON_DEPTH
# A YAML document may stand for at most this many values once its aliases are expanded.
MAX_YAML_VALUES: Final = 100_000

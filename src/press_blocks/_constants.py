"""Every default of the client in one place: hosts, timeouts, retries, limits and wire names.

The public modules re-export the ones users read by their documented names
(``artifacts.DEFAULT_MAX_ARTIFACT_SIZE``, ``parameters.MAX_FALLBACK_FILE_SIZE``, ...).
Constants of an algorithm rather than defaults (zip chunk sizes, Docker's pattern syntax)
stay beside their code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from press_blocks._version import __version__

#: Press hosts by stage, as the official SDK builds them; ``latest`` is an alias of ``dev``.
STAGE_HOSTS: Final[Mapping[str, str]] = {
    "prod": "https://press.peak.ai",
    "latest": "https://press.dev.peak.ai",
    "dev": "https://press.dev.peak.ai",
    "test": "https://press.test.peak.ai",
    "beta": "https://press.beta.peak.ai",
    "parvati": "https://press.parvati.peak.ai",
}
DEFAULT_STAGE: Final = "prod"

# --- environment variables ------------------------------------------------------------------
TOKEN_VARIABLES: Final = ("PEAK_AUTH_TOKEN", "API_KEY")
STAGE_VARIABLES: Final = ("PEAK__STAGE", "STAGE")
BASE_URL_VARIABLE: Final = "PRESS_BASE_URL"
#: Set by the platform inside a running block; wins over a ``deployment_id`` argument.
DEPLOYMENT_ID_VARIABLE: Final = "PRESS_DEPLOYMENT_ID"

# --- timeouts (seconds) ---------------------------------------------------------------------
#: Connecting to the service.
CONNECT_TIMEOUT: Final = 10.0
#: Each read or write of an ordinary request.
READ_WRITE_TIMEOUT: Final = 60.0
#: Each write of an artifact upload: up to 10 MiB, and the service unpacks it before answering.
UPLOAD_WRITE_TIMEOUT: Final = 300.0

#: The whole of one attempt (connect, send, wait, read), however slowly the bytes trickle.
DEADLINE: Final = 300.0
#: The same for an artifact upload.
UPLOAD_DEADLINE: Final = 1800.0

#: Idle threads kept for sending on a sync ``httpx.Client`` handed in by the user (see ``_sync_deadline``).
IDLE_SEND_THREADS: Final = 8

# --- connections (httpx's defaults, for the client press-blocks builds) ---------------------
MAX_CONNECTIONS: Final = 100
MAX_KEEPALIVE_CONNECTIONS: Final = 20
KEEPALIVE_EXPIRY: Final = 5.0

# --- retries --------------------------------------------------------------------------------
MAX_RETRIES: Final = 3
#: Backoff: a uniform wait in [0, INITIAL_DELAY * 2**attempt], capped at MAX_DELAY.
INITIAL_DELAY: Final = 0.5
MAX_DELAY: Final = 8.0
#: A longer Retry-After ends the retries, so callers see the error instead of a silent sleep.
MAX_RETRY_AFTER: Final = 60.0
#: Statuses retried for calls that are safe to repeat.
IDEMPOTENT_RETRY_STATUSES: Final = frozenset({429, 502, 503, 504})
#: Statuses retried for a POST, and only when the service says when (Retry-After).
UNSAFE_RETRY_STATUSES: Final = frozenset({429, 503})

# --- responses ------------------------------------------------------------------------------
#: The largest response body read, after decompression: far above any real answer.
MAX_RESPONSE_BYTES: Final = 64 * 2**20

#: JSON nested deeper than this is refused before sending.
MAX_JSON_DEPTH: Final = 200

# --- pagination -----------------------------------------------------------------------------
#: Later pages requested ahead while iterating; 0 reads one page at a time.
PREFETCH: Final = 0
#: A walk stops with PaginationError after this many pages more than the first page announced.
EXTRA_PAGES: Final = 10

# --- what every request carries -------------------------------------------------------------
USER_AGENT: Final = f"press-blocks/{__version__}"
REQUEST_ID_HEADER: Final = "x-peak-requestId"
ACCEPT: Final = "application/json"

# --- waiting for a deployment ---------------------------------------------------------------
#: How long wait_for_deployment / wait_for_revision wait before WaitTimeoutError.
WAIT_TIMEOUT: Final = 600.0
#: The first wait between two describes; later waits double, with jitter, up to WAIT_MAX_POLL_INTERVAL.
WAIT_POLL_INTERVAL: Final = 2.0
WAIT_MAX_POLL_INTERVAL: Final = 30.0
#: ``--wait``'s default, in seconds. Longer than WAIT_TIMEOUT on purpose: the command waits right
#: after the create, redeploy or revision it sent, so the image build is inside the wait, and a
#: terminal session gives up less readily than a program that chose to call a wait method.
CLI_WAIT_TIMEOUT: Final = 900.0
#: Each describe of a wait gets at most the time the wait has left, but never less than this: the
#: describe sent as the last sleep ends at the deadline still gets its chance (a wait overruns by at most this).
WAIT_LAST_DESCRIBE: Final = 1.0
#: Each wait is uniform in [WAIT_JITTER_FLOOR * c, c] for the doubled interval c ("equal jitter").
WAIT_JITTER_FLOOR: Final = 0.5
#: The status a wait ends on, successfully.
DEPLOYED_STATUS: Final = "deployed"
#: Settled but reported: the deployment runs, with a problem (returned, with a DeploymentWarning).
WARNING_STATUS: Final = "warning"
#: A revision a newer one replaced: settled, returned as it is.
SUPERSEDED_STATUS: Final = "superseded"
#: Statuses a deployment ends in when it did not deploy: DeploymentFailedError.
DEPLOYMENT_FAILURE_STATUSES: Final = frozenset(
    {"failed", "platform_resource_error", "rollback", "rollback_complete", "rollback_failed", "delete_failed"}
)
#: The same for a revision: every failure value of the contract's RevisionStatus.
REVISION_FAILURE_STATUSES: Final = frozenset(
    {"failed", "platform_resource_error", "rollback", "rollback_complete", "rollback_failed", "delete_failed"}
)

# --- logging --------------------------------------------------------------------------------
#: The logger every record goes to: one DEBUG record per request, retries at INFO.
LOGGER_NAME: Final = "press_blocks"
#: ``debug`` or ``info``: put a stderr handler on the logger at that level, without code.
LOG_VARIABLE: Final = "PRESS_BLOCKS_LOG"

# --- contract validation ------------------------------------------------------------------
#: ``off``, ``warn`` or ``raise``: check every response against the OpenAPI document, without code.
VALIDATE_RESPONSES_VARIABLE: Final = "PRESS_BLOCKS_VALIDATE_RESPONSES"
#: Seconds, bytes: a session's timeout, deadline and response cap from the environment, for programs
#: that cannot pass arguments (the command line's error lines name these).
TIMEOUT_VARIABLE: Final = "PRESS_BLOCKS_TIMEOUT"
DEADLINE_VARIABLE: Final = "PRESS_BLOCKS_DEADLINE"
MAX_RESPONSE_BYTES_VARIABLE: Final = "PRESS_BLOCKS_MAX_RESPONSE_BYTES"
#: What a response that differs from the document does: nothing (unchecked), a warning, an error.
VALIDATE_RESPONSES_MODES: Final = ("off", "warn", "raise")
VALIDATE_RESPONSES: Final = "off"
#: How many differences one drift warning or error lists before saying how many more there are.
DRIFT_SHOWN: Final = 5

#: ``press-blocks verify``: items listed (and described) per list operation, unless ``--limit`` says otherwise.
VERIFY_LIMIT: Final = 10
#: ... and the largest page it asks for.
VERIFY_MAX_PAGE_SIZE: Final = 100

# --- dry runs -------------------------------------------------------------------------------
# --- dry runs and masking ------------------------------------------------------------------
#: What a dry run shows in place of the token.
MASKED_TOKEN: Final = "***"
#: Shorter tokens are not masked in server text: replacing every "ab" would garble messages, not hide a secret.
MIN_MASKED_SECRET_LENGTH: Final = 4

# --- artifacts ------------------------------------------------------------------------------
#: The Press API accepts at most 10 MiB of compressed artifact.
MAX_ARTIFACT_SIZE: Final = 10 * 2**20
#: Zips larger than this many bytes are kept in a temporary file rather than in memory.
SPOOL_THRESHOLD: Final = 2**20
#: The ignore file read from the artifact's directory when none is named.
IGNORE_FILE: Final = ".dockerignore"

# --- fallback files (run parameters, related blocks) ----------------------------------------
#: Larger fallback files are refused before they are read.
MAX_FALLBACK_FILE_SIZE: Final = 8 * 2**20

# --- deploy as code -------------------------------------------------------------------------
#: The environment variable holding the key of hidden-parameter fingerprints (a random secret).
DEPLOY_KEY_VARIABLE: Final = "PRESS_BLOCKS_DEPLOY_KEY"
#: Shorter keys are refused: a fingerprint made with a guessable key lets guesses be tested.
DEPLOY_KEY_MIN_LENGTH: Final = 16
#: ``deploy.apply(wait=True)``: seconds for every deployment it touched to settle, in all.
DEPLOY_WAIT_TIMEOUT: Final = 600.0
#: Aliases (``*name``) may add at most this many values to a YAML document once expanded: a few
#: hundred bytes of nested aliases (a billion laughs) would otherwise become gigabytes downstream.
MAX_YAML_ALIAS_EXPANSION: Final = 100_000

# --- the command line's files and templates -------------------------------------------------
#: The largest request, params, description or included file the command line reads.
MAX_INPUT_FILE_SIZE: Final = 8 * 2**20
#: A request file's template may render at most this much text...
MAX_RENDERED_SIZE: Final = 8 * 2**20
#: ...in at most this many seconds (a loop of loops is a usage error, not a hang).
MAX_RENDER_SECONDS: Final = 10.0
#: Extra directories ``{% include %}`` may read from, besides the top request file's (os.pathsep-separated).
INCLUDE_PATH_VARIABLE: Final = "PRESS_BLOCKS_INCLUDE_PATH"
#: Set (to anything but 0) to silence the command line's warning about files that look secret.
ALLOW_SECRET_FILES_VARIABLE: Final = "PRESS_BLOCKS_ALLOW_SECRET_FILES"

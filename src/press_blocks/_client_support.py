"""What Block and AsyncBlock share besides their methods: session checks, options and artifact packaging."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from press_blocks._config import is_retry_count
from press_blocks._session import Session
from press_blocks.errors import InvalidArgumentError

if TYPE_CHECKING:
    import httpx

    from press_blocks.artifacts import Artifact, ArtifactInfo, ProgressCallback

__all__ = ["JSON", "choose_options", "package_artifact", "session_of", "upload_progress"]

JSON = dict[str, Any]


def session_of(session: object) -> tuple[Session, bool]:
    """Return the session to use and whether the client owns it (made it from the environment)."""
    if session is None:
        return Session(), True
    if not isinstance(session, Session):
        raise InvalidArgumentError(f"session must be a press_blocks.Session, not {type(session).__name__}.")
    return session, False


def choose_options(
    current_timeout: httpx.Timeout | None,
    current_retries: int | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int | None,
) -> tuple[httpx.Timeout | None, int | None]:
    """Return the timeout and retry count a ``with_options`` copy gets: the new ones where given."""
    import httpx

    if max_retries is not None and not is_retry_count(max_retries):
        raise InvalidArgumentError(f"max_retries must be a whole number >= 0, not {max_retries!r}.")
    return (
        httpx.Timeout(timeout) if timeout is not None else current_timeout,
        current_retries if max_retries is None else max_retries,
    )


def package_artifact(
    artifact: ArtifactInfo | Mapping[str, Any] | None, progress: ProgressCallback | bool | None
) -> Artifact | None:
    """Zip the directory an ``artifact`` mapping names, or return None when there is none."""
    if artifact is None:
        return None
    from press_blocks.artifacts import artifact_from_info, build_artifact, default_progress

    path, ignore_files = artifact_from_info(artifact)
    callback = _progress(progress, default_progress)
    return build_artifact(path, ignore_files, progress=callback)


def upload_progress(progress: ProgressCallback | bool | None) -> ProgressCallback | None:
    """The upload's progress callback: the user's, a default bar, or none."""
    return _progress(progress, _default_upload_progress)


def _progress(
    progress: ProgressCallback | bool | None, default: Callable[[str], ProgressCallback | None]
) -> ProgressCallback | None:
    if progress is None or progress is True:
        return default("artifact")
    if progress is False:
        return None
    return progress


def _default_upload_progress(description: str) -> ProgressCallback | None:
    from press_blocks.artifacts import default_progress

    return default_progress(f"upload {description}")

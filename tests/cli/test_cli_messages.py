"""Messages that speak the user's language (issue 23): command-line advice on the command line, Python's in Python."""

from __future__ import annotations

import pytest

from press_blocks import Session, _constants
from press_blocks._cli._main import main, warning_line
from press_blocks.errors import InvalidStageError, MissingCredentialsError, SecretFilesWarning

SECRET_MESSAGE = (
    "Files that look secret are about to be uploaded from /x (there is no .dockerignore, so everything under the "
    "directory is uploaded): .env. Exclude them in .dockerignore if the image does not need them "
    "(preview_artifact() lists what is sent), or silence this warning with "
    "warnings.filterwarnings('ignore', category=press_blocks.SecretFilesWarning)."
)


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*_constants.TOKEN_VARIABLES, *_constants.STAGE_VARIABLES, _constants.ALLOW_SECRET_FILES_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PRESS_BASE_URL", "http://127.0.0.1:9")


def test_a_missing_token_on_the_command_line_names_the_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["specs", "describe", "s"]) == 3
    err = capsys.readouterr().err
    assert "auth_token" not in err
    assert "set the PEAK_AUTH_TOKEN or API_KEY environment variable" in err


def test_the_library_still_gives_python_advice() -> None:
    with pytest.raises(MissingCredentialsError, match=r"pass auth_token=\.\.\."):
        Session()


def test_the_secret_files_warning_gives_shell_advice_and_an_off_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    line = warning_line(SECRET_MESSAGE, SecretFilesWarning)
    assert line is not None
    assert "filterwarnings" not in line
    assert "preview_artifact()" not in line
    assert "'press-blocks preview DIR' lists what is sent" in line
    assert line.endswith(f"or silence this warning with {_constants.ALLOW_SECRET_FILES_VARIABLE}=1.")
    monkeypatch.setenv(_constants.ALLOW_SECRET_FILES_VARIABLE, "1")
    assert warning_line(SECRET_MESSAGE, SecretFilesWarning) is None
    assert warning_line("another warning", UserWarning) == "press-blocks: warning: another warning"


@pytest.mark.parametrize(
    ("environment", "argument", "source"),
    [
        ({"PEAK__STAGE": "prd"}, None, "the PEAK__STAGE environment variable"),
        ({"STAGE": "qa"}, None, "the STAGE"),
        ({}, "nope", "the stage argument"),
    ],
)
def test_an_unknown_stage_says_where_it_came_from(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], argument: str | None, source: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InvalidStageError, match=f"from {source}"):
        Session("token", argument)

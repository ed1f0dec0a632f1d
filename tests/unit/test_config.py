"""Settings resolution: token, stage, base URL, timeouts and retries; secrets stay secret; no network I/O."""

from __future__ import annotations

import socket

import httpx
import pytest

from press_blocks import Block, Session
from press_blocks._config import DEFAULT_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT, Secret, Settings, resolve_settings
from press_blocks._constants import MAX_RETRIES as DEFAULT_MAX_RETRIES
from press_blocks._constants import STAGE_HOSTS
from press_blocks.errors import (
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    InvalidArgumentError,
    InvalidStageError,
    MissingCredentialsError,
    PressBlocksError,
    ResponseDecodeError,
)

TOKEN = "tok-SENTINEL-7f3a91c2e5"
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")

#: §1.1 of the peak-sdk facts: the Press host of every stage.
EXPECTED_HOSTS = {
    "prod": "https://press.peak.ai",
    "latest": "https://press.dev.peak.ai",
    "dev": "https://press.dev.peak.ai",
    "test": "https://press.test.peak.ai",
    "beta": "https://press.beta.peak.ai",
    "parvati": "https://press.parvati.peak.ai",
}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's or CI's own variables must not leak into these tests."""
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _failing_client() -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        pytest.fail(f"unexpected request: {request.method} {request.url}")

    return httpx.Client(transport=httpx.MockTransport(handler))


# --- token ---------------------------------------------------------------------------------


class TestToken:
    def test_argument_wins_over_both_variables(self) -> None:
        env = {"PEAK_AUTH_TOKEN": "from-peak", "API_KEY": "from-api-key"}
        assert resolve_settings("from-arg", environ=env).token.reveal() == "from-arg"

    def test_peak_auth_token_wins_over_api_key(self) -> None:
        env = {"PEAK_AUTH_TOKEN": "from-peak", "API_KEY": "from-api-key"}
        assert resolve_settings(environ=env).token.reveal() == "from-peak"

    def test_api_key_is_the_fallback(self) -> None:
        assert resolve_settings(environ={"API_KEY": "from-api-key"}).token.reveal() == "from-api-key"

    @pytest.mark.parametrize("empty", ["", "   ", "\n"])
    def test_empty_peak_auth_token_counts_as_unset(self, empty: str) -> None:
        env = {"PEAK_AUTH_TOKEN": empty, "API_KEY": "from-api-key"}
        assert resolve_settings(environ=env).token.reveal() == "from-api-key"

    def test_empty_argument_counts_as_unset(self) -> None:
        assert resolve_settings("", environ={"API_KEY": "from-api-key"}).token.reveal() == "from-api-key"

    def test_token_is_kept_verbatim(self) -> None:
        """No 'Bearer ' is added or removed: whatever the user gives is what is sent."""
        assert resolve_settings("Bearer abc.def", environ={}).token.reveal() == "Bearer abc.def"

    @pytest.mark.parametrize("env", [{}, {"PEAK_AUTH_TOKEN": "", "API_KEY": ""}, {"API_KEY": "  "}])
    def test_no_token_raises_missing_credentials_naming_both_variables(self, env: dict[str, str]) -> None:
        with pytest.raises(MissingCredentialsError) as info:
            resolve_settings(environ=env)
        assert isinstance(info.value, ConfigurationError)
        assert isinstance(info.value, PressBlocksError)
        assert "PEAK_AUTH_TOKEN" in str(info.value)
        assert "API_KEY" in str(info.value)

    def test_session_reads_the_process_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("API_KEY", "env-api-key")
        assert Session().settings.token.reveal() == "env-api-key"
        monkeypatch.setenv("PEAK_AUTH_TOKEN", "env-peak-token")
        assert Session().settings.token.reveal() == "env-peak-token"

    def test_session_without_any_token_raises(self) -> None:
        with pytest.raises(MissingCredentialsError):
            Session()


# --- stage -----------------------------------------------------------------------------------


class TestStage:
    def test_stage_hosts_match_the_reference(self) -> None:
        assert dict(STAGE_HOSTS) == EXPECTED_HOSTS

    @pytest.mark.parametrize(("stage", "host"), sorted(EXPECTED_HOSTS.items()))
    def test_every_stage_maps_to_its_press_host(self, stage: str, host: str) -> None:
        settings = resolve_settings(TOKEN, stage, environ={})
        assert settings.stage == stage
        assert settings.base_url == host

    def test_default_stage_is_prod(self) -> None:
        settings = resolve_settings(TOKEN, environ={})
        assert settings.stage == "prod"
        assert settings.base_url == "https://press.peak.ai"

    def test_argument_wins_over_variables(self) -> None:
        env = {"PEAK__STAGE": "test", "STAGE": "beta"}
        assert resolve_settings(TOKEN, "dev", environ=env).stage == "dev"

    def test_peak__stage_wins_over_stage(self) -> None:
        assert resolve_settings(TOKEN, environ={"PEAK__STAGE": "test", "STAGE": "beta"}).stage == "test"

    def test_stage_variable_is_the_fallback(self) -> None:
        assert resolve_settings(TOKEN, environ={"STAGE": "beta"}).stage == "beta"

    def test_empty_values_count_as_unset(self) -> None:
        assert resolve_settings(TOKEN, "", environ={"PEAK__STAGE": "", "STAGE": "parvati"}).stage == "parvati"
        assert resolve_settings(TOKEN, environ={"PEAK__STAGE": " ", "STAGE": ""}).stage == "prod"

    @pytest.mark.parametrize("stage", ["bogus", "PROD", "Dev", "staging"])
    def test_unknown_stage_raises_listing_the_valid_ones(self, stage: str) -> None:
        with pytest.raises(InvalidStageError) as info:
            resolve_settings(TOKEN, stage, environ={})
        error = info.value
        assert isinstance(error, ValueError)
        assert isinstance(error, ConfigurationError)
        message = str(error)
        assert repr(stage) in message
        for valid in EXPECTED_HOSTS:
            assert valid in message

    def test_unknown_stage_from_the_environment_raises(self) -> None:
        with pytest.raises(InvalidStageError, match="nowhere"):
            resolve_settings(TOKEN, environ={"PEAK__STAGE": "nowhere"})

    def test_session_exposes_stage_and_base_url(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("STAGE", "test")
        session = Session(TOKEN)
        assert session.stage == "test"
        assert session.base_url == "https://press.test.peak.ai"


# --- base URL --------------------------------------------------------------------------------


class TestBaseUrl:
    def test_argument_wins_over_variable_and_stage(self) -> None:
        env = {"PRESS_BASE_URL": "https://from-env.example"}
        settings = resolve_settings(TOKEN, "dev", base_url="http://127.0.0.1:8080", environ=env)
        assert settings.base_url == "http://127.0.0.1:8080"
        assert settings.stage == "dev"

    def test_variable_wins_over_stage_host(self) -> None:
        settings = resolve_settings(TOKEN, "beta", environ={"PRESS_BASE_URL": "https://proxy.example/press"})
        assert settings.base_url == "https://proxy.example/press"

    def test_empty_variable_counts_as_unset(self) -> None:
        assert resolve_settings(TOKEN, "test", environ={"PRESS_BASE_URL": ""}).base_url == EXPECTED_HOSTS["test"]

    def test_trailing_slashes_are_dropped(self) -> None:
        assert resolve_settings(TOKEN, base_url="https://proxy.example/press/", environ={}).base_url == (
            "https://proxy.example/press"
        )

    def test_session_reads_press_base_url(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRESS_BASE_URL", "http://localhost:9000")
        assert Session(TOKEN).base_url == "http://localhost:9000"

    @pytest.mark.parametrize("url", ["ftp://press.peak.ai", "press.peak.ai", "https://", "/v1/blocks", "https://:80"])
    def test_invalid_url_raises_configuration_error(self, url: str) -> None:
        with pytest.raises(ConfigurationError) as info:
            resolve_settings(TOKEN, base_url=url, environ={})
        assert repr(url) in str(info.value)

    def test_unparseable_url_raises_configuration_error_not_an_httpx_error(self) -> None:
        """A URL httpx cannot even parse must still surface as the package's own ConfigurationError."""
        with pytest.raises(ConfigurationError):
            resolve_settings(TOKEN, base_url="http://[::1", environ={})

    def test_invalid_variable_raises_configuration_error(self) -> None:
        with pytest.raises(ConfigurationError, match="not-a-url"):
            resolve_settings(TOKEN, environ={"PRESS_BASE_URL": "not-a-url"})


# --- timeouts and retries ---------------------------------------------------------------------


class TestTimeoutsAndRetries:
    def test_default_timeouts(self) -> None:
        settings = resolve_settings(TOKEN, environ={})
        assert settings.timeout == DEFAULT_TIMEOUT
        assert settings.timeout.connect == 10.0
        assert settings.timeout.read == 60.0
        assert settings.upload_timeout == DEFAULT_UPLOAD_TIMEOUT
        assert settings.upload_timeout.connect == 10.0
        assert settings.upload_timeout.write is not None
        assert settings.timeout.write is not None
        assert settings.upload_timeout.write > settings.timeout.write

    def test_explicit_timeout_keeps_a_longer_upload_write(self) -> None:
        settings = resolve_settings(TOKEN, timeout=5, environ={})
        assert settings.timeout == httpx.Timeout(5)
        assert settings.upload_timeout.read == 5
        assert settings.upload_timeout.connect == 5
        assert settings.upload_timeout.write == DEFAULT_UPLOAD_TIMEOUT.write

    def test_explicit_timeout_longer_than_upload_default_is_kept(self) -> None:
        settings = resolve_settings(TOKEN, timeout=httpx.Timeout(900.0, connect=3.0), environ={})
        assert settings.upload_timeout.write == 900.0
        assert settings.upload_timeout.connect == 3.0

    def test_default_max_retries(self) -> None:
        assert resolve_settings(TOKEN, environ={}).max_retries == DEFAULT_MAX_RETRIES == 3

    @pytest.mark.parametrize("value", [0, 1, 10])
    def test_valid_max_retries(self, value: int) -> None:
        assert resolve_settings(TOKEN, max_retries=value, environ={}).max_retries == value

    @pytest.mark.parametrize("value", [-1, True, False, 2.5, "3"])
    def test_invalid_max_retries_raises_invalid_argument(self, value: object) -> None:
        with pytest.raises(InvalidArgumentError, match="max_retries"):
            resolve_settings(TOKEN, max_retries=value, environ={})  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [-1, True, 2.5, "3"])
    def test_invalid_max_retries_in_with_options_raises_invalid_argument(self, value: object) -> None:
        block = Block(Session(TOKEN, http_client=_failing_client()))
        with pytest.raises(InvalidArgumentError, match="max_retries"):
            block.with_options(max_retries=value)  # type: ignore[arg-type]


# --- secrets ---------------------------------------------------------------------------------


class TestSecrets:
    def test_secret_hides_its_value(self) -> None:
        secret = Secret(TOKEN)
        assert TOKEN not in repr(secret)
        assert TOKEN not in str(secret)
        assert TOKEN not in f"{secret}"
        assert secret.reveal() == TOKEN

    def test_secret_equality_is_by_value(self) -> None:
        assert Secret(TOKEN) == Secret(TOKEN)
        assert Secret(TOKEN) != Secret("other")
        assert hash(Secret(TOKEN)) == hash(Secret(TOKEN))

    def test_settings_repr_hides_the_token(self) -> None:
        settings = resolve_settings(TOKEN, environ={})
        assert isinstance(settings, Settings)
        assert TOKEN not in repr(settings)
        assert TOKEN not in str(settings)

    def test_session_and_block_repr_hide_the_token(self) -> None:
        session = Session(TOKEN, http_client=_failing_client())
        block = Block(session)
        for text in (repr(session), str(session), repr(block), str(block)):
            assert TOKEN not in text
        assert "prod" in repr(session)

    def test_configuration_errors_never_show_the_token(self) -> None:
        errors: list[Exception] = []
        for kwargs in (
            {"stage": "bogus"},
            {"base_url": "ftp://x"},
            {"max_retries": -1},
        ):
            with pytest.raises((ConfigurationError, InvalidArgumentError)) as info:
                resolve_settings(TOKEN, environ={}, **kwargs)  # type: ignore[arg-type]
            errors.append(info.value)
        for error in errors:
            assert TOKEN not in str(error)
            assert TOKEN not in repr(error)
            assert all(TOKEN not in str(arg) for arg in error.args)

    def test_api_errors_never_show_the_token(self) -> None:
        """Status, decode, connection and argument errors: the token is in none of their messages."""
        answers = iter(
            [
                httpx.Response(401, json={"detail": "Missing or invalid credentials"}),
                httpx.Response(200, text="<html>not json</html>"),
            ]
        )

        def handler(request: httpx.Request) -> httpx.Response:
            assert request.headers["Authorization"] == TOKEN  # the token is sent, just never shown
            try:
                return next(answers)
            except StopIteration:
                raise httpx.ConnectError("connection refused") from None

        block = Block(Session(TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0))
        caught: list[BaseException] = []
        for expected, action in (
            (APIStatusError, lambda: block.describe_spec("s")),
            (ResponseDecodeError, lambda: block.describe_spec("s")),
            (APIConnectionError, lambda: block.describe_spec("s")),
            (InvalidArgumentError, lambda: block.describe_spec("")),
        ):
            with pytest.raises(expected) as info:
                action()
            caught.append(info.value)
        for error in caught:
            assert TOKEN not in str(error)
            assert TOKEN not in repr(error)
            assert all(TOKEN not in str(arg) for arg in error.args)


# --- no network I/O ----------------------------------------------------------------------------


class TestNoNetworkOnConstruction:
    def test_session_block_and_transport_send_nothing(self) -> None:
        session = Session(TOKEN, http_client=_failing_client())
        block = Block(session)
        block.with_options(timeout=3, max_retries=0)
        session.sender()  # building the transport (and its hooks) still sends nothing
        session.close()

    def test_default_session_opens_no_socket(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without an injected client, building a session and its connection pool opens no connection."""

        def no_network(*args: object, **kwargs: object) -> None:
            pytest.fail("network I/O during construction")

        monkeypatch.setattr(socket, "create_connection", no_network)
        monkeypatch.setattr(socket, "getaddrinfo", no_network)
        monkeypatch.setattr(socket.socket, "connect", no_network)
        monkeypatch.setenv("PEAK_AUTH_TOKEN", TOKEN)
        with Block() as block:
            block.session.sender()

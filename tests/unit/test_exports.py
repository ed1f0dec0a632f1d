"""The public surface: ``__all__``, a light import, session type checks, and who closes which connection pool."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import types
from pathlib import Path

import httpx
import pytest

import press_blocks
from press_blocks import AsyncBlock, Block, Session, errors, get_async_client, get_client
from press_blocks.errors import InvalidArgumentError, PressBlocksError

ROOT = Path(__file__).resolve().parents[2]
ENV_VARIABLES = ("PEAK_AUTH_TOKEN", "API_KEY", "PEAK__STAGE", "STAGE", "PRESS_BASE_URL", "PRESS_DEPLOYMENT_ID")
#: Module-level helpers of the package's own ``__init__`` that are not part of its API.
NOT_PUBLIC = {"annotations", "importlib", "TYPE_CHECKING", "Any"}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("PEAK_AUTH_TOKEN", "env-token")
    return "env-token"


def _ok_client() -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json={})))


def _ok_async_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200, json={})))


# --- __all__ ----------------------------------------------------------------------------------------


class TestAll:
    def test_all_is_sorted_and_unique(self) -> None:
        assert press_blocks.__all__ == sorted(set(press_blocks.__all__))

    def test_every_name_resolves(self) -> None:
        for name in press_blocks.__all__:
            assert getattr(press_blocks, name) is not None, name

    def test_all_is_exactly_the_public_names(self) -> None:
        """Eager public globals plus the lazily loaded names, and nothing else."""
        lazy = set(press_blocks._LAZY)
        eager = {
            name
            for name, value in vars(press_blocks).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType) and name not in NOT_PUBLIC
        }
        assert set(press_blocks.__all__) == eager | lazy | {"__version__"}

    def test_dir_lists_the_public_names(self) -> None:
        assert dir(press_blocks) == sorted(press_blocks.__all__)

    def test_lazy_names_are_the_real_objects(self) -> None:
        assert press_blocks.Block is Block
        assert press_blocks.AsyncBlock is AsyncBlock
        assert press_blocks.Session is Session
        assert press_blocks.get_client is get_client
        assert press_blocks.get_async_client is get_async_client

    def test_every_exception_is_exported(self) -> None:
        classes = {
            name
            for name in errors.__all__
            if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name), PressBlocksError)
        }
        assert classes <= set(press_blocks.__all__)
        for name in classes:
            assert getattr(press_blocks, name) is getattr(errors, name)

    def test_every_exported_name_reports_the_package_as_its_module(self) -> None:
        """As httpx's: ``press_blocks.Block``, not the generated ``press_blocks._sync.block``."""
        checked = 0
        for name in press_blocks.__all__:
            value = getattr(press_blocks, name)
            if isinstance(value, type | types.FunctionType):
                assert value.__module__ == "press_blocks", name
                checked += 1
        assert checked == len(press_blocks.__all__) - 1  # all but __version__
        assert repr(press_blocks.Block) == "<class 'press_blocks.Block'>"

    def test_an_exported_error_pickles_through_the_package(self) -> None:
        import pickle

        error = pickle.loads(pickle.dumps(InvalidArgumentError("bad")))
        assert type(error) is InvalidArgumentError
        assert str(error) == "bad"

    def test_unknown_attribute_raises_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="no_such_thing"):
            press_blocks.no_such_thing  # noqa: B018

    def test_version(self) -> None:
        from press_blocks._version import __version__

        assert press_blocks.__version__ == __version__
        assert __version__.count(".") == 2


class TestLightImport:
    def test_import_does_not_load_httpx_or_the_generated_package(self) -> None:
        code = (
            "import sys, press_blocks; "
            "heavy = sorted(m for m in sys.modules if m == 'httpx' or m.startswith(('httpx.', 'press_blocks_api'))); "
            "print(repr(heavy)); "
            "press_blocks.PressBlocksError; press_blocks.NotFoundException; "
            "print(repr('httpx' in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
        )
        heavy, httpx_after_errors = result.stdout.splitlines()
        assert heavy == "[]"
        assert httpx_after_errors == "False"

    def test_first_use_of_a_client_loads_them(self) -> None:
        code = (
            "import sys, press_blocks; press_blocks.Block; "
            "print('httpx' in sys.modules, any(m.startswith('press_blocks_api') for m in sys.modules))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
        )
        assert result.stdout.strip() == "True True"


# --- session type checks --------------------------------------------------------------------------------


class TestSessionArgument:
    @pytest.mark.parametrize("bad", ["a-token", 42, object(), {"auth_token": "x"}, _ok_client])
    def test_non_session_is_rejected(self, bad: object) -> None:
        for factory in (get_client, Block, get_async_client, AsyncBlock):
            with pytest.raises(InvalidArgumentError, match="Session") as info:
                factory(session=bad)  # type: ignore[arg-type]
            assert isinstance(info.value, TypeError)

    def test_get_client_uses_the_given_session(self) -> None:
        session = Session("t", http_client=_ok_client())
        assert get_client(session).session is session
        assert get_async_client(session).session is session

    def test_get_client_without_session_reads_the_environment(self, token: str) -> None:
        client = get_client()
        assert isinstance(client, Block)
        assert client.session.settings.token.reveal() == token


# --- who closes what -------------------------------------------------------------------------------------


class TestOwnership:
    def test_session_close_closes_the_pool_it_built(self) -> None:
        session = Session("t")
        pool = session.sender().http_client
        assert not pool.is_closed
        session.close()
        assert pool.is_closed

    def test_session_context_manager_closes_its_pool(self) -> None:
        with Session("t") as session:
            pool = session.sender().http_client
        assert pool.is_closed

    def test_session_never_closes_a_user_client(self) -> None:
        user = _ok_client()
        with Session("t", http_client=user) as session:
            session.sender()
        session.close()
        assert not user.is_closed
        user.close()

    def test_session_can_be_used_again_after_close(self) -> None:
        user = _ok_client()
        session = Session("t", http_client=user)
        block = Block(session)
        block.describe_spec("s")
        session.close()
        assert block.describe_spec("s") == {}

    def test_block_owning_its_session_closes_the_pool(self, token: str) -> None:
        with Block() as block:
            pool = block.session.sender().http_client
        assert pool.is_closed

    def test_get_client_close(self, token: str) -> None:
        block = get_client()
        pool = block.session.sender().http_client
        block.close()
        assert pool.is_closed

    def test_block_on_a_given_session_leaves_it_open(self) -> None:
        session = Session("t")
        pool = session.sender().http_client
        with Block(session):
            pass
        Block(session).close()
        assert not pool.is_closed
        session.close()
        assert pool.is_closed

    def test_with_options_clients_never_close_the_session(self, token: str) -> None:
        block = Block()
        pool = block.session.sender().http_client
        with block.with_options(timeout=1):
            pass
        assert not pool.is_closed
        block.close()
        assert pool.is_closed

    def test_block_owning_its_session_never_closes_a_user_client(self) -> None:
        user = _ok_client()
        session = Session("t", http_client=user)
        with Block(session) as block:
            block.describe_spec("s")
        session.close()
        assert not user.is_closed
        user.close()

    def test_async_block_owning_its_session_closes_the_pool(self, token: str) -> None:
        async def go() -> httpx.AsyncClient:
            async with AsyncBlock() as block:
                pool = block.session.async_sender().http_client
                assert not pool.is_closed
            return pool

        assert asyncio.run(go()).is_closed

    def test_session_aclose_closes_both_pools(self) -> None:
        session = Session("t")
        sync_pool = session.sender().http_client
        async_pool = session.async_sender().http_client
        asyncio.run(session.aclose())
        assert sync_pool.is_closed
        assert async_pool.is_closed

    def test_async_session_never_closes_user_clients(self) -> None:
        user_sync, user_async = _ok_client(), _ok_async_client()

        async def go() -> None:
            async with Session("t", http_client=user_sync, async_http_client=user_async) as session:
                await AsyncBlock(session).describe_spec("s")
                session.sender()

        asyncio.run(go())
        assert not user_sync.is_closed
        assert not user_async.is_closed

    def test_async_block_on_a_given_session_leaves_it_open(self) -> None:
        session = Session("t")

        async def go() -> httpx.AsyncClient:
            pool = session.async_sender().http_client
            async with AsyncBlock(session):
                pass
            return pool

        pool = asyncio.run(go())
        assert not pool.is_closed
        asyncio.run(session.aclose())
        assert pool.is_closed


def test_the_public_modules_are_what_from_press_blocks_import_gives_in_a_fresh_interpreter() -> None:
    # A module-level ``import types`` in the package's __init__ once shadowed press_blocks.types:
    # ``from press_blocks import types`` gave the standard library's module until something else
    # had imported the submodule.
    code = (
        "from press_blocks import types, errors, artifacts, parameters, deploy\n"
        "print(types.__name__, errors.__name__, artifacts.__name__, parameters.__name__, deploy.__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    )
    assert result.stdout.split() == [
        "press_blocks.types",
        "press_blocks.errors",
        "press_blocks.artifacts",
        "press_blocks.parameters",
        "press_blocks.deploy",
    ]

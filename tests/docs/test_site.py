"""The documentation site builds with ``mkdocs build --strict``, offline, and holds what it promises."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests._cached_venvs import result, script_venv, user_env

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# Hosts a theme or plugin could pull fonts, scripts or inventories from.
REMOTE = re.compile(r"""(?:src|href)=["']https?://(?:fonts\.|cdn\.|unpkg\.|cdnjs\.)""")

pytestmark = pytest.mark.timeout(300)


def docs_venv() -> Path:
    """``.venv-docs``: a venv holding only what ``./scripts/docs`` installs, made by that script."""
    return script_venv("docs", ("scripts/docs", "install"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as a user builds it: ``./scripts/docs build``, in a venv of only its own install.

    The dev venv holds every extra, so a build there cannot notice a package the docs extra lacks.
    """
    venv = result("docs", docs_venv)
    out = tmp_path_factory.mktemp("site")
    # Any attempt to reach the network during the build goes to a closed port and fails it.
    dead = "http://127.0.0.1:9"
    env = {k: v for k, v in user_env(PRESS_BLOCKS_VENV=str(venv)).items() if not k.lower().endswith("_proxy")}
    env.update(HTTP_PROXY=dead, HTTPS_PROXY=dead, ALL_PROXY=dead)
    proc = subprocess.run(
        ["scripts/docs", "build", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-6000:]
    return out


def text_of(page: Path) -> str:
    """The page's text with the markup stripped (code blocks keep their lines)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_every_page_is_built_and_nothing_is_fetched_from_elsewhere(site: Path) -> None:
    pages = sorted(site.rglob("index.html"))
    names = {p.parent.relative_to(site).as_posix() for p in pages}
    for name in ("getting-started", "migrating", "client", "examples", "artifacts", "cli", "emulator", "contract"):
        assert name in names
    for name in ("performance", "contributing", "changelog", "reference/client", "reference/emulator"):
        assert name in names
    assert "_readme_front_page" not in names, "the README draft is not a page of the site"
    assert not (site / "_hooks").exists()
    for page in pages:
        assert not REMOTE.search(page.read_text(encoding="utf-8")), f"{page} loads something from the internet"


def test_examples_are_included_from_their_files(site: Path) -> None:
    text = text_of(site / "examples" / "index.html")
    scripts = sorted(p for p in EXAMPLES.rglob("*.py") if "__pycache__" not in p.parts)
    assert scripts
    for script in scripts:
        for line in script.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert line.strip() in text, f"{script.name}: {line!r} is not on the examples page"


def test_the_getting_started_page_includes_the_front_page_quick_start(site: Path) -> None:
    text = text_of(site / "getting-started" / "index.html")
    assert '"name": "hello-block"' in text
    assert "--8<--" not in text


def test_the_api_reference_is_generated_from_the_docstrings(site: Path) -> None:
    text = text_of(site / "reference" / "client" / "index.html")
    for name in ("get_client", "describe_spec", "list_deployment_revisions", "with_options", "Session", "RetryPolicy"):
        assert name in text
    assert "Client for Press block specs, releases, deployments" in text  # Block's docstring
    for page in (site / "reference").rglob("index.html"):
        assert ":class:" not in text_of(page), f"{page}: a Sphinx role was left as text"
    errors = text_of(site / "reference" / "errors" / "index.html")
    assert "NotFoundException" in errors
    assert "PressBlocksError" in errors


def test_the_command_line_reference_lists_every_option(site: Path) -> None:
    sys.path.insert(0, str(ROOT / "docs" / "_hooks"))
    try:
        import cli_reference
    finally:
        sys.path.remove(str(ROOT / "docs" / "_hooks"))
    text = text_of(site / "cli" / "index.html")
    assert "<!-- cli-reference -->" not in text
    for parser, _ in cli_reference.walk(cli_reference.command_parser(), cli_reference.delegated_parsers()):
        assert parser.prog in text
        for action in parser._actions:
            for option in action.option_strings:
                assert option in text, f"{parser.prog} {option}"


def test_the_performance_page_shows_the_benchmark_charts(site: Path) -> None:
    from tests.benchmarks._charts import CHARTS

    page = (site / "performance" / "index.html").read_text(encoding="utf-8")
    for chart in CHARTS:
        assert f"benchmarks/{chart.file}" in page
        assert (site / "benchmarks" / chart.file).is_file()
    assert "| metric |" not in page, "the report's table is rendered as a table"
    assert "press-blocks benchmark (" in page


def test_docstring_warnings_stay_on() -> None:
    """mkdocstrings reports malformed docstrings (a Raises entry naming two exceptions), and --strict fails on them."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may carry !!python/name tags (Material's emoji options); they are irrelevant here.
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    handlers = [p["mkdocstrings"] for p in config.get("plugins", []) if isinstance(p, dict) and "mkdocstrings" in p]
    assert handlers, "mkdocstrings is not configured"
    options = handlers[0].get("handlers", {}).get("python", {}).get("options", {})
    assert options.get("docstring_options", {}).get("warnings", True) is True


# A merge's or an editor's leftover (cli.md.orig once was): never in docs/, never published.
LEFTOVER = re.compile(r"\.(orig|rej|bak|swp|tmp)$|~$|^#.*#$")


def test_no_merge_or_editor_leftover_is_in_the_docs_or_the_site(site: Path) -> None:
    in_docs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*") if LEFTOVER.search(p.name))
    assert not in_docs, f"leftovers in docs/: {in_docs}"
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if LEFTOVER.search(p.name))
    assert not published, f"leftovers published: {published}"


def test_the_api_reference_has_an_entry_for_every_public_name(site: Path) -> None:
    """Every name in a public module's ``__all__``, and every public member of its classes, has an entry."""
    from tests.docs._surface import missing, surface

    names = surface()
    for expected in (
        "press_blocks.DryRun",
        "press_blocks.types.Spec",
        "press_blocks.emulator.RunningEmulator.base_url",
    ):
        assert expected in names  # the surface is derived, not empty
    assert missing(site) == []


def test_the_api_reference_shows_the_pytest_marker(site: Path) -> None:
    """The markers the plugin registers (derived from its pytest_configure) are shown with their use."""
    from press_blocks.emulator import pytest_plugin

    class Config:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def addinivalue_line(self, name: str, line: str) -> None:
            assert name == "markers"
            self.lines.append(line)

    config = Config()
    pytest_plugin.pytest_configure(config)  # type: ignore[arg-type]
    markers = [line.split("(")[0].split(":")[0] for line in config.lines]
    assert markers
    text = text_of(site / "reference" / "emulator" / "index.html")
    for marker in markers:
        assert f"@pytest.mark.{marker}(" in text


def test_the_command_line_page_has_its_topics_in_the_table_of_contents(site: Path) -> None:
    """Exit codes, plan and apply, --wait, --dry-run and request files are headings to jump to, not bold text."""
    page = (site / "cli" / "index.html").read_text(encoding="utf-8")
    for anchor in ("request-files", "dry-runs-dry-run", "exit-codes", "waiting-wait", "plan-and-apply"):
        assert f'<h2 id="{anchor}"' in page, anchor
        assert f'href="#{anchor}"' in page, f"{anchor} is not in the table of contents"

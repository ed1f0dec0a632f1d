"""The inspector page in a real browser: Debian's Chromium, driven by Playwright (no browser download).

One browser serves the whole module; each test gets a fresh emulator and a fresh browser
context. Every test also checks that the page asked nothing of any other origin. Screenshots
of each view land in ``build/test-artifacts/inspector/`` (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from press_blocks import APIStatusError, Session, get_client
from press_blocks.emulator import Emulator, RunningEmulator
from tests.emulator.test_control import fixture_data

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts" / "inspector"
# scripts/test writes why it could not install Chromium here, for the failure message.
INSTALL_LOG = ROOT / "build" / "chromium-install.log"
TOKEN = "browser-test-token-8f2a"
HIDDEN = "browser-hidden-value-77"
WAIT_MS = 10_000

WORKFLOW: dict[str, Any] = {
    "version": "1",
    "kind": "workflow",
    "metadata": {"name": "inspected-spec", "title": "Inspected spec", "summary": "A spec the inspector shows."},
    "release": {"version": "1.0.0", "notes": "first"},
    "config": {"steps": {"s": {"type": "standard", "imageDetails": {"id": 1, "versionId": 1}, "command": "run"}}},
}
PARAMETERS = {
    "run": [
        {"name": "apiKey", "type": "string", "required": True, "defaultValue": None, "hideValue": True},
        {"name": "ratio", "type": "number", "required": False, "defaultValue": 0.5},
    ]
}

# Every visible text's contrast against its actual background (WCAG 2: 4.5:1, 3:1 for large text).
CONTRAST_JS = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, base) => ({
    r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a),
    b: top.b * top.a + base.b * (1 - top.a), a: 1,
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let base = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) base = over(c, base);
    return base;
  };
  const bad = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest("[hidden], script, style, option")) continue;
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden") continue;
    const bg = background(el);
    const fg = over(parse(cs.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight, 10) >= 700);
    checked += 1;
    if (ratio < (large ? 3 : 4.5)) bad.push(`${node.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
  }
  return { checked, bad };
}
"""


def chromium_path() -> str:
    """Return Chromium's path, or fail (never skip) saying why it is missing and how to get it."""
    for candidate in (os.environ.get("PRESS_CHROMIUM"), "chromium", "chromium-browser"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    reason = INSTALL_LOG.read_text(encoding="utf-8")[-2000:] if INSTALL_LOG.is_file() else "no install was attempted"
    pytest.fail(
        "the inspector's browser tests need Chromium, which is not installed (./scripts/test installs it with "
        f"'apt-get install chromium'; PRESS_CHROMIUM may name another binary). Install attempt: {reason}",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"the browser tests need Playwright (pip install -e '.[dev]'): {exc}", pytrace=False)
    executable = chromium_path()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Chromium refuses to run as root inside its sandbox; containers (and CI) run as root.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=args, timeout=60_000)
        try:
            yield launched
        finally:
            launched.close()


@contextlib.contextmanager
def inspector(browser: Browser, server: RunningEmulator, **context: Any) -> Iterator[Page]:
    """Open the inspector in a fresh context; on exit, check the page asked nothing of another origin."""
    options: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}, "reduced_motion": "reduce", **context}
    ctx = browser.new_context(**options)
    ctx.set_default_timeout(WAIT_MS)
    page = ctx.new_page()
    asked: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(server.inspector_url)
        yield page
    finally:
        ctx.close()
    elsewhere = [url for url in asked if not url.startswith(server.base_url + "/") and not url.startswith("data:")]
    assert elsewhere == [], "the page must load nothing from outside the emulator"
    assert errors == [], errors


def view(page: Page, name: str) -> None:
    page.click(f"#tab-{name}")
    page.wait_for_selector(f"#view-{name}:not([hidden])")


def shoot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def client_of(server: RunningEmulator) -> Any:
    return get_client(Session(auth_token=TOKEN, base_url=server.base_url, max_retries=0))


def test_a_clients_spec_and_deployment_appear_and_the_deployment_turns_deployed(browser: Browser) -> None:
    from playwright.sync_api import expect

    with Emulator(transition="describes:2").serve() as server, inspector(browser, server) as page:
        expect(page.locator("#live")).to_have_attribute("data-state", "live")
        expect(page.locator("#deployments-empty")).to_be_visible()
        client = client_of(server)
        spec_id = client.create_spec(dict(WORKFLOW), parameters=PARAMETERS)["id"]
        deployment_id = client.create_deployment(
            {
                "metadata": {"name": "inspected-deployment", "summary": "watched in a browser"},
                "revision": {"notes": "first"},
                "spec": {"id": spec_id},
                "parameters": {"run": {"apiKey": HIDDEN}},
            }
        )["id"]

        spec = page.locator(f'article.spec[data-id="{spec_id}"]')
        expect(spec.locator(".card-title")).to_contain_text("inspected-spec")
        expect(spec.locator(".spec-status")).to_have_text("available")
        expect(spec.locator("table.releases")).to_contain_text("1.0.0")
        deployment = page.locator(f'article.deployment[data-id="{deployment_id}"]')
        status = deployment.locator(".deployment-status")
        expect(status).to_have_text("deploying")
        expect(deployment.locator('tr[data-revision="1"]')).to_contain_text("0 of 2 describes")
        expect(deployment.locator("table.mini").last).to_contain_text("*****")
        shoot(page, "resources-deploying")

        for seen in (1, 2):
            assert client.describe_deployment(deployment_id)["metadata"]["status"] == "deploying"
            expect(deployment.locator('tr[data-revision="1"]')).to_contain_text(f"{seen} of 2 describes")
        assert client.describe_deployment(deployment_id)["metadata"]["status"] == "deployed"
        expect(status).to_have_text("deployed")
        expect(deployment.locator('tr[data-revision="1"] .badge')).to_have_text("deployed")
        shoot(page, "resources")

        view(page, "requests")
        rows = page.locator("tr.entry")
        expect(rows).to_have_count(5)
        expect(rows.first.locator(".operation")).to_have_text("describeDeployment")
        expect(rows.last.locator(".operation")).to_have_text("createSpec")
        create = page.locator("tr.entry", has=page.locator(".operation", has_text="createDeployment"))
        expect(create.locator(".status")).to_have_text("201")
        # Keyboard only: focus the row's expander, press Enter, read the bodies.
        create.locator(".expander").focus()
        page.keyboard.press("Enter")
        expect(create.locator(".expander")).to_have_attribute("aria-expanded", "true")
        detail = page.locator("tr.detail")
        expect(detail.locator(".request-body")).to_contain_text('"inspected-deployment"')
        expect(detail.locator(".request-body")).to_contain_text("*****")
        expect(detail.locator(".response-body")).to_contain_text(deployment_id)
        shoot(page, "requests")
        text = page.locator("body").inner_text()
        assert TOKEN not in text
        assert HIDDEN not in text


def test_a_fault_rule_set_on_the_page_fails_the_next_client_call(browser: Browser) -> None:
    from playwright.sync_api import expect

    with Emulator().serve() as server, inspector(browser, server) as page:
        client = client_of(server)
        view(page, "controls")
        rules = {"rules": [{"kind": "status", "status": 503, "operationId": "listSpecs", "times": 1}]}
        page.fill("#faults-yaml", yaml.safe_dump(rules))
        page.click("#faults-form button[type=submit]")
        expect(page.locator("#toast")).to_contain_text("1 fault rule in force")
        expect(page.locator("#rules-body tr")).to_have_count(1)
        assert server.faults.rules[0].operation_id == "listSpecs"

        with pytest.raises(APIStatusError) as failed:
            client.list_specs(return_iterator=False)
        assert failed.value.status_code == 503
        assert client.list_specs(return_iterator=False)["specCount"] == 0, "times: 1 - the next call succeeds"
        expect(page.locator("#rules-body tr td.num")).to_have_text("1")
        expect(page.locator("#rules-body tr")).to_contain_text("1 (spent)")
        expect(page.locator("#faults-chip")).to_be_visible()
        shoot(page, "controls")

        view(page, "requests")
        expect(page.locator("tr.entry")).to_have_count(2)
        page.select_option("#filter-status", "5xx")
        expect(page.locator("tr.entry")).to_have_count(1)
        expect(page.locator("tr.entry .status")).to_have_text("503")
        expect(page.locator("tr.entry .fault")).to_have_text("status:503")
        page.select_option("#filter-status", "")
        page.select_option("#filter-operation", "createSpec")
        expect(page.locator("tr.entry")).to_have_count(0)
        page.select_option("#filter-operation", "listSpecs")
        expect(page.locator("tr.entry")).to_have_count(2)


def test_a_transition_set_on_the_page_plays_out_on_screen(browser: Browser) -> None:
    from playwright.sync_api import expect

    emulator = Emulator()
    with emulator.serve() as server, inspector(browser, server) as page:
        view(page, "controls")
        page.select_option("#transition-mode", "seconds")
        page.fill("#transition-value", "2.5")
        page.click("#transition-form button[type=submit]")
        expect(page.locator("#toast")).to_contain_text("Transition set: seconds:2.5")
        assert str(emulator.transition) == "seconds:2.5"
        client = client_of(server)
        spec_id = client.create_spec(dict(WORKFLOW), parameters=PARAMETERS)["id"]
        body = {"metadata": {"name": "timed", "summary": "t"}, "revision": {"notes": "t"}, "spec": {"id": spec_id}}
        deployment_id = client.create_deployment({**body, "parameters": {"run": {"apiKey": HIDDEN}}})["id"]
        view(page, "resources")
        status = page.locator(f'article.deployment[data-id="{deployment_id}"] .deployment-status')
        expect(status).to_have_text("deploying")
        expect(page.locator(f'article.deployment[data-id="{deployment_id}"]')).to_contain_text("after 2.5 s")
        # No client call from here on: the page alone sees the deployment finish.
        expect(status).to_have_text("deployed", timeout=WAIT_MS)


def test_an_outcome_set_on_the_page_ends_the_revision_there(browser: Browser) -> None:
    from playwright.sync_api import expect

    emulator = Emulator()
    with emulator.serve() as server, inspector(browser, server) as page:
        view(page, "controls")
        outcomes = page.locator("#transition-outcome option")
        expect(outcomes).to_have_count(7)  # deployed, then the others from the snapshot
        assert outcomes.all_inner_texts()[:3] == ["deployed", "warning", "failed"]
        page.select_option("#transition-mode", "describes")
        page.fill("#transition-value", "1")
        page.select_option("#transition-outcome", "failed")
        page.click("#transition-form button[type=submit]")
        expect(page.locator("#toast")).to_contain_text("Transition set: describes:1->failed")
        assert str(emulator.transition) == "describes:1->failed"
        expect(page.locator("#transition-chip")).to_have_text("transition: describes:1->failed")
        client = client_of(server)
        spec_id = client.create_spec(dict(WORKFLOW), parameters=PARAMETERS)["id"]
        body = {"metadata": {"name": "doomed", "summary": "d"}, "revision": {"notes": "d"}, "spec": {"id": spec_id}}
        deployment_id = client.create_deployment({**body, "parameters": {"run": {"apiKey": HIDDEN}}})["id"]
        view(page, "resources")
        card = page.locator(f'article.deployment[data-id="{deployment_id}"]')
        expect(card).to_contain_text("0 of 1 describes, then failed")
        for _ in range(2):
            client.describe_deployment(deployment_id)
        status = card.locator(".deployment-status")
        expect(status).to_have_text("failed")
        expect(status).to_have_class("badge badge-bad badge-big deployment-status")
        shoot(page, "failed-deployment")
        # A fresh page shows the transition in force, outcome included, in the form.
        page.reload()
        view(page, "controls")
        expect(page.locator("#transition-outcome")).to_have_value("failed")
        expect(page.locator("#transition-mode")).to_have_value("describes")
        page.select_option("#transition-outcome", "deployed")
        page.click("#transition-form button[type=submit]")
        expect(page.locator("#toast")).to_contain_text("Transition set: describes:1")
        assert str(emulator.transition) == "describes:1"


def test_seeding_and_reset_from_the_page(browser: Browser, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    emulator = Emulator()
    fixture = tmp_path / "press.yaml"
    fixture.write_text(yaml.safe_dump(fixture_data()), encoding="utf-8")
    with emulator.serve() as server, inspector(browser, server) as page:
        view(page, "controls")
        page.set_input_files("#seed-file", str(fixture))
        expect(page.locator("#seed-yaml")).to_have_value(fixture.read_text(encoding="utf-8"))
        page.click("#seed-form button[type=submit]")
        expect(page.locator("#toast")).to_contain_text("Seeded 2 spec(s), 1 deployment(s), 1 app deployment(s)")
        client_of(server).list_specs(return_iterator=False)
        view(page, "resources")
        expect(page.locator("article.spec")).to_have_count(2)
        expect(page.locator("article.deployment")).to_have_count(1)
        expect(page.locator("article.app")).to_have_count(1)

        view(page, "controls")
        page.click("#reset")
        expect(page.locator("#reset-confirm")).to_be_visible()
        expect(page.locator("#reset-no")).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.locator("#reset-confirm")).to_be_hidden()
        page.click("#reset")
        page.click("#reset-yes")
        expect(page.locator("#toast")).to_contain_text("reset")
        view(page, "resources")
        expect(page.locator("article.card")).to_have_count(0)
        expect(page.locator("#deployments-empty")).to_be_visible()
        expect(page.locator("#specs-empty")).to_be_visible()
        expect(page.locator('#stats [data-stat="specs"] .n')).to_have_text("0")
        view(page, "requests")
        expect(page.locator("tr.entry")).to_have_count(0)
        expect(page.locator("#log-empty")).to_be_visible()
        assert emulator.store.counts() == dict.fromkeys(emulator.store.counts(), 0)
        assert len(emulator.requests) == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_contrast_and_a_narrow_window(browser: Browser, scheme: str) -> None:
    from playwright.sync_api import expect

    emulator = Emulator(fixture=fixture_data(), transition="describes:5")
    with emulator.serve() as server:
        client_of(server).list_specs(return_iterator=False)
        with inspector(browser, server, color_scheme=scheme) as page:
            expect(page.locator("article.deployment")).to_have_count(1)
            page.keyboard.press("Tab")
            expect(page.locator(".skip-link")).to_be_focused()
            for _ in range(12):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.id") == "tab-requests":
                    break
            expect(page.locator("#tab-requests")).to_be_focused()
            page.keyboard.press("Enter")
            expect(page.locator("#view-requests")).to_be_visible()
            expect(page.locator("#h-requests")).to_be_focused()
            expect(page.locator("#tab-requests")).to_have_attribute("aria-current", "page")
            for name in ("resources", "requests", "controls"):
                view(page, name)
                result = page.evaluate(CONTRAST_JS)
                assert result["checked"] > 10, name
                assert result["bad"] == [], f"{scheme} {name}: text below WCAG AA contrast"
            page.set_viewport_size({"width": 390, "height": 844})
            for name in ("resources", "requests", "controls"):
                view(page, name)
                width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert width[0] <= width[1], f"{name} scrolls sideways at 390 px: {width}"
                if scheme == "light":
                    shoot(page, f"narrow-{name}")


def test_beyond_loopback_the_page_needs_the_token(browser: Browser) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect

    with Emulator(tokens=[TOKEN]).serve(protect_controls=True) as server:
        ctx = browser.new_context()
        try:
            refused = ctx.request.get(server.inspector_url)
            assert refused.status == 401
            assert refused.headers["www-authenticate"].startswith("Basic")
            # Without credentials to give, the browser cannot open the page at all.
            with pytest.raises(PlaywrightError, match="AUTH"):
                ctx.new_page().goto(server.inspector_url)
        finally:
            ctx.close()
        with inspector(browser, server, http_credentials={"username": "me", "password": TOKEN}) as page:
            expect(page.locator("#live")).to_have_attribute("data-state", "live")
            assert TOKEN not in page.content()


def test_without_chromium_the_browser_tests_fail_saying_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never a silent skip: no Chromium on PATH is a failure that quotes scripts/test's install attempt.
    monkeypatch.delenv("PRESS_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="need Chromium, which is not installed"):
        chromium_path()


LONG_NAME = "email_notifications_recipients"


def test_a_failed_deployment_shows_why_names_stay_whole_and_counts_say_what_they_count(browser: Browser) -> None:
    """The resource errors of a failed revision are on its card and in its revision list; a parameter name
    never breaks mid-word beside a long value; the Resources count says what it adds up; the request log
    numbers from 1 again after a reset made elsewhere."""
    from playwright.sync_api import expect

    emulator = Emulator(transition="describes:1->failed")
    with emulator.serve() as server, inspector(browser, server, viewport={"width": 900, "height": 900}) as page:
        client = client_of(server)
        parameters = {"run": [{"name": LONG_NAME, "type": "string", "required": False, "defaultValue": None}]}
        spec_id = client.create_spec(dict(WORKFLOW), parameters=parameters)["id"]
        long_value = " ".join(["someone@example.com"] * 12)
        body = {"metadata": {"name": "doomed", "summary": "d"}, "revision": {"notes": "d"}, "spec": {"id": spec_id}}
        deployment_id = client.create_deployment({**body, "parameters": {"run": {LONG_NAME: long_value}}})["id"]
        for _ in range(2):
            client.describe_deployment(deployment_id)
        card = page.locator(f'article.deployment[data-id="{deployment_id}"]')
        expect(card.locator(".deployment-status")).to_have_text("failed")
        reason = "ended in failed"
        expect(card.locator(".why .deployment-reasons")).to_contain_text(reason)
        expect(card.locator(".why .deployment-reasons")).to_contain_text("500")
        expect(card.locator('tr[data-revision="1"] .revision-reasons')).to_contain_text(reason)
        shoot(page, "failed-deployment-reasons")

        name = card.locator("td.param-name code", has_text=LONG_NAME)
        expect(name).to_have_count(1)
        lines = name.evaluate("(el) => el.getClientRects().length")
        assert lines == 1, f"{LONG_NAME} is broken over {lines} lines"

        counted = page.locator("#count-resources")
        expect(counted).to_have_text("2")
        expect(counted).to_have_attribute("title", "2 resources: 1 spec, 1 deployment, 0 app deployments")
        expect(counted).to_have_attribute("aria-label", "2 resources: 1 spec, 1 deployment, 0 app deployments")

        server.reset()  # from the test, not the page: the page learns of it from the snapshot
        client.list_specs(return_iterator=False)
        view(page, "requests")
        rows = page.locator("tr.entry")
        expect(rows).to_have_count(1)
        expect(rows.first.locator(".expander")).to_have_text("▸1")
        expect(page.locator("#log-note")).to_have_text("Showing 1 of 1 request")

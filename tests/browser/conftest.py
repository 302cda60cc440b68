"""Browser tests: a real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright's sync API
against pytest-django's live server.

Each test gets a fresh database with the Greater Manchester places and the demo accounts (one per
role, each with a confirmed authenticator). The live server needs transactional database access,
so the database is flushed after each test; the audit trail's append-only triggers would stop that
flush, so they are removed just before it and put back just after it (see "Data" below).
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from commonground.core import append_only
from commonground.core.actions.places import load_places
from commonground.core.demo import DEMO_PASSWORD, load_demo
from commonground.tension.demo import load_demo as load_tension_scale

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "frontend" / "build" / "testing" / "axe.min.js"
# Served to the browser from the site's own origin (see `new_context`), so the site's strict content
# security policy (script-src 'self') stays on while axe-core runs.
AXE_URL_PATH = "/__browser-tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"


# --- Chromium -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `make browser-deps` (Debian's chromium package).")
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make install` (npm run build copies axe-core there).")
    # Playwright's sync API keeps an asyncio event loop in this thread from here to the end of the
    # session; Django would otherwise refuse to touch the database from it ("You cannot call this
    # from an async context"). Set only once a browser test starts, so the rest of the suite keeps
    # Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server):
    """Open browser contexts (a fresh profile: no cookies) on the live server; closed after the test."""
    contexts: list[BrowserContext] = []

    def open_context(**options) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
        context.set_default_timeout(15_000)
        context.route(f"**{AXE_URL_PATH}", lambda route: route.fulfill(path=AXE_SCRIPT))
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


# --- Data -----------------------------------------------------------------------------------------
# The live server needs transactional database access, so pytest-django empties the database after
# each test with `flush`. The audit trail's append-only triggers refuse that DELETE, so they are
# removed just before the flush and installed again straight after it.
def _reinstall_audit_triggers(sender, using="default", **kwargs):
    # `flush` sends post_migrate (once per app) when it has emptied the tables.
    if sender.label == "core":
        from django.db import connections

        append_only.install(connections[using])


@pytest.fixture(scope="session", autouse=True)
def _audit_triggers_back_after_flush():
    post_migrate.connect(_reinstall_audit_triggers, dispatch_uid="browser-tests-audit-triggers")
    yield
    post_migrate.disconnect(dispatch_uid="browser-tests-audit-triggers")


@pytest.fixture(autouse=True)
def _audit_triggers_out_of_the_flush(request):
    """Depends on transactional_db, so its teardown runs just before pytest-django's flush."""
    if not {"live_server", "transactional_db"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    append_only.install(connection)  # already there: this only makes sure no test runs without them
    yield
    append_only.remove(connection)


@pytest.fixture
def site_data(live_server, transactional_db):
    """The Greater Manchester places and the demo accounts (one per role, each with a confirmed
    authenticator), in a database the live server shares. Emptied after each test."""
    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    accounts = load_demo()
    # Reference data that a migration seeds and the flush empties: the tension scale.
    load_tension_scale()
    return accounts


def current_code(username: str) -> str:
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


# --- Journeys and checks --------------------------------------------------------------------------
@dataclass
class Visit:
    url: str
    status: int
    problems: list[str]


def open_page(page: Page, url: str) -> Visit:
    """Go to `url`; note every failed request (stylesheet, script, font…) and console error on the way."""
    problems: list[str] = []

    def on_response(response):
        # The page's own status is checked by the caller; this is for what the page loads.
        if response.status >= 400 and not response.request.is_navigation_request():
            problems.append(f"{response.status} for {response.url}")

    def on_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    page.on("response", on_response)
    page.on("console", on_console)
    try:
        response = page.goto(url, wait_until="load")
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("console", on_console)
    assert response is not None, f"no response for {url}"
    return Visit(url=url, status=response.status, problems=problems)


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in as a person would: the form, then the code from the authenticator app."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/two-factor/**")
    page.get_by_label("Code from your authenticator app").fill(current_code(username))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/")


def axe_violations(page: Page) -> list[dict]:
    # After a click the next page may still be arriving: check the page that has loaded, not one
    # half-replaced (on a busy machine axe's script tag could otherwise find no document head).
    page.wait_for_load_state("load")
    try:
        page.add_script_tag(url=AXE_URL_PATH)
    except PlaywrightError:
        page.wait_for_load_state("load")
        page.add_script_tag(url=AXE_URL_PATH)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    # A run that checked nothing (axe not loaded, an empty page) must not pass silently.
    assert results["passes"], f"axe-core checked nothing on {page.url}"
    return results["violations"]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:10]:
            lines.append(
                f"    at {' '.join(map(str, node['target']))}: {node['failureSummary'].splitlines()[-1]}"
            )
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)


def assert_page_is_sound(page: Page, visit: Visit) -> None:
    """Not an error, nothing failed to load, a heading of level 1, and no axe violations."""
    assert visit.status < 400, f"{visit.url} answered {visit.status}"
    assert not visit.problems, f"{visit.url}: " + "; ".join(visit.problems)
    assert page.locator("h1").count() >= 1, f"{visit.url} has no <h1>"
    assert_accessible(page)


def same_origin_links(page: Page, base_url: str) -> list[str]:
    """Every same-origin link on the page, absolute, without fragments, in page order."""
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    origin = urlsplit(base_url)
    links = []
    for href in hrefs:
        absolute = urljoin(page.url, href).split("#", 1)[0]
        parts = urlsplit(absolute)
        if (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc) and absolute not in links:
            links.append(absolute)
    return links

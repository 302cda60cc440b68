"""Every role signs in as a person would and every page it can reach works and passes axe-core."""

from urllib.parse import urlsplit

import pytest

from commonground.core.demo import DEMO_ACCOUNTS
from tests.browser.conftest import RESULTS_DIR, assert_page_is_sound, open_page, same_origin_links, sign_in

pytestmark = pytest.mark.browser

MAX_PAGES_PER_ROLE = 40
SKIPPED_PREFIXES = ("/admin/", "/sign-out/", "/api/")


def _worth_visiting(url: str, seen_query_paths: set[str]) -> bool:
    parts = urlsplit(url)
    if parts.path.startswith(SKIPPED_PREFIXES):
        return False
    if parts.query:
        # Only the first link with a query string to each page (the next page of a list, say).
        if parts.path in seen_query_paths:
            return False
        seen_query_paths.add(parts.path)
    return True


@pytest.mark.parametrize("username", [account[0] for account in DEMO_ACCOUNTS])
def test_every_page_a_role_can_reach_works_and_is_accessible(page, site_data, live_server, username):
    sign_in(page, username)
    assert urlsplit(page.url).path == "/staff/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello, Demo")

    visited: list[str] = []
    failures: list[str] = []
    seen_query_paths: set[str] = set()

    def check(url: str) -> list[str]:
        """Visit and check one page; return the links found on it."""
        visited.append(url)
        visit = open_page(page, url)
        try:
            assert_page_is_sound(page, visit)
        except AssertionError as problem:
            failures.append(str(problem))
        return same_origin_links(page, live_server.url)

    # Level 1: every same-origin link on the home page. Level 2: links found on those pages that
    # stay under /staff/. Both capped, in page order.
    level_one = [url for url in check(page.url) if _worth_visiting(url, seen_query_paths)]
    level_two: list[str] = []
    for url in level_one:
        if url in visited or len(visited) >= MAX_PAGES_PER_ROLE:
            continue
        for link in check(url):
            if (
                urlsplit(link).path.startswith("/staff/")
                and link not in visited
                and link not in level_one
                and link not in level_two
                and _worth_visiting(link, seen_query_paths)
            ):
                level_two.append(link)
    for url in level_two:
        if url not in visited and len(visited) < MAX_PAGES_PER_ROLE:
            check(url)

    print(f"\n{username}: checked {len(visited)} pages: " + " ".join(urlsplit(url).path for url in visited))
    # The staff area has more than its home page; a crawl that found nothing is itself a failure.
    assert len(visited) >= 5, f"only reached {visited}"
    assert not failures, f"{len(failures)} of {len(visited)} pages failed for {username}:\n\n" + "\n\n".join(
        failures
    )


def test_screenshot_of_the_staff_home_page(page, site_data):
    """For a person to look at: test-results/staff-home-coordinator.png (gitignored)."""
    sign_in(page, "coordinator")
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "staff-home-coordinator.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 10_000

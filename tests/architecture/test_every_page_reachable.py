"""Every page a role may open can be reached from its home page by following links: nobody types
addresses. For each role, the crawl starts at the staff home and follows, breadth first, every
same-site link into the staff area (GET only; never signing out or changing language), then
compares the pages it opened with the pages the URL permission matrix says the role may open
(status 200 for the role, in the same world of sample records the matrix uses)."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from commonground.core.roles import Role
from tests.architecture import test_url_permissions as matrix
from tests.architecture.roles_matrix import ANON
from tests.architecture.test_url_permissions import EXPECTED

pytestmark = pytest.mark.django_db

# The matrix's world: one user per role in a Bolton agency, and its sample records.
matrix_world = matrix.world

# Pages a role may open that no link leads to, each with its reason. Keep this short: a page of
# someone's work that no link reaches is a defect, fixed by adding the link.
NOT_REACHED_BY_LINKS = {
    "admin:jsi18n": "the admin's translations for its scripts, loaded by a script tag, not a page",
    "admin:password_change_done": "shown only after the password change form is sent",
    "core:two-factor-verify": "a step of signing in: a fully signed-in person is never sent there",
    "core:two-factor-recovery-codes": "shown once, just after an authenticator app is set up",
    "tension:report-about-a-person": "the answer to the tension form's 'about a particular person?' "
    "question: reached by sending the form",
}

# Beyond the staff area: public pages (open to everyone, staff start from their home instead),
# the API (for partner systems, not people) and choosing a language (a redirect back).
_NEVER_FOLLOWED = ("api:", "core:language", "core:sign-out")

# Each URL name is opened at most this often: enough to find the links its pages carry for the
# sample records, without opening every row of every list.
_PATHS_PER_NAME = 4


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _public(name: str) -> bool:
    return any(expected[ANON] == 200 for _, expected in EXPECTED.get(name, []))


def pages_the_role_may_open(role: str) -> set[str]:
    return {
        name
        for name, samples in EXPECTED.items()
        if any(expected[role] == 200 for _, expected in samples)
        and not _public(name)
        and not name.startswith(_NEVER_FOLLOWED)
    }


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.url_name else None


def crawl(client) -> tuple[set[str], list[str]]:
    """The URL names opened with 200 from the home page, and the links that answered an error."""
    home = reverse("core:staff-home")
    queue, seen, reached, broken = deque([(home, home)]), {home}, set(), []
    opened_per_name: dict[str, int] = {}
    while queue:
        path, found_on = queue.popleft()
        name = _url_name(path)
        response = client.get(path)
        if response.status_code >= 400:
            broken.append(f"{path} ({name}) linked from {found_on}: {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        reached.add(name)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urlsplit(urljoin(f"http://testserver{path}", href))
            if target.scheme not in ("http", "https") or target.netloc != "testserver":
                continue
            target_name = _url_name(target.path)
            if (
                target.path in seen
                or target_name is None
                or target_name.startswith(_NEVER_FOLLOWED)
                or _public(target_name)
                or opened_per_name.get(target_name, 0) >= _PATHS_PER_NAME
            ):
                continue
            seen.add(target.path)
            opened_per_name[target_name] = opened_per_name.get(target_name, 0) + 1
            queue.append((target.path, path))
    return reached, broken


def test_every_page_a_role_may_open_is_linked_from_its_home(matrix_world):
    clients, _values = matrix_world
    figures, unreachable, broken_links = [], [], []
    for role in Role:
        may_open = pages_the_role_may_open(role.value)
        reached, broken = crawl(clients[role.value])
        excluded = may_open & set(NOT_REACHED_BY_LINKS)
        missing = may_open - reached - excluded
        figures.append(
            f"{role.value}: {len(may_open & reached)} of {len(may_open - excluded)} pages reached"
            f" ({len(excluded)} more excluded)"
        )
        unreachable += [f"{role.value} cannot reach {name}" for name in sorted(missing)]
        broken_links += [f"{role.value}: {link}" for link in broken]
    print("\n".join(figures))
    assert unreachable == [], "\n".join([*figures, "", *unreachable])
    assert broken_links == [], "Links that answer an error:\n" + "\n".join(broken_links)


def test_the_exclusions_are_pages_someone_may_open():
    """An exclusion that no role may open any more is stale: remove it."""
    openable = set().union(*(pages_the_role_may_open(role.value) for role in Role))
    assert set(NOT_REACHED_BY_LINKS) <= openable

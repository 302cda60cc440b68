"""Every web page that takes a post, posted to by a role that may open it.

Sent 3 MB of text: the page again with its message, a redirect, or a refusal it would give anyway —
never Django's bare 400, never a 500, and never the "too large" page either, which would lose what
the person typed. (Oversized bodies are cut at the limit before the form reads them:
core.middleware.OversizedFormMiddleware. The API's 413 is tested in tests/api/test_oversized_bodies.py.)

Sent nothing: a page sent back with errors says "Error:" once in its title."""

import re
from collections.abc import Callable, Iterator

import pytest
from django.http import HttpResponse
from django.test import Client

from tests.architecture.test_url_permissions import EXPECTED, _all_urls, _fill, _path, world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Posting there would sign the role's client out, and every later post would only meet the sign-in.
SIGNS_OUT = {"core:sign-out", "admin:logout"}


def _post_to_every_page(
    built: tuple, post: Callable[[Client, str], HttpResponse]
) -> Iterator[tuple[str, str, HttpResponse]]:
    """(path, role, response) for each web page taking a post, posted by the first role that may open it."""
    clients, values = built
    for key, pattern, _ in _all_urls():
        if key.startswith("api:") or key in SIGNS_OUT:
            continue
        for kwargs, expected in EXPECTED[key]:
            roles = [role for role, status in expected.items() if status == 200]
            if roles:
                path = _path(pattern, _fill(kwargs, values))
                yield path, roles[0], post(clients[roles[0]], path)


def test_three_megabytes_of_text_to_any_page_is_read_up_to_the_limit_not_refused(world):  # noqa: F811
    body = "note=" + "a" * (3 * MB)
    wrong = [
        f"{path} as {role}: {response.status_code}"
        for path, role, response in _post_to_every_page(
            world,
            lambda client, path: client.generic(
                "POST", path, body, content_type="application/x-www-form-urlencoded"
            ),
        )
        if response.status_code in (400, 413, 500)
    ]
    assert wrong == [], "\n".join(wrong)


def test_a_page_sent_back_with_errors_says_so_once_in_its_title(world):  # noqa: F811
    """The base template prefixes the title with "Error:" whenever the page's form has errors; a page
    that added its own prefix as well would read "Error: Error:" to a screen reader user."""
    doubled = []
    for path, _role, response in _post_to_every_page(world, lambda client, path: client.post(path, {})):
        if response.streaming or "html" not in response.get("Content-Type", ""):
            continue
        title = re.search(r"<title>(.*?)</title>", response.content.decode(errors="replace"), re.S)
        if title and title.group(1).count("Error:") > 1:
            doubled.append(f"{path}: {title.group(1).strip()}")
    assert doubled == [], "\n".join(doubled)

"""Every web page that takes a post, sent 3 MB of text by a role that may open it: the page again
with its message, a redirect, or a refusal it would give anyway — never Django's bare 400, never a
500, and never the "too large" page either, which would lose what the person typed. (Oversized bodies are cut at the limit before the form reads them: core.middleware.
OversizedFormMiddleware. The API's 413 is tested in tests/api/test_oversized_bodies.py.)"""

import pytest

from tests.architecture.test_url_permissions import EXPECTED, _all_urls, _fill, _path, world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Posting there would sign the role's client out, and every later post would only meet the sign-in.
SIGNS_OUT = {"core:sign-out", "admin:logout"}


def test_three_megabytes_of_text_to_any_page_is_read_up_to_the_limit_not_refused(world):  # noqa: F811
    clients, values = world
    body = "note=" + "a" * (3 * MB)
    wrong = []
    for key, pattern, _ in _all_urls():
        if key.startswith("api:") or key in SIGNS_OUT:
            continue
        for kwargs, expected in EXPECTED[key]:
            roles = [role for role, status in expected.items() if status == 200]
            if not roles:
                continue
            path = _path(pattern, _fill(kwargs, values))
            response = clients[roles[0]].generic(
                "POST", path, body, content_type="application/x-www-form-urlencoded"
            )
            if response.status_code in (400, 413, 500):
                wrong.append(f"{path} as {roles[0]}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)


def test_a_page_sent_back_with_errors_says_so_once_in_its_title(world):  # noqa: F811
    """The page's title is prefixed with "Error:" by the base template whenever its form has errors;
    a page that added its own prefix as well would read "Error: Error:" to a screen reader user."""
    import re

    clients, values = world
    doubled = []
    for key, pattern, _ in _all_urls():
        if key.startswith("api:") or key in SIGNS_OUT:
            continue
        for kwargs, expected in EXPECTED[key]:
            roles = [role for role, status in expected.items() if status == 200]
            if not roles:
                continue
            path = _path(pattern, _fill(kwargs, values))
            response = clients[roles[0]].post(path, {})
            if response.streaming or "html" not in response.get("Content-Type", ""):
                continue
            title = re.search(r"<title>(.*?)</title>", response.content.decode(errors="replace"), re.S)
            if title and title.group(1).count("Error:") > 1:
                doubled.append(f"{path}: {title.group(1).strip()}")
    assert doubled == [], "\n".join(doubled)

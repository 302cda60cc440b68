"""Answers larger than the service reads at once, typed into the report line's question pages: the
same question again, with the form's own message about the length and what was typed kept up to the
limit — never Django's bare 400, never a 500. The CSRF check runs as in production, so the cut
body must still carry its token."""

import re
from urllib.parse import quote

import pytest
from django import forms
from django.test import Client

from commonground.reports.journey import JOURNEYS

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# Questions asked only after a given answer: that answer first.
ASKED_AFTER = {
    "place": ("where", {"where": "place"}),
    "online": ("where", {"where": "online"}),
    "person": ("choice", {"worry_route": "share_details"}),
    "call-back": ("choice", {"worry_route": "call_back"}),
}
TEXT_QUESTIONS = [
    (journey.slug, step.slug, name)
    for journey in JOURNEYS.values()
    for step in journey.steps
    for name, field in step.form_class.base_fields.items()
    if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField)
]


def _answer(client: Client, url: str, answer: dict) -> None:
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(
        1
    )
    assert client.post(url, {**answer, "csrfmiddlewaretoken": token}).status_code == 302, url


def _oversized_post(client: Client, url: str, field: str, size: int):
    page = client.get(url)
    assert page.status_code == 200, url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    # The token first, as the form sends it: it is in the part that is read.
    typed = "Ś" * (size // 6)  # two bytes in UTF-8, six once percent-encoded
    body = f"csrfmiddlewaretoken={token}&{field}={quote(typed)}"
    return client.generic("POST", url, body, content_type="application/x-www-form-urlencoded"), typed


@pytest.mark.parametrize(("journey", "step", "field"), TEXT_QUESTIONS)
def test_a_three_megabyte_answer_gets_the_question_again_with_a_message_about_its_length(
    journey, step, field
):
    client = Client(enforce_csrf_checks=True)
    client.get(f"/report/{journey}/")
    if step in ASKED_AFTER or (journey, step) == ("worried-about-someone", "contact"):
        earlier, answer = ASKED_AFTER.get(step, ("choice", {"worry_route": "share_details"}))
        _answer(client, f"/report/{journey}/{earlier}/", answer)
    url = f"/report/{journey}/{step}/"

    response, typed = _oversized_post(client, url, field, 3 * MB)

    assert response.status_code == 200, (url, response.status_code)
    page = response.content.decode()
    assert "There is a problem" in page
    assert re.search(r"must be [\d,]+ characters or fewer", page), url
    # What was typed is on the page again, from its start, up to what was read.
    assert typed[:5000] in page


def test_a_ten_megabyte_answer_is_cut_at_the_limit_and_kept_not_refused():
    client = Client(enforce_csrf_checks=True)
    client.get("/report/hate-incident/")

    response, typed = _oversized_post(client, "/report/hate-incident/what/", "description", 10 * MB)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your answer must be 10000 characters or fewer" in page
    kept = re.search(r"<textarea[^>]*>\s*(Ś+)", page).group(1)
    # Kept up to the 2.5 MB read: 2,621,440 bytes less the token, six bytes per letter.
    assert 430_000 < len(kept) <= 2_621_440 // 6
    assert typed.startswith(kept)


def test_an_upload_page_sent_with_oversized_text_gets_a_kind_page_saying_so():
    client = Client(enforce_csrf_checks=True)
    client.get("/report/hate-incident/")
    page = client.get("/report/hate-incident/evidence/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = client.post(
        "/report/hate-incident/evidence/", {"csrfmiddlewaretoken": token, "note": "a" * (3 * MB)}
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "What you sent was too large" in page
    assert "more than 2.5 MB" in page
    assert 'href="/report/hate-incident/evidence/"' in page

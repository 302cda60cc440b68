"""Walking a public journey with the test client, as a person would: one page at a time."""

import re

from django.test import Client

# The optional evidence step (after "what") is left out: a step that takes files is never required.
HATE_INCIDENT_ANSWERS = [
    ("who", {"reporter_role": "witness"}),
    ("what", {"description": "Two men shouted abuse at a woman in a headscarf at the bus stop."}),
    ("when", {"happened_on": "1/11/2026"}),
    ("where", {"where": "place"}),
    ("place", {"postcode": "", "borough": "E08000001", "street": "Bradshawgate bus stop"}),
    ("why", {"strand_codes": ["religion", "race"]}),
    ("police", {"reported_to_police": "no"}),
    ("support", {"wants_support": "no"}),
    ("share", {"share_with": ["police"]}),
    ("contact", {"contact_name": "", "contact_email": "", "contact_phone": ""}),
]


def walk(client: Client, journey: str, answers: list[tuple[str, dict]]):
    """Answer each question in turn; returns the check-answers page."""
    response = client.get(f"/report/{journey}/")
    assert response.status_code == 200
    for step, data in answers:
        response = client.post(f"/report/{journey}/{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    check = client.get(response["Location"])
    assert check.status_code == 200, check
    return check


def signed_answers(check_page) -> str:
    return re.search(r'name="answers" value="([^"]+)"', check_page.content.decode()).group(1)


def send(client: Client, journey: str, check_page, **extra):
    return client.post(f"/report/{journey}/check/", {"answers": signed_answers(check_page), **extra})

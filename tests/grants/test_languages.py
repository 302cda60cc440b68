"""The grants' public pages in Urdu (right to left) and Polish, chosen with the site's language
switcher, and a message in the reader's language when an answer is wrong."""

import pytest
from django.conf import settings

from tests.grants.helpers import applicant_client, good_answers
from tests.reports.test_languages import (  # noqa: F401 (autouse fixtures)
    choose,
    compiled_catalogues,
    fresh_translations,
    html_tag,
)

pytestmark = pytest.mark.django_db

WORDS = {
    "ur": ("#WeStandTogether کمیونٹی گرانٹس", "مجھے لنک ای میل کریں", "یہ کس قسم کی تنظیم ہے؟", 'dir="rtl"'),
    "pl": (
        "Granty społeczne #WeStandTogether",
        "Wyślij mi link",
        "Jakiego rodzaju to organizacja?",
        'lang="pl"',
    ),
}


@pytest.mark.parametrize("language", WORDS)
def test_every_step_of_the_journey_is_in_the_chosen_language(
    language, grant_round, django_capture_on_commit_callbacks
):
    title, button, question, marker = WORDS[language]
    client = choose(language, "/grants/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    rounds = client.get("/grants/").content.decode()
    assert title in rounds and marker in html_tag(rounds)
    assert button in client.get("/grants/sign-in/").content.decode()
    client = applicant_client(
        "contact@example.org", capture=django_capture_on_commit_callbacks, client=client
    )
    client.post(f"/grants/round/{grant_round.slug}/apply/")
    application = grant_round.applications.get()
    page = client.get(f"/grants/your-applications/{application.pk}/organisation/").content.decode()
    assert question in page
    wrong = good_answers(grant_round)["organisation"] | {"charity_number": "12"}
    refused = client.post(f"/grants/your-applications/{application.pk}/organisation/", wrong).content.decode()
    expected = {
        "ur": "چیریٹی نمبر 6 سے 8 ہندسوں کا ہوتا ہے",
        "pl": "Numer organizacji charytatywnej ma od 6 do 8 cyfr",
    }
    assert expected[language] in refused

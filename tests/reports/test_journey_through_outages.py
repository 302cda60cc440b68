"""The journey keeps every answer through a database outage. While the sessions cannot be read or
written, a question page answers 503 with what was typed still in the form, and the person's
earlier answers stay theirs; it never moves on without the answer, never answers 404 for a
question that exists, never 400. When the report was stored but the page after it could not be
prepared, sending again shows the same reference, and only one report exists."""

import re
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client

from commonground.reports.models import Report
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, signed_answers, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


@contextmanager
def sessions_unavailable(*, reads: bool = True, writes: bool = True):
    """The session table cannot be reached, as during a database restart (other tables can, unless
    the test says otherwise: the outage is what the session store meets)."""

    def refuse(execute, sql, params, many, context):
        touches_sessions = "django_session" in sql
        is_read = sql.lstrip().upper().startswith("SELECT")
        if touches_sessions and ((reads and is_read) or (writes and not is_read)):
            raise OperationalError("the database system is shutting down")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def _start(client: Client, answers) -> None:
    client.get("/report/hate-incident/")
    for step, data in answers:
        assert client.post(f"/report/hate-incident/{step}/", data).status_code == 302, step


def test_an_answer_sent_while_the_session_cannot_be_read_comes_back_with_a_503_and_is_kept_on_retry(teams):
    client = Client()
    _start(client, HATE_INCIDENT_ANSWERS[:1])
    description = "Two men shouted abuse at a woman in a headscarf at the bus stop."

    with sessions_unavailable():
        failed = client.post("/report/hate-incident/what/", {"description": description})

    assert failed.status_code == 503
    assert failed["Retry-After"] == "60"
    page = failed.content.decode()
    assert "your answer has not been saved yet" in page
    assert description in page  # still in the box, ready to send again

    retried = client.post("/report/hate-incident/what/", {"description": description})
    assert (retried.status_code, retried["Location"]) == (302, "/report/hate-incident/evidence/")
    # The earlier answer was not lost either: the check page, at the end, has both.
    check = walk_rest(client)
    assert description in check
    assert "I saw it happen" in check  # the answer to the question before the outage


def walk_rest(client: Client) -> str:
    for step, data in HATE_INCIDENT_ANSWERS[2:]:
        assert client.post(f"/report/hate-incident/{step}/", data).status_code == 302, step
    check = client.get("/report/hate-incident/check/")
    assert check.status_code == 200
    return check.content.decode()


def test_an_answer_whose_save_fails_is_shown_again_not_skipped(teams):
    client = Client()
    _start(client, HATE_INCIDENT_ANSWERS[:1])

    with sessions_unavailable(reads=False):
        failed = client.post("/report/hate-incident/what/", {"description": "Shouting at the bus stop."})

    assert failed.status_code == 503  # not a redirect to the next question, and not Django's 400
    assert "Shouting at the bus stop." in failed.content.decode()
    # Nothing moved on: the question is still unanswered once the database is back.
    assert client.get("/report/hate-incident/check/")["Location"] == "/report/hate-incident/what/"


def test_a_question_asked_only_after_an_earlier_answer_is_not_missing_during_an_outage(teams):
    client = Client()
    _start(client, HATE_INCIDENT_ANSWERS[:4])  # "where": in a place

    with sessions_unavailable():
        question = client.get("/report/hate-incident/place/")
        check = client.get("/report/hate-incident/check/")

    assert question.status_code == 503  # not 404: the earlier answers are unknown, not absent
    assert check.status_code == 503
    assert "Nothing you have told us is lost" in check.content.decode()
    assert client.get("/report/hate-incident/place/").status_code == 200  # and afterwards, as before


def test_a_report_stored_when_its_confirmation_could_not_be_kept_shows_its_reference_on_retry(teams):
    client = Client()
    check = walk(client, "hate-incident", HATE_INCIDENT_ANSWERS)

    with sessions_unavailable(reads=False):
        sent = client.post("/report/hate-incident/check/", {"answers": signed_answers(check)})

    assert sent.status_code == 503
    page = sent.content.decode()
    assert "Your report has been received" in page
    assert Report.objects.count() == 1
    answers = re.search(r'name="answers" value="([^"]+)"', page).group(1)

    shown = client.post("/report/hate-incident/check/", {"answers": answers}, follow=True)

    assert Report.objects.count() == 1  # the same report, found by its submission key
    assert Report.objects.get().reference in shown.content.decode()

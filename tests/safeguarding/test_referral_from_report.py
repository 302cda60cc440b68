"""The report line's "worried about someone" route feeds a referral, with need-to-know kept."""

import pytest

from commonground.core.demo import load_demo as load_core_demo
from commonground.core.models import User
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.demo import load_demo as load_reports_demo
from commonground.safeguarding.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def worry():
    load_core_demo()
    load_reports_demo()
    return submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="worry",
            worry_route="share_details",
            borough_code="E08000001",
            description="My brother talks about 'them' as the enemy.",
            person_of_concern="Adam, 17, lives in Farnworth",
            contact_name="Reporter Name",
            contact_email="reporter@example.org",
        ),
    ).report


def test_the_boroughs_coordinator_sees_the_worry_in_their_team_queue_and_refers_from_it(worry, sign_in):
    coordinator = User.objects.get(username="coordinator")
    client = sign_in(coordinator)
    queue = client.get("/staff/reports/").content.decode()
    assert worry.reference in queue
    page = client.get(f"/staff/reports/{worry.pk}/").content.decode()
    assert "Refer to safeguarding" in page

    form = client.get(f"/staff/safeguarding/refer/?from_report={worry.pk}").content.decode()
    assert "talks about &#x27;them&#x27; as the enemy" in form
    assert "About the person: Adam, 17, lives in Farnworth" in form
    assert "Reporter Name" not in form and "reporter@example.org" not in form
    # The worry's borough is chosen already.
    assert '<option value="E08000001" selected>Bolton</option>' in form


def test_a_coordinator_does_not_see_hate_incidents_that_are_not_routed_to_their_team(worry, sign_in):
    incident = submit_report(
        actor=None, answers=ReportAnswers(kind="hate_incident", borough_code="E08000001", description="Abuse")
    ).report
    client = sign_in(User.objects.get(username="coordinator"))
    assert client.get(f"/staff/reports/{incident.pk}/").status_code == 404


def test_a_worry_out_of_scope_cannot_start_a_referral(worry, sign_in):
    from commonground.core.roles import Role
    from tests.factories import OLDHAM, staff

    oldham = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    assert sign_in(oldham).get(f"/staff/safeguarding/refer/?from_report={worry.pk}").status_code == 404
    assert not Referral.objects.exists()

"""Consent decides, whatever the channel, seen in a browser: a hate incident logged by a helpline
advisor, entered by a reporting centre worker on someone's behalf, or sent by a partner's system
through the API reaches the police hate crime unit only when the person agreed to share it with the
police. Without consent the police officer neither sees it in the queue nor opens it by its address
("not found"). Every page reached is checked with axe-core."""

import uuid

import pytest
import requests
from django.contrib.auth.models import Permission as DjangoPermission
from playwright.sync_api import Page, expect

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models import Agency, User
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Permission
from commonground.reports.models import Channel, Report, Team
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import report_site as report_site
from tests.factories import BOLTON

pytestmark = pytest.mark.browser

CONSENT = pytest.mark.parametrize(
    "police_consent", [True, False], ids=["police-consent", "no-police-consent"]
)


def _police_unit_member() -> str:
    """The demo police officer, given a place in the police hate crime unit and its queue."""
    user = User.objects.get(username="partner")
    user.user_permissions.add(
        DjangoPermission.objects.get(codename=Permission.VIEW_REPORTS.value, content_type__app_label="core")
    )
    Team.objects.get(name="Police hate crime unit").members.add(user)
    return user.username


def _assert_police_sees_it_only_with_consent(page: Page, report: Report, police_consent: bool) -> None:
    """In the queue and open by its address with consent; neither, as "not found", without it."""
    sign_in(page, _police_unit_member())
    page.goto("/staff/reports/")
    assert_accessible(page)
    link = page.get_by_role("link", name=report.reference)
    if police_consent:
        expect(link).to_be_visible()
    else:
        expect(link).to_have_count(0)
    response = page.goto(f"/staff/reports/{report.pk}/")
    if police_consent:
        assert response.status == 200
        expect(page.locator("main")).to_contain_text(report.reference)
        assert_accessible(page)
    else:
        assert response.status == 404
        expect(page.locator("main")).not_to_contain_text(report.reference)


@CONSENT
def test_a_helpline_call_reaches_the_police_only_with_the_callers_consent(
    new_context, report_site, police_consent
):
    advisor = new_context().new_page()
    sign_in(advisor, "helpline")
    advisor.goto("/staff/helpline/new/")
    assert_accessible(advisor)
    advisor.get_by_label("Someone it happened to", exact=True).check()
    advisor.get_by_label("A hate incident", exact=True).check()
    advisor.get_by_label("Borough (optional)").select_option(label="Bolton")
    advisor.get_by_label("Length of the call, in minutes").fill("12")
    advisor.get_by_label("Create a report from this call").check()
    advisor.get_by_label("Hate incident", exact=True).check()
    advisor.get_by_label("What the caller agreed to share").fill(
        "A neighbour shouted abuse about her religion over the fence, twice this week."
    )
    police_box = advisor.get_by_label("They agreed to the report being shared with the police")
    police_box.set_checked(police_consent)
    advisor.get_by_role("button", name="Log call").click()
    expect(advisor.get_by_role("heading", level=1)).to_have_text("Call logged")
    assert_accessible(advisor)

    report = Report.objects.get(channel=Channel.HELPLINE)
    expect(advisor.locator("main")).to_contain_text(report.reference)
    _assert_police_sees_it_only_with_consent(new_context().new_page(), report, police_consent)


@CONSENT
def test_a_reporting_centre_report_reaches_the_police_only_with_the_persons_consent(
    new_context, report_site, police_consent
):
    worker = new_context().new_page()
    sign_in(worker, "centre")
    worker.goto("/staff/reporting-centre/new/")
    assert_accessible(worker)
    worker.get_by_label("Hate incident", exact=True).check()
    worker.get_by_label("It happened to them").check()
    worker.get_by_label("What happened").fill(
        "Spat at and called names on the tram platform because of his turban."
    )
    worker.get_by_label("Borough where it happened").select_option(label="Bolton")
    worker.get_by_label("The person agreed to this report being shared with Common Ground partners").check()
    worker.get_by_label("The person agreed to the report being shared with the police").set_checked(
        police_consent
    )
    worker.get_by_role("button", name="Send report").click()
    worker.wait_for_url("**/staff/reporting-centre/sent/**")
    assert_accessible(worker)

    report = Report.objects.get(channel=Channel.REPORTING_CENTRE)
    expect(worker.locator("main")).to_contain_text(report.reference)
    assert {t.name for t in report.teams.all()} >= {"Victim support hate crime service"}
    _assert_police_sees_it_only_with_consent(new_context().new_page(), report, police_consent)


@CONSENT
def test_a_report_from_a_partner_system_reaches_the_police_only_with_consent(
    new_context, report_site, live_server, police_consent
):
    _, key = issue_api_token(
        actor=User.objects.get(username="admin"),
        agency=Agency.objects.get(name="Demo Police Force"),
        name="Reporting form",
        scopes=[ApiScope.REPORTS_WRITE],
    )
    response = requests.post(
        f"{live_server.url}/api/v1/reports",
        json={
            "kind": "hate_incident",
            "description": "Two men shouted abuse about my religion at the bus stop on Bury Road.",
            "location": {"borough_code": BOLTON},
            "strands": ["religion"],
            "reporter_role": "victim",
            "share_with": ["police"] if police_consent else [],
        },
        headers={"Authorization": f"Bearer {key}", "Idempotency-Key": str(uuid.uuid4())},
        timeout=15,
    )
    assert response.status_code == 201, response.text
    assert ("Police hate crime unit" in response.json()["teams"]) is police_consent

    report = Report.objects.get(reference=response.json()["reference"])
    assert report.channel == Channel.API
    _assert_police_sees_it_only_with_consent(new_context().new_page(), report, police_consent)

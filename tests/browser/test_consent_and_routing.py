"""Consent decides, seen in a browser: a hate incident reaches the police hate crime unit only
while the reporter agrees, and withdrawing it from the private link takes it away at once. An
unknown postcode is asked again, and a report no rule routes lands in the partnership triage queue
marked "not routed by a rule". Every page checked with axe-core on the way."""

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from playwright.sync_api import expect

from commonground.core.models import User
from commonground.core.roles import Permission
from commonground.reports.models import Report, RoutingRule, Team
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_report_journeys import Walk, private_link, report_site  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


def _police_unit_member() -> str:
    """The demo police officer, given a place in the police hate crime unit and its queue."""
    team = Team.objects.get(name="Police hate crime unit")
    user = User.objects.get(username="partner")
    user.user_permissions.add(
        DjangoPermission.objects.get(codename=Permission.VIEW_REPORTS.value, content_type__app_label="core")
    )
    team.members.add(user)
    return user.username


def _report(walk: Walk, *, share_with_police: bool, postcode: str = "") -> str:
    """A hate incident from the start page to the confirmation; returns the private link."""
    walk.goto("/report/hate-incident/")
    walk.click(walk.button("Start now"))
    walk.label("It happened to me").check()
    walk.continue_()
    walk.label("What happened?").fill("Shouted at about my religion outside the library.")
    walk.continue_()
    walk.question("Add photos, screenshots or documents (optional)")
    walk.continue_()  # no evidence
    walk.continue_()  # the date: not sure
    walk.label("In a place, such as a street, shop or bus").check()
    walk.continue_()
    if postcode:
        walk.label("Postcode").fill(postcode)
        walk.continue_()
        walk.error_state("We could not find this postcode. Check it, or choose the area from the list")
        expect(walk.label("Postcode")).to_have_value(postcode)  # what they typed is kept
    walk.label("Or choose the area").select_option(label="Bolton")
    walk.continue_()
    walk.label("Religion or belief").check()
    walk.continue_()
    walk.label("No").check()
    walk.continue_()
    walk.label("No, thank you").check()
    walk.continue_()
    walk.question("Who may we share your report with?")
    if share_with_police:
        walk.label("The police").check()
    walk.continue_()
    walk.continue_()  # contact details: none
    walk.question("Check your answers before sending your report")
    walk.click(walk.button("Send report"))
    return private_link(walk.page)


def test_a_hate_incident_reaches_the_police_only_while_the_reporter_agrees(new_context, report_site):  # noqa: F811
    police_user = _police_unit_member()
    reporter = Walk(new_context().new_page())
    _report(reporter, share_with_police=False)
    without = Report.objects.order_by("-pk").first()
    status_url = _report(reporter, share_with_police=True)
    with_consent = Report.objects.order_by("-pk").first()

    police = new_context().new_page()
    sign_in(police, police_user)
    police.goto("/staff/reports/")
    assert_accessible(police)
    expect(police.get_by_role("link", name=with_consent.reference)).to_be_visible()
    expect(police.get_by_role("link", name=without.reference)).to_have_count(0)
    assert police.goto(f"/staff/reports/{without.pk}/").status == 404
    assert police.goto(f"/staff/reports/{with_consent.pk}/").status == 200

    # The reporter withdraws consent from the private link: gone from the police at once.
    reporter.goto(status_url)
    reporter.label("The police").uncheck()
    reporter.click(reporter.button("Save my choices"))
    police.goto("/staff/reports/")
    expect(police.get_by_role("link", name=with_consent.reference)).to_have_count(0)
    assert police.goto(f"/staff/reports/{with_consent.pk}/").status == 404


def test_an_unknown_postcode_is_asked_again_and_a_report_no_rule_routes_lands_in_partnership_triage(
    new_context,
    report_site,  # noqa: F811
):
    RoutingRule.objects.filter(borough__code="E08000001", kind="hate_incident").delete()
    reporter = Walk(new_context().new_page())
    _report(reporter, share_with_police=False, postcode="ZZ9 9ZZ")
    report = Report.objects.order_by("-pk").first()
    assert report.borough.code == "E08000001" and report.postcode == "ZZ9 9ZZ"

    triage = new_context().new_page()
    sign_in(triage, "triage")
    triage.goto("/staff/reports/")
    assert_accessible(triage)
    row = triage.locator("tr", has=triage.get_by_role("link", name=report.reference))
    expect(row).to_contain_text("Partnership triage team")
    expect(row).to_contain_text("Not routed by a rule")

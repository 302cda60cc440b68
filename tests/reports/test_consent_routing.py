"""Consent decides which partner sees a report: the police (and victim support) receive a report
only while the reporter agrees, whatever the channel; withdrawing it from the status link takes it
away at once; sharing without consent needs a lawful basis and shows on the data protection
officer's list. A report no rule routes lands with the partnership triage team."""

import re

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.core import checks
from django.test import Client

from commonground.core.models import Agency, AgencyKind, AuditAction, AuditEvent, User
from commonground.core.roles import Permission, Role
from commonground.reports.actions.follow_up import assign_teams
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.checks import every_kind_and_borough_has_a_routing_rule
from commonground.reports.models import (
    Channel,
    Report,
    RoutingRule,
    ShareBasis,
    ShareRecord,
    SharingDecision,
    Team,
)
from commonground.reports.routing import partnership_triage_team
from tests.factories import BOLTON, UserFactory, staff
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, send, walk
from tests.reports.test_helpline import _with_report

pytestmark = pytest.mark.django_db

POLICE_TEAM = "Police hate crime unit"
VICTIM_SUPPORT_TEAM = "Victim support hate crime service"


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


def _team_member(team_name: str) -> User:
    """A member of a partner team who may read the reports in the team's queue, and nothing more."""
    team = Team.objects.get(name=team_name)
    member = UserFactory(agency=team.agency)
    for permission in (Permission.USE_STAFF_AREA, Permission.VIEW_REPORTS):
        member.user_permissions.add(
            DjangoPermission.objects.get(codename=permission.value, content_type__app_label="core")
        )
    team.members.add(member)
    return member


@pytest.fixture
def police_officer(teams) -> User:
    return _team_member(POLICE_TEAM)


@pytest.fixture
def victim_support_worker(teams) -> User:
    return _team_member(VICTIM_SUPPORT_TEAM)


@pytest.fixture
def officer(teams) -> User:
    return staff(Role.TRIAGE_OFFICER, BOLTON)


def _sees(client: Client, report: Report) -> bool:
    """In the queue and open by address, or neither (never one without the other)."""
    in_queue = report.reference in client.get("/staff/reports/").content.decode()
    status = client.get(f"/staff/reports/{report.pk}/").status_code
    assert (in_queue, status) in ((True, 200), (False, 404))
    return in_queue


def _as_reporter(status_path: str) -> Client:
    """The reporter's browser: the private link is opened once, then the page has no secret."""
    client = Client()
    assert client.get(status_path).status_code == 303
    return client


def _web_report(share_with: list[str]) -> tuple[Report, str]:
    client = Client()
    answers = [
        (step, {"share_with": share_with} if step == "share" else data)
        for step, data in HATE_INCIDENT_ANSWERS
    ]
    check = walk(client, "hate-incident", answers)
    confirmation = client.get(send(client, "hate-incident", check)["Location"]).content.decode()
    status_path = re.search(r'href="http://testserver(/status/[^"]+/)"', confirmation).group(1)
    return Report.objects.get(), status_path


# --- The web channel ---------------------------------------------------------------------------------


def test_a_web_report_without_police_consent_never_reaches_the_police(police_officer, sign_in):
    report, _ = _web_report(share_with=[])

    assert not _sees(sign_in(police_officer), report)
    assert POLICE_TEAM not in {t.name for t in report.teams.all()}
    assert not ShareRecord.objects.filter(report=report).exists()


def test_a_web_report_with_police_consent_reaches_the_police_and_withdrawing_it_removes_it_at_once(
    police_officer, sign_in
):
    report, status_path = _web_report(share_with=["police"])
    police = sign_in(police_officer)
    assert _sees(police, report)
    share = ShareRecord.objects.get(report=report, team__name=POLICE_TEAM)
    assert (share.basis, share.withdrawn_at) == (ShareBasis.CONSENT, None)

    _as_reporter(status_path).post("/status/", {"action": "consent", "share_with": []})

    assert not _sees(police, report)
    share.refresh_from_db()
    assert share.withdrawn_at is not None and share.withdrawn_at >= share.shared_at
    event = AuditEvent.objects.filter(changes__consent_police=False).get()
    assert event.changes["teams_removed"] == [POLICE_TEAM]

    # Giving consent again routes it to the police again, with a new share record.
    _as_reporter(status_path).post("/status/", {"action": "consent", "share_with": ["police"]})
    assert _sees(police, report)
    assert ShareRecord.objects.filter(report=report, team__name=POLICE_TEAM).count() == 2


def test_consent_given_later_from_the_status_link_routes_the_report_to_that_partner(
    police_officer, victim_support_worker, sign_in
):
    report, status_path = _web_report(share_with=[])
    support = sign_in(victim_support_worker)
    assert not _sees(support, report)

    _as_reporter(status_path).post("/status/", {"action": "consent", "share_with": ["victim_support"]})

    assert _sees(support, report)
    assert not _sees(sign_in(police_officer), report)


# --- The helpline, reporting centres and the API -----------------------------------------------------


@pytest.mark.parametrize(("police_ticked", "police_sees"), [("on", True), (None, False)])
def test_a_helpline_report_reaches_the_police_only_with_the_callers_consent(
    police_officer, sign_in, police_ticked, police_sees
):
    advisor = staff(Role.HELPLINE_ADVISOR, "E47000001")
    sign_in(advisor).post("/staff/helpline/new/", _with_report(share_with_police=police_ticked))
    report = Report.objects.get(channel=Channel.HELPLINE)

    assert _sees(sign_in(police_officer), report) is police_sees


@pytest.mark.parametrize(("police_ticked", "police_sees"), [("on", True), (None, False)])
def test_a_reporting_centre_report_shared_with_partners_only_reaches_victim_support_not_the_police(
    police_officer, victim_support_worker, sign_in, police_ticked, police_sees
):
    worker = staff(Role.REPORTING_CENTRE_WORKER, BOLTON, kind=AgencyKind.REPORTING_CENTRE)
    data = {
        "submission_key": "",
        "kind": "hate_incident",
        "reporter_role": "victim",
        "description": "Spat at and called names on the tram platform because of his turban.",
        "borough": BOLTON,
        "strands": ["religion"],
        "consent_to_share": "on",
    }
    if police_ticked:
        data["share_with_police"] = police_ticked
    sign_in(worker).post("/staff/reporting-centre/new/", data)
    report = Report.objects.get(channel=Channel.REPORTING_CENTRE)

    assert _sees(sign_in(victim_support_worker), report)
    assert _sees(sign_in(police_officer), report) is police_sees


def test_a_report_from_a_partner_system_reaches_the_police_only_with_consent(police_officer, sign_in):
    police = sign_in(police_officer)
    for share_with in ([], ["police"]):
        report = submit_report(
            actor=None,
            answers=ReportAnswers(
                kind="hate_incident",
                description="Abuse at the bus stop.",
                borough_code=BOLTON,
                share_with=share_with,
            ),
            channel=Channel.API,
            recorded_by_agency=Agency.objects.get(name="Demo Police Force"),
        ).report
        assert _sees(police, report) is bool(share_with)


# --- People routing and sharing without consent -----------------------------------------------------


def test_a_triage_officer_cannot_route_to_the_police_without_consent(police_officer, officer):
    report, _ = _web_report(share_with=[])
    police_team = Team.objects.get(name=POLICE_TEAM)

    with pytest.raises(Exception, match="not agreed to share"):
        assign_teams(actor=officer, report=report, teams=[police_team], reason="They should know")
    assert police_team not in report.teams.all()


def test_sharing_without_consent_needs_a_lawful_basis_shares_it_tells_the_reporter_and_shows_on_the_dpos_list(
    police_officer, officer, sign_in
):
    report, status_path = _web_report(share_with=[])
    police_team = Team.objects.get(name=POLICE_TEAM)
    triage = sign_in(officer)
    url = f"/staff/reports/{report.pk}/share-without-consent/"

    refused = triage.post(url, {"team": police_team.pk, "reason": "Threat to kill", "tell_reporter": "yes"})
    assert "Select the lawful basis for sharing without consent" in refused.content.decode()
    assert not _sees(sign_in(police_officer), report)

    shared = triage.post(
        url,
        {
            "team": police_team.pk,
            "lawful_basis": "risk_to_life",
            "reason": "The attacker said he would come back with a knife.",
            "tell_reporter": "yes",
        },
    )
    assert shared.status_code == 302
    assert _sees(sign_in(police_officer), report)
    assert ShareRecord.objects.get(report=report, team=police_team).basis == ShareBasis.WITHOUT_CONSENT
    status_page = _as_reporter(status_path).get("/status/").content.decode()
    assert "without your agreement" in status_page

    dpo = staff(Role.DATA_PROTECTION_OFFICER, "E47000001")
    page = sign_in(dpo).get("/staff/sharing-decisions/").content.decode()
    assert report.reference in page and "he would come back with a knife" in page
    assert AuditEvent.objects.filter(
        actor=dpo, action=AuditAction.LIST_VIEWED, object_type="reports.sharingdecision"
    ).exists()
    assert sign_in(officer).get("/staff/sharing-decisions/").status_code == 403


def test_the_reporter_is_not_told_only_when_the_officer_says_why_telling_would_put_someone_at_risk(
    police_officer, officer, sign_in
):
    report, _ = _web_report(share_with=[])
    url = f"/staff/reports/{report.pk}/share-without-consent/"
    data = {
        "team": Team.objects.get(name=POLICE_TEAM).pk,
        "lawful_basis": "child_safety",
        "reason": "A child at the address is being threatened.",
        "tell_reporter": "no",
    }
    triage = sign_in(officer)
    page = triage.post(url, data).content.decode()
    assert "Say why telling the reporter would put someone at risk" in page
    assert not SharingDecision.objects.exists()

    triage.post(url, {**data, "not_told_because": "The reporter lives with the person threatening."})
    decision = SharingDecision.objects.get()
    assert not decision.reporter_told and not report.messages.exists()
    assert _sees(sign_in(police_officer), report)


# --- No report in nobody's queue ---------------------------------------------------------------------


def test_an_unknown_postcode_asks_again_and_keeps_what_was_typed(teams):
    client = Client()
    client.get("/report/hate-incident/")
    for step, data in HATE_INCIDENT_ANSWERS[:4]:
        client.post(f"/report/hate-incident/{step}/", data)

    page = client.post(
        "/report/hate-incident/place/", {"postcode": "ZZ9 9ZZ", "borough": "", "street": "By the shop"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "We could not find this postcode. Check it, or choose the area from the list" in html
    assert 'value="ZZ9 9ZZ"' in html and "By the shop" in html

    chosen = client.post(
        "/report/hate-incident/place/", {"postcode": "ZZ9 9ZZ", "borough": BOLTON, "street": ""}
    )
    assert chosen.status_code == 302


def test_a_call_back_worry_from_a_borough_without_a_rule_lands_with_partnership_triage(teams, sign_in):
    RoutingRule.objects.filter(kind="worry").delete()
    report = submit_report(
        actor=None,
        answers=ReportAnswers(
            kind="worry",
            description="My nephew talks about violence.",
            borough_code=BOLTON,
            worry_route="call_back",
            contact_phone="07700 900982",
        ),
    ).report

    assert list(report.teams.all()) == [partnership_triage_team()]
    assert Report.objects.get(pk=report.pk).not_routed_by_rule
    officer = staff(Role.TRIAGE_OFFICER, BOLTON)
    client = sign_in(officer)
    assert "Not routed by a rule" in client.get("/staff/reports/").content.decode()

    coordinators = Team.objects.get(name="Bolton safeguarding coordinators")
    client.post(
        f"/staff/reports/{report.pk}/teams/", {"teams": [coordinators.pk], "reason": "Worries go to them"}
    )
    report.refresh_from_db()
    assert not report.not_routed_by_rule
    assert list(report.teams.all()) == [coordinators]
    assert "Not routed by a rule" not in client.get("/staff/reports/").content.decode()


def test_a_report_with_no_borough_and_no_rule_has_a_team(teams):
    RoutingRule.objects.all().delete()
    report = submit_report(
        actor=None, answers=ReportAnswers(kind="community_tension", description="Graffiti")
    ).report
    assert [t.is_partnership_triage for t in report.teams.all()] == [True]


def test_the_system_check_lists_kinds_and_boroughs_without_a_rule_as_information_only(teams):
    RoutingRule.objects.filter(kind="worry", borough__code=BOLTON).delete()
    messages = every_kind_and_borough_has_a_routing_rule(None)
    assert messages and all(m.level == checks.INFO for m in messages)
    assert any("worried about someone reports from Bolton" in m.msg for m in messages)


def test_missing_rules_never_fail_a_check_run_at_warning_level(teams):
    from django.core.management import call_command

    RoutingRule.objects.all().delete()
    call_command("check", fail_level="WARNING")  # raises SystemCheckError on any warning

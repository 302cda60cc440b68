"""Teams and routing rules in the admin decide who reads which reports, so a borough's
administrator changes only their own borough's, never a team they sit in, and every change is
audited. Each attack is reproduced as the security test did it, through the admin."""

import pytest
from django.core.exceptions import PermissionDenied

from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.reports.actions.teams import delete_routing_rule, save_routing_rule, save_team
from commonground.reports.models import RoutingRule, Team
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def bolton_admin():
    return staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)


@pytest.fixture
def bury_team():
    coordinators = staff(Role.SAFEGUARDING_COORDINATOR, BURY).agency
    return Team.objects.create(name="Bury safeguarding coordinators", agency=coordinators)


@pytest.fixture
def bolton_team(bolton_admin):
    return Team.objects.create(name="Bolton community safety", agency=bolton_admin.agency)


def _team_form(team: Team, **changes) -> dict:
    return {
        "name": team.name,
        "agency": team.agency_id,
        "members": [m.pk for m in team.members.all()],
        "contact_email": team.contact_email,
        **changes,
    }


def test_adding_a_coordinator_to_another_boroughs_team_is_refused(sign_in, bolton_admin, bury_team):
    bolton_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    bolton_coordinator.agency = bolton_admin.agency
    bolton_coordinator.save()
    client = sign_in(bolton_admin)

    assert bury_team.name not in client.get("/admin/reports/team/").content.decode()
    assert client.get(f"/admin/reports/team/{bury_team.pk}/change/").status_code == 302  # not found
    client.post(
        f"/admin/reports/team/{bury_team.pk}/change/", _team_form(bury_team, members=[bolton_coordinator.pk])
    )

    assert not bury_team.members.exists()
    with pytest.raises(PermissionDenied):
        save_team(actor=bolton_admin, team=bury_team, member_ids=[bolton_coordinator.pk], changes={})
    assert not bury_team.members.exists()


def test_staff_of_another_borough_cannot_be_put_in_a_team_in_scope(sign_in, bolton_admin, bolton_team):
    bury_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BURY)
    response = sign_in(bolton_admin).post(
        f"/admin/reports/team/{bolton_team.pk}/change/",
        _team_form(bolton_team, members=[bury_coordinator.pk]),
    )
    assert response.status_code == 200  # the form's error: not one of the choices
    assert not bolton_team.members.exists()


def test_an_administrator_cannot_join_a_team_or_change_one_they_belong_to(sign_in, bolton_admin, bolton_team):
    client = sign_in(bolton_admin)
    client.post(
        f"/admin/reports/team/{bolton_team.pk}/change/", _team_form(bolton_team, members=[bolton_admin.pk])
    )
    assert not bolton_team.members.exists()
    with pytest.raises(PermissionDenied):
        save_team(actor=bolton_admin, team=bolton_team, member_ids=[bolton_admin.pk], changes={})

    bolton_team.members.add(bolton_admin)  # put there by someone else
    page = client.get(f"/admin/reports/team/{bolton_team.pk}/change/")
    assert page.status_code == 200
    assert b'name="members"' not in page.content  # read-only
    assert (
        client.post(f"/admin/reports/team/{bolton_team.pk}/change/", _team_form(bolton_team)).status_code
        == 403
    )


def test_a_team_change_in_scope_is_audited_with_its_members(sign_in, bolton_admin, bolton_team):
    colleague = staff(Role.TRIAGE_OFFICER, BOLTON)
    response = sign_in(bolton_admin).post(
        f"/admin/reports/team/{bolton_team.pk}/change/", _team_form(bolton_team, members=[colleague.pk])
    )
    assert response.status_code == 302
    assert list(bolton_team.members.all()) == [colleague]
    event = AuditEvent.objects.filter(object_type="reports.team").order_by("sequence").last()
    assert event.actor == bolton_admin
    assert event.changes["members"] == [[], [colleague.username]]


def test_another_boroughs_routing_rule_is_neither_listed_nor_editable(
    sign_in, bolton_admin, bury_team, bolton_team
):
    bury_rule = RoutingRule.objects.create(
        kind="hate_incident", borough=Area.objects.get(code=BURY), team=bury_team
    )
    client = sign_in(bolton_admin)
    assert bury_team.name not in client.get("/admin/reports/routingrule/").content.decode()
    assert client.get(f"/admin/reports/routingrule/{bury_rule.pk}/change/").status_code == 302
    client.post(
        f"/admin/reports/routingrule/{bury_rule.pk}/change/",
        {"kind": "hate_incident", "borough": Area.objects.get(code=BURY).pk, "team": bolton_team.pk},
    )
    client.post(f"/admin/reports/routingrule/{bury_rule.pk}/delete/", {"post": "yes"})
    bury_rule.refresh_from_db()
    assert bury_rule.team == bury_team
    bury_rule.team = bolton_team
    with pytest.raises(PermissionDenied):
        save_routing_rule(actor=bolton_admin, rule=bury_rule, changes={})
    with pytest.raises(PermissionDenied):
        delete_routing_rule(actor=bolton_admin, rule=RoutingRule.objects.get(pk=bury_rule.pk))


def test_a_rule_cannot_send_another_boroughs_or_every_boroughs_reports_to_a_team_in_scope(
    sign_in, bolton_admin, bolton_team
):
    client = sign_in(bolton_admin)
    other_borough = client.post(
        "/admin/reports/routingrule/add/",
        {"kind": "hate_incident", "borough": Area.objects.get(code=BURY).pk, "team": bolton_team.pk},
    )
    assert other_borough.status_code == 200  # Bury is not one of the choices
    every_borough = client.post(
        "/admin/reports/routingrule/add/", {"kind": "hate_incident", "team": bolton_team.pk}
    )
    assert every_borough.status_code == 403
    assert not RoutingRule.objects.exists()


def test_a_rule_for_the_administrators_borough_is_added_and_audited(sign_in, bolton_admin, bolton_team):
    response = sign_in(bolton_admin).post(
        "/admin/reports/routingrule/add/",
        {"kind": "hate_incident", "borough": Area.objects.get(code=BOLTON).pk, "team": bolton_team.pk},
    )
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    event = AuditEvent.objects.get(object_type="reports.routingrule", action=AuditAction.CREATE)
    assert (event.actor, event.object_id) == (bolton_admin, str(rule.pk))


def test_a_rule_to_a_team_the_administrator_sits_in_is_read_only_to_them(sign_in, bolton_admin, bolton_team):
    rule = RoutingRule.objects.create(
        kind="hate_incident", borough=Area.objects.get(code=BOLTON), team=bolton_team
    )
    bolton_team.members.add(bolton_admin)
    with pytest.raises(PermissionDenied):
        save_routing_rule(actor=bolton_admin, rule=rule, changes={})
    client = sign_in(bolton_admin)
    assert client.post(f"/admin/reports/routingrule/{rule.pk}/delete/", {"post": "yes"}).status_code == 403
    assert RoutingRule.objects.filter(pk=rule.pk).exists()


def test_the_combined_authoritys_administrator_routes_reports_from_every_borough(sign_in, bolton_team):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    response = sign_in(admin).post(
        "/admin/reports/routingrule/add/", {"kind": "hate_incident", "team": bolton_team.pk}
    )
    assert response.status_code == 302
    assert RoutingRule.objects.get().borough is None


def test_a_borough_administrator_cannot_make_their_team_the_partnership_catch_all_or_drop_its_consent(
    sign_in, bolton_admin, bolton_team
):
    """The catch-all team receives every borough's unrouted reports, and a team's consent is a
    promise to every reporter: neither is one borough's to change."""
    bolton_team.requires_consent = "police"
    bolton_team.save()
    sign_in(bolton_admin).post(
        f"/admin/reports/team/{bolton_team.pk}/change/",
        _team_form(bolton_team, is_partnership_triage="on", requires_consent=""),
    )

    bolton_team.refresh_from_db()
    assert not bolton_team.is_partnership_triage and bolton_team.requires_consent == "police"
    with pytest.raises(PermissionDenied):
        save_team(
            actor=bolton_admin, team=bolton_team, member_ids=[], changes={"is_partnership_triage": True}
        )

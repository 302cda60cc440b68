"""Response actions: created by analysts for an agency with a due time, updated and completed
(with evidence) by the owner agency, overdue ones highlighted, a report per agency, and the
owner agency's waiting list on the staff home."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import Area, AuditEvent
from commonground.core.roles import Role
from commonground.tension.actions.responses import (
    complete_response_action,
    create_response_action,
    update_response_action_status,
)
from commonground.tension.models import ResponseAction
from commonground.tension.queries.responses import performance_by_agency
from commonground.tension.waiting import actions_due_for_your_agency
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, AgencyFactory, UserFactory, staff
from tests.tension.assessment_builders import action_in, analyst, assessment_in, tension_report

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


@pytest.fixture
def council():
    return AgencyFactory(name="Oldham Council street care", serves=[OLDHAM])


@pytest.fixture
def officer(council):
    return UserFactory(agency=council, roles=[Role.PARTNER_OFFICER])


def test_an_analyst_creates_a_graffiti_removal_action_through_the_form_due_within_24_hours(sign_in, council):
    by = analyst(OLDHAM)
    report = tension_report(OLDHAM)
    assessment = assessment_in(OLDHAM, 3, by=by)
    before = timezone.now()
    response = sign_in(by).post(
        "/staff/tension/actions/new/",
        {
            "area": OLDHAM,
            "description": "Remove the graffiti on the Union Street underpass",
            "owner_agency": council.pk,
            "due": "24h",
            "tension_report": report.reference.lower().replace("-", " "),
            "assessment": assessment.pk,
        },
    )
    action = ResponseAction.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/tension/actions/{action.pk}/"
    assert (
        action.owner_agency == council and action.tension_report == report and action.assessment == assessment
    )
    assert before + timedelta(hours=24) <= action.due_at <= timezone.now() + timedelta(hours=24)
    assert AuditEvent.objects.filter(object_type="tension.responseaction", action="create").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due": "date", "due_on": ""}, "Enter the date the action must be done by"),
        ({"due": "date", "due_on": "1/1/2001"}, "The date must be today or in the future"),
        ({"description": ""}, "Enter what needs to be done"),
        ({"area": BOLTON}, "Select a borough or ward in your areas"),
        ({"tension_report": "TR-000000"}, "There is no tension report with that reference in your areas"),
    ],
)
def test_a_bad_action_is_refused_with_a_clear_error_and_what_was_typed_kept(
    sign_in, council, changes, message
):
    data = {
        "area": OLDHAM,
        "description": "Remove stickers",
        "owner_agency": council.pk,
        "due": "week",
        **changes,
    }
    response = sign_in(analyst(OLDHAM)).post("/staff/tension/actions/new/", data)
    page = response.content.decode()
    assert message in page and "<title>Error:" in page
    if changes.get("description") != "":
        assert "Remove stickers" in page
    assert not ResponseAction.objects.exists()


def test_a_partner_officer_cannot_create_actions():
    with pytest.raises(PermissionDenied):
        action_in(OLDHAM, by=staff(Role.PARTNER_OFFICER, OLDHAM))


def test_the_owner_agency_updates_and_completes_its_action_with_evidence(officer, council):
    action = action_in(OLDHAM, owner=council)
    update_response_action_status(actor=officer, action=action, status="in_progress")
    with pytest.raises(ValidationError):
        complete_response_action(actor=officer, action=action, evidence="  ")
    done = complete_response_action(actor=officer, action=action, evidence="Removed 14:20, job log 88213")
    assert done.status == "done" and done.completed_by == officer and done.completion_evidence
    changes = [
        e.changes
        for e in AuditEvent.objects.filter(object_type="tension.responseaction", action="update").order_by(
            "sequence"
        )
    ]
    assert changes[0]["status"] == ["open", "in_progress"] and changes[1]["on_time"] is True
    with pytest.raises(ValidationError):
        update_response_action_status(actor=officer, action=done, status="open")


def test_another_agency_cannot_update_an_action_it_does_not_own(officer):
    action = action_in(OLDHAM)  # owned by a different agency
    with pytest.raises(PermissionDenied):
        complete_response_action(actor=officer, action=action, evidence="Done")
    action.refresh_from_db()
    assert action.status == "open"


def test_completing_through_the_page_needs_evidence_and_keeps_the_page(sign_in, officer, council):
    action = action_in(OLDHAM, owner=council)
    client = sign_in(officer)
    response = client.post(f"/staff/tension/actions/{action.pk}/complete/", {"evidence": ""})
    assert "Describe what shows the action was done" in response.content.decode()
    response = client.post(
        f"/staff/tension/actions/{action.pk}/complete/", {"evidence": "Photo on job 88213"}
    )
    assert response.status_code == 302
    page = client.get(f"/staff/tension/actions/{action.pk}/").content.decode()
    assert "Photo on job 88213" in page and "(on time)" in page


def test_a_partner_officer_of_another_agency_sees_the_action_but_no_form_and_is_refused(sign_in, officer):
    action = action_in(OLDHAM)
    client = sign_in(officer)
    assert "Mark as done" not in client.get(f"/staff/tension/actions/{action.pk}/").content.decode()
    assert client.post(f"/staff/tension/actions/{action.pk}/complete/", {"evidence": "x"}).status_code == 403


def test_overdue_actions_are_highlighted_in_the_list(sign_in, council):
    by = analyst(OLDHAM)
    action = action_in(OLDHAM, owner=council, by=by)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        page = sign_in(by).get("/staff/tension/actions/").content.decode()
        overdue = sign_in(by).get("/staff/tension/actions/?show=overdue").content.decode()
    assert "Overdue" in page and action.description in overdue


def test_the_report_per_agency_counts_due_on_time_late_and_overdue(officer, council):
    by = analyst(OLDHAM)
    other = AgencyFactory(name="Oldham housing", serves=[OLDHAM])
    on_time = action_in(OLDHAM, owner=council, by=by)
    late = action_in(OLDHAM, owner=council, by=by, due_in=timedelta(hours=1))
    action_in(OLDHAM, owner=other, by=by, due_in=timedelta(hours=1))
    action_in(OLDHAM, owner=other, by=by, due_in=timedelta(days=3))
    complete_response_action(actor=officer, action=on_time, evidence="Done")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        complete_response_action(actor=officer, action=late, evidence="Done late")
        today = timezone.localdate()
        rows = performance_by_agency(
            scope_for(by), since=today - timedelta(days=1), until=today + timedelta(days=7)
        )
    by_name = {row.agency_name: row for row in rows}
    assert (
        by_name[council.name].due,
        by_name[council.name].done_on_time,
        by_name[council.name].done_late,
    ) == (2, 1, 1)
    assert by_name[council.name].on_time_percent == 50
    assert (by_name[other.name].open_overdue, by_name[other.name].open_not_yet_due) == (1, 1)


def test_the_report_page_shows_each_agency(sign_in, council):
    by = analyst(OLDHAM)
    action_in(OLDHAM, owner=council, by=by)
    page = sign_in(by).get("/staff/tension/actions/report/").content.decode()
    assert council.name in page


def test_the_owner_agencys_staff_home_lists_its_actions_due(sign_in, officer, council):
    action_in(OLDHAM, owner=council)
    action_in(OLDHAM)  # another agency's
    action_in(OLDHAM, owner=council, due_in=timedelta(days=30))  # not due soon
    items = actions_due_for_your_agency(scope_for(officer))
    assert len(items) == 1 and "Remove the graffiti" in items[0].label
    page = sign_in(officer).get("/staff/").content.decode()
    assert "Response actions due for your agency" in page


def test_actions_of_another_borough_are_not_found(sign_in):
    action = action_in(BOLTON)
    assert sign_in(analyst(OLDHAM)).get(f"/staff/tension/actions/{action.pk}/").status_code == 404


def test_the_action_itself_refuses_an_area_outside_the_creators_scope(council):
    with pytest.raises(ValidationError):
        create_response_action(
            actor=analyst(OLDHAM),
            area=Area.objects.get(code=BOLTON),
            description="Remove graffiti",
            owner_agency=council,
            due_at=timezone.now() + timedelta(days=1),
        )

"""The support plan of an adopted Channel case: interventions with progress notes and a status,
actions with owners, consent withdrawn stopping everything. Forms are submitted as a coordinator
would; the wrong accounts get 404 (another borough, or no casework role), and change nothing."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions import exit_and_transfer, support
from commonground.safeguarding.models import (
    CaseEvent,
    ExitReview,
    Intervention,
    InterventionStatus,
    PlanAction,
    ProgressNote,
    Referral,
    ReferralStatus,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM, UserFactory, staff
from tests.safeguarding.builders import referral_in

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


def adopted_referral_in(borough_code: str, *, received_on: date | None = None, **overrides) -> Referral:
    """A referral adopted as a Channel case. The status is set directly until the panel's decision
    (the panels part of casework) is the way to adopt one in tests too."""
    referral = referral_in(borough_code, **overrides)
    changes = {"status": ReferralStatus.ADOPTED}
    if received_on is not None:
        changes["received_at"] = timezone.make_aware(datetime.combine(received_on, datetime.min.time()))
    Referral.objects.filter(pk=referral.pk).update(**changes)
    referral.refresh_from_db()
    return referral


def url(referral, rest=""):
    return f"/staff/safeguarding/referrals/{referral.pk}/{rest}"


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Casey", last_name="Coordinator")


@pytest.fixture
def case():
    return adopted_referral_in(BOLTON)


def _intervention(coordinator, referral, **overrides):
    today = timezone.localdate()
    values = {
        "kind": "mentoring",
        "provider": "Home Office intervention provider",
        "owner": coordinator,
        "starts_on": today,
        "due_on": today + timedelta(days=90),
    }
    return support.add_intervention(actor=coordinator, referral=referral, **(values | overrides))


def test_a_coordinator_builds_a_full_plan_with_interventions_notes_and_actions(sign_in, coordinator, case):
    client = sign_in(coordinator)
    colleague = UserFactory(agency=coordinator.agency, first_name="Morgan", last_name="Mentor")
    today = timezone.localdate()

    page = client.get(url(case, "plan/"))
    assert page.status_code == 200
    assert "No intervention has been planned yet." in page.content.decode()

    response = client.post(
        url(case, "plan/interventions/"),
        {
            "kind": "mentoring",
            "provider": "Ideological mentoring provider",
            "owner": colleague.pk,
            "starts_on": d(today),
            "due_on": d(today + timedelta(days=120)),
        },
    )
    assert response.status_code == 302
    mentoring = Intervention.objects.get()
    assert (mentoring.referral, mentoring.owner, mentoring.status) == (case, colleague, "planned")
    client.post(
        url(case, "plan/interventions/"),
        {
            "kind": "education",
            "provider": "Bolton College",
            "owner": coordinator.pk,
            "starts_on": d(today),
            "due_on": d(today),
        },
    )
    assert Intervention.objects.count() == 2

    assert (
        client.post(url(case, f"plan/interventions/{mentoring.pk}/status/"), {"status": "active"}).status_code
        == 302
    )
    assert (
        client.post(
            url(case, f"plan/interventions/{mentoring.pk}/notes/"), {"note": "First session went well."}
        ).status_code
        == 302
    )
    mentoring.refresh_from_db()
    assert mentoring.status == InterventionStatus.ACTIVE
    note = ProgressNote.objects.get()
    assert (note.intervention, note.written_by, note.note) == (
        mentoring,
        coordinator,
        "First session went well.",
    )

    response = client.post(
        url(case, "plan/actions/"),
        {
            "description": "Speak to the school about a mentor",
            "owner": colleague.pk,
            "due_on": d(today + timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    action = PlanAction.objects.get()
    assert (action.owner, action.done_at) == (colleague, None)
    assert client.post(url(case, f"plan/actions/{action.pk}/done/")).status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None

    html = client.get(url(case, "plan/")).content.decode()
    for text in (
        "Ideological mentoring provider",
        "Bolton College",
        "Under way",
        "First session went well.",
        "Speak to the school about a mentor",
        "Morgan Mentor",
        "Done ",
    ):
        assert text in html

    # Every write is audited against the referral.
    subject = f"safeguarding.referral:{case.pk}"
    written = AuditEvent.objects.filter(subject_ref=subject).exclude(action=AuditAction.VIEW)
    assert sorted(written.values_list("object_type", "action")) == sorted(
        [
            ("safeguarding.referral", "create"),
            ("safeguarding.intervention", "create"),
            ("safeguarding.intervention", "create"),
            ("safeguarding.intervention", "update"),
            ("safeguarding.progressnote", "create"),
            ("safeguarding.planaction", "create"),
            ("safeguarding.planaction", "update"),
        ]
    )
    assert AuditEvent.objects.filter(subject_ref=subject, action=AuditAction.VIEW).exists()


def test_an_intervention_due_before_it_starts_is_refused(sign_in, coordinator, case):
    today = timezone.localdate()
    response = sign_in(coordinator).post(
        url(case, "plan/interventions/"),
        {
            "kind": "health",
            "provider": "CAMHS",
            "owner": coordinator.pk,
            "starts_on": d(today),
            "due_on": d(today - timedelta(days=1)),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The due date must be the same as or after the start date" in html
    assert "<title>Error: " in html
    with pytest.raises(ValidationError) as refused:
        _intervention(coordinator, case, due_on=today - timedelta(days=1))
    assert "due_on" in refused.value.message_dict
    assert not Intervention.objects.exists()


def test_an_intervention_needs_its_details_and_an_owner_in_scope(sign_in, coordinator, case):
    response = sign_in(coordinator).post(url(case, "plan/interventions/"), {})
    html = response.content.decode()
    for message in (
        "Select the kind of support",
        "Enter who provides the support",
        "Select who owns this",
        "Enter the date the support starts",
    ):
        assert message in html
    outsider = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    with pytest.raises(ValidationError) as refused:
        _intervention(coordinator, case, owner=outsider)
    assert refused.value.message_dict["owner"] == ["Select an owner from the staff in your areas"]
    assert not Intervention.objects.exists()


def test_finished_interventions_cannot_change_again(coordinator, case):
    intervention = _intervention(coordinator, case)
    support.change_intervention_status(
        actor=coordinator, referral=case, intervention_id=intervention.pk, status="completed"
    )
    with pytest.raises(ValidationError):
        support.change_intervention_status(
            actor=coordinator, referral=case, intervention_id=intervention.pk, status="active"
        )
    assert Intervention.objects.get().status == InterventionStatus.COMPLETED


def test_a_referral_not_adopted_has_no_plan_and_says_so(sign_in, coordinator):
    referral = referral_in(BOLTON)
    client = sign_in(coordinator)
    html = client.get(url(referral, "plan/")).content.decode()
    assert "has not been adopted as a Channel case, so it has no support plan" in html
    response = client.post(
        url(referral, "plan/actions/"),
        {"description": "Call", "owner": coordinator.pk, "due_on": d(timezone.localdate())},
    )
    assert response.status_code == 200
    assert f"Referral {referral.pk} has not been adopted as a Channel case" in response.content.decode()
    assert "not been adopted" in client.get(url(referral, "consent-withdrawn/")).content.decode()
    assert "Only an adopted Channel case" in client.get(url(referral, "transfer/")).content.decode()
    with pytest.raises(ValidationError):
        exit_and_transfer.close_case(
            actor=coordinator, referral=referral, happened_on=timezone.localdate(), reasons="x"
        )
    assert not PlanAction.objects.exists()
    assert not CaseEvent.objects.exists()
    assert Referral.objects.get().status == ReferralStatus.TO_SCREEN


def test_consent_withdrawn_stops_the_whole_plan_and_the_page_says_why(sign_in, coordinator, case):
    planned = _intervention(coordinator, case)
    active = _intervention(coordinator, case, kind="housing", provider="Housing options")
    done = _intervention(coordinator, case, kind="education", provider="Bolton College")
    support.change_intervention_status(
        actor=coordinator, referral=case, intervention_id=active.pk, status="active"
    )
    support.change_intervention_status(
        actor=coordinator, referral=case, intervention_id=done.pk, status="completed"
    )
    client = sign_in(coordinator)
    today = timezone.localdate()

    assert client.get(url(case, "consent-withdrawn/")).status_code == 200
    response = client.post(
        url(case, "consent-withdrawn/"),
        {"happened_on": d(today), "reasons": "Sam's parents withdrew consent after moving school."},
    )
    assert response.status_code == 302

    statuses = dict(Intervention.objects.values_list("pk", "status"))
    assert statuses == {planned.pk: "stopped", active.pk: "stopped", done.pk: "completed"}
    event = CaseEvent.objects.get()
    assert (event.kind, event.happened_on, event.recorded_by) == (
        CaseEvent.Kind.CONSENT_WITHDRAWN,
        today,
        coordinator,
    )
    assert Referral.objects.get().status == ReferralStatus.EXITED
    assert sorted(ExitReview.objects.values_list("months_after_exit", flat=True)) == [6, 12]
    audited = AuditEvent.objects.get(object_type="safeguarding.caseevent")
    assert audited.subject_ref == f"safeguarding.referral:{case.pk}"
    assert sorted(audited.changes["interventions_stopped"]) == sorted([planned.pk, active.pk])
    assert audited.changes["status"] == ["adopted", "exited"]

    html = client.get(url(case, "plan/")).content.decode()
    assert "Support has stopped" in html
    assert f"Consent was withdrawn on {today.day} {today:%B %Y}" in html
    assert "Sam&#x27;s parents withdrew consent after moving school." in html
    assert "Add intervention" not in html
    # The plan can no longer change.
    response = client.post(url(case, f"plan/interventions/{planned.pk}/notes/"), {"note": "More"})
    assert "Support for referral" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_consent_withdrawal_needs_a_date_and_reasons(sign_in, coordinator, case):
    intervention = _intervention(coordinator, case)
    response = sign_in(coordinator).post(url(case, "consent-withdrawn/"), {"happened_on": "", "reasons": " "})
    html = response.content.decode()
    assert "Enter the date consent was withdrawn" in html
    assert "Give the reasons consent was withdrawn" in html
    with pytest.raises(ValidationError):
        exit_and_transfer.record_consent_withdrawn(
            actor=coordinator, referral=case, happened_on=timezone.localdate(), reasons=""
        )
    assert Intervention.objects.get(pk=intervention.pk).status == "planned"
    assert not CaseEvent.objects.exists()
    assert Referral.objects.get().status == ReferralStatus.ADOPTED


def test_another_boroughs_coordinator_gets_not_found_everywhere_and_changes_nothing(
    sign_in, coordinator, case
):
    intervention = _intervention(coordinator, case)
    action = support.add_plan_action(
        actor=coordinator, referral=case, description="Call", owner=coordinator, due_on=timezone.localdate()
    )
    oldham = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM))
    today = d(timezone.localdate())
    for path in ("plan/", "consent-withdrawn/", "exit/", "transfer/"):
        assert oldham.get(url(case, path)).status_code == 404, path
    posts = {
        "plan/interventions/": {"kind": "health", "provider": "x", "starts_on": today, "due_on": today},
        f"plan/interventions/{intervention.pk}/status/": {"status": "stopped"},
        f"plan/interventions/{intervention.pk}/notes/": {"note": "x"},
        "plan/actions/": {"description": "x", "due_on": today},
        f"plan/actions/{action.pk}/done/": {},
        "consent-withdrawn/": {"happened_on": today, "reasons": "x"},
        "exit/": {"happened_on": today, "reasons": "x"},
        "transfer/": {
            "to_borough": OLDHAM,
            "happened_on": today,
            "handover_note": "x",
            "version": case.version,
        },
    }
    for path, data in posts.items():
        assert oldham.post(url(case, path), data).status_code == 404, path
    panel_member = sign_in(staff(Role.PANEL_MEMBER, BOLTON))
    assert panel_member.get(url(case, "plan/")).status_code == 404
    assert panel_member.post(url(case, "exit/"), posts["exit/"]).status_code == 404
    with pytest.raises(PermissionDenied):
        exit_and_transfer.close_case(
            actor=staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),
            referral=case,
            happened_on=timezone.localdate(),
            reasons="x",
        )
    assert Intervention.objects.get().status == "planned"
    assert PlanAction.objects.get().done_at is None
    assert not CaseEvent.objects.exists()
    referral = Referral.objects.get()
    assert (referral.status, referral.borough.code, referral.version) == (
        ReferralStatus.ADOPTED,
        BOLTON,
        case.version,
    )

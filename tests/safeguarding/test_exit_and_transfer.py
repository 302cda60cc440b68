"""How a case ends or moves: exit schedules the reviews 6 and 12 months later, which appear on the
coordinator's staff home when due and leave it when completed; an exit before the referral is
refused; a transfer hands the case to the new borough and ends the old borough's access."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions import exit_and_transfer, support
from commonground.safeguarding.actions.referrals import ConflictError, ReferralDetails, edit_referral
from commonground.safeguarding.models import CaseEvent, ExitReview, Intervention, Referral, ReferralStatus
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.test_support_plan import adopted_referral_in, d, url

pytestmark = pytest.mark.django_db

# Every test here runs on a fixed day, so review dates are exact.
TODAY = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


@pytest.fixture
def case():
    return adopted_referral_in(BOLTON, received_on=date(2026, 6, 1))


def _home(client):
    return client.get("/staff/").content.decode()


def test_the_month_arithmetic_keeps_the_day_or_uses_the_months_last():
    assert exit_and_transfer.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert exit_and_transfer.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert exit_and_transfer.add_months(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert exit_and_transfer.add_months(date(2026, 11, 30), 6) == date(2027, 5, 30)


def test_exit_records_the_reason_and_schedules_reviews_at_6_and_12_months(sign_in, coordinator, case):
    intervention = support.add_intervention(
        actor=coordinator,
        referral=case,
        kind="mentoring",
        provider="Mentor",
        owner=coordinator,
        starts_on=date(2026, 7, 1),
        due_on=date(2026, 8, 31),
    )
    client = sign_in(coordinator)
    assert "End support (exit)" in client.get(url(case, "exit/")).content.decode()
    response = client.post(
        url(case, "exit/"), {"happened_on": "31/08/2026", "reasons": "Plan completed; risk reduced."}
    )
    assert response.status_code == 302

    event = CaseEvent.objects.get()
    assert (event.kind, event.happened_on, event.reasons) == (
        CaseEvent.Kind.EXITED,
        date(2026, 8, 31),
        "Plan completed; risk reduced.",
    )
    assert Referral.objects.get().status == ReferralStatus.EXITED
    reviews = list(
        ExitReview.objects.order_by("months_after_exit").values_list("months_after_exit", "due_on")
    )
    assert reviews == [(6, date(2027, 2, 28)), (12, date(2027, 8, 31))]
    assert Intervention.objects.get(pk=intervention.pk).status == "stopped"
    audited = AuditEvent.objects.get(object_type="safeguarding.caseevent")
    assert audited.subject_ref == f"safeguarding.referral:{case.pk}"
    # The reasons live in the case event (erased under retention), never copied into the audit trail.
    assert audited.reason == ""
    assert "risk reduced" not in str(audited.changes)
    assert audited.changes["exit_reviews_due"] == ["2027-02-28", "2027-08-31"]
    html = client.get(url(case, "plan/")).content.decode()
    assert "Support ended on 31 August 2026" in html
    assert "6-month review, due 28 February 2027" in html


def test_reviews_appear_on_the_staff_home_when_due_and_leave_when_completed(sign_in, coordinator, case):
    exit_and_transfer.close_case(
        actor=coordinator, referral=case, happened_on=date(2026, 8, 31), reasons="Done"
    )
    six_months = ExitReview.objects.get(months_after_exit=6)
    client = sign_in(coordinator)
    label = f"6-month exit review: referral {case.pk}"

    assert "Reviews due" in _home(client)
    assert label not in _home(client)  # due 28 February 2027: not yet within 14 days
    # Sessions expire: sign in afresh on each later day.
    with time_machine.travel(datetime(2027, 2, 14, 9, tzinfo=UTC), tick=False):
        html = _home(client := sign_in(coordinator))
        assert label in html
        assert "12-month exit review" not in html
        assert "Overdue" not in html
        assert label not in _home(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)))
    with time_machine.travel(datetime(2027, 3, 5, 9, tzinfo=UTC), tick=False):
        html = _home(client := sign_in(coordinator))
        assert label in html
        assert "Overdue" in html
        review_url = url(case, f"exit-reviews/{six_months.pk}/")
        assert review_url in html
        response = client.post(review_url, {"outcome": " "})
        assert "Enter the outcome of the review" in response.content.decode()
        response = client.post(review_url, {"outcome": "Settled at college; no new concerns."})
        assert response.status_code == 302
        assert label not in _home(client)
    six_months.refresh_from_db()
    assert (six_months.completed_by, six_months.outcome) == (
        coordinator,
        "Settled at college; no new concerns.",
    )
    assert AuditEvent.objects.filter(
        object_type="safeguarding.exitreview",
        action=AuditAction.UPDATE,
        subject_ref=f"safeguarding.referral:{case.pk}",
    ).exists()
    with pytest.raises(ValidationError):
        exit_and_transfer.complete_exit_review(
            actor=coordinator, referral=case, review_id=six_months.pk, outcome="Again"
        )


def test_an_exit_before_the_referral_or_in_the_future_is_refused(sign_in, coordinator, case):
    client = sign_in(coordinator)
    response = client.post(url(case, "exit/"), {"happened_on": "31/05/2026", "reasons": "Closing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The exit date cannot be before the referral was received" in html
    assert "received on 1 June 2026" in html
    response = client.post(url(case, "exit/"), {"happened_on": "23/11/2026", "reasons": "Closing"})
    assert "The date support ended must be today or in the past" in response.content.decode()
    response = client.post(url(case, "exit/"), {"happened_on": "22/11/2026", "reasons": ""})
    assert "Give the reasons support is ending" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        exit_and_transfer.close_case(
            actor=coordinator, referral=case, happened_on=date(2026, 1, 1), reasons="Closing"
        )
    assert "happened_on" in refused.value.message_dict
    assert not CaseEvent.objects.exists()
    assert not ExitReview.objects.exists()
    assert Referral.objects.get().status == ReferralStatus.ADOPTED


def test_a_transfer_hands_the_case_to_the_new_borough_and_ends_the_old_boroughs_access(
    sign_in, coordinator, case
):
    bolton = sign_in(coordinator)
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    oldham = sign_in(oldham_coordinator)
    assert oldham.get(url(case, "plan/")).status_code == 404
    page = bolton.get(url(case, "transfer/"))
    assert page.status_code == 200
    assert f'<option value="{BOLTON}"' not in page.content.decode()

    response = bolton.post(
        url(case, "transfer/"),
        {
            "to_borough": OLDHAM,
            "happened_on": d(TODAY.date()),
            "handover_note": "Family moved to Oldham; mentoring continues with the same provider.",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/safeguarding/"

    referral = Referral.objects.get()
    assert referral.borough.code == OLDHAM
    assert referral.version == case.version + 1
    event = CaseEvent.objects.get()
    assert (event.kind, event.from_borough.code, event.to_borough.code) == (
        CaseEvent.Kind.TRANSFERRED,
        BOLTON,
        OLDHAM,
    )
    assert event.reasons.startswith("Family moved to Oldham")
    subject = f"safeguarding.referral:{case.pk}"
    assert AuditEvent.objects.filter(subject_ref=subject, object_type="safeguarding.caseevent").exists()
    edit_event = AuditEvent.objects.get(
        subject_ref=subject, object_type="safeguarding.referral", action=AuditAction.UPDATE
    )
    assert edit_event.changes["borough"] == [BOLTON, OLDHAM]

    for path in ("", "plan/", "transfer/", "exit/"):
        assert bolton.get(url(case, path)).status_code == 404, path
    html = oldham.get(url(case, "plan/")).content.decode()
    assert "from Bolton to Oldham" in html
    assert oldham.get(url(case)).status_code == 200
    # The new borough carries on with the plan.
    support.add_plan_action(
        actor=oldham_coordinator,
        referral=referral,
        description="Meet the family",
        owner=oldham_coordinator,
        due_on=TODAY.date(),
    )


def test_a_transfer_needs_another_borough_and_a_handover_note(sign_in, coordinator, case):
    client = sign_in(coordinator)
    response = client.post(
        url(case, "transfer/"),
        {"to_borough": BOLTON, "happened_on": d(TODAY.date()), "handover_note": "", "version": case.version},
    )
    html = response.content.decode()
    assert "Select the borough the case is moving to" in html
    assert "Write a handover note for the new borough&#x27;s coordinator" in html
    with pytest.raises(ValidationError) as refused:
        exit_and_transfer.transfer_case(
            actor=coordinator,
            referral=case,
            expected_version=case.version,
            to_borough=Area.objects.get(code=BOLTON),
            happened_on=TODAY.date(),
            handover_note="Moving",
        )
    assert "already in Bolton" in refused.value.message_dict["to_borough"][0]
    assert not CaseEvent.objects.exists()
    assert Referral.objects.get().borough.code == BOLTON


def test_a_transfer_is_refused_when_someone_changed_the_referral_since(sign_in, coordinator, case):
    edit_referral(actor=coordinator, referral=case, expected_version=case.version, details=_renamed(case))
    with pytest.raises(ConflictError) as conflict:
        exit_and_transfer.transfer_case(
            actor=coordinator,
            referral=case,
            expected_version=case.version,
            to_borough=Area.objects.get(code=OLDHAM),
            happened_on=TODAY.date(),
            handover_note="Moving",
        )
    assert "First name" in str(conflict.value)
    response = sign_in(coordinator).post(
        url(case, "transfer/"),
        {
            "to_borough": OLDHAM,
            "happened_on": d(TODAY.date()),
            "handover_note": "Moving",
            "version": case.version,
        },
    )
    assert "Someone else changed this referral" in response.content.decode()
    assert not CaseEvent.objects.exists()
    assert Referral.objects.get().borough.code == BOLTON


def _renamed(referral):
    details = ReferralDetails.of(referral)
    details.first_name = "Samuel"
    return details


def test_exit_and_transfer_pages_are_not_found_for_another_borough(sign_in, coordinator, case):
    exit_and_transfer.close_case(
        actor=coordinator, referral=case, happened_on=date(2026, 8, 31), reasons="Done"
    )
    review = ExitReview.objects.get(months_after_exit=6)
    oldham = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM))
    review_url = url(case, f"exit-reviews/{review.pk}/")
    assert oldham.get(review_url).status_code == 404
    assert oldham.post(review_url, {"outcome": "x"}).status_code == 404
    assert sign_in(staff(Role.TRIAGE_OFFICER, BOLTON)).get(review_url).status_code == 404
    # A review id from another case is not found through this one.
    other = adopted_referral_in(BOLTON)
    assert sign_in(coordinator).get(url(other, f"exit-reviews/{review.pk}/")).status_code == 404
    assert ExitReview.objects.get(pk=review.pk).completed_at is None

"""Editing a referral with optimistic locking: when two coordinators edit at once, the second save
is refused, names what the first changed, keeps what the second typed, and overwrites nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.actions.referrals import ConflictError, ReferralDetails, edit_referral
from commonground.safeguarding.forms.referrals import EditReferralForm
from commonground.safeguarding.models import Referral
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db


def edit_url(referral):
    return f"/staff/safeguarding/referrals/{referral.pk}/edit/"


def opened_form(client, referral) -> dict:
    """What the edit form holds when it is opened, as the browser would post it back."""
    form = client.get(edit_url(referral)).context["form"]
    return {name: "" if value is None else value for name, value in form.initial.items()} | {"reason": ""}


def test_two_coordinators_edit_at_once_and_the_second_save_is_refused_naming_the_change(sign_in):
    referral = referral_in(BOLTON)
    first = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    second = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    first_form, second_form = opened_form(first, referral), opened_form(second, referral)

    saved = first.post(edit_url(referral), first_form | {"concern": "Updated after speaking to the school."})
    assert saved.status_code == 302
    refused = second.post(edit_url(referral), second_form | {"last_name": "Taylor-Jones"})

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else changed this referral while you were editing it" in html
    assert "<li>The concern</li>" in html
    assert 'value="Taylor-Jones"' in html  # what the second coordinator typed is kept
    assert "<title>Error: " in html
    stored = Referral.objects.get()
    assert stored.last_name == "Taylor"
    assert stored.concern == "Updated after speaking to the school."
    assert stored.version == 2
    # Saving again, having seen the conflict, is the second coordinator's deliberate choice.
    assert refused.context["form"]["version"].value() == "2"


def test_an_edit_is_saved_with_a_new_version_and_audited_by_field_name_only(sign_in):
    referral = referral_in(BOLTON)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    client = sign_in(coordinator)
    response = client.post(edit_url(referral), opened_form(client, referral) | {"first_name": "Samantha"})
    assert response.status_code == 302
    stored = Referral.objects.get()
    assert (stored.first_name, stored.version) == ("Samantha", 2)
    event = AuditEvent.objects.get(
        subject_ref=f"safeguarding.referral:{referral.pk}", action=AuditAction.UPDATE
    )
    assert event.actor == coordinator
    assert event.changes == {"fields": ["first_name"], "version": [1, 2]}
    assert AuditEvent.objects.filter(
        subject_ref=f"safeguarding.referral:{referral.pk}", action=AuditAction.VIEW
    ).exists()  # opening the edit form shows the record, so it is audited


def test_the_action_raises_a_conflict_carrying_the_changed_fields_and_changes_nothing():
    referral = referral_in(BOLTON)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    first = ReferralDetails.of(referral)
    first.concern = "New concern"
    first.age_years = 16
    edit_referral(actor=coordinator, referral=referral, expected_version=1, details=first)
    second = ReferralDetails.of(referral)
    second.last_name = "Other"
    events = AuditEvent.objects.count()

    with pytest.raises(ConflictError) as conflict:
        edit_referral(actor=coordinator, referral=referral, expected_version=1, details=second)

    assert conflict.value.changed == {"age_years": "Age", "concern": "The concern"}
    assert conflict.value.current_version == 2
    assert Referral.objects.get().last_name == "Taylor"
    assert AuditEvent.objects.count() == events


def test_an_edit_is_refused_outside_the_coordinators_boroughs(sign_in):
    referral = referral_in(OLDHAM)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    with pytest.raises(PermissionDenied):
        edit_referral(
            actor=coordinator, referral=referral, expected_version=1, details=ReferralDetails.of(referral)
        )
    data = EditReferralForm.initial_for(referral) | {"last_name": "Changed", "reason": ""}
    data = {k: "" if v is None else v for k, v in data.items()}
    assert sign_in(coordinator).post(edit_url(referral), data).status_code == 404
    assert Referral.objects.get().last_name == "Taylor"


def test_an_edit_checks_the_details_like_a_new_referral(sign_in):
    referral = referral_in(BOLTON)
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    response = client.post(
        edit_url(referral), opened_form(client, referral) | {"date_of_birth": "", "age_years": "130"}
    )
    assert "Age must be between 0 and 119" in response.content.decode()
    assert Referral.objects.get().version == 1

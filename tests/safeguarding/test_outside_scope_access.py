"""A data protection officer may open any referral outside normal scope, only with a reason; the
opening is flagged in the audit trail and listed on their staff home. Anyone else gets 404."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from commonground.core.access import scope_for
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.queries import open_referral_outside_scope
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db

CONCERN = "Shares extremist videos with classmates and talks about hurting people."


def _url(referral_id):
    return reverse("safeguarding:referral-outside-scope", args=[referral_id])


@pytest.fixture
def officer():
    return staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)


@pytest.fixture
def referral():
    return referral_in(OLDHAM)


def _flagged():
    return AuditEvent.objects.filter(outside_normal_scope=True)


def test_the_referral_opens_only_after_a_reason_is_given(sign_in, officer, referral):
    client = sign_in(officer)
    # Not in the officer's normal scope.
    assert client.get(reverse("safeguarding:referral", args=[referral.pk])).status_code == 404

    form = client.get(_url(referral.pk))
    assert form.status_code == 200
    assert "Why do you need to open this record?" in form.content.decode()
    assert CONCERN not in form.content.decode()

    refused = client.post(_url(referral.pk), {"reason": "   "})
    assert refused.status_code == 200
    assert "Give the reason you need to open this record" in refused.content.decode()
    assert CONCERN not in refused.content.decode()
    assert not _flagged().exists()
    with pytest.raises(ValidationError):
        open_referral_outside_scope(scope_for(officer), referral.pk, "")
    assert not _flagged().exists()


def test_opening_with_a_reason_shows_the_referral_read_only_and_is_flagged_in_the_audit(
    sign_in, officer, referral
):
    client = sign_in(officer)
    response = client.post(_url(referral.pk), {"reason": "Subject access request SAR-2027-014"})
    page = response.content.decode()
    assert response.status_code == 200
    assert CONCERN in page and "Sam Taylor" in page
    assert "<form" not in page.split('id="main-content"', 1)[-1]  # read only
    event = _flagged().get()
    assert (event.action, event.actor_id) == (AuditAction.VIEW, officer.pk)
    assert event.reason == "Subject access request SAR-2027-014"
    assert event.subject_ref == f"safeguarding.referral:{referral.pk}"
    # The officers' staff home lists it for review.
    home = client.get(reverse("core:staff-home")).content.decode()
    assert "Subject access request SAR-2027-014" in home


def test_without_the_permission_the_page_is_not_found(sign_in, referral):
    for user in (
        staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),  # even with the referral in scope
        staff(Role.SAFEGUARDING_COORDINATOR, BOLTON),
        staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER),
    ):
        client = sign_in(user)
        assert client.get(_url(referral.pk)).status_code == 404
        assert client.post(_url(referral.pk), {"reason": "Curious"}).status_code == 404
        with pytest.raises(Http404):
            open_referral_outside_scope(scope_for(user), referral.pk, "Curious")
    assert not _flagged().exists()


def test_a_missing_referral_is_not_found_and_nothing_is_recorded(sign_in, officer):
    assert sign_in(officer).post(_url(999999), {"reason": "Complaint"}).status_code == 404
    assert not _flagged().exists()

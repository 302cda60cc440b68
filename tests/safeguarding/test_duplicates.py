"""Possible duplicates at referral: full details within the coordinator's boroughs while checking;
other boroughs only when the referral is sent (audited, their coordinator told, the sender told
only that another borough may hold a record); nothing at all for referrers."""

from datetime import date

import pytest
from django.core import mail
from django.test import TestCase

from commonground.core.access import scope_for
from commonground.core.models import AgencyKind, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding.models import Referral
from commonground.safeguarding.queries import possible_duplicates
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_referrals import REFER, form_data, refer

pytestmark = pytest.mark.django_db

BORN = date(2009, 3, 4)
ANOTHER_BOROUGH = "A coordinator in another borough may hold a record"


def khan_in(borough: str, **overrides):
    return referral_in(
        borough, **({"first_name": "Mohammed", "last_name": "Khan", "date_of_birth": BORN} | overrides)
    )


def check(client, **fields):
    return client.post(
        REFER, form_data(first_name="Muhammad", last_name="Khan", date_of_birth="4/3/2009", **fields)
    )


def test_the_same_person_spelled_differently_in_bolton_is_suggested_with_details(sign_in):
    existing = khan_in(BOLTON)
    response = check(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)))
    html = response.content.decode()
    assert response.context["duplicates"].in_scope == [existing]
    assert "Mohammed Khan" in html
    assert f"/staff/safeguarding/referrals/{existing.pk}/" in html
    assert "4 March 2009" in html
    assert ANOTHER_BOROUGH not in html
    assert "Send referral" in html


def test_before_sending_nothing_is_said_about_the_same_person_in_another_borough(sign_in):
    """The silent "has this person been referred?" oracle: checking is not sending."""
    existing = khan_in(OLDHAM, other_names="Mo", address="1 Secret Street")
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM, email="oldham@example.org")
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    events_before = AuditEvent.objects.count()

    response = check(client)

    html = response.content.decode()
    assert ANOTHER_BOROUGH not in html and "Another borough may hold" not in html
    assert "Mohammed" not in html and "Secret Street" not in html
    assert f"/referrals/{existing.pk}/" not in html
    assert "No existing referral in your boroughs matches" in html
    assert response.context["duplicates"].in_scope == []
    # Nothing happened anywhere: no audit event, nobody told.
    assert AuditEvent.objects.count() == events_before
    assert not [m for m in mail.outbox if oldham_coordinator.email in m.to]


def test_sending_checks_other_boroughs_audits_it_and_tells_their_coordinator(sign_in):
    existing = khan_in(OLDHAM, other_names="Mo", address="1 Secret Street")
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM, email="oldham@example.org")
    bolton_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, email="bolton@example.org")
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, email="sender@example.org"))
    checked = check(client)
    fingerprint = checked.context["form"]["checked"].value()

    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(
            REFER,
            {
                **form_data(first_name="Muhammad", last_name="Khan", date_of_birth="4/3/2009"),
                "checked": fingerprint,
            },
            follow=True,
        )

    new = Referral.objects.exclude(pk=existing.pk).get()
    page = sent.content.decode()
    assert "Another borough may hold a record about this person; their coordinator has been told." in page
    assert "Oldham" not in page and "Secret Street" not in page and existing.reference not in page
    event = AuditEvent.objects.get(action=AuditAction.DUPLICATE_CHECK)
    assert event.subject_ref == f"safeguarding.referral:{new.pk}"
    assert event.changes == {
        "check": "possible duplicates in other boroughs",
        "matched": [existing.pk],
        "boroughs_told": [OLDHAM],
        "coordinators_told": 1,
    }
    told = [m for m in mail.outbox if oldham_coordinator.email in m.to]
    assert len(told) == 1
    assert existing.reference in told[0].body and new.reference in told[0].body
    assert "Mohammed" not in told[0].body and "Muhammad" not in told[0].body
    assert "Secret Street" not in told[0].body
    # The sender's own borough's coordinator was not told about Oldham's record.
    assert not [m for m in mail.outbox if bolton_coordinator.email in m.to]


def test_sending_with_no_match_elsewhere_is_audited_and_tells_nobody(sign_in):
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM, email="oldham@example.org")
    client = sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON))
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = refer(client, form_data(first_name="Priya", last_name="Patel"))
    assert sent.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.DUPLICATE_CHECK)
    assert event.changes["matched"] == [] and event.changes["coordinators_told"] == 0
    assert not [m for m in mail.outbox if oldham_coordinator.email in m.to]


def test_a_referrer_who_is_not_a_coordinator_sends_without_a_check_of_other_boroughs(sign_in):
    khan_in(OLDHAM)
    oldham_coordinator = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM, email="oldham@example.org")
    teacher = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    client = sign_in(teacher)
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = refer(client, form_data(first_name="Muhammad", last_name="Khan", date_of_birth="4/3/2009"))
    assert sent.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.DUPLICATE_CHECK).exists()
    assert not [m for m in mail.outbox if oldham_coordinator.email in m.to]
    followed = client.get("/staff/")
    assert "Another borough" not in followed.content.decode()


def test_a_different_date_of_birth_or_person_is_not_suggested(sign_in):
    khan_in(BOLTON, date_of_birth=date(2009, 3, 5))
    referral_in(BOLTON, first_name="Priya", last_name="Patel", date_of_birth=BORN)
    response = check(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)))
    assert not response.context["duplicates"]
    assert "No existing referral in your boroughs matches" in response.content.decode()


def test_a_referral_known_only_by_age_matches_within_a_year(sign_in):
    existing = referral_in(BOLTON, first_name="Mohammed", last_name="Khan", date_of_birth=None, age_years=17)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    found = possible_duplicates(scope_for(coordinator), "Muhammad", "Khan", BORN)
    assert found.in_scope == [existing]


def test_a_referrer_who_is_not_a_coordinator_is_told_nothing_about_existing_records(sign_in):
    khan_in(BOLTON)
    khan_in(OLDHAM)
    teacher = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    html = check(sign_in(teacher)).content.decode()
    assert "Mohammed" not in html
    assert ANOTHER_BOROUGH not in html
    assert not possible_duplicates(scope_for(teacher), "Muhammad", "Khan", BORN)


def test_a_combined_authority_coordinator_sees_matches_in_every_borough():
    oldham = khan_in(OLDHAM)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, "E47000001")
    found = possible_duplicates(scope_for(coordinator), "Muhammad", "Khan", BORN)
    assert found.in_scope == [oldham]

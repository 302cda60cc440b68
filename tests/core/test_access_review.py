"""The data protection officer's access review: per week and member of staff, the personal records
they opened, access outside working hours, emergency access, access outside normal scope, exports
and failed attempts out of scope, each counted in the database; each item marked reviewed with a
note; each emergency access given an outcome; unreviewed ones waiting on the officer's home page.
Every other account gets "not found"."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.core.access import scope_for
from commonground.core.models import (
    AccessReviewMark,
    AuditAction,
    AuditEvent,
    BreakGlassAccess,
    BreakGlassOutcome,
    ReviewItem,
)
from commonground.core.roles import Role
from commonground.safeguarding.queries import open_referral_outside_scope
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff
from tests.safeguarding.builders import referral_in

pytestmark = [pytest.mark.django_db, FROZEN]

# Monday 23 November 2026 is the week of tests/clock.py's Wednesday.
WEEK = "2026-11-23"
WEDNESDAY_TEN = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
WEDNESDAY_NIGHT = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)
SATURDAY_NOON = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _review(client, week: str = WEEK):
    response = client.get(f"/staff/access-review/?week={week}")
    assert response.status_code == 200
    return response


def _row(response, person):
    return next(each for each in response.context["review"].staff if each.person == person)


@pytest.fixture
def officer():
    return staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)


def _open_at(sign_in, user, moment, path):
    """`user` signs in at `moment` and opens `path`."""
    with time_machine.travel(moment, tick=False):
        return sign_in(user).get(path)


def test_the_week_counts_each_kind_of_access_per_member_of_staff(sign_in, officer):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    own = [referral_in(BOLTON) for _ in range(2)]
    oldham = referral_in(OLDHAM)
    with time_machine.travel(WEDNESDAY_TEN, tick=False) as clock:
        client = sign_in(coordinator)
        client.get(f"/staff/safeguarding/referrals/{own[0].pk}/")
        client.get(f"/staff/safeguarding/referrals/{own[0].pk}/")  # the same record again
        client.get(f"/staff/safeguarding/referrals/{oldham.pk}/")  # out of scope: 404, kept
        client.post("/staff/break-glass/", {"reference": oldham.reference, "reason": "Urgent risk tonight"})
        client.get(f"/staff/safeguarding/referrals/{oldham.pk}/")
        clock.move_to(WEDNESDAY_NIGHT)
        client = sign_in(coordinator)
        client.get(f"/staff/safeguarding/referrals/{own[1].pk}/")
    with time_machine.travel(SATURDAY_NOON, tick=False):
        open_referral_outside_scope(
            scope_for(officer),
            oldham.pk,
            "Complaint from the family",
        )

    response = _review(sign_in(officer))

    counts = _row(response, coordinator).counts
    assert counts[ReviewItem.RECORDS_OPENED] == 3  # two of their own, one in an emergency
    assert counts[ReviewItem.OUT_OF_HOURS] == 1  # 22:30 on a Wednesday
    assert counts[ReviewItem.FAILED_ATTEMPTS] == 1
    assert counts[ReviewItem.OUTSIDE_SCOPE] == 0  # pages under emergency access are counted with it
    assert counts["break_glass"] == 1
    officer_counts = _row(response, officer).counts
    assert officer_counts[ReviewItem.OUTSIDE_SCOPE] == 1 and officer_counts[ReviewItem.OUT_OF_HOURS] == 1
    (grant,) = response.context["review"].break_glass
    assert grant.pages_seen == 1
    assert "Urgent risk tonight" in response.content.decode()
    # Reading the review is itself recorded.
    assert AuditEvent.objects.filter(actor=officer, object_type="core.accessreview").exists()


def test_another_week_shows_nothing_of_this_one(sign_in, officer):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON)
    _open_at(sign_in, coordinator, WEDNESDAY_TEN, f"/staff/safeguarding/referrals/{referral.pk}/")

    response = _review(sign_in(officer), week="2026-11-16")

    assert all(each.person != coordinator for each in response.context["review"].staff)


def test_the_review_costs_the_same_queries_for_a_few_events_or_many(sign_in, officer):
    client = sign_in(officer)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON)
    _open_at(sign_in, coordinator, WEDNESDAY_TEN, f"/staff/safeguarding/referrals/{referral.pk}/")
    _review(client)
    with CaptureQueriesContext(connection) as few:
        _review(client)
    for _ in range(3):
        other = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
        for _ in range(3):
            _open_at(sign_in, other, WEDNESDAY_TEN, f"/staff/safeguarding/referrals/{referral.pk}/")
    with CaptureQueriesContext(connection) as many:
        response = _review(client)
    assert len(response.context["review"].staff) == 4
    assert len(many) == len(few)


def test_an_item_is_marked_reviewed_with_a_note_and_a_mark_needs_one(sign_in, officer):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    referral = referral_in(BOLTON)
    _open_at(sign_in, coordinator, WEDNESDAY_NIGHT, f"/staff/safeguarding/referrals/{referral.pk}/")
    client = sign_in(officer)
    mark = {"person": coordinator.pk, "week": WEEK, "item": ReviewItem.OUT_OF_HOURS}

    without_note = client.post("/staff/access-review/mark/", mark | {"note": " "}, follow=True)
    assert "Write a note of what you found" in without_note.content.decode()
    assert not AccessReviewMark.objects.exists()

    client.post("/staff/access-review/mark/", mark | {"note": "On call that night; checked with the rota"})

    saved = AccessReviewMark.objects.get()
    assert (saved.staff_member, saved.item, saved.reviewed_by) == (
        coordinator,
        ReviewItem.OUT_OF_HOURS,
        officer,
    )
    assert saved.week_starting.isoformat() == WEEK
    row = _row(_review(client), coordinator)
    assert row.marks[ReviewItem.OUT_OF_HOURS].note == "On call that night; checked with the rota"
    assert AuditEvent.objects.filter(actor=officer, action=AuditAction.ACCESS_REVIEW_MARKED).count() == 1


def test_each_emergency_access_waits_on_the_officers_home_until_it_has_an_outcome(sign_in, officer):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    oldham = referral_in(OLDHAM)
    sign_in(coordinator).post("/staff/break-glass/", {"reference": oldham.reference, "reason": "Urgent risk"})
    grant = BreakGlassAccess.objects.get()
    client = sign_in(officer)
    review_page = f"/staff/access-review/break-glass/{grant.pk}/"
    assert review_page in client.get("/staff/").content.decode()

    refused = client.post(
        f"/staff/access-review/break-glass/{grant.pk}/",
        {"outcome": BreakGlassOutcome.NOT_APPROPRIATE, "note": ""},
    )
    assert "Say why the emergency access was not appropriate" in refused.content.decode()
    saved = client.post(
        f"/staff/access-review/break-glass/{grant.pk}/",
        {"outcome": BreakGlassOutcome.APPROPRIATE, "note": "Checked with the Oldham coordinator"},
    )
    assert saved.status_code == 302, saved.content.decode()

    grant.refresh_from_db()
    assert (grant.outcome, grant.reviewed_by, grant.review_note) == (
        BreakGlassOutcome.APPROPRIATE,
        officer,
        "Checked with the Oldham coordinator",
    )
    assert review_page not in client.get("/staff/").content.decode()
    assert AuditEvent.objects.filter(actor=officer, action=AuditAction.BREAK_GLASS_REVIEWED).exists()


@pytest.mark.parametrize(
    "role", [Role.SAFEGUARDING_COORDINATOR, Role.TRIAGE_OFFICER, Role.SYSTEM_ADMINISTRATOR]
)
def test_other_accounts_get_not_found_on_the_officers_pages(sign_in, role):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    oldham = referral_in(OLDHAM)
    sign_in(coordinator).post("/staff/break-glass/", {"reference": oldham.reference, "reason": "Urgent risk"})
    grant = BreakGlassAccess.objects.get()
    client = sign_in(staff(role, GREATER_MANCHESTER))

    assert client.get("/staff/access-review/").status_code == 404
    assert client.get(f"/staff/access-review/break-glass/{grant.pk}/").status_code == 404
    posted = client.post(
        f"/staff/access-review/break-glass/{grant.pk}/",
        {"outcome": BreakGlassOutcome.APPROPRIATE, "note": "x"},
    )
    assert posted.status_code == 404
    mark = {"person": coordinator.pk, "week": WEEK, "item": ReviewItem.RECORDS_OPENED, "note": "x"}
    assert client.post("/staff/access-review/mark/", mark).status_code == 404
    grant.refresh_from_db()
    assert grant.outcome == "" and not AccessReviewMark.objects.exists()


def test_access_review_records_past_retention_are_removed_but_an_unreviewed_emergency_access_is_kept(
    settings, officer
):
    from commonground.core.actions.access_review import remove_past_retention

    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    old = datetime(2020, 1, 6, 10, 0, tzinfo=UTC)
    common = {"user": coordinator, "record_type": "safeguarding.referral", "record_pk": 1, "reason": "r"}
    reviewed = BreakGlassAccess.objects.create(
        **common,
        record_reference="SG-OLD1",
        opened_at=old,
        expires_at=old + timedelta(hours=1),
        outcome=BreakGlassOutcome.APPROPRIATE,
        reviewed_by=officer,
        reviewed_at=old,
    )
    waiting = BreakGlassAccess.objects.create(
        **common, record_reference="SG-OLD2", opened_at=old, expires_at=old + timedelta(hours=1)
    )

    removed = remove_past_retention()

    assert removed["break_glass"] == 1
    assert not BreakGlassAccess.objects.filter(pk=reviewed.pk).exists()
    assert BreakGlassAccess.objects.filter(pk=waiting.pk).exists()

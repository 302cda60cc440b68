"""The one policy for "who may" (`core.policy`): both questions answered from the same facts.

- "What may this user see and do" is the scoping layer's answer, passed through.
- "Who may do this here" lists exactly the people whose scope would let them: the permission (by
  role, given directly, or as a superuser), an active account, and the area covered through an
  active agency or areas granted; never anyone else. Checked against `scope_for` person by person.
- "This actor may act on this row, or it is not found": the same refusal for someone else's row
  as for a missing one."""

import pytest
from django.contrib.auth.models import Permission as DjangoPermission
from django.core.exceptions import PermissionDenied
from django.http import Http404

from commonground.core import access, policy
from commonground.core.access import scope_for
from commonground.core.models import Area, User
from commonground.core.roles import Permission, Role
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import Referral
from commonground.tension.actions.alerts import cancel_alert_subscription, subscribe_to_alerts
from commonground.tension.models import AlertSubscription
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.tension.assessment_builders import level

pytestmark = pytest.mark.django_db


def _ids(people) -> set[int]:
    return {person.pk for person in people}


def _given_directly(user: User, permission: Permission) -> User:
    user.user_permissions.add(
        DjangoPermission.objects.get(content_type__app_label="core", codename=permission.value)
    )
    return User.objects.get(pk=user.pk)  # a fresh object: Django caches permissions per object


# --- What may this user see and do ------------------------------------------------------------------


def test_what_a_user_may_see_and_do_is_the_scope_s_answer():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    bolton_case = referral_in(BOLTON)
    oldham_case = referral_in(OLDHAM)
    ward = Area.objects.get(code=BOLTON).children.first()

    assert policy.scope(coordinator) is scope_for(coordinator)
    assert policy.may(coordinator, Permission.MANAGE_CASES)
    assert policy.may(coordinator, Permission.MANAGE_CASES, area=ward)
    assert not policy.may(coordinator, Permission.MANAGE_CASES, area=Area.objects.get(code=OLDHAM))
    assert not policy.may(coordinator, Permission.ASSESS_TENSION)
    assert list(policy.visible(coordinator, Referral)) == list(
        access.visible(scope_for(coordinator), Referral)
    )
    assert policy.get_visible_or_404(coordinator, Referral, pk=bolton_case.pk) == bolton_case
    with pytest.raises(Http404):
        policy.get_visible_or_404(coordinator, Referral, pk=oldham_case.pk)


def test_an_inactive_account_may_do_nothing():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, is_active=False)
    assert not policy.may(coordinator, Permission.MANAGE_CASES)


# --- Who may do this here ---------------------------------------------------------------------------


def test_who_may_lists_holders_by_role_directly_given_and_superusers_but_no_one_inactive_or_without():
    by_role = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    given = _given_directly(staff(Role.REPORTING_CENTRE_WORKER, BOLTON), Permission.MANAGE_CASES)
    superuser = staff(Role.REPORTING_CENTRE_WORKER, BOLTON, is_superuser=True)
    staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, is_active=False)
    staff(Role.TRIAGE_OFFICER, BOLTON)  # no MANAGE_CASES

    assert _ids(policy.who_may(Permission.MANAGE_CASES)) == {by_role.pk, given.pk, superuser.pk}


def test_who_may_over_an_area_is_whoever_covers_it_from_above_or_by_a_grant():
    bolton = Area.objects.get(code=BOLTON)
    ward = bolton.children.first()
    borough_agency = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    combined_authority = staff(Role.SAFEGUARDING_COORDINATOR, GREATER_MANCHESTER)
    granted = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    granted.additional_areas.add(bolton)
    staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)  # another borough
    ward_only = UserFactory(agency=AgencyFactory(serves=[]), roles=[Role.SAFEGUARDING_COORDINATOR])
    ward_only.agency.areas.set([ward])  # covers the ward, not the borough above it
    closed_agency = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    closed_agency.agency.is_active = False
    closed_agency.agency.save()

    assert _ids(policy.who_may(Permission.MANAGE_CASES, area=bolton)) == {
        borough_agency.pk,
        combined_authority.pk,
        granted.pk,
    }
    assert _ids(policy.who_may(Permission.MANAGE_CASES, area=ward.pk)) == {
        borough_agency.pk,
        combined_authority.pk,
        granted.pk,
        ward_only.pk,
    }


def test_who_may_for_agencies_lists_only_their_staff_while_the_agency_is_active():
    agency = AgencyFactory(serves=[BOLTON])
    answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
    UserFactory(agency=agency, roles=[Role.REPORTING_CENTRE_WORKER])  # may not answer
    staff(Role.PANEL_MEMBER, BOLTON)  # another agency
    closed = AgencyFactory(serves=[BOLTON], is_active=False)
    UserFactory(agency=closed, roles=[Role.PANEL_MEMBER])

    answer = Permission.ANSWER_INFORMATION_REQUESTS
    assert _ids(policy.who_may(answer, agencies=[agency])) == {answerer.pk}
    assert _ids(policy.who_may(answer, agencies=[agency.pk, closed.pk])) == {answerer.pk}
    assert _ids(policy.who_may(answer, agencies=type(agency).objects.filter(pk=agency.pk))) == {answerer.pk}


def test_who_may_among_a_group_keeps_to_the_group():
    inside = staff(Role.TRIAGE_OFFICER, BOLTON)
    staff(Role.TRIAGE_OFFICER, BOLTON)
    among = User.objects.filter(pk=inside.pk)
    assert _ids(policy.who_may(Permission.VIEW_REPORTS, among=among)) == {inside.pk}


def test_who_may_agrees_with_each_person_s_scope():
    """The one query and the scope worked out person by person give the same people, for a mixed
    staff: roles, areas at every level, grants, inactive accounts and agencies."""
    people = [
        staff(Role.SAFEGUARDING_COORDINATOR, BOLTON),
        staff(Role.SAFEGUARDING_COORDINATOR, GREATER_MANCHESTER),
        staff(Role.SAFEGUARDING_COORDINATOR, BURY, is_active=False),
        staff(Role.TENSION_ANALYST, BOLTON, BURY),
        staff(Role.PARTNER_OFFICER, OLDHAM),
        staff(Role.TRIAGE_OFFICER, BURY),
        staff(Role.PANEL_MEMBER, GREATER_MANCHESTER),
        staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER),
    ]
    people[5].additional_areas.add(Area.objects.get(code=OLDHAM))
    closed = staff(Role.TENSION_ANALYST, OLDHAM)
    closed.agency.is_active = False
    closed.agency.save()
    everyone = User.objects.filter(pk__in=[p.pk for p in [*people, closed]])
    areas = [Area.objects.get(code=code) for code in (BOLTON, BURY, OLDHAM, GREATER_MANCHESTER)] + [
        Area.objects.get(code=OLDHAM).children.first()
    ]

    for permission in Permission:
        for area in areas:
            by_scope = {
                user.pk
                for user in User.objects.filter(pk__in=everyone)
                if scope_for(user).can(permission) and scope_for(user).covers_area(area)
            }
            assert _ids(policy.who_may(permission, area=area, among=everyone)) == by_scope, (permission, area)


def test_who_may_is_one_query(django_assert_num_queries):
    bolton = Area.objects.get(code=BOLTON)
    for _ in range(5):
        staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    with django_assert_num_queries(1):
        assert len(list(policy.who_may(Permission.MANAGE_CASES, area=bolton))) == 5


def test_emails_of_lists_each_address_once_and_skips_those_without():
    one = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER, email="b@example.org")
    staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER, email="")
    two = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER, email="a@example.org")
    people = policy.who_may(Permission.SEARCH_AUDIT_TRAIL)
    assert policy.emails_of(people) == sorted([one.email, two.email])


# --- This actor may act on this row, or it is not found ----------------------------------------------


def test_a_row_outside_the_actor_s_reach_is_refused_like_a_missing_one():
    mine = referral_in(BOLTON)
    theirs = referral_in(OLDHAM)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    rows = access.visible(scope_for(coordinator), Referral)

    assert policy.row_to_act_on(rows, mine.pk, "Outside your boroughs.") == mine
    with pytest.raises(PermissionDenied) as outside:
        policy.row_to_act_on(rows, theirs.pk, "Outside your boroughs.")
    with pytest.raises(PermissionDenied) as missing:
        policy.row_to_act_on(rows, 10**9, "Outside your boroughs.")
    assert str(outside.value) == str(missing.value) == "Outside your boroughs."


def test_an_action_from_the_wrong_account_is_refused_and_changes_nothing():
    referral = referral_in(BOLTON)
    other_borough = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    with pytest.raises(PermissionDenied, match="outside your boroughs"):
        record_screening_decision(actor=other_borough, referral=referral, decision="proceed", reasons="None")
    referral.refresh_from_db()
    assert not referral.screening_decisions.exists()

    owner = staff(Role.TENSION_ANALYST, BOLTON)
    subscription = subscribe_to_alerts(
        actor=owner,
        area=Area.objects.get(code=BOLTON),
        minimum_level=level(3),
        include_incident_spikes=False,
        by_email=False,
    )
    with pytest.raises(PermissionDenied, match="not yours"):
        cancel_alert_subscription(actor=staff(Role.TENSION_ANALYST, BOLTON), subscription=subscription)
    assert AlertSubscription.objects.filter(pk=subscription.pk).exists()

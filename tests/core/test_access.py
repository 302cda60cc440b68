"""The scoping layer, tested directly: what each user may see, by role and by area."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from commonground.core import access
from commonground.core.access import scope_for
from commonground.core.actions.roles import set_additional_areas
from commonground.core.models import Area, AuditAction, AuditEvent, User
from commonground.core.queries import open_staff_record, staff_visible_to
from commonground.core.roles import Permission, Role
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def test_a_borough_agency_scope_covers_the_borough_and_its_wards_only():
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    scope = scope_for(bolton_user)
    bolton = Area.objects.get(code=BOLTON)
    assert scope.covers_area(bolton)
    assert all(scope.covers_area(ward) for ward in bolton.children.all())
    assert bolton.children.count() == 20
    assert not scope.covers_area(Area.objects.get(code=OLDHAM))
    assert not any(scope.covers_area(ward) for ward in Area.objects.get(code=OLDHAM).children.all())
    assert scope.borough_ids == {bolton.pk}


def test_a_combined_authority_agency_covers_every_borough_and_ward():
    scope = scope_for(staff(Role.TENSION_ANALYST, GREATER_MANCHESTER))
    assert scope.covers_combined_authority
    assert len(scope.borough_ids) == 10
    assert Area.objects.wards().exclude(pk__in=scope.area_ids).count() == 0


def test_bolton_council_user_cannot_see_another_boroughs_restricted_records():
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    bolton_colleague = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    oldham_officer = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)

    visible = set(staff_visible_to(scope_for(bolton_user)))

    assert bolton_colleague in visible
    assert oldham_officer not in visible
    with pytest.raises(Http404):
        open_staff_record(scope_for(bolton_user), oldham_officer.pk)


def test_out_of_scope_and_missing_records_look_the_same():
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    oldham_officer = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)
    missing_id = User.objects.order_by("-pk").first().pk + 1000
    for user_id in (oldham_officer.pk, missing_id):
        with pytest.raises(Http404) as raised:
            open_staff_record(scope_for(bolton_user), user_id)
        assert str(raised.value) == "Not found"


def test_opening_a_record_in_scope_is_audited_with_the_person_it_is_about():
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    colleague = staff(Role.PANEL_MEMBER, BOLTON)
    open_staff_record(scope_for(bolton_user), colleague.pk)
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == AuditAction.VIEW
    assert event.actor == bolton_user
    assert event.subject_ref == f"core.user:{colleague.pk}"


def test_a_user_without_the_permission_sees_nothing_even_in_their_own_area():
    no_roles = UserFactory(agency=AgencyFactory(serves=[BOLTON]))
    staff(Role.TRIAGE_OFFICER, BOLTON)
    assert not scope_for(no_roles).can(Permission.VIEW_STAFF_DIRECTORY)
    assert staff_visible_to(scope_for(no_roles)).count() == 0


def test_wider_scope_granted_by_an_administrator_widens_what_a_user_sees():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    oldham_officer = staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM)

    set_additional_areas(
        actor=admin,
        user=bolton_user,
        area_ids={Area.objects.get(code=OLDHAM).pk},
        reason="Covering Oldham during leave",
    )
    bolton_user = User.objects.get(pk=bolton_user.pk)  # a new request: scope is recomputed

    assert oldham_officer in staff_visible_to(scope_for(bolton_user))
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.reason == "Covering Oldham during leave"
    assert event.changes == {"additional_areas": [[], [OLDHAM]]}


def test_nobody_can_widen_their_own_scope():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    with pytest.raises(PermissionDenied):
        set_additional_areas(
            actor=admin, user=admin, area_ids={Area.objects.get(code=OLDHAM).pk}, reason="I want to see more"
        )
    assert not admin.additional_areas.exists()


def test_a_switched_off_agency_gives_its_staff_no_areas():
    bolton_user = staff(Role.TRIAGE_OFFICER, BOLTON)
    bolton_user.agency.is_active = False
    bolton_user.agency.save()
    assert scope_for(User.objects.get(pk=bolton_user.pk)).area_ids == frozenset()


def test_an_inactive_or_anonymous_user_has_an_empty_scope():
    from django.contrib.auth.models import AnonymousUser

    assert scope_for(AnonymousUser()).permissions == frozenset()
    user = staff(Role.DATA_PROTECTION_OFFICER, BOLTON, is_active=False)
    assert scope_for(user).permissions == frozenset()


def test_require_refuses_a_permission_the_role_does_not_hold():
    scope = scope_for(staff(Role.HELPLINE_ADVISOR, BOLTON))
    with pytest.raises(PermissionDenied):
        scope.require(Permission.SEARCH_AUDIT_TRAIL)


def test_only_data_protection_officers_see_the_audit_trail():
    dpo = staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, GREATER_MANCHESTER)
    assert access.visible(scope_for(dpo), AuditEvent).exists()
    assert not access.visible(scope_for(coordinator), AuditEvent).exists()


def test_a_record_reached_through_several_areas_is_listed_once():
    agency = AgencyFactory(serves=[BOLTON, OLDHAM])
    colleague = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
    viewer = staff(Role.TRIAGE_OFFICER, GREATER_MANCHESTER)
    assert list(staff_visible_to(scope_for(viewer)).filter(pk=colleague.pk)) == [colleague]


def test_every_model_of_ours_has_a_scope_rule_or_a_reason_for_none():
    from commonground.core.checks import every_model_has_a_scope_rule

    assert every_model_has_a_scope_rule(None) == []


def test_a_model_without_a_rule_cannot_be_queried_through_the_scope(monkeypatch):
    monkeypatch.delitem(access._RULES, User)
    with pytest.raises(LookupError):
        access.visible(scope_for(staff(Role.TRIAGE_OFFICER, BOLTON)), User)

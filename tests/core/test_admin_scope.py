"""The admin, driven as a borough's system administrator would: nobody widens their own scope, each
administrator changes only what lies wholly inside their areas, the powerful roles need a second
administrator, and setting someone's password is audited (the password never is)."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.actions.roles import (
    approve_role_grant,
    request_role_grant,
    set_additional_areas,
)
from commonground.core.actions.staff import save_agency
from commonground.core.models import (
    Agency,
    Area,
    AuditAction,
    AuditEvent,
    RoleGrantRequest,
    RoleGrantStatus,
    User,
)
from commonground.core.queries import roles_of
from commonground.core.roles import Role
from tests.factories import (
    BOLTON,
    BURY,
    GREATER_MANCHESTER,
    AgencyFactory,
    UserFactory,
    confirmed_device,
    staff,
)

pytestmark = pytest.mark.django_db


def _area(code: str) -> Area:
    return Area.objects.get(code=code)


@pytest.fixture
def bolton_admin():
    return staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, username="bolton-admin")


@pytest.fixture
def bury_staff():
    return UserFactory(agency=AgencyFactory(serves=[BURY], name="Bury Council"), username="bury-officer")


def _agency_form(agency: Agency, **changes) -> dict:
    return {
        "name": agency.name,
        "kind": agency.kind,
        "areas": [a.pk for a in agency.areas.all()],
        "contact_email": agency.contact_email,
        "is_active": "on" if agency.is_active else "",
        **changes,
    }


def _staff_form(person: User, **changes) -> dict:
    return {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "agency": person.agency_id,
        "groups": [g.pk for g in person.groups.all()],
        "additional_areas": [a.pk for a in person.additional_areas.all()],
        "is_active": "on",
        **changes,
    }


# --- Agencies ------------------------------------------------------------------------------------


def test_a_borough_administrator_cannot_add_the_combined_authority_to_their_own_agency(
    sign_in, bolton_admin, bury_staff
):
    client = sign_in(bolton_admin)
    own = bolton_admin.agency
    page = client.get(f"/admin/core/agency/{own.pk}/change/")
    assert page.status_code == 200
    assert b'name="areas"' not in page.content  # shown read-only

    response = client.post(
        f"/admin/core/agency/{own.pk}/change/",
        _agency_form(own, areas=[_area(BOLTON).pk, _area(GREATER_MANCHESTER).pk]),
    )

    assert response.status_code == 403
    assert set(Agency.objects.get(pk=own.pk).areas.values_list("code", flat=True)) == {BOLTON}
    assert bury_staff.username not in client.get("/admin/core/user/").content.decode()
    with pytest.raises(PermissionDenied):
        save_agency(actor=bolton_admin, agency=own, area_ids=[_area(GREATER_MANCHESTER).pk], changes={})


def test_another_boroughs_agency_is_not_listed_and_cannot_be_opened(sign_in, bolton_admin, bury_staff):
    client = sign_in(bolton_admin)
    assert "Bury Council" not in client.get("/admin/core/agency/").content.decode()
    assert client.get(f"/admin/core/agency/{bury_staff.agency_id}/change/").status_code == 302  # not found
    response = client.post(
        f"/admin/core/agency/{bury_staff.agency_id}/change/", _agency_form(bury_staff.agency, name="Renamed")
    )
    assert response.status_code == 302
    assert Agency.objects.get(pk=bury_staff.agency_id).name == "Bury Council"


def test_an_agency_serving_a_borough_outside_the_administrators_is_not_theirs_to_change(
    sign_in, bolton_admin
):
    shared = AgencyFactory(serves=[BOLTON, BURY], name="Two-borough police")
    client = sign_in(bolton_admin)
    assert "Two-borough police" not in client.get("/admin/core/agency/").content.decode()
    with pytest.raises(PermissionDenied):
        save_agency(actor=bolton_admin, agency=shared, area_ids=[_area(BOLTON).pk], changes={})


def test_an_administrator_gives_an_agency_only_areas_inside_their_own_and_changes_are_audited(
    sign_in, bolton_admin
):
    school = AgencyFactory(serves=[BOLTON], name="Bolton schools")
    client = sign_in(bolton_admin)

    refused = client.post(
        f"/admin/core/agency/{school.pk}/change/",
        _agency_form(school, areas=[_area(BOLTON).pk, _area(BURY).pk]),
    )
    assert refused.status_code == 200  # the form shows the error: Bury is not a choice
    assert set(school.areas.values_list("code", flat=True)) == {BOLTON}

    accepted = client.post(
        f"/admin/core/agency/{school.pk}/change/", _agency_form(school, name="Bolton schools")
    )
    assert accepted.status_code == 200 or accepted.status_code == 302
    renamed = client.post(
        f"/admin/core/agency/{school.pk}/change/", _agency_form(school, name="Schools in Bolton")
    )
    assert renamed.status_code == 302
    event = (
        AuditEvent.objects.filter(object_type="core.agency", object_id=str(school.pk))
        .order_by("sequence")
        .last()
    )
    assert event.actor == bolton_admin
    assert event.changes["name"] == "Schools in Bolton"


# --- Staff ---------------------------------------------------------------------------------------


def test_an_administrator_cannot_open_or_change_staff_of_another_borough(sign_in, bolton_admin, bury_staff):
    client = sign_in(bolton_admin)
    assert client.get(f"/admin/core/user/{bury_staff.pk}/change/").status_code == 302  # not found
    client.post(f"/admin/core/user/{bury_staff.pk}/change/", _staff_form(bury_staff, last_name="Changed"))
    assert User.objects.get(pk=bury_staff.pk).last_name == bury_staff.last_name


def test_an_administrator_cannot_move_someone_into_another_boroughs_agency_or_areas(
    sign_in, bolton_admin, bury_staff
):
    colleague = staff(Role.HELPLINE_ADVISOR, BOLTON)
    client = sign_in(bolton_admin)
    client.post(
        f"/admin/core/user/{colleague.pk}/change/", _staff_form(colleague, agency=bury_staff.agency_id)
    )
    client.post(
        f"/admin/core/user/{colleague.pk}/change/",
        _staff_form(colleague, additional_areas=[_area(BURY).pk], access_change_reason="Cover"),
    )
    colleague = User.objects.get(pk=colleague.pk)
    assert colleague.agency_id != bury_staff.agency_id
    assert not colleague.additional_areas.exists()
    with pytest.raises(PermissionDenied):
        set_additional_areas(actor=bolton_admin, user=colleague, area_ids={_area(BURY).pk}, reason="Cover")


def test_additional_areas_inside_scope_need_a_reason_and_are_audited(sign_in):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    colleague = staff(Role.HELPLINE_ADVISOR, BOLTON)
    client = sign_in(admin)
    url = f"/admin/core/user/{colleague.pk}/change/"
    without_reason = client.post(url, _staff_form(colleague, additional_areas=[_area(BURY).pk]))
    assert without_reason.status_code == 200
    assert not colleague.additional_areas.exists()

    client.post(
        url, _staff_form(colleague, additional_areas=[_area(BURY).pk], access_change_reason="Covering Bury")
    )
    assert list(colleague.additional_areas.values_list("code", flat=True)) == [BURY]
    event = AuditEvent.objects.filter(subject_ref=f"core.user:{colleague.pk}").order_by("sequence").last()
    assert event.changes == {"additional_areas": [[], [BURY]]}
    assert event.reason == "Covering Bury"


def test_nobody_can_change_their_own_scope_or_ask_for_a_role_for_themselves(bolton_admin):
    with pytest.raises(PermissionDenied):
        set_additional_areas(actor=bolton_admin, user=bolton_admin, area_ids={_area(BOLTON).pk}, reason="x")
    with pytest.raises(PermissionDenied):
        request_role_grant(actor=bolton_admin, user=bolton_admin, role=Role.DATA_PROTECTION_OFFICER)
    assert not RoleGrantRequest.objects.exists()


# --- The two-person rule -------------------------------------------------------------------------


def _approve(client, grant):
    return client.post(
        "/admin/core/rolegrantrequest/", {"action": "approve", "_selected_action": [grant.pk], "index": 0}
    )


def test_an_account_created_and_made_a_data_protection_officer_waits_for_a_second_administrator(
    sign_in, bolton_admin
):
    client = sign_in(bolton_admin)
    created = client.post(
        "/admin/core/user/add/",
        {
            "username": "new-dpo",
            "password1": "a-long-new-password-1",
            "password2": "a-long-new-password-1",
            "first_name": "New",
            "last_name": "Officer",
            "email": "new-dpo@example.org",
            "agency": bolton_admin.agency_id,
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    person = User.objects.get(username="new-dpo")
    dpo = Role.DATA_PROTECTION_OFFICER
    client.post(
        f"/admin/core/user/{person.pk}/change/",
        _staff_form(person, groups=[_group(dpo)]),
    )

    assert roles_of(person) == []
    grant = RoleGrantRequest.objects.get(user=person, role=dpo)
    assert grant.status == RoleGrantStatus.PENDING
    asked = AuditEvent.objects.get(action=AuditAction.ROLE_GRANT_REQUESTED)
    assert (asked.actor, asked.subject_ref) == (bolton_admin, f"core.user:{person.pk}")

    _approve(client, grant)  # the same administrator cannot approve their own request
    assert RoleGrantRequest.objects.get(pk=grant.pk).status == RoleGrantStatus.PENDING
    assert roles_of(person) == []

    second = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    _approve(sign_in(second), grant)
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (RoleGrantStatus.APPROVED, second)
    assert roles_of(person) == [dpo]
    approved = AuditEvent.objects.get(action=AuditAction.ROLE_GRANT_APPROVED)
    assert (approved.actor, approved.subject_ref) == (second, f"core.user:{person.pk}")
    assert approved.changes["requested_by"] == bolton_admin.username


def _group(role: Role) -> int:
    from django.contrib.auth.models import Group

    return Group.objects.get(name=role.group_name).pk


def test_the_person_receiving_a_role_cannot_approve_it(bolton_admin):
    colleague_admin = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    grant = request_role_grant(actor=bolton_admin, user=colleague_admin, role=Role.DATA_PROTECTION_OFFICER)
    with pytest.raises(PermissionDenied):
        approve_role_grant(actor=colleague_admin, grant=grant)
    assert roles_of(colleague_admin) == [Role.SYSTEM_ADMINISTRATOR]
    assert RoleGrantRequest.objects.get(pk=grant.pk).status == RoleGrantStatus.PENDING


def test_an_administrator_of_another_borough_neither_sees_nor_approves_a_request(sign_in, bolton_admin):
    person = staff(Role.HELPLINE_ADVISOR, BOLTON)
    grant = request_role_grant(actor=bolton_admin, user=person, role=Role.SYSTEM_ADMINISTRATOR)
    bury_admin = staff(Role.SYSTEM_ADMINISTRATOR, BURY)
    client = sign_in(bury_admin)
    assert str(person) not in client.get("/admin/core/rolegrantrequest/").content.decode()
    _approve(client, grant)
    with pytest.raises(PermissionDenied):
        approve_role_grant(actor=bury_admin, grant=grant)
    assert roles_of(person) == [Role.HELPLINE_ADVISOR]


def test_one_administrator_cannot_give_a_powerful_role_directly_but_a_lesser_one_at_once(
    sign_in, bolton_admin
):
    person = staff(Role.HELPLINE_ADVISOR, BOLTON)
    client = sign_in(bolton_admin)
    client.post(
        f"/admin/core/user/{person.pk}/change/",
        _staff_form(person, groups=[_group(Role.SYSTEM_ADMINISTRATOR), _group(Role.PANEL_MEMBER)]),
    )
    assert roles_of(person) == [Role.PANEL_MEMBER]
    assert RoleGrantRequest.objects.filter(user=person, role=Role.SYSTEM_ADMINISTRATOR).exists()


def test_a_declined_request_gives_nothing_and_is_audited(sign_in, bolton_admin):
    person = staff(Role.HELPLINE_ADVISOR, BOLTON)
    grant = request_role_grant(actor=bolton_admin, user=person, role=Role.DATA_PROTECTION_OFFICER)
    second = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    sign_in(second).post(
        "/admin/core/rolegrantrequest/", {"action": "decline", "_selected_action": [grant.pk], "index": 0}
    )
    assert RoleGrantRequest.objects.get(pk=grant.pk).status == RoleGrantStatus.DECLINED
    assert roles_of(person) == [Role.HELPLINE_ADVISOR]
    assert AuditEvent.objects.get(action=AuditAction.ROLE_GRANT_DECLINED).actor == second
    with pytest.raises(PermissionDenied):
        approve_role_grant(actor=staff(Role.SYSTEM_ADMINISTRATOR, BOLTON), grant=grant)


# --- Passwords and headers -----------------------------------------------------------------------

NEW_PASSWORD = "correct-horse-battery-staple-7"


def test_an_administrator_setting_someones_password_is_audited_without_the_password(sign_in, bolton_admin):
    colleague = staff(Role.HELPLINE_ADVISOR, BOLTON)
    response = sign_in(bolton_admin).post(
        f"/admin/core/user/{colleague.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=colleague.pk).check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD_SET_BY_ADMINISTRATOR)
    assert (event.actor, event.subject_ref) == (bolton_admin, f"core.user:{colleague.pk}")
    everything_recorded = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert NEW_PASSWORD not in everything_recorded
    assert User.objects.get(pk=colleague.pk).password not in everything_recorded


def test_an_administrator_cannot_set_the_password_of_someone_in_another_borough(
    sign_in, bolton_admin, bury_staff
):
    response = sign_in(bolton_admin).post(
        f"/admin/core/user/{bury_staff.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 404
    assert not User.objects.get(pk=bury_staff.pk).check_password(NEW_PASSWORD)


def test_the_admin_is_served_with_the_content_security_policy(sign_in, bolton_admin):
    response = sign_in(bolton_admin).get("/admin/core/user/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_one_administrator_cannot_take_over_another_administrators_sign_in(sign_in, bolton_admin):
    # Setting a second administrator's password and removing their authenticator would let one
    # administrator sign in as the second and approve their own request.
    second = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    device = confirmed_device(second)
    client = sign_in(bolton_admin)
    response = client.post(
        f"/admin/core/user/{second.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 403
    assert not User.objects.get(pk=second.pk).check_password(NEW_PASSWORD)
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_an_administrator_removes_a_lost_authenticator_in_their_borough_only(
    sign_in, bolton_admin, bury_staff
):
    colleague = staff(Role.HELPLINE_ADVISOR, BOLTON)
    lost = confirmed_device(colleague)
    out_of_scope = confirmed_device(bury_staff)
    client = sign_in(bolton_admin)

    client.post(f"/admin/otp_totp/totpdevice/{out_of_scope.pk}/delete/", {"post": "yes"})
    assert TOTPDevice.objects.filter(pk=out_of_scope.pk).exists()

    assert client.post(f"/admin/otp_totp/totpdevice/{lost.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    event = AuditEvent.objects.get(object_type="otp_totp.totpdevice", action=AuditAction.DELETE)
    assert (event.actor, event.subject_ref) == (bolton_admin, f"core.user:{colleague.pk}")

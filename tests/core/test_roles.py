"""Roles: shipped as groups with permissions, administered by others, never by oneself."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from commonground.core.access import scope_for
from commonground.core.actions.roles import (
    approve_role_grant,
    grant_role,
    request_role_grant,
    revoke_role,
    sync_role_groups,
)
from commonground.core.models import AuditEvent, User
from commonground.core.queries import roles_drift, roles_of
from commonground.core.roles import ROLE_PERMISSIONS, Permission, Role
from tests.factories import BOLTON, GREATER_MANCHESTER, UserFactory, staff

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_with_its_shipped_permissions():
    for role in Role:
        group = Group.objects.get(name=role.group_name)
        core_permissions = group.permissions.filter(content_type__app_label="core")
        assert set(core_permissions.values_list("codename", flat=True)) == {
            p.value for p in ROLE_PERMISSIONS[role]
        }
    assert roles_drift() == {}


def test_syncing_roles_twice_changes_nothing_the_second_time():
    sync_role_groups()
    assert sync_role_groups() == []


def test_roles_check_reports_a_group_changed_by_hand():
    Group.objects.get(name=Role.HELPLINE_ADVISOR.group_name).permissions.clear()
    with pytest.raises(CommandError):
        call_command("roles", "check")
    call_command("roles", "sync")
    assert roles_drift() == {}


def test_a_role_gives_its_holder_exactly_its_permissions():
    dpo = staff(Role.DATA_PROTECTION_OFFICER, BOLTON)
    assert scope_for(dpo).permissions == ROLE_PERMISSIONS[Role.DATA_PROTECTION_OFFICER]


def test_an_administrator_grants_and_revokes_a_role_and_both_are_audited():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    user = UserFactory()

    assert grant_role(actor=admin, user=user, role=Role.PANEL_MEMBER, reason="Joins Bolton panel")
    assert roles_of(user) == [Role.PANEL_MEMBER]
    granted = AuditEvent.objects.order_by("-sequence").first()
    assert granted.actor == admin
    assert granted.changes == {"roles": {"added": Role.PANEL_MEMBER.group_name}}
    assert granted.reason == "Joins Bolton panel"

    assert revoke_role(actor=admin, user=user, role=Role.PANEL_MEMBER)
    assert roles_of(User.objects.get(pk=user.pk)) == []
    assert AuditEvent.objects.order_by("-sequence").first().changes == {
        "roles": {"removed": Role.PANEL_MEMBER.group_name}
    }


def test_granting_a_role_someone_already_holds_changes_and_records_nothing():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    user = UserFactory(roles=[Role.PANEL_MEMBER])
    before = AuditEvent.objects.count()
    assert grant_role(actor=admin, user=user, role=Role.PANEL_MEMBER) is False
    assert AuditEvent.objects.count() == before


def test_nobody_can_change_their_own_roles_not_even_an_administrator():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    with pytest.raises(PermissionDenied):
        grant_role(actor=admin, user=admin, role=Role.DATA_PROTECTION_OFFICER)
    with pytest.raises(PermissionDenied):
        revoke_role(actor=admin, user=admin, role=Role.SYSTEM_ADMINISTRATOR)
    assert roles_of(admin) == [Role.SYSTEM_ADMINISTRATOR]


def test_a_user_without_the_manage_users_permission_cannot_grant_roles():
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        grant_role(actor=coordinator, user=user, role=Role.DATA_PROTECTION_OFFICER)
    assert roles_of(user) == []


def test_the_system_administrator_role_opens_the_django_admin_and_revoking_closes_it():
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    second_admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    user = UserFactory()
    grant = request_role_grant(actor=admin, user=user, role=Role.SYSTEM_ADMINISTRATOR)
    approve_role_grant(actor=second_admin, grant=grant)
    assert User.objects.get(pk=user.pk).is_staff
    revoke_role(actor=admin, user=user, role=Role.SYSTEM_ADMINISTRATOR)
    assert not User.objects.get(pk=user.pk).is_staff


def test_the_roles_command_grants_as_a_named_administrator(capsys):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER, username="ops-admin")
    UserFactory(username="new-analyst")
    call_command(
        "roles",
        "grant",
        "new-analyst",
        Role.TENSION_ANALYST.value,
        "--by",
        "ops-admin",
        "--reason",
        "New post",
    )
    assert roles_of(User.objects.get(username="new-analyst")) == [Role.TENSION_ANALYST]
    assert AuditEvent.objects.order_by("-sequence").first().actor == admin
    assert "Tension analyst" in capsys.readouterr().out


def test_the_roles_command_refuses_a_self_grant_and_an_unknown_user():
    staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER, username="ops-admin")
    with pytest.raises(PermissionDenied):
        call_command("roles", "grant", "ops-admin", Role.DATA_PROTECTION_OFFICER.value, "--by", "ops-admin")
    with pytest.raises(CommandError, match="No user is called 'nobody'"):
        call_command("roles", "grant", "nobody", Role.PANEL_MEMBER.value)


def test_in_the_admin_an_administrator_cannot_edit_their_own_access(sign_in):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    client = sign_in(admin)
    page = client.get(f"/admin/core/user/{admin.pk}/change/")
    assert page.status_code == 200
    # Access fields are shown read-only, so there is no input to change them.
    assert b'name="groups"' not in page.content
    assert b'name="agency"' not in page.content

    dpo_group = Group.objects.get(name=Role.DATA_PROTECTION_OFFICER.group_name)
    client.post(
        f"/admin/core/user/{admin.pk}/change/",
        {
            "username": admin.username,
            "first_name": "X",
            "last_name": "Y",
            "email": admin.email,
            "groups": [dpo_group.pk],
        },
    )
    assert roles_of(User.objects.get(pk=admin.pk)) == [Role.SYSTEM_ADMINISTRATOR]


def test_in_the_admin_an_administrator_changes_someone_elses_roles_and_it_is_audited(sign_in):
    admin = staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER)
    colleague = staff(Role.HELPLINE_ADVISOR, BOLTON)
    client = sign_in(admin)
    panel_group = Group.objects.get(name=Role.PANEL_MEMBER.group_name)
    response = client.post(
        f"/admin/core/user/{colleague.pk}/change/",
        {
            "username": colleague.username,
            "first_name": colleague.first_name,
            "last_name": colleague.last_name,
            "email": colleague.email,
            "agency": colleague.agency_id,
            "groups": [panel_group.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert roles_of(User.objects.get(pk=colleague.pk)) == [Role.PANEL_MEMBER]
    event = AuditEvent.objects.filter(subject_ref=f"core.user:{colleague.pk}").order_by("-sequence").first()
    assert event.actor == admin
    assert event.changes["roles"] == [[Role.HELPLINE_ADVISOR.group_name], [Role.PANEL_MEMBER.group_name]]


def test_staff_without_the_administrator_role_cannot_open_the_admin(sign_in):
    client = sign_in(staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER))
    response = client.get("/admin/core/user/")
    assert response.status_code == 302
    assert Permission.MANAGE_USERS not in scope_for(staff(Role.DATA_PROTECTION_OFFICER, BOLTON)).permissions

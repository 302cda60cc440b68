from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission as DjangoPermission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from commonground.core import administration, audit, role_grant_workflow
from commonground.core.access import scope_for
from commonground.core.actions import moves
from commonground.core.models import AuditAction, Capability, RoleGrantRequest, RoleGrantStatus, User
from commonground.core.queries import roles_of
from commonground.core.roles import (
    ROLE_DJANGO_PERMISSIONS,
    ROLE_PERMISSIONS,
    ROLES_NEEDING_TWO_ADMINISTRATORS,
    Permission,
    Role,
)


def _capability_permissions(using: str = "default") -> dict[str, DjangoPermission]:
    content_type = ContentType.objects.db_manager(using).get_for_model(Capability, for_concrete_model=False)
    existing = {
        p.codename: p for p in DjangoPermission.objects.using(using).filter(content_type=content_type)
    }
    for permission in Permission:
        if permission.value not in existing:
            existing[permission.value] = DjangoPermission.objects.using(using).create(
                content_type=content_type, codename=permission.value, name=permission.label
            )
    return existing


def sync_role_groups(*, using: str = "default") -> list[str]:
    """Create a group per role holding the shipped permissions. Returns what it changed.
    Run after every migrate; safe to run again (it changes nothing the second time)."""
    changed = []
    with transaction.atomic(using=using):
        permissions = _capability_permissions(using)
        for role in Role:
            group, created = Group.objects.using(using).get_or_create(name=role.group_name)
            wanted = {permissions[p.value].pk for p in ROLE_PERMISSIONS[role]}
            wanted |= _django_permission_ids(ROLE_DJANGO_PERMISSIONS.get(role, frozenset()), using)
            have = set(group.permissions.values_list("pk", flat=True))
            if created or wanted != have:
                group.permissions.set(wanted)
                changed.append(role.group_name)
    return changed


def _django_permission_ids(names: frozenset[str], using: str) -> set[int]:
    """Ids of Django's model permissions ("app_label.codename"); ones whose app is not installed
    or not migrated yet are skipped (they are added by the next sync)."""
    ids = set()
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = (
            DjangoPermission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .values_list("pk", flat=True)
            .first()
        )
        if permission is not None:
            ids.add(permission)
    return ids


def _check_may_change_roles(actor: User | None, user: User) -> None:
    """Nobody changes their own roles or scope; only a user manager changes anyone's, and only for
    staff wholly inside their areas. `actor=None` is the command line, run by whoever operates the
    server."""
    if actor is None:
        return
    scope = scope_for(actor)
    administration.require_not_self(scope, user)
    administration.require_administers_person(scope, user)


def _add_role(*, actor: User | None, user: User, role: Role, reason: str, changes: dict) -> bool:
    group = Group.objects.get(name=role.group_name)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    if role in ROLE_DJANGO_PERMISSIONS and not user.is_staff:
        # The Django admin is where these roles do part of their work.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    audit.record(
        actor=actor, action=AuditAction.UPDATE, obj=user, subject=user, changes=changes, reason=reason
    )
    return True


def grant_role(*, actor: User | None, user: User, role: Role, reason: str = "") -> bool:
    """Give `user` a role. Returns False if they already had it. The roles that need two
    administrators are refused here (ask with `request_role_grant`), except from the command line."""
    _check_may_change_roles(actor, user)
    if actor is not None and role in ROLES_NEEDING_TWO_ADMINISTRATORS:
        raise PermissionDenied(f"{role.label} needs a second administrator's approval: request it instead.")
    with transaction.atomic():
        return _add_role(
            actor=actor, user=user, role=role, reason=reason, changes={"roles": {"added": role.group_name}}
        )


def revoke_role(*, actor: User | None, user: User, role: Role, reason: str = "") -> bool:
    _check_may_change_roles(actor, user)
    with transaction.atomic():
        group = Group.objects.get(name=role.group_name)
        if not user.groups.filter(pk=group.pk).exists():
            return False
        user.groups.remove(group)
        _close_admin_if_unused(user)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            subject=user,
            changes={"roles": {"removed": role.group_name}},
            reason=reason,
        )
    return True


def _close_admin_if_unused(user: User) -> None:
    user.refresh_from_db(fields=["is_staff", "is_superuser"])  # the role may have come by approval
    still_uses_admin = any(r in ROLE_DJANGO_PERMISSIONS for r in roles_of(user))
    if user.is_staff and not user.is_superuser and not still_uses_admin:
        user.is_staff = False
        user.save(update_fields=["is_staff"])


def change_roles(*, actor: User, user: User, roles: set[Role], reason: str = "") -> list[RoleGrantRequest]:
    """Set `user`'s roles to `roles` in one audited change. Roles needing two administrators are
    not given: a request for each is made instead (returned), and waits for a second administrator."""
    _check_may_change_roles(actor, user)
    with transaction.atomic():
        before = set(roles_of(user))
        to_request = {r for r in roles - before if r in ROLES_NEEDING_TWO_ADMINISTRATORS}
        after = roles - to_request
        if after != before:
            groups = Group.objects.filter(name__in=[r.group_name for r in after])
            user.groups.remove(*Group.objects.filter(name__in=[r.group_name for r in before - after]))
            user.groups.add(*groups)
            if any(r in ROLE_DJANGO_PERMISSIONS for r in after - before) and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            _close_admin_if_unused(user)
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=user,
                subject=user,
                changes={
                    "roles": [sorted(r.group_name for r in before), sorted(r.group_name for r in after)]
                },
                reason=reason,
            )
        return [
            request_role_grant(actor=actor, user=user, role=role, reason=reason)
            for role in sorted(to_request)
        ]


# --- The two-person rule -----------------------------------------------------------------------------

# Set with the decision, saved with its status.
DECIDED = ("decided_by", "decided_at")


def request_role_grant(*, actor: User, user: User, role: Role, reason: str = "") -> RoleGrantRequest:
    """Ask for `user` to be given a role that needs two administrators. Asking again while a request
    is pending returns that request."""
    _check_may_change_roles(actor, user)
    if role not in ROLES_NEEDING_TWO_ADMINISTRATORS:
        raise ValueError(f"{role.label} is given directly, without a request.")
    with transaction.atomic():
        pending = RoleGrantRequest.objects.filter(
            user=user, role=role, status=RoleGrantStatus.PENDING
        ).first()
        if pending is not None:
            return pending
        grant = RoleGrantRequest.objects.create(user=user, role=role, reason=reason, requested_by=actor)
        audit.record(
            actor=actor,
            action=AuditAction.ROLE_GRANT_REQUESTED,
            obj=grant,
            subject=user,
            changes={"role": role.group_name},
            reason=reason,
        )
    return grant


def _check_may_decide(actor: User, grant: RoleGrantRequest) -> RoleGrantRequest:
    """The decision is a second administrator's: not the one who asked, not the one receiving it."""
    scope = scope_for(actor)
    administration.require_administers_person(scope, grant.user)
    if actor.pk == grant.user_id:
        raise PermissionDenied("You cannot decide a request to give yourself a role.")
    locked = RoleGrantRequest.objects.select_for_update().get(pk=grant.pk)
    if locked.status != RoleGrantStatus.PENDING:
        raise PermissionDenied("This request has already been decided.")
    return locked


def approve_role_grant(*, actor: User, grant: RoleGrantRequest) -> None:
    """A second administrator approves: the role is given now, and both steps are in the audit trail."""
    with transaction.atomic():
        grant = _check_may_decide(actor, grant)
        if actor.pk == grant.requested_by_id:
            raise PermissionDenied("A second administrator must approve a request you made.")
        grant.decided_by = actor
        grant.decided_at = timezone.now()
        status = moves.make_move(
            grant, role_grant_workflow.MACHINE, role_grant_workflow.APPROVE, also=DECIDED
        )
        role = Role(grant.role)
        audit.record(
            actor=actor,
            action=AuditAction.ROLE_GRANT_APPROVED,
            obj=grant,
            subject=grant.user,
            changes={"role": role.group_name, "requested_by": grant.requested_by.username, "status": status},
        )
        _add_role(
            actor=actor,
            user=grant.user,
            role=role,
            reason=grant.reason,
            changes={"roles": {"added": role.group_name}, "requested_by": grant.requested_by.username},
        )


def decline_role_grant(*, actor: User, grant: RoleGrantRequest, reason: str = "") -> None:
    """Another administrator declines (or the one who asked withdraws); nothing is given."""
    with transaction.atomic():
        grant = _check_may_decide(actor, grant)
        grant.decided_by = actor
        grant.decided_at = timezone.now()
        status = moves.make_move(
            grant, role_grant_workflow.MACHINE, role_grant_workflow.DECLINE, also=DECIDED
        )
        audit.record(
            actor=actor,
            action=AuditAction.ROLE_GRANT_DECLINED,
            obj=grant,
            subject=grant.user,
            changes={"role": Role(grant.role).group_name, "status": status},
            reason=reason,
        )


def set_additional_areas(*, actor: User | None, user: User, area_ids: set[int], reason: str) -> None:
    """Grant (or take away) scope beyond the user's agency. A reason is required."""
    _check_may_change_roles(actor, user)
    if actor is not None:
        administration.require_areas_in_scope(scope_for(actor), area_ids)
    if not reason.strip():
        raise ValueError("Give a reason for changing someone's scope.")
    with transaction.atomic():
        before = set(user.additional_areas.values_list("code", flat=True))
        user.additional_areas.set(area_ids)
        after = set(user.additional_areas.values_list("code", flat=True))
        if before != after:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=user,
                subject=user,
                changes={"additional_areas": [sorted(before), sorted(after)]},
                reason=reason,
            )

from django.contrib.auth.models import Group
from django.contrib.auth.models import Permission as DjangoPermission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, Capability, User
from commonground.core.roles import ROLE_DJANGO_PERMISSIONS, ROLE_PERMISSIONS, Permission, Role


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


def roles_drift() -> dict[str, dict[str, list[str]]]:
    """Where the groups in the database differ from the shipped defaults (for `roles check`)."""
    drift = {}
    for role in Role:
        group = Group.objects.filter(name=role.group_name).first()
        have = (
            {
                f"{app}.{code}"
                for app, code in group.permissions.values_list("content_type__app_label", "codename")
            }
            if group
            else set()
        )
        wanted = {p.django_name for p in ROLE_PERMISSIONS[role]} | set(ROLE_DJANGO_PERMISSIONS.get(role, ()))
        if have != wanted:
            drift[role.group_name] = {"missing": sorted(wanted - have), "extra": sorted(have - wanted)}
    return drift


def roles_of(user: User) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.group_name in names]


def _check_may_change_roles(actor: User | None, user: User) -> None:
    """Nobody changes their own roles or scope; only a user manager changes anyone's.
    `actor=None` is the command line, run by whoever operates the server."""
    if actor is None:
        return
    if actor.pk == user.pk:
        raise PermissionDenied("You cannot change your own roles or scope. Ask another administrator.")
    scope_for(actor).require(Permission.MANAGE_USERS)


def grant_role(*, actor: User | None, user: User, role: Role, reason: str = "") -> bool:
    """Give `user` a role. Returns False if they already had it."""
    _check_may_change_roles(actor, user)
    with transaction.atomic():
        group = Group.objects.get(name=role.group_name)
        if user.groups.filter(pk=group.pk).exists():
            return False
        user.groups.add(group)
        if role in ROLE_DJANGO_PERMISSIONS and not user.is_staff:
            # The Django admin is where these roles do part of their work.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            subject=user,
            changes={"roles": {"added": role.group_name}},
            reason=reason,
        )
    return True


def revoke_role(*, actor: User | None, user: User, role: Role, reason: str = "") -> bool:
    _check_may_change_roles(actor, user)
    with transaction.atomic():
        group = Group.objects.get(name=role.group_name)
        if not user.groups.filter(pk=group.pk).exists():
            return False
        user.groups.remove(group)
        still_uses_admin = any(r in ROLE_DJANGO_PERMISSIONS for r in roles_of(user))
        if user.is_staff and not user.is_superuser and not still_uses_admin:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            subject=user,
            changes={"roles": {"removed": role.group_name}},
            reason=reason,
        )
    return True


def set_additional_areas(*, actor: User | None, user: User, area_ids: set[int], reason: str) -> None:
    """Grant (or take away) scope beyond the user's agency. A reason is required."""
    _check_may_change_roles(actor, user)
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

"""Staff records and agencies, as administrators change them (in the Django admin). Each change
is checked against what the administrator administers (`core.administration`) and audited."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice

from commonground.core import administration, audit
from commonground.core.access import scope_for
from commonground.core.models import Agency, AuditAction, User

# Fields of a staff record that decide what the person may see or do.
ACCESS_FIELDS = frozenset({"agency", "is_active", "is_staff", "is_superuser"})


def save_staff_record(*, actor: User, user: User, changes: Mapping[str, Any]) -> User:
    """Create or update a member of staff's record (roles and additional areas have their own
    actions). `user` carries the new values; `changes` names what changed, for the audit trail."""
    scope = scope_for(actor)
    creating = user.pk is None
    administration.require_administers_person(scope, user)
    if not creating and set(changes) & ACCESS_FIELDS:
        administration.require_not_self(scope, user)
    if (user.agency_id is None and not scope.covers_combined_authority) or (
        user.agency_id is not None
        and not administration.agencies_administered_by(scope).filter(pk=user.agency_id).exists()
    ):
        raise PermissionDenied("You can only place staff in agencies inside your areas.")
    with transaction.atomic():
        user.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=user,
            subject=user,
            changes={name: str(value) for name, value in changes.items() if name != "password"},
        )
    return user


def set_password_by_administrator(*, actor: User, user: User, password: str | None) -> None:
    """An administrator sets someone's password (or, with `None`, switches password sign-in off).
    The audit trail records that it happened and who did it, never the password."""
    administration.require_may_reset_sign_in(scope_for(actor), user)
    with transaction.atomic():
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(
            actor=actor,
            action=AuditAction.PASSWORD_SET_BY_ADMINISTRATOR,
            obj=user,
            subject=user,
            changes={"password_sign_in": "on" if password is not None else "off"},
        )


def save_agency(
    *, actor: User, agency: Agency, area_ids: Iterable[int], changes: Mapping[str, Any]
) -> Agency:
    """Create or update an agency. The areas it serves must be inside the administrator's own, and
    nobody changes their own agency (that would change their own scope)."""
    scope = scope_for(actor)
    area_ids = set(area_ids)
    administration.require_administers_agency(scope, agency)
    administration.require_areas_in_scope(scope, area_ids)
    creating = agency.pk is None
    with transaction.atomic():
        before = set() if creating else set(agency.areas.values_list("code", flat=True))
        agency.save()
        agency.areas.set(area_ids)
        after = set(agency.areas.values_list("code", flat=True))
        recorded: dict[str, Any] = {name: str(value) for name, value in changes.items() if name != "areas"}
        if before != after:
            recorded["areas"] = [sorted(before), sorted(after)]
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            obj=agency,
            changes=recorded,
        )
    return agency


def remove_authenticator(*, actor: User, device) -> None:
    """Remove someone's authenticator (a lost phone): they set up a new one at their next sign-in."""
    administration.require_may_reset_sign_in(scope_for(actor), device.user)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=device,
            subject=device.user,
            reason="Two-factor authentication reset by an administrator",
        )
        # A reset means setting up afresh at the next sign-in: the old recovery codes go too.
        StaticDevice.objects.filter(user=device.user).delete()
        device.delete()

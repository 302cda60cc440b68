"""What an administrator may administer: the agencies, staff and areas wholly inside their scope.

Seeing a colleague (`access.visible`) needs only an overlap with one's areas; changing someone's
access needs more, because whatever an administrator grants applies everywhere the person works.
So an administrator administers an agency only when every area it serves is in their scope, and a
person only when their agency and any additional areas are. Nobody administers their own access:
their own agency, their own record's access fields and the teams they sit in are read-only to them
(the actions refuse such changes; the admin shows them read-only).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from commonground.core.access import Scope
from commonground.core.models import Agency, Area, User
from commonground.core.roles import ROLES_NEEDING_TWO_ADMINISTRATORS, Permission


def may_administer(scope: Scope) -> bool:
    return scope.can(Permission.MANAGE_USERS)


def areas_administered_by(scope: Scope) -> QuerySet[Area]:
    if not may_administer(scope):
        return Area.objects.none()
    return Area.objects.filter(pk__in=scope.area_ids)


def _areas_outside(scope: Scope) -> QuerySet[Area]:
    return Area.objects.exclude(pk__in=scope.area_ids)


def agencies_administered_by(scope: Scope) -> QuerySet[Agency]:
    """Agencies serving areas in scope and none outside it (the combined authority's
    administrators administer every agency, including one not yet given areas)."""
    if not may_administer(scope):
        return Agency.objects.none()
    if scope.covers_combined_authority:
        return Agency.objects.all()
    serving_in_scope = Agency.objects.filter(areas__in=scope.area_ids).values("pk")
    return Agency.objects.filter(pk__in=serving_in_scope).exclude(areas__in=_areas_outside(scope))


def staff_administered_by(scope: Scope) -> QuerySet[User]:
    """Staff of agencies administered by `scope` whose additional areas are in scope too."""
    if not may_administer(scope):
        return User.objects.none()
    if scope.covers_combined_authority:
        return User.objects.all()
    return User.objects.filter(agency__in=agencies_administered_by(scope)).exclude(
        additional_areas__in=_areas_outside(scope)
    )


def require_administers_agency(scope: Scope, agency: Agency) -> None:
    """Refuse a change to an agency outside the administrator's areas, or to their own agency."""
    scope.require(Permission.MANAGE_USERS)
    if agency.pk is not None and not agencies_administered_by(scope).filter(pk=agency.pk).exists():
        raise PermissionDenied("This agency serves areas outside yours.")
    if agency.pk is not None and agency.pk == scope.user.agency_id:
        raise PermissionDenied("You cannot change your own agency. Ask another administrator.")


def require_areas_in_scope(scope: Scope, area_ids) -> None:
    outside = set(area_ids) - set(scope.area_ids)
    if outside:
        raise PermissionDenied("You can only choose areas inside your own.")


def require_administers_person(scope: Scope, user: User) -> None:
    """Refuse a change to someone outside the administrator's areas. Changing one's own access is
    refused separately (`require_not_self`)."""
    scope.require(Permission.MANAGE_USERS)
    if user.pk is not None and not staff_administered_by(scope).filter(pk=user.pk).exists():
        raise PermissionDenied("This person works outside your areas.")


def require_not_self(scope: Scope, user: User) -> None:
    if user.pk is not None and user.pk == scope.user.pk:
        raise PermissionDenied("You cannot change your own roles or scope. Ask another administrator.")


def holds_a_role_needing_two_administrators(user: User) -> bool:
    names = [role.group_name for role in ROLES_NEEDING_TWO_ADMINISTRATORS]
    return user.groups.filter(name__in=names).exists()


def require_may_reset_sign_in(scope: Scope, user: User) -> None:
    """Setting someone's password or removing their authenticator lets whoever does it sign in as
    them. For a holder of a powerful role that would let one administrator act as a second one (and
    approve their own request), so it is refused: they use the emailed password reset, and a lost
    authenticator is removed by the server's operator."""
    require_administers_person(scope, user)
    if user.pk != scope.user.pk and holds_a_role_needing_two_administrators(user):
        raise PermissionDenied(
            "This person holds a role that needs two administrators: they reset their own password, "
            "and a lost authenticator is removed by the service's operator."
        )

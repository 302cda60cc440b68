"""Helpers to write expected outcomes per role for the URL permission matrix."""

from commonground.core.roles import Role

ANON = "anonymous"
ROLES = [ANON, *[role.value for role in Role]]
SYSADMIN = Role.SYSTEM_ADMINISTRATOR.value
DPO = Role.DATA_PROTECTION_OFFICER.value


def everyone(status):
    return dict.fromkeys(ROLES, status)


def staff_page(status=200, *, anonymous=302):
    return {ANON: anonymous, **{role: status for role in ROLES if role != ANON}}


def only(*allowed, ok=200, other=403):
    return {ANON: 302, **{role: ok if role in allowed else other for role in ROLES if role != ANON}}


PROGRAMME = Role.PROGRAMME_MANAGER.value


def admin_page(status_for_sysadmin=200, status_for_programme_manager=403):
    """The admin sends anyone without admin access to sign in (302). System administrators and
    programme managers (who edit advice content there) get in, each with their own model rights."""
    return {
        **dict.fromkeys(ROLES, 302),
        SYSADMIN: status_for_sysadmin,
        PROGRAMME: status_for_programme_manager,
    }

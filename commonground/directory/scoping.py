"""Who sees what in the directories, through the one scoping layer (core/access.py).

Entries, their audits and actions belong to the borough their postcode lies in: those who keep or
audit the directories see the entries of their areas (a borough programme lead their borough, the
combined authority's programme manager every borough). Directory entries hold no personal data of
the public: they describe places. One field may name a person, the entry's contact, so entries are
registered as holding personal data; audits name their auditor, a member of staff.
The languages and the audit checklist are reference data."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.directory import models

DIRECTORY_PERMISSIONS = (Permission.MANAGE_DIRECTORY, Permission.AUDIT_DIRECTORY_ENTRIES)


def keeps_the_directory(scope: Scope) -> bool:
    return any(scope.can(permission) for permission in DIRECTORY_PERMISSIONS)


def _in_directory_areas(borough_path: str):
    """Rows whose entry lies in the scope's boroughs, for those who keep or audit the directories.
    An entry with no borough (never the case through the actions) is left to the combined
    authority's team."""

    def rows_in_scope(scope: Scope, rows):
        if not keeps_the_directory(scope):
            return rows.none()
        condition = Q(**{f"{borough_path}__in": scope.area_ids})
        if scope.covers_combined_authority:
            condition |= Q(**{f"{borough_path}__isnull": True})
        return rows.filter(condition)

    return rows_in_scope


def _register(model, borough_path: str, *, personal: bool) -> None:
    access.register(
        model,
        ScopeRule(
            view_permission=Permission.USE_STAFF_AREA,
            custom_filter=_in_directory_areas(borough_path),
            holds_personal_data=personal,
        ),
    )


_register(models.DirectoryEntry, "borough", personal=True)
_register(models.OpeningHours, "entry__borough", personal=False)
_register(models.Audit, "entry__borough", personal=True)
_register(models.AuditFinding, "audit__entry__borough", personal=False)
_register(models.AuditAction, "audit__entry__borough", personal=True)

access.declare_unscoped("directory.language", "reference data: languages spoken at a place")
access.declare_unscoped("directory.auditchecklistitem", "reference data: the directory audit checklist")

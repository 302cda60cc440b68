"""Who sees subject access requests: data protection officers, partnership-wide (a request is about
a person, wherever their records are). The search itself reads past every app's scope on purpose,
with a reason, audited: that is its point."""

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.governance import models


def _officers(scope: Scope, rows):
    return rows if scope.can(Permission.HANDLE_SUBJECT_ACCESS) else rows.none()


for model in (models.SubjectAccessRequest, models.ChosenRecord, models.Disclosure, models.LegalHold):
    access.register(
        model, ScopeRule(view_permission=Permission.HANDLE_SUBJECT_ACCESS, custom_filter=_officers)
    )

"""Who sees sharing agreements: data protection officers, every agreement; any other member of staff
holding VIEW_SHARING_AGREEMENTS, the agreements their agency is a party to, and the disclosures
their agency made or received."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.sharing import models


def _agreements(scope: Scope, rows):
    if scope.can(Permission.MANAGE_SHARING_AGREEMENTS):
        return rows
    if scope.user.agency_id is None:
        return rows.none()
    return rows.filter(parties=scope.user.agency_id).distinct()


def _disclosures(scope: Scope, rows):
    # A party sees what its own agency shared or received, not what two other parties of the
    # same agreement shared with each other (it sees those only as counts).
    if scope.can(Permission.MANAGE_SHARING_AGREEMENTS):
        return rows
    if scope.user.agency_id is None:
        return rows.none()
    return rows.filter(Q(from_agency=scope.user.agency_id) | Q(to_agency=scope.user.agency_id))


access.register(
    models.SharingAgreement,
    ScopeRule(view_permission=Permission.VIEW_SHARING_AGREEMENTS, custom_filter=_agreements),
)
access.register(
    models.AgreementDisclosure,
    ScopeRule(view_permission=Permission.VIEW_SHARING_AGREEMENTS, custom_filter=_disclosures),
)

"""Who sees safeguarding referrals.

In this slice only safeguarding coordinators (`MANAGE_CASES`) see referrals, and only those whose
borough is in their scope (a coordinator for the combined authority sees every borough). Referrers
submit but cannot open what they sent. Panel members, and agencies answering information-sharing
requests, will see the cases they are members of when panels and requests arrive in the next
slice, through a rule added here. The gateway check, screening decisions and equality monitoring
follow their referral. Out of scope answers 404, like a missing record.
"""

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.safeguarding.models import EqualityMonitoring, GatewayCheck, Referral, ScreeningDecision


def _through_referral(scope: Scope, rows):
    return rows.filter(referral__in=access.visible(scope, Referral).values("pk"))


access.register(Referral, ScopeRule(view_permission=Permission.MANAGE_CASES, area_lookup="borough"))
for model in (ScreeningDecision, GatewayCheck, EqualityMonitoring):
    access.register(
        model, ScopeRule(view_permission=Permission.MANAGE_CASES, custom_filter=_through_referral)
    )

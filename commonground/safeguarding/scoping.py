"""Who sees safeguarding casework: need to know, nothing more.

- Coordinators (`MANAGE_CASES`) see referrals whose borough is in their scope (a coordinator for
  the combined authority sees every borough), with everything recorded about them.
- Panel members (`VIEW_PANEL_CASES`) see a case only while it is on the agenda of a panel they
  attend (recorded in the meeting's attendance as present, not apologies) and only while it is open,
  and only as the panel case view: the coordinator's pages start from `managed_referrals`.
- Staff of an agency asked for information (`ANSWER_INFORMATION_REQUESTS`) see only the requests
  exchanged with their agency, either way (asked of it, or asked by it of the coordinator), with
  their answers' versions and threads: not the referral, not other agencies' requests.
- Referrers submit but cannot open what they sent. Equality monitoring is for coordinators only
  and never shown on decision screens.
Out of scope answers 404, like a missing record. A data protection officer may open a record
outside this, with a reason, through `queries.open_referral_outside_scope` (flagged in the audit).
"""

from django.db.models import Model, Q
from django.urls import reverse

from commonground.core import access, break_glass, policy
from commonground.core.access import Scope, ScopeRule
from commonground.core.models import Agency
from commonground.core.roles import Permission
from commonground.safeguarding.models import (
    AgendaItem,
    Attendance,
    CaseEvent,
    EqualityMonitoring,
    ExitReview,
    FactorDiscussion,
    GatewayCheck,
    InformationAnswerRevision,
    InformationRequest,
    InformationRequestMessage,
    Intervention,
    PanelDecision,
    PanelMeeting,
    PlanAction,
    ProgressNote,
    Referral,
    ReferralStatus,
    RequestDirection,
    ScreeningDecision,
)

# A case a panel member may still see: from the panel agenda until support ends.
OPEN_FOR_PANEL = [
    ReferralStatus.INFORMATION_GATHERING,
    ReferralStatus.AT_PANEL,
    ReferralStatus.ADOPTED,
]


def _referrals(scope: Scope, referrals):
    visible = Q(pk__in=[])
    if scope.can(Permission.MANAGE_CASES):
        visible |= Q(borough__in=scope.area_ids)
    if scope.can(Permission.VIEW_PANEL_CASES):
        # Recorded as attending (not only sending apologies), in one condition on the same row.
        on_my_panels = AgendaItem.objects.filter(
            meeting__attendance__person=scope.user, meeting__attendance__attended=True
        ).values("referral_id")
        visible |= Q(pk__in=on_my_panels, status__in=OPEN_FOR_PANEL)
    # One condition on the referral's own row, which joins nothing (so no row is repeated). Put
    # behind `pk IN (SELECT pk FROM referral WHERE …)` it made PostgreSQL read every referral to
    # join it back: 40 ms of a coordinator's list of 5,000 cases, not 1 (benchmarks/casework.py).
    return referrals.filter(visible)


def managed_referrals(scope: Scope, referrals=None):
    """The referrals a coordinator manages: their boroughs', with everything recorded about them.

    `visible(scope, Referral)` also holds the panel cases a person sits on, which they may see only
    as the panel case view. The coordinator's pages (the referral page, its steps, edit, support
    plan, information requests) start from here, so a panel member, or a coordinator of another
    borough who sits on this borough's panel, gets "not found" there, like a missing referral."""
    referrals = access.visible(scope, referrals if referrals is not None else Referral)
    if not scope.can(Permission.MANAGE_CASES):
        return referrals.none()
    opened_in_emergency = scope.break_glass_pks(Referral)
    if opened_in_emergency:
        # A referral the coordinator opened in an emergency, for its hour (core/break_glass.py).
        return referrals.filter(Q(borough__in=scope.area_ids) | Q(pk__in=opened_in_emergency))
    return referrals.filter(borough__in=scope.area_ids)


def _through_referral(scope: Scope, rows):
    return rows.filter(referral__in=access.visible(scope, Referral).values("pk"))


def _through_agenda_item(scope: Scope, rows):
    return rows.filter(agenda_item__referral__in=access.visible(scope, Referral).values("pk"))


def agencies_in_the_case(referral_id: int):
    """The agencies that are part of a case and so may ask its coordinator about it: those asked
    about it already, and those with someone recorded as attending (not apologies) a panel with the
    case on its agenda while the case is open (as a panel member's view of it). An agency's staff
    who answer information requests ask for it (`actions.information.ask_coordinator`)."""
    asked = InformationRequest.objects.filter(
        referral_id=referral_id, direction=RequestDirection.TO_AGENCY
    ).values("agency_id")
    at_its_panels = Attendance.objects.filter(
        attended=True,
        meeting__agenda__referral_id=referral_id,
        meeting__agenda__referral__status__in=OPEN_FOR_PANEL,
    ).values("agency_id")
    return Agency.objects.filter(Q(pk__in=asked) | Q(pk__in=at_its_panels))


def _information_requests(scope: Scope, requests):
    visible = Q(referral__in=access.visible(scope, Referral).values("pk"))
    if scope.can(Permission.ANSWER_INFORMATION_REQUESTS) and scope.user.agency_id:
        visible |= Q(agency_id=scope.user.agency_id)
    return requests.filter(visible)


def _meetings(scope: Scope, meetings):
    visible = Q(pk__in=[])
    if scope.can(Permission.MANAGE_CASES):
        visible |= Q(borough__in=scope.area_ids)
    if scope.can(Permission.VIEW_PANEL_CASES):
        visible |= Q(attendance__person=scope.user)
    return meetings.filter(pk__in=PanelMeeting.objects.filter(visible).values("pk"))


access.register(Referral, ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_referrals))
model: type[Model]
for model in (ScreeningDecision, GatewayCheck, Intervention, PlanAction, CaseEvent, ExitReview, AgendaItem):
    access.register(
        model, ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_through_referral)
    )
for model in (FactorDiscussion, PanelDecision):
    access.register(
        model, ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_through_agenda_item)
    )
access.register(
    ProgressNote,
    ScopeRule(
        view_permission=Permission.USE_STAFF_AREA,
        custom_filter=lambda scope, rows: rows.filter(
            intervention__referral__in=access.visible(scope, Referral).values("pk")
        ),
    ),
)
access.register(
    InformationRequest,
    ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_information_requests),
)
# An answer's versions and a request's thread: whoever sees the request, and nobody else.
for model in (InformationAnswerRevision, InformationRequestMessage):
    access.register(
        model,
        ScopeRule(
            view_permission=Permission.USE_STAFF_AREA,
            custom_filter=lambda scope, rows: rows.filter(
                request__in=access.visible(scope, InformationRequest).values("pk")
            ),
        ),
    )
access.register(PanelMeeting, ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_meetings))
access.register(
    Attendance,
    ScopeRule(
        view_permission=Permission.USE_STAFF_AREA,
        custom_filter=lambda scope, rows: rows.filter(
            meeting__in=access.visible(scope, PanelMeeting).values("pk")
        ),
    ),
)
# Equality monitoring: coordinators only, for fairness statistics; never on decision screens.
access.register(
    EqualityMonitoring, ScopeRule(view_permission=Permission.MANAGE_CASES, custom_filter=_through_referral)
)
access.declare_unscoped(
    "safeguarding.vulnerabilityfactor", "reference data: the factors of the assessment framework"
)
# Retention reviews: data protection officers only, partnership-wide (see actions/retention.py).
from commonground.safeguarding.models import RetentionReview  # noqa: E402

access.register(RetentionReview, ScopeRule(view_permission=Permission.ACCESS_OUTSIDE_SCOPE))
# A panel pack prepared in the background: only for the person who asked for it, while the meeting
# is still theirs to see (queries/documents.py checks it is still theirs to produce).
from commonground.safeguarding.models import PanelPackFile  # noqa: E402

access.register(
    PanelPackFile,
    ScopeRule(
        view_permission=Permission.USE_STAFF_AREA,
        custom_filter=lambda scope, rows: rows.filter(
            requested_by=scope.user, meeting__in=access.visible(scope, PanelMeeting).values("pk")
        ),
    ),
)

# A coordinator may open a referral of another borough in an emergency, with a reason, for an
# hour (core/break_glass.py); the borough's coordinators are told at once.
break_glass.register(
    break_glass.BreakGlassTarget(
        model=Referral,
        noun="safeguarding referral",
        permission=Permission.MANAGE_CASES,
        reference_field="reference",
        owners=lambda referral: policy.who_may(Permission.MANAGE_CASES, area=referral.borough_id),
        url=lambda referral: reverse("safeguarding:referral", args=[referral.pk]),
        reach=managed_referrals,
    )
)

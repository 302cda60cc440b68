"""Notices to staff about casework (`core.notifications`): an information request received by an
agency or gone overdue, an exit review falling due. Subjects carry no one's details: the kind of
work, a date, the referral's number at most; the page is behind sign-in."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from commonground.core import policy
from commonground.core.models import NotificationKind
from commonground.core.notifications import Notice, item_key, notify_many, notify_people
from commonground.core.roles import Permission
from commonground.safeguarding.models import ExitReview, InformationRequest, RequestDirection
from commonground.safeguarding.queries.support import REVIEWS_DUE_WITHIN_DAYS

# Requests overdue for longer were told of when they went overdue: the sweep looks back this far.
OVERDUE_LOOKBACK = timedelta(days=60)


def _answerers(agency_id: int):
    return policy.who_may(Permission.ANSWER_INFORMATION_REQUESTS, agencies=[agency_id])


def information_request_received(request: InformationRequest) -> None:
    """The staff of the agency asked who may answer its requests."""
    notify_people(
        _answerers(request.agency_id),
        Notice(
            kind=NotificationKind.INFORMATION_REQUEST_RECEIVED,
            item_key=item_key(request),
            subject=f"An information request for your agency, due {request.due_on:%d %B %Y}",
            url=reverse("safeguarding:information-request", args=[request.pk]),
        ),
    )


def overdue_information_requests_sweep(now: datetime) -> int:
    today = timezone.localdate(now)
    overdue = InformationRequest.objects.filter(
        direction=RequestDirection.TO_AGENCY,
        answered_at__isnull=True,
        closed_at__isnull=True,
        due_on__lt=today,
        due_on__gte=today - OVERDUE_LOOKBACK,
    ).values_list("pk", "agency_id", "due_on")
    answerers: dict[int, list[int]] = {}
    for _pk, agency_id, _due in overdue:
        if agency_id not in answerers:
            answerers[agency_id] = list(_answerers(agency_id).values_list("pk", flat=True))
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.INFORMATION_REQUEST_OVERDUE,
                item_key=f"safeguarding.informationrequest:{pk}",
                subject=f"An information request to your agency was due on {due_on:%d %B %Y} and is overdue",
                url=reverse("safeguarding:information-request", args=[pk]),
            ),
        )
        for pk, agency_id, due_on in overdue
        for user_id in answerers[agency_id]
    )


def exit_reviews_due_sweep(now: datetime) -> int:
    """Exit reviews not done and due within the staff home's window: the coordinators of the case's
    borough are told once each."""
    today = timezone.localdate(now)
    reviews = ExitReview.objects.filter(
        completed_at__isnull=True,
        due_on__lte=today + timedelta(days=REVIEWS_DUE_WITHIN_DAYS),
        due_on__gte=today - OVERDUE_LOOKBACK,
    ).values_list("pk", "referral_id", "referral__borough_id", "months_after_exit", "due_on")
    coordinators: dict[int, list[int]] = {}
    for _pk, _referral_id, borough_id, _months, _due in reviews:
        if borough_id not in coordinators:
            coordinators[borough_id] = list(
                policy.who_may(Permission.MANAGE_CASES, area=borough_id).values_list("pk", flat=True)
            )
    return notify_many(
        (
            user_id,
            Notice(
                kind=NotificationKind.REVIEW_DUE,
                item_key=f"safeguarding.exitreview:{pk}",
                subject=f"A {months}-month exit review of referral {referral_id} is due on {due_on:%d %B %Y}",
                url=reverse("safeguarding:complete-exit-review", args=[referral_id, pk]),
            ),
        )
        for pk, referral_id, borough_id, months, due_on in reviews
        for user_id in coordinators[borough_id]
    )

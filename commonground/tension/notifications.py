"""Notices to staff about tension work (`core.notifications`): a response action assigned to an
agency. Area-level work, but the subject still keeps to the kind of work and its due date."""

from django.urls import reverse
from django.utils import timezone

from commonground.core import policy
from commonground.core.models import NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.tension.models import ResponseAction


def response_action_assigned(action: ResponseAction, *, actor: User) -> None:
    """The owner agency's staff who may update its actions and see its area (not the person who
    created it): someone whose areas do not cover it could not open it."""
    staff = policy.who_may(
        Permission.UPDATE_RESPONSE_ACTIONS,
        agencies=[action.owner_agency_id],
        among=policy.who_may(Permission.VIEW_TENSION, area=action.area_id),
    )
    notify_people(
        staff.exclude(pk=actor.pk),
        Notice(
            kind=NotificationKind.RESPONSE_ACTION_ASSIGNED,
            item_key=item_key(action),
            subject=f"A tension response action for your agency, due {timezone.localtime(action.due_at):%d %B %Y %H:%M}",
            url=reverse("tension:action", args=[action.pk]),
        ),
    )

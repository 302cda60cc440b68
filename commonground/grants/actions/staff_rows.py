"""The rows the staff actions act on, locked and narrowed to the actor's reach, and the people told
of grants work. Shared by the staff actions only."""

from django.db.models import QuerySet
from django.urls import reverse

from commonground.core import access, policy
from commonground.core.access import Scope
from commonground.core.models import NotificationKind, User
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.roles import Permission
from commonground.grants.models import GrantApplication, GrantRound

APPLICATION_NOT_FOUND = "That grant application was not found."


def locked_application(scope: Scope, application_id: int) -> GrantApplication:
    """The application, locked for this transaction, if the actor's scope reaches it."""
    rows = access.visible(scope, GrantApplication.objects.select_for_update(of=("self",)))
    return policy.row_to_act_on(rows, application_id, APPLICATION_NOT_FOUND)


def locked_round(scope: Scope, round_id: int) -> GrantRound:
    rows = access.visible(scope, GrantRound.objects.select_for_update())
    return policy.row_to_act_on(rows, round_id, "That grant round was not found.")


def application_notice(application: GrantApplication, kind: NotificationKind, subject: str) -> Notice:
    """A notice naming only the application's reference, never the group or its event."""
    return Notice(
        kind=kind,
        item_key=item_key(application),
        subject=f"{subject}: {application.reference}",
        url=reverse("grants:staff-application", args=[application.pk]),
    )


def tell(people: QuerySet[User], notice: Notice) -> int:
    return notify_people(people, notice)


def officers_and_panel() -> QuerySet[User]:
    officers = policy.who_may(Permission.MANAGE_GRANTS)
    panel = policy.who_may(Permission.DECIDE_GRANTS)
    return (officers | panel).distinct().order_by("pk")

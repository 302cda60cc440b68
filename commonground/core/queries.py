"""Reads of the core app. Each starts from the user's scope; personal records go through
`access.visible` and opening one is audited."""

from datetime import date, datetime, time, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from commonground.core import access
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.models import (
    ApiToken,
    Area,
    AreaLevel,
    AuditAction,
    AuditEvent,
    Notification,
    NotificationDelivery,
    NotificationPreference,
    User,
)
from commonground.core.roles import ROLE_DJANGO_PERMISSIONS, ROLE_PERMISSIONS, Permission, Role
from commonground.core.waiting import WaitingItem


def staff_visible_to(scope: Scope, *, search: str = "") -> QuerySet[User]:
    people = access.visible(scope, User).filter(is_active=True).select_related("agency")
    if search:
        people = people.filter(
            Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(username__icontains=search)
            | Q(agency__name__icontains=search)
        )
    return people.prefetch_related("groups")


def open_staff_record(scope: Scope, user_id: int) -> User:
    """A colleague's record; the opening is audited. Out of scope answers 404."""
    person = access.get_visible_or_404(scope, staff_visible_to(scope), pk=user_id)
    record_read(scope=scope, obj=person, subject=person)
    return person


def boroughs_in_scope(scope: Scope) -> QuerySet[Area]:
    return Area.objects.filter(pk__in=scope.borough_ids).order_by("name")


def areas_listing(scope: Scope, *, parent_code: str | None = None) -> QuerySet[Area]:
    scope.require(Permission.VIEW_AREAS)
    if parent_code:
        return Area.objects.filter(parent__code=parent_code).order_by("name")
    return Area.objects.filter(level=AreaLevel.BOROUGH).select_related("parent").order_by("name")


def area_by_code(scope: Scope, code: str) -> Area:
    scope.require(Permission.VIEW_AREAS)
    return get_object_or_404(Area.objects.select_related("parent"), code=code.upper())


def audit_events(
    scope: Scope,
    *,
    person: str = "",
    actor: str = "",
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    outside_scope_only: bool = False,
) -> QuerySet[AuditEvent]:
    events = access.visible(scope, AuditEvent)
    if person:
        # A reference (core.user:12) also finds the list pages and pages that showed the record.
        shown = {"changes__shown__icontains": f'"{person}"'}
        events = events.filter(Q(subject_ref=person) | Q(object_repr__icontains=person) | Q(**shown))
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if action:
        events = events.filter(action=action)
    zone = timezone.get_current_timezone()
    if date_from:
        events = events.filter(occurred_at__gte=datetime.combine(date_from, time.min, zone))
    if date_to:
        events = events.filter(occurred_at__lt=datetime.combine(date_to + timedelta(days=1), time.min, zone))
    if outside_scope_only:
        events = events.filter(outside_normal_scope=True)
    return events.order_by("-sequence")


def record_audit_search(scope: Scope, filters: dict) -> None:
    """Searching the trail is itself audited (it reveals who did what)."""
    record_read(
        scope=scope,
        object_type="core.auditevent",
        object_repr="Audit trail search",
        changes={"filters": {k: v for k, v in filters.items() if v}},
    )


# --- Waiting lists for the staff home page ---------------------------------------------------------


def access_outside_scope_to_review(scope: Scope) -> list[WaitingItem]:
    since = timezone.now() - timedelta(days=30)
    # Pages read under an emergency grant are left out: the grant itself is listed, and reviewed
    # with its outcome on the break-glass review.
    events = (
        audit_events(scope, outside_scope_only=True)
        .filter(occurred_at__gte=since)
        .filter(~Q(action=AuditAction.VIEW) | ~Q(changes__has_key="break_glass"))[:20]
    )
    url = reverse("core:audit-search")
    return [
        WaitingItem(
            label=f"{event.actor_label} opened {event.object_repr}",
            url=f"{url}?object_type={event.object_type}&object_id={event.object_id}",
            detail=f"{timezone.localtime(event.occurred_at):%d %B %Y %H:%M}. Reason given: {event.reason}",
        )
        for event in events
    ]


def accounts_locked_out(scope: Scope) -> list[WaitingItem]:
    if not scope.can(Permission.MANAGE_USERS):
        return []
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")[:20]
    return [
        WaitingItem(
            label=f"'{attempt.username}' is locked out",
            url=reverse("core:staff-home"),
            detail=f"Until about {_lock_lifts_at(attempt):%H:%M}: the lock lifts by itself.",
        )
        for attempt in attempts
    ]


def _lock_lifts_at(attempt: AccessAttempt) -> datetime:
    return timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME)


def api_tokens_expiring(scope: Scope) -> list[WaitingItem]:
    soon = timezone.now() + timedelta(days=30)
    tokens = access.visible(scope, ApiToken).filter(
        revoked_at__isnull=True, expires_at__isnull=False, expires_at__lte=soon
    )
    return [
        WaitingItem(
            label=f"{token.name} ({token.agency})",
            url=reverse("admin:core_apitoken_change", args=[token.pk]),
            detail=f"Expires {timezone.localtime(token.expires_at):%d %B %Y}",
            overdue=token.expires_at is not None and token.expires_at <= timezone.now(),
        )
        for token in tokens.select_related("agency")
    ]


# --- For partner systems (API): areas are public reference data, so no user scope applies ---------


def areas_for_api(*, level: str | None = None, parent_code: str | None = None) -> QuerySet[Area]:
    areas = Area.objects.select_related("parent").order_by("level", "name")
    if level:
        areas = areas.filter(level=level)
    if parent_code:
        areas = areas.filter(parent__code=parent_code.upper())
    return areas


def area_code_exists(code: str) -> bool:
    return Area.objects.filter(code=code.upper()).exists()


def area_for_api(code: str) -> Area | None:
    return (
        Area.objects.select_related("parent")
        .prefetch_related("population_figures")
        .filter(code=code.upper())
        .first()
    )


def ward_for_postcode(postcode: str) -> Area | None:
    """The ward a (normalised) postcode lies in, if the postcode is known."""
    return (
        Area.objects.wards()
        .select_related("parent")
        .defer("boundary")
        .filter(postcodes__postcode=postcode)
        .first()
    )


# --- One's own notifications --------------------------------------------------------------------------


def notifications_page(scope: Scope, *, page_number: str | int | None) -> Page:
    """The user's own notifications, unread first, newest first within each."""
    notifications = access.visible(scope, Notification).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )
    page = Paginator(notifications, 50).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def unread_notification_count(scope: Scope) -> int:
    return access.visible(scope, Notification).filter(read_at__isnull=True).count()


def notification_delivery(scope: Scope) -> str:
    """How this person chose to hear of their notifications (immediately unless they chose)."""
    preference = access.visible(scope, NotificationPreference).first()
    return preference.delivery if preference else NotificationDelivery.IMMEDIATE


def population_figures_of(area: Area, *, ordered: bool = False) -> QuerySet:
    """An area's population figures: as stored (using a prefetched copy), or by dimension and
    category for its page."""
    figures = area.population_figures.all()
    return figures.order_by("dimension", "category") if ordered else figures


def audit_search_results(scope: Scope, **filters) -> QuerySet[AuditEvent]:
    """The audit events `audit_events` finds, with who did each, for the search page."""
    return audit_events(scope, **filters).select_related("actor")


def roles_drift() -> dict[str, dict[str, list[str]]]:
    """Where the groups in the database differ from the shipped defaults (for `roles check`)."""
    drift = {}
    for role in Role:
        group = Group.objects.filter(name=role.group_name).first()
        have = (
            {
                f"{app}.{code}"
                for app, code in group.permissions.values_list("content_type__app_label", "codename")
            }
            if group
            else set()
        )
        wanted = {p.django_name for p in ROLE_PERMISSIONS[role]} | set(ROLE_DJANGO_PERMISSIONS.get(role, ()))
        if have != wanted:
            drift[role.group_name] = {"missing": sorted(wanted - have), "extra": sorted(have - wanted)}
    return drift


def roles_of(user: User) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.group_name in names]

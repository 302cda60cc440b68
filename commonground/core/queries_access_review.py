"""Reads of emergency ("break-glass") access and of the data protection officer's access review.

The review looks at staff access to personal records, a week at a time: for each member of staff,
how many personal records they opened, access outside working hours, emergency access,
access outside normal scope, exports and failed attempts to open records out of scope. Every
figure is counted in the database (one grouped query per source), never by reading events one
by one. It reviews staff; it never scores a member of the public."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.urls import reverse
from django.utils import timezone

from commonground.core import access, break_glass
from commonground.core.access import Scope
from commonground.core.audit_reads import record_read
from commonground.core.break_glass import BreakGlassTarget
from commonground.core.models import (
    AccessReviewMark,
    AuditAction,
    AuditEvent,
    BreakGlassAccess,
    OutOfScopeAttempt,
    ReviewItem,
    User,
)
from commonground.core.roles import Permission
from commonground.core.waiting import WaitingItem

# --- Opening a record in an emergency ----------------------------------------------------------------


def kinds_of_record_for_break_glass(scope: Scope) -> list[str]:
    """What this person may open in an emergency ("safeguarding referral", "report")."""
    if not scope.can(Permission.BREAK_GLASS):
        return []
    return [target.noun for target in break_glass.targets() if scope.can(target.permission)]


@dataclass(frozen=True)
class RecordToOpen:
    target: BreakGlassTarget
    record: models.Model
    reference: str


def record_to_open_in_emergency(scope: Scope, reference: str) -> RecordToOpen:
    """The record a reference names, among the kinds this person may see, that is outside their
    scope: a ValidationError on `reference` when no such record exists or it is already theirs to
    open. This read is deliberately outside `access.visible` (finding it is its point); opening it
    is the action's, which records why."""
    reference = "".join(reference.split()).upper()
    for target in break_glass.targets():
        if not (scope.can(Permission.BREAK_GLASS) and scope.can(target.permission)):
            continue
        record = target.model._default_manager.filter(**{target.reference_field: reference}).first()
        if record is None:
            continue
        reach = target.reach(scope) if target.reach is not None else access.visible(scope, target.model)
        if reach.filter(pk=record.pk).exists():
            raise ValidationError(
                {
                    "reference": f"You can already open {reference}: it is in your areas or your team's "
                    "queue, so you do not need emergency access. Find it in your own lists"
                }
            )
        return RecordToOpen(target=target, record=record, reference=reference)
    raise ValidationError(
        {
            "reference": f"No record you could open has the reference {reference}. Check the reference and try again"
        }
    )


def open_grant(scope: Scope, record: models.Model) -> BreakGlassAccess | None:
    """This person's emergency access to this record whose hour is not over, if any."""
    return break_glass.active_grant_for(scope.user, record)


# --- The week of the access review -------------------------------------------------------------------


def week_starting(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def _bounds(week: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(week, time.min, zone)
    return start, datetime.combine(week + timedelta(days=7), time.min, zone)


def _out_of_hours() -> Q:
    """A condition on audit events: outside working hours in local time (settings)."""
    return (
        ~Q(local_weekday__in=settings.WORKING_DAYS)
        | Q(local_hour__lt=settings.WORKING_HOURS_START)
        | Q(local_hour__gte=settings.WORKING_HOURS_END)
    )


@dataclass
class StaffWeek:
    """One member of staff's week: each figure, and whether a data protection officer marked it."""

    person: User
    counts: dict[str, int] = field(default_factory=dict)
    marks: dict[str, AccessReviewMark] = field(default_factory=dict)

    def items(self) -> list[tuple[ReviewItem, int, AccessReviewMark | None]]:
        return [(item, self.counts.get(item, 0), self.marks.get(item)) for item in ReviewItem]

    @property
    def break_glass_uses(self) -> int:
        return self.counts.get("break_glass", 0)

    @property
    def waiting(self) -> int:
        """Items with something to look at that nobody has marked reviewed yet."""
        return sum(1 for item, count, mark in self.items() if count and mark is None)


@dataclass
class AccessReviewWeek:
    week: date
    staff: list[StaffWeek]
    break_glass: list[BreakGlassAccess]
    failed_attempts: list[OutOfScopeAttempt]

    @property
    def previous_week(self) -> date:
        return self.week - timedelta(days=7)

    @property
    def next_week(self) -> date | None:
        following = self.week + timedelta(days=7)
        return following if following <= timezone.localdate() else None

    @property
    def ends(self) -> date:
        return self.week + timedelta(days=6)


_READS = [AuditAction.VIEW, AuditAction.LIST_VIEWED, AuditAction.EXPORT]


def _audit_counts(week: date) -> QuerySet:
    """Per member of staff, in one grouped query of the week's reads and exports."""
    start, end = _bounds(week)
    zone = ZoneInfo(settings.TIME_ZONE)
    opened = Q(action=AuditAction.VIEW) & ~Q(subject_ref="")
    # Records a data protection officer opened outside normal scope with a reason (pages seen under
    # emergency access carry the grant, counted with it instead).
    outside = Q(action=AuditAction.VIEW, outside_normal_scope=True) & ~Q(changes__has_key="break_glass")
    return (
        AuditEvent.objects.filter(
            occurred_at__gte=start, occurred_at__lt=end, action__in=_READS, actor__isnull=False
        )
        .annotate(
            local_hour=ExtractHour("occurred_at", tzinfo=zone),
            local_weekday=ExtractIsoWeekDay("occurred_at", tzinfo=zone),
        )
        .order_by()
        .values("actor_id")
        .annotate(
            records_opened=Count("subject_ref", filter=opened, distinct=True),
            out_of_hours=Count("pk", filter=_out_of_hours()),
            outside_scope=Count("pk", filter=outside),
            exports=Count("pk", filter=Q(action=AuditAction.EXPORT)),
        )
    )


def access_review_week(scope: Scope, week: date) -> AccessReviewWeek:
    """The data protection officer's review of one week: the figures of every member of staff who
    read, exported or tried to open something, with the marks already made. Reading it is audited
    (it tells who did what)."""
    week = week_starting(week)
    start, end = _bounds(week)
    rows: dict[int, dict[str, int]] = {}
    for row in _audit_counts(week) if scope.can(Permission.SEARCH_AUDIT_TRAIL) else []:
        rows[row["actor_id"]] = {
            ReviewItem.RECORDS_OPENED: row["records_opened"],
            ReviewItem.OUT_OF_HOURS: row["out_of_hours"],
            ReviewItem.OUTSIDE_SCOPE: row["outside_scope"],
            ReviewItem.EXPORTS: row["exports"],
        }
    grants = access.visible(scope, BreakGlassAccess).filter(opened_at__gte=start, opened_at__lt=end)
    for row in grants.order_by().values("user_id").annotate(uses=Count("pk")):
        rows.setdefault(row["user_id"], {})["break_glass"] = row["uses"]
    attempts = access.visible(scope, OutOfScopeAttempt).filter(attempted_at__gte=start, attempted_at__lt=end)
    for row in attempts.order_by().values("user_id").annotate(tries=Count("pk")):
        rows.setdefault(row["user_id"], {})[ReviewItem.FAILED_ATTEMPTS] = row["tries"]
    people = {person.pk: person for person in User.objects.filter(pk__in=rows).select_related("agency")}
    # Only those with something to look at (a data protection officer's own searches are not).
    staff = [
        StaffWeek(person=people[pk], counts=counts)
        for pk, counts in rows.items()
        if pk in people and any(counts.values())
    ]
    by_person = {each.person.pk: each for each in staff}
    for mark in (
        access.visible(scope, AccessReviewMark).filter(week_starting=week).select_related("reviewed_by")
    ):
        if mark.staff_member_id in by_person:
            by_person[mark.staff_member_id].marks[mark.item] = mark
    staff.sort(key=lambda each: (-each.waiting, each.person.get_full_name() or each.person.username))
    record_read(
        scope=scope,
        object_type="core.accessreview",
        object_repr=f"Access review, week of {week:%d %B %Y}",
        changes={"week": week.isoformat()},
    )
    return AccessReviewWeek(
        week=week,
        staff=staff,
        break_glass=list(_with_views(grants).select_related("user", "reviewed_by")),
        failed_attempts=list(attempts.select_related("user")[:200]),
    )


def _with_views(grants: QuerySet[BreakGlassAccess]) -> QuerySet[BreakGlassAccess]:
    """Each grant with the number of its record's pages the person saw under it."""
    views = (
        AuditEvent.objects.filter(
            actor=OuterRef("user"),
            action=AuditAction.VIEW,
            object_type=OuterRef("record_type"),
            occurred_at__gte=OuterRef("opened_at"),
            occurred_at__lt=OuterRef("expires_at"),
            changes__has_key="break_glass",
        )
        .order_by()
        .values("actor")
        .annotate(seen=Count("pk"))
        .values("seen")
    )
    return grants.annotate(pages_seen=models.Subquery(views, output_field=models.IntegerField()))


def mark_for(scope: Scope, *, person_id: int, week: date, item: str) -> AccessReviewMark | None:
    return (
        access.visible(scope, AccessReviewMark)
        .filter(staff_member_id=person_id, week_starting=week_starting(week), item=item)
        .first()
    )


def staff_member_for_review(scope: Scope, person_id: int) -> User | None:
    """A member of staff whose access is being reviewed: any, partnership-wide, for an officer who
    reviews access (the staff directory's areas do not limit the review)."""
    if not scope.can(Permission.REVIEW_ACCESS):
        return None
    return User.objects.filter(pk=person_id).first()


def break_glass_use(scope: Scope, grant_id: int) -> BreakGlassAccess:
    """One emergency access, for the officer reviewing it."""
    grant = access.get_visible_or_404(
        scope, _with_views(BreakGlassAccess.objects.select_related("user", "reviewed_by")), pk=grant_id
    )
    return grant


def break_glass_to_review(scope: Scope) -> list[WaitingItem]:
    """The data protection officer's waiting list: emergency accesses without an outcome yet."""
    waiting = access.visible(scope, BreakGlassAccess).filter(outcome="").select_related("user")[:50]
    return [
        WaitingItem(
            label=f"{grant.user.get_full_name() or grant.user.username} opened {grant.record_reference}",
            url=reverse("core:break-glass-review", args=[grant.pk]),
            detail=f"{timezone.localtime(grant.opened_at):%d %B %Y %H:%M}. Reason given: {grant.reason}",
            overdue=grant.opened_at < timezone.now() - timedelta(days=7),
        )
        for grant in waiting
    ]


__all__ = [
    "AccessReviewWeek",
    "RecordToOpen",
    "StaffWeek",
    "access_review_week",
    "break_glass_to_review",
    "break_glass_use",
    "kinds_of_record_for_break_glass",
    "open_grant",
    "record_to_open_in_emergency",
    "week_starting",
]

"""How long core keeps what it holds about people (the retention schedule: retention_schedule.py),
imported by CoreConfig.ready(). Emergency access and the access review: retention_access_review.py."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, no_personal_data

REVIEW = "commonground.core.retention_review.records_to_review"

declare(
    "core.User",
    what=_("Staff accounts: name, email, phone, job title, agency, roles and areas"),
    starts=_("from the last sign-in"),
    at_the_end=AtTheEnd.REVIEW,
    days=2 * 365,
    review_from="last_login",
    enforced_by=REVIEW,
)
declare(
    "core.AuditEvent",
    what=_(
        "The audit trail: who read or changed which record, when, from where, and the reasons they "
        "gave (sealed into the trail's chain, so each reason goes with its event)"
    ),
    starts=_("from the day of the event"),
    at_the_end=AtTheEnd.ERASE,
    setting="AUDIT_RETENTION_DAYS",
    enforced_by="commonground.core.tasks.remove_audit_events_past_retention",
)
declare(
    "core.Notification",
    what=_("Notices to staff of work waiting for them"),
    starts=_("from the day the notice was made"),
    at_the_end=AtTheEnd.ERASE,
    setting="NOTIFICATION_RETENTION_DAYS",
    enforced_by="commonground.core.tasks.remove_notifications_past_retention",
)
declare(
    "core.NotificationPreference",
    what=_("How a member of staff chose to be told of notices"),
    starts=_("kept as long as the staff account"),
    at_the_end=AtTheEnd.ERASE,
    follows="core.User",
    enforced_by=REVIEW,
)
declare(
    "core.RoleGrantRequest",
    what=_("Requests to give a member of staff a role, with the reason and who decided"),
    starts=_("from the decision"),
    at_the_end=AtTheEnd.REVIEW,
    setting="AUDIT_RETENTION_DAYS",
    review_from="requested_at",
    enforced_by=REVIEW,
)
declare(
    "core.ApiToken",
    what=_("Partner systems' API tokens: the agency, what each may do, who issued or revoked it"),
    starts=_("from the day it was issued"),
    at_the_end=AtTheEnd.REVIEW,
    setting="AUDIT_RETENTION_DAYS",
    review_from="created_at",
    enforced_by=REVIEW,
)
declare(
    "core.IdempotencyKey",
    what=_("A partner system's retry keys, with the answer it was given"),
    starts=_("from the first request"),
    at_the_end=AtTheEnd.ERASE,
    setting="API_IDEMPOTENCY_KEY_DAYS",
    enforced_by="commonground.core.tasks.remove_expired_idempotency_keys",
)
no_personal_data(
    "Reference data about places and agencies (organisations, their shared mailboxes), not people",
    "core.Agency",
    "core.Area",
    "core.PopulationFigure",
    "core.Postcode",
)
no_personal_data(
    "The software's own book-keeping: no person is named",
    "core.AuditChainHead",
    "core.Capability",
    "core.ScheduledRun",
)

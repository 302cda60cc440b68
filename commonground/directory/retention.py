"""How long the public directories keep what they hold about people (core/retention_schedule.py),
imported by the app's ready()."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

REVIEW = "commonground.core.retention_review.records_to_review"

declare(
    "directory.DirectoryEntry",
    what=_("Reporting centres and meeting spaces: an organisation's public details and its named contact"),
    starts=_("from the day the entry was made; audited every year, and withdrawn when it closes"),
    at_the_end=AtTheEnd.REVIEW,
    setting="DIRECTORY_AUDIT_PERIOD_DAYS",
    review_from="created_at",
    enforced_by=REVIEW,
)
follow_all(
    "directory.DirectoryEntry",
    ["directory.OpeningHours", "directory.Audit", "directory.AuditFinding", "directory.AuditAction"],
    what=_("An entry's opening hours, and its audits with who carried them out"),
    enforced_by=REVIEW,
)
no_personal_data(
    "Reference data: languages and the audit checklist",
    "directory.Language",
    "directory.AuditChecklistItem",
)

"""Notices to staff that work has reached them, and how each person wants to hear of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationKind(models.TextChoices):
    REPORT_IN_QUEUE = "report_in_queue", "A report reached your team's queue"
    REPORT_OVERDUE = "report_overdue", "A report in your team's queue is overdue"
    INFORMATION_REQUEST_RECEIVED = "information_request_received", "An information request for your agency"
    INFORMATION_REQUEST_OVERDUE = (
        "information_request_overdue",
        "An information request to your agency is overdue",
    )
    RESPONSE_ACTION_ASSIGNED = "response_action_assigned", "A tension response action for your agency"
    REVIEW_DUE = "review_due", "A support review is due"
    # Programme monitoring
    SELF_ASSESSMENT_SUBMITTED = "self_assessment_submitted", "A self-assessment is waiting for moderation"
    SELF_ASSESSMENT_MODERATED = "self_assessment_moderated", "Your borough's self-assessment was moderated"
    PLAN_ACTION_ASSIGNED = "plan_action_assigned", "An action plan action for you"
    FORUM_ACTION_ASSIGNED = "forum_action_assigned", "A partnership forum action for you"
    BRIEFING_WAITING = "briefing_waiting", "A briefing is waiting for you"
    BRIEFING_CHASED = "briefing_chased", "A reminder of a briefing you have not opened"
    REFRESHER_DUE = "refresher_due", "A training refresher is due"
    # Community grants and the directories
    GRANT_APPLICATION_RECEIVED = "grant_application_received", "A grant application is waiting to be checked"
    GRANT_APPLICATION_TO_SCORE = "grant_application_to_score", "A grant application is waiting for your score"
    GRANT_SCORES_DISAGREE = "grant_scores_disagree", "Two assessors' scores of a grant application disagree"
    GRANT_MONITORING_OVERDUE = "grant_monitoring_overdue", "A funded group's monitoring report is overdue"
    DIRECTORY_AUDIT_OVERDUE = "directory_audit_overdue", "A directory entry is overdue for its audit"
    # Information governance
    SHARING_REFUSED = "sharing_refused", "Sharing was refused: no agreement in force covers it"
    AGREEMENT_REVIEW_DUE = "agreement_review_due", "A sharing agreement is due for review or has expired"
    BREAK_GLASS_USED = "break_glass_used", "A record of yours was opened in an emergency"
    SUBJECT_ACCESS_DUE = "subject_access_due", "A subject access request is nearly due"


class Notification(models.Model):
    """One notice to one person. The subject never carries a report's or case's content (no
    description, no names, no addresses): the kind, a reference where that is not personal, and the
    page to sign in to. `item_key` names the record it is about, so each person gets one notice per
    record and kind, however often a scheduled task runs."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    item_key = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    url = models.CharField(max_length=500, help_text="The page the notice is about (a path on this site).")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "item_key"], name="one_notice_per_item_and_kind"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationDelivery(models.TextChoices):
    IMMEDIATE = "immediate", "An email for each notification, as it happens"
    DAILY_DIGEST = "daily_digest", "One email a day listing the notifications I have not read"


class NotificationPreference(models.Model):
    """How a person hears of their notifications by email. No row: immediately."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        max_length=20, choices=NotificationDelivery.choices, default=NotificationDelivery.IMMEDIATE
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    """What an audit event records. The list lives in code only (the column has no choices), so a new
    action needs no migration; `audit.record` refuses any value not listed here."""

    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    VIEW = "view", "Viewed"
    LIST_VIEWED = "list_viewed", "Viewed a list"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Signed out"
    LOCKED_OUT = "locked_out", "Locked out"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "Set up two-factor authentication"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Failed two-factor code"
    RECOVERY_CODE_USED = "recovery_code_used", "Signed in with a recovery code"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Asked for a password reset"
    PASSWORD_CHANGED = "password_changed", "Changed password"
    ERASE = "erase", "Erased under retention"
    ROLE_GRANT_REQUESTED = (
        "role_grant_requested",
        "Asked for a role to be given (needs a second administrator)",
    )
    ROLE_GRANT_APPROVED = "role_grant_approved", "Approved giving a role"
    ROLE_GRANT_DECLINED = "role_grant_declined", "Declined giving a role"
    PASSWORD_SET_BY_ADMINISTRATOR = "password_set_by_administrator", "Password set by an administrator"
    DUPLICATE_CHECK = "duplicate_check", "Checked other boroughs for the same person"
    AUDIT_EVENTS_REMOVED = "audit_events_removed", "Removed audit events past retention"
    AUDIT_EVENTS_REDACTED = "audit_events_redacted", "Withheld secrets recorded in audit events"
    BREAK_GLASS = "break_glass", "Opened a record outside scope in an emergency (break-glass)"
    BREAK_GLASS_REVIEWED = "break_glass_reviewed", "Reviewed an emergency (break-glass) access"
    ACCESS_REVIEW_MARKED = "access_review_marked", "Marked staff access as reviewed"


class AuditEventQuerySet(models.QuerySet):
    # Append-only: the ORM refuses bulk changes. The database refuses them too (triggers in
    # migration 0002), so a raw UPDATE fails and only someone who drops the triggers can edit —
    # which `verify_audit` then detects through the hash chain.
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Who did what to which record, when and why. Append-only and hash-chained."""

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # What the actor was called then; also names API tokens and the system itself.
    actor_label = models.CharField(max_length=200, editable=False)
    action = models.CharField(max_length=40, editable=False)  # an AuditAction, checked by audit.record
    object_type = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    object_repr = models.CharField(max_length=200, blank=True, editable=False)
    # The person the record is about, as "type:id", so a DPO can find everything about one person.
    subject_ref = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    changes = models.JSONField(default=dict, blank=True, editable=False)
    reason = models.TextField(blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    # Set when a record was opened outside the user's normal scope (a DPO with a reason).
    outside_normal_scope = models.BooleanField(default=False, editable=False)
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    # How `hash` was sealed (audit_chain.UNKEYED or KEYED); sealed itself in keyed events.
    chain_version = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def get_action_display(self) -> str:
        """The action's label, as Django gives for a field with choices (this one has none in the
        database, so that a new action needs no migration)."""
        return AuditAction(self.action).label if self.action in AuditAction.values else self.action


class AuditChainHead(models.Model):
    """The latest link of the chain: one row, locked while an event is appended so that
    concurrent writers append one after another. `anchor_*` record where the retained chain
    starts after old events have been removed under the retention policy."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    anchor_sequence = models.PositiveBigIntegerField(default=0)
    anchor_hash = models.CharField(max_length=64, default="0" * 64)
    # True only inside the retention sweep's own transaction (never committed): the database's
    # append-only triggers let a DELETE through only while it is set.
    retention_delete_open = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"audit chain at #{self.sequence}"

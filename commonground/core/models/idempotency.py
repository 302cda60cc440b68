from django.db import models


class IdempotencyKey(models.Model):
    """One partner call that created something, by the key the partner chose: the hash of what was
    asked and the answer given, so a retry gets the same answer and a reused key is noticed.

    Written in the same transaction as the record the call created, so a call that failed leaves no
    key. Kept for `API_IDEMPOTENCY_KEY_DAYS`, then swept (core/tasks.py)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="+")
    operation = models.CharField(max_length=100, help_text="The API operation's id, e.g. 'submit_referral'.")
    key = models.CharField(max_length=100)
    request_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the validated request, canonical JSON."
    )
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "operation", "key"], name="one_call_per_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.operation} {self.key} ({self.agency_id})"

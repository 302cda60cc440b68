"""Sending email through the task queue, only once the transaction that caused it has committed."""

from django.db import transaction

from commonground.core.tasks import send_email


def email(*, to: list[str], subject: str, body: str) -> None:
    if not to:
        return
    transaction.on_commit(lambda: send_email.enqueue(to=list(to), subject=subject, body=body))

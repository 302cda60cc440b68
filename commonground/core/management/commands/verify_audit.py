from django.core.management.base import BaseCommand, CommandError

from commonground.core.audit import verify_chain
from commonground.core.models import AuditChainHead, AuditEvent


class Command(BaseCommand):
    help = "Check the audit trail's hash chain. Names the first edited or missing event; exits 1 if broken."

    def handle(self, **options):
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"The audit trail is broken at event #{broken.sequence}: {broken.problem}.")
        head = AuditChainHead.objects.filter(pk=1).first()
        count = AuditEvent.objects.count()
        since = (
            f" (from #{head.anchor_sequence + 1}; earlier events removed under retention)"
            if head and head.anchor_sequence
            else ""
        )
        self.stdout.write(self.style.SUCCESS(f"The audit trail is intact: {count} events checked{since}."))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonground.core import audit_anchors, audit_key
from commonground.core.audit import verify_chain
from commonground.core.models import AuditChainHead, AuditEvent


class Command(BaseCommand):
    help = (
        "Check the audit trail's keyed hash chain against the anchors kept outside the database. "
        "Names the first edited or missing event; exits 1 if broken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor-file",
            type=Path,
            help="Check against this copy of the anchors (kept elsewhere) instead of AUDIT_ANCHOR_FILE.",
        )

    def handle(self, **options):
        anchor_file = options.get("anchor_file")
        broken = verify_chain(anchor_file=anchor_file)
        if broken is not None:
            raise CommandError(f"The audit trail is broken at event #{broken.sequence}: {broken.problem}.")
        head = AuditChainHead.objects.filter(pk=1).first()
        count = AuditEvent.objects.count()
        since = (
            f" (from #{head.anchor_sequence + 1}; earlier events removed under retention)"
            if head and head.anchor_sequence
            else ""
        )
        anchor_file = anchor_file or audit_anchors.anchor_file()
        anchors = len(audit_anchors.read_all(anchor_file))
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {count} events checked{since}, "
                f"against {anchors} anchor(s) in {anchor_file}."
            )
        )
        if audit_key.source() == "derived":
            self.stdout.write(
                "The chain key is derived from SECRET_KEY: set AUDIT_CHAIN_KEY or AUDIT_CHAIN_KEY_FILE "
                "so that rotating SECRET_KEY does not change it."
            )

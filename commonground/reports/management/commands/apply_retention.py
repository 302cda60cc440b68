from django.core.management.base import BaseCommand

from commonground.reports.actions.retention import apply_retention
from commonground.reports.queries.retention import calls_past_retention, reports_past_retention


class Command(BaseCommand):
    help = "Erase personal details of closed reports and helpline calls past their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be erased")

    def handle(self, dry_run, **options):
        if dry_run:
            self.stdout.write(
                f"Would erase {reports_past_retention().count()} report(s) and {calls_past_retention().count()} call(s)."
            )
            return
        result = apply_retention()
        self.stdout.write(
            self.style.SUCCESS(f"Erased {result.reports_erased} report(s) and {result.calls_erased} call(s).")
        )

from django.core.management.base import BaseCommand

from commonground.insights.actions.withdrawals import reaudit_published_editions


class Command(BaseCommand):
    help = (
        "Audit every published statistics edition again with the current disclosure auditor, "
        "jointly over each edition's tables, and withdraw (with a note) every table it refuses."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be withdrawn")

    def handle(self, dry_run, **options):
        results = reaudit_published_editions(dry_run=dry_run)
        verb = "would withdraw" if dry_run else "withdrew"
        for result in results:
            edition = result.edition
            line = (
                f"{edition.quarter_label}, revision {edition.revision}: {result.tables_audited} table(s), "
                f"{result.cells_audited} suppressed entr(y/ies) audited"
            )
            if result.already_withdrawn:
                line += f"; already withdrawn: {', '.join(result.already_withdrawn)}"
            self.stdout.write(f"{line}; {verb} {len(result.withdrawn)} table(s)")
            for name in result.withdrawn:
                self.stdout.write(f"  {verb} {name}")
                for reason in result.reasons.get(name, ()):
                    self.stdout.write(f"    {reason}")
        withdrawn = sum(len(r.withdrawn) for r in results)
        affected = sum(bool(r.withdrawn) for r in results)
        summary = (
            f"Re-audited {len(results)} published edition(s), {sum(r.tables_audited for r in results)} "
            f"table(s), {sum(r.cells_audited for r in results)} suppressed entr(y/ies): {verb} "
            f"{withdrawn} table(s) from {affected} edition(s)."
        )
        self.stdout.write(self.style.WARNING(summary) if withdrawn else self.style.SUCCESS(summary))

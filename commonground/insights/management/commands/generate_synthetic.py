from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commonground.insights.synthetic import AGENCY_NAME, PLANTED_PATTERN, generate, remove_synthetic


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Write a synthetic dataset (hate incident reports, Prevent referrals with their screening, "
        "police gateway, panel and exit steps, equality monitoring, and tension reports) over the last "
        f"few years, for development, demonstrations and load tests. Every row is marked: it belongs to "
        f"the agency '{AGENCY_NAME}', references start 'SYN-', and free text starts 'Synthetic record "
        "(not real)'. --replace deletes earlier synthetic rows (and nothing else) first. "
        "PLANTED PATTERN, NOT A FINDING: referrals of one ethnic group "
        f"({PLANTED_PATTERN.ethnic_group}, picked arbitrarily) are made {PLANTED_PATTERN.referral_rate_ratio}x "
        f"as often as its Census share predicts and adopted {PLANTED_PATTERN.adoption_ratio}x as often, "
        "so that the fairness analysis has something to find; it describes no real group. "
        "Refuses to run with DEBUG off unless --allow-production is given, because synthetic rows "
        "would then appear in live queues, dashboards and published statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--incidents", type=_count, default=20_000, help="Hate incident reports (default 20000)."
        )
        parser.add_argument(
            "--referrals", type=_count, default=None, help="Prevent referrals (default: incidents / 20)."
        )
        parser.add_argument(
            "--tension-reports", type=_count, default=None, help="Tension reports (default: incidents / 10)."
        )
        parser.add_argument("--years", type=float, default=3, help="Span in years, ending today (default 3).")
        parser.add_argument("--seed", type=int, default=None, help="Seed for a reproducible dataset.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier synthetic rows first (never real ones)."
        )
        parser.add_argument(
            "--remove-only", action="store_true", help="Delete earlier synthetic rows and write nothing."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with DEBUG off. Synthetic rows show in live queues, dashboards and statistics.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "DEBUG is off, so this looks like a live service: synthetic rows would appear in real "
                "queues, dashboards and published statistics. Give --allow-production if you are sure."
            )
        if options["years"] <= 0:
            raise CommandError("--years must be more than 0.")
        if options["remove_only"]:
            removed = remove_synthetic()
            self.stdout.write(self.style.SUCCESS(f"Removed {self._rows(removed)}."))
            return
        incidents = options["incidents"]
        referrals = options["referrals"] if options["referrals"] is not None else incidents // 20
        tension = options["tension_reports"] if options["tension_reports"] is not None else incidents // 10
        try:
            summary = generate(
                incidents=incidents,
                referrals=referrals,
                tension_reports=tension,
                years=options["years"],
                seed=options["seed"],
                progress=options["verbosity"] > 0,
                replace=options["replace"],
            )
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        if summary.removed:
            self.stdout.write(f"Removed earlier synthetic data: {self._rows(summary.removed)}.")
        for note in summary.notes:
            self.stderr.write(note)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {summary.total_written} synthetic rows in {summary.seconds:.1f}s: "
                f"{self._rows(summary.written)}."
            )
        )

    @staticmethod
    def _rows(counts) -> str:
        return ", ".join(f"{label} {count}" for label, count in counts.items()) or "nothing"

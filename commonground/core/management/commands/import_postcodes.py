from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonground.core.actions.places import ImportRefused, import_postcodes
from commonground.core.management.commands._progress import progress_bar


class Command(BaseCommand):
    help = (
        "Import postcodes from an ONS Postcode Directory CSV (columns pcds, wd25cd or osward, lat, long, "
        "doterm) or a file with postcode, ward_code, lat, lon. Postcodes outside the loaded wards and "
        "terminated ones are skipped. Any malformed row refuses the whole file: nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, csv_file, **options):
        path = Path(csv_file)
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        with path.open("rb") as handle:
            total = max(sum(1 for _ in handle) - 1, 0)
        with progress_bar(total=total, description="Reading postcodes", unit="postcode") as bar:
            try:
                result = import_postcodes(actor=None, path=path, progress=bar.update)
            except ImportRefused as refused:
                for problem in refused.problems[:50]:
                    self.stderr.write(f"  {problem}")
                if len(refused.problems) > 50:
                    self.stderr.write(f"  … and {len(refused.problems) - 50} more")
                raise CommandError(
                    f"{len(refused.problems)} problem(s) found; nothing was imported."
                ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.imported} postcodes; skipped {result.outside_loaded_areas} outside the "
                f"loaded wards and {result.terminated} terminated."
            )
        )

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from commonground.core.actions.places import ImportRefused, load_places
from commonground.core.management.commands._progress import progress_bar
from commonground.core.places_files import PLACE_FILES


class Command(BaseCommand):
    help = (
        "Load a combined authority's boroughs, wards, boundaries and Census 2021 figures from a folder "
        f"holding {', '.join(PLACE_FILES.values())}. All or nothing: any bad row and nothing changes. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(settings.DEFAULT_PLACES_DIR))

    def handle(self, folder, **options):
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"{path} is not a folder.")
        with progress_bar(total=None, description="Loading places", unit="area") as bar:
            try:
                result = load_places(actor=None, folder=path, progress=bar.update)
            except ImportRefused as refused:
                for problem in refused.problems[:50]:
                    self.stderr.write(f"  {problem}")
                if len(refused.problems) > 50:
                    self.stderr.write(f"  … and {len(refused.problems) - 50} more")
                raise CommandError(f"{len(refused.problems)} problem(s) found; nothing was loaded.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.authority}: {result.boroughs} boroughs, {result.wards} wards, "
                f"{result.boundaries} boundaries, {result.population_figures} Census figures."
            )
        )

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commonground.core import backup_restore, backups
from commonground.core.audit import verify_chain
from commonground.core.backup_stream import RefusedBackup


class Command(BaseCommand):
    help = (
        "Restore a backup into an EMPTY database (never migrated) and an empty media folder, then check "
        "the audit trail and print how many records of each kind came back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file (.cgbackup).")

    def handle(self, file, **options):
        started = time.monotonic()
        try:
            key = backups.encryption_key()
            # The whole file is authenticated before anything is changed.
            contents = backup_restore.check_whole(file, key)
            backup_restore.check_restorable(contents)
            with tempfile.TemporaryDirectory() as work_folder:
                restored = backup_restore.restore(file, key, Path(work_folder))
                broken = verify_chain(anchor_file=restored.anchor_file)
        except FileNotFoundError:
            raise CommandError(f"There is no backup file {file}.") from None
        except RefusedBackup as error:
            raise CommandError(f"Refused: {error}. Nothing was changed.") from None
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {file.name} (made {contents.manifest['created_at']}): the database and "
            f"{restored.media_files} file(s), in {time.monotonic() - started:.1f} s; {restored.anchor_note}."
        )
        for label, count in sorted(backups.record_counts().items()):
            self.stdout.write(f"{label}: {count}")
        if broken is not None:
            raise CommandError(
                f"The restored audit trail is broken at event #{broken.sequence}: {broken.problem}."
            )
        self.stdout.write(self.style.SUCCESS("The restored audit trail is intact."))

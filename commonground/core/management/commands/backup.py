import time

from django.core.management.base import BaseCommand, CommandError

from commonground.core import backups


class Command(BaseCommand):
    help = (
        "Write an encrypted backup of the database and the uploaded files into BACKUP_DIR, named by its "
        "UTC time, and keep only the newest BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", action="store_true", help="Print a fresh backup key (base64) and write no backup."
        )

    def handle(self, new_key, **options):
        if new_key:
            self.stdout.write(backups.new_encoded_key())
            return
        started = time.monotonic()
        try:
            path = backups.create_backup()
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        removed = backups.prune()
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {path} ({path.stat().st_size:,} bytes) in {time.monotonic() - started:.1f} s."
            )
        )
        for old in removed:
            self.stdout.write(f"Removed the older backup {old.name}.")

"""Backups restored, as an operator would: `manage.py backup` on a database with reports, photos and
an anchored audit trail, then `manage.py restore` into a new, empty database and media folder. Every
record comes back (the same counts of every kind), every photo byte for byte, and the restored audit
trail verifies. On SQLite (each process with its own database file) and on PostgreSQL (a database
created for the test on the same server, dropped at the end)."""

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commonground.core import backups

BASE_DIR = Path(settings.BASE_DIR)
KEY = "q3OmpUVNsMmhVvuR1bVqY5Xjj8pQ0fL3DkB1Wf3uH2c="  # 32 bytes in base64, for these tests only
OTHER_KEY = "lFdbvKY3e7UCsu2V6CkGPCZ1g/4qz6WSd9Rlnx7yp0Y="

PUT_DATA = """
from io import BytesIO
from django.core.management import call_command
from PIL import Image
from commonground.core.tasks import anchor_audit_trail
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.photos import clean_photo

call_command("load_places", verbosity=0)
call_command("load_demo", quiet_sign_ins=True)
for colour in [(200, 30, 30), (30, 90, 200)]:
    image = BytesIO()
    Image.new("RGB", (64, 48), colour).save(image, "JPEG")
    submit_report(
        actor=None,
        answers=ReportAnswers(kind="hate_incident", borough_code="E08000001", description="Graffiti at the bus stop"),
        photos=[clean_photo(image.getvalue())],
    )
assert anchor_audit_trail.call().startswith("anchored")
"""

PRINT_COUNTS = (
    "import json; from commonground.core import backups; print(json.dumps(backups.record_counts()))"
)


def _environment(folder: Path, database_url: str, *, key: str = KEY) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "SECRET_KEY": "a-test-key-for-backups-" + "x" * 40,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(folder / "media"),
        "AUDIT_ANCHOR_FILE": str(folder / "audit-anchors.jsonl"),
        "BACKUP_DIR": str(folder / "backups"),
        "BACKUP_ENCRYPTION_KEY": key,
    }
    for name in (
        "REDIS_URL",
        "DEMO_SKIP_SECOND_FACTOR",
        "BACKUP_ENCRYPTION_KEY_FILE",
        "AUDIT_CHAIN_KEY_FILE",
    ):
        environment.pop(name, None)
    return environment


def _manage(environment: dict, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    finished = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert finished.returncode == 0, finished.stderr[-3000:]
    return finished


def _counts(environment: dict) -> dict[str, int]:
    return json.loads(_manage(environment, "shell", "--command", PRINT_COUNTS).stdout.splitlines()[-1])


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def _round_trip(tmp_path: Path, source_url: str, empty_url: str, another_empty_url: str) -> None:
    source = _environment(tmp_path / "source", source_url)
    _manage(source, "migrate", "--verbosity=0")
    _manage(source, "shell", "--command", PUT_DATA)
    counts = _counts(source)
    assert counts["reports.Report"] >= 2 and counts["reports.ReportPhoto"] >= 2
    photos = _files(tmp_path / "source" / "media")
    # Every uploaded file: the reports' photos, and the demo's programme evidence and reports.
    report_photos = [name for name in photos if name.startswith("report-photos/")]
    assert len(report_photos) == counts["reports.ReportPhoto"]
    assert len(photos) > len(report_photos)

    started = time.monotonic()
    backed_up_by = _manage(source, "backup").stdout.strip()
    backed_up = time.monotonic() - started
    (backup,) = (tmp_path / "source" / "backups").glob("commonground-*.cgbackup")
    assert photos[next(iter(photos))] not in backup.read_bytes()  # encrypted

    # Restore into a new, empty database and media folder.
    copy = _environment(tmp_path / "copy", empty_url)
    started = time.monotonic()
    restored = _manage(copy, "restore", str(backup))
    print(f"\n{backed_up_by}\n{restored.stdout.splitlines()[0]}")
    print(f"as processes: backup {backed_up:.1f} s, restore {time.monotonic() - started:.1f} s")
    assert "The restored audit trail is intact." in restored.stdout
    assert f"reports.Report: {counts['reports.Report']}\n" in restored.stdout
    assert _counts(copy) == counts
    assert _files(tmp_path / "copy" / "media") == photos
    assert (tmp_path / "copy" / "audit-anchors.jsonl").read_bytes() == (
        tmp_path / "source" / "audit-anchors.jsonl"
    ).read_bytes()
    assert "The audit trail is intact" in _manage(copy, "verify_audit").stdout

    # A database that is not empty is refused, and left as it was.
    refused = _manage(source, "restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "Restore needs an empty database" in refused.stderr and "Nothing was changed" in refused.stderr
    assert _counts(source) == counts

    # Another key, and a file cut short, are refused before anything is touched.
    another = _environment(tmp_path / "another", another_empty_url, key=OTHER_KEY)
    refused = _manage(another, "restore", str(backup), check=False)
    assert refused.returncode != 0 and "does not open with this key" in refused.stderr
    truncated = tmp_path / "truncated.cgbackup"
    truncated.write_bytes(backup.read_bytes()[:-1000])
    refused = _manage(
        _environment(tmp_path / "another", another_empty_url), "restore", str(truncated), check=False
    )
    assert refused.returncode != 0 and "Refused" in refused.stderr
    assert not (tmp_path / "another" / "media").exists()

    # A file already in the media folder is never overwritten: nothing is restored.
    clash = tmp_path / "another" / "media" / next(iter(photos))
    clash.parent.mkdir(parents=True)
    clash.write_bytes(b"a file already there")
    refused = _manage(
        _environment(tmp_path / "another", another_empty_url), "restore", str(backup), check=False
    )
    assert refused.returncode != 0 and "already in MEDIA_ROOT" in refused.stderr
    assert clash.read_bytes() == b"a file already there"
    assert len(_files(tmp_path / "another" / "media")) == 1


def test_a_backup_restores_into_an_empty_sqlite_database(tmp_path):
    _round_trip(
        tmp_path,
        f"sqlite:///{tmp_path / 'source.sqlite3'}",
        f"sqlite:///{tmp_path / 'copy.sqlite3'}",
        f"sqlite:///{tmp_path / 'another.sqlite3'}",
    )


@pytest.mark.django_db
def test_a_backup_restores_into_an_empty_postgresql_database(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the suite runs there in CI)")
    import psycopg

    server = connection.settings_dict
    suffix = uuid.uuid4().hex[:10]
    names = [f"cg_backups_{role}_{suffix}" for role in ("source", "copy", "another")]
    credentials = {
        "host": server["HOST"] or None,
        "port": server["PORT"] or None,
        "user": server["USER"] or None,
        "password": server["PASSWORD"] or None,
    }

    def url(name: str) -> str:
        login = server["USER"] + (f":{server['PASSWORD']}" if server["PASSWORD"] else "")
        return f"postgres://{login}@{server['HOST']}:{server['PORT'] or 5432}/{name}"

    with psycopg.connect(dbname="postgres", autocommit=True, **credentials) as maintenance:
        try:
            for name in names:
                maintenance.execute(f'CREATE DATABASE "{name}"')
            _round_trip(tmp_path, *(url(name) for name in names))
        finally:
            for name in names:
                maintenance.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backups_are_kept_newest_first_up_to_backup_keep(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    names = [f"commonground-202612{day:02}T030000Z.cgbackup" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"sealed")
    (tmp_path / "notes.txt").write_text("not a backup")
    stopped_part_way = "commonground-20261203T030000Z.cgbackup.partial"
    running_now = "commonground-20261206T030000Z.cgbackup.partial"
    (tmp_path / stopped_part_way).write_bytes(b"sea")
    (tmp_path / running_now).write_bytes(b"sea")
    removed = backups.prune(keep=2)
    assert [path.name for path in removed] == [*names[:3], stopped_part_way]
    assert sorted(path.name for path in tmp_path.iterdir()) == [*names[3:], running_now, "notes.txt"]


def test_production_refuses_to_back_up_without_a_key(settings, tmp_path):
    settings.DEBUG = False
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    with pytest.raises(CommandError, match="No backup key"):
        call_command("backup")
    assert list(tmp_path.iterdir()) == []


def test_the_deploy_check_refuses_production_without_a_readable_key(settings, tmp_path):
    from commonground.core.checks import backups_have_a_key

    settings.DEBUG = False
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    assert [error.id for error in backups_have_a_key(None)] == ["core.E006"]
    settings.BACKUP_ENCRYPTION_KEY_FILE = str(tmp_path / "missing.key")
    assert [error.id for error in backups_have_a_key(None)] == ["core.E006"]
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    settings.BACKUP_ENCRYPTION_KEY = KEY
    assert backups_have_a_key(None) == []


def test_the_key_may_come_from_a_file_and_must_be_32_bytes(settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.BACKUP_ENCRYPTION_KEY_FILE = tmp_path / "backup.key"
    (tmp_path / "backup.key").write_text(KEY + "\n")
    assert len(backups.encryption_key()) == 32
    (tmp_path / "backup.key").write_text("dG9vIHNob3J0")
    with pytest.raises(backups.BackupError, match="32 bytes"):
        backups.encryption_key()


def test_a_new_key_is_printed_fresh_each_time(capsys):
    call_command("backup", new_key=True)
    call_command("backup", new_key=True)
    first, second = capsys.readouterr().out.split()
    assert first != second
    settings_key = backups.base64.b64decode(first)
    assert len(settings_key) == 32


def test_the_backup_is_scheduled_nightly_after_the_audit_anchor():
    from commonground.core import tasks
    from commonground.core.schedule import SCHEDULE

    (entry,) = [entry for entry in SCHEDULE if entry.task is tasks.back_up]
    anchor = next(entry for entry in SCHEDULE if entry.task is tasks.anchor_audit_trail)
    assert entry.cron == "0 3 * * *" and anchor.cron == "40 2 * * *"

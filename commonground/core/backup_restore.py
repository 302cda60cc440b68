"""Reading and restoring a backup made by `backups.create_backup`: every entry is checked whole
(its seal, its manifest and its framing) before anything is written, and a restore goes only into an
empty database (docs/decisions/0015). The file format is described in backups.py."""

import json
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO, cast

from django.conf import settings
from django.db import connections

from commonground.core.backup_stream import RefusedBackup, open_sealed
from commonground.core.backups import (
    ANCHORS,
    DATABASE,
    END,
    ENTRY,
    FORMAT,
    MANIFEST,
    MEDIA,
    BackupError,
    client_program,
    postgresql_environment,
    project_models,
)

# --- Reading a backup -------------------------------------------------------------------------------


class _PlainReader:
    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buffer = bytearray()

    def exact(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                raise RefusedBackup("the backup ends in the middle of an entry")
            self._buffer += chunk
        taken = bytes(self._buffer[:size])
        del self._buffer[:size]
        return taken

    def at_end(self) -> bool:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return True
            self._buffer += chunk
        return False


def read_entries(source: BinaryIO, key: bytes) -> Iterator[tuple[str, Iterator[bytes]]]:
    """Each entry's name and its blocks, in order; the caller reads an entry's blocks (or not)
    before asking for the next entry. Raises RefusedBackup on a wrong key or a changed file."""
    reader = _PlainReader(open_sealed(key, source))
    while True:
        tag = reader.exact(1)
        if tag == END:
            if not reader.at_end():
                raise RefusedBackup("the backup has data after its end")
            return
        if tag != ENTRY:
            raise RefusedBackup("the backup's contents are not in the expected form")
        (length,) = struct.unpack(">H", reader.exact(2))
        name = reader.exact(length).decode()
        blocks = _blocks(reader)
        yield name, blocks
        for _ in blocks:  # whatever the caller did not read
            pass


def _blocks(reader: _PlainReader) -> Iterator[bytes]:
    while True:
        (size,) = struct.unpack(">I", reader.exact(4))
        if size == 0:
            return
        yield reader.exact(size)


@dataclass
class Contents:
    manifest: dict
    database_bytes: int = 0
    anchors: bool = False
    media: list[str] = field(default_factory=list)


def check_whole(path: Path, key: bytes) -> Contents:
    """Open and authenticate the whole backup without restoring anything: what it holds."""
    contents = None
    with path.open("rb") as source:
        for name, blocks in read_entries(source, key):
            if name == MANIFEST:
                contents = Contents(manifest=json.loads(b"".join(blocks)))
            elif contents is None:
                raise RefusedBackup("the backup does not start with its manifest")
            elif name == DATABASE:
                contents.database_bytes = sum(len(block) for block in blocks)
            elif name == ANCHORS:
                contents.anchors = True
            elif name.startswith(MEDIA):
                contents.media.append(name.removeprefix(MEDIA))
    if contents is None or contents.manifest.get("format") != FORMAT:
        raise RefusedBackup("the backup's manifest is missing or of another format")
    return contents


# --- Restoring --------------------------------------------------------------------------------------


def why_not_empty() -> str | None:
    """Why the database cannot take a restore (None when it is empty)."""
    connection = connections["default"]
    tables = set(connection.introspection.table_names())
    if "django_migrations" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            if cursor.fetchone()[0]:
                return "it has been migrated (django_migrations has rows)"
    for model in project_models():
        if model._meta.db_table in tables and model._base_manager.exists():
            return f"the table {model._meta.db_table} has rows"
    return None


def media_path(relative: str) -> Path:
    media_root = Path(settings.MEDIA_ROOT).resolve()
    path = (media_root / relative).resolve()
    if not path.is_relative_to(media_root) or path == media_root:
        raise RefusedBackup(f"the backup names a file outside the media folder: {relative}")
    return path


def check_restorable(contents: Contents) -> None:
    vendor = connections["default"].vendor
    if contents.manifest.get("database") != vendor:
        raise BackupError(
            f"This is a backup of a {contents.manifest.get('database')} database; "
            f"the configured database is {vendor}."
        )
    reason = why_not_empty()
    if reason:
        name = connections["default"].settings_dict["NAME"]
        raise BackupError(
            f"Restore needs an empty database, and {name} is not empty: {reason}. Nothing was changed. "
            "Create a new, empty database (PostgreSQL: `createdb`; SQLite: a new file name), point "
            "DATABASE_URL at it without running migrate, and restore again."
        )
    existing = [relative for relative in contents.media if media_path(relative).exists()]
    if existing:
        raise BackupError(
            f"{len(existing)} file(s) of the backup are already in MEDIA_ROOT ({settings.MEDIA_ROOT}), "
            f"for example {existing[0]}. Nothing was changed. Restore into an empty media folder."
        )


@dataclass
class Restored:
    media_files: int
    anchor_file: Path | None  # the anchors to verify against
    anchor_note: str


def restore(path: Path, key: bytes, work_folder: Path) -> Restored:
    """Restore a backup already checked whole: the database, then the files. `work_folder` is a
    private temporary folder (the backup's anchors may be kept there for verification)."""
    vendor = connections["default"].vendor
    media_files = 0
    anchor_file, anchor_note = None, "the backup holds no audit anchors"
    with path.open("rb") as source:
        for name, blocks in read_entries(source, key):
            if name == DATABASE:
                _restore_database(vendor, blocks, work_folder)
            elif name == ANCHORS:
                anchor_file, anchor_note = _restore_anchors(blocks, work_folder)
            elif name.startswith(MEDIA):
                target = media_path(name.removeprefix(MEDIA))
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as file:
                    for block in blocks:
                        file.write(block)
                media_files += 1
    return Restored(media_files=media_files, anchor_file=anchor_file, anchor_note=anchor_note)


def _restore_database(vendor: str, blocks: Iterator[bytes], work_folder: Path) -> None:
    connection = connections["default"]
    connection.close()
    if vendor == "postgresql":
        _postgresql_restore(blocks)
    else:
        copy = work_folder / "database.sqlite3"
        with copy.open("wb") as file:
            for block in blocks:
                file.write(block)
        source = sqlite3.connect(copy)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        copy.unlink()


def _postgresql_restore(blocks: Iterator[bytes]) -> None:
    """pg_restore in one transaction, fed as the backup is opened: if the backup is refused part
    way, pg_restore is stopped and its transaction never commits."""
    with tempfile.TemporaryFile() as errors:
        restoring = subprocess.Popen(  # noqa: S603 (our own arguments)
            [
                client_program("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--no-password",
                "--dbname",
                postgresql_environment()["PGDATABASE"],
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=postgresql_environment(),
        )
        restoring_input = cast(IO[bytes], restoring.stdin)  # a pipe, as asked for above
        try:
            for block in blocks:
                restoring_input.write(block)
            restoring_input.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early: its exit status and message say why
        except BaseException:
            restoring.kill()
            restoring.wait()
            raise
        if restoring.wait() != 0:
            errors.seek(0)
            raise BackupError(
                f"pg_restore failed and restored nothing: {errors.read().decode(errors='replace').strip()}"
            )


def _restore_anchors(blocks: Iterator[bytes], work_folder: Path) -> tuple[Path, str]:
    """The backup's anchors become AUDIT_ANCHOR_FILE when there is none. An existing anchor file is
    never overwritten (it was kept outside the database, maybe newer than the backup): the restored
    chain is then checked against the backup's own copy, and the note says so."""
    configured = Path(settings.AUDIT_ANCHOR_FILE)
    if configured.exists():
        copy = work_folder / ANCHORS
        with copy.open("wb") as file:
            for block in blocks:
                file.write(block)
        if copy.read_bytes() == configured.read_bytes():
            return configured, f"the anchors in {configured} are the backup's"
        return copy, (
            f"{configured} already exists and differs from the backup's anchors: it was left as it "
            "is, and the restored trail was checked against the backup's copy"
        )
    configured.parent.mkdir(parents=True, exist_ok=True)
    with configured.open("xb") as file:
        for block in blocks:
            file.write(block)
    return configured, f"the backup's anchors were restored to {configured}"

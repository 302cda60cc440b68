"""Backups: the database and the files kept outside it, as one encrypted file (docs/decisions/0015).

A backup holds, in this order: a manifest, the database (`pg_dump --format=custom` on PostgreSQL,
SQLite's online backup API on SQLite), the audit chain's anchor file, and every uploaded file under
MEDIA_ROOT. The database is copied first: a file is saved before the row that names it is committed,
so every file a backed-up row names is already there when the files are copied.

Inside the encryption (backup_stream.py) the entries are framed as
    b"E" | name length (2 bytes) | name (UTF-8) | blocks: length (4 bytes) | data … | 0 (4 bytes)
and the file ends with b"Z". Nothing is ever written in the clear to the backup folder: a backup
is written under a temporary name and renamed once sealed.
"""

import base64
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, BinaryIO, cast

from django.apps import apps
from django.conf import settings
from django.db import connections

from commonground.core.backup_stream import KEY_SIZE, RefusedBackup, SealingWriter, open_sealed

FORMAT = 1
NAME_PREFIX = "commonground-"
SUFFIX = ".cgbackup"
PARTIAL = ".partial"
MANIFEST = "manifest.json"
DATABASE = "database"
ANCHORS = "audit-anchors.jsonl"
MEDIA = "media/"
_ENTRY, _END = b"E", b"Z"
_BLOCK = 1024 * 1024
_DEVELOPMENT_SALT = b"commonground.backups.v1"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


# --- The key ----------------------------------------------------------------------------------------


def encryption_key() -> bytes:
    """BACKUP_ENCRYPTION_KEY, else the file BACKUP_ENCRYPTION_KEY_FILE: 32 bytes in base64. Without
    either, development (DEBUG on) uses a key derived from SECRET_KEY; production refuses."""
    if settings.BACKUP_ENCRYPTION_KEY:
        encoded = settings.BACKUP_ENCRYPTION_KEY
    elif settings.BACKUP_ENCRYPTION_KEY_FILE:
        try:
            encoded = Path(settings.BACKUP_ENCRYPTION_KEY_FILE).read_text(encoding="utf-8")
        except OSError as error:
            raise BackupError(f"The backup key file cannot be read: {error}.") from None
    elif settings.DEBUG:
        return hmac.new(_DEVELOPMENT_SALT, settings.SECRET_KEY.encode(), hashlib.sha256).digest()
    else:
        raise BackupError(
            "No backup key: set BACKUP_ENCRYPTION_KEY or BACKUP_ENCRYPTION_KEY_FILE "
            "(make one with `manage.py backup --new-key`) and keep it away from the backups."
        )
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except ValueError:
        key = b""
    if len(key) != KEY_SIZE:
        raise BackupError(f"The backup key must be {KEY_SIZE} bytes in base64: `manage.py backup --new-key`.")
    return key


def new_encoded_key() -> str:
    return base64.b64encode(os.urandom(KEY_SIZE)).decode()


# --- Making a backup --------------------------------------------------------------------------------


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def create_backup(*, now: datetime | None = None) -> Path:
    """Write one backup into BACKUP_DIR, named by its UTC time; returns its path."""
    key = encryption_key()
    now = now or datetime.now(UTC)
    folder = backup_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = folder / f"{NAME_PREFIX}{now:%Y%m%dT%H%M%SZ}{SUFFIX}"
    partial = final.with_name(final.name + PARTIAL)
    vendor = connections["default"].vendor
    try:
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as target:
            with SealingWriter(key, target) as sealed:
                manifest = {"format": FORMAT, "database": vendor, "created_at": now.isoformat()}
                _write_entry(sealed, MANIFEST, [json.dumps(manifest).encode()])
                _write_entry(sealed, DATABASE, _database_dump(vendor))
                anchors = Path(settings.AUDIT_ANCHOR_FILE)
                if anchors.exists():
                    _write_entry(sealed, ANCHORS, _file_blocks(anchors))
                media_root = Path(settings.MEDIA_ROOT)
                for path in sorted(media_root.rglob("*")) if media_root.exists() else []:
                    if path.is_file():
                        _write_entry(
                            sealed, MEDIA + path.relative_to(media_root).as_posix(), _file_blocks(path)
                        )
                sealed.write(_END)
            target.flush()
            os.fsync(target.fileno())
        if final.exists():  # another run in the same second already made this backup
            partial.unlink()
        else:
            partial.rename(final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def prune(*, keep: int | None = None) -> list[Path]:
    """Remove all but the newest `keep` (BACKUP_KEEP) backups; returns those removed."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    backups = sorted(backup_dir().glob(f"{NAME_PREFIX}*{SUFFIX}"))
    removed = backups[: max(len(backups) - keep, 0)]
    if backups:  # what a backup stopped part way left, older than the newest finished one
        removed += [
            path
            for path in backup_dir().glob(f"{NAME_PREFIX}*{SUFFIX}{PARTIAL}")
            if path.name.removesuffix(PARTIAL) < backups[-1].name
        ]
    for path in removed:
        path.unlink()
    return removed


def _write_entry(sealed: SealingWriter, name: str, blocks: Iterable[bytes]) -> None:
    encoded = name.encode()
    sealed.write(_ENTRY + struct.pack(">H", len(encoded)) + encoded)
    for block in blocks:
        if block:
            sealed.write(struct.pack(">I", len(block)) + block)
    sealed.write(struct.pack(">I", 0))


def _file_blocks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while block := file.read(_BLOCK):
            yield block


def _database_dump(vendor: str) -> Iterator[bytes]:
    if vendor == "postgresql":
        yield from _postgresql_dump()
    elif vendor == "sqlite":
        yield from _sqlite_copy()
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")


def _postgresql_environment() -> dict[str, str]:
    database = connections["default"].settings_dict
    environment = {**os.environ, "PGDATABASE": database["NAME"]}
    for setting, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(setting):
            environment[variable] = str(database[setting])
    if database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return environment


def _client_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install PostgreSQL's client programs (of the server's version)."
        )
    return path


def _postgresql_dump() -> Iterator[bytes]:
    """pg_dump's output as it comes: one consistent snapshot, never held whole in memory or on disk."""
    with tempfile.TemporaryFile() as errors:
        dump = subprocess.Popen(  # noqa: S603 (our own arguments)
            [_client_program("pg_dump"), "--format=custom", "--no-password"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_postgresql_environment(),
        )
        output = cast(IO[bytes], dump.stdout)  # a pipe, as asked for above
        try:
            while block := output.read(_BLOCK):
                yield block
        finally:
            output.close()
            returncode = dump.wait()
        if returncode != 0:
            errors.seek(0)
            raise BackupError(f"pg_dump failed: {errors.read().decode(errors='replace').strip()}")


def _sqlite_copy() -> Iterator[bytes]:
    """A consistent copy by SQLite's online backup API, in a private temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite3"
        source = sqlite3.connect(connections["default"].settings_dict["NAME"])
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        yield from _file_blocks(copy)


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
        if tag == _END:
            if not reader.at_end():
                raise RefusedBackup("the backup has data after its end")
            return
        if tag != _ENTRY:
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


def project_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("commonground.")
        for model in config.get_models()
        if model._meta.managed and not model._meta.proxy
    ]


def record_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in project_models()}


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
                _client_program("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                "--no-password",
                "--dbname",
                _postgresql_environment()["PGDATABASE"],
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=_postgresql_environment(),
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

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
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

from django.apps import apps
from django.conf import settings
from django.db import connections

from commonground.core.backup_stream import KEY_SIZE, SealingWriter

FORMAT = 1
NAME_PREFIX = "commonground-"
SUFFIX = ".cgbackup"
PARTIAL = ".partial"
MANIFEST = "manifest.json"
DATABASE = "database"
ANCHORS = "audit-anchors.jsonl"
MEDIA = "media/"
ENTRY, END = b"E", b"Z"
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
                sealed.write(END)
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
    sealed.write(ENTRY + struct.pack(">H", len(encoded)) + encoded)
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


def postgresql_environment() -> dict[str, str]:
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


def client_program(name: str) -> str:
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
            [client_program("pg_dump"), "--format=custom", "--no-password"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=postgresql_environment(),
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


# --- What the database holds ----------------------------------------------------------------------


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

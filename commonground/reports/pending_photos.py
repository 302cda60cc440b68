"""Photos (and a hate incident's PDF evidence) uploaded during a journey wait here, already cleaned, until the report is sent.
Names are random; a task every 15 minutes removes any left behind for longer than
settings.REPORT_PENDING_PHOTO_MINUTES, so none stays more than an hour."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from commonground.reports.photos import CleanPhoto

FOLDER = "pending-photos"
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "pdf": "application/pdf"}


def keep(photo: CleanPhoto) -> str:
    name = f"{FOLDER}/{secrets.token_hex(16)}.{photo.extension}"
    return default_storage.save(name, ContentFile(photo.content))


def load(names: list[str]) -> list[CleanPhoto]:
    photos = []
    for name in names:
        if not _ours(name) or not default_storage.exists(name):
            continue
        extension = name.rsplit(".", 1)[-1]
        with default_storage.open(name, "rb") as handle:
            photos.append(
                CleanPhoto(content=handle.read(), content_type=CONTENT_TYPES[extension], extension=extension)
            )
    return photos


def still_kept(names: list[str]) -> list[str]:
    """The names whose photos are still here (the sweep removes those left too long)."""
    return [name for name in names if _ours(name) and default_storage.exists(name)]


def _ours(name: str) -> bool:
    return name.startswith(f"{FOLDER}/") and ".." not in name


def discard(names: list[str]) -> None:
    for name in names:
        if _ours(name):
            default_storage.delete(name)


def remove_stale(older_than: timedelta | None = None) -> int:
    if older_than is None:
        older_than = timedelta(minutes=settings.REPORT_PENDING_PHOTO_MINUTES)
    try:
        _, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed += 1
    return removed

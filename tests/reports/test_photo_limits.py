"""Photos cannot exhaust the server's memory: a picture's size is read from its header and refused
before any pixel is decoded; uploads are limited per client and hour; photos of journeys never
sent are removed within an hour."""

import io
import json
import struct
import subprocess
import sys
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image, ImageFile

from commonground.core import schedule
from commonground.reports import pending_photos, tasks
from commonground.reports.photos import PhotoRefused, check_header, clean_photo
from tests.reports.journeys import walk

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
TENSION_ANSWERS = [
    ("category", {"tension_category": "graffiti"}),
    ("what", {"description": "Hateful graffiti on the wall of the community centre."}),
    ("when", {"happened_on": ""}),
    ("where", {"where": "place"}),
    ("place", {"postcode": "", "borough": "E08000004", "street": "Union Street"}),
]


def crafted_png(width: int, height: int, *, rows: int | None = None) -> bytes:
    """A real, valid PNG of black pixels: tiny on disk, huge once decoded. With `rows`, only that
    many rows of pixels follow the header (enough for a check that reads the header alone)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    row = bytes(1 + width * 3)  # filter byte, then RGB
    count = height if rows is None else rows
    pixels = b"".join(compressor.compress(row) for _ in range(count)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """The finding's photo: 6,320 by 6,320 pixels (just under the old 40-megapixel cap) in ~120 KB."""
    return crafted_png(6320, 6320)


def _small_jpeg(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


# --- Size from the header, before decoding ---------------------------------------------------------


def test_a_small_file_declaring_a_huge_picture_is_refused_without_decoding_a_pixel(bomb, monkeypatch):
    assert len(bomb) < 200 * 1024
    assert settings.REPORT_PHOTO_MAX_PIXELS < 6320 * 6320

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixels were decoded before the size was checked")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    monkeypatch.setattr(ImageFile.ImageFile, "verify", no_decoding)
    with pytest.raises(PhotoRefused, match="too large"):
        clean_photo(bomb)


MEASURE = """
import json, resource, sys
import django
django.setup()
from commonground.reports.photos import PhotoRefused, clean_photo
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    clean_photo(data)
    outcome = "accepted"
except PhotoRefused as refused:
    outcome = str(refused)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "peak_growth_kb": after - before}))
"""


def test_checking_the_finding_photo_costs_little_memory(bomb, tmp_path):
    """Measured in a process of its own (peak resident memory, which counts Pillow's own
    allocations): before the header check this photo cost about 470 MB to decode."""
    photo = tmp_path / "bomb.png"
    photo.write_bytes(bomb)
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, str(photo)],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(measured.stdout.strip().splitlines()[-1])
    assert "too large" in result["outcome"]
    assert result["peak_growth_kb"] * 1024 < 50 * MEGABYTE, result


def test_the_pixel_cap_is_a_setting_and_a_photo_within_it_is_accepted(settings):
    assert check_header(_small_jpeg()).size == (40, 30)
    assert clean_photo(_small_jpeg()).content_type == "image/jpeg"
    settings.REPORT_PHOTO_MAX_PIXELS = 40 * 30 - 1
    with pytest.raises(PhotoRefused, match="too large"):
        clean_photo(_small_jpeg())


def test_a_picture_past_pillows_own_bomb_limit_is_called_too_large_not_a_non_photo():
    with pytest.raises(PhotoRefused, match="too large"):
        check_header(crafted_png(20_000, 10_000, rows=1))


# --- The photo step is rate-limited -----------------------------------------------------------------


def test_a_client_uploading_too_many_photos_is_asked_to_wait_and_keeps_its_answers(teams, media, settings):
    settings.REPORT_PHOTO_UPLOAD_LIMIT = 2
    uploads = 0
    for _ in range(2):
        client = Client()
        walk(client, "community-tension", TENSION_ANSWERS)
        photo = SimpleUploadedFile("wall.jpg", _small_jpeg(), content_type="image/jpeg")
        assert client.post("/report/community-tension/photos/", {"photos": photo}).status_code == 302
        uploads += 1
    assert len(default_storage.listdir(pending_photos.FOLDER)[1]) == uploads

    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    photo = SimpleUploadedFile("wall.jpg", _small_jpeg(), content_type="image/jpeg")
    refused = client.post("/report/community-tension/photos/", {"photos": photo})

    assert refused.status_code == 429
    assert "a lot of photos from your connection" in refused.content.decode()
    assert len(default_storage.listdir(pending_photos.FOLDER)[1]) == uploads  # nothing kept
    # Without the photo the journey goes on, with every answer given so far.
    assert client.post("/report/community-tension/photos/", {}).status_code == 302
    client.post("/report/community-tension/contact/", {})
    check = client.get("/report/community-tension/check/").content.decode()
    assert "Hateful graffiti on the wall of the community centre." in check and "Union Street" in check


def test_the_photo_limit_counts_before_decoding(teams, media, settings, bomb, monkeypatch):
    settings.REPORT_PHOTO_UPLOAD_LIMIT = 1
    decoded = []
    monkeypatch.setattr("commonground.reports.views.public.clean_photo", lambda data: decoded.append(data))
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    photos = [SimpleUploadedFile(f"p{n}.png", bomb, content_type="image/png") for n in range(3)]
    assert client.post("/report/community-tension/photos/", {"photos": photos}).status_code == 429
    assert decoded == []


# --- Photos of journeys never sent are removed within an hour ---------------------------------------


def _upload_pending_photo() -> str:
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    photo = SimpleUploadedFile("wall.jpg", _small_jpeg(), content_type="image/jpeg")
    assert client.post("/report/community-tension/photos/", {"photos": photo}).status_code == 302
    (name,) = default_storage.listdir(pending_photos.FOLDER)[1]
    return f"{pending_photos.FOLDER}/{name}"


def test_a_photo_left_in_a_journey_never_sent_is_removed_within_an_hour(teams, media):
    uploaded_at = timezone.now()
    name = _upload_pending_photo()
    entry = next(e for e in schedule.SCHEDULE if e.task == tasks.remove_abandoned_photos)
    slots = schedule.due_slots(entry, since=uploaded_at, until=uploaded_at + timedelta(hours=1))
    assert len(slots) >= 4  # every 15 minutes

    removed_at = None
    for slot in slots:
        with time_machine.travel(slot, tick=False):
            tasks.remove_abandoned_photos.call()
        if not default_storage.exists(name):
            removed_at = slot
            break
    assert removed_at is not None, "still there an hour after it was uploaded"
    assert removed_at - uploaded_at <= timedelta(hours=1)
    # Not too early: a person still answering questions keeps their photo for the set time.
    assert removed_at - uploaded_at >= timedelta(minutes=settings.REPORT_PENDING_PHOTO_MINUTES)


def test_a_photo_younger_than_the_setting_is_kept(teams, media, settings):
    settings.REPORT_PENDING_PHOTO_MINUTES = 30
    name = _upload_pending_photo()
    with time_machine.travel(timezone.now() + timedelta(minutes=29), tick=False):
        assert tasks.remove_abandoned_photos.call() == 0
    assert default_storage.exists(name)
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        assert tasks.remove_abandoned_photos.call() == 1
    assert not default_storage.exists(name)
    assert Path(media, pending_photos.FOLDER).is_dir()


def test_a_photo_taken_sideways_is_kept_the_right_way_up_without_its_metadata():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to view
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="JPEG", exif=exif)

    cleaned = Image.open(io.BytesIO(clean_photo(buffer.getvalue()).content))

    assert cleaned.size == (30, 40)
    assert dict(cleaned.getexif()) == {}


def test_the_check_page_counts_only_the_photos_still_kept(teams, media, settings):
    settings.REPORT_PENDING_PHOTO_MINUTES = 30
    client = Client()
    walk(client, "community-tension", TENSION_ANSWERS)
    photo = SimpleUploadedFile("wall.jpg", _small_jpeg(), content_type="image/jpeg")
    client.post("/report/community-tension/photos/", {"photos": photo})
    client.post("/report/community-tension/contact/", {})
    assert "1 photo added" in client.get("/report/community-tension/check/").content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        tasks.remove_abandoned_photos.call()
    assert "photo added" not in client.get("/report/community-tension/check/").content.decode()

"""Checking photos by their content and removing their metadata (EXIF can hold the location
where a photo was taken). Every accepted photo is re-encoded from its pixels alone.

Decoding costs memory in proportion to the pixels, not the file's size: a 155 KB PNG can declare
40 million pixels. So the size the file declares in its header is checked before any pixel is
decoded, against a cap that fits a phone's photo (settings.REPORT_PHOTO_MAX_PIXELS)."""

import io
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
ACCEPTED = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


class PhotoRefused(ValueError):
    pass


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str


def _too_large() -> PhotoRefused:
    return PhotoRefused(_("The photo is too large. Take a smaller photo or a screenshot of it"))


def _not_a_photo() -> PhotoRefused:
    return PhotoRefused(_("The selected file must be a photo (a JPG, PNG or WEBP)"))


def check_header(data: bytes) -> Image.Image:
    """The image, opened lazily: its format and size read from the header, no pixel decoded yet.
    Refuses a file that is not an accepted photo or that declares too many pixels."""
    try:
        image = Image.open(io.BytesIO(data))  # lazy: reads the header only
    except Image.DecompressionBombError:
        raise _too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_a_photo() from None
    width, height = image.size
    if width * height > settings.REPORT_PHOTO_MAX_PIXELS:
        raise _too_large()
    if image.format not in ACCEPTED:
        raise PhotoRefused(_("The photo must be a JPG, PNG or WEBP"))
    return image


def clean_photo(data: bytes) -> CleanPhoto:
    if len(data) > MAX_BYTES:
        raise PhotoRefused(_("The photo must be smaller than 10MB"))
    image = check_header(data)
    content_type, extension = ACCEPTED[cast(str, image.format)]  # check_header refused any other format
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        # Keep the picture the right way up (in place: one decoded copy fewer), then drop every
        # piece of metadata by copying the pixels alone into a new image.
        ImageOps.exif_transpose(image, in_place=True)
        upright = image
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        pixels_only = Image.new(upright.mode, upright.size)
        pixels_only.paste(upright)
        del upright
        if image.format == "JPEG" and pixels_only.mode not in ("RGB", "L"):
            pixels_only = pixels_only.convert("RGB")
        output = io.BytesIO()
        pixels_only.save(output, format=image.format, **({"quality": 90} if image.format != "PNG" else {}))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_a_photo() from None
    finally:
        image.close()
    return CleanPhoto(content=output.getvalue(), content_type=content_type, extension=extension)

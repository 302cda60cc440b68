"""Checking photos by their content and removing their metadata (EXIF can hold the location
where a photo was taken). Every accepted photo is re-encoded from its pixels alone."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


class PhotoRefused(ValueError):
    pass


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    content_type: str
    extension: str


def clean_photo(data: bytes) -> CleanPhoto:
    if len(data) > MAX_BYTES:
        raise PhotoRefused(_("The photo must be smaller than 10MB"))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise PhotoRefused(_("The photo is too large. Take a smaller photo or a screenshot of it"))
        if image.format not in ACCEPTED:
            raise PhotoRefused(_("The photo must be a JPG, PNG or WEBP"))
        content_type, extension = ACCEPTED[image.format]
        # Keep the picture the right way up, then drop every piece of metadata.
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        pixels_only = Image.new(upright.mode, upright.size)
        pixels_only.paste(upright)
        if image.format == "JPEG" and pixels_only.mode not in ("RGB", "L"):
            pixels_only = pixels_only.convert("RGB")
        output = io.BytesIO()
        pixels_only.save(output, format=image.format, **({"quality": 90} if image.format != "PNG" else {}))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise PhotoRefused(_("The selected file must be a photo (a JPG, PNG or WEBP)")) from None
    return CleanPhoto(content=output.getvalue(), content_type=content_type, extension=extension)

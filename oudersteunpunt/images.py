"""Uploaded images: checked before they are stored, made small enough for a phone."""

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # e.g. 8000 x 5000; larger is a mistake or a decompression bomb
MAX_WIDTH = 1600
FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image(file):
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Deze afbeelding is te groot. Kies een bestand kleiner dan 5 MB."), code="too_big")
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            kind = image.format
    except (Image.DecompressionBombError, OSError, ValueError):
        raise ValidationError(
            _("Dit bestand is geen afbeelding die we kunnen gebruiken. Kies een JPG, PNG of WebP."), code="invalid"
        ) from None
    finally:
        file.seek(0)
    if kind not in FORMATS:
        raise ValidationError(_("Kies een JPG, PNG of WebP."), code="format")
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("Deze afbeelding heeft te veel pixels. Maak hem eerst kleiner."), code="too_many_pixels"
        )


def shrink(field_file):
    """Resize in place to at most MAX_WIDTH wide, turned the right way up."""
    field_file.open("rb")
    with Image.open(field_file) as image:
        kind = image.format
        image = ImageOps.exif_transpose(image)
        if image.width <= MAX_WIDTH and kind != "JPEG":
            return
        image.thumbnail((MAX_WIDTH, MAX_WIDTH * 4))
        buffer = BytesIO()
        if kind == "JPEG":
            image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
        else:
            image.save(buffer, kind, optimize=True)
    name = field_file.name.rsplit("/", 1)[-1]
    field_file.save(name, ContentFile(buffer.getvalue()), save=False)

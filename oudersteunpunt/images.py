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


# What link previews (WhatsApp, Facebook, LinkedIn, Mastodon) show best: 1.91 to 1.
SHARE_SIZE = (1200, 630)
SHARE_MIN_SIZE = (600, 315)


def validate_share_image(file):
    """Big enough to fill a link preview without looking blurred."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
    except (Image.DecompressionBombError, OSError, ValueError):
        return  # validate_image says what is wrong with it
    finally:
        file.seek(0)
    if width < SHARE_MIN_SIZE[0] or height < SHARE_MIN_SIZE[1]:
        raise ValidationError(
            _("Deze afbeelding is te klein. Kies er een van minstens %(width)s bij %(height)s pixels.")
            % {"width": SHARE_MIN_SIZE[0], "height": SHARE_MIN_SIZE[1]},
            code="too_small",
        )


def fit_share_image(field_file):
    """Crop from the middle and resize to exactly SHARE_SIZE, as a JPEG: the size the tags announce."""
    field_file.open("rb")
    with Image.open(field_file) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "P"):
            # A transparent background becomes the site's own warm white, not black.
            image = image.convert("RGBA")
            background = Image.new("RGBA", image.size, (251, 247, 241, 255))
            image = Image.alpha_composite(background, image)
        image = ImageOps.fit(image.convert("RGB"), SHARE_SIZE, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    original = field_file.name
    field_file.close()
    field_file.save(original.rsplit("/", 1)[-1].rsplit(".", 1)[0] + ".jpg", ContentFile(buffer.getvalue()), save=False)
    if field_file.name != original:
        field_file.storage.delete(original)  # only the fitted copy is ever shown

"""Photos and logos: checked on upload, resized into the renditions pages need, created once.

Upload checks (``validate_image``): a real image that Pillow can decode, in an allowed format, under
the size and dimension limits, with a message staff can act on otherwise.

Renditions (``rendition``): each named spec has exact pixel dimensions, so a page can print width
and height without opening the original. A rendition is written to the default storage (local disk
or S3) the first time a page asks for it, under a name derived from the original's name and the
spec, and reused after that; the shared cache remembers that it exists, so no worker asks the
storage again. Pages link it through the file view (core.files), which shows it only while the
original's item is public.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .files import RENDITIONS_DIRECTORY, file_url

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MIN_SIDE = 120
MAX_SIDE = 8000


@dataclass(frozen=True)
class Spec:
    width: int
    height: int
    # "crop" fills the box and cuts what overflows; "pad" fits the whole image in the box (logos).
    mode: str = "crop"


SPECS = {
    "card": Spec(640, 400),
    "detail": Spec(1200, 750),
    "portrait": Spec(192, 192),
    "logo": Spec(320, 160, "pad"),
    "og": Spec(1200, 630),
}


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


def max_upload_bytes():
    return settings.IMAGE_UPLOAD_MAX_MB * 1024 * 1024


def validate_image(file):
    """Validator for ImageFields: refuse anything but a real, reasonably sized JPEG, PNG or WebP."""
    if file is None or getattr(file, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    if getattr(file, "size", 0) > max_upload_bytes():
        raise ValidationError(
            _("This image is %(size)s; the largest accepted is %(limit)s. Save it smaller and try again."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_upload_bytes())},
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image that can be read. Upload a JPEG, PNG or WebP photo."), code="not_an_image"
        ) from None
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP photo."),
            code="format",
            params={"format": image_format or _("This kind of")},
        )
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("This image is %(width)s×%(height)s pixels; it needs at least %(min)s pixels on each side."),
            code="too_small",
            params={"width": width, "height": height, "min": MIN_SIDE},
        )
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            _("This image is %(width)s×%(height)s pixels; the largest accepted is %(max)s pixels on a side."),
            code="too_big",
            params={"width": width, "height": height, "max": MAX_SIDE},
        )


def rendition_name(original_name, spec_name):
    """Named "renditions/<spec>-<size>/<original name>.webp": the original's name is kept whole, so the file
    view (core.files) can find the row a rendition belongs to and apply the same visibility rule."""
    spec = SPECS[spec_name]
    return f"{RENDITIONS_DIRECTORY}/{spec_name}-{spec.width}x{spec.height}/{original_name}.webp"


def _render(field_file, spec):
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            image = ImageOps.exif_transpose(original).convert("RGBA")
    finally:
        field_file.close()
    if spec.mode == "pad":
        image.thumbnail((spec.width, spec.height), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (spec.width, spec.height), (255, 255, 255, 0))
        canvas.paste(image, ((spec.width - image.width) // 2, (spec.height - image.height) // 2))
        image = canvas
    else:
        image = ImageOps.fit(image, (spec.width, spec.height), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, "WEBP", quality=82, method=4)
    return buffer.getvalue()


def rendition(field_file, spec_name):
    """The ``spec_name`` rendition of an ImageField's file, creating it on first use; None without a file."""
    if not field_file:
        return None
    spec = SPECS[spec_name]
    name = rendition_name(field_file.name, spec_name)
    # Hashed: a long stored name would pass the key length memcached accepts.
    cache_key = f"rendition:{hashlib.sha256(name.encode()).hexdigest()}"
    if not cache.get(cache_key):
        if not default_storage.exists(name):
            try:
                default_storage.save(name, ContentFile(_render(field_file, spec)))
            except (OSError, UnidentifiedImageError, ValueError):
                return None  # a missing or broken original: the page shows no image rather than failing
        cache.set(cache_key, True, timeout=None)
    return Rendition(file_url(name), spec.width, spec.height)

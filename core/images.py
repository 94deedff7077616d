"""Photos and logos: checked on upload, resized into the renditions pages need, created once.

Upload checks (``validate_image``): a real image that Pillow can decode, in an allowed format, under
the size and dimension limits, with a message staff can act on otherwise.

Renditions (``rendition``): each named spec has exact pixel dimensions, so a page can print width
and height without opening the original. Crops keep the image's focal point (a library image carries
one; a bare file is cut around its centre): Pillow's ``ImageOps.fit`` takes it as ``centering``, which
is why the site needs no thumbnail library. A library image writes all of them when it is saved
(``make_renditions``); a rendition still missing is written the first time a page asks for it. Each is
stored in the default storage (local disk or S3) under a name made of the original's name, the spec
and the focal point, so a new focal point gives new addresses that no browser or cache holds yet; the
shared cache remembers that it exists, so no worker asks the storage again. Pages link it through the
file view (core.files), which shows it only while the original's item is public.
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
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

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


CENTRE = (0.5, 0.5)

# EXIF orientations whose photo is stored on its side: turned upright, its width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}


def _focus(focal_point):
    """The focal point to a thousandth of each side: what the crop uses is exactly what the name says."""
    across, down = focal_point or CENTRE
    return (min(max(round(across * 1000), 0), 1000) / 1000, min(max(round(down * 1000), 0), 1000) / 1000)


def dimensions(file):
    """(width, height) of an image file as pages show it (turned upright as its camera noted)."""
    was_closed = getattr(file, "closed", False)  # a stored file is opened here, and closed again
    position = None if was_closed else file.tell()
    try:
        if was_closed:
            file.open("rb")
        else:
            file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            # Read from the EXIF note, not by turning the pixels, which would decode the whole photo.
            if image.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS:
                return height, width
            return width, height
    finally:
        if was_closed:
            file.close()
        elif position is not None:
            file.seek(position)


def rendition_name(original_name, spec_name, focal_point=CENTRE):
    """Named "renditions/<spec>-<size>[-focus<x>-<y>]/<original name>.webp": the original's name is kept
    whole, so the file view (core.files) can find the row a rendition belongs to and apply the same
    visibility rule. The focal point, in thousandths, is named unless it is the centre (and for padded
    specs, which show the whole image wherever it is)."""
    spec = SPECS[spec_name]
    directory = f"{spec_name}-{spec.width}x{spec.height}"
    across, down = _focus(focal_point)
    if spec.mode == "crop" and (across, down) != CENTRE:
        directory += f"-focus{round(across * 1000)}-{round(down * 1000)}"
    return f"{RENDITIONS_DIRECTORY}/{directory}/{original_name}.webp"


def _centering(size, box, focal_point):
    """Where ``ImageOps.fit`` takes its crop from (0 = the first edge, 1 = the last, on each axis) so that
    the focal point sits as near the middle of the crop as the image allows: a point near an edge keeps
    the crop at that edge, rather than only leaning towards it."""
    width, height = size
    scale = min(width / box[0], height / box[1])
    crop = (box[0] * scale, box[1] * scale)
    centering = []
    for side, cropped, focus in zip(size, crop, focal_point, strict=True):
        slack = side - cropped
        centering.append(min(max((focus * side - cropped / 2) / slack, 0.0), 1.0) if slack >= 1 else 0.5)
    return tuple(centering)


def _render(field_file, spec, focal_point=CENTRE):
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            # A JPEG is decoded at the smallest eighth, quarter or half that still covers the box on both
            # sides, whichever way the camera held it: a 48-megapixel photo then takes a fraction of the
            # time and memory of a full decode, for the same crop. Other formats ignore it.
            side = max(spec.width, spec.height)
            original.draft(None, (side, side))
            image = ImageOps.exif_transpose(original).convert("RGBA")
    finally:
        field_file.close()
    if spec.mode == "pad":
        image.thumbnail((spec.width, spec.height), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (spec.width, spec.height), (255, 255, 255, 0))
        canvas.paste(image, ((spec.width - image.width) // 2, (spec.height - image.height) // 2))
        image = canvas
    else:
        centering = _centering(image.size, (spec.width, spec.height), _focus(focal_point))
        image = ImageOps.fit(image, (spec.width, spec.height), Image.Resampling.LANCZOS, centering=centering)
    buffer = BytesIO()
    image.save(buffer, "WEBP", quality=82, method=4)
    return buffer.getvalue()


def _cache_key(name):
    # Hashed: a long stored name would pass the key length memcached accepts.
    return f"rendition:{hashlib.sha256(name.encode()).hexdigest()}"


def delete_rendition(name):
    """Delete a stored rendition, and forget that it exists: the same crop asked for again is rewritten."""
    default_storage.delete(name)
    cache.delete(_cache_key(name))


def _file_and_focus(source):
    """An ImageField's file (cut around its centre), or an image that names its file and focal point
    (library.Image): what ``rendition`` accepts."""
    focal_point = getattr(source, "focal_point", None)
    if focal_point is not None:
        return source.file, focal_point
    return source, CENTRE


def rendition(source, spec_name):
    """The ``spec_name`` rendition of an image (a library image, or an ImageField's file), writing it if it
    is not stored yet; None without a file."""
    if not source:
        return None
    field_file, focal_point = _file_and_focus(source)
    if not field_file:
        return None
    spec = SPECS[spec_name]
    name = rendition_name(field_file.name, spec_name, focal_point)
    cache_key = _cache_key(name)
    if not cache.get(cache_key):
        if not default_storage.exists(name):
            try:
                default_storage.save(name, ContentFile(_render(field_file, spec, focal_point)))
            except (OSError, UnidentifiedImageError, ValueError):
                return None  # a missing or broken original: the page shows no image rather than failing
        cache.set(cache_key, True, timeout=None)
    return Rendition(file_url(name), spec.width, spec.height)


def make_renditions(source):
    """Write every spec's rendition of an image now, so that no visitor waits for one."""
    return {spec_name: rendition(source, spec_name) for spec_name in SPECS}


def stored_rendition_names(original_name):
    """The renditions of ``original_name`` in storage, for every spec and every focal point it had."""
    names = []
    try:
        directories, _files = default_storage.listdir(RENDITIONS_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        return names
    for directory in directories:
        if directory.split("-", 1)[0] in SPECS:
            name = f"{RENDITIONS_DIRECTORY}/{directory}/{original_name}.webp"
            if default_storage.exists(name):
                names.append(name)
    return names

"""Files as a form uploads them: real, small images for photo and logo fields (the upload checks open
what they are given), and any bytes under a name."""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_bytes(width=400, height=400, image_format="PNG"):
    """An image of ``width`` × ``height`` (PNG unless told), big enough for the upload checks by default."""
    buffer = BytesIO()
    Image.new("RGB", (width, height), (11, 83, 148)).save(buffer, image_format)
    return buffer.getvalue()


def photo(name="office.png", width=800, height=500):
    """A PNG as an unsaved file, to assign to an image field."""
    return ContentFile(png_bytes(width, height), name=name)


def upload(content, name="photo.png", content_type=None):
    """``content`` as a browser uploads it in a form."""
    return SimpleUploadedFile(name, content, content_type=content_type)

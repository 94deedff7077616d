"""Images of the library for tests: saved with a real file, and pictures whose crops can be told apart."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PillowImage

RED = (220, 20, 20)
BLUE = (20, 40, 220)


def halves_png(width=800, height=400, left=RED, right=BLUE):
    """A PNG whose left half is ``left`` and right half ``right``: a square crop shows which side it kept."""
    picture = PillowImage.new("RGB", (width, height), right)
    picture.paste(left, (0, 0, width // 2, height))
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def make_image(content=None, name="picture.png", **fields):
    """A library image, saved with its file (a plain blue PNG unless ``content`` is given)."""
    from library.models import Image

    from .files import png_bytes

    values = {"title": "A test picture", "alt_en": "A test picture, described"} | fields
    image = Image(**values)
    image.file.save(name, ContentFile(content if content is not None else png_bytes(800, 500)), save=False)
    image.save()
    return image


def colour_at(data, x, y):
    """The RGB colour at (x, y) of an image given as bytes (a rendition read back from its URL)."""
    with PillowImage.open(BytesIO(data)) as picture:
        return picture.convert("RGB").getpixel((x, y))


def is_close(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))

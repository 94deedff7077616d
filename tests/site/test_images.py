"""Uploads are checked; renditions have exact sizes, are created once and reused."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import Image

from core import images
from tests.support.files import png_bytes, upload


def test_a_real_image_is_accepted():
    images.validate_image(upload(png_bytes(), "photo.png"))


def test_a_text_file_renamed_jpg_is_refused_with_a_reason():
    with pytest.raises(ValidationError) as error:
        images.validate_image(upload(b"just some text, not a photo", "photo.jpg"))
    assert error.value.code == "not_an_image"
    assert "not an image" in error.value.messages[0]


def test_an_oversized_file_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_MB = 0
    with pytest.raises(ValidationError) as error:
        images.validate_image(upload(png_bytes(), "photo.png"))
    assert error.value.code == "too_large"


def test_tiny_and_huge_images_are_refused():
    with pytest.raises(ValidationError) as error:
        images.validate_image(upload(png_bytes(50, 50), "icon.png"))
    assert error.value.code == "too_small"
    assert "50×50" in error.value.messages[0]


def test_other_formats_are_refused():
    with pytest.raises(ValidationError) as error:
        images.validate_image(upload(png_bytes(image_format="GIF"), "anim.gif"))
    assert error.value.code == "format"


@pytest.mark.django_db
def test_renditions_are_created_once_and_reused(monkeypatch):
    name = default_storage.save("tests/originals/photo.png", ContentFile(png_bytes(1600, 900)))
    original = default_storage.open(name)
    original.name = name
    renders = []
    real_render = images._render
    monkeypatch.setattr(images, "_render", lambda f, spec, *focus: renders.append(spec) or real_render(f, spec, *focus))

    first = images.rendition(original, "card")
    second = images.rendition(original, "card")
    assert first == second
    assert (first.width, first.height) == (640, 400)
    assert len(renders) == 1
    with default_storage.open(images.rendition_name(name, "card")) as stored, Image.open(stored) as picture:
        assert picture.size == (640, 400)
        assert picture.format == "WEBP"


@pytest.mark.django_db
def test_logo_renditions_keep_the_whole_logo():
    name = default_storage.save("tests/originals/logo.png", ContentFile(png_bytes(1000, 200)))
    original = default_storage.open(name)
    original.name = name
    result = images.rendition(original, "logo")
    assert (result.width, result.height) == (320, 160)


@pytest.mark.django_db
def test_the_image_tag_prints_size_and_alt():
    name = default_storage.save("tests/originals/tag.png", ContentFile(png_bytes(800, 800)))
    original = default_storage.open(name)
    original.name = name
    html = Template('{% load site_tags %}{% image photo "portrait" alt=who %}').render(
        Context({"photo": original, "who": "Ms. Example <b>"})
    )
    assert 'width="192" height="192"' in html
    assert 'alt="Ms. Example &lt;b&gt;"' in html
    assert Template('{% load site_tags %}{% image photo "card" %}').render(Context({"photo": None})).strip() == ""

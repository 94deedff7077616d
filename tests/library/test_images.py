"""Library images: checked on upload, described in English at least, and cut into every rendition when
saved, around their focal point."""

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image as PillowImage

from core import images
from library.models import Image
from tests.support.admin import change_form_data
from tests.support.files import png_bytes, upload
from tests.support.images import BLUE, RED, colour_at, halves_png, is_close, make_image

pytestmark = pytest.mark.django_db


def _stored(name):
    with default_storage.open(name) as handle:
        return handle.read()


def _rendition_bytes(image, spec):
    return _stored(images.rendition_name(image.file.name, spec, image.focal_point))


def test_an_upload_in_the_admin_is_stored_under_an_unguessable_name_with_its_size(superuser_client):
    response = superuser_client.post(
        reverse("admin:library_image_add"),
        {
            "file": upload(png_bytes(800, 500), "Chengdu Office.png", "image/png"),
            "title": "Chengdu office",
            "alt_en": "The office building in Chengdu",
            "credit": "© WeGO",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    image = Image.objects.get(title="Chengdu office")
    assert re.fullmatch(r"library/[\w-]{22}/chengdu-office\.png", image.file.name)
    assert (image.width, image.height, image.alt_en, image.credit) == (
        800,
        500,
        "The office building in Chengdu",
        "© WeGO",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image at all", "Upload a valid image."),
        (png_bytes(50, 50), "This image is 50×50 pixels; it needs at least 120 pixels on each side."),
    ],
)
def test_an_upload_that_is_not_a_usable_image_is_refused_with_a_reason(superuser_client, content, message):
    response = superuser_client.post(
        reverse("admin:library_image_add"),
        {"file": upload(content, "photo.png"), "title": "Refused", "alt_en": "Refused", "focal_x": 0.5, "focal_y": 0.5},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.filter(title="Refused").exists()


def test_the_english_description_is_required_in_words_and_by_the_database(superuser_client):
    response = superuser_client.post(
        reverse("admin:library_image_add"),
        {
            "file": upload(png_bytes(), "photo.png"),
            "title": "Undescribed",
            "alt_ko": "사진",
            "focal_x": 0.5,
            "focal_y": 0.5,
        },
    )
    assert response.status_code == 200
    assert "Describe the image for visitors who cannot see it." in response.content.decode()
    image = make_image()
    with pytest.raises(IntegrityError), transaction.atomic():
        Image.objects.filter(pk=image.pk).update(alt_en="")


def test_a_focal_point_off_the_image_is_refused():
    image = make_image()
    image.focal_x = 1.2
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "focal_x" in error.value.message_dict


def test_every_rendition_is_written_when_the_image_is_saved(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(800, 400))
    for spec_name, spec in images.SPECS.items():
        name = images.rendition_name(image.file.name, spec_name)
        assert default_storage.exists(name), spec_name
        with PillowImage.open(BytesIO(_stored(name))) as picture:
            assert picture.size == (spec.width, spec.height), spec_name
    assert images.rendition(image, "card").url == f"/files/{images.rendition_name(image.file.name, 'card')}"


def test_crops_keep_the_focal_point_and_move_to_new_addresses(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(800, 400), focal_x=0.1, focal_y=0.5)
    portrait = _rendition_bytes(image, "portrait")
    # The square is cut from the left of a wide picture: red all across.
    assert is_close(colour_at(portrait, 10, 96), RED)
    assert is_close(colour_at(portrait, 180, 96), RED)
    left_name = images.rendition_name(image.file.name, "portrait", image.focal_point)
    assert "focus100-500" in left_name

    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 0.9
        image.save()
    portrait = _rendition_bytes(image, "portrait")
    assert is_close(colour_at(portrait, 10, 96), BLUE)
    assert is_close(colour_at(portrait, 180, 96), BLUE)
    # A new name, so no browser or cache keeps the old crop; the old one is gone from storage.
    assert images.rendition_name(image.file.name, "portrait", image.focal_point) != left_name
    assert not default_storage.exists(left_name)
    assert images.rendition(image, "portrait").url.endswith(
        images.rendition_name(image.file.name, "portrait", (0.9, 0.5))
    )


def test_going_back_to_an_earlier_focal_point_writes_its_crop_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(800, 400), focal_x=0.1)
    first = images.rendition_name(image.file.name, "portrait", image.focal_point)
    for focal_x in (0.9, 0.1):
        with django_capture_on_commit_callbacks(execute=True):
            image.focal_x = focal_x
            image.save()
    assert default_storage.exists(first)


def test_logos_are_padded_whole_wherever_the_focal_point_is(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(1000, 200), focal_x=0.1)
    name = images.rendition_name(image.file.name, "logo", image.focal_point)
    assert name == images.rendition_name(image.file.name, "logo")  # padding ignores the focal point
    logo = _stored(name)
    assert is_close(colour_at(logo, 20, 80), RED)
    assert is_close(colour_at(logo, 300, 80), BLUE)


def test_the_change_form_shows_the_image_to_click_and_the_crops(superuser_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(800, 400), focal_x=0.25, focal_y=0.75)
    url = reverse("admin:library_image_change", args=[image.pk])
    html = superuser_client.get(url).content.decode()
    assert 'class="focal-point"' in html
    assert f'src="/files/{image.file.name}"' in html
    assert "left: 25.0%; top: 75.0%" in html
    for spec in ("card", "detail", "portrait", "og"):
        assert f'/files/{images.rendition_name(image.file.name, spec, (0.25, 0.75))}"' in html
    assert "js/admin-focal-point" in html and "css/admin-library" in html
    assert "Nothing uses this image yet" in html

    data = change_form_data(superuser_client.get(url)) | {"focal_x": "0.6", "focal_y": "0.4"}
    with django_capture_on_commit_callbacks(execute=True):
        assert superuser_client.post(url, data).status_code == 302
    image.refresh_from_db()
    assert image.focal_point == (0.6, 0.4)
    html = superuser_client.get(url).content.decode()
    assert f'/files/{images.rendition_name(image.file.name, "card", (0.6, 0.4))}"' in html


def test_a_failure_to_write_the_crops_does_not_undo_or_break_the_save(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """The image is saved either way (pages write a missing crop themselves): the failure is logged,
    not raised into the staff member's request after the save has committed."""
    from library import renditions

    def storage_down(image):
        raise RuntimeError("the storage did not answer")

    monkeypatch.setattr(renditions.images, "make_renditions", storage_down)
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(title="Saved anyway")
    assert Image.objects.filter(pk=image.pk, title="Saved anyway").exists()
    assert "the storage did not answer" in caplog.text


def test_the_crops_kept_are_those_of_the_focal_point_stored_last(django_capture_on_commit_callbacks):
    """Two people save the same image at once: whichever write of crops runs last keeps the crops of the
    focal point the database holds, not those of the copy it was given."""
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(halves_png(800, 400))
    left, right = Image.objects.get(pk=image.pk), Image.objects.get(pk=image.pk)
    with django_capture_on_commit_callbacks() as first:
        left.focal_x = 0.1
        left.save()
    with django_capture_on_commit_callbacks() as second:
        right.focal_x = 0.9
        right.save()
    for callback in [*second, *first]:  # the first save's crops are written last
        callback()
    stored = images.rendition_name(image.file.name, "portrait", (0.9, 0.5))
    assert default_storage.exists(stored)
    assert not default_storage.exists(images.rendition_name(image.file.name, "portrait", (0.1, 0.5)))


def test_a_large_photo_is_decoded_only_as_large_as_each_crop_needs(monkeypatch):
    """A camera's JPEG is cut from a reduced decode (Pillow's draft mode), not from all its pixels:
    saving a 48-megapixel photo took seven seconds and a gigabyte of memory for its five crops."""
    picture = PillowImage.new("RGB", (3200, 2400), RED)
    buffer = BytesIO()
    picture.save(buffer, "JPEG")
    image = make_image(buffer.getvalue(), name="camera.jpg")
    fitted = []
    fit = images.ImageOps.fit

    def recording_fit(picture, size, *args, **kwargs):
        fitted.append(picture.size)
        return fit(picture, size, *args, **kwargs)

    monkeypatch.setattr(images.ImageOps, "fit", recording_fit)
    images.rendition(image, "card")  # 640×400
    assert fitted == [(1600, 1200)]  # a half of each side: the largest reduction still over 640 on both
    with PillowImage.open(BytesIO(_stored(images.rendition_name(image.file.name, "card")))) as card:
        assert card.size == (640, 400)


def test_a_photo_taken_upright_is_measured_upright_without_decoding_it(monkeypatch):
    """A phone stores a portrait photo on its side with an EXIF note to turn it: the size pages print is
    the turned one, read from the note rather than by turning every pixel of the photo."""
    from PIL import ImageFile

    picture = PillowImage.new("RGB", (600, 400), RED)
    exif = PillowImage.Exif()
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to view
    buffer = BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    decoded = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append(self.size) or load(self))

    image = make_image(buffer.getvalue(), name="upright.jpg")
    assert (image.width, image.height) == (400, 600)
    assert decoded == []

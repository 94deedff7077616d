"""Moving the photos and logos that items held in a file field of their own into the image library.

Used by the data migrations of offices, programs and testimonials: for each row with a file, an Image
that keeps the same stored file (nothing is copied; core.files finds it under its old directory
through ``Image.earlier_upload_directories``), its description in every language the row had one,
and the row's name as its title; then the row points at it. Written against the historical models
that the migration hands over, so it keeps working whatever the models become later.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from PIL import UnidentifiedImageError

from core.images import dimensions

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _size(field_file):
    """The stored file's size, or (None, None) when it cannot be read: it is measured again when replaced."""
    try:
        return dimensions(field_file)
    except (OSError, ValueError, UnidentifiedImageError):
        return None, None


def _descriptions(row, alt_field, translated):
    if not translated:
        return {"alt_en": getattr(row, alt_field) or ""}
    return {
        build_localized_fieldname("alt", code): getattr(row, build_localized_fieldname(alt_field, code)) or None
        for code in LANGUAGE_CODES
    } | {"alt_en": getattr(row, build_localized_fieldname(alt_field, "en")) or ""}


def move_into_library(apps, model_label, *, file_field, alt_field, image_field, title, translated=False):
    """Give every row of ``model_label`` with a file in ``file_field`` an Image in ``image_field``.

    ``title`` makes the image's title from the row (its name is what an editor searches for)."""
    Image = apps.get_model("library", "Image")
    model = apps.get_model(model_label)
    for row in model._default_manager.exclude(**{file_field: ""}).order_by("pk").iterator():
        field_file = getattr(row, file_field)
        width, height = _size(field_file)
        descriptions = _descriptions(row, alt_field, translated)
        if not descriptions["alt_en"].strip():
            descriptions["alt_en"] = title(row)  # the rule required one; never left without
        image = Image.objects.create(
            file=field_file.name,
            title=title(row)[:200],
            alt=descriptions["alt_en"],
            width=width,
            height=height,
            **descriptions,
        )
        setattr(row, image_field, image)
        row.save(update_fields=[image_field])


def move_out_of_library(apps, model_label, *, file_field, alt_field, image_field, translated=False):
    """The way back: the image's file and description return to the row (the Image rows stay)."""
    model = apps.get_model(model_label)
    for row in model._default_manager.exclude(**{f"{image_field}__isnull": True}).select_related(image_field):
        image = getattr(row, image_field)
        setattr(row, file_field, image.file.name)
        if translated:
            for code in LANGUAGE_CODES:
                setattr(
                    row,
                    build_localized_fieldname(alt_field, code),
                    getattr(image, build_localized_fieldname("alt", code)),
                )
        else:
            setattr(row, alt_field, image.alt_en)
        row.save()

"""Moving the photos and logos that items held in a file field of their own into the image library.

Used by the data migrations of offices, programs and testimonials: for each row with a file, an Image
that keeps the same stored file (nothing is copied; core.files finds it under its old directory
through ``Image.earlier_upload_directories``), its description in every language the row had one,
and the row's name as its title; then the row points at it. Written against the historical models
that the migration hands over, so it keeps working whatever the models become later.
"""

import json

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


def images_in_revisions(apps, model_label, *, alt_field, image_field, title, translated=False):
    """Point the saved revisions of ``model_label`` at library images, so that old revisions can still be
    compared and restored.

    A revision saved before the move names the file itself in ``image_field`` and holds its descriptions
    in ``alt_field``; the field is now a foreign key to an Image. Each such file becomes the Image that
    already holds it, or a new one made from the revision (``title`` makes its title from the revision's
    fields), and the old description fields leave the revision."""
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Image = apps.get_model("library", "Image")
    app_label, model_name = model_label.lower().split(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return  # a new database: no revision of anything yet
    alt_names = [alt_field, *(build_localized_fieldname(alt_field, code) for code in LANGUAGE_CODES)]
    for version in Version.objects.filter(content_type=content_type, format="json").iterator():
        objects = json.loads(version.serialized_data)
        changed = False
        for obj in objects:
            fields = obj.get("fields", {})
            name = fields.get(image_field)
            if not isinstance(name, str):
                continue  # already an image's key, or none
            fields[image_field] = _image_of(Image, name, fields, alt_field, title, translated) if name else None
            for alt_name in alt_names:
                fields.pop(alt_name, None)
            changed = True
        if changed:
            version.serialized_data = json.dumps(objects)
            version.save(update_fields=["serialized_data"])


def _image_of(Image, name, fields, alt_field, title, translated):
    """The key of the Image of the stored file ``name``, made from a revision's ``fields`` if none has it."""
    found = Image.objects.filter(file=name).order_by("pk").values_list("pk", flat=True).first()
    if found is not None:
        return found
    descriptions = (
        {
            build_localized_fieldname("alt", code): fields.get(build_localized_fieldname(alt_field, code)) or None
            for code in LANGUAGE_CODES
        }
        if translated
        else {}
    )
    descriptions["alt_en"] = (
        fields.get(build_localized_fieldname(alt_field, "en")) or fields.get(alt_field) or title(fields)
    )
    image = Image(file=name, title=title(fields)[:200], alt=descriptions["alt_en"], **descriptions)
    image.width, image.height = _size(image.file)
    image.save()
    return image.pk

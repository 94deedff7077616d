"""Grow the seed content N times over, for the benchmark and the query-count test.

Every row of the content apps is copied (scale - 1) times: unique text fields get a suffix, foreign
keys keep pointing at the same parents (so a parent ends up with N times the children, which is
what makes an N+1 query show), and many-to-many links are copied. Rows that cannot be copied
(singletons such as the Secretariat or a section page) are left alone.

    python -m tools.bench_data --scale 10    # on the database DJANGO_SETTINGS_MODULE and DATABASE_URL name
"""

import argparse
import os

from django.db import IntegrityError, models, transaction

from core.discovery import content_models

# One of each: the Secretariat, and the section page of each section.
SKIP = {"contact.secretariat", "pages.page"}


def _unique_text_fields(model):
    names = {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names.update(constraint.fields)
    for together in model._meta.unique_together:
        names.update(together)
    return [
        model._meta.get_field(name)
        for name in sorted(names)
        if isinstance(model._meta.get_field(name), (models.CharField, models.SlugField))
    ]


def grow(scale=10):
    """Copy the content until there is ``scale`` times as much; returns the number of rows created."""
    created = 0
    for model in content_models():
        if model._meta.label_lower in SKIP or any(
            isinstance(f, models.OneToOneField) for f in model._meta.concrete_fields
        ):
            continue
        created += _copy_rows(model, scale)
    return created


def _copy_rows(model, scale):
    unique_fields = _unique_text_fields(model)
    m2m_fields = model._meta.many_to_many  # their link tables hold only the two keys, which .set() fills
    originals = list(model._default_manager.all())
    created = 0
    for copy_number in range(2, scale + 1):
        for original in originals:
            links = {f.name: list(getattr(original, f.name).all()) for f in m2m_fields}
            clone = model._default_manager.get(pk=original.pk)
            clone.pk = None
            clone._state.adding = True
            suffix = f"-{copy_number}"
            for field in unique_fields:
                value = getattr(clone, field.attname)
                if value is None:
                    continue  # an untranslated name: NULLs never collide
                setattr(clone, field.attname, value[: field.max_length - len(suffix)] + suffix)
            try:
                with transaction.atomic():
                    clone.save()
                    for name, targets in links.items():
                        getattr(clone, name).set(targets)
            except IntegrityError:
                break  # a singleton or a row that only exists once: copy no more of this model
            created += 1
    return created


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10, help="the content's size afterwards, as a multiple")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wego_site.settings.local")
    import django

    django.setup()
    print(f"Created {grow(args.scale)} rows ({args.scale}x the content).")


if __name__ == "__main__":
    main()

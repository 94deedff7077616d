"""Many-to-many fields whose link table is a model of the app's own, edited in the admin as if it were
Django's.

A link table of one's own (``ManyToManyField(through=...)``) lets its rows have a name: the admin's
delete confirmations list them. But Django's admin refuses such a field in a form (check admin.E013,
Django ticket #12203), because a link table may hold more than the two keys, which the field's widget
could not fill. One that holds nothing else is filled by ``.set()`` as Django's own is; for those,
``LinkTablesAdmin`` gives the field its autocomplete or filter widget back. A field whose link table
holds more is refused as before.
"""

from django.contrib.admin import widgets


def holds_only_the_links(field):
    """Whether the link table of many-to-many ``field`` has no column but its id and the two keys."""
    return all(column.primary_key or column.many_to_one for column in field.remote_field.through._meta.concrete_fields)


class LinkTablesAdmin:
    """ModelAdmin mixin, first among the bases: ``class ProgrammeAdmin(LinkTablesAdmin, ...)``."""

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if all(holds_only_the_links(field) for field in self.model._meta.many_to_many):
            errors = [error for error in errors if error.id != "admin.E013"]
        return errors

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        through = db_field.remote_field.through
        if through._meta.auto_created or not holds_only_the_links(db_field):
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # What Django's own method does for its link tables, for the widgets this site uses.
        db = kwargs.get("using")
        if "widget" not in kwargs:
            if db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = widgets.AutocompleteSelectMultiple(db_field, self.admin_site, using=db)
            elif db_field.name in [*self.filter_vertical, *self.filter_horizontal]:
                kwargs["widget"] = widgets.FilteredSelectMultiple(
                    db_field.verbose_name, db_field.name in self.filter_vertical
                )
        if "queryset" not in kwargs:
            queryset = self.get_field_queryset(db, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return db_field.formfield(**kwargs)

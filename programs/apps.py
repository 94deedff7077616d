from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _link_str(link):
    """A programme's link to an office, a partner or a city, named by what it joins."""
    return " – ".join(str(getattr(link, field.name)) for field in link._meta.fields if field.is_relation)


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programmes")

    def ready(self):
        from .models import Programme, Session

        # Deleting an office, a partner or a city in the admin first lists the links that go with it:
        # "Programme-office relationship: Seoul Program – Europe Office" rather than
        # "Programme_offices object (3)". The link tables are Django's own (the admin's selection
        # widgets need them), so they get their name here.
        for relation in (Programme.offices, Programme.partners, Session.cities):
            relation.through.__str__ = _link_str

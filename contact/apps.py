from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact and messages")

    def ready(self):
        from core.fresh import fresh_input

        from .abuse import start_token

        # The contact page is served from the page cache; each visitor still gets a start time of their own.
        fresh_input("started", lambda request: start_token())

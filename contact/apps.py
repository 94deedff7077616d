from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection
from core.sections import Section
from pages.apps import PAGES

# Where the admin index lists the messages visitors send (the rest of the app is page text).
MESSAGES = AdminSection("messages", _("Messages"), order=40, first=("contact.ContactMessage",))


class ContactConfig(AppConfig):
    name = "contact"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Contact and messages")
    sections = [
        Section("host-city", _("Host City"), "contact:host-city", in_navigation=True),
        Section("contact", _("Contact"), "contact:contact", in_navigation=True, namespace="contact"),
    ]
    admin_section = PAGES

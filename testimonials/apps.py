from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.admin_site import AdminSection
from core.sections import Section


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    # Public pages show its rows (see core.discovery.content_apps).
    content = True
    verbose_name = _("Testimonials")
    sections = [
        Section("testimonials", _("Testimonials"), "testimonials:list", in_navigation=True, namespace="testimonials"),
    ]
    admin_section = AdminSection("testimonials", _("Testimonials"), order=30, first=("testimonials.Testimonial",))

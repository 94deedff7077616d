"""What the site search finds of the testimonials."""

from django.utils.translation import gettext_lazy as _

from programs.models import Programme, Session
from search.index import Source, ids

from .models import Testimonial


class TestimonialSource(Source):
    kind = "testimonial"
    label = _("Testimonial")
    plural_label = _("Testimonials")
    position = 50
    model = Testimonial

    def rows(self):
        return self.model.objects.select_related("session__programme")

    def chain(self, testimonial):
        session = testimonial.session
        return [testimonial] if session is None else [testimonial, session, session.programme]

    def entry(self, testimonial):
        session = testimonial.session
        return {
            "title": testimonial.full_name,
            "names": [
                testimonial.position,
                testimonial.organisation,
                testimonial.city,
                testimonial.country,
                testimonial.on_behalf_of,
                session.title if session else "",
                session.programme.name if session else "",
            ],
            "body": [testimonial.quote],
            "url": testimonial.get_absolute_url(),
        }

    def watches(self):
        testimonials = self.model.objects
        return {
            **super().watches(),
            Session: lambda session: ids(testimonials.filter(session_id=session.pk)),
            Programme: lambda programme: ids(testimonials.filter(session__programme_id=programme.pk)),
        }


sources = [TestimonialSource()]

"""The Atom feed of programme sessions, newest first, in the language of its address."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.meta import plain
from core.text import one_line

from .models import Session


class SessionFeed(Feed):
    """Every published session that has dates, the latest start first.

    Atom needs a date on every entry and sessions carry no publication timestamp, so a session's date
    is its start date, and sessions still without dates are left to the programme pages, as in the
    iCalendar feed.
    """

    feed_type = Atom1Feed
    author_name = "WeGO"
    limit = 100

    def title(self):
        return _("WeGO programme sessions")

    def subtitle(self):
        return _("Training programmes, workshops and webinars of WeGO and its partners.")

    def link(self):
        return reverse("programs:list")

    def feed_url(self):
        return reverse("session-feed")

    def items(self):
        return (
            Session.objects.published()
            .dated()
            .select_related("programme")
            .order_by(F("start_date").desc(), "-pk")[: self.limit]
        )

    # XML 1.0 cannot carry most control characters: rows stored before fields refused them are cleaned.
    def item_title(self, session):
        return one_line(session.title)

    def item_description(self, session):
        parts = [session.date_range, session.place, session.programme.name]
        facts = " · ".join(str(part) for part in parts if part)
        description = plain(session.description, words=60)
        return one_line(f"{facts}. {description}" if description else facts)

    def item_updateddate(self, session):
        return timezone.make_aware(datetime.datetime.combine(session.start_date, datetime.time.min))

    def item_categories(self, session):
        return [session.programme.get_kind_display()]


# Served under /feeds/ by the root URLs.
urlpatterns = [path("sessions.atom", SessionFeed(), name="session-feed")]

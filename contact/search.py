"""What the site search finds on the pages this app renders: the host city and the Secretariat.

Both are shown on section pages (pages.Page), so they are indexed as part of those pages' entries.
"""

from core import richtext
from pages.models import Page
from pages.search import PageText

from .models import HostCity, Secretariat, SolutionArea


class HostCityText(PageText):
    page_key = Page.Key.HOST_CITY
    reads = (HostCity, SolutionArea)

    def entry(self):
        city = HostCity.objects.published().prefetch_related("areas").order_by("pk").first()
        if city is None:
            return {}
        return {
            "names": [city.name, city.solution_title, city.sharing_title, *(area.name for area in city.areas.all())],
            "body": [
                richtext.plain(city.record),
                richtext.plain(city.solution_body),
                richtext.plain(city.sharing_text),
            ],
        }


class SecretariatText(PageText):
    page_key = Page.Key.CONTACT
    reads = (Secretariat,)

    def entry(self):
        secretariat = Secretariat.objects.current()
        if secretariat is None:
            return {}
        return {"names": [secretariat.name, *secretariat.address_lines]}


page_texts = [HostCityText(), SecretariatText()]

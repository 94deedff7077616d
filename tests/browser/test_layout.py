"""Whatever an editor types, a public page stays as wide as the screen: a name of 200 letters without
a space wraps instead of pushing the page sideways."""

import datetime

import pytest

from offices.models import Milestone, Office, OfficeStatus, StaffContact
from tests.support.content import PUBLISHED

LONG_NAME = "Regional" + "x" * 192  # 200 characters, no space to break at
WIDTHS = [1366, 375]


@pytest.fixture
def long_office(site_url):
    office = Office.objects.create(
        name=LONG_NAME,
        slug="long-name",
        region="Region" + "y" * 94,
        host_city="City" + "z" * 96,
        country="Country" + "w" * 93,
        status=OfficeStatus.ACTIVE,
        launch_event="Event" + "v" * 195,
        launch_place="Place" + "u" * 195,
        launched_on=datetime.date(2020, 5, 4),
        summary="Summary" + "t" * 293,
        website="https://example.org/" + "s" * 170,
        **PUBLISHED,
    )
    Milestone.objects.create(office=office, date=datetime.date(2021, 1, 1), title="Milestone" + "r" * 191, **PUBLISHED)
    StaffContact.objects.create(
        office=office,
        name="Person" + "q" * 194,
        position="Position" + "p" * 192,
        affiliation="Affiliation" + "o" * 189,
        email="someone" + "n" * 50 + "@example.org",
        **PUBLISHED,
    )
    return office


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/offices/", "/offices/long-name/", "/"])
def test_a_long_unbroken_name_does_not_widen_the_page(page, site_url, long_office, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    assert page.get_by_text(LONG_NAME, exact=True).first.is_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{path} at {width}px is {widths[0]}px wide"

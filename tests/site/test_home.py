"""The home page: WeGO in a sentence, the next sessions, the offices and a featured testimonial."""

import datetime

import pytest
import time_machine

from programs.models import Session
from tests.programs.factories import make_session
from tests.support.html import texts
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.date(2026, 11, 24))
def test_home_shows_the_next_sessions_offices_and_a_featured_testimonial(client):
    html = client.get("/").content.decode()
    headings = texts(html, "h2")
    assert "Coming up" in headings
    assert "Regional Offices" in headings
    assert "What participants say" in headings
    # The 2018 Jeju workshop is planned without dates: it is what is coming up.
    assert "Joint Workshop 2018, Jeju" in html
    assert "East Asia Regional Office" in html
    assert "Melissa Ovalle Buenrostro" in html


@time_machine.travel(datetime.date(2026, 11, 24))
def test_home_makes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get("/")
    few = count_queries(client, "/")
    programme = Session.objects.first().programme
    for index in range(30):
        make_session(programme=programme, slug=f"future-{index}", start=datetime.date(2027, 1, 1 + index % 28))
    with django_assert_max_num_queries(few):
        html = client.get("/").content.decode()
    assert html.count('class="card session-card"') == 3

"""The programmes pages: what visitors read, what staff preview, and how many queries it takes."""

from datetime import date

import pytest
from django.urls import reverse

from core.publishing import PublicationStatus
from programs.models import Programme, Session, SessionStatus
from tests.support.content import PUBLISHED
from tests.support.dates import on
from tests.support.html import elements, html_of, texts
from tests.support.queries import count_queries

from .factories import make_programme, make_session, make_sessions

pytestmark = pytest.mark.django_db


# /programmes/ -----------------------------------------------------------------------------------------


def test_list_groups_programmes_by_kind(client):
    html = html_of(client.get(reverse("programs:list")))
    assert texts(html, "h1") == ["Programmes"]
    assert texts(html, "h2")[:3] == ["Training programmes", "Workshops", "Partners’ programmes"]
    assert texts(html, "h3") == [
        "Seoul Program",
        "WeGO Regional Offices’ Programs",
        "Joint Workshop for Smart Sustainable Cities and e-Government",
        "World Bank Institute’s Smart Cities Webinar Series",
    ]


def test_list_shows_the_latest_session_or_the_next_one(client):
    with on(date(2025, 6, 1)):
        html = html_of(client.get(reverse("programs:list")))
    text = " ".join(html.split())
    # The Seoul Program has only past sessions; the Joint Workshop has one planned in Jeju.
    assert 'Latest session:</span> <a href="/programmes/seoul-program/2017/">Seoul Program 2017</a>' in text
    assert 'Next session:</span> <a href="/programmes/joint-workshop/2018-jeju/">Joint Workshop 2018, Jeju</a>' in text
    assert "Dates to be announced" in text


def test_list_says_when_a_session_is_running(client):
    with on(date(2017, 11, 21)):
        html = html_of(client.get(reverse("programs:list")))
    assert "Running now:" in html
    assert '<time datetime="2017-11-20">20</time>–<time datetime="2017-11-23">23 November 2017</time>' in html


def test_list_hides_draft_programmes(client):
    Programme.objects.filter(slug="seoul-program").update(publication_status=PublicationStatus.DRAFT)
    html = html_of(client.get(reverse("programs:list")))
    assert "Seoul Program" not in texts(html, "h3")


def test_list_links_the_calendar_feed(client):
    html = html_of(client.get(reverse("programs:list")))
    assert elements(html, "link", rel="alternate", type="text/calendar", href="/programmes/calendar.ics")
    assert elements(html, "a", href="/programmes/calendar.ics")


# /programmes/<slug>/ ------------------------------------------------------------------------------------


def test_programme_page_lists_past_sessions_as_a_timeline_with_natural_dates(client):
    html = html_of(client.get(reverse("programs:detail", kwargs={"slug": "seoul-program"})))
    assert texts(html, "h1") == ["Seoul Program"]
    assert "Seoul Human Resource Development Center" in html
    assert "The Seoul Program consist of diverse lectures" in html
    timeline = html[html.index('class="timeline"') :]
    assert texts(timeline, "h3") == [
        "Seoul Program 2017",
        "Seoul Program 2016",
        "Seoul Program 2015",
        "Seoul Program 2014",
        "Seoul Program 2013",
        "Seoul Program 2012 (July)",
        "Seoul Program 2012 (May–June)",
        "Seoul Program 2011",
    ]
    for dates in [
        '<time datetime="2011-09-05">5</time>–<time datetime="2011-09-09">9 September 2011</time>',
        '<time datetime="2012-05-29">29 May</time> – <time datetime="2012-06-06">6 June 2012</time>',
        '<time datetime="2017-03-27">27</time>–<time datetime="2017-03-31">31 March 2017</time>',
    ]:
        assert dates in html


def test_programme_page_puts_upcoming_sessions_first(client):
    programme = make_programme(slug="future-workshop")
    make_session(programme, date(2010, 1, 4), title="Old one")
    make_session(programme, date(2030, 12, 30), days=4, title="Over new year")
    make_session(programme, date(2030, 6, 1), title="Summer one")
    make_session(programme, date(2030, 7, 1), title="Called off", status=SessionStatus.CANCELLED)
    with on(date(2025, 1, 1)):
        html = html_of(client.get(programme.get_absolute_url()))
    assert texts(html, "h2")[:2] == ["Upcoming sessions", "Past sessions"]
    assert texts(html, "h3")[:3] == ["Summer one", "Over new year", "Old one"]
    assert "Called off" not in html
    assert (
        '<time datetime="2030-12-30">30 December 2030</time> – <time datetime="2031-01-02">2 January 2031</time>'
        in html
    )


def test_programme_page_of_the_regional_offices_programmes(client):
    html = html_of(client.get(reverse("programs:detail", kwargs={"slug": "regional-offices-programs"})))
    assert "Starting 2014, the WeGO Regional Offices in Asia and Europe" in html
    assert "No session is announced yet." in html
    offices = html[html.index("<dt>Regional Offices</dt>") :]
    assert texts(offices, "a")[:2] == [
        "WeGO Asia Regional Office, Chengdu",
        "WeGO Europe Regional Office, Ulyanovsk Region",
    ]
    assert elements(offices, "a", href=reverse("offices:detail", kwargs={"slug": "asia-chengdu"}))


def test_programme_page_links_its_regional_offices(client):
    from offices.models import Office

    programme = Programme.objects.get(slug="regional-offices-programs")
    office = Office.objects.create(name="Test Regional Office", slug="test-regional-office", region="Test", **PUBLISHED)
    programme.offices.add(office)
    html = html_of(client.get(programme.get_absolute_url()))
    assert elements(html, "a", href=office.get_absolute_url())
    Office.objects.filter(pk=office.pk).update(publication_status=PublicationStatus.DRAFT)
    assert "Test Regional Office" not in html_of(client.get(programme.get_absolute_url()))


def test_unknown_or_odd_programme_slugs_are_404(client):
    assert client.get("/programmes/no-such-programme/").status_code == 404
    assert client.get("/programmes/%3Cscript%3E/").status_code == 404
    assert client.get("/programmes/seoul-program/../../admin/").status_code in {301, 302, 404}


def test_draft_programme_is_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory):
    Programme.objects.filter(slug="seoul-program").update(publication_status=PublicationStatus.DRAFT)
    url = reverse("programs:detail", kwargs={"slug": "seoul-program"})
    assert client.get(url).status_code == 404
    assert client.get("/programmes/seoul-program/2013/").status_code == 404
    staff = staff_client_factory()
    assert "Draft preview" in html_of(staff.get(url))
    assert "Draft preview" in html_of(staff.get("/programmes/seoul-program/2013/"))


# /programmes/<slug>/<session>/ --------------------------------------------------------------------------


def test_session_page_of_the_2017_joint_workshop(client):
    html = html_of(client.get("/programmes/joint-workshop/2017-seoul/"))
    assert texts(html, "h1") == ["Joint Workshop 2017, Seoul"]
    assert [t["datetime"] for t in elements(html, "time")][:2] == ["2017-11-20", "2017-11-23"]
    for text in [
        "Smart City Vision &amp; Strategy Formulation",
        "Building Smart City Ecosystems",
        "TOPIS center (transportation)",
        "S-Plex Center",
        "Seoul Metropolitan Government Big Data Campus",
        "Bukcheon IoT Village (Living Lab)",
        "21 participants from 15 cities.",
    ]:
        assert text in html
    assert len(texts(html[html.index('id="topics-heading"') : html.index('id="tours-heading"')], "li")) == 6
    # Cities grouped by country, countries in alphabetical order.
    assert texts(html, "dt")[:4] == ["Korea", "Malaysia", "Mexico", "Mongolia"]
    assert "Gimpo, Goyang, Sejong" in texts(html, "dd")
    assert "Dhulikhel, Pokhara, Ramgram" in texts(html, "dd")
    assert "Vladivostok, Yakutsk" in texts(html, "dd")
    assert elements(html, "a", href="/programmes/joint-workshop/2017-seoul/calendar.ics")


def test_session_page_of_the_planned_jeju_workshop(client):
    html = html_of(client.get("/programmes/joint-workshop/2018-jeju/"))
    assert "Dates to be announced" in html
    assert "Planned, to be confirmed" in html
    assert "early-mid 2018" in html
    assert "Mr. Andrew Lim" in html and "Ms. Alexandra Sidorova" in html
    assert "mailto:" not in html
    assert "calendar.ics" not in html.replace('href="/programmes/calendar.ics"', "")


def test_session_page_shows_the_testimonials_of_that_session(client):
    html = html_of(client.get("/programmes/seoul-program/2013/"))
    assert "What participants said" in html
    assert "said Ms. Mirela Minca, Head of International Program and Cooperation Service, Bucharest." in html
    assert "Melissa Ovalle Buenrostro" not in html  # she took part in 2011


def test_session_page_links_its_document(client):
    from django.core.files.base import ContentFile

    session = Session.objects.get(programme__slug="seoul-program", slug="2016")
    session.document.save("seoul-program-2016.pdf", ContentFile(b"%PDF-1.4"), save=True)
    html = html_of(client.get(session.get_absolute_url()))
    assert elements(html, "a", href=f"/files/{session.document.name}")
    assert "Programme of Seoul Program 2016" in html


def test_cancelled_session_page_says_so(client):
    session = make_session(make_programme(), date(2030, 1, 1), status=SessionStatus.CANCELLED)
    assert "This session was cancelled." in html_of(client.get(session.get_absolute_url()))


def test_session_must_belong_to_the_programme_in_the_address(client):
    assert client.get("/programmes/joint-workshop/2013/").status_code == 404
    assert client.get("/programmes/seoul-program/no-such-session/").status_code == 404
    assert client.get("/programmes/seoul-program/%3Cb%3E/").status_code == 404


def test_draft_session_is_hidden_from_visitors_and_lists(client, staff_client_factory):
    Session.objects.filter(programme__slug="seoul-program", slug="2013").update(
        publication_status=PublicationStatus.DRAFT
    )
    assert client.get("/programmes/seoul-program/2013/").status_code == 404
    assert "Seoul Program 2013" not in html_of(client.get("/programmes/seoul-program/"))
    assert "Draft preview" in html_of(staff_client_factory().get("/programmes/seoul-program/2013/"))


# Query counts do not grow with the number of sessions ----------------------------------------------------


@pytest.mark.parametrize("url_of", ["list", "detail", "session", "calendar"])
def test_query_count_is_the_same_with_10_and_100_sessions(client, url_of, django_assert_max_num_queries):
    programmes = [make_programme() for _ in range(10)]
    sessions = make_sessions(programmes[0], 10)
    urls = {
        "list": reverse("programs:list"),
        "detail": programmes[0].get_absolute_url(),
        "session": sessions[0].get_absolute_url(),
        "calendar": reverse("programs:calendar"),
    }
    with django_assert_max_num_queries(12):
        client.get(urls[url_of])
    with_10 = count_queries(client, urls[url_of])
    make_sessions(programmes[0], 50)
    for programme in programmes[1:]:
        make_sessions(programme, 5)
    # The session page grows in cities, testimonials and topics instead.
    for index in range(20):
        sessions[0].topics.create(name=f"Extra topic {index}")
        sessions[0].cities.add(*Session.objects.get(slug=sessions[index % 10].slug).cities.all())
    assert Session.objects.filter(programme__in=programmes).count() == 10 + 50 + 45
    with_100 = count_queries(client, urls[url_of])
    assert with_10 == with_100


# The sitemap ----------------------------------------------------------------------------------------------


def test_sitemap_lists_every_programme_and_session(sitemap_pages):
    paths = list(sitemap_pages)
    for programme in Programme.objects.published():
        assert programme.get_absolute_url() in paths
    for session in Session.objects.published():
        assert session.get_absolute_url() in paths
    assert "/programmes/joint-workshop/2018-jeju/" in paths
    assert "/ko/programmes/seoul-program/2013/" in paths

"""No page links off-site through its own address, and invisible control characters are refused where
text is typed and made harmless in the feed, the calendars and the vCards."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse
from icalendar import Calendar

from core import text
from core.context_processors import site
from core.meta import is_site_path
from core.vcard import VCard, escape_text
from programs.models import Session
from tests.offices.factories import make_contact, make_office
from tests.programs.factories import make_programme, make_session
from tests.support.admin import change_form_data
from tests.support.contact import contact_form
from tests.support.html import elements, meta

pytestmark = pytest.mark.django_db

HOMES = ["/", "/ko/", "/ru/", "/es/", "/zh-hans/"]
# Paths a browser reads as another site. The test client would parse "//host/..." as a host, so they
# are given as the raw PATH_INFO a server passes on.
OFF_SITE_PATHS = [
    "//evil.example/login",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example/login",
    "///evil.example/login",
    "/ko//evil.example/login",
]


# -- No link off-site through the page's own address -------------------------------------------


def assert_no_link_off_site(response):
    html = response.content.decode()
    assert "evil.example" not in html
    switcher = [a["href"] for a in elements(html, "a") if a.get("hreflang")]
    assert switcher == HOMES
    assert elements(html, "link", rel="canonical") == []
    assert [link for link in elements(html, "link", rel="alternate") if link.get("hreflang")] == []
    assert meta(html, "og:url") is None


@pytest.mark.parametrize("path", OFF_SITE_PATHS)
def test_the_404_page_for_an_off_site_path_links_only_the_site(client, path):
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    assert response.wsgi_request.path_info == path
    assert_no_link_off_site(response)


def test_the_404_page_for_an_encoded_off_site_path_links_only_the_site(client):
    response = client.get("/%2F%2Fevil.example")
    assert response.status_code == 404
    assert response.wsgi_request.path == "///evil.example"  # what a server decodes it to
    assert_no_link_off_site(response)


def test_an_ordinary_404_page_switches_to_each_home_page(client):
    response = client.get("/ko/no-such-page/")
    assert response.status_code == 404
    assert response.content.decode().count("<h1>") == 1
    assert_no_link_off_site(response)


def test_the_500_page_switches_to_each_home_page(rf):
    from wego_site.views import server_error

    response = server_error(rf.get("/", PATH_INFO="//evil.example/login"))
    assert response.status_code == 500
    assert_no_link_off_site(response)


def test_a_path_of_this_site_starts_with_one_slash():
    assert is_site_path("/offices/") and is_site_path("/ko/")
    for path in ["//", "//?x", "offices/", "https://evil.example/", "", None]:
        assert not is_site_path(path), path


@pytest.mark.parametrize("path", ["//evil.example/login", "/\\evil.example", "///evil.example"])
def test_the_link_builders_never_name_another_host(rf, path):
    request = rf.get("/", PATH_INFO=path)
    assert not is_site_path(path)
    rendered = Template("{% load site_tags %}{% absolute_uri %} {% absolute_uri path %} {% absolute_uri url %}").render(
        Context({"request": request, "path": path, "url": "https://evil.example/"})
    )
    assert rendered == "http://testserver/ http://testserver/ http://testserver/"
    assert [language["url"] for language in site(request)["languages"]] == HOMES


def test_pages_of_the_site_keep_their_canonical_and_alternates(client):
    html = client.get("/offices/").content.decode()
    assert [link["href"] for link in elements(html, "link", rel="canonical")] == ["http://testserver/offices/"]
    assert [a["href"] for a in elements(html, "a") if a.get("hreflang")] == [f"{home}offices/" for home in HOMES]
    assert meta(html, "og:url") == "http://testserver/offices/"


# -- Control characters: refused on input ------------------------------------------------------


def test_every_text_field_of_the_project_refuses_control_characters():
    title = Session._meta.get_field("title")
    assert text.validate_one_line in title.validators
    assert text.validate_one_line in Session._meta.get_field("title_ko").validators  # modeltranslation's copy
    assert text.validate_multi_line in Session._meta.get_field("description_en").validators
    assert title.validators.count(text.validate_one_line) == 1
    assert "validators" not in title.deconstruct()[3], "no migration records it"


@pytest.mark.parametrize("value", ["Opening\x0bsession", "Opening\nsession", "Opening\x85session", "Line\u2028sep"])
def test_the_admin_refuses_a_control_character_in_a_title_on_the_field(superuser_client, value):
    session = Session.objects.published().first()
    url = reverse("admin:programs_session_change", args=[session.pk])
    data = change_form_data(superuser_client.get(url))
    data["title_ko"] = value
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["title_ko"]
    assert "without line breaks or invisible control characters" in errors["title_ko"][0]
    session.refresh_from_db()
    assert session.title_ko != value


def test_the_admin_refuses_a_control_character_in_a_text_but_keeps_line_breaks(superuser_client):
    session = Session.objects.published().first()
    url = reverse("admin:programs_session_change", args=[session.pk])
    data = change_form_data(superuser_client.get(url))
    data["description_en"] = "First line\x0csecond line"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Remove the invisible control character" in response.context["adminform"].form.errors["description_en"][0]

    # Line breaks and tabs are kept as typed in a plain text. (A rich text, like the description above,
    # is stored as the sanitiser writes it back, which makes every "\r\n" a "\n": core.richtext.)
    programme = session.programme
    url = reverse("admin:programs_programme_change", args=[programme.pk])
    data = change_form_data(superuser_client.get(url))
    data["summary_en"] = "First line\x0csecond line"
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "Remove the invisible control character" in response.context["adminform"].form.errors["summary_en"][0]

    data["summary_en"] = "First line\r\n\tsecond line"
    assert superuser_client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.summary_en == "First line\r\n\tsecond line"


def test_the_contact_form_refuses_a_control_character_in_the_message(client):
    response = client.post(reverse("contact:contact"), contact_form(message="Hello,\x0bwe would like to visit."))
    assert response.status_code == 400  # the form again, with its errors
    assert list(response.context["form"].errors) == ["message"]
    assert "Remove the invisible control character" in response.context["form"].errors["message"][0]


# -- Control characters: made harmless on output (rows stored before the rule) -----------------


def test_a_control_character_in_a_stored_title_keeps_the_feed_well_formed(client):
    programme = make_programme()
    make_session(programme, date(2031, 5, 1), title="Word\x0bbreak", place="Seoul\x01", description="One\x0btwo")
    response = client.get(reverse("session-feed"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    atom = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("atom:title", atom).text for entry in root.findall("atom:entry", atom)]
    assert "Word break" in titles
    summaries = [entry.find("atom:summary", atom).text for entry in root.findall("atom:entry", atom)]
    assert any("Seoul" in summary and "One two" in summary for summary in summaries)


@pytest.mark.parametrize("breaker", ["\n", "\r", "\r\n", "\u2028", "\x85", "\x0b"])
def test_a_line_break_in_a_stored_title_stays_inside_its_calendar_property(client, breaker):
    programme = make_programme()
    title = f"Opening{breaker}DESCRIPTION:injected"
    session = make_session(programme, date(2031, 5, 1), title=title, place=f"Seoul{breaker}LOCATION:x")
    for path in (
        reverse("programs:session-calendar", args=[programme.slug, session.slug]),
        reverse("programs:calendar"),
    ):
        response = client.get(path)
        assert response.status_code == 200
        physical = response.content.replace(b"\r\n ", b"").decode().splitlines()
        assert not [line for line in physical if line.startswith(("DESCRIPTION:injected", "LOCATION:x"))]
        calendar = Calendar.from_ical(response.content)
        assert "DESCRIPTION" not in calendar
        [event] = [
            event for event in calendar.walk("VEVENT") if str(event["UID"]) == f"session-{session.pk}@we-gov.org"
        ]
        assert str(event["SUMMARY"]) == "Opening\nDESCRIPTION:injected"
        assert str(event["LOCATION"]) == "Seoul\nLOCATION:x"
        assert str(event["DESCRIPTION"]).startswith(programme.name + "\n")
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "WeGO programme sessions"
    single = client.get(reverse("programs:session-calendar", args=[programme.slug, session.slug]))
    assert Calendar.from_ical(single.content)["X-WR-CALNAME"] == "Opening DESCRIPTION:injected"


@pytest.mark.parametrize("breaker", ["\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_a_line_break_in_a_name_stays_one_vcard_property(client, breaker):
    office = make_office()
    contact = make_contact(office, name=f"Kim{breaker}TEL:+15550100", position=f"Head{breaker}URL:https://evil.example")
    response = client.get(contact.get_vcard_url())
    assert response.status_code == 200
    lines = response.content.decode().replace("\r\n ", "").splitlines()  # splitlines() breaks at every kind
    assert [line for line in lines if line.startswith("FN")] == ["FN:Kim\\nTEL:+15550100"]
    assert [line for line in lines if line.startswith("TITLE")] == ["TITLE:Head\\nURL:https://evil.example"]
    assert not [line for line in lines if line.startswith(("TEL:+1555", "URL:https://evil"))]


def test_vcard_values_never_start_a_line():
    assert escape_text("a\u2028b\u2029c\x85d\x0be\x01f\tg") == "a\\nb\\nc\\nd\\nef\tg"
    card = VCard("A").add_uri("URL", "https://example.org/\r\nNOTE:x").add_text("NOTE", "n", type="a\nb").serialise()
    assert card.splitlines() == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:A",
        "URL:https://example.org/ NOTE:x",
        "NOTE;TYPE=a b:n",
        "END:VCARD",
    ]


def test_one_line_and_multi_line():
    assert text.one_line("a\x0bb\r\nc\u2028d\x00\x85e\tf") == "a b c d e f"
    assert text.multi_line("a\x0bb\r\nc\u2028d\x00\x85e\tf\x7f") == "a\nb\nc\nd\ne\tf"

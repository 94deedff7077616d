"""The contact and host city pages: what visitors read on them."""

import re

import pytest
from django.urls import reverse

from contact.models import BusRoute, BusType, HostCity, Secretariat, SolutionArea
from programs.models import Programme
from tests.support.content import PUBLISHED
from tests.support.html import elements, html_of, input_value, of_type, texts

pytestmark = pytest.mark.django_db

# The route lines as the seed text prints them ("501,506" is two routes).
SEED_ROUTES = {
    bus_type: re.split(r",\s*", line)
    for bus_type, line in {
        "Red Bus": "2500, 9701, 1005-1",
        "Green Bus": "7212, Jongro 01, Jongro 02, 7018",
        "Blue Bus": "101, 103, 150, 151, 160, 260, 262, 270, 271, 273, 370, 470, 471, 601, 710, 720, 721, N26, N37, "
        "N62, 408, 606, 405, 501,506, 702A, 702B",
    }.items()
}


def contact_html(client, path=None):
    return html_of(client.get(path or reverse("contact:contact")))


def organization(html):
    """The Secretariat's Organization block (a page may carry others, such as its breadcrumbs)."""
    [data] = of_type(html, "Organization")
    return data


def test_contact_page_shows_the_address_in_an_address_element(client):
    html = contact_html(client)
    assert texts(html, "h1") == ["Contact"]
    addresses = texts(html, "address")
    assert any(
        "Seoul Global Center 7th Floor, 38 Jongro, Jongno-gu, Seoul, Republic of Korea 03188" in text
        for text in addresses[:-1]  # the last one is the footer's
    )


def test_contact_page_shows_the_telephone_as_written_and_every_line_dialable(client):
    html = contact_html(client)
    assert "+82 (0)2 720 2934~7" in html
    tel_links = [a["href"] for a in elements(html, "a") if a.get("href", "").startswith("tel:")]
    for line in ("2934", "2935", "2936", "2937"):
        assert f"tel:+822720{line}" in tel_links, line
    assert "tel:+8227202939" in tel_links
    assert "+82 (0)2 720 2939" in texts(html, "a")


def test_footer_links_every_telephone_line_and_the_fax(client):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "+82 (0)2 720 2934~7" in footer
    for line in ("2934", "2935", "2936", "2937"):
        assert f'<a href="tel:+822720{line}" aria-label="+82 2 720 {line}">{line}</a>' in footer
    assert '<a href="tel:+8227202939">+82 (0)2 720 2939</a>' in footer


def test_contact_page_gives_the_metro_directions(client):
    html = contact_html(client)
    assert "Jonggak Station (Line 1)" in texts(html, "h3")
    assert "50 m from Exit 6" in texts(html, "p")


def test_contact_page_lists_every_bus_route_under_its_type(client):
    html = contact_html(client)
    assert "Buses to Jonggak Station/Jongro 1-ga" in texts(html, "h3")
    assert texts(html, "h4") == ["Red Bus", "Green Bus", "Blue Bus", "Airport Bus"]
    lists = {ul["aria-label"] for ul in elements(html, "ul") if "route-list" in ul.get("class", "")}
    assert lists == {"Red Bus routes", "Green Bus routes", "Blue Bus routes"}
    chips = texts(html, "li")
    assert sum(len(routes) for routes in SEED_ROUTES.values()) == 34
    for bus_type, routes in SEED_ROUTES.items():
        for route in routes:
            assert route in chips, (bus_type, route)
        start = html.index(f'aria-label="{bus_type} routes"')
        listed = html[start : html.index("</ul>", start)]
        assert re.findall(r"<li>([^<]+)</li>", listed) == routes, bus_type
    # The colours have words: each swatch sits next to a name that says the colour.
    assert 'class="bus-swatch bus-swatch--red" aria-hidden="true"></span>Red Bus' in html
    assert "No route numbers listed." in html  # the Airport Bus, whose routes the seeds do not give


def test_contact_page_has_a_map_without_third_party_scripts(client):
    html = contact_html(client)
    scripts = [s.get("src", "") for s in elements(html, "script") if s.get("src")]
    assert all(src.startswith("/static/") for src in scripts)
    [sketch] = [img for img in elements(html, "img") if "contact-location-sketch" in img["src"]]
    assert "from Exit 6 of Jonggak Station (Line 1), walk 50 m" in sketch["alt"]
    hrefs = [a["href"] for a in elements(html, "a")]
    assert "https://www.openstreetmap.org/?mlat=37.570000&mlon=126.983300#map=18/37.570000/126.983300" in hrefs


def test_contact_page_offers_the_vcard(client):
    html = contact_html(client)
    assert reverse("contact:vcard") in [a["href"] for a in elements(html, "a")]
    response = client.get(reverse("contact:vcard"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wego-secretariat.vcf"'
    body = response.content.decode()
    assert body.startswith("BEGIN:VCARD\r\n") and body.endswith("END:VCARD\r\n")
    assert "TEL;TYPE=WORK,VOICE:+8227202937" in body
    assert client.post(reverse("contact:vcard")).status_code == 405


def test_contact_page_json_ld_is_an_organization_with_address_and_contact_point(client):
    data = organization(contact_html(client))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "WeGO Secretariat"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Seoul Global Center 7th Floor, 38 Jongro, Jongno-gu",
        "addressLocality": "Seoul",
        "postalCode": "03188",
        "addressCountry": "Republic of Korea",
    }
    points = data["contactPoint"]
    assert all(point["@type"] == "ContactPoint" for point in points)
    assert [point["telephone"] for point in points] == ["+8227202934", "+8227202935", "+8227202936", "+8227202937"]
    assert points[0]["faxNumber"] == "+8227202939"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 37.57, "longitude": 126.9833}


def test_json_ld_cannot_break_out_of_its_script_element(client):
    Secretariat.objects.filter(pk=1).update(name="WeGO </script><script>alert(1)</script> & Co")
    html = contact_html(client)
    assert "</script><script>alert(1)" not in html
    assert organization(html)["name"] == "WeGO </script><script>alert(1)</script> & Co"


def test_drafts_of_directions_are_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory):
    BusType.objects.filter(name="Green Bus").update(publication_status="draft")
    html = contact_html(client)
    assert "Green Bus" not in texts(html, "h4")
    assert "Draft preview" not in html
    html = staff_client_factory().get(reverse("contact:contact")).content.decode()
    assert "Green Bus" in texts(html, "h4")
    assert "Draft preview" in html


def grow_bus_routes(count):
    for bus_type in BusType.objects.all():
        BusRoute.objects.bulk_create(
            BusRoute(bus_type=bus_type, number=f"T{bus_type.pk}-{index}", order=100 + index) for index in range(count)
        )
    secretariat = Secretariat.objects.get(pk=1)
    BusType.objects.bulk_create(
        BusType(secretariat=secretariat, name=f"Extra {index}", order=50 + index, **PUBLISHED) for index in range(count)
    )


@pytest.mark.parametrize("extra", [3, 30])
def test_contact_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries, extra):
    grow_bus_routes(extra)
    Programme.objects.bulk_create(
        Programme(name=f"Programme {i}", slug=f"programme-{i}", **PUBLISHED) for i in range(extra)
    )
    # The section page, the Secretariat, its stations, bus types and routes, and the programme list.
    with django_assert_num_queries(6):
        html = contact_html(client)
    assert f"T1-{extra - 1}" in html
    assert f'value="programme-{extra - 1}"' in html


def test_host_city_page_tells_the_seed_facts(client):
    html = contact_html(client, reverse("contact:host-city"))
    assert texts(html, "h1") == ["Host City Seoul"]
    for fact in [
        "The WeGO Secretariat’s host city Seoul — the capital of the Republic of Korea and WeGO’s President City",
        "maintained the top spot as the world’s most advanced nation in delivering government services "
        "electronically in the rankings of the 2014 United Nations e-Government Survey for the third time in a row",
        "International Municipal e-Governance Survey conducted by the E-Governance Institute of the School of Public "
        "Affairs and Administration at Rutgers University-Newark and sponsored by the UN",
        "the world’s 4th largest metropolitan economy",
        "Seoul ranked 6th among 40 major global cities on the Global Power City Index (GPCI)",
        "has won numerous U.N. Public Service Awards",
        "published them on its special “Seoul Solution” website",
    ]:
        assert fact in html, fact
    assert "The Seoul Solution" in texts(html, "h2")
    areas = [li for li in texts(html, "li") if li in {"e-Government", "waterworks", "urban planning", "transportation"}]
    assert areas == ["e-Government", "waterworks", "urban planning", "transportation"]
    assert organization(html)["@type"] == "Organization"


def test_host_city_page_holds_back_text_about_a_link_or_video_that_is_not_set(client):
    html = contact_html(client, reverse("contact:host-city"))
    assert "Click below to access" not in html
    assert "watching the video below" not in html
    assert "youtube" not in html.lower()
    assert "contact-video.js" not in html


def test_host_city_page_links_the_seoul_solution_website_once_set(client):
    HostCity.objects.filter(pk=1).update(solution_url="https://solution.example.org/")
    html = contact_html(client, reverse("contact:host-city"))
    assert "Click below to access Seoul’s best policies from their Seoul Solution website." in html
    link = [a for a in elements(html, "a") if a.get("href") == "https://solution.example.org/"]
    assert link and "The Seoul Solution website" in texts(html, "a")


def test_host_city_video_loads_nothing_from_youtube_until_asked(client):
    HostCity.objects.filter(pk=1).update(sharing_video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    html = contact_html(client, reverse("contact:host-city"))
    assert "Seoul Policy Sharing Initiative" in texts(html, "h2")
    assert "Learn more on how to adopt Seoul’s policies by watching the video below." in html
    assert not elements(html, "iframe")
    [box] = [div for div in elements(html, "div") if "data-video-embed" in div]
    assert box["data-embed-url"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    # Without JavaScript, a plain link.
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in [a["href"] for a in elements(html, "a")]
    assert "/static/js/contact-video.js" in [s.get("src") for s in elements(html, "script")]


def test_draft_host_city_is_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory):
    HostCity.objects.filter(pk=1).update(publication_status="draft")
    html = contact_html(client, reverse("contact:host-city"))
    assert texts(html, "h1") == ["Host City Seoul"]
    assert "Rutgers" not in html
    html = staff_client_factory().get(reverse("contact:host-city")).content.decode()
    assert "Rutgers" in html
    assert "Draft preview" in html


@pytest.mark.parametrize("extra", [3, 30])
def test_host_city_page_makes_a_fixed_number_of_queries(client, django_assert_max_num_queries, extra):
    SolutionArea.objects.bulk_create(
        SolutionArea(host_city_id=1, name=f"area {index}", order=10 + index) for index in range(extra)
    )
    with django_assert_max_num_queries(4):
        html = contact_html(client, reverse("contact:host-city"))
    assert f"area {extra - 1}" in html


def test_navigation_marks_host_city_and_contact(client):
    for name in ["contact:host-city", "contact:contact"]:
        html = contact_html(client, reverse(name))
        current = [a["href"] for a in elements(html, "a") if a.get("aria-current") == "page"]
        assert current == [reverse(name)]


def test_pages_without_a_secretariat_still_answer(client):
    Secretariat.objects.all().delete()
    html = contact_html(client)
    assert texts(html, "h1") == ["Contact"]
    assert 'name="message"' in html
    assert client.get(reverse("contact:vcard")).status_code == 404
    assert client.get(reverse("contact:host-city")).status_code == 200


def test_the_contact_page_is_never_cached_so_its_form_tokens_are_not_shared(client, settings):
    # A page with a CSRF token is rendered for each request (tests/site/test_cache.py checks that in detail).
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(reverse("contact:contact"))
    second = client.get(reverse("contact:contact"))
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second
    token = "csrfmiddlewaretoken"
    assert input_value(first.content.decode(), token) != input_value(second.content.decode(), token)


def test_the_host_city_page_is_served_from_the_page_cache(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(reverse("contact:host-city"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("contact:host-city"))["X-Page-Cache"] == "hit"
    city = HostCity.objects.get(pk=1)
    city.solution_url = "https://solution.example.org/"
    city.save()
    response = client.get(reverse("contact:host-city"))
    assert response["X-Page-Cache"] == "miss"
    assert "https://solution.example.org/" in response.content.decode()


def test_the_contact_page_in_another_language_posts_to_its_own_address(client):
    html = client.get("/ko/contact/").content.decode()
    assert '<html lang="ko">' in html
    [form] = [form for form in elements(html, "form") if "data-contact-form" in form]
    assert form["action"] == "/ko/contact/#message-errors"

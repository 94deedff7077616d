import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contact.models import BusRoute, BusType, ContactMessage, HostCity, MessageStatus, Purpose, Secretariat
from programs.models import Programme
from tests.support.html import elements, texts

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contact_contactmessage_changelist")


@pytest.fixture
def messages_in_admin():
    return [
        ContactMessage.objects.create(
            name="Ana Lima",
            organisation="City of Lima",
            email="ana@example.org",
            city="Lima",
            country="Peru",
            region_of_interest="Latin America",
            purpose=Purpose.HOSTING,
            message="We would like to host a Regional Office.",
            consent=True,
        ),
        ContactMessage.objects.create(
            name='=HYPERLINK("http://evil.example")',
            email="bob@example.org",
            country="Kenya",
            message="+1 and a formula",
            consent=True,
        ),
    ]


def test_messages_are_listed_with_purpose_status_organisation_country_and_date(superuser_client, messages_in_admin):
    response = superuser_client.get(CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Ana Lima", "Hosting a Regional Office", "New", "City of Lima", "Peru", "Kenya"]:
        assert text in html, text
    headers = texts(html, "th")
    for column in ["Received", "Purpose", "Status", "Organisation", "Country", "Notified"]:
        assert any(column in header for header in headers), column


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?purpose__exact=hosting", "Ana Lima", "Kenya"),
        ("?status__exact=new&q=Kenya", "Kenya", "Ana Lima"),
        ("?q=Regional+Office", "Ana Lima", "Kenya"),
        ("?notified=no&q=Lima", "Ana Lima", "Kenya"),
    ],
)
def test_filters_and_search(superuser_client, messages_in_admin, query, shown, hidden):
    html = superuser_client.get(CHANGELIST + query).content.decode()
    assert shown in html
    assert hidden not in html


def test_notified_filter(superuser_client, messages_in_admin):
    from django.utils import timezone

    ContactMessage.objects.filter(name="Ana Lima").update(notified_at=timezone.now())
    html = superuser_client.get(CHANGELIST + "?notified=yes").content.decode()
    assert "Ana Lima" in html and "Kenya" not in html


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_in_progress", MessageStatus.IN_PROGRESS),
        ("mark_answered", MessageStatus.ANSWERED),
        ("mark_spam", MessageStatus.SPAM),
    ],
)
def test_actions_change_the_status(superuser_client, messages_in_admin, action, status):
    first = messages_in_admin[0]
    response = superuser_client.post(CHANGELIST, {"action": action, "_selected_action": [first.pk]}, follow=True)
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == status
    assert messages_in_admin[1].status == MessageStatus.NEW
    assert "1 message marked" in response.content.decode()


def test_csv_export(superuser_client, messages_in_admin):
    pks = [m.pk for m in messages_in_admin]
    response = superuser_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": pks})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="wego-messages-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["id", "received", "status", "purpose", "name", "organisation"]
    assert rows[1][2:7] == ["New", "Hosting a Regional Office", "Ana Lima", "City of Lima", "ana@example.org"]
    assert rows[1][11] == "We would like to host a Regional Office."
    # Spreadsheet formulas arrive as text.
    assert rows[2][4] == '\'=HYPERLINK("http://evil.example")'
    assert rows[2][11] == "'+1 and a formula"
    assert rows[0][10] == "programme"
    assert rows[1][10] == rows[2][10] == ""


def test_each_csv_export_is_in_the_history_of_the_messages_it_took(
    editor_client, secretariat_admin_client, messages_in_admin, caplog
):
    exported, left = messages_in_admin
    caplog.set_level("INFO", logger="contact.admin")
    response = editor_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [exported.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    [entry] = LogEntry.objects.filter(change_message="Exported in a CSV file.")
    assert (entry.user.username, entry.object_id) == ("role-editor", str(exported.pk))
    assert entry.content_type.model_class() is ContactMessage
    assert timezone.now() - entry.action_time < timedelta(minutes=1)
    assert not LogEntry.objects.filter(object_id=str(left.pk)).exists()
    assert f"role-editor exported 1 message(s) as CSV: {exported.pk}" in caplog.text
    # Secretariat admins see who exported it, and when, behind the message's History button.
    history = reverse("admin:contact_contactmessage_history", args=[exported.pk])
    html = secretariat_admin_client.get(history).content.decode()
    rows = texts(html, "tr")
    assert [row for row in rows if "role-editor" in row and "Exported in a CSV file." in row]


@pytest.fixture
def programme_messages():
    seoul = Programme.objects.get(slug="seoul-program")
    workshop = Programme.objects.get(slug="joint-workshop")
    made = {}
    for name, programme in [("Mina Park", seoul), ("Omar Haddad", workshop), ("Lea Roux", seoul)]:
        made[name] = ContactMessage.objects.create(
            name=name,
            email="x@example.org",
            purpose=Purpose.PROGRAMME,
            programme=programme,
            message=f"A question from {name}.",
            consent=True,
        )
    return made


def test_messages_show_and_filter_by_programme(superuser_client, programme_messages, django_assert_max_num_queries):
    html = superuser_client.get(CHANGELIST).content.decode()
    assert 'class="sortable column-programme"' in html
    assert re.findall(r'<td class="field-programme[^"]*">([^<]*)</td>', html).count("Seoul Program") == 2
    seoul = Programme.objects.get(slug="seoul-program")
    # The filter offers only programmes that have messages.
    assert f"?programme__id__exact={seoul.pk}" in html
    other = Programme.objects.get(slug="regional-offices-programs")
    assert f"?programme__id__exact={other.pk}" not in html
    html = superuser_client.get(f"{CHANGELIST}?programme__id__exact={seoul.pk}").content.decode()
    assert "Mina Park" in html and "Lea Roux" in html and "Omar Haddad" not in html
    html = superuser_client.get(f"{CHANGELIST}?q=Joint+Workshop").content.decode()
    assert "Omar Haddad" in html and "Mina Park" not in html
    # The programme, assignee and handler columns cost no query per row (the filters of people cost one each).
    with django_assert_max_num_queries(14):
        superuser_client.get(CHANGELIST)
    ContactMessage.objects.bulk_create(
        ContactMessage(
            name=f"Sender {i}", email="x@example.org", purpose="programme", programme=seoul, message="Hi", consent=True
        )
        for i in range(30)
    )
    with django_assert_max_num_queries(14):
        superuser_client.get(CHANGELIST)


def test_messages_have_a_date_hierarchy(superuser_client, programme_messages):
    html = superuser_client.get(CHANGELIST).content.decode()
    year = programme_messages["Mina Park"].created_at.year
    assert f"?created_at__year={year}" in html


def test_the_programme_is_exported_by_name(superuser_client, programme_messages):
    pks = [m.pk for m in programme_messages.values()]
    response = superuser_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": pks})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[10] for row in rows[1:]] == [
        "Seoul Program",
        "Joint Workshop for Smart Sustainable Cities and e-Government",
        "Seoul Program",
    ]


def test_staff_file_a_message_under_another_programme_with_autocomplete(superuser_client, programme_messages):
    message = programme_messages["Omar Haddad"]
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    html = superuser_client.get(url).content.decode()
    [select] = elements(html, "select", name="programme")
    assert "admin-autocomplete" in select["class"]
    response = superuser_client.get(
        "/admin/autocomplete/",
        {"app_label": "contact", "model_name": "contactmessage", "field_name": "programme", "term": "Seoul"},
    )
    assert response.status_code == 200
    seoul = Programme.objects.get(slug="seoul-program")
    assert {"id": str(seoul.pk), "text": "Seoul Program"} in response.json()["results"]
    response = superuser_client.post(
        url, {"status": "in_progress", "programme": str(seoul.pk), "staff_notes": "Refiled."}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.programme, message.status, message.message) == (
        seoul,
        "in_progress",
        "A question from Omar Haddad.",
    )


def test_a_message_whose_programme_was_deleted_can_still_be_handled(superuser_client):
    programme = Programme.objects.create(name="Short-lived Programme", slug="short-lived")
    message = ContactMessage.objects.create(
        name="Ana", email="ana@example.org", purpose="programme", programme=programme, message="Hi", consent=True
    )
    programme.delete()
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    response = superuser_client.post(url, {"status": "answered", "programme": "", "staff_notes": ""})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.programme) == ("answered", None)


def test_the_original_text_is_read_only_and_the_status_editable(superuser_client, messages_in_admin):
    message = messages_in_admin[0]
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    html = superuser_client.get(url).content.decode()
    assert "We would like to host a Regional Office." in html
    assert not elements(html, "textarea", name="message")
    assert not elements(html, "input", name="name")
    assert elements(html, "select", name="status")
    response = superuser_client.post(
        url, {"status": "answered", "staff_notes": "Called back.", "message": "rewritten", "name": "someone else"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.staff_notes) == ("answered", "Called back.")
    assert (message.message, message.name) == ("We would like to host a Regional Office.", "Ana Lima")


def test_messages_are_not_added_in_the_admin(superuser_client):
    assert superuser_client.get(reverse("admin:contact_contactmessage_add")).status_code == 403


def test_resend_notification_action(superuser_client, messages_in_admin):
    pks = [m.pk for m in messages_in_admin]
    response = superuser_client.post(
        CHANGELIST, {"action": "resend_notification", "_selected_action": pks}, follow=True
    )
    assert "2 notifications sent." in response.content.decode()
    assert len(mail.outbox) == 2
    assert ContactMessage.objects.filter(notified_at__isnull=False).count() == 2


def test_secretariat_admin_edits_the_one_secretariat_with_its_directions(superuser_client):
    html = superuser_client.get(reverse("admin:contact_secretariat_change", args=[1])).content.decode()
    assert "Jonggak Station" in html
    assert "2500, 9701, 1005-1" in html  # the routes of a bus type, shown in its inline row
    assert "The organisation’s own texts give no coordinates" in html
    assert superuser_client.get(reverse("admin:contact_secretariat_add")).status_code == 403
    Secretariat.objects.all().delete()
    assert superuser_client.get(reverse("admin:contact_secretariat_add")).status_code == 200


def test_bus_type_admin_lists_route_counts_and_edits_routes(superuser_client):
    html = superuser_client.get(reverse("admin:contact_bustype_changelist") + "?o=3").content.decode()
    assert "Blue Bus" in html and ">27<" in html
    blue = BusType.objects.get(name="Blue Bus")
    html = superuser_client.get(reverse("admin:contact_bustype_change", args=[blue.pk])).content.decode()
    assert 'value="702B"' in html


HOST_CITY_TEXTS = ["record", "solution_title", "solution_body", "solution_link_text", "sharing_title", "sharing_text"]


def host_city_form(**overrides):
    """The host city's change form as the admin sends it back, in English, with ``overrides``."""
    city = HostCity.objects.get(pk=1)
    data = {f"{field}_en": getattr(city, f"{field}_en") for field in HOST_CITY_TEXTS}
    data.update(
        name=city.name,
        solution_url=city.solution_url,
        sharing_video_url=city.sharing_video_url,
        publication_status=city.publication_status,
        **{"areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0"},
    )
    data.update(overrides)
    return data


def test_host_city_admin_refuses_a_video_that_is_not_youtube(superuser_client):
    url = reverse("admin:contact_hostcity_change", args=[1])
    assert superuser_client.get(url).status_code == 200
    response = superuser_client.post(url, host_city_form(sharing_video_url="https://vimeo.com/1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the address of a YouTube video" in html


def test_host_city_admin_asks_for_the_english_title_of_a_video_next_to_its_field(superuser_client):
    url = reverse("admin:contact_hostcity_change", args=[1])
    data = host_city_form(sharing_video_url="https://youtu.be/dQw4w9WgXcQ", sharing_title_en="")
    response = superuser_client.post(url, {**data, "sharing_title_ko": "서울 정책공유"})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="id_sharing_title_en"')
    assert "Give the video a title: it is the heading of its section and names the video." in html[start - 600 : start]
    assert HostCity.objects.get(pk=1).sharing_video_url == ""


def test_host_city_admin_saves_a_translation_shown_on_the_korean_page(superuser_client, client):
    url = reverse("admin:contact_hostcity_change", args=[1])
    html = superuser_client.get(url).content.decode()
    for field in HOST_CITY_TEXTS:
        for language in ["en", "ko", "ru", "es", "zh_hans"]:
            assert elements(html, "textarea", name=f"{field}_{language}") or elements(
                html, "input", name=f"{field}_{language}"
            ), (field, language)
    response = superuser_client.post(url, host_city_form(solution_title_ko="서울 솔루션"))
    assert response.status_code == 302
    city = HostCity.objects.get(pk=1)
    assert (city.solution_title_en, city.solution_title_ko) == ("The Seoul Solution", "서울 솔루션")
    assert "서울 솔루션" in texts(client.get("/ko/host-city/").content.decode(), "h2")
    assert "The Seoul Solution" in texts(client.get("/host-city/").content.decode(), "h2")


def test_the_secretariat_names_are_translated_in_tabs_and_the_address_is_not(superuser_client):
    html = superuser_client.get(reverse("admin:contact_secretariat_change", args=[1])).content.decode()
    for name in [
        "name_ko",
        "bus_stop_ko",
        "metro_stations-0-name_ko",
        "metro_stations-0-line_ko",
        "bus_types-0-name_ko",
    ]:
        assert elements(html, "input", name=name), name
    for name in ["address_ko", "telephone_ko", "metro_stations-0-exit_number_ko", "metro_stations-0-distance_ko"]:
        assert not elements(html, "input", name=name) and not elements(html, "textarea", name=name), name


@pytest.mark.parametrize(
    ("url", "public_path"),
    [
        (reverse("admin:contact_secretariat_change", args=[1]), "/contact/"),
        (reverse("admin:contact_hostcity_change", args=[1]), "/host-city/"),
        (reverse("admin:contact_bustype_change", args=[1]), "/contact/"),
    ],
)
def test_public_objects_have_a_view_on_site_link(superuser_client, url, public_path):
    html = superuser_client.get(url).content.decode()
    links = [a["href"] for a in elements(html, "a", **{"class": "viewsitelink"})]
    assert len(links) == 1
    if links[0].startswith("/admin/"):  # Django's "view on site" redirect
        response = superuser_client.get(links[0])
        assert response.status_code == 302
        links = [response["Location"]]
    assert links[0].endswith(public_path)
    assert superuser_client.get(public_path).status_code == 200


def test_messages_have_no_view_on_site_link(superuser_client, messages_in_admin):
    html = superuser_client.get(
        reverse("admin:contact_contactmessage_change", args=[messages_in_admin[0].pk])
    ).content.decode()
    assert not elements(html, "a", **{"class": "viewsitelink"})
    assert elements(html, "a", **{"class": "historylink"})


def visible_column(html):
    return [img["alt"] for img in elements(html, "img") if "/admin/img/icon-" in img.get("src", "")]


def test_bus_types_say_whether_visitors_see_them(superuser_client):
    BusType.objects.filter(name="Green Bus").update(publication_status="draft")
    BusType.objects.filter(name="Blue Bus").update(publish_from=timezone.now() + timedelta(days=3))
    html = superuser_client.get(reverse("admin:contact_bustype_changelist")).content.decode()
    assert "column-publishing_status" in html
    statuses = re.findall(r'wego-list-status--(\w+)"', html)
    assert statuses == ["live", "draft", "scheduled", "live"]
    html = superuser_client.get(reverse("admin:contact_bustype_change", args=[1])).content.decode()
    assert elements(html, "input", name="_publish")
    assert elements(html, "input", name="publish_from_0")


def test_host_city_says_whether_visitors_see_it(superuser_client):
    HostCity.objects.filter(pk=1).update(publication_status="draft")
    html = superuser_client.get(reverse("admin:contact_hostcity_changelist")).content.decode()
    [cell] = re.findall(r'<td class="field-publishing_status">(.*?)</td>', html, re.DOTALL)
    assert "wego-list-status--draft" in cell and "Draft" in cell  # like every publishable list


def test_the_directions_inlines_show_publication_fields(superuser_client):
    html = superuser_client.get(reverse("admin:contact_secretariat_change", args=[1])).content.decode()
    for prefix in ["metro_stations-0", "bus_types-0"]:
        assert elements(html, "select", name=f"{prefix}-publication_status"), prefix
        assert elements(html, "input", name=f"{prefix}-publish_from_0"), prefix
    assert "Visible on the site" in html


def bus_type_form(**overrides):
    data = {
        "secretariat": "1",
        "name_en": "Night Bus",
        "colour": "",
        "order": "9",
        "publication_status": "published",
        "routes-TOTAL_FORMS": "0",
        "routes-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_a_second_bus_type_of_the_same_name_gets_a_readable_message(superuser_client):
    response = superuser_client.post(reverse("admin:contact_bustype_add"), bus_type_form(name_en="Blue Bus"))
    assert response.status_code == 200
    assert "There is already a bus type with this name: edit that one instead." in response.content.decode()
    assert BusType.objects.filter(name_en="Blue Bus").count() == 1


def test_bus_types_without_translations_do_not_collide(superuser_client):
    for name in ["Night Bus", "Late Bus"]:
        assert (
            superuser_client.post(reverse("admin:contact_bustype_add"), bus_type_form(name_en=name)).status_code == 302
        )
    assert list(BusType.objects.filter(order=9).values_list("name_ko", flat=True)) == [None, None]


def test_routes_are_checked_with_readable_messages(superuser_client):
    url = reverse("admin:contact_bustype_add")
    data = bus_type_form(
        **{
            "routes-TOTAL_FORMS": "2",
            "routes-0-number": "501,506",
            "routes-0-order": "1",
            "routes-1-number": "N26",
            "routes-1-order": "2",
        }
    )
    html = superuser_client.post(url, data).content.decode()
    assert "One route per row: add another row for each route." in html
    data.update({"routes-0-number": "N26"})
    html = superuser_client.post(url, data).content.decode()
    assert "The same route is listed twice: change or remove one of the rows." in html
    assert not BusType.objects.filter(name_en="Night Bus").exists()


def test_the_route_inline_is_in_display_order(superuser_client):
    blue = BusType.objects.get(name="Blue Bus")
    BusRoute.objects.filter(bus_type=blue, number="101").update(order=999)
    html = superuser_client.get(reverse("admin:contact_bustype_change", args=[blue.pk])).content.decode()
    numbers = [i.get("value") for i in elements(html, "input") if re.fullmatch(r"routes-\d+-number", i.get("name", ""))]
    assert numbers.pop() is None  # the empty row for a new route
    assert numbers[0] == "103" and numbers[-1] == "101"


def test_the_back_office_index_counts_new_messages(superuser_client, messages_in_admin):
    messages_in_admin[1].status = MessageStatus.ANSWERED
    messages_in_admin[1].save()
    html = superuser_client.get("/admin/").content.decode()
    assert "1 new message</a> waiting for an answer." in html
    # The count links to the list filtered on exactly those messages.
    [link] = [a["href"] for a in elements(html, "a") if a.get("href", "").startswith(CHANGELIST + "?")]
    assert link == CHANGELIST + "?status__exact=new"
    listed = superuser_client.get(link).content.decode()
    assert "Ana Lima" in listed and "HYPERLINK" not in listed
    assert "1 message" in listed


def test_only_the_index_counts_new_messages(superuser_client, messages_in_admin, staff_client_factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = superuser_client.get(reverse("admin:offices_office_changelist"))
    assert "new_messages" not in response.context
    assert not [q for q in captured if "contact_contactmessage" in q["sql"]]
    # Staff who may not read messages see no count on the index either.
    no_inbox = staff_client_factory(is_superuser=False)
    assert "waiting for an answer" not in no_inbox.get("/admin/").content.decode()


@pytest.mark.parametrize("model", ["secretariat", "hostcity"])
def test_only_staff_allowed_to_add_may_add_the_single_record(model, django_user_model):
    from django.contrib.auth.models import Permission
    from django.test import Client

    from contact.models import HostCity, Secretariat

    Model = {"secretariat": Secretariat, "hostcity": HostCity}[model]
    Model.objects.all().delete()
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename=f"view_{model}"))
    client = Client()
    client.force_login(viewer)
    add_url = reverse(f"admin:contact_{model}_add")
    assert client.get(add_url).status_code == 403
    assert client.post(add_url, {"name": "Added by a viewer"}).status_code == 403
    assert not Model.objects.exists()
    viewer.user_permissions.add(Permission.objects.get(codename=f"add_{model}"))
    assert client.get(add_url).status_code == 200

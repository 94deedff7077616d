import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from contact.models import BusType, ContactMessage, MessageStatus, Purpose, Secretariat
from tests.html import elements, texts

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:contact_contactmessage_changelist")


@pytest.fixture
def staff(staff_client_factory):
    return staff_client_factory()


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


def test_messages_are_listed_with_purpose_status_organisation_country_and_date(staff, messages_in_admin):
    response = staff.get(CHANGELIST)
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
def test_filters_and_search(staff, messages_in_admin, query, shown, hidden):
    html = staff.get(CHANGELIST + query).content.decode()
    assert shown in html
    assert hidden not in html


def test_notified_filter(staff, messages_in_admin):
    from django.utils import timezone

    ContactMessage.objects.filter(name="Ana Lima").update(notified_at=timezone.now())
    html = staff.get(CHANGELIST + "?notified=yes").content.decode()
    assert "Ana Lima" in html and "Kenya" not in html


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_in_progress", MessageStatus.IN_PROGRESS),
        ("mark_answered", MessageStatus.ANSWERED),
        ("mark_spam", MessageStatus.SPAM),
    ],
)
def test_actions_change_the_status(staff, messages_in_admin, action, status):
    first = messages_in_admin[0]
    response = staff.post(CHANGELIST, {"action": action, "_selected_action": [first.pk]}, follow=True)
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == status
    assert messages_in_admin[1].status == MessageStatus.NEW
    assert "1 message marked" in response.content.decode()


def test_csv_export(staff, messages_in_admin):
    pks = [m.pk for m in messages_in_admin]
    response = staff.post(CHANGELIST, {"action": "export_csv", "_selected_action": pks})
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


def test_the_original_text_is_read_only_and_the_status_editable(staff, messages_in_admin):
    message = messages_in_admin[0]
    url = reverse("admin:contact_contactmessage_change", args=[message.pk])
    html = staff.get(url).content.decode()
    assert "We would like to host a Regional Office." in html
    assert not elements(html, "textarea", name="message")
    assert not elements(html, "input", name="name")
    assert elements(html, "select", name="status")
    response = staff.post(
        url, {"status": "answered", "staff_notes": "Called back.", "message": "rewritten", "name": "someone else"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.staff_notes) == ("answered", "Called back.")
    assert (message.message, message.name) == ("We would like to host a Regional Office.", "Ana Lima")


def test_messages_are_not_added_in_the_admin(staff):
    assert staff.get(reverse("admin:contact_contactmessage_add")).status_code == 403


def test_resend_notification_action(staff, messages_in_admin):
    pks = [m.pk for m in messages_in_admin]
    response = staff.post(CHANGELIST, {"action": "resend_notification", "_selected_action": pks}, follow=True)
    assert "2 notifications sent." in response.content.decode()
    assert len(mail.outbox) == 2
    assert ContactMessage.objects.filter(notified_at__isnull=False).count() == 2


def test_secretariat_admin_edits_the_one_secretariat_with_its_directions(staff):
    html = staff.get(reverse("admin:contact_secretariat_change", args=[1])).content.decode()
    assert "Jonggak Station" in html
    assert "2500, 9701, 1005-1" in html  # the routes of a bus type, shown in its inline row
    assert "The organisation’s own texts give no coordinates" in html
    assert staff.get(reverse("admin:contact_secretariat_add")).status_code == 403
    Secretariat.objects.all().delete()
    assert staff.get(reverse("admin:contact_secretariat_add")).status_code == 200


def test_bus_type_admin_lists_route_counts_and_edits_routes(staff):
    html = staff.get(reverse("admin:contact_bustype_changelist") + "?o=3").content.decode()
    assert "Blue Bus" in html and ">27<" in html
    blue = BusType.objects.get(name="Blue Bus")
    html = staff.get(reverse("admin:contact_bustype_change", args=[blue.pk])).content.decode()
    assert 'value="702B"' in html


def test_host_city_admin_refuses_a_video_that_is_not_youtube(staff):
    url = reverse("admin:contact_hostcity_change", args=[1])
    assert staff.get(url).status_code == 200
    from contact.models import HostCity

    city = HostCity.objects.get(pk=1)
    data = {
        field: getattr(city, field)
        for field in [
            "name",
            "record",
            "solution_title",
            "solution_body",
            "solution_link_text",
            "solution_url",
            "sharing_title",
            "sharing_text",
        ]
    }
    data.update(
        publication_status="published",
        sharing_video_url="https://vimeo.com/1",
        **{"areas-TOTAL_FORMS": "0", "areas-INITIAL_FORMS": "0"},
    )
    response = staff.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the address of a YouTube video" in html


def test_the_back_office_index_counts_new_messages(staff, messages_in_admin):
    messages_in_admin[1].status = MessageStatus.ANSWERED
    messages_in_admin[1].save()
    html = staff.get("/admin/").content.decode()
    assert "1 new message</a> waiting for an answer." in html

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date

from core.publishing import PublicationStatus
from offices.models import HostingDocument, HostingProgramme, Office, OfficeStatus, StaffContact
from tests.offices.factories import make_contact, make_document, make_milestone, make_office
from tests.support.html import elements, html_of, meta, texts
from tests.support.queries import count_queries
from tests.support.sitemap import sitemap_paths
from tools.seed_documents import GUIDE_PATH, guide_pdf

pytestmark = pytest.mark.django_db


def main_of(response):
    """The page's own content, without the header and footer every page shares."""
    html = html_of(response)
    return html[html.index("<main") : html.index("</main>")]


# --- /offices/ -----------------------------------------------------------------------------------


def test_list_shows_the_section_page_and_the_functions(client):
    html = html_of(client.get(reverse("offices:list")))
    assert texts(html, "h1") == ["Regional Offices"]
    assert "WeGO has several Regional Offices in different parts of the world." in html
    assert "selected by the Executive Committee through a bidding process" in html
    assert "What Regional Offices do" in texts(html, "h2")
    assert "Manage members and secure new members in the region" in texts(html, "li")


def test_list_groups_offices_by_status(client):
    html = html_of(client.get(reverse("offices:list")))
    headings = texts(html, "h2")
    assert headings.index("Our Regional Offices") < headings.index("New Regional Offices")
    assert headings.index("New Regional Offices") < headings.index("Former Regional Offices")
    cards = texts(html, "h3")
    assert cards[:4] == [
        "East Asia Regional Office",
        "Eurasia Regional Office",
        "Mediterranean Regional Office",
        "Latin America Regional Office",
    ]
    assert cards[4:] == ["WeGO Asia Regional Office, Chengdu", "WeGO Europe Regional Office, Ulyanovsk Region"]
    planned = [a for a in texts(html, "a") if a.startswith("Regional Office in")]
    assert planned == ["Regional Office in Africa", "Regional Office in Europe", "Regional Office in Southeast Asia"]
    assert "as well as other regions" in html


def test_cards_show_region_city_launch_date_and_a_contact(client):
    html = html_of(client.get(reverse("offices:list")))
    assert '<time datetime="2014-03-11">11 March 2014</time>' in html
    assert '<time datetime="2013">late 2013</time>' in html
    assert "Svetlana Openysheva, Secretary General" in html
    assert elements(html, "a", href="tel:+78422413359")
    assert elements(html, "a", href=reverse("offices:detail", kwargs={"slug": "east-asia"}))


def test_list_leads_to_the_hosting_page(client):
    html = html_of(client.get(reverse("offices:list")))
    assert elements(html, "a", href=reverse("offices:host"))


def test_list_hides_drafts_even_from_staff(client, staff_client_factory):
    make_office(name="Secret Office", publication_status=PublicationStatus.DRAFT)
    assert "Secret Office" not in html_of(client.get(reverse("offices:list")))
    assert "Secret Office" not in html_of(staff_client_factory().get(reverse("offices:list")))


def test_list_hides_draft_contacts(client):
    StaffContact.objects.filter(name="Svetlana Openysheva").update(publication_status=PublicationStatus.DRAFT)
    html = html_of(client.get(reverse("offices:list")))
    assert "Svetlana Openysheva" not in html
    assert "Vladimir Garanin, Deputy Secretary General" in html


def _replace_offices(count):
    """``count`` offices of each status, each with ``count`` contacts and milestones."""
    Office.objects.all().delete()
    for status in (OfficeStatus.ACTIVE, OfficeStatus.FORMER, OfficeStatus.PLANNED):
        for _ in range(count):
            office = make_office(status=status)
            for _ in range(count):
                make_contact(office)
                make_milestone(office)


def test_the_list_makes_the_same_few_queries_for_3_or_30_offices(client, django_assert_max_num_queries):
    _replace_offices(3)
    small = count_queries(client, reverse("offices:list"))
    _replace_offices(30)
    with django_assert_max_num_queries(small):
        html = html_of(client.get(reverse("offices:list")))
    assert html.count('class="card office-card"') == 60
    assert small <= 9  # page, offices by status with their contacts, programme and functions, footer


def test_the_detail_page_makes_the_same_few_queries_for_3_or_30_contacts(client, django_assert_max_num_queries):
    office = make_office(slug="busy")
    for _ in range(3):
        make_contact(office)
        make_milestone(office)
    small = count_queries(client, office.get_absolute_url())
    for _ in range(27):
        make_contact(office)
        make_milestone(office)
    with django_assert_max_num_queries(small):
        html = html_of(client.get(office.get_absolute_url()))
    assert html.count('class="card staff-contact"') == 30
    assert html.count("<li>") >= 30
    assert small <= 6  # office, milestones, contacts, programmes, footer, the menu's section pages


def test_the_hosting_page_makes_the_same_few_queries_for_3_or_30_documents(client, django_assert_max_num_queries):
    HostingDocument.objects.all().delete()
    for index in range(3):
        make_document(title=f"Document {index}")
    small = count_queries(client, reverse("offices:host"))
    for index in range(27):
        make_document(title=f"More {index}")
    with django_assert_max_num_queries(small):
        html = html_of(client.get(reverse("offices:host")))
    assert len(elements(html, "a", type="application/pdf")) == 30
    assert small <= 5


# --- /offices/<slug>/ ----------------------------------------------------------------------------


def test_detail_shows_summary_facts_and_timeline(client):
    html = html_of(client.get("/offices/europe-ulyanovsk-region/"))
    assert texts(html, "h1") == ["WeGO Europe Regional Office, Ulyanovsk Region"]
    assert "The Ulyanovsk Region will be hosting the 4th WeGO General Assembly in 2017." in html
    assert '<time datetime="2013-09">September 2013</time>' in html
    assert "at the CeBIT Trade Fair, Hannover, Germany" in html
    timeline = [
        '<time datetime="2013-09">September 2013</time></strong>:\n                Approved by the WeGO Executive',
        '<time datetime="2014">2014</time></strong>:\n                Started organizing special training courses',
        '<time datetime="2014-03-11">11 March 2014</time></strong>:\n                Officially launched at the CeBIT',
        '<time datetime="2014-05">May 2014</time></strong>:\n                Opened',
        '<time datetime="2017">2017</time></strong>:\n                Host of the 4th WeGO General Assembly',
    ]
    positions = [html.index(entry) for entry in timeline]
    assert positions == sorted(positions)
    assert meta(html, "description").startswith("In September 2013, the Executive Committee approved")


def test_detail_shows_staff_contacts_in_order_with_links(client):
    html = main_of(client.get("/offices/europe-ulyanovsk-region/"))
    assert texts(html, "h3") == ["Svetlana Openysheva", "Vladimir Garanin", "Kseniya Yarkova", "Alexandr Riabushko"]
    assert "Deputy Secretary General" in html
    assert "First Deputy Chairman of the Government of the Ulyanovsk Region" in html
    assert [a["href"] for a in elements(html, "a") if a["href"].startswith("tel:")] == [
        "tel:+78422413359",
        "tel:+78422589159",
        "tel:+78422589164",
    ]
    assert "+7 (8422) 41-28-94" in html  # fax, as written
    assert "mailto:" not in html  # the sources lost every address
    assert "a_ryabushko" not in html
    vcards = [a["href"] for a in elements(html, "a") if a["href"].endswith(".vcf")]
    assert vcards == [f"/offices/europe-ulyanovsk-region/contacts/{pk}.vcf" for pk in (2, 3, 4, 5)]
    assert "Contact card of Svetlana Openysheva (vCard)" in texts(html, "a")


def test_detail_of_a_contact_with_e_mail_links_it(client):
    office = make_office(slug="mailing")
    make_contact(office, email="someone@example.org")
    html = html_of(client.get("/offices/mailing/"))
    assert elements(html, "a", href="mailto:someone@example.org")


def test_an_office_without_details_shows_only_what_is_known(client):
    html = html_of(client.get("/offices/east-asia/"))
    assert texts(html, "h1") == ["East Asia Regional Office"]
    assert "Host city" not in html
    assert "<time" not in html
    assert len(meta(html, "description")) > 20


def test_a_planned_office_points_to_the_hosting_page(client):
    html = html_of(client.get("/offices/africa/"))
    assert "WeGO is looking into opening a new Regional Office in Africa." in html
    assert elements(html, "a", href=reverse("offices:host"))


def test_a_draft_office_is_hidden_from_visitors_and_previewed_for_staff(client, staff_client_factory):
    make_office(slug="draft-office", publication_status=PublicationStatus.DRAFT)
    assert client.get("/offices/draft-office/").status_code == 404
    html = html_of(staff_client_factory().get("/offices/draft-office/"))
    assert "Draft preview" in html


def test_a_draft_contact_is_previewed_for_staff_only(client, staff_client_factory):
    office = make_office(slug="with-draft")
    make_contact(office, name="Hidden Person", publication_status=PublicationStatus.DRAFT)
    assert "Hidden Person" not in html_of(client.get("/offices/with-draft/"))
    html = html_of(staff_client_factory().get("/offices/with-draft/"))
    assert "Hidden Person" in html
    assert "Draft preview" in html


def test_stored_markup_is_sanitised(client):
    make_office(
        slug="markup",
        summary="<script>alert(1)</script>Summary",
        body='<p onclick="x()">Body</p><script>alert(2)</script>',
    )
    html = html_of(client.get("/offices/markup/"))
    assert "<script>alert" not in html
    assert "onclick" not in html
    assert "&lt;script&gt;alert(1)" in html


@pytest.mark.parametrize(
    "path",
    [
        "/offices/no-such-office/",
        "/offices/%3Cscript%3E/",
        "/offices/../admin/",
        "/offices/host/documents/abc/",
        "/offices/host/documents/999/",
        "/offices/east-asia/contacts/abc.vcf",
    ],
)
def test_odd_paths_get_the_site_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert texts(response.content.decode(), "h1") == ["Page not found"]


@pytest.mark.parametrize("query", ["?status=<script>", "?page=99999", "?slug=%00", "?" + "a" * 2000])
def test_odd_query_strings_change_nothing(client, query):
    for name in ("offices:list", "offices:host"):
        html = html_of(client.get(reverse(name) + query))
        assert "<script>" not in html


def test_pages_refuse_unsafe_methods(client):
    assert client.post(reverse("offices:list")).status_code == 405
    assert client.post(reverse("offices:document", kwargs={"pk": 1})).status_code == 405
    assert client.post("/offices/asia-chengdu/contacts/1.vcf").status_code == 405


def test_offices_are_in_the_sitemap(client, sitemap_pages):
    paths = list(sitemap_pages)
    assert "/offices/asia-chengdu/" in paths
    assert "/offices/africa/" in paths
    make_office(slug="unpublished", publication_status=PublicationStatus.DRAFT)
    assert "/offices/unpublished/" not in sitemap_paths(client)


# --- /offices/host/ ------------------------------------------------------------------------------


def test_the_hosting_page_explains_the_programme(client):
    html = html_of(client.get(reverse("offices:host")))
    assert texts(html, "h1") == ["Host a Regional Office"]
    assert "Serving as a Regional Office is a testament to a city’s commitment" in html
    headings = texts(html, "h2")
    for heading in ["What Regional Offices do", "Who can host", "How a host city is selected"]:
        assert heading in headings
    assert "What a host city gains" in headings
    assert "selected by the Executive Committee through a bidding process" in html
    assert "gain not only global exposure in the smart city community" in html
    assert "new Regional Offices in Africa, Europe, and Southeast Asia, as well as other regions" in html


def test_the_hosting_page_lists_documents_with_type_and_size(client):
    html = html_of(client.get(reverse("offices:host")))
    guide = HostingDocument.objects.get(pk=1)
    links = texts(html, "a")
    assert f"Guide to hosting a WeGO Regional Office (PDF, {round(guide.file_size / 1024)} KB)" in links
    assert any(t.startswith("Expression of interest form (Word document, ") for t in links)
    assert elements(html, "a", href="/offices/host/documents/1/", type="application/pdf", hreflang="en")
    assert "version 1.0" in html


def test_the_hosting_page_sends_interest_to_the_contact_form(client):
    html = html_of(client.get(reverse("offices:host")))
    link = elements(html, "a", href=reverse("contact:contact") + "?purpose=hosting")
    assert link
    assert "Send an expression of interest" in texts(html, "a")
    assert client.get(reverse("contact:contact") + "?purpose=hosting").status_code == 200


def test_the_hosting_page_without_programme_or_documents_still_answers(client):
    HostingProgramme.objects.all().delete()
    HostingDocument.objects.all().delete()
    html = html_of(client.get(reverse("offices:host")))
    assert texts(html, "h1") == ["Host a Regional Office"]
    assert "The hosting documents are being updated" in html


def test_a_draft_document_is_not_listed(client):
    HostingDocument.objects.filter(pk=2).update(publication_status=PublicationStatus.DRAFT)
    html = html_of(client.get(reverse("offices:host")))
    assert "Expression of interest form (" not in html


# --- downloads -----------------------------------------------------------------------------------


def test_a_download_is_an_attachment_with_a_clean_name_and_validators(client):
    response = client.get("/offices/host/documents/1/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == default_storage.open(GUIDE_PATH).read()
    assert body.startswith(b"%PDF-")
    document = HostingDocument.objects.get(pk=1)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="guide-to-hosting-a-wego-regional-office.pdf"'
    assert response["Content-Length"] == str(document.file_size)
    assert response["ETag"] == f'"{document.file_sha256}"'
    assert response["Last-Modified"] == http_date(document.file_updated_at.timestamp())
    assert "no-cache" in response["Cache-Control"]


def test_the_form_downloads_as_a_word_document(client):
    response = client.get("/offices/host/documents/2/")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="expression-of-interest-form.docx"'
    assert b"".join(response.streaming_content).startswith(b"PK\x03\x04")


def test_each_download_is_counted(client):
    before = HostingDocument.objects.get(pk=1).download_count
    for _ in range(3):
        b"".join(client.get("/offices/host/documents/1/").streaming_content)
    assert HostingDocument.objects.get(pk=1).download_count == before + 3


def test_the_count_is_an_atomic_update(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/offices/host/documents/1/")
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"download_count" = ("offices_hostingdocument"."download_count" + 1)' in updates[0].replace("`", '"')


def test_a_conditional_get_answers_304_and_does_not_count(client):
    document = HostingDocument.objects.get(pk=1)
    before = document.download_count
    response = client.get("/offices/host/documents/1/", headers={"if-none-match": document.etag})
    assert response.status_code == 304
    assert response["ETag"] == document.etag
    response = client.get(
        "/offices/host/documents/1/", headers={"if-modified-since": http_date(document.file_updated_at.timestamp())}
    )
    assert response.status_code == 304
    assert HostingDocument.objects.get(pk=1).download_count == before


def test_a_stale_copy_gets_the_file(client):
    response = client.get("/offices/host/documents/1/", headers={"if-none-match": '"something-else"'})
    assert response.status_code == 200


def test_head_requests_and_staff_downloads_are_not_counted(client, staff_client_factory):
    before = HostingDocument.objects.get(pk=1).download_count
    assert client.head("/offices/host/documents/1/").status_code == 200
    assert staff_client_factory().get("/offices/host/documents/1/").status_code == 200
    assert HostingDocument.objects.get(pk=1).download_count == before


def test_a_draft_document_downloads_only_for_staff(client, staff_client_factory):
    document = make_document(publication_status=PublicationStatus.DRAFT)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert staff_client_factory().get(document.get_absolute_url()).status_code == 200


def test_a_missing_file_answers_the_site_404(client):
    document = make_document(guide_pdf(), name="vanishing.pdf")
    default_storage.delete(document.file.name)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 404
    assert texts(response.content.decode(), "h1") == ["Page not found"]
    assert HostingDocument.objects.get(pk=document.pk).download_count == 0


def test_a_new_upload_changes_the_validators(client):
    document = make_document(b"%PDF-1.4 first", name="versioned.pdf")
    first = client.get(document.get_absolute_url())
    document.file = ContentFile(b"%PDF-1.4 second", name="versioned.pdf")
    document.save()
    second = client.get(document.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert b"".join(second.streaming_content) == b"%PDF-1.4 second"


def test_pages_answer_in_the_other_languages_with_their_month_names(client):
    # The override puts back the language the requests switch the thread to, so later tests see English.
    with translation.override("en"):
        html = html_of(client.get("/ru/offices/europe-ulyanovsk-region/"))
        assert client.get("/ko/offices/host/").status_code == 200
        response = client.get("/es/offices/host/documents/1/")
    assert '<time datetime="2014-03-11">11 марта 2014 г.</time>' in html
    assert response["Content-Disposition"] == 'attachment; filename="guide-to-hosting-a-wego-regional-office.pdf"'


@pytest.mark.parametrize(
    ("prefix", "written"),
    [("", "11 March 2014"), ("/ko", "2014년 3월 11일"), ("/ru", "11 марта 2014 г."), ("/es", "11 de marzo de 2014")],
)
def test_a_documents_date_of_issue_is_written_as_each_language_writes_a_day(client, prefix, written):
    from datetime import date

    HostingDocument.objects.filter(pk=1).update(issued_on=date(2014, 3, 11))
    html = html_of(client.get(prefix + reverse("offices:host").removeprefix(prefix)))
    assert elements(html, "time", datetime="2014-03-11")
    assert written in texts(html, "time")

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from core.phones import dialable, validate_phone
from core.publishing import PublicationStatus
from core.uploads import human_size
from offices.dates import DatePrecision, PartialDate, normalise
from offices.models import HostingDocument, Milestone, Office, OfficeStatus
from tests.offices.factories import make_contact, make_document, make_milestone, make_office
from tests.support.images import make_image
from tools.seed_documents import guide_pdf

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("day", "precision", "shown", "iso"),
    [
        (D(2014, 3, 11), DatePrecision.DAY, "11 March 2014", "2014-03-11"),
        (D(2013, 9, 1), DatePrecision.MONTH, "September 2013", "2013-09"),
        (D(2013, 9, 1), DatePrecision.LATE_YEAR, "late 2013", "2013"),
        (D(2018, 1, 1), DatePrecision.EARLY_YEAR, "early 2018", "2018"),
        (D(2018, 5, 1), DatePrecision.MID_YEAR, "mid-2018", "2018"),
        (D(2017, 1, 1), DatePrecision.YEAR, "2017", "2017"),
    ],
)
def test_partial_dates_show_only_what_the_precision_names(day, precision, shown, iso):
    date = PartialDate(day, precision)
    assert str(date) == shown
    assert date.iso == iso


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, D(2013, 11, 20)),
        (DatePrecision.MONTH, D(2013, 11, 1)),
        (DatePrecision.EARLY_YEAR, D(2013, 1, 1)),
        (DatePrecision.MID_YEAR, D(2013, 5, 1)),
        (DatePrecision.LATE_YEAR, D(2013, 9, 1)),
        (DatePrecision.YEAR, D(2013, 1, 1)),
    ],
)
def test_dates_are_stored_as_the_first_day_of_their_period(precision, expected):
    assert normalise(D(2013, 11, 20), precision) == expected
    office = make_office(approved_on=D(2013, 11, 20), approved_precision=precision)
    office.refresh_from_db()
    assert office.approved_on == expected


def test_the_seed_dates_render_as_the_sources_write_them():
    chengdu = Office.objects.get(slug="asia-chengdu")
    ulyanovsk = Office.objects.get(slug="europe-ulyanovsk-region")
    assert str(chengdu.approved) == "September 2013"
    assert str(chengdu.launched) == "late 2013"
    assert str(ulyanovsk.launched) == "11 March 2014"
    assert ulyanovsk.launch_occasion == "CeBIT Trade Fair, Hannover, Germany"
    assert [str(m.when) for m in Milestone.objects.filter(office=chengdu)] == [
        "September 2013",
        "late 2013",
        "December 2013",
        "2014",
        "November 2014",
    ]


def test_slugs_are_unique():
    make_office(slug="twin")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_office(slug="twin")


def test_unique_slug_is_a_readable_form_error():
    make_office(slug="twin")
    office = Office(name="Other", slug="twin", region="Asia")
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "slug" in error.value.message_dict


def test_launch_cannot_precede_approval_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_office(approved_on=D(2014, 1, 1), launched_on=D(2013, 1, 1))


def test_launch_before_approval_gets_a_readable_message():
    office = Office(
        name="Early",
        slug="early",
        region="Asia",
        approved_on=D(2014, 5, 1),
        approved_precision=DatePrecision.MONTH,
        launched_on=D(2013, 1, 1),
        launched_precision=DatePrecision.YEAR,
    )
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert error.value.message_dict["launched_on"] == ["The launch date cannot be before the approval date (May 2014)."]


def test_launch_in_the_same_period_as_approval_is_allowed():
    office = make_office(
        approved_on=D(2013, 9, 1),
        approved_precision=DatePrecision.MONTH,
        launched_on=D(2013, 12, 31),
        launched_precision=DatePrecision.LATE_YEAR,
    )
    office.full_clean()
    assert str(office.launched) == "late 2013"


def test_an_office_cannot_take_the_slug_of_the_hosting_page():
    with pytest.raises(ValidationError) as error:
        Office(name="Host", slug="host", region="Asia").full_clean()
    assert "slug" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        make_office(slug="host")


def test_an_offices_photo_comes_from_the_library_and_cannot_be_deleted_while_shown():
    # Upload checks and the description rule belong to the library's images (tests/library).
    image = make_image()
    office = make_office(photo=image)
    assert Office.objects.get(pk=office.pk).photo == image
    with pytest.raises(ProtectedError), transaction.atomic():
        image.delete()
    office.delete()
    image.delete()


def test_status_verbs():
    assert set(Office.objects.current().values_list("slug", flat=True)) == {
        "east-asia",
        "eurasia",
        "mediterranean",
        "latin-america",
    }
    assert set(Office.objects.planned().values_list("region", flat=True)) == {"Africa", "Europe", "Southeast Asia"}
    assert set(Office.objects.former().values_list("slug", flat=True)) == {"asia-chengdu", "europe-ulyanovsk-region"}


def test_published_hides_drafts_and_future_offices():
    draft = make_office(publication_status=PublicationStatus.DRAFT)
    future = make_office(publish_from=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
    published = Office.objects.published()
    assert draft not in published
    assert future not in published
    assert Office.objects.get(slug="eurasia") in published


def test_status_must_be_one_of_the_choices():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_office(status="closed")
    assert OfficeStatus.values == ["active", "planned", "former"]


@pytest.mark.parametrize("number", ["+86 (28) 61888454", "+7 (8422) 41-33-59", "+82 (0)2 720 2934~7", "02 720 2939"])
def test_phone_numbers_as_the_seeds_write_them_are_valid(number):
    validate_phone(number)


@pytest.mark.parametrize(
    "number", ["call 1234", "+7 (8422 41", "12+34 5678", "123", "<script>", "+1 555 0100 ext. 2", "1" * 21]
)
def test_odd_phone_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_phone(number)


def test_a_contact_with_a_bad_number_is_refused_with_a_reason():
    contact = make_contact(make_office())
    contact.phone = "phone me"
    with pytest.raises(ValidationError) as error:
        contact.full_clean()
    assert "Use only digits" in error.value.message_dict["phone"][0]


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("+86 (28) 61888454", "+862861888454"),
        ("+7 (8422) 41-33-59", "+78422413359"),
        ("+82 (0)2 720 2934~7", "+8227202934"),
        ("02 720 2939", "027202939"),
        ("", ""),
    ],
)
def test_dialable_numbers(written, dialled):
    assert dialable(written) == dialled


def test_contact_links():
    contact = make_contact(make_office(slug="links"), name="Mr. Wang “Charlie” Guangliang", fax="+7 (8422) 41-28-94")
    assert contact.phone_uri == "tel:+78422413359"
    assert contact.fax_uri == "tel:+78422412894"
    assert contact.vcard_filename == "mr-wang-charlie-guangliang.vcf"
    assert contact.get_vcard_url() == f"/offices/links/contacts/{contact.pk}.vcf"


def test_milestones_are_in_date_order_then_by_order():
    office = make_office()
    later = make_milestone(office, date=D(2014, 5, 1), date_precision=DatePrecision.MONTH, title="Opened")
    second = make_milestone(office, date=D(2013, 9, 1), date_precision=DatePrecision.LATE_YEAR, order=2)
    first = make_milestone(office, date=D(2013, 9, 1), date_precision=DatePrecision.MONTH, order=1)
    assert list(office.milestones.all()) == [first, second, later]


def test_a_new_upload_records_size_and_fingerprint():
    content = guide_pdf()
    document = make_document(content, name="guide.pdf", title="Guide to hosting a WeGO Regional Office")
    document.refresh_from_db()
    assert document.file_size == len(content)
    assert document.file_sha256 == hashlib.sha256(content).hexdigest()
    assert document.etag == f'"{document.file_sha256}"'
    assert document.download_name == "guide-to-hosting-a-wego-regional-office.pdf"
    assert document.type_label == "PDF"
    assert document.content_type == "application/pdf"
    assert document.language_name == "English"


def test_editing_a_document_keeps_its_file_facts():
    document = make_document()
    stamp, digest = document.file_updated_at, document.file_sha256
    document.title = "Renamed"
    document.save()
    document.refresh_from_db()
    assert (document.file_updated_at, document.file_sha256) == (stamp, digest)


@pytest.mark.parametrize(
    ("size", "shown"), [(0, "0 bytes"), (1, "1 byte"), (300, "300 bytes"), (9102, "9 KB"), (1536 * 1024, "1.5 MB")]
)
def test_human_sizes(size, shown):
    assert human_size(size) == shown


def test_the_seed_documents_are_listed_in_order():
    assert list(HostingDocument.objects.published().values_list("title", flat=True)) == [
        "Guide to hosting a WeGO Regional Office",
        "Expression of interest form",
    ]


def test_an_unknown_precision_is_refused_without_a_crash():
    office = Office(name="Odd", slug="odd", region="Asia", approved_on=D(2013, 9, 5), approved_precision="fortnight")
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert "approved_precision" in error.value.message_dict


def test_a_documents_language_is_one_of_the_sites_five_or_a_short_list_of_others():
    from django.core.exceptions import ValidationError

    from offices.models import LANGUAGE_CODES, HostingDocument

    field = HostingDocument._meta.get_field("language")
    groups = [(str(label), [code for code, _name in choices]) for label, choices in field.choices]
    assert groups == [
        ("Languages of this site", ["en", "ko", "ru", "es", "zh-hans"]),
        ("Other languages", ["ar", "fr", "de", "id", "ja", "kk", "mn", "pt", "tr", "uz", "vi"]),
    ]
    assert [code for _label, codes in groups for code in codes] == LANGUAGE_CODES
    with pytest.raises(ValidationError):
        field.clean("nl", None)  # Dutch: one of Django's languages, not one a member city writes in here

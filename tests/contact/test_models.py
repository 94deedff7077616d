from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from contact.models import (
    BusRoute,
    BusType,
    ContactMessage,
    HostCity,
    MessageStatus,
    Purpose,
    Secretariat,
    youtube_video_id,
)
from programs.models import Programme

pytestmark = pytest.mark.django_db


def message(**fields):
    values = {"name": "Ana", "email": "ana@example.org", "message": "Hello", "consent": True, **fields}
    return ContactMessage(**values)


def test_secretariat_keeps_the_address_as_printed_and_the_footer_attributes():
    secretariat = Secretariat.objects.get(pk=1)
    assert secretariat.address_lines == [
        "Seoul Global Center 7th Floor, 38 Jongro, Jongno-gu, Seoul, Republic of Korea 03188"
    ]
    assert secretariat.telephone == "+82 (0)2 720 2934~7"
    assert secretariat.fax == "+82 (0)2 720 2939"
    assert secretariat.email == ""
    secretariat.full_clean()


def test_secretariat_wants_both_coordinates_or_neither():
    secretariat = Secretariat.objects.get(pk=1)
    secretariat.longitude = None
    with pytest.raises(ValidationError) as error:
        secretariat.full_clean()
    assert "Give both the latitude and the longitude" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        secretariat.save()


def test_secretariat_coordinates_must_be_on_earth():
    secretariat = Secretariat.objects.get(pk=1)
    secretariat.latitude = 95
    with pytest.raises(ValidationError):
        secretariat.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        secretariat.save()


def test_structured_address_must_match_the_printed_one():
    secretariat = Secretariat.objects.get(pk=1)
    secretariat.postal_code = "04524"
    with pytest.raises(ValidationError) as error:
        secretariat.full_clean()
    assert "postal_code" in error.value.message_dict


def test_a_telephone_without_digits_is_refused():
    secretariat = Secretariat.objects.get(pk=1)
    secretariat.telephone = "call us"
    with pytest.raises(ValidationError) as error:
        secretariat.full_clean()
    assert "telephone" in error.value.message_dict


def test_map_links_come_from_the_coordinates():
    secretariat = Secretariat.objects.get(pk=1)
    assert secretariat.openstreetmap_url == (
        "https://www.openstreetmap.org/?mlat=37.570000&mlon=126.983300#map=18/37.570000/126.983300"
    )
    assert secretariat.geo_uri == "geo:37.570000,126.983300"
    secretariat.latitude = secretariat.longitude = None
    assert secretariat.openstreetmap_url == "" and secretariat.geo_uri == ""


def test_bus_types_and_routes_from_the_seeds_in_order():
    routes = {
        bus_type.name: [route.number for route in bus_type.routes.all()]
        for bus_type in BusType.objects.prefetch_related("routes")
    }
    assert list(routes) == ["Red Bus", "Green Bus", "Blue Bus", "Airport Bus"]
    assert routes["Red Bus"] == ["2500", "9701", "1005-1"]
    assert routes["Green Bus"] == ["7212", "Jongro 01", "Jongro 02", "7018"]
    assert routes["Blue Bus"][-5:] == ["405", "501", "506", "702A", "702B"]
    assert len(routes["Blue Bus"]) == 27
    assert routes["Airport Bus"] == []


def test_a_route_row_holds_one_route():
    route = BusRoute(bus_type=BusType.objects.get(name="Blue Bus"), number="501,506", order=99)
    with pytest.raises(ValidationError) as error:
        route.full_clean()
    assert "One route per row" in str(error.value)


def test_colour_in_words_only_when_the_name_does_not_say_it():
    assert BusType(name="Red Bus", colour="red").colour_in_words == ""
    assert str(BusType(name="Express", colour="red").colour_in_words) == "Red"
    assert BusType(name="Airport Bus", colour="").colour_in_words == ""


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "dQw4w9WgXcQ"),
        ("https://vimeo.com/12345", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("", None),
    ],
)
def test_youtube_video_id(url, video_id):
    assert youtube_video_id(url) == video_id


def test_host_city_video_must_be_youtube_and_titled():
    city = HostCity.objects.get(pk=1)
    city.sharing_video_url = "https://vimeo.com/12345"
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "sharing_video_url" in error.value.message_dict
    city.sharing_video_url = "https://youtu.be/dQw4w9WgXcQ"
    city.sharing_title = ""
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    # The English title: the one every untranslated language falls back to (the admin's English tab).
    assert "sharing_title_en" in error.value.message_dict
    city.sharing_title_ko = "서울 정책공유"
    with pytest.raises(ValidationError):
        city.full_clean()
    city.sharing_title = "Seoul Policy Sharing Initiative"
    city.full_clean()
    assert city.video_embed_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"


def test_hosting_interest_must_say_where():
    interest = message(purpose=Purpose.HOSTING, city="Lima")
    with pytest.raises(ValidationError) as error:
        interest.full_clean()
    assert set(error.value.message_dict) == {"country", "region_of_interest"}
    with pytest.raises(IntegrityError), transaction.atomic():
        interest.save()


def test_programme_interest_must_name_the_programme():
    interest = message(purpose=Purpose.PROGRAMME)
    with pytest.raises(ValidationError) as error:
        interest.full_clean()
    assert error.value.message_dict == {"programme": ["Say which programme you are interested in."]}
    interest.programme = Programme.objects.get(slug="seoul-program")
    interest.full_clean()


def test_a_message_outlives_its_programme():
    programme = Programme.objects.create(name="Short-lived Programme", slug="short-lived")
    interest = message(purpose=Purpose.PROGRAMME, programme=programme)
    interest.full_clean()
    interest.save()
    programme.delete()
    interest.refresh_from_db()
    assert interest.programme is None
    assert interest.purpose == Purpose.PROGRAMME
    # Staff can still file it: the programme is required of new messages only.
    interest.status = MessageStatus.ANSWERED
    interest.full_clean()
    interest.save()


def test_a_message_needs_consent():
    with pytest.raises(IntegrityError), transaction.atomic():
        message(consent=False).save()


def test_message_length_is_limited_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        message(message="x" * 5001).save()


def test_pending_notification_skips_notified_spam_and_young_messages():
    now = timezone.now()
    old = message(created_at=now - timedelta(hours=1))
    young = message(created_at=now)
    done = message(created_at=now - timedelta(hours=1), notified_at=now)
    spam = message(created_at=now - timedelta(hours=1), status=MessageStatus.SPAM)
    for item in (old, young, done, spam):
        item.save()
    assert list(ContactMessage.objects.pending_notification()) == [old, young]
    assert list(ContactMessage.objects.pending_notification(older_than=timedelta(minutes=5))) == [old]
    assert set(ContactMessage.objects.open()) == {old, young, done}


def test_new_messages_are_counted_for_the_back_office():
    message(status=MessageStatus.NEW).save()
    message(status=MessageStatus.ANSWERED).save()
    message(status=MessageStatus.SPAM).save()
    assert ContactMessage.new_messages() == 1


def test_loading_the_seed_content_again_adds_nothing():
    from django.core.management import call_command

    from contact.models import MetroStation, SolutionArea

    models = [Secretariat, MetroStation, BusType, BusRoute, HostCity, SolutionArea]
    before = [model.objects.count() for model in models]
    assert before == [1, 1, 4, 34, 1, 4]
    call_command("load_site_content", verbosity=0)
    assert [model.objects.count() for model in models] == before


@pytest.mark.parametrize("field", ["telephone", "fax"])
@pytest.mark.parametrize("number", ["call 720 2934", "ext. 123", "+82 2 720+2934"])
def test_the_secretariats_numbers_are_checked_like_every_other_phone_number(field, number):
    from django.core.exceptions import ValidationError

    secretariat = Secretariat.objects.get()
    setattr(secretariat, field, number)
    with pytest.raises(ValidationError) as refused:
        secretariat.full_clean()
    assert field in refused.value.message_dict


def test_the_seeded_secretariat_numbers_pass_the_check():
    Secretariat.objects.get().full_clean()

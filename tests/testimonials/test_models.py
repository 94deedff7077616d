"""Testimonials: quoted exactly, attributed as the source prints them, tied to their session."""

from datetime import date

import pytest
from django.db.models import ProtectedError

from core.publishing import PublicationStatus
from programs.models import Session
from testimonials import models as testimonials
from tests.programs.factories import make_programme, make_session
from tests.support.content import PUBLISHED

pytestmark = pytest.mark.django_db


def by_person(name):
    return testimonials.Testimonial.objects.select_related("session").get(person=name)


def test_the_four_seed_quotes_exactly_as_written():
    melissa = by_person("Melissa Ovalle Buenrostro")
    assert melissa.quote.startswith("“For me, the WeGO program has been excellent")
    assert melissa.quote.endswith("other countries’ initiatives and learn from them,”")
    mirela = by_person("Mirela Minca")
    assert mirela.quote.startswith("“The lectures were very well structured")
    assert mirela.quote.endswith("understand better the way a metropolis such as Seoul is working,”")
    santiago = by_person("Santiago Nieva Giralt")
    assert santiago.quote.startswith("“On behalf of the Barcelona City Council and especially of Mrs. Merce Mestre,")
    # This one closes the quotation before the comma, as the source does.
    assert santiago.quote.endswith("both personally and professionally”,")
    khalid = by_person("Khalid AC Zadjali")
    assert khalid.quote.startswith("“On behalf of my Omani colleague, I would like to thank the WeGO team")
    assert khalid.quote.endswith("Hope to see you one day in the near future in another event,”")


def test_attributions_read_as_in_the_source():
    assert by_person("Melissa Ovalle Buenrostro").attribution == (
        "Ms. Melissa Ovalle Buenrostro, Chief of the E-Government Research Department, Mexico City"
    )
    assert by_person("Mirela Minca").attribution == (
        "Ms. Mirela Minca, Head of International Program and Cooperation Service, Bucharest"
    )
    assert by_person("Santiago Nieva Giralt").attribution == (
        "Mr. Santiago Nieva Giralt on behalf of Barcelona City Council"
    )
    khalid = by_person("Khalid AC Zadjali")
    assert khalid.on_behalf_of == "my Omani colleague"
    # The quote itself opens with “On behalf of my Omani colleague”: the attribution does not echo it.
    assert khalid.attribution == "Mr. Khalid AC Zadjali, Deputy Director General of Information System, Muscat"


def test_seed_testimonials_belong_to_the_2011_and_2013_seoul_program_sessions():
    sessions = {
        t.person: (t.session.programme.slug, t.session.start_date) for t in testimonials.Testimonial.objects.all()
    }
    assert sessions == {
        "Melissa Ovalle Buenrostro": ("seoul-program", date(2011, 9, 5)),
        "Mirela Minca": ("seoul-program", date(2013, 6, 23)),
        "Santiago Nieva Giralt": ("seoul-program", date(2013, 6, 23)),
        "Khalid AC Zadjali": ("seoul-program", date(2013, 6, 23)),
    }


def test_a_session_with_testimonials_cannot_be_deleted():
    session = Session.objects.get(programme__slug="seoul-program", slug="2013")
    with pytest.raises(ProtectedError):
        session.delete()
    assert Session.objects.filter(pk=session.pk).exists()


def test_featured_and_published_verbs():
    featured = list(testimonials.Testimonial.objects.published().featured())
    assert featured and all(t.featured for t in featured)
    testimonials.Testimonial.objects.filter(pk=featured[0].pk).update(publication_status=PublicationStatus.DRAFT)
    assert featured[0] not in testimonials.Testimonial.objects.published().featured()


def test_testimonials_of_a_hidden_session_are_hidden_too():
    session = make_session(make_programme(), date(2020, 1, 1))
    testimonial = testimonials.Testimonial.objects.create(
        person="Test Person", quote="“Fine,”", session=session, **PUBLISHED
    )
    assert testimonial in testimonials.Testimonial.objects.published()
    Session.objects.filter(pk=session.pk).update(publication_status=PublicationStatus.DRAFT)
    assert testimonial not in testimonials.Testimonial.objects.published()
    loose = testimonials.Testimonial.objects.create(person="No Session", quote="“Fine,”", **PUBLISHED)
    assert loose in testimonials.Testimonial.objects.published()


def test_programme_and_year_verbs():
    seoul = Session.objects.get(programme__slug="seoul-program", slug="2011").programme
    assert testimonials.Testimonial.objects.for_programme(seoul).count() == 4
    assert [t.person for t in testimonials.Testimonial.objects.for_year(2011)] == ["Melissa Ovalle Buenrostro"]
    assert testimonials.Testimonial.objects.for_year(2012).count() == 0


# Quotes name their language -------------------------------------------------------------------------


def test_quotes_are_english_unless_said_otherwise_and_only_in_a_site_language():
    from django.db import IntegrityError, transaction

    assert set(testimonials.Testimonial.objects.values_list("quote_language", flat=True)) == {"en"}
    with pytest.raises(IntegrityError), transaction.atomic():
        testimonials.Testimonial.objects.create(person="Klingon", quote="“Qapla’,”", quote_language="tlh")


def test_visible_on_the_site_matches_the_published_verb():
    testimonial = by_person("Mirela Minca")
    assert testimonial.is_public and testimonial in testimonials.Testimonial.objects.published()
    Session.objects.filter(pk=testimonial.session_id).update(publication_status=PublicationStatus.DRAFT)
    testimonial = by_person("Mirela Minca")
    assert not testimonial.is_public and testimonial not in testimonials.Testimonial.objects.published()

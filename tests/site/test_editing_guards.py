"""What editors type is kept as they meant it, or they are told first: plain help texts, dates never
shortened without a confirmation, a taken slug named on the slug field, overlapping sessions pointed
out, and one-line fields with sensible lengths."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import models
from django.urls import reverse

from core.discovery import content_models
from offices.dates import DatePrecision
from offices.models import HostingDocument, Milestone, Office
from pages.models import Page
from programs.models import Programme, Session, SessionStatus, TechnicalTour, Topic
from testimonials import models as testimonials
from tests.support.admin import change_form_data
from tests.support.content import PUBLISHED

pytestmark = pytest.mark.django_db

SLUG = "europe-ulyanovsk-region"
HELP = re.compile(r'<div class="help"[^>]*>\s*<div>(.*?)</div>\s*</div>', re.DOTALL)
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
TRANSLATION = re.compile(r"_(en|ko|ru|es|zh_hans)$")


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def content_admins():
    return sorted(
        (model for model in admin.site._registry if model in set(content_models())), key=lambda m: m._meta.label
    )


# -- Help texts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", content_admins(), ids=lambda model: model._meta.label)
def test_no_help_text_of_a_content_form_is_html(superuser_client, model):
    """The admin prints help texts as HTML: one with a tag in it would be rendered, not read."""
    response = superuser_client.get(admin_url(model, "add"))
    if response.status_code == 403:  # one of a kind, already there (the Secretariat): its change form
        response = superuser_client.get(admin_url(model, "change", model._default_manager.order_by("pk").first().pk))
    assert response.status_code == 200
    html = response.content.decode()
    shown = HELP.findall(html)
    form = response.context["adminform"].form
    if any(form[name].help_text for name in form.fields if not form[name].is_hidden):
        assert shown, "help texts are on the form but none was found on the page: is HELP right?"
    for text in shown:
        assert not TAG.search(text), text
    forms = [form]
    forms += [inline.formset.empty_form for inline in response.context["inline_admin_formsets"]]
    for form in forms:
        for name, field in form.fields.items():
            assert not TAG.search(str(field.help_text or "")), (form.__class__.__name__, name, field.help_text)


# -- Dates and their precision ------------------------------------------------------------------------


def test_every_precision_defaults_to_the_day():
    precisions = {
        f"{model._meta.label}.{field.name}": field.default
        for model in content_models()
        for field in model._meta.fields
        if field.name.endswith("precision")
    }
    assert precisions == {
        "offices.Office.approved_precision": DatePrecision.DAY,
        "offices.Office.launched_precision": DatePrecision.DAY,
        "offices.Milestone.date_precision": DatePrecision.DAY,
    }


def office_form(client, office):
    url = admin_url(Office, "change", office.pk)
    return url, change_form_data(client.get(url))


def test_a_date_shown_less_precisely_is_refused_once_with_what_it_becomes(superuser_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    data.update(approved_on="2013-08-14", approved_precision=DatePrecision.MONTH, _publish="Publish")
    response = superuser_client.post(url, data)
    assert response.status_code == 200  # refused, not saved
    errors = response.context["adminform"].form.errors
    assert errors["approved_on"] == [
        "This date will be shown as August 2013 and stored as 2013-08-01: choose the precision "
        "“Day (11 March 2014)” to keep 14 August 2013, or confirm below."
    ]
    html = response.content.decode()
    assert 'name="approved_on_confirm"' in html and 'value="2013-08-14/month"' in html
    assert "Yes, show it as August 2013 (stored as 2013-08-01)." in html
    office.refresh_from_db()
    assert office.approved_on == datetime.date(2013, 9, 1)  # as it was

    # Ticking the box accepts exactly that date with that precision.
    response = superuser_client.post(url, {**data, "approved_on_confirm": "2013-08-14/month"})
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.approved_on, office.approved_precision) == (datetime.date(2013, 8, 1), DatePrecision.MONTH)


def test_a_confirmation_of_another_date_does_not_count(superuser_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    data.update(approved_on="2013-08-20", approved_precision=DatePrecision.MONTH, _publish="Publish")
    response = superuser_client.post(url, {**data, "approved_on_confirm": "2013-08-14/month"})
    assert "approved_on" in response.context["adminform"].form.errors


def test_a_date_that_its_precision_keeps_is_saved_without_a_question(superuser_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    data.update(approved_on="2013-08-14", approved_precision=DatePrecision.DAY, _publish="Publish")
    assert superuser_client.post(url, data).status_code == 302
    office.refresh_from_db()
    assert office.approved_on == datetime.date(2013, 8, 14)


def test_a_milestone_in_the_office_form_is_refused_on_its_date_too(superuser_client):
    office = Office.objects.get(slug=SLUG)
    url, data = office_form(superuser_client, office)
    count = int(data["milestones-TOTAL_FORMS"])
    row = f"milestones-{count}"
    data.update(
        {
            "milestones-TOTAL_FORMS": str(count + 1),
            f"{row}-date": "2019-11-05",
            f"{row}-date_precision": DatePrecision.LATE_YEAR,
            f"{row}-title_en": "A late milestone",
            f"{row}-order": "0",
            f"{row}-publication_status": "published",
            "_publish": "Publish",
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[count]
    assert form.errors["date"] == [
        "This date will be shown as late 2019 and stored as 2019-09-01: choose the precision "
        "“Day (11 March 2014)” to keep 5 November 2019, or confirm below."
    ]
    assert f'name="{row}-date_confirm"' in response.content.decode()
    response = superuser_client.post(url, {**data, f"{row}-date_confirm": "2019-11-05/late"})
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert Milestone.objects.get(title_en="A late milestone").date == datetime.date(2019, 9, 1)


def test_a_new_milestone_keeps_its_day_by_default(superuser_client):
    office = Office.objects.get(slug=SLUG)
    data = change_form_data(superuser_client.get(admin_url(Milestone, "add")))
    data.update(office=office.pk, date="2019-11-05", title_en="On the day", _publish="Publish")
    assert data["date_precision"] == DatePrecision.DAY
    assert superuser_client.post(admin_url(Milestone, "add"), data).status_code == 302
    assert Milestone.objects.get(title_en="On the day").when.iso == "2019-11-05"


# -- Slugs ------------------------------------------------------------------------------------------


def test_a_taken_office_slug_is_reported_on_the_slug_field(superuser_client):
    other = Office.objects.exclude(slug=SLUG).first()
    url, data = office_form(superuser_client, Office.objects.get(slug=SLUG))
    response = superuser_client.post(url, {**data, "slug": other.slug, "_publish": "Publish"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] and not form.non_field_errors()


def test_a_taken_programme_slug_is_reported_on_the_slug_field(superuser_client):
    first, second = Programme.objects.order_by("pk")[:2]
    url = admin_url(Programme, "change", second.pk)
    data = change_form_data(superuser_client.get(url))
    response = superuser_client.post(url, {**data, "slug": first.slug, "_publish": "Publish"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] and not form.non_field_errors()


def two_sessions():
    by_programme = Session.objects.order_by().values("programme").annotate(n=models.Count("pk"))
    programme = by_programme.filter(n__gte=2)[0]["programme"]
    return Session.objects.filter(programme=programme).order_by("pk")[:2]


def test_a_slug_taken_in_the_programme_is_reported_on_the_sessions_slug_field(superuser_client):
    first, second = two_sessions()
    url = admin_url(Session, "change", second.pk)
    data = change_form_data(superuser_client.get(url))
    response = superuser_client.post(url, {**data, "slug": first.slug, "_publish": "Publish"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["slug"] == [
        f"Another session of this programme, “{first.title}”, already has this slug: choose another."
    ]
    assert not form.non_field_errors()


def programme_form_with_a_new_session(client, programme, **session):
    url = admin_url(Programme, "change", programme.pk)
    data = change_form_data(client.get(url))
    count = int(data["sessions-TOTAL_FORMS"])
    data["sessions-TOTAL_FORMS"] = str(count + 1)
    data.update({f"sessions-{count}-{name}": value for name, value in {**PUBLISHED, **session}.items()})
    return url, data, count


def test_a_slug_taken_in_the_programme_is_reported_on_the_slug_of_the_new_row(superuser_client):
    first, _second = two_sessions()
    url, data, row = programme_form_with_a_new_session(
        superuser_client,
        first.programme,
        title_en="Same slug",
        slug=first.slug,
        start_date="2031-06-03",
        end_date="2031-06-07",
        status=SessionStatus.CONFIRMED,
    )
    response = superuser_client.post(url, {**data, "_publish": "Publish"})  # was an IntegrityError: a 500
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[row]
    assert form.errors["slug"] == [
        f"Another session of this programme, “{first.title}”, already has this slug: choose another."
    ]
    assert not Session.objects.filter(title_en="Same slug").exists()


def test_two_new_rows_with_one_slug_are_told_on_the_second_rows_slug(superuser_client):
    programme = Programme.objects.order_by("pk").first()
    url, data, row = programme_form_with_a_new_session(
        superuser_client, programme, title_en="One", slug="twins", status=SessionStatus.PLANNED
    )
    data["sessions-TOTAL_FORMS"] = str(row + 2)
    data.update({f"sessions-{row + 1}-title_en": "Two", f"sessions-{row + 1}-slug": "twins"})
    data[f"sessions-{row + 1}-publication_status"] = PUBLISHED["publication_status"]
    data[f"sessions-{row + 1}-status"] = SessionStatus.PLANNED
    response = superuser_client.post(url, {**data, "_publish": "Publish"})
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[row + 1].errors["slug"] == ["“One” in this list has this slug too: choose another."]
    assert not formset.non_form_errors()


# -- Overlapping sessions -------------------------------------------------------------------------------


def test_an_overlapping_session_is_saved_with_a_warning(superuser_client):
    first, second = two_sessions()
    Session.objects.filter(pk=first.pk).update(
        start_date=datetime.date(2031, 6, 3), end_date=datetime.date(2031, 6, 7), status=SessionStatus.CONFIRMED
    )
    url = admin_url(Session, "change", second.pk)
    data = change_form_data(superuser_client.get(url))
    data.update(start_date="2031-06-06", end_date="2031-06-09", status=SessionStatus.CONFIRMED, _publish="Publish")
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.start_date == datetime.date(2031, 6, 6)  # saved all the same
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        f"“{second.title}” (6–9 June 2031) overlaps “{first.title}” (3–7 June 2031) in the same programme. "
        "Both are saved: check the dates if this is a mistake."
    ]


def test_a_session_added_in_its_programmes_list_is_warned_of_an_overlap(superuser_client):
    first, _second = two_sessions()
    Session.objects.filter(pk=first.pk).update(
        start_date=datetime.date(2031, 6, 3), end_date=datetime.date(2031, 6, 7), status=SessionStatus.CONFIRMED
    )
    url, data, _row = programme_form_with_a_new_session(
        superuser_client,
        first.programme,
        title_en="At the same time",
        slug="same-time",
        start_date="2031-06-07",
        end_date="2031-06-08",
        status=SessionStatus.CONFIRMED,
    )
    response = superuser_client.post(url, {**data, "_publish": "Publish"})
    assert response.status_code == 302
    assert Session.objects.filter(slug="same-time").exists()
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert [w.split(" in the same")[0] for w in warnings] == [
        f"“At the same time” (7–8 June 2031) overlaps “{first.title}” (3–7 June 2031)"
    ]


def test_sessions_that_do_not_share_a_day_or_are_cancelled_do_not_overlap():
    first, second = two_sessions()
    Session.objects.filter(pk=first.pk).update(
        start_date=datetime.date(2031, 6, 3), end_date=datetime.date(2031, 6, 7), status=SessionStatus.CONFIRMED
    )
    second.start_date, second.end_date, second.status = (
        datetime.date(2031, 6, 8),
        datetime.date(2031, 6, 9),
        SessionStatus.CONFIRMED,
    )
    assert not Session.objects.overlapping(second).exists()
    second.start_date = datetime.date(2031, 6, 7)
    assert list(Session.objects.overlapping(second)) == [first]
    Session.objects.filter(pk=first.pk).update(status=SessionStatus.CANCELLED)
    assert not Session.objects.overlapping(second).exists()


# -- Lengths ---------------------------------------------------------------------------------------------

# One-line fields longer than 200 characters: descriptions and sentences, never a name or a title.
LONGER_THAN_200 = {
    "bids.Question.text",
    "contact.HostCity.solution_link_text",
    "library.Image.alt",  # the one description of every photo and logo, wherever it is shown
    "offices.OfficeFunction.text",
    "pages.Page.meta_description",
}


def test_names_and_titles_are_200_characters_at_most():
    longer = {
        f"{model._meta.label}.{field.name}"
        for model in content_models()
        for field in model._meta.fields
        # Each language's column of a translated field has the field's length.
        if isinstance(field, models.CharField)
        and not isinstance(field, models.EmailField)  # 254, as the standard allows
        and field.max_length > 200
        and not TRANSLATION.search(field.name)
    }
    assert longer == LONGER_THAN_200
    assert Milestone._meta.get_field("title").max_length == 200
    assert Topic._meta.get_field("name").max_length == TechnicalTour._meta.get_field("name").max_length == 200
    assert testimonials.Testimonial._meta.get_field("organisation").max_length == 200


def test_every_name_and_title_the_seed_content_has_fits():
    # The seed content loaded for every test: every row is valid under the new lengths.
    for model in (Milestone, Topic, TechnicalTour, testimonials.Testimonial):
        for row in model.objects.all():
            row.full_clean()


@pytest.mark.parametrize(
    ("model", "field", "length"),
    [
        (Office, "summary", "200"),
        (Programme, "summary", "250"),
        (Page, "introduction", "250"),
        (Page, "meta_description", "160"),
        (HostingDocument, "description", "200"),
    ],
)
def test_summaries_say_how_long_they_should_be(model, field, length):
    assert f"about {length} characters" in str(model._meta.get_field(field).help_text)

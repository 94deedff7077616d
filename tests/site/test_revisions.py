"""Revisions of content in the admin (core/revisions.py): every save kept with its languages and
inline rows, history and compare, restoring a revision, the bin of deleted items, and no edit lost
to someone else's save."""

import re
from html import unescape

import pytest
import reversion
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from contact.models import ContactMessage
from core.discovery import content_models
from core.roles import EDITORS
from offices.models import Milestone, Office, StaffContact
from programs.models import PartnerOrganisation, Programme, ProgrammePartner, Session
from tests.offices.factories import make_contact, make_milestone, make_office
from tests.support.admin import change_form_data
from tests.support.queries import count_queries

pytestmark = pytest.mark.django_db


def url(obj, view, *args):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def opened_at(html):
    """The revision the change form says it was opened at (its hidden field)."""
    return re.search(r'<input type="hidden" name="_revision" value="(\d+)">', html)[1]


def open_form(client, obj, path=None):
    """What a browser holds after opening the change form: the fields with their values, the hidden
    revision field included."""
    response = client.get(path or url(obj, "change"))
    assert response.status_code == 200
    data = change_form_data(response)
    data["_revision"] = opened_at(response.content.decode())
    return data


def textarea(html, name):
    return unescape(re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)[1])


@pytest.fixture
def office():
    office = make_office(summary_en="The first summary.", summary_ko="첫 요약.")
    make_contact(office, name="Ana Petrova")
    make_contact(office, name="Boris Lee")
    make_milestone(office, title="Launched")
    return office


def staff(django_user_model, name, group=EDITORS, **names):
    user = django_user_model.objects.create_user(name, password="pw", is_staff=True, **names)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "rev-editor", first_name="Eun", last_name="Kim")


def test_every_content_model_is_registered_following_its_inlines_and_link_tables():
    from reversion.revisions import _get_options

    assert {model for model in content_models() if not reversion.is_registered(model)} == set()
    assert not reversion.is_registered(ContactMessage), "the message desk is not content"
    assert {"contacts", "milestones"} <= set(_get_options(Office).follow)
    assert {"topics", "technical_tours", "contacts"} <= set(_get_options(Session).follow)
    assert "sessions" in _get_options(Programme).follow
    assert any("programmepartner" in name for name in _get_options(Programme).follow)


def test_saving_twice_keeps_two_revisions_with_every_language_and_the_inline_rows(editor, office):
    client, user = editor
    data = open_form(client, office)
    data.update(summary_en="A new summary.", summary_ko="새 요약.")
    assert client.post(url(office, "change"), data).status_code == 302
    data = open_form(client, office)
    data["summary_en"] = "A newer summary."
    assert client.post(url(office, "change"), data).status_code == 302

    versions = Version.objects.get_for_object(office).select_related("revision").order_by("pk")
    assert [version.revision.user for version in versions] == [None, user, user]  # how it was, then each save
    first, saved_once, saved_twice = versions
    assert first.field_dict["summary_en"] == "The first summary."
    assert (saved_once.field_dict["summary_en"], saved_once.field_dict["summary_ko"]) == ("A new summary.", "새 요약.")
    assert (saved_twice.field_dict["summary_en"], saved_twice.field_dict["summary_ko"]) == (
        "A newer summary.",
        "새 요약.",
    )
    assert "Summary [en]" in saved_once.revision.get_comment()
    for version in versions:
        rows = Version.objects.filter(revision=version.revision)
        assert sorted(v.field_dict["name"] for v in rows.filter(content_type__model="staffcontact")) == [
            "Ana Petrova",
            "Boris Lee",
        ]
        assert rows.filter(content_type__model="milestone").count() == 1


def test_the_history_lists_the_revisions_and_compare_shows_what_changed_by_language(editor, office):
    client, _user = editor
    data = open_form(client, office)
    data["summary_ko"] = "고친 요약."
    prefix = "contacts"
    row = next(i for i in range(2) if data[f"{prefix}-{i}-name"] == "Boris Lee")
    data[f"{prefix}-{row}-name"] = "Boris Lee-Park"
    assert client.post(url(office, "change"), data).status_code == 302

    html = client.get(url(office, "history")).content.decode()
    assert "Change history" in html
    assert "Eun Kim" in html
    assert "Changed Summary [ko]" in unescape(html)
    old, new = Version.objects.get_for_object(office).order_by("pk")
    assert f'value="{old.pk}" checked' in html and f'value="{new.pk}" checked' in html

    response = client.get(url(office, "compare"), {"from": old.pk, "to": new.pk})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    changed = html.split('<table class="wego-diff">', 2)[1].split("</table>")[0]  # the item's changed fields
    assert "Summary [ko]" in changed
    assert "Summary [en]" not in changed  # unchanged: behind the count
    # Word by word: the word kept is not marked.
    assert '<del><span class="visually-hidden">[removed] </span>첫</del> 요약.' in changed
    assert '<ins><span class="visually-hidden">[added] </span>고친</ins> 요약.' in changed
    assert re.search(r"Unchanged fields: \d+", html)
    assert "Changed: Boris Lee-Park" in html
    assert "Ana Petrova" not in html.split("Public contacts", 1)[1]  # an unchanged row is only counted


def test_restoring_opens_the_form_with_the_old_text_and_saves_only_when_the_editor_saves(editor, office):
    client, user = editor
    data = open_form(client, office)
    data["summary_en"] = "Someone's mistake."
    contacts = "contacts"
    row = next(i for i in range(2) if data[f"{contacts}-{i}-name"] == "Ana Petrova")
    data[f"{contacts}-{row}-DELETE"] = "on"
    assert client.post(url(office, "change"), data).status_code == 302
    assert office.contacts.count() == 1
    first = Version.objects.get_for_object(office).order_by("pk").first()

    response = client.get(url(office, "revision", first.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are restoring the revision of" in html and "nothing is saved until you save" in html
    assert textarea(html, "summary_en") == "The first summary."
    assert "Ana Petrova" in html  # the deleted contact is back in the form
    office.refresh_from_db()
    assert office.summary_en == "Someone's mistake."  # opening it wrote nothing
    assert office.contacts.count() == 1

    restored = change_form_data(response)
    restored["_revision"] = opened_at(html)
    assert client.post(url(office, "revision", first.pk), restored).status_code == 302
    office.refresh_from_db()
    assert office.summary_en == "The first summary."
    assert sorted(office.contacts.values_list("name", flat=True)) == ["Ana Petrova", "Boris Lee"]
    entry = LogEntry.objects.filter(object_id=str(office.pk), action_flag=CHANGE).order_by("-pk").first()
    assert entry.get_change_message().startswith("Restored the revision of")
    assert Version.objects.get_for_object(office).order_by("-pk").first().revision.user == user


def test_a_deleted_office_comes_back_with_its_contacts_for_a_secretariat_admin_only(
    editor, secretariat_admin_client, office
):
    client, _user = editor
    pk, name = office.pk, office.name
    response = secretariat_admin_client.post(url(office, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not Office.objects.filter(pk=pk).exists() and not StaffContact.objects.filter(office_id=pk).exists()

    listing = client.get(reverse("admin:offices_office_changelist")).content.decode()
    bin_url = reverse("admin:offices_office_recoverlist")
    assert f'href="{bin_url}"' in listing
    html = client.get(bin_url).content.decode()
    assert f'<th scope="row">{name}</th>' in html and "Restore…" not in html  # what went, not a way back
    version = Version.objects.get_deleted(Office).get(object_id=str(pk))
    recover = reverse("admin:offices_office_recover", args=[version.pk])
    assert client.get(recover).status_code == 403
    assert client.post(recover).status_code == 403
    assert not Office.objects.filter(pk=pk).exists()

    html = secretariat_admin_client.get(bin_url).content.decode()
    assert name in html and f'href="{recover}"' in html
    html = secretariat_admin_client.get(recover).content.decode()
    assert "Ana Petrova" in html and "Launched" in html
    assert secretariat_admin_client.post(recover).status_code == 302
    office = Office.objects.get(pk=pk)
    assert sorted(office.contacts.values_list("name", flat=True)) == ["Ana Petrova", "Boris Lee"]
    assert Milestone.objects.filter(office=office).count() == 1
    entry = LogEntry.objects.get(object_id=str(pk), action_flag=ADDITION)
    assert entry.get_change_message().startswith("Restored from the deleted items.")
    assert f'<th scope="row">{name}</th>' not in secretariat_admin_client.get(bin_url).content.decode()


def test_saving_over_someone_elses_newer_save_is_refused_and_nothing_is_written(django_user_model, office):
    first, _first_user = staff(django_user_model, "first-editor", first_name="Ana", last_name="First")
    second, _second_user = staff(django_user_model, "second-editor")
    first_form, second_form = open_form(first, office), open_form(second, office)

    first_form["summary_en"] = "Ana's summary."
    assert first.post(url(office, "change"), first_form).status_code == 302
    kept = Version.objects.get_for_object(office).count()

    second_form["summary_en"] = "The second editor's summary."
    second_form["contacts-0-position"] = "Changed too"
    response = second.post(url(office, "change"), second_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not saved: someone else saved this item after you opened it" in html
    assert "Ana First saved it on" in html
    assert textarea(html, "summary_en") == "The second editor's summary."  # what they typed is still there
    assert "Summary [en]" in unescape(html.split('class="wego-conflict"', 1)[1])  # and what the other changed
    office.refresh_from_db()
    assert office.summary_en == "Ana's summary."
    assert not StaffContact.objects.filter(position="Changed too").exists()
    assert Version.objects.get_for_object(office).count() == kept

    # Having seen it, the editor saves over it on purpose.
    second_form["_save_over"] = re.search(r'name="_save_over" value="(\d+)"', html)[1]
    assert second.post(url(office, "change"), second_form).status_code == 302
    office.refresh_from_db()
    assert office.summary_en == "The second editor's summary."


def test_saving_over_a_third_save_made_after_the_conflict_was_shown_is_refused_again(editor, django_user_model, office):
    client, _user = editor
    other, _other_user = staff(django_user_model, "other-editor")
    form = open_form(client, office)
    for text in ("Other 1.", "Other 2."):
        other_form = open_form(other, office)
        other_form["summary_en"] = text
        assert other.post(url(office, "change"), other_form).status_code == 302
        if text == "Other 1.":
            html = client.post(url(office, "change"), {**form, "summary_en": "Mine."}).content.decode()
            form["_save_over"] = re.search(r'name="_save_over" value="(\d+)"', html)[1]
    response = client.post(url(office, "change"), {**form, "summary_en": "Mine."})
    assert response.status_code == 200, "saved over a version the editor never saw"
    office.refresh_from_db()
    assert office.summary_en == "Other 2."


def test_the_history_page_costs_the_same_queries_for_few_or_many_revisions(editor, office):
    client, user = editor

    def keep(times):
        for number in range(times):
            with reversion.create_revision():
                reversion.set_user(user)
                reversion.set_comment(f"Save {number}")
                reversion.add_to_revision(office)

    keep(2)
    few = count_queries(client, url(office, "history"))
    keep(20)
    many = count_queries(client, url(office, "history"))
    assert many == few


def test_a_programmes_links_to_partners_are_kept_and_compared(editor):
    client, _user = editor
    programme = Programme.objects.filter(partners__isnull=False).distinct().first()
    assert programme is not None, "the seed content has a programme with partners"
    before = set(programme.partners.values_list("pk", flat=True))
    added = PartnerOrganisation.objects.exclude(pk__in=before).first()
    data = open_form(client, programme)
    data["partners"] = [str(pk) for pk in [*before, added.pk]]
    assert client.post(url(programme, "change"), data).status_code == 302

    old, new = Version.objects.get_for_object(programme).order_by("pk")
    links = Version.objects.filter(revision=new.revision, content_type__model="programmepartner")
    assert links.count() == len(before) + 1 == ProgrammePartner.objects.filter(programme=programme).count()
    html = unescape(client.get(url(programme, "compare"), {"from": old.pk, "to": new.pk}).content.decode())
    changed = html.split('<table class="wego-diff">', 2)[1].split("</table>")[0]
    assert "Partner organisations" in changed
    assert re.search(rf"<ins><span[^>]*>\[added\] </span>[^<]*{re.escape(str(added))}", changed)


def test_restoring_a_live_item_as_a_draft_keeps_its_rows_and_publishing_restores_them(editor, office):
    from core.models import Draft

    client, _user = editor
    data = open_form(client, office)
    data.update(summary_en="Live text.", _publish="Publish changes")
    assert client.post(url(office, "change"), data).status_code == 302
    first = Version.objects.get_for_object(office).order_by("pk").first()
    restore = url(office, "revision", first.pk)

    assert client.post(restore, {**open_form(client, office, restore), "_save_draft": "Save"}).status_code == 302
    office.refresh_from_db()
    assert office.summary_en == "Live text."  # visitors still see the live version
    assert Draft.of(office).get().data["summary_en"] == ["The first summary."]

    html = client.get(restore).content.decode()
    assert textarea(html, "summary_en") == "The first summary."  # the revision, not the draft
    assert client.post(restore, {**open_form(client, office, restore), "_publish": "Publish"}).status_code == 302
    office.refresh_from_db()
    assert office.summary_en == "The first summary."
    assert (
        Version.objects.get_for_object(office)
        .order_by("-pk")
        .first()
        .revision.get_comment()
        .startswith("Restored the revision of")
    )


def test_items_deleted_together_come_back_one_at_a_time(secretariat_admin_client):
    offices = [make_office(), make_office()]
    for office in offices:
        make_contact(office)
    response = secretariat_admin_client.post(
        reverse("admin:offices_office_changelist"),
        {"action": "delete_selected", "_selected_action": [office.pk for office in offices], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Office.objects.filter(pk__in=[office.pk for office in offices]).exists()

    kept, gone = offices
    version = Version.objects.get_deleted(Office).get(object_id=str(kept.pk))
    assert secretariat_admin_client.post(reverse("admin:offices_office_recover", args=[version.pk])).status_code == 302
    assert Office.objects.get(pk=kept.pk).contacts.count() == 1
    assert not Office.objects.filter(pk=gone.pk).exists()


def test_restoring_a_programme_brings_its_partner_links_back(editor):
    client, _user = editor
    programme = Programme.objects.filter(partners__isnull=False).distinct().first()
    before = set(programme.partners.values_list("pk", flat=True))
    data = open_form(client, programme)
    data["partners"] = []
    assert client.post(url(programme, "change"), data).status_code == 302
    assert not programme.partners.exists()

    first = Version.objects.get_for_object(programme).order_by("pk").first()
    restore = url(programme, "revision", first.pk)
    assert client.post(restore, open_form(client, programme, restore)).status_code == 302
    assert set(programme.partners.values_list("pk", flat=True)) == before


def test_a_draft_of_changes_made_before_any_revision_publishes_without_a_false_conflict(editor, office):
    client, _user = editor
    data = open_form(client, office)  # opened at no revision: the item has none yet
    assert data["_revision"] == "0"
    data["summary_en"] = "Changed in a draft."
    assert client.post(url(office, "change"), {**data, "_save_draft": "Save"}).status_code == 302
    data = open_form(client, office)  # the draft, as the editor finds it
    response = client.post(url(office, "change"), {**data, "_publish": "Publish"})
    assert response.status_code == 302, "refused as if someone else had saved"
    office.refresh_from_db()
    assert office.summary_en == "Changed in a draft."

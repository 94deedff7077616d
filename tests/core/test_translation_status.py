"""Where each translation stands (core/translations/status.py), how the admin shows and filters it,
the translation report, and the export and import of what is left (core/translations/exchange.py)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from reversion.models import Version

from core.models import Draft, TranslationLanguageState, TranslationStatus
from core.publishing import PublicationStatus
from core.translations.exchange import key_of, version_of
from core.translations.status import rebuild, translated_models
from offices.models import Office
from tests.support.admin import change_form_data
from tests.support.translations import csv_file, csv_rows, status, xlsx_rows

pytestmark = pytest.mark.django_db

MISSING, OUTDATED, COMPLETE = (
    TranslationLanguageState.MISSING,
    TranslationLanguageState.OUTDATED,
    TranslationLanguageState.COMPLETE,
)


def office(**fields):
    values = {
        "name_en": "Test Regional Office",
        "slug": "test-office",
        "region_en": "Test region",
        "summary_en": "An office for the tests.",
        "summary_ko": "시험용 사무소.",
        "publication_status": PublicationStatus.PUBLISHED,
        "order": 999,
    }
    return Office.objects.create(**{**values, **fields})


# -- The states ------------------------------------------------------------------------------------


def test_the_seed_content_has_a_state_for_every_item_and_language():
    for model in translated_models():
        count = model._default_manager.count()
        for language in ("ko", "ru", "es", "zh-hans"):
            kept = TranslationStatus.objects.filter(content_type__model=model._meta.model_name, language=language)
            assert kept.count() == count, (model, language)


def test_a_blank_translation_of_written_english_is_missing():
    item = office(name_ko="시험 사무소", region_ko="시험 지역")
    korean = status(item, "ko")
    assert korean.state == COMPLETE and korean.missing_fields == []
    russian = status(item, "ru")
    assert russian.state == MISSING
    assert russian.missing_fields == ["name", "region", "summary"]  # in the order of the model
    assert russian.missing_count == 3


def test_empty_rich_text_counts_as_blank():
    item = office(name_ko="시험", region_ko="지역", body_en="<p>Text</p>", body_ko="<p> </p>")
    assert status(item, "ko").missing_fields == ["body"]


def test_the_english_changing_makes_the_translation_out_of_date_until_it_is_changed():
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "A new English summary."
    item.save()
    korean = status(item, "ko")
    assert (korean.state, korean.outdated_fields, korean.outdated_count) == (OUTDATED, ["summary"], 1)

    item.save()  # saved again, the translation unchanged: still out of date
    assert status(item, "ko").state == OUTDATED

    item.summary_ko = "새 요약."
    item.save()
    assert status(item, "ko").state == COMPLETE


def test_missing_comes_before_out_of_date_and_both_are_counted():
    item = office(name_ko="시험")
    item.summary_en = "Changed."
    item.save()
    korean = status(item, "ko")
    assert korean.state == MISSING
    assert (korean.missing_fields, korean.outdated_fields) == (["region"], ["summary"])


def test_deleting_an_item_forgets_its_states():
    item = office()
    pk = item.pk
    item.delete()
    assert not TranslationStatus.objects.filter(object_id=str(pk), content_type__model="office").exists()


def test_rebuilding_keeps_what_is_out_of_date_and_fills_in_what_was_never_recorded():
    item = office(name_ko="시험", region_ko="지역")
    Office.objects.filter(pk=item.pk).update(summary_en="Changed without a save signal.")
    TranslationStatus.objects.filter(object_id=str(item.pk), content_type__model="office").delete()
    item.refresh_from_db()
    rebuild()
    # The translation was recorded against the English of its last save: out of date, not forgotten.
    assert status(item, "ko").state == OUTDATED


# -- The admin -------------------------------------------------------------------------------------


def test_the_change_form_says_where_each_language_stands(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    html = superuser_client.get(reverse("admin:offices_office_change", args=[item.pk])).content.decode()
    assert "Korean: out of date: Summary" in html
    assert "Russian: missing: Name, Region, Summary" in html
    assert re.search(r'<button[^>]*name="_translation_current"[^>]*value="ko"', html)
    assert 'id="wego-translation-script"' in html
    assert "js/admin-translation" in html and "css/admin-translation" in html


def test_mark_as_up_to_date_from_the_form(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    url = reverse("admin:offices_office_change", args=[item.pk])
    response = superuser_client.post(url, {"_translation_current": "ko"})
    assert response.status_code == 302
    assert status(item, "ko").state == COMPLETE
    item.refresh_from_db()
    assert item.summary_en == "Changed."  # nothing else of the form was saved


def test_mark_as_up_to_date_needs_the_right_to_change(staff_client_factory):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    client = staff_client_factory(is_superuser=False)  # staff, without any permission
    response = client.post(reverse("admin:offices_office_change", args=[item.pk]), {"_translation_current": "ko"})
    assert response.status_code in (302, 403)
    assert status(item, "ko").state == OUTDATED


def test_the_list_action_marks_the_selected_items_up_to_date(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    response = superuser_client.post(
        reverse("admin:offices_office_changelist"), {"action": "mark_ko_current", "_selected_action": [item.pk]}
    )
    assert response.status_code == 302
    assert status(item, "ko").state == COMPLETE


def test_the_list_shows_each_language_in_words_and_filters_by_it(superuser_client, django_assert_max_num_queries):
    item = office(name_ko="시험", region_ko="지역")
    url = reverse("admin:offices_office_changelist")
    with django_assert_max_num_queries(40):
        html = superuser_client.get(url).content.decode()
    row = next(r for r in html.split("<tr") if "Test Regional Office" in r)
    assert "Korean: complete" in row
    assert "Russian: 3 fields missing" in row and "✗ 3" in row
    assert "Korean missing" in html and "Simplified Chinese out of date" in html

    html = superuser_client.get(url, {"translation": "ru:missing"}).content.decode()
    assert "Test Regional Office" in html
    html = superuser_client.get(url, {"translation": "ko:missing"}).content.decode()
    assert "Test Regional Office" not in html
    item.summary_en = "Changed."
    item.save()
    html = superuser_client.get(url, {"translation": "ko:outdated"}).content.decode()
    assert "Test Regional Office" in html
    assert Office.objects.count() > 1
    assert html.count('class="action-checkbox"') == 1  # only the out-of-date one


def test_every_translated_model_admin_shows_where_its_translations_stand():
    from django.contrib import admin

    from core.admin import TranslatedAdmin

    admins = [admin.site.get_model_admin(model) for model in translated_models() if admin.site.is_registered(model)]
    assert len(admins) >= 10
    assert [type(each).__name__ for each in admins if not isinstance(each, TranslatedAdmin)] == []


def test_a_draft_of_changes_leaves_the_state_as_the_saved_rows_have_it(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    url = reverse("admin:offices_office_change", args=[item.pk])
    data = change_form_data(superuser_client.get(url))
    data.update({"summary_en": "Changed in a draft.", "_save_draft": "1"})
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert Draft.of(item).exists()
    assert status(item, "ko").state == COMPLETE


def test_a_translation_saved_in_the_form_becomes_complete(superuser_client):
    item = office(name_ko="시험", region_ko="지역", publication_status=PublicationStatus.DRAFT)
    assert status(item, "ru").state == MISSING
    url = reverse("admin:offices_office_change", args=[item.pk])
    data = change_form_data(superuser_client.get(url))
    data.update({"name_ru": "Тест", "region_ru": "Регион", "summary_ru": "Офис.", "_save_draft": "1"})
    assert superuser_client.post(url, data).status_code == 302
    assert status(item, "ru").state == COMPLETE


# -- The report ------------------------------------------------------------------------------------


def test_the_report_counts_every_language_and_links_to_what_is_left(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    response = superuser_client.get(reverse("admin:core_translationstatus_changelist"))
    assert response.status_code == 200
    languages = {language["code"]: language for language in response.context["languages"]}
    for code in ("ko", "ru", "es", "zh-hans"):
        for state in (COMPLETE, MISSING, OUTDATED):
            expected = TranslationStatus.objects.filter(language=code, state=state).count()
            assert languages[code]["counts"][state] == expected
    assert languages["ko"]["counts"][OUTDATED] >= 1
    html = response.content.decode()
    assert f'href="/admin/offices/office/{item.pk}/change/#translate-ko"' in html
    assert "Korean: out of date: Summary" in html
    left = len(languages["ko"]["items"])
    assert left == TranslationStatus.objects.filter(language="ko").exclude(state=COMPLETE).count()
    assert f"Korean: {left} items left" in html


def test_the_report_is_in_the_index(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Translation report" in html
    assert editor_client.get(reverse("admin:core_translationstatus_changelist")).status_code == 200


# -- Export and import -----------------------------------------------------------------------------


def export(client, language, kind="csv"):
    response = client.get(reverse("admin:core_translationstatus_export"), {"language": language, "format": kind})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response


def test_the_export_lists_what_is_missing_or_out_of_date(superuser_client):
    item = office(name_ko="시험")
    item.summary_en = "Changed."
    item.save()
    rows = csv_rows(export(superuser_client, "ko"))
    assert rows[0][:3] == ["Key", "English version", "Kind of item"]
    mine = {row[0]: row for row in rows[1:] if row[0].startswith(f"offices.office:{item.pk}:")}
    assert set(mine) == {key_of(item, "region", "ko"), key_of(item, "summary", "ko")}
    summary = mine[key_of(item, "summary", "ko")]
    assert summary[1:] == [version_of("Changed."), "Regional Office", "Test Regional Office", "Summary",
                           "Changed.", "시험용 사무소.", ""]  # fmt: skip
    assert rows[1:] == xlsx_rows(export(superuser_client, "ko", "xlsx"))[1:]


def upload_preview(client, rows, language="ko", name="translations.csv"):
    upload = csv_file(rows, name)
    response = client.post(reverse("admin:core_translationstatus_import"), {"language": language, "file": upload})
    assert response.status_code == 200
    return response


def test_export_edit_import_round_trip(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    item.summary_en = "Changed."
    item.save()
    rows = csv_rows(export(superuser_client, "ko"))
    for row in rows[1:]:
        if row[0] == key_of(item, "region", "ko"):
            row[7] = "시험 지역"
        if row[0] == key_of(item, "summary", "ko"):
            row[7] = "바뀐 요약."
    response = upload_preview(superuser_client, rows)
    plan = response.context["plan"]
    assert [row.value for row in plan.changes] == ["시험 지역", "바뀐 요약."]
    assert plan.errors == []
    html = response.content.decode()
    assert "2 changes ready to save" in html and "Will be saved." in html
    item.refresh_from_db()
    assert item.region_ko in ("", None)  # nothing saved before "Apply"

    before = Version.objects.get_for_object(item).count()
    response = superuser_client.post(
        reverse("admin:core_translationstatus_import"), {"payload": response.context["payload"], "_apply": "1"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.region_ko, item.summary_ko) == ("시험 지역", "바뀐 요약.")
    assert item.publication_status == PublicationStatus.DRAFT
    assert status(item, "ko").state == COMPLETE
    versions = Version.objects.get_for_object(item)
    assert versions.count() == before + 2  # how it was, then the import
    assert "Imported the Korean translation of: Region, Summary." in versions.first().revision.comment


def test_an_xlsx_file_is_read_too(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    book = Workbook()
    book.active.append(["Key", "English version", "", "", "", "", "", "New"])
    book.active.append([key_of(item, "region", "ko"), version_of("Test region"), "", "", "", "", "", "지역"])
    content = io.BytesIO()
    book.save(content)
    upload = SimpleUploadedFile("t.xlsx", content.getvalue())
    response = superuser_client.post(reverse("admin:core_translationstatus_import"), {"language": "ko", "file": upload})
    assert [row.value for row in response.context["plan"].changes] == ["지역"]


def line(obj, field, new, language="ko", version=None):
    english = getattr(obj, f"{field}_en")
    return [key_of(obj, field, language), version or version_of(english), "", "", "", english, "", new]


HEADER = ["Key", "English version", "Kind", "Item", "Field", "English", "Current", "New"]


def test_what_the_import_refuses_it_says_why_line_by_line(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    rows = [
        HEADER,
        ["offices.office:999999:summary:ko", "x", "", "", "", "", "", "Nothing there"],
        ["not a key", "", "", "", "", "", "", "Text"],
        line(item, "region", "Регион", language="ru"),
        line(item, "summary", "Old English", version=version_of("What the English said before")),
        line(item, "region", "가" * 101),  # region holds 100 characters
        [key_of(item, "slug", "ko"), version_of(item.slug), "", "", "", "", "", "시험"],  # not translated
        line(item, "summary", ""),  # left blank: nothing happens
        line(item, "region", "지역"),
    ]
    response = upload_preview(superuser_client, rows)
    plan = response.context["plan"]
    errors = {row.line: row.error for row in plan.errors}
    assert errors[2] == "This item no longer exists."
    assert "not one the export makes" in errors[3]
    assert errors[4] == "This line is for Russian, not Korean: import it with Russian chosen."
    assert errors[5] == "The English of this field changed after the file was exported: export again."
    assert "at most 100 characters" in errors[6]
    assert "names nothing that is translated" in errors[7]
    assert 8 not in errors  # blank: left as it is
    assert "appears twice" in errors[9]  # the region's second line
    assert plan.changes == []
    html = response.content.decode()
    assert "Refused:" in html and "Apply the changes" not in html


def test_rich_text_is_sanitised_on_import(superuser_client):
    item = office(name_ko="시험", region_ko="지역", body_en="<p>Body</p>", publication_status=PublicationStatus.DRAFT)
    response = upload_preview(
        superuser_client, [HEADER, line(item, "body", '<p onclick="x()">본문<script>x()</script></p>')]
    )
    change = response.context["plan"].changes[0]
    assert change.value == "<p>본문</p>"
    assert "Formatting that the site does not keep was removed." in change.note


def test_an_item_with_a_draft_of_changes_is_refused(superuser_client):
    item = office(name_ko="시험")
    url = reverse("admin:offices_office_change", args=[item.pk])
    data = change_form_data(superuser_client.get(url))
    data.update({"summary_en": "Changed in a draft.", "_save_draft": "1"})
    superuser_client.post(url, data)
    assert Draft.of(item).exists()
    response = upload_preview(superuser_client, [HEADER, line(item, "region", "지역")])
    assert "unpublished changes waiting in a draft" in response.context["plan"].errors[0].error


def test_an_apply_whose_english_changed_meanwhile_saves_nothing(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    response = upload_preview(superuser_client, [HEADER, line(item, "region", "지역")])
    item.region_en = "A renamed region"
    item.save()
    superuser_client.post(
        reverse("admin:core_translationstatus_import"), {"payload": response.context["payload"], "_apply": "1"}
    )
    item.refresh_from_db()
    assert item.region_ko in ("", None)


def test_a_tampered_payload_is_refused(superuser_client):
    response = superuser_client.post(
        reverse("admin:core_translationstatus_import"), {"payload": "forged", "_apply": "1"}, follow=True
    )
    assert "This import has expired" in response.content.decode()


def test_an_unreadable_file_is_refused_with_a_sentence(superuser_client):
    upload = SimpleUploadedFile("notes.txt", b"hello")
    response = superuser_client.post(reverse("admin:core_translationstatus_import"), {"language": "ko", "file": upload})
    assert "Choose the .xlsx or .csv file that the export made." in response.content.decode()
    upload = SimpleUploadedFile("broken.xlsx", b"not a zip")
    response = superuser_client.post(reverse("admin:core_translationstatus_import"), {"language": "ko", "file": upload})
    assert "This file could not be read" in response.content.decode()


# -- Found in review: who sees what, replays, spreadsheets, limits, costs --------------------------


def member_who_may(django_user_model, *codenames):
    """A logged-in member of staff with only the given permissions (``"offices.view_office"``)."""
    from django.contrib.auth.models import Permission

    from tests.support.admin import logged_in

    user = django_user_model.objects.create_user("translator", password="pw", is_staff=True)
    for name in codenames:
        app_label, codename = name.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return logged_in(user)


def test_the_report_lists_and_counts_only_what_the_member_may_see(django_user_model):
    client = member_who_may(django_user_model, "offices.view_office")
    response = client.get(reverse("admin:core_translationstatus_changelist"))
    assert response.status_code == 200
    languages = {language["code"]: language for language in response.context["languages"]}
    offices = TranslationStatus.objects.filter(content_type__app_label="offices", content_type__model="office")
    assert {item["kind"] for item in languages["ko"]["items"]} == {"Regional Office"}
    for state in (COMPLETE, MISSING, OUTDATED):
        assert languages["ru"]["counts"][state] == offices.filter(language="ru", state=state).count()
    html = response.content.decode()
    assert "Regional Office" in html
    assert Office.objects.count() < sum(languages["ru"]["counts"].values()) + 1


def test_staff_who_may_see_no_translated_model_do_not_get_the_report(staff_client_factory):
    client = staff_client_factory(is_superuser=False)
    assert client.get(reverse("admin:core_translationstatus_changelist")).status_code == 403
    row = TranslationStatus.objects.filter(content_type__model="call").first()
    assert client.get(reverse("admin:core_translationstatus_change", args=[row.pk])).status_code == 403
    assert "Translation report" not in client.get(reverse("admin:index")).content.decode()


def test_a_status_row_page_needs_the_right_to_see_its_item(django_user_model):
    client = member_who_may(django_user_model, "offices.view_office")
    office_row = TranslationStatus.objects.filter(content_type__model="office").first()
    call_row = TranslationStatus.objects.filter(content_type__model="call").first()
    assert client.get(reverse("admin:core_translationstatus_change", args=[office_row.pk])).status_code == 200
    assert client.get(reverse("admin:core_translationstatus_change", args=[call_row.pk])).status_code == 403


def test_the_export_keeps_what_looks_like_a_formula_as_text(superuser_client):
    item = office(summary_en='=HYPERLINK("https://evil.example","Click")', summary_ko="", name_ko="시험")
    rows = csv_rows(export(superuser_client, "ko"))
    summary = next(row for row in rows if row[0] == key_of(item, "summary", "ko"))
    assert summary[5] == '\'=HYPERLINK("https://evil.example","Click")'
    assert summary[1] == version_of(item.summary_en)  # the key and the version stay as they are

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export(superuser_client, "ko", "xlsx").content)).active
    cell = next(line[5] for line in sheet.iter_rows(min_row=2) if line[0].value == key_of(item, "summary", "ko"))
    assert cell.data_type == "s" and cell.value == item.summary_en  # text, not a formula


def test_an_apply_leaves_a_translation_changed_since_the_check(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    response = upload_preview(superuser_client, [HEADER, line(item, "region", "지역")])
    item.region_ko = "동료가 고친 지역"  # a colleague translates it meanwhile
    item.save()
    response = superuser_client.post(
        reverse("admin:core_translationstatus_import"),
        {"payload": response.context["payload"], "_apply": "1"},
        follow=True,
    )
    item.refresh_from_db()
    assert item.region_ko == "동료가 고친 지역"
    assert "1 lines were refused" in response.content.decode()


def test_an_applied_import_cannot_be_applied_again_over_newer_work(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    payload = upload_preview(superuser_client, [HEADER, line(item, "region", "지역")]).context["payload"]
    url = reverse("admin:core_translationstatus_import")
    assert superuser_client.post(url, {"payload": payload, "_apply": "1"}).status_code == 302
    item.refresh_from_db()
    item.region_ko = "더 나은 지역"
    item.save()
    superuser_client.post(url, {"payload": payload, "_apply": "1"})
    item.refresh_from_db()
    assert item.region_ko == "더 나은 지역"


def test_a_checked_import_is_applied_only_by_who_checked_it(superuser_client, staff_client_factory):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    payload = upload_preview(superuser_client, [HEADER, line(item, "region", "지역")]).context["payload"]
    other = staff_client_factory()
    response = other.post(
        reverse("admin:core_translationstatus_import"), {"payload": payload, "_apply": "1"}, follow=True
    )
    assert "This import has expired" in response.content.decode()
    item.refresh_from_db()
    assert item.region_ko in ("", None)


def test_a_file_over_the_size_limit_is_refused_with_a_sentence(superuser_client, monkeypatch):
    from core.translations import exchange

    monkeypatch.setattr(exchange, "MAX_FILE_SIZE", 1000)
    upload = SimpleUploadedFile("big.csv", b"Key,Version\n" + b"x" * 2000)
    response = superuser_client.post(reverse("admin:core_translationstatus_import"), {"language": "ko", "file": upload})
    assert response.status_code == 200
    assert "This file is too large" in response.content.decode()
    assert response.context["plan"] is None


def test_a_workbook_that_unpacks_too_large_is_refused_with_a_sentence(superuser_client, monkeypatch):
    from core.translations import exchange

    monkeypatch.setattr(exchange, "MAX_UNPACKED_SIZE", 100_000)
    book = Workbook()
    for number in range(2000):
        book.active.append([f"offices.office:{number}:summary:ko", "0" * 16, "", "", "", "", "", "가" * 20])
    content = io.BytesIO()
    book.save(content)
    upload = SimpleUploadedFile("many.xlsx", content.getvalue())
    assert upload.size < 100_000  # small as sent, large unpacked
    response = superuser_client.post(reverse("admin:core_translationstatus_import"), {"language": "ko", "file": upload})
    assert response.status_code == 200
    assert "This file is too large" in response.content.decode()


def test_a_file_whose_changes_are_too_many_to_apply_at_once_says_so(superuser_client, settings):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    response = upload_preview(superuser_client, [HEADER, line(item, "region", "지역" * 40)])
    html = response.content.decode()
    assert "too many changes to apply at once" in html
    assert "Apply the changes" not in html


def test_a_rich_text_of_only_non_breaking_spaces_is_blank():
    item = office(name_ko="시험", region_ko="지역", body_en="<p>Text</p>", body_ko="<p>&nbsp;</p>")
    assert status(item, "ko").missing_fields == ["body"]


def test_a_field_no_longer_translated_leaves_the_form_and_report_working(superuser_client):
    item = office(name_ko="시험", region_ko="지역")
    TranslationStatus.objects.filter(content_type__model="office", object_id=str(item.pk), language="ru").update(
        missing_fields=["a_field_since_removed", "summary"]
    )
    response = superuser_client.get(reverse("admin:offices_office_change", args=[item.pk]))
    assert response.status_code == 200
    response = superuser_client.get(reverse("admin:core_translationstatus_changelist"))
    assert response.status_code == 200
    assert "Russian: missing: Summary" in response.content.decode()


def test_the_report_and_the_export_make_no_query_per_inline_row(superuser_client):
    from programs.models import Session, Topic
    from tests.support.queries import count_queries

    report = reverse("admin:core_translationstatus_changelist")
    export_url = reverse("admin:core_translationstatus_export")
    count_queries(superuser_client, report)  # the content types, cached from then on
    before = count_queries(superuser_client, report), count_queries(superuser_client, export_url, {"language": "ko"})
    for session in Session.objects.all()[:3]:
        for number in range(10):
            Topic.objects.create(session=session, name_en=f"Topic {number}", order=100 + number)
    after = count_queries(superuser_client, report), count_queries(superuser_client, export_url, {"language": "ko"})
    assert after == before


def translation_queries(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return [query["sql"] for query in captured if "core_translat" in query["sql"]]


def test_a_save_that_changes_no_translation_state_costs_two_queries():
    item = office(name_ko="시험", region_ko="지역")
    assert len(translation_queries(item.save)) == 2  # the fields' rows and the states, read
    assert translation_queries(lambda: item.save(update_fields=["order"])) == []


def test_the_quote_that_kept_a_formula_as_text_is_not_imported(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    response = upload_preview(superuser_client, [HEADER, line(item, "region", "'-서울 지역")])
    assert [row.value for row in response.context["plan"].changes] == ["-서울 지역"]


def test_a_member_who_may_only_view_is_offered_no_mark_as_up_to_date(django_user_model):
    item = office(name_ko="시험", region_ko="지역")
    item.summary_en = "Changed."
    item.save()
    client = member_who_may(django_user_model, "offices.view_office")
    html = client.get(reverse("admin:offices_office_change", args=[item.pk])).content.decode()
    assert "Korean: out of date: Summary" in html
    assert 'name="_translation_current"' not in html
    assert 'id="wego-translation-current"' not in html


def test_a_key_in_no_language_of_the_site_is_not_one_the_export_makes(superuser_client):
    item = office(name_ko="시험", publication_status=PublicationStatus.DRAFT)
    version = version_of(item.region_en)
    rows = [
        HEADER,
        [f"offices.office:{item.pk}:region:xx", version, "", "", "", "", "", "지역"],
        [f"offices.office:{item.pk}:region:", version, "", "", "", "", "", "지역"],
    ]
    errors = [row.error for row in upload_preview(superuser_client, rows).context["plan"].errors]
    assert len(errors) == 2 and all("not one the export makes" in error for error in errors)

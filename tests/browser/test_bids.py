"""A bid's whole journey, in English and in Korean: the call, the expression of interest, the private
link from the e-mail, uploads (one refused with its reason), a submission refused after the deadline
and one accepted before it, the Secretariat's review with scores and decision, and the city seeing it."""

import re
from datetime import timedelta

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from bids.models import Bid, BidStatus, Criterion
from tests.support.bids import EXE_BYTES, PDF_BYTES, add_checklist, add_questions, make_call
from tests.support.browser import log_in, staff_member
from tests.support.tasks import run_queued_tasks

LINK = re.compile(r"https?://[^/\s]+(/(?:ko/)?bids/space/[^/\s]+/)")


@pytest.fixture
def quick_forms(settings):
    # The minimum fill time keeps scripts out; a test types faster than a person.
    settings.CONTACT_MIN_FILL_SECONDS = 0


@pytest.fixture
def call(site_url, settings):
    settings.SITE_URL = site_url
    call = make_call(
        title="Regional Office for Southeast Asia",
        slug="southeast-asia",
        bid_deadline=timezone.now() + timedelta(days=10),
    )
    add_checklist(call, "Letter of intent signed by the mayor")
    add_questions(call, "Which premises do you propose?")
    Criterion.objects.create(call=call, name="Commitment of the city", weight=2)
    Criterion.objects.create(call=call, name="Premises", weight=1)
    return call


def express_interest(page, site_url, prefix, city, email):
    page.goto(f"{site_url}{prefix}/bids/southeast-asia/")
    page.locator("a.button[href$='/bids/southeast-asia/interest/']").first.click()
    page.fill("#id_city", city)
    page.fill("#id_country", "Malaysia" if city == "Kuala Lumpur" else "Viet Nam")
    page.fill("#id_contact_name", "Ana Lim")
    page.fill("#id_contact_role", "Director of International Relations")
    page.fill("#id_email", email)
    page.check("input[name=is_member][value=yes]")
    page.locator("form.contact-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{prefix}/bids/sent/"))
    run_queued_tasks()
    [link_email] = [message for message in mail.outbox if message.to == [email]]
    return LINK.search(link_email.body)[1], link_email


def upload(page, path_name, content, name="file.pdf"):
    item = page.locator("article.bid-space__item").first
    item.locator("input[type=file]").set_input_files(
        {"name": path_name, "mimeType": "application/pdf", "buffer": content}
    )
    item.locator("button[type=submit]").click()


def test_a_city_bids_and_the_secretariat_decides(page, site_url, call, quick_forms, django_user_model):
    # -- English: a city expresses interest and opens its space from the e-mail --------------------------
    path, link_email = express_interest(page, site_url, "", "Kuala Lumpur", "kl@example.org")
    assert "Regional Office for Southeast Asia" in link_email.subject
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regional Office for Southeast Asia")
    expect(page.locator("#status")).to_contain_text("In preparation")
    expect(page.locator("#missing")).to_contain_text("Letter of intent signed by the mayor")
    Axe().run(page).violations_count == 0 or pytest.fail(Axe().run(page).generate_report())

    # A program renamed as a PDF is refused, with the reason beside the item.
    upload(page, "letter.pdf", EXE_BYTES)
    expect(page.locator("article.bid-space__item").first).to_contain_text("does not match its extension")
    upload(page, "letter.pdf", PDF_BYTES)
    expect(page.locator("article.bid-space__item").first).to_contain_text("letter.pdf")
    page.get_by_label("Which premises do you propose?").fill("Two floors of the city's innovation centre.")
    page.get_by_role("button", name="Save all answers").click()
    expect(page.locator("#missing")).to_contain_text("Nothing: every required document and answer is here.")
    page.get_by_role("button", name="Submit the bid").click()
    expect(page.locator("#status")).to_contain_text("Submitted")
    expect(page.get_by_role("button", name="Submit the bid")).to_have_count(0)
    run_queued_tasks()
    assert any("submitted" in message.subject and "Kuala Lumpur" in message.subject for message in mail.outbox)

    # -- Korean: another city, refused after the deadline (frozen clock), nothing lost ---------------------
    path_ko, link_email_ko = express_interest(page, site_url, "/ko", "Da Nang", "danang@example.org")
    with translation.override("ko"):
        assert translation.gettext("Your bid space for “%(call)s”").split("“")[0] in link_email_ko.subject
        refused = translation.gettext(
            "The deadline for bids passed on %(date)s: the bid can no longer be changed or submitted."
        ).split("%(date)s")[0]
    assert path_ko.startswith("/ko/bids/space/"), "the link opens the space in the city's language"
    page.goto(site_url + path_ko)
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    upload(page, "letter.pdf", PDF_BYTES)
    page.locator("#questions textarea").fill("시청 별관 두 개 층")
    page.locator("#questions button[type=submit]").click()
    with time_machine.travel(call.bid_deadline + timedelta(minutes=1)):
        page.locator("#submit button[type=submit]").click()
        expect(page.locator("#refusal")).to_contain_text(refused.strip())
    danang = Bid.objects.get(city="Da Nang")
    assert danang.status == BidStatus.PREPARING
    assert danang.answers.get().text == "시청 별관 두 개 층", "nothing typed is lost"
    assert danang.documents.count() == 1

    # -- The Secretariat reviews, scores and decides ---------------------------------------------------
    kuala_lumpur = Bid.objects.get(city="Kuala Lumpur")
    staff_member(django_user_model, "reviewer")
    log_in(page, site_url, "reviewer", f"/admin/bids/bid/{kuala_lumpur.pk}/change/")
    expect(page.locator("#content")).to_contain_text("Which premises do you propose?")
    expect(page.locator("#content")).to_contain_text("letter.pdf")
    for index in range(2):
        page.fill(f"input[name='scores-{index}-score']", "8" if index == 0 else "5")
    page.select_option("select[name=move_to]", BidStatus.SELECTED)
    page.fill("textarea[name=message_to_city]", "The Executive Committee selected Kuala Lumpur.")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    kuala_lumpur.refresh_from_db()
    assert kuala_lumpur.status == BidStatus.SELECTED
    assert kuala_lumpur.weighted_score() == 7.0
    page.goto(f"{site_url}/admin/bids/call/{call.pk}/compare/")
    expect(page.locator("#content")).to_contain_text("Kuala Lumpur")
    expect(page.locator("#content")).to_contain_text("7")

    # -- The city sees the outcome, by e-mail and in its space -----------------------------------------
    mail.outbox.clear()
    run_queued_tasks()
    [decision] = mail.outbox
    assert decision.to == ["kl@example.org"] and "Selected" in decision.subject
    page.goto(site_url + path)
    expect(page.locator("#status")).to_contain_text("Selected")
    expect(page.locator("#timeline")).to_contain_text("The Executive Committee selected Kuala Lumpur.")

"""A member of staff switches the back office to Korean from the user tools, and reads the index in
Korean; the public site stays as it was."""

from playwright.sync_api import expect

from accounts.models import StaffPreferences
from core.roles import EDITORS
from tests.support.browser import log_in, staff_member


def test_staff_switch_the_admin_to_korean_from_the_user_tools(page, site_url, django_user_model):
    editor = staff_member(django_user_model, "mina", role=EDITORS)
    log_in(page, site_url, "mina", "/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="Language: English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Language of the back office")
    page.get_by_label("한국어").check()
    page.get_by_role("button", name="Save").click()

    # Back on the index, in Korean: Django's chrome, and the sections and models named in Korean.
    page.wait_for_url(site_url + "/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()
    captions = page.locator("#content-main caption").all_inner_texts()
    assert "지역사무소" in captions and "Regional Offices" not in captions
    # The offices themselves come first in their section, under their Korean name.
    expect(page.locator("#content-main .app-offices th[scope=row]").first).to_have_text("지역사무소")
    assert StaffPreferences.objects.get(user=editor).admin_language == "ko"

    # The public site keeps its own languages: the root is English.
    page.goto(site_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

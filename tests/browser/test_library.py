"""Staff set an image's focal point by clicking it in the admin; the crops in the admin and on the public
page follow (the rendition's pixels are read back from its address)."""

from django.db import transaction
from playwright.sync_api import expect

from offices.models import Office
from tests.support.browser import log_in, staff_member
from tests.support.images import BLUE, RED, colour_at, halves_png, is_close, make_image


def _fetch(request, url):
    response = request.get(url)
    assert response.status == 200, url
    return response.body()


def test_clicking_the_image_moves_its_focal_point_and_every_crop_follows(page, site_url, django_user_model, browser):
    with transaction.atomic():
        # Left half red, right half blue: a square crop around the middle shows both.
        image = make_image(halves_png(800, 400), title="Two colours", alt_en="Red and blue")
        Office.objects.filter(slug="asia-chengdu").update(photo=image)
    office_url = site_url + Office.objects.get(slug="asia-chengdu").get_absolute_url()
    visitor = browser.new_context()

    staff_member(django_user_model, "editor", role="Editors")  # the role that edits content
    log_in(page, site_url, "editor", f"/admin/library/image/{image.pk}/change/")
    expect(page.locator("h1")).to_contain_text("Change image")
    portrait = page.locator(".library-crops__crop[data-spec='portrait'] img")
    before = portrait.get_attribute("src")
    square = _fetch(page.context.request, site_url + before)
    assert is_close(colour_at(square, 20, 96), RED) and is_close(colour_at(square, 172, 96), BLUE)

    expect(page.locator(".focal-point[data-ready]")).to_be_visible()  # its script has set it up
    picture = page.locator(".focal-point img")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.1, "y": box["height"] * 0.5})
    expect(page.locator("#id_focal_x")).to_have_value("0.1")
    expect(page.locator("#id_focal_y")).to_have_value("0.5")
    page.locator(".focal-point").press("ArrowRight")  # the keyboard moves it too, a hundredth at a time
    expect(page.locator("#id_focal_x")).to_have_value("0.11")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The admin's preview: a new address, cut from the red side.
    after = portrait.get_attribute("src")
    assert after != before
    square = _fetch(page.context.request, site_url + after)
    assert is_close(colour_at(square, 20, 96), RED) and is_close(colour_at(square, 172, 96), RED)

    # The public page's photo, fetched as a visitor: the crop keeps the left of the picture.
    page.goto(office_url)
    photo = page.locator(".office-photo img")
    expect(photo).to_have_attribute("alt", "Red and blue")
    detail = _fetch(visitor.request, site_url + photo.get_attribute("src"))
    assert is_close(colour_at(detail, 720, 375), RED)  # was blue with the focal point in the middle
    # Nothing left loading when the live server stops.
    page.wait_for_load_state("networkidle")
    visitor.close()


def test_the_arrow_keys_move_the_focal_point_from_an_edge(page, site_url, django_user_model):
    with transaction.atomic():
        image = make_image(halves_png(800, 400), title="At the edge", focal_x=0, focal_y=0)
    staff_member(django_user_model, "editor", role="Editors")
    log_in(page, site_url, "editor", f"/admin/library/image/{image.pk}/change/")
    expect(page.locator(".focal-point[data-ready]")).to_be_visible()  # its script has set it up
    page.locator(".focal-point").press("ArrowRight")
    expect(page.locator("#id_focal_x")).to_have_value("0.01")  # not 0.51: 0 is a focal point, not "unset"
    expect(page.locator("#id_focal_y")).to_have_value("0")

"""Every publishable list of the back office shows all its columns at 1366 pixels, the status beside
the name: none is pushed off-screen."""

from django.contrib import admin
from django.urls import reverse

from core.publishing import Publishable
from tests.support.browser import log_in, staff_member


def test_no_column_of_a_publishable_list_is_off_screen_at_1366_pixels(browser, site_url, django_user_model):
    staff_member(django_user_model, "kim")
    lists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if issubclass(model, Publishable)
    ]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    page = context.new_page()
    log_in(page, site_url, "kim", lists[0])
    pushed = {}
    for path in lists:
        page.goto(site_url + path)
        edges = page.locator("#result_list thead th").evaluate_all(
            "cells => cells.map(cell => [cell.textContent.trim(), cell.getBoundingClientRect().right])"
        )
        assert edges, path
        width = page.evaluate("document.documentElement.clientWidth")
        off_screen = [name for name, right in edges if right > width]
        if off_screen:
            pushed[path] = off_screen
    context.close()
    assert not pushed, pushed

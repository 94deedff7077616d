"""Every public page is valid HTML by the W3C Nu checker."""

import pytest

from tests.html import validate_html
from tests.test_site import sitemap_paths

pytestmark = pytest.mark.django_db


def test_every_public_page_is_valid_html(client):
    documents = {path: client.get(path).content.decode() for path in sitemap_paths(client)}
    documents["404"] = client.get("/no-such-page/").content.decode()
    assert len(documents) >= 7
    assert validate_html(documents) == []


def test_the_checker_finds_errors():
    errors = validate_html({"broken": "<!DOCTYPE html><html lang=en><head><title>x</title></head><body><p><div></p>"})
    assert errors and "broken" in errors[0]

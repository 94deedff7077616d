"""The sitemap's pages, as paths."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

LANGUAGE_CODES = {"ko", "ru", "es", "zh-hans"}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    """Every path the sitemap lists, in its order, fetched now (so after a test's own changes)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def language_of(path):
    """The language a path is in: its prefix, or English, which has none."""
    prefix = path.split("/")[1]
    return prefix if prefix in LANGUAGE_CODES else "en"


def english(paths):
    return [path for path in paths if language_of(path) == "en"]


def one_page_of_each_kind(paths):
    """``{view name: path}``: the first English page of each view among ``paths``."""
    from django.urls import resolve

    pages = {}
    for path in english(paths):
        pages.setdefault(resolve(path).view_name, path)
    return pages

"""Every kind of public page makes the same small number of queries with ten times the content."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from tests.test_site import english_sitemap_paths

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def one_page_of_each_kind(client):
    pages = {}
    for path in english_sitemap_paths(client):
        pages.setdefault(resolve(path).view_name, path)
    pages["search"] = "/search/?q=Seoul"
    return pages


def queries(client, path):
    client.get(path)  # warm per-process caches (templates, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_query_counts_do_not_grow_with_ten_times_the_content(client):
    pages = one_page_of_each_kind(client)
    assert len(pages) >= 10
    before = {kind: queries(client, path) for kind, path in pages.items()}
    call_command("generate_bench_data", scale=10, verbosity=0)
    after = {kind: queries(client, path) for kind, path in pages.items()}
    assert after == before
    assert max(after.values()) <= MAX_QUERIES, after

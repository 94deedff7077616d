"""Every kind of public page makes the same small number of queries with ten times the content."""

import pytest

from tests.support.queries import count_queries
from tests.support.sitemap import one_page_of_each_kind
from tools.bench_data import grow

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def queries(client, path):
    client.get(path)  # warm per-process caches (templates, content types)
    return count_queries(client, path)


def test_query_counts_do_not_grow_with_ten_times_the_content(client, sitemap_pages):
    pages = one_page_of_each_kind(sitemap_pages) | {"search": "/search/?q=Seoul"}
    assert len(pages) >= 10
    before = {kind: queries(client, path) for kind, path in pages.items()}
    grow(scale=10)
    after = {kind: queries(client, path) for kind, path in pages.items()}
    assert after == before
    assert max(after.values()) <= MAX_QUERIES, after

"""Looking into the page cache's own store, as another worker would read it."""

import fnmatch
import gzip
import pickle

from django.core.cache import caches
from django.http import HttpResponse


def stored_pages():
    """Every (version, response) the ``pages`` cache holds, unpickled from the raw stored bytes."""
    cache = caches["pages"]
    pattern = cache.make_key("pagecache:*")
    if isinstance(getattr(cache, "_cache", None), dict):  # local memory: pickles in a dictionary
        raw = [data for key, data in cache._cache.items() if fnmatch.fnmatchcase(key, pattern)]
    else:  # Redis: this test run's own database
        client = cache._cache.get_client(write=False)
        raw = [client.get(key) for key in client.scan_iter(match=pattern)]
    entries = [pickle.loads(data) for data in raw]  # noqa: S301 - written by this test's own cache
    assert all(isinstance(response, HttpResponse) for _version, response in entries)
    return entries


def body(response):
    """The HTML of a response, unzipped if it was sent compressed."""
    content = response.content
    return (gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content).decode()

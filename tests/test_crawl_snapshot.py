"""The seeded site as a visitor and an editor see it, compared with a stored crawl.

Every page of the sitemap (in every language), the pages outside it (search, feeds, calendars,
robots, the 404 page) and every admin screen of every model (list, add, change of the first row)
are fetched, and their status and HTML compared with ``tests/snapshots/crawl-<database>.json.gz``
(search ranks somewhat differently on PostgreSQL and SQLite, so each has its own). A change of
structure must leave all of it as it was. When a change of what the site shows is intended, write
the crawls anew and commit them with that change:

    UPDATE_CRAWL=1 .venv/bin/pytest tests/test_crawl_snapshot.py
    UPDATE_CRAWL=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/wego .venv/bin/pytest tests/test_crawl_snapshot.py
"""

import datetime
import difflib
import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
EXTRA_PUBLIC = [
    "/no-such-page/",
    "/search/?q=seoul",
    "/search/?q=office&kind=office",
    "/ko/search/?q=%EC%84%9C%EC%9A%B8",
    "/feeds/sessions.atom",
    "/programmes/calendar.ics",
    "/robots.txt",
    "/opensearch.xml",
    "/sitemap.xml",
]
# Values that differ on every request or run, not between versions of the code.
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value="…"'),
    (re.compile(r'name="started" value="[^"]+"'), 'name="started" value="…"'),
    (re.compile(r"DTSTAMP:\S+"), "DTSTAMP:…"),
    (re.compile(r"<updated>[^<]+</updated>"), "<updated>…</updated>"),
    (re.compile(r"(/admin/[a-z_]+/[a-z_]+/)\d+/"), r"\1N/"),
]
# What the admin writes from database ids and app labels, which a move of a model between apps
# changes without changing the screen: content type ids, the app's class on <body>, and the
# permission lists of users and groups (ordered by app label; test_roles checks what they hold).
ADMIN_VOLATILE = [
    (re.compile(r'data-admin-utc-offset="[^"]*"'), ""),
    (re.compile(r"/admin/r/\d+/"), "/admin/r/CT/"),
    (re.compile(r'<body class=" app-[a-z_]+ '), '<body class=" app-~ '),
    # Row ids of users made by the crawl itself: PostgreSQL does not roll its sequences back.
    (re.compile(r'name="_selected_action" value="\d+"'), 'name="_selected_action" value="N"'),
    (re.compile(r'\n *<option value="\d+"( selected)?>[^<|]+ \| [^<|]+ \| [^<]+</option>\n'), "\n"),
]


def normalise(text):
    for pattern, replacement in VOLATILE + ADMIN_VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def public_paths(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    paths = [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    return [*paths, *EXTRA_PUBLIC]


def admin_paths():
    paths = [reverse("admin:index")]
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label_lower):
        opts = model._meta
        info = (opts.app_label, opts.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        paths.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return paths


def crawl(client, admin_client):
    pages = {}
    for path in public_paths(client):
        response = client.get(path)
        pages[path] = [response.status_code, normalise(response.content.decode())]
    for path in admin_paths():
        response = admin_client.get(path)
        # Keyed without the app label (a move between apps may change it) and the row's id.
        key = re.sub(r"/\d+/change/$", "/first/change/", re.sub(r"^/admin/[a-z_]+/", "/admin/~/", path))
        pages[f"admin:{key}"] = [
            response.status_code,
            re.sub(r"/admin/[a-z_]+/", "/admin/~/", normalise(response.content.decode())),
        ]
    return pages


# Pages show what is upcoming and the admin shows today's date: the crawl happens at one instant.
CRAWL_TIME = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)


def test_the_site_is_as_the_stored_crawl(client, django_user_model, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with time_machine.travel(CRAWL_TIME, tick=False):
        # No password: its hash would differ on every run.
        user = django_user_model.objects.create_superuser("crawler", "crawler@example.org", None)
        staff = Client()
        staff.force_login(user)
        pages = crawl(client, staff)
    snapshot = SNAPSHOTS / f"crawl-{connection.vendor}.json.gz"
    if os.environ.get("UPDATE_CRAWL"):
        snapshot.write_bytes(gzip.compress(json.dumps(pages, indent=0, sort_keys=True).encode(), mtime=0))
        pytest.skip("crawl written")
    stored = json.loads(gzip.decompress(snapshot.read_bytes()))
    assert sorted(pages) == sorted(stored), "the crawl reaches other pages than the stored one"
    changed = []
    for path, (status, html) in stored.items():
        new_status, new_html = pages[path]
        if (status, html) != (new_status, new_html):
            diff = difflib.unified_diff(html.splitlines(), new_html.splitlines(), lineterm="", n=1)
            changed.append(f"{path}: {status} -> {new_status}\n" + "\n".join(list(diff)[:40]))
    names = ", ".join(entry.split(": ")[0] for entry in changed)
    assert not changed, "\n\n".join(changed[:5]) + f"\n\n{len(changed)} pages differ: {names}"

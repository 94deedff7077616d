"""Fixtures every test may use: the seed content, English, an empty cache, staff clients by role, and
the sitemap's pages fetched once per test process. Helpers live in ``tests/support/``."""

import fcntl
import json
import subprocess
from pathlib import Path
from types import MappingProxyType

import pytest
from django.core.management import call_command

from tests.support.admin import logged_in
from tests.support.sitemap import sitemap_paths

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session):
    """Compile the catalogues when a .po is newer than its .mo (make does it too; this is for plain pytest)."""
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the seed content, as a visitor of a fresh `make run` would see it."""
    with django_db_blocker.unblock():
        call_command("load_site_content", verbosity=0)


@pytest.fixture(autouse=True)
def _english():
    """A request to /ru/... leaves Russian active in this thread; every test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clear_cache():
    """The cache is shared state: rate limits and cached pages must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def sitemap_pages(django_db_setup, django_db_blocker, tmp_path_factory, worker_id):
    """``{path: (status, html)}`` of every page the sitemap lists, as the seed content shows them.

    Fetched once per run, for the tests that walk every page and change no data: a test that changes
    rows fetches its pages itself. Session-scoped, so outside any test's transaction: it sees the
    committed seed content and nothing a test adds. Mark its users ``django_db``, as for any test that
    reads the database: pytest-django creates the test database only when a collected test asks.

    With several pytest-xdist workers, the first to ask crawls and writes the pages to a file beside
    the workers' temporary folders; the others wait for it and read it. Each worker's database holds
    the same seed content, so the pages are the same.
    """
    if worker_id == "master":  # one process: nobody to share with
        return MappingProxyType(_crawl_sitemap(django_db_blocker))
    # The workers' temporary folders are in one folder of this run, not shared with any other run.
    shared = tmp_path_factory.getbasetemp().parent / "sitemap-pages.json"
    with open(shared.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if shared.exists():
            pages = json.loads(shared.read_text())
        else:
            pages = _crawl_sitemap(django_db_blocker)
            shared.write_text(json.dumps(pages))
    return MappingProxyType({path: tuple(page) for path, page in pages.items()})


def _crawl_sitemap(django_db_blocker):
    from django.core.cache import cache
    from django.test import Client
    from django.utils import translation

    visitor = Client()
    cache.clear()
    with django_db_blocker.unblock():
        responses = {path: visitor.get(path) for path in sitemap_paths(visitor)}
    cache.clear()
    translation.activate("en")
    return {path: (response.status_code, response.content.decode()) for path, response in responses.items()}


@pytest.fixture
def staff_client_factory(django_user_model):
    """Makes a separate logged-in client (a superuser unless ``flags`` say otherwise), so a test can
    compare it with the anonymous ``client``."""

    def make(**flags):
        flags = {"is_staff": True, "is_superuser": True, **flags}
        user = django_user_model.objects.create_user(
            f"staff{django_user_model.objects.count()}", password="pw", **flags
        )
        return logged_in(user)

    return make


def _member_of(group_name, django_user_model, username):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return logged_in(user)


@pytest.fixture
def superuser_client(staff_client_factory):
    """Staff with every permission."""
    return staff_client_factory()


@pytest.fixture
def editor_client(django_user_model):
    """A member of the Editors role (core/roles.py): edits content and reads messages."""
    from core.roles import EDITORS

    return _member_of(EDITORS, django_user_model, "role-editor")


@pytest.fixture
def secretariat_admin_client(django_user_model):
    """A member of the Secretariat admins role (core/roles.py): also manages staff accounts."""
    from core.roles import SECRETARIAT_ADMINS

    return _member_of(SECRETARIAT_ADMINS, django_user_model, "role-secretariat-admin")

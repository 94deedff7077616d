import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture
def staff_client_factory(django_user_model):
    """Makes a separate logged-in client, so a test can compare it with the anonymous ``client``."""

    def make(**flags):
        from django.test import Client

        flags = {"is_staff": True, "is_superuser": True, **flags}
        user = django_user_model.objects.create_user(
            f"staff{django_user_model.objects.count()}", password="pw", **flags
        )
        staff = Client()
        staff.force_login(user)
        return staff

    return make

"""The two-command set-up: seed content loads idempotently, migrations match the models."""

import pytest
from django.apps import apps
from django.core.management import call_command


@pytest.mark.django_db
def test_loading_the_seed_content_twice_adds_nothing():
    models = [
        m for m in apps.get_models() if m._meta.app_label in {"pages", "offices", "programs", "testimonials", "contact"}
    ]
    before = {m: m.objects.count() for m in models}
    call_command("load_site_content", verbosity=0)
    after = {m: m.objects.count() for m in models}
    assert before == after
    assert sum(after.values()) > 0


@pytest.mark.django_db
def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)

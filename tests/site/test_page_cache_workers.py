"""`make run` as a visitor meets it: gunicorn with two workers on the embedded default (SQLite, no
CACHE_URL). An edit is seen by every anonymous request at once, whichever worker answers."""

import concurrent.futures
import os
import secrets
import subprocess
import sys
import urllib.request

from tools.benchmark import ROOT, Server, manage

EDITED = "A summary the Secretariat wrote a moment ago."


def local_env(workdir):
    """The local settings on a database of the test's own, with nothing of the test run's caches."""
    skip = ("DJANGO_", "PYTEST", "CACHE_URL", "PAGE_CACHE_URL", "TEST_CACHE_URL", "DATABASE_URL")
    env = {name: value for name, value in os.environ.items() if not name.startswith(skip)}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "wego_site.settings.local",
            "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "PAGE_CACHE_DEBUG_HEADER": "on",
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_MAX_REQUESTS": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def fetch(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.headers.get("X-Page-Cache"), response.read().decode()


def fetch_many(url, count):
    """``count`` requests, eight at a time, so that both workers answer some."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch, [url] * count))


def test_an_edit_is_seen_by_every_anonymous_request_on_two_workers(tmp_path):
    env = local_env(tmp_path)
    # Only this test's set-up: other apps' system checks are for `manage.py check`.
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_site_content", "-v0", "--skip-checks")
    manage(env, "collectstatic", "--noinput", "-v0", "--skip-checks")
    server = Server(env, workers=2)
    try:
        url = server.url + "/offices/"
        before = fetch_many(url, 40)
        assert {status for status, _state, _html in before} == {200}
        assert "hit" in {state for _status, state, _html in before}, "the page cache is on"
        assert not [html for _status, _state, html in before if EDITED in html]

        # The edit, through the model's save(), from a process that is neither worker.
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from offices.models import Office\n"
                "office = Office.objects.get(slug='east-asia')\n"
                f"office.summary = {EDITED!r}\n"
                "office.save()\n",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

        after = fetch_many(url, 20)
        assert [status for status, _state, _html in after] == [200] * 20
        assert sum(EDITED in html for _status, _state, html in after) == 20
        # ...and the cache is still used after the edit.
        assert "hit" in {state for _status, state, _html in fetch_many(url, 10)}
    finally:
        server.stop()
    # The embedded default's caches: files beside the database, which is how the workers share them.
    assert list((tmp_path / "db.sqlite3-cache" / "shared").iterdir())
    assert list((tmp_path / "db.sqlite3-cache" / "pages").iterdir())

"""Local defaults: what ``manage.py`` and ``make run`` use when nothing is set.

DEBUG stays off so the site looks as visitors see it. The secret key is generated once into the
git-ignored ``var/`` folder, so sessions survive restarts without anyone choosing a secret.
"""

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import VAR_DIR, env


def _local_secret_key():
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)

"""gunicorn settings, read from the environment (see .env.example)."""

import multiprocessing
import os
from pathlib import Path

import environ

# A .env file beside this one, as manage.py and the settings read it: real variables win.
environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Empty turns the access log off (the benchmark does, so logging does not skew it).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# The access log writes the secrets of private links (a city's bid space) as "[redacted]".
logger_class = "core.logs.RedactingGunicornLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "wego_site.wsgi:application"

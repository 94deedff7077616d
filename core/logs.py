"""Keep the secrets of private links out of the logs.

A private link carries its secret in the path (a city's bid space: ``/bids/space/<secret>/``), and
both Django's request log ("Bad Request: /bids/space/…") and gunicorn's access log write paths. The
patterns of ``LOG_REDACTED_PATHS`` (settings) name such paths with one group, the secret, which is
replaced by "[redacted]" in every log line: the console handler's filter does it for Django's logs,
and ``gunicorn.conf.py`` uses ``RedactingGunicornLogger`` for the access log.
"""

import logging
import re
from functools import cache

from django.conf import settings

REDACTED = "[redacted]"


@cache
def _patterns():
    return [re.compile(pattern) for pattern in getattr(settings, "LOG_REDACTED_PATHS", ())]


def redact(text):
    """``text`` with the secret of each private path replaced."""
    if not isinstance(text, str):
        return text
    for pattern in _patterns():
        text = pattern.sub(lambda match: match.group(0).replace(match.group(1), REDACTED), text)
    return text


class RedactPrivatePaths(logging.Filter):
    """A logging filter: the record's message and string arguments, redacted."""

    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        return True


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is only on servers that run it
    _GunicornLogger = None

if _GunicornLogger is not None:

    class RedactingGunicornLogger(_GunicornLogger):
        """gunicorn's logger, whose access log writes private paths redacted (request line, path, referrer)."""

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            for key in ("r", "U", "f", "{referer}i"):
                if key in atoms:
                    atoms[key] = redact(atoms[key])
            return atoms

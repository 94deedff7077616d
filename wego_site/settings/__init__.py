"""Settings modules.

- ``base``: everything shared, read from the environment.
- ``local``: the default for ``manage.py`` and ``make run``: DEBUG off, a secret kept in ``var/``.
- ``dev``: ``local`` with DEBUG on, for ``make dev``.
- ``production``: for deployment; refuses to start without its secrets.
- ``test``: for the test suite.
"""

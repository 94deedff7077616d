"""Work outside the request (e-mails, reminders) on the task queue, tried again when it fails.

The queue is django-tasks (the backport of Django 6's tasks framework) with its database backend: a
task enqueued inside a transaction is stored with the rows it is about, or not at all, and
``manage.py db_worker`` runs it. Each run is a row the admin lists under "Task results", failures with
their traceback.

The framework itself does not try a task again. ``retry_on_failure`` does: a task that fails enqueues
its next attempt, later each time, until ``TASK_ATTEMPTS`` is spent, and then stays failed::

    @task()
    def send_reminder(bid_pk, attempt=1):
        with retry_on_failure(send_reminder, bid_pk, attempt=attempt):
            ...
"""

import contextlib
import datetime

from django.conf import settings
from django.utils import timezone

# Minutes before each new attempt: 1, 5, 30, 120, 720, then 720 again.
RETRY_MINUTES = [1, 5, 30, 120, 720]


def retry_delay(attempt):
    """How long to wait before attempt number ``attempt + 1``."""
    return datetime.timedelta(minutes=RETRY_MINUTES[min(attempt, len(RETRY_MINUTES)) - 1])


@contextlib.contextmanager
def retry_on_failure(task, *args, attempt=1, **kwargs):
    """Run the block; when it raises, enqueue ``task(*args, attempt=attempt + 1, **kwargs)`` for later
    (while attempts remain) and let the error through, so this run is recorded as failed."""
    try:
        yield
    except Exception:
        if attempt < settings.TASK_ATTEMPTS:
            task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(*args, attempt=attempt + 1, **kwargs)
        raise

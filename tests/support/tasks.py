"""Run what the task queue holds, in the test's own transaction (the worker command would close it)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks(limit=100):
    """Run every task that is due now (by the frozen clock, if any), tasks they enqueue included.

    Returns the results run, oldest first, so a test can assert on their status."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = []
    for _ in range(limit):
        result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if result is None:
            return ran
        result.claim(worker.worker_id)
        worker.run_task(result)
        result.refresh_from_db()
        ran.append(result)
    raise AssertionError(f"More than {limit} tasks ran: one of them probably enqueues itself forever.")


def queued_task_names():
    """The paths of the tasks waiting, due or not ("contact.tasks.deliver_message")."""
    return list(DBTaskResult.objects.filter(status="READY").values_list("task_path", flat=True))

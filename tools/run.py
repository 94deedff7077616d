"""Run the site's processes side by side as one command (`make run`, `make dev`): the web server and
the task worker. When one stops, or on Ctrl-C, all stop.

    python -m tools.run "python manage.py db_worker" "gunicorn -c gunicorn.conf.py"

Each command gets a process group of its own, and a stop signals the whole group: runserver's and
db_worker's autoreloaders keep a child process that would otherwise outlive its parent.
"""

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time

# Seconds each process gets to finish what it is doing (a request, a task) before it is killed.
GRACE_SECONDS = 35


def signal_group(process, signum):
    with contextlib.suppress(ProcessLookupError):  # the group is empty already
        os.killpg(process.pid, signum)


def stop(processes):
    """Ask each command to stop (gunicorn then stops its own workers), then end what its group still
    holds (an autoreloader's child); kill what is left after the grace period."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
            process.wait()
        signal_group(process, signal.SIGTERM)


def run(commands):
    """Start every command; return the exit status of the first one to stop, once all have stopped."""
    processes = []
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    # Ctrl-C reaches this process only (the commands sit in process groups of their own): pass it on.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        for command in commands:
            processes.append(subprocess.Popen(shlex.split(command), start_new_session=True))
        while not stopping:
            finished = [process for process in processes if process.poll() is not None]
            if finished:
                returncode = finished[0].returncode
                command = commands[processes.index(finished[0])]
                print(f"'{command}' stopped (status {returncode}): stopping the others.", file=sys.stderr)
                status = 128 - returncode if returncode < 0 else returncode  # killed by a signal: 128 + its number
                break
            time.sleep(0.2)
        else:
            status = 128 + stopping[0]
    finally:
        stop(processes)
    return status


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(run(sys.argv[1:]))

"""Load and fault tests of the message desk against gunicorn and PostgreSQL, on loopback only.

    PG_URL=postgres://postgres@127.0.0.1:5432/wego_load python tools/faults.py             # make loadtest
    PG_URL=postgres://postgres@127.0.0.1:5432/wego_load python tools/faults.py --count 60  # fewer submissions

PG_URL names the database the harness uses: it is dropped and created anew for every scenario (a copy
of "<name>_template", migrated and seeded once), and both are dropped at the end, so it must be one
of its own.

Scenarios, each with a fresh database and server:
1. N contact-form submissions from concurrent clients: every accepted one is stored exactly once.
2. The same with the mail server refusing connections: still stored, marked not notified (the task
   worker runs after the load, as it runs beside the site in production).
3. A gunicorn worker killed in the middle of the load: no accepted submission lost, the site answers.
4. The database unreachable for a moment (a loopback TCP relay in front of PostgreSQL is cut):
   /healthz answers 503 and pages give the site's error page, then everything recovers without a
   restart.
Every loop is bounded in count and time; the script exits non-zero when a promise is broken.
"""

import argparse
import concurrent.futures
import contextlib
import http.client
import os
import re
import signal
import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
from psycopg import sql

# Run as a script, Python puts tools/ first on the path; the project folder is needed for tools.benchmark.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.benchmark import ROOT, Server, base_env, manage

PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/wego_load")
DATABASE = urlsplit(PG_URL).path.lstrip("/")
DEADLINE_SECONDS = 240


class Relay:
    """A TCP relay on 127.0.0.1 in front of PostgreSQL that can be cut and restored."""

    def __init__(self, target_host="127.0.0.1", target_port=5432):
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.connections = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.up = False
        with self.lock:
            for sock in self.connections:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                except OSError:
                    pass
            self.connections = []

    def restore(self):
        self.up = True


# Migrated and seeded once per run; each scenario's database is a copy of it (CREATE DATABASE … TEMPLATE),
# which takes a moment where migrating and loading the seed content again took half a minute.
TEMPLATE = f"{DATABASE}_template"


def drop_database(name=DATABASE):
    with psycopg.connect(PG_URL, dbname="postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def prepare_template(workdir):
    """The seeded database every scenario starts from."""
    drop_database(TEMPLATE)
    with psycopg.connect(PG_URL, dbname="postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    env = environment(workdir, urlsplit(PG_URL)._replace(path=f"/{TEMPLATE}").geturl())
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_site_content", "-v0")


def fresh_database():
    """The harness's database, dropped and made anew from the seeded template; returns its URL."""
    drop_database()
    with psycopg.connect(PG_URL, dbname="postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(DATABASE), sql.Identifier(TEMPLATE))
        )
    return PG_URL


def relayed_url(database_url, port):
    """The same database reached through a relay on 127.0.0.1:``port``."""
    parts = urlsplit(database_url)
    credentials = parts.netloc.rpartition("@")[0]
    return parts._replace(netloc=f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}").geturl()


def marker_counts(database_url):
    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT message, notified_at IS NOT NULL FROM contact_contactmessage").fetchall()
    counts, notified = {}, {}
    for message, was_notified in rows:
        found = re.search(r"load-marker-([0-9a-f]{32})", message)
        if found:
            counts[found.group(1)] = counts.get(found.group(1), 0) + 1
            notified[found.group(1)] = was_notified
    return counts, notified


def submit(port, client_number):
    """One visitor: open the form, then send it. Returns (marker, status)."""
    marker = uuid.uuid4().hex
    address = f"198.51.100.{client_number % 250 + 1}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request("GET", "/contact/", headers={"X-Forwarded-For": address})
        response = connection.getresponse()
        html = response.read().decode()
        if response.status != 200:
            return marker, f"form {response.status}"
        cookies = "; ".join(
            header.split(";", 1)[0] for name, header in response.getheaders() if name.lower() == "set-cookie"
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        started = re.search(r'name="started" value="([^"]+)"', html).group(1)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "started": started,
                "website": "",
                "purpose": "general",
                "name": f"Load test visitor {client_number}",
                "email": f"visitor{client_number}@example.org",
                "message": f"A question from the load test. load-marker-{marker}",
                "consent": "on",
            }
        )
        connection.request(
            "POST",
            "/contact/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookies,
                "Referer": f"http://127.0.0.1:{port}/contact/",
                "X-Forwarded-For": address,
            },
        )
        response = connection.getresponse()
        response.read()
        return marker, response.status
    except (OSError, http.client.HTTPException, AttributeError) as error:
        return marker, f"error {type(error).__name__}"
    finally:
        connection.close()


def load(server, count, concurrency, during=None):
    """Send ``count`` submissions with ``concurrency`` clients; ``during`` runs once, a third of the way in."""
    results = []
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(submit, server.port, number) for number in range(count)]
        fired = during is None
        for index, future in enumerate(concurrent.futures.as_completed(futures, timeout=DEADLINE_SECONDS)):
            results.append(future.result())
            if not fired and index >= count // 3:
                during()
                fired = True
    elapsed = time.monotonic() - started
    accepted = [marker for marker, status in results if status == 302]
    print(f"  {len(accepted)}/{count} accepted in {elapsed:.1f} s; other answers: {summarise(results)}")
    return accepted, results


def summarise(results):
    other = {}
    for _marker, status in results:
        if status != 302:
            other[str(status)] = other.get(str(status), 0) + 1
    return other or "none"


def environment(workdir, database_url, **extra):
    env = base_env(workdir, cache_seconds=600)
    env.update(
        {
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "0",
            "CONTACT_MIN_FILL_SECONDS": "0",
            "CONTACT_RATE_LIMIT": "100000",
            "TRUSTED_PROXY_COUNT": "1",
            "SECRETARIAT_NOTIFY_EMAILS": "secretariat@example.org",
            "EMAIL_URL": "consolemail://",
            "GUNICORN_TIMEOUT": "20",
        }
    )
    env.update(extra)
    return env


class Check:
    def __init__(self):
        self.failures = []

    def __call__(self, condition, message):
        print(("  ok: " if condition else "  FAILED: ") + message)
        if not condition:
            self.failures.append(message)


def scenario_submissions(check, workdir, count, concurrency, failing_mail=False):
    label = "mail server down" if failing_mail else "mail working"
    print(f"Scenario: {count} submissions, {concurrency} concurrent clients, {label}")
    database_url = fresh_database()
    # Port 9 (discard): nothing listens there on these machines, so every delivery is refused.
    extra = {"EMAIL_URL": "smtp://127.0.0.1:9"} if failing_mail else {}
    env = environment(workdir, database_url, **extra)
    server = Server(env, workers=3)
    try:
        accepted, _results = load(server, count, concurrency)
    finally:
        server.stop()
    # The e-mails go out from the task worker, as in production: run it until the queue has nothing due
    # (a failed delivery's next attempt waits a minute, so it is left for later).
    manage(env, "db_worker", "--batch", "--no-startup-delay", "-v0")
    counts, notified = marker_counts(database_url)
    check(len(accepted) == count, f"every submission accepted ({len(accepted)}/{count})")
    check(all(counts.get(marker) == 1 for marker in accepted), "every accepted submission stored exactly once")
    check(all(value == 1 for value in counts.values()), "no submission stored twice")
    if failing_mail:
        check(not any(notified[m] for m in accepted), "all stored as not notified while mail fails")
    else:
        check(all(notified[m] for m in accepted), "all marked notified")


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def scenario_worker_killed(check, workdir, count, concurrency):
    print(f"Scenario: a gunicorn worker killed during {count} submissions")
    database_url = fresh_database()
    env = environment(workdir, database_url)
    server = Server(env, workers=3)
    killed = []

    def kill_a_worker():
        pids = worker_pids(server.process.pid)
        if pids:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])
            print(f"  killed worker {pids[0]}")

    try:
        accepted, _results = load(server, count, concurrency, during=kill_a_worker)
        time.sleep(1)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/healthz")
        status = connection.getresponse().status
    finally:
        server.stop()
    counts, _notified = marker_counts(database_url)
    check(bool(killed), "a worker was killed mid-load")
    check(all(counts.get(marker) == 1 for marker in accepted), "no accepted submission lost or doubled")
    check(len(accepted) >= count * 0.9, f"the server kept answering ({len(accepted)}/{count} accepted)")
    check(status == 200, "the site answers after the worker died")


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def scenario_database_outage(check, workdir):
    print("Scenario: the database unreachable for a moment")
    database_url = fresh_database()
    env = environment(workdir, database_url, PAGE_CACHE_SECONDS="0")
    parts = urlsplit(database_url)
    relay = Relay(parts.hostname or "127.0.0.1", parts.port or 5432)
    server = Server({**env, "DATABASE_URL": relayed_url(database_url, relay.port)}, workers=2)
    try:
        check(get(server.port, "/healthz")[0] == 200, "healthy before the outage")
        relay.cut()
        status, _body = get(server.port, "/healthz")
        check(status == 503, f"/healthz answers 503 during the outage (got {status})")
        status, body = get(server.port, "/offices/")
        check(status == 500 and "Something went wrong" in body, f"pages give the site's error page (got {status})")
        relay.restore()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and get(server.port, "/healthz")[0] != 200:
            time.sleep(0.5)
        check(get(server.port, "/healthz")[0] == 200, "/healthz recovers without a restart")
        check(get(server.port, "/offices/")[0] == 200, "pages recover without a restart")
    finally:
        server.stop()
        relay.cut()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    if DATABASE in ("", "postgres"):
        sys.exit(f"PG_URL ({PG_URL}) must name a database of the harness's own: it is dropped and made anew.")

    check = Check()
    with tempfile.TemporaryDirectory(prefix="wego-load-") as folder:
        workdir = Path(folder)
        manage(
            environment(workdir, "sqlite:///" + str(workdir / "static.sqlite3")), "collectstatic", "--noinput", "-v0"
        )
        prepare_template(workdir)
        scenario_submissions(check, workdir, args.count, args.concurrency)
        scenario_submissions(check, workdir, args.count, args.concurrency, failing_mail=True)
        scenario_worker_killed(check, workdir, args.count, args.concurrency)
        scenario_database_outage(check, workdir)
    drop_database()
    drop_database(TEMPLATE)
    if check.failures:
        print(f"{len(check.failures)} promise(s) broken.")
        sys.exit(1)
    print("All load and fault promises kept.")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()

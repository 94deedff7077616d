"""Benchmark every kind of public page against a static file, in one run.

Starts the site under gunicorn with production settings on 127.0.0.1 (a private SQLite database, or
BENCH_DATABASE_URL), loads the seed content plus a generated data set ten times larger, and drives
one page of every kind and one static CSS file with wrk, first with the page cache off and then on.
Each mode runs a few rounds; a round measures the static file, then every page. Prints, per page, the
median over the rounds of requests/s, p50 and p99 latency, and of the ratio of the page's requests/s
to the static file's in the same round, with HTML bytes and SQL queries; writes the table to
docs/benchmark.md. Loopback only; every wrk run stops by itself.

    python tools/benchmark.py            # the full run (make bench)
    python tools/benchmark.py --smoke    # a few requests, for CI: proves the harness still runs
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GOAL_RATIO = 0.85


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(workdir, cache_seconds):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "wego_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"),
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "locmemcache://bench"),
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "PAGE_CACHE_SECONDS": str(cache_seconds),
            "SECURE_SSL_REDIRECT": "off",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
            "SECURE_HSTS_SECONDS": "0",
            # wrk talks to gunicorn directly: no proxy appends to X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "0",
            "GUNICORN_ACCESS_LOG": "",
            # No worker recycling in the middle of a measurement.
            "GUNICORN_MAX_REQUESTS": "0",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def python(env, *args):
    """Run Python in the project folder with ``env`` as the whole environment; its output is dropped."""
    subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def manage(env, *args):
    python(env, "manage.py", *args)


def prepare(env, scale):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_site_content", "-v0")
    if scale > 1:
        python(env, "-m", "tools.bench_data", "--scale", str(scale))
    manage(env, "collectstatic", "--noinput", "-v0")


class Server:
    def __init__(self, env, workers):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        # A file, not a pipe: a pipe nobody reads fills up and blocks the workers' logging.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server; closed in stop()
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        self.log.seek(0)
        raise RuntimeError("gunicorn did not start: " + self.log.read().decode()[-2000:])

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def pick_pages(server, env):
    """One URL of every kind of public page, from the sitemap, grouped by resolved route."""
    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from django.urls import resolve

    xml = ElementTree.fromstring(get(server.url + "/sitemap.xml"))
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    from django.conf import settings

    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    pages = {}
    for loc in xml.findall("sm:url/sm:loc", ns):
        path = urlsplit(loc.text).path
        if path.startswith(prefixes):
            continue  # the same views in another language: one of them is measured below
        pages.setdefault(resolve(path).view_name, path)
    pages["home (Korean)"] = "/ko/"
    return pages


def measure_html_and_queries(path):
    """(HTML bytes, SQL queries, whether the page has a form): a page with a CSRF token is never stored
    in the page cache (core.cache), so its cached figure is its uncached one by design."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)  # warm template and other per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    return len(response.content), len(queries), b"csrfmiddlewaretoken" in response.content


LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, seconds, connections):
    result = subprocess.run(
        # As browsers do: WhiteNoise then serves the pre-compressed CSS, and the cache a gzipped page.
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "5s",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        found = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        return float(found.group(1)) * LATENCY_UNITS[found.group(2)] if found else float("nan")

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": percentile(50), "p99": percentile(99), "errors": int(errors.group(1)) if errors else 0}


def static_css_path(server):
    html = get(server.url + "/").decode()
    return re.search(r'href="(/static/css/site[^"]+\.css)"', html).group(1)


def run_mode(label, env, pages, seconds, connections, workers, rounds):
    """Each round measures the static file, then every page; a page's ratio is its requests/s over the
    static file's in the same round. Figures are medians over the rounds, so that a passing hiccup of
    the machine (in one round, on one side of a ratio) does not decide the table."""
    server = Server(env, workers)
    try:
        css = static_css_path(server)
        for path in [css, *pages.values()]:
            for _ in range(3):
                get(server.url + path)  # warm: the first request of each page fills the cache
        measured = {kind: [] for kind in pages}
        statics = []
        for _ in range(rounds):
            static = wrk(server.url + css, seconds, connections)
            statics.append(static)
            for kind, path in pages.items():
                row = wrk(server.url + path, seconds, connections)
                row["ratio"] = row["rps"] / static["rps"] if static["rps"] else float("nan")
                measured[kind].append(row)
        rows = {kind: median_row(runs) for kind, runs in measured.items()}
        return {"label": label, "static": median_row(statics), "rows": rows, "css": css}
    finally:
        server.stop()


def median_row(runs):
    """The median of each figure over the rounds; errors are summed."""
    row = {name: statistics.median(run[name] for run in runs) for name in runs[0] if name != "errors"}
    row["errors"] = sum(run["errors"] for run in runs)
    return row


def table(results, pages, sizes):
    lines = [
        "| page | path | HTML bytes | SQL queries | uncached req/s | uncached p50 / p99 ms | uncached ratio "
        "| cached req/s | cached p50 / p99 ms | cached ratio |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    uncached, cached = results
    for name, static in (("static CSS file", uncached["static"]),):
        c = cached["static"]
        lines.append(
            f"| {name} | `{uncached['css']}` | | | {static['rps']:.0f} | {static['p50']:.1f} / {static['p99']:.1f} "
            f"| 1.00 | {c['rps']:.0f} | {c['p50']:.1f} / {c['p99']:.1f} | 1.00 |"
        )
    for kind, path in pages.items():
        u, c = uncached["rows"][kind], cached["rows"][kind]
        size, queries, form = sizes[kind]
        name = f"{kind} (form: never cached)" if form else kind
        lines.append(
            f"| {name} | `{path}` | {size} | {queries} | {u['rps']:.0f} | {u['p50']:.1f} / {u['p99']:.1f} "
            f"| {u['ratio']:.2f} | {c['rps']:.0f} | {c['p50']:.1f} / {c['p99']:.1f} | {c['ratio']:.2f} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="a few requests, no figures to trust (for CI)")
    parser.add_argument("--seconds", type=int, default=4, help="duration of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of (static file, every page); medians reported")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--scale", type=int, default=10, help="data set size, as a multiple of the seed content")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmark.md"))
    parser.add_argument(
        "--pages", help="only these kinds, comma-separated (e.g. home,contact:contact); no file written"
    )
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.rounds, args.connections, args.scale, args.output = 1, 1, 2, 2, None
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: install the Debian package 'wrk' (make bench does it as root).")

    workdir = Path(tempfile.mkdtemp(prefix="wego-bench-"))
    try:
        env_uncached = base_env(workdir, cache_seconds=0)
        env_cached = base_env(workdir, cache_seconds=600)
        env_cached["SECRET_KEY"] = env_uncached["SECRET_KEY"]
        print(f"Preparing the data set ({args.scale}x the seed content)...", flush=True)
        prepare(env_uncached, args.scale)
        probe = Server(env_uncached, 1)
        try:
            pages = pick_pages(probe, env_uncached)
        finally:
            probe.stop()
        if args.smoke:
            pages = dict(list(pages.items())[:3])
        if args.pages:
            wanted = set(args.pages.split(","))
            pages = {kind: path for kind, path in pages.items() if kind in wanted}
            args.output = None
        sizes = {kind: measure_html_and_queries(path) for kind, path in pages.items()}
        results = []
        for label, env in (("uncached", env_uncached), ("cached", env_cached)):
            print(f"Measuring {len(pages)} pages and the static file, {label}...", flush=True)
            results.append(run_mode(label, env, pages, args.seconds, args.connections, args.workers, args.rounds))
        report = table(results, pages, sizes)
        cacheable = {kind: row for kind, row in results[1]["rows"].items() if not sizes[kind][2]}
        forms = sorted(set(pages) - set(cacheable))
        worst = min((row["ratio"] for row in cacheable.values()), default=float("nan"))
        errors = sum(row["errors"] for result in results for row in result["rows"].values())
        summary = (
            f"Cached pages reach at worst {worst:.2f} of the static file's requests/s "
            f"(goal: {GOAL_RATIO}). Non-2xx/3xx responses: {errors}."
        )
        if forms:
            summary += (
                f" Pages with a form ({', '.join(forms)}) are rendered for each request and never stored: "
                "their figure belongs to the uncached budget."
            )
        print(report)
        print(summary)
        if args.output:
            header = (
                "# Benchmark\n\nWritten by `make bench` (tools/benchmark.py): gunicorn with "
                f"{args.workers} workers and production settings on 127.0.0.1, seed content plus a generated "
                f"data set {args.scale}x larger, wrk with {args.connections} connections for {args.seconds} s per "
                f"page. {args.rounds} rounds, each measuring the static CSS file and then every page; a page's ratio "
                "is its requests/s over the static file's in the same round. Every figure is the median over the "
                "rounds. Latencies in milliseconds.\n\n"
                f"Machine: {os.cpu_count()} cores; measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n"
            )
            Path(args.output).write_text(header + report + "\n\n" + summary + "\n")
            print(f"Written to {args.output}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

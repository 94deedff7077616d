"""Make sure PostgreSQL answers before the suite runs on it; start the local cluster if it is down."""

import glob
import os
import sys

import psycopg

from tools.services import start_and_wait


def reachable(url):
    try:
        with psycopg.connect(url, connect_timeout=3, dbname="postgres"):
            return True
    except psycopg.OperationalError:
        return False


def main(url):
    if reachable(url):
        return 0
    versions = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
    if versions and os.geteuid() == 0:
        print(f"PostgreSQL is not answering; starting cluster {versions[-1]}/main.")
        if start_and_wait(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"], reachable, url
        ):
            return 0
    print(
        f"PostgreSQL cannot be reached at {url}. Start the server (pg_ctlcluster <version> main start) "
        "or set PG_URL to one that runs, then run make test again.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

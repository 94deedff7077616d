"""Make sure Redis answers before the suite runs on it; start (or, as root, install) a local server."""

import os
import shutil
import subprocess
import sys

import redis

from tools.services import start_and_wait

START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
]


def reachable(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError:
        return False


def main(url):
    if reachable(url):
        return 0
    local = url.startswith(("redis://127.0.0.1", "redis://localhost"))
    if local and os.geteuid() == 0:
        if not shutil.which("redis-server"):
            print("Redis is missing; installing the Debian package redis-server.")
            subprocess.run(["apt-get", "update"], check=False, stdout=subprocess.DEVNULL)
            subprocess.run(["apt-get", "install", "-y", "redis-server"], check=False, stdout=subprocess.DEVNULL)
        if shutil.which("redis-server"):
            print("Redis is not answering; starting a local server that keeps nothing on disk.")
            if start_and_wait(START, reachable, url):
                return 0
    print(
        f"Redis cannot be reached at {url}. Install and start it (Debian package redis-server) or set "
        "REDIS_URL to one that runs, then run make test again.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""What the readiness checks of the test services share: start a local server and wait for it."""

import subprocess
import time


def start_and_wait(command, reachable, url, seconds=10):
    """Run ``command`` (which starts a server in the background) and wait until ``reachable(url)``."""
    subprocess.run(command, check=False)
    for _ in range(int(seconds * 2)):
        if reachable(url):
            return True
        time.sleep(0.5)
    return False

"""Child processes of the Slack tests and the load benchmark."""
from __future__ import annotations

import subprocess


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """Ask a child to end (SIGTERM); kill it if it has not ended within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

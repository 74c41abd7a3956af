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


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, *, workers: int = 2, threads: int = 2, cwd: str | None = None,
                   timeout: float = 60) -> tuple[subprocess.Popen, int]:
    """`gunicorn policybot.fronts.slack.wsgi:app` on a free loopback port; returns once it accepts connections."""
    import socket
    import sys
    import time
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
                                "--preload", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                                "policybot.fronts.slack.wsgi:app"], env=env, cwd=cwd)
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise AssertionError("gunicorn did not start")
            time.sleep(0.05)

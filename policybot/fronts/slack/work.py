"""The answer queue: a fixed set of threads, a bounded backlog, and a drain with a deadline.

Listeners ack at once and hand the answering to `AnswerQueue.submit`. The backlog is bounded:
before acking, the app asks `wait_for_room` and, when the queue stays full, answers 503 so Slack
redelivers later (back-pressure) rather than acking work it cannot do. On SIGTERM `drain(deadline)`
stops taking work, lets the threads finish what was acked, and counts what is left undone.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
import weakref
from typing import Any, Callable

log = logging.getLogger("policybot.slack")

ANSWER_THREADS = 4          # answers computed and posted at once, per process
MAX_PENDING = 500           # acked answers waiting for a thread; beyond this, back-pressure
DRAIN_DEADLINE = 20.0       # seconds SIGTERM gives the acked answers (gunicorn's graceful timeout is 30)


class Job:
    """One piece of acked work: `fn(*args)`, and what to do if it is given up (`on_give_up(reason)`)."""

    __slots__ = ("fn", "args", "on_give_up")

    def __init__(self, fn: Callable[..., Any], args: tuple, on_give_up: Callable[[str], None] | None = None):
        self.fn, self.args, self.on_give_up = fn, args, on_give_up

    @property
    def name(self) -> str:
        return getattr(self.fn, "__name__", str(self.fn))


class AnswerQueue:
    def __init__(self, threads: int = ANSWER_THREADS, capacity: int = MAX_PENDING,
                 on_give_up: Callable[[Job, str], None] | None = None):
        self._capacity, self._thread_count = capacity, threads
        self._on_give_up = on_give_up
        self._pid = -1
        self._start_here()
        start_here = weakref.WeakMethod(self._start_here)      # gunicorn --preload forks after create_app
        os.register_at_fork(after_in_child=lambda: (start_here() or (lambda: None))())

    def _start_here(self) -> None:
        """Fresh queue, counters and threads in this process (threads do not survive a fork)."""
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=self._capacity)
        self._closed = threading.Event()
        self._busy = 0
        self._lock = threading.Lock()
        self.given_up = 0
        self.done = 0
        self._threads = [threading.Thread(target=self._work, name=f"policybot-answer-{n}", daemon=True)
                         for n in range(self._thread_count)]
        for thread in self._threads:
            thread.start()
        self._pid = os.getpid()

    # --- taking work ------------------------------------------------------------------------------

    def wait_for_room(self, timeout: float) -> bool:
        """True when a job can be queued now or within `timeout` seconds (False when closed or still full)."""
        deadline = time.monotonic() + timeout
        while not self._closed.is_set():
            if not self._jobs.full():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)                    # poll the bound: the queue has no "not full" event
        return False

    def submit(self, fn: Callable[..., Any], *args: Any, on_give_up: Callable[[str], None] | None = None) -> bool:
        """Queue `fn(*args)`; False (and the job is given up) if the queue is closed or full."""
        job = Job(fn, args, on_give_up)
        if self._closed.is_set():
            self._give_up(job, "shutting down")
            return False
        try:
            self._jobs.put_nowait(job)
            return True
        except queue.Full:
            self._give_up(job, "queue full")
            return False

    __call__ = submit                            # `later(fn, *args)`

    @property
    def pending(self) -> int:
        return self._jobs.qsize()

    # --- doing it ----------------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            with self._lock:
                self._busy += 1
            try:
                job.fn(*job.args)
                with self._lock:
                    self.done += 1
            except Exception as error:               # noqa: BLE001 — one failed answer, logged and counted
                from .posting import GaveUp
                if isinstance(error, GaveUp):
                    self._give_up(job, str(error))
                else:
                    log.exception("policybot: %s failed", job.name)
                    self._give_up(job, f"failed ({type(error).__name__})")
            finally:
                with self._lock:
                    self._busy -= 1

    def _give_up(self, job: Job, reason: str) -> None:
        with self._lock:
            self.given_up += 1
        log.warning("policybot: gave up %s: %s", job.name, reason)
        for callback in (job.on_give_up and (lambda: job.on_give_up(reason)),
                         self._on_give_up and (lambda: self._on_give_up(job, reason))):
            if callback:
                try:
                    callback()
                except Exception:                    # noqa: BLE001 — counting must not fail the worker
                    log.exception("policybot: recording a given-up answer failed")

    # --- stopping ------------------------------------------------------------------------------------

    def idle(self) -> bool:
        with self._lock:
            return self._jobs.empty() and self._busy == 0

    def drain(self, deadline: float = DRAIN_DEADLINE) -> int:
        """Stop taking work; wait up to `deadline` s for the queued and running jobs; give up the rest.

        Returns how many jobs were given up while draining.
        """
        self._closed.set()
        end = time.monotonic() + deadline
        while not self.idle() and time.monotonic() < end:
            time.sleep(0.01)
        left = 0
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                left += 1
                self._give_up(job, f"not done within the {deadline:.0f} s shutdown deadline")
        with self._lock:
            left += self._busy
        for _ in self._threads:
            try:
                self._jobs.put_nowait(None)
            except queue.Full:
                break
        if left:
            log.warning("policybot: shutting down with %d acked answer(s) not posted", left)
        return left

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Like an executor's shutdown (the tests' harness calls it)."""
        self.drain(DRAIN_DEADLINE if wait else 0.0)

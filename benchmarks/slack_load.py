"""Load benchmark of the Slack app in HTTP mode, over loopback (run by hand, not a test).

    python benchmarks/slack_load.py                  # 500 signed events, 50 at a time, real engine
    python benchmarks/slack_load.py --events 2000 --concurrency 100 --redeliver 0.2
    python benchmarks/slack_load.py --fake           # a canned engine: the Slack layer alone
    python benchmarks/slack_load.py --gunicorn 2     # the production entry point, 2 gunicorn workers
    python benchmarks/slack_load.py --compare 5      # side by side: slack_sdk's client vs the pooled one, 5 rounds

`--client sdk` posts answers the way the app did before (slack_sdk's WebClient: urllib, a new
connection per call, and Bolt checking each signature again); the default `pooled` uses
`policybot.fronts.slack.posting.SlackPoster` (kept-alive connections, a light response parser). `--compare N` alternates the two N times in one run and reports medians and ratios of
events answered per second (from the first request to the last answer posted) and CPU per event.

Three processes on 127.0.0.1, ephemeral ports, so that none steals the others' interpreter:
- this one: the mock Slack Web API (tests/slack_mock), recording every answer the app posts;
- the app: `policybot.fronts.slack.serve.make_http_server` (what `policybot slack --http` runs), or
  gunicorn on `policybot.fronts.slack.wsgi:app` with --gunicorn N;
- the sender: asyncio, `--concurrency` requests in flight at a time, each an app_mention event
  signed like Slack's; a share of them (`--redeliver`) sent again with x-slack-retry-num.
It reports the ack latency (the time to the HTTP response: median, p99, max) and whether every
event was answered exactly once. Bounded: the burst is fixed, the wait for answers has a
`--timeout`, and it stops the processes it started.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from slack_mock import BOT_TOKEN, SIGNING_SECRET, MockWebAPI, SignedSender  # noqa: E402
from slack_mock.processes import stop  # noqa: E402

QUESTIONS = [
    "what is _zendesk_session",
    "which cookies are advertising cookies?",
    "how long does _zendesk_remember_me last?",
    "comment désactiver les cookies ?",
    "what is the capital of France",
    "what are analytics cookies for?",
    "when was the policy updated?",
    "which cookies last more than a year?",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-len(ordered) * p // 100) - 1))]


# --- the app process -------------------------------------------------------------------------

class SDKPoster:
    """The baseline: answers posted with slack_sdk's WebClient (urllib, one connection per call)."""

    def __init__(self, client):
        self.client = client

    def api(self, method: str, **args):
        return self.client.api_call(method, json={k: v for k, v in args.items() if v is not None}).data

    def respond(self, response_url: str, **message):
        from slack_sdk.webhook import WebhookClient
        return WebhookClient(response_url).send_dict(message)


def serve_app(api_url: str, fake: bool, client: str = "pooled") -> int:
    """The app on 127.0.0.1:0; prints its port, serves until stdin closes, then prints its CPU time."""
    import resource
    from slack_sdk import WebClient
    from policybot.fronts.slack.app import create_app
    from policybot.fronts.slack.serve import make_http_server
    if fake:
        from slack_mock.fake_bot import FakeBot
        bot = FakeBot()
    else:
        import policybot
        bot = policybot.load()
    app = create_app(bot, signing_secret=SIGNING_SECRET, client=WebClient(token=BOT_TOKEN, base_url=api_url),
                     verified_at_the_door=(client != "sdk"))
    if client == "sdk":
        app.policybot.post = SDKPoster(app.client)
    server = make_http_server(app, "127.0.0.1", 0)
    print(json.dumps({"port": server.server_port}), flush=True)
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever(poll_interval=0.05)
    server.server_close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime}), flush=True)
    return 0


def start_app(args: argparse.Namespace, api: MockWebAPI) -> tuple[subprocess.Popen, int, str]:
    if args.gunicorn:
        with socket.socket() as probe:                 # a free port for gunicorn
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": api.base_url,       # a fresh store shared by the workers
               "POLICYBOT_DATABASE_URL": "sqlite:///" + os.path.join(args.tmp, "state.sqlite3")}
        child = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(args.gunicorn),
                                  "--threads", "4", "--bind", f"127.0.0.1:{port}", "--preload",
                                  "--log-level", "warning", "policybot.fronts.slack.wsgi:app"],
                                 env=env, stdin=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return child, port, f"gunicorn, {args.gunicorn} workers x 4 threads, policybot.fronts.slack.wsgi:app"
            except OSError:
                if child.poll() is not None:
                    break
                time.sleep(0.05)
        child.kill()
        raise SystemExit("gunicorn did not start (is it installed? pip install gunicorn)")
    command = [sys.executable, __file__, "--serve-app", api.base_url, "--client", args.client] + (
        ["--fake"] if args.fake else [])
    child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    hello = json.loads(child.stdout.readline() or "{}")
    if "port" not in hello:
        child.kill()
        raise SystemExit("the app did not start")
    return child, hello["port"], (f"policybot.fronts.slack.serve.make_http_server (policybot slack --http), 1 process, "
                                  f"{args.client} client")


def stop_app(child: subprocess.Popen) -> float | None:
    cpu = None
    if child.stdin:
        child.stdin.close()
        line = child.stdout.readline() if child.stdout else ""
        cpu = json.loads(line)["cpu"] if line.strip() else None
    stop(child)
    return cpu


# --- the sender process ----------------------------------------------------------------------

def jobs_for(events: int, redeliver: float) -> list[tuple[str, str, str, int | None]]:
    """(event_id, ts, question, retry_num): each event once, and a redelivery after every 1/redeliver."""
    every = max(1, round(1 / redeliver)) if redeliver > 0 else 0
    jobs = []
    for i in range(events):
        original = (f"EvLOAD{i:06d}", f"1700{i:06d}.000100", QUESTIONS[i % len(QUESTIONS)], None)
        jobs.append(original)
        if every and i % every == every - 1:
            jobs.append(original[:3] + (1,))
    return jobs


def send_burst(port: int, events: int, redeliver: float, concurrency: int, rate: float = 0.0) -> int:
    """Send the burst with asyncio; print the statuses and latencies as JSON.

    rate 0: each request as soon as one of the `concurrency` slots is free (a closed loop: the latency
    then measures the app's throughput); rate R: request i is due R/s after the start (an open loop,
    still at most `concurrency` in flight), and its latency counts from when it was due.
    """
    from slack_sdk.signature import SignatureVerifier
    verifier = SignatureVerifier(SIGNING_SECRET)
    sender = SignedSender("", MockWebAPI.__new__(MockWebAPI))
    requests = []
    for event_id, ts, question, retry in jobs_for(events, redeliver):
        event = {"type": "app_mention", "user": "UASKER01", "text": f"<@UPOLICYBOT> {question}", "ts": ts,
                 "channel": "C0GENERAL", "event_ts": ts}
        body = json.dumps(sender.event_body(event, event_id)).encode()
        now = str(int(time.time()))
        head = (f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {now}\r\n"
                f"X-Slack-Signature: {verifier.generate_signature(timestamp=now, body=body)}\r\n"
                "Connection: close\r\n")
        if retry:
            head += f"X-Slack-Retry-Num: {retry}\r\nX-Slack-Retry-Reason: http_timeout\r\n"
        requests.append((head + "\r\n").encode() + body)

    async def burst() -> list[tuple[int, float]]:
        gate = asyncio.Semaphore(concurrency)
        start = time.perf_counter()

        async def one(number: int, raw: bytes) -> tuple[int, float]:
            due = start + number / rate if rate else None
            if due is not None:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
            async with gate:
                started = due if due is not None else time.perf_counter()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(raw)
                await writer.drain()
                status_line = await reader.readline()
                await reader.read()
                elapsed = time.perf_counter() - started
                writer.close()
                return int(status_line.split()[1]), elapsed
        return await asyncio.gather(*(one(number, raw) for number, raw in enumerate(requests)))

    started, began = time.perf_counter(), time.monotonic()     # CLOCK_MONOTONIC: comparable across processes
    results = asyncio.run(burst())
    print(json.dumps({"seconds": time.perf_counter() - started, "began": began, "results": results}), flush=True)
    return 0


# --- the run ---------------------------------------------------------------------------------

def run_once(args: argparse.Namespace) -> dict:
    """One burst against a fresh app: what was sent, answered, and measured."""
    import tempfile
    with MockWebAPI() as api, tempfile.TemporaryDirectory() as args.tmp:
        app, port, served_by = start_app(args, api)
        try:
            sender = subprocess.run([sys.executable, __file__, "--send", str(port), "--events", str(args.events),
                                     "--redeliver", str(args.redeliver), "--concurrency", str(args.concurrency),
                                     "--rate", str(args.rate)],
                                    capture_output=True, text=True, timeout=args.timeout, check=True)
            sent = json.loads(sender.stdout)
            acked = len({job[0] for job, (status, _) in zip(jobs_for(args.events, args.redeliver), sent["results"])
                         if status == 200})
            answered = api.wait_for(lambda posts: len(posts) >= acked, timeout=args.timeout,
                                    methods=("chat.postMessage",))
            last_answer = max(c.at for c in answered)
            posts = api.settle(0.5)                    # anything posted twice would show up here
        finally:
            cpu = stop_app(app)
    latencies = [seconds * 1000 for _, seconds in sent["results"]]
    per_event = collections.Counter(c.args.get("thread_ts") for c in posts if c.method == "chat.postMessage")
    expected = {f"1700{i:06d}.000100" for i in range(args.events)}
    return {"served_by": served_by, "sent": sent, "answered": len(answered), "cpu": cpu, "latencies": latencies,
            "statuses": collections.Counter(status for status, _ in sent["results"]),
            "once": set(per_event) == expected and all(n == 1 for n in per_event.values()),
            "events_per_s": len(answered) / (last_answer - sent["began"])}


def report(args: argparse.Namespace, run: dict) -> None:
    latencies, sent = run["latencies"], run["sent"]
    print(f"  app:         {run['served_by']}" + (f"; {run['cpu']:.2f} s CPU in all" if run["cpu"] else ""))
    print(f"  acks:        {dict(run['statuses'])} in {sent['seconds']:.2f} s ({len(latencies) / sent['seconds']:.0f} requests/s)")
    print(f"  ack latency: median {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
          f"max {max(latencies):.1f} ms")
    print(f"  answers:     {run['answered']} posted, {run['events_per_s']:.0f} events answered/s; "
          f"every event answered exactly once: {'yes' if run['once'] else 'NO'}")


def compare(args: argparse.Namespace) -> int:
    """Alternate the baseline (slack_sdk's client) and the pooled client; medians and ratios."""
    runs: dict[str, list[dict]] = {"sdk": [], "pooled": []}
    for round_number in range(args.compare):
        for client in ("sdk", "pooled"):
            args.client = client
            run = run_once(args)
            runs[client].append(run)
            print(f"round {round_number + 1} {client:>6}: {run['events_per_s']:.0f} events/s, ack p99 "
                  f"{percentile(run['latencies'], 99):.1f} ms, CPU {1000 * run['cpu'] / args.events:.2f} ms/event, "
                  f"once: {'yes' if run['once'] else 'NO'}", flush=True)
    med = {c: {"rate": statistics.median(r["events_per_s"] for r in rs),
               "p99": statistics.median(percentile(r["latencies"], 99) for r in rs),
               "median": statistics.median(statistics.median(r["latencies"]) for r in rs),
               "cpu": statistics.median(1000 * r["cpu"] / args.events for r in rs)} for c, rs in runs.items()}
    print("\n| client | events answered/s | ack median | ack p99 | app CPU per event | answered exactly once |")
    print("|---|--:|--:|--:|--:|--:|")
    for client, label in (("sdk", "slack_sdk WebClient (before)"), ("pooled", "SlackPoster, kept-alive (now)")):
        m = med[client]
        print(f"| {label} | {m['rate']:.0f} | {m['median']:.1f} ms | {m['p99']:.1f} ms | {m['cpu']:.2f} ms | "
              f"{sum(r['once'] for r in runs[client])}/{len(runs[client])} runs |")
    print(f"\nmedians of {args.compare} rounds; events/s ratio {med['pooled']['rate'] / med['sdk']['rate']:.2f}x, "
          f"CPU per event ratio {med['sdk']['cpu'] / med['pooled']['cpu']:.2f}x")
    return 0 if all(r["once"] for rs in runs.values() for r in rs) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--rate", type=float, default=0.0,
                        help="events per second (an open loop); 0 sends as fast as --concurrency allows")
    parser.add_argument("--redeliver", type=float, default=0.1, help="share of events sent again as retries")
    parser.add_argument("--fake", action="store_true", help="a canned engine instead of policybot.load()")
    parser.add_argument("--gunicorn", type=int, default=0, metavar="N", help="serve with gunicorn, N workers")
    parser.add_argument("--client", choices=("pooled", "sdk"), default="pooled",
                        help="how answers are posted: the pooled client (now) or slack_sdk's WebClient (before)")
    parser.add_argument("--compare", type=int, default=0, metavar="ROUNDS",
                        help="alternate both clients ROUNDS times and report medians side by side")
    parser.add_argument("--timeout", type=float, default=120.0, help="longest wait for all the answers (s)")
    parser.add_argument("--serve-app", metavar="API_URL", help=argparse.SUPPRESS)   # child: the app
    parser.add_argument("--send", type=int, metavar="PORT", help=argparse.SUPPRESS)  # child: the sender
    args = parser.parse_args(argv)
    if args.serve_app:
        return serve_app(args.serve_app, args.fake, args.client)
    if args.send:
        return send_burst(args.send, args.events, args.redeliver, args.concurrency, args.rate)
    engine = "fake engine" if args.fake else "real engine, shipped knowledge base"
    redelivered = len(jobs_for(args.events, args.redeliver)) - args.events
    print(f"policybot Slack load: {args.events} app_mention events + {redelivered} redeliveries, "
          f"{'at most ' if args.rate else ''}{args.concurrency} in flight"
          f"{f', sent at {args.rate:g}/s' if args.rate else ''}, HTTP over loopback, {engine}")
    if args.compare:
        return compare(args)
    run = run_once(args)
    report(args, run)
    return 0 if run["once"] and set(run["statuses"]) == {200} else 1


if __name__ == "__main__":
    sys.exit(main())

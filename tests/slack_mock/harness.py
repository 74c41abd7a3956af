"""The real Bolt app in HTTP mode on 127.0.0.1, and a client that signs requests the way Slack does."""
from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from .server import BOT_ID, BOT_USER_ID, TEAM_ID, MockWebAPI

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
BOT_TOKEN = "xoxb-test-token-not-real"
USER_ID = "UASKER01"
CHANNEL_ID = "C0GENERAL"
DM_CHANNEL_ID = "D0ASKER01"

__all__ = ["BOT_ID", "BOT_TOKEN", "BOT_USER_ID", "CHANNEL_ID", "DM_CHANNEL_ID", "SIGNING_SECRET",
           "Sent", "SignedSender", "SlackHarness", "TEAM_ID", "USER_ID"]


@dataclass
class Sent:
    """What the app answered to one signed request, and how long the answer took (the ack latency)."""
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class SignedSender:
    """Sends requests to a Slack app at `url` the way Slack does: signed with SIGNING_SECRET.

    `api` is the MockWebAPI the app talks to (its response_url endpoints go into payloads).
    """

    def __init__(self, url: str, api: MockWebAPI):
        self.url = url
        self.api = api
        self._ids = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:6].upper()       # ids unique across senders (several hosts, one store)
        self._verifier = SignatureVerifier(SIGNING_SECRET)

    # --- sending ------------------------------------------------------------------------------

    def post(self, body: str, content_type: str, *, timestamp: int | None = None, secret: str | None = None,
             headers: dict[str, str] | None = None, url: str | None = None) -> Sent:
        """POST `body` signed with `secret` (default the app's) at `timestamp` (default now)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        verifier = self._verifier if secret is None else SignatureVerifier(secret)
        signature = verifier.generate_signature(timestamp=ts, body=body)
        request = urllib.request.Request(url or self.url, data=body.encode("utf-8"), method="POST", headers={
            "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature,
            **(headers or {})})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8")
        return Sent(status, text, time.perf_counter() - start)

    def event_body(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        return {"token": "legacy", "team_id": TEAM_ID, "api_app_id": "A0POLICY", "type": "event_callback",
                "event": event, "event_id": event_id or f"Ev{self._prefix}{next(self._ids):08d}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}]}

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None,
              **kwargs: Any) -> Sent:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(json.dumps(self.event_body(event, event_id)), "application/json",
                         headers=headers, **kwargs)

    def mention(self, text: str, *, ts: str = "1700000001.000100", thread_ts: str | None = None,
                **kwargs: Any) -> Sent:
        event = {"type": "app_mention", "user": USER_ID, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts,
                 "channel": CHANNEL_ID, "event_ts": ts}
        if thread_ts:
            event["thread_ts"] = thread_ts
        return self.event(event, **kwargs)

    def dm(self, text: str, *, ts: str = "1700000002.000100", **extra: Any) -> Sent:
        event = {"type": "message", "channel_type": "im", "user": USER_ID, "text": text, "ts": ts,
                 "channel": DM_CHANNEL_ID, "event_ts": ts, **extra}
        event = {k: v for k, v in event.items() if v is not None}
        return self.event(event)

    def command(self, text: str, *, trigger_id: str | None = None, user: str = USER_ID, **kwargs: Any) -> Sent:
        body = urlencode({"token": "legacy", "team_id": TEAM_ID, "channel_id": CHANNEL_ID, "user_id": user,
                          "command": "/policy", "text": text, "api_app_id": "A0POLICY",
                          "response_url": self.api.response_url("command"),
                          "trigger_id": trigger_id or f"1.{self._prefix}.{next(self._ids)}"})
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def click(self, action_id: str, value: str, *, ephemeral: bool = False, channel: str = CHANNEL_ID,
              message: dict[str, Any] | None = None, user: str = USER_ID, trigger_id: str | None = None,
              **kwargs: Any) -> Sent:
        """A block_actions payload, as Slack sends it when a button of one of our messages is clicked."""
        message = message or {"type": "message", "ts": "1700000003.000100", "thread_ts": "1700000001.000100",
                              "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "…"}
        payload = {
            "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user},
            "api_app_id": "A0POLICY", "trigger_id": trigger_id or f"2.{self._prefix}.{next(self._ids)}", "channel": {"id": channel},
            "container": {"type": "message", "message_ts": message.get("ts"), "channel_id": channel,
                          "is_ephemeral": ephemeral},
            "response_url": self.api.response_url("action"),
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                         "action_ts": str(time.time())}],
        }
        if not ephemeral:
            payload["message"] = message
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded",
                         **kwargs)


class SlackHarness(SignedSender):
    """`with SlackHarness(bot) as slack:` — mock Web API + the app, on ephemeral loopback ports.

    `slack.api` is the MockWebAPI; `slack.event(...)`, `slack.mention(...)`, `slack.dm(...)`,
    `slack.command(...)` and `slack.click(...)` send signed requests and return a `Sent`.
    """

    def __init__(self, bot: Any, **create_app_kwargs: Any):
        super().__init__("", MockWebAPI())
        self.bot = bot
        self.kwargs = create_app_kwargs

    def __enter__(self) -> "SlackHarness":
        from policybot.fronts.slack.app import create_app
        from policybot.fronts.slack.serve import make_http_server
        self.api.start()
        client = WebClient(token=BOT_TOKEN, base_url=self.api.base_url)
        self.app = create_app(self.bot, signing_secret=SIGNING_SECRET, client=client, **self.kwargs)
        self.server = make_http_server(self.app, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), name="policybot-slack-http",
                                        daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/slack/events"
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.app.policybot.queue.drain(5.0)
        self.api.stop()

    @property
    def store(self) -> Any:
        return self.app.policybot.store

    def quiet(self, timeout: float = 10.0) -> list:
        """Wait until every acked answer was handled (the answer queue is idle); the posts so far."""
        deadline = time.monotonic() + timeout
        while not self.app.policybot.queue.idle():
            assert time.monotonic() < deadline, "the answer queue did not empty"
            time.sleep(0.002)
        return self.api.posts()

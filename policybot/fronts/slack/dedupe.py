"""Answer each Slack request once, and only when there is room to answer it.

Slack redelivers an event (with `x-slack-retry-num`) when our ack was slow or failed, with the
same `event_id`; a captured `/policy` request or button click can be replayed within Slack's
5-minute signature window, with the same `trigger_id`. The middleware remembers those ids in the
store (shared by every worker and host using it) and acks a repeat with 200 and nothing more.

Before that, it asks the answer queue for room: when the queue stays full it answers 503 without
remembering the id, so Slack delivers the request again later instead of us acking work we would drop.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

log = logging.getLogger("policybot.slack")

ROOM_WAIT = 1.0             # seconds a request may wait for room in the answer queue (Slack allows 3 for the ack)
DEDUPE_KEY = "policybot_dedupe_key"    # where the middleware leaves the key in Bolt's context


def request_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of an event, a command or a click (None for anything else)."""
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    app = body.get("api_app_id") or ""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{app}:{team}:{body['event_id']}"
    if body.get("command") and body.get("trigger_id"):
        return f"command:{app}:{team}:{body['trigger_id']}"
    if body.get("type") == "block_actions" and body.get("trigger_id"):
        return f"action:{app}:{team}:{body['trigger_id']}"
    return None


def make_middleware(store: Any, answer_queue: Any, room_wait: float = ROOM_WAIT) -> Callable[..., Any]:
    """A Bolt global middleware: back-pressure first, then repeats acked with 200 and dropped."""
    from slack_bolt import BoltResponse

    def answer_once(body: dict[str, Any], context: Any, next: Callable[[], None]) -> Any:
        key = request_key(body)
        if key is None:
            return next()
        if not answer_queue.wait_for_room(room_wait):
            log.warning("policybot: the answer queue is full; asking Slack to deliver %s again later",
                        key.split(":", 1)[0])
            return BoltResponse(status=503, body="busy, try again")
        if not store.first_time(key):
            log.info("policybot: %s already received; ignoring the repeat", key.split(":", 1)[0])
            return BoltResponse(status=200, body="")
        context[DEDUPE_KEY] = key
        return next()

    return answer_once

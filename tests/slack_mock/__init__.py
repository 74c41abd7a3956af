"""A local stand-in for Slack, for the Slack app's tests and the load benchmark (loopback only).

- `MockWebAPI`: Slack's Web API (auth.test, chat.postMessage, chat.postEphemeral, ...) and
  response_url endpoints on 127.0.0.1, recording every call;
- `SlackHarness`: the real Bolt app served over HTTP on an ephemeral port, with a client that
  signs requests the way Slack does.
"""
from .harness import SIGNING_SECRET, BOT_TOKEN, BOT_USER_ID, BOT_ID, SignedSender, SlackHarness, Sent
from .server import Call, MockWebAPI

__all__ = ["BOT_ID", "BOT_TOKEN", "BOT_USER_ID", "Call", "MockWebAPI", "SIGNING_SECRET", "Sent", "SignedSender", "SlackHarness"]

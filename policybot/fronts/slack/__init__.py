"""policybot in Slack: a thin slack-bolt layer over the engine, run as a service.

- `app.create_app(bot=None, ...)` builds the Bolt `App` and registers the listeners (`listeners/`);
- `answering` asks the engine with each thread's follow-up subject and logs the question (`policybot.store`);
- `engine` holds the engine and reloads it when the knowledge folder is rebuilt;
- `blocks` turns an `Answer` into Block Kit; `markup` reads and escapes Slack's text markup;
  `manners` recognises help, greetings and thanks; `export` writes a list as CSV;
- `posting` posts to Slack (kept-alive connections, retries); `work` is the bounded answer queue;
- `dedupe` answers each event, command and click once; `guard` is the HTTP door (size, signature, parse);
- `serve` chooses the mode at the edge (Socket Mode, HTTP); `wsgi` is the production entry point.

Importing this package does not import slack_bolt; `create_app` does, when first used.
"""
from __future__ import annotations

from typing import Any

from .config import MissingEnvError, SlackConfigError, StartError, missing_env

__all__ = ["MissingEnvError", "SlackConfigError", "StartError", "create_app", "missing_env"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(name)

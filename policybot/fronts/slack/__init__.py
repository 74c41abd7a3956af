"""policybot in Slack: a thin slack-bolt layer over the engine.

- `app.create_app(bot=None, ...)` builds the Bolt `App` and registers the listeners (`listeners/`);
- `blocks` turns an `Answer` into Block Kit; `markup` reads and escapes Slack's text markup;
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

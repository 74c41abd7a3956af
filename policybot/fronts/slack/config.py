"""What the Slack app reads from the environment, and the one error it reports when something is missing."""
from __future__ import annotations

import os
from typing import Mapping

from ...errors import PolicybotError

DEFAULT_API_URL = "https://slack.com/api/"


class SlackConfigError(PolicybotError):
    """The Slack app cannot start: missing variables or a token Slack refuses (one line, no secrets)."""


class MissingEnvError(SlackConfigError):
    """Variables the chosen mode needs are not set, or not usable as set (a usage error: exit 2)."""


class StartError(SlackConfigError):
    """The service could not start: the port, the host, or Slack refusing a token (exit 4)."""


SECRET_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


def needed_env(http: bool) -> tuple[str, ...]:
    """HTTP mode needs the bot token and the signing secret; Socket Mode the bot token and the app token."""
    return ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET") if http else ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")


def missing_env(http: bool, environ: Mapping[str, str] | None = None) -> list[str]:
    """The names of the needed variables that are unset or blank."""
    environ = os.environ if environ is None else environ
    return [name for name in needed_env(http) if not (environ.get(name) or "").strip()]


def check_env(http: bool, environ: Mapping[str, str] | None = None) -> None:
    """Raise SlackConfigError naming every missing variable (and the mode that needs them)."""
    environ = os.environ if environ is None else environ
    missing = missing_env(http, environ)
    if missing:
        mode = "HTTP mode (--http)" if http else "Socket Mode"
        raise MissingEnvError(f"missing {', '.join(missing)}: {mode} needs "
                               f"{' and '.join(needed_env(http))} set in the environment")
    for name in SECRET_VARIABLES:
        check_secret(name, environ.get(name))


def check_secret(name: str, value: str | None) -> None:
    """A token or secret with a line break, a space or a control character is a copy-paste accident:
    one line naming the variable (never its value)."""
    if value and any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise MissingEnvError(f"{name} contains a line break, a space or a control character: "
                               "set it again with the token alone")


def token_from_env(token: str | None = None) -> str:
    """The bot token given, else SLACK_BOT_TOKEN, checked; SlackConfigError if missing or malformed."""
    token = token or os.environ.get("SLACK_BOT_TOKEN")
    if not token:
        raise SlackConfigError("missing SLACK_BOT_TOKEN: the Slack app needs a bot token")
    check_secret("SLACK_BOT_TOKEN", token)
    return token


def api_url(environ: Mapping[str, str] | None = None) -> str:
    """Slack's Web API base URL: SLACK_API_URL when set (tests, proxies), with the trailing slash WebClient wants."""
    environ = os.environ if environ is None else environ
    url = (environ.get("SLACK_API_URL") or "").strip() or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"

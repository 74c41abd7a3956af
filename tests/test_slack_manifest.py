"""The shipped Slack app manifests ask for exactly what the app listens to."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policybot.fronts.slack.listeners.commands import COMMAND

ROOT = Path(__file__).resolve().parent.parent / "slack"


@pytest.mark.parametrize("name,socket_mode", [("manifest.yaml", True), ("manifest-http.yaml", False)])
def test_manifest_matches_the_app(name, socket_mode):
    manifest = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {"app_mentions:read", "chat:write", "commands",
                                                            "im:history", "files:write"}
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im",
                                                                                 "app_home_opened"}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == [COMMAND]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["socket_mode_enabled"] is socket_mode
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True       # DMs allowed
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True           # usage and edition
    if not socket_mode:
        urls = [manifest["settings"]["event_subscriptions"]["request_url"],
                manifest["settings"]["interactivity"]["request_url"],
                manifest["features"]["slash_commands"][0]["url"]]
        assert all(u.endswith("/slack/events") for u in urls)


def test_readme_takes_a_user_from_nothing_to_a_bot():
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In Slack", 1)[1].split("\n## ", 1)[0]
    for needed in ("slack/manifest.yaml", "slack/manifest-http.yaml", "connections:write", "SLACK_BOT_TOKEN",
                   "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "\npolicybot slack\n", "policybot slack --http",
                   "policybot.fronts.slack.wsgi:app", "/slack/events", "/healthz", "benchmarks/slack_load.py"):
        assert needed in section, needed
    for path in ("slack/manifest.yaml", "slack/manifest-http.yaml", "benchmarks/slack_load.py"):
        assert (ROOT.parent / path).exists(), path

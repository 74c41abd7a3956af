"""Checks shared by the Slack tests: what a message displays, and Slack's Block Kit limits."""
from __future__ import annotations

import json

from policybot.fronts.slack import blocks


def texts(message: dict) -> list[str]:
    """Every mrkdwn/plain_text string of a message, the fallback included."""
    found = [message["text"]]

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text"):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(message["blocks"])
    return found


def assert_within_limits(message: dict) -> None:
    assert message["text"].strip()
    assert 0 < len(message["blocks"]) <= blocks.MAX_BLOCKS
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= blocks.MAX_SECTION_CHARS
            for field in block.get("fields", []):
                assert len(field["text"]) <= blocks.MAX_FIELD_CHARS
            assert len(block.get("fields", [])) <= 10
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
            ids = [e["action_id"] for e in block["elements"]]
            assert len(ids) == len(set(ids))
            for element in block["elements"]:
                assert len(element["text"]["text"]) <= blocks.MAX_BUTTON_CHARS
                assert len(element["value"]) <= blocks.MAX_VALUE_CHARS
    json.dumps(message)                                   # serialisable as Slack wants it

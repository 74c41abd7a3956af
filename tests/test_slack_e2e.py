"""End to end: the real engine on the shipped knowledge base, behind the real Bolt app in HTTP mode,
talking to the local mock of Slack's Web API; and `policybot slack --http` run as a process."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from policybot.fronts.slack import blocks
from slack_mock.processes import stop
from slack_mock import BOT_TOKEN, SIGNING_SECRET, MockWebAPI, SignedSender, SlackHarness
from slack_mock.harness import CHANNEL_ID, DM_CHANNEL_ID
from slack_mock.checks import assert_within_limits


@pytest.fixture(scope="module")
def slack():
    with SlackHarness(None) as harness:          # no bot given: the app loads the real one itself
        yield harness


@pytest.fixture(autouse=True)
def fresh(slack):
    slack.api.clear()


def test_mention_about_a_cookie(slack):
    slack.mention("what is _zendesk_session", ts="1700000100.000100")
    post = slack.api.wait_posts(1)[0]
    assert post.args["thread_ts"] == "1700000100.000100"
    assert_within_limits({"text": post.args["text"], "blocks": post.blocks})
    assert post.args["text"].startswith("_zendesk_session: Hold session information")
    card = post.blocks[1]
    assert [f["text"] for f in card["fields"]] == ["*Website*\nwww.zendesk.com", "*Duration*\nSession",
                                                   "*Category*\nEssential"]
    assert post.blocks[2]["elements"][0]["text"] == "Source: Cookie table"


def test_slash_command_long_list_within_limits(slack):
    sent = slack.command("which cookies are advertising cookies?")
    assert sent.status == 200 and sent.seconds < 1.0
    post = slack.api.wait_posts(1)[0]
    assert post.method == "response_url" and post.args["response_type"] == "ephemeral"
    message = {"text": post.args["text"], "blocks": post.blocks}
    assert_within_limits(message)
    body = post.blocks[1]["text"]["text"]
    assert body.startswith("The policy lists 25 ")
    assert body.count("\n• ") == blocks.MAX_LIST_ROWS
    assert body.endswith("… and 5 more")


def test_dm_abstains_then_a_suggestion_is_asked(slack):
    slack.dm("what is the capital of France")
    post = slack.api.wait_posts(1)[0]
    assert post.args["channel"] == DM_CHANNEL_ID
    assert "France" in post.args["text"] and not any(t["type"] == "context" and "Source" in json.dumps(t)
                                                     for t in post.blocks)
    suggestions = next(b for b in post.blocks if b.get("block_id") == "policybot_suggestions")["elements"]
    assert suggestions
    first = suggestions[0]
    slack.api.clear()
    slack.click(first["action_id"], first["value"], channel=DM_CHANNEL_ID,
                message={"type": "message", "ts": post.args.get("ts", "1700000200.000100"), "bot_id": "B"})
    again = slack.api.wait_posts(1)[0]
    assert again.args["channel"] == DM_CHANNEL_ID
    assert again.blocks[0]["elements"][0]["text"].endswith(f"asked: “{first['value']}”")
    assert "does not mention" not in again.args["text"]              # the suggestion is answered


def test_french_question_in_a_thread_with_its_citation(slack):
    slack.mention("comment désactiver les cookies ?", ts="1700000300.000100", thread_ts="1700000299.000100")
    post = slack.api.wait_posts(1)[0]
    assert post.args["thread_ts"] == "1700000299.000100"
    assert "navigateur" in post.args["text"]
    assert any(b["type"] == "context" and "Section 5" in b["elements"][0]["text"] for b in post.blocks)


def test_share_in_channel_with_the_real_engine(slack):
    slack.click(blocks.SHARE, "what is _zendesk_session", ephemeral=True)
    public, delete = slack.api.wait_posts(2)
    assert public.args["response_type"] == "in_channel" and "_zendesk_session" in public.args["text"]
    assert delete.args["delete_original"] is True


def test_broadcasts_never_reach_the_real_engines_answer(slack):
    slack.mention("<!channel> what is <@U0VICTIM> <!here>")
    post = slack.api.wait_posts(1)[0]
    raw = json.dumps([post.args["text"], post.blocks], ensure_ascii=False)
    for forbidden in ("<!channel>", "<!here>", "<@U0VICTIM>"):
        assert forbidden not in raw


# --- the command, as a process ---------------------------------------------------------------

def _read_lines(stream, lines: "queue.Queue[str]") -> None:
    for line in stream:
        lines.put(line)


def test_policybot_slack_http_serves_signed_events():
    with MockWebAPI() as api:
        env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": api.base_url, "PYTHONUNBUFFERED": "1"}
        env.pop("SLACK_APP_TOKEN", None)
        process = subprocess.Popen([sys.executable, "-m", "policybot", "slack", "--http", "--host", "127.0.0.1",
                                    "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        try:
            lines: "queue.Queue[str]" = queue.Queue()
            threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
            deadline, url, seen = time.monotonic() + 30, None, []
            while url is None and time.monotonic() < deadline:
                try:
                    line = lines.get(timeout=0.5)
                except queue.Empty:
                    assert process.poll() is None, "".join(seen)
                    continue
                seen.append(line)
                if "listening on http://" in line:
                    url = line.split("listening on ", 1)[1].split()[0]
            assert url, "".join(seen)
            assert [c.method for c in api.calls][:1] == ["auth.test"]       # SLACK_API_URL was used
            sender = SignedSender(url, api)
            assert sender.mention("what is _zendesk_session", ts="1700000400.000100").status == 200
            post = api.wait_posts(1)[0]
            assert post.args["channel"] == CHANNEL_ID and post.args["thread_ts"] == "1700000400.000100"
            assert sender.mention("what is _zendesk_session", secret="wrong").status == 401
        finally:
            stop(process)
        output = "".join(seen) + "".join(iter_queue(lines))
        assert BOT_TOKEN not in output and SIGNING_SECRET not in output


def iter_queue(lines: "queue.Queue[str]"):
    while True:
        try:
            yield lines.get_nowait()
        except queue.Empty:
            return

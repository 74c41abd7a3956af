"""`policybot slack`: the environment it needs, checked before anything starts."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from policybot.fronts.terminal.cli import app

SLACK_VARS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


@pytest.fixture
def no_slack_env(monkeypatch):
    for name in SLACK_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run(*args: str):
    return CliRunner().invoke(app, ["slack", *args])


def test_socket_mode_without_tokens_exits_2_naming_them(no_slack_env):
    result = run()
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "SLACK_BOT_TOKEN" in lines[0] and "SLACK_APP_TOKEN" in lines[0]
    assert "SLACK_SIGNING_SECRET" not in lines[0]


def test_http_mode_without_signing_secret_exits_2(no_slack_env):
    no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-not-real-123")
    result = run("--http", "--port", "3999")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "policybot: missing SLACK_SIGNING_SECRET: HTTP mode (--http) needs SLACK_BOT_TOKEN and "
        "SLACK_SIGNING_SECRET set in the environment"]
    assert "xoxb-not-real-123" not in result.output                   # a token is never printed


def test_blank_variables_count_as_missing(no_slack_env):
    no_slack_env.setenv("SLACK_BOT_TOKEN", "  ")
    no_slack_env.setenv("SLACK_APP_TOKEN", "xapp-1")
    result = run()
    assert result.exit_code == 2 and "missing SLACK_BOT_TOKEN:" in result.output


def test_help_documents_the_modes():
    result = CliRunner().invoke(app, ["slack", "--help"])
    assert result.exit_code == 0
    for word in ("--http", "--port", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        assert word in result.output


def test_the_cli_does_not_import_slack_bolt_until_needed():
    code = "import sys, policybot.fronts.terminal.cli; print('slack_bolt' in sys.modules, 'slack_sdk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_socket_mode_connects_with_the_app_token_and_answers(no_slack_env):
    import json as _json

    from slack_bolt.request import BoltRequest

    import slack_bolt.adapter.socket_mode as socket_mode
    from policybot.fronts.slack import serve
    from slack_mock import MockWebAPI

    started = {}
    # a Socket Mode envelope carries no signature: the app takes it as it comes
    body = {"type": "event_callback", "team_id": "T0TEAM", "event_id": "EvSOCK1",
            "event": {"type": "app_mention", "user": "U1", "text": "<@UPOLICYBOT> what is _zendesk_session",
                      "ts": "1700000500.000100", "channel": "C1"}}

    class FakeSocketModeHandler:
        def __init__(self, app, app_token):
            started["app"], started["token"] = app, app_token

        def connect(self):
            started["status"] = self.app_dispatch()
            os.kill(os.getpid(), signal.SIGTERM)          # then stop serving: SIGTERM drains the answers

        def app_dispatch(self):
            return started["app"].dispatch(BoltRequest(body=_json.dumps(body), mode="socket_mode")).status

    with MockWebAPI() as api:
        no_slack_env.setenv("POLICYBOT_DATABASE_URL", "sqlite:///" + str(__import__("tempfile").mkdtemp()) + "/s.db")
        no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-socket")
        no_slack_env.setenv("SLACK_APP_TOKEN", "xapp-socket")
        no_slack_env.setenv("SLACK_API_URL", api.base_url)
        no_slack_env.setattr(socket_mode, "SocketModeHandler", FakeSocketModeHandler)
        serve.main(http=False)
        assert started["token"] == "xapp-socket" and started["status"] == 200
        assert [c.method for c in api.calls][0] == "auth.test"
        post = api.wait_posts(1)[0]                           # posted before main() returned: drained
        assert post.args["thread_ts"] == "1700000500.000100"
        assert post.headers["authorization"] == "Bearer xoxb-socket"


def test_a_refused_app_token_is_one_line_exit_4(no_slack_env, tmp_path):
    from slack_mock import MockWebAPI
    with MockWebAPI() as api:
        api.refuse("apps.connections.open", "invalid_auth")
        no_slack_env.setenv("POLICYBOT_DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
        no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-socket")
        no_slack_env.setenv("SLACK_APP_TOKEN", "xapp-secret-app-token")
        no_slack_env.setenv("SLACK_API_URL", api.base_url)
        result = run()
    assert result.exit_code == 4, result.output
    assert result.output.strip().splitlines()[-1] == "policybot: Slack refused SLACK_APP_TOKEN (invalid_auth)"
    assert "xapp-secret-app-token" not in result.output and "Traceback" not in result.output


def test_a_refused_bot_token_is_one_line_exit_4(no_slack_env, tmp_path):
    from slack_mock import MockWebAPI
    with MockWebAPI() as api:
        api.refuse("auth.test", "invalid_auth")
        no_slack_env.setenv("POLICYBOT_DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
        no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-secret-bot-token")
        no_slack_env.setenv("SLACK_SIGNING_SECRET", "s")
        no_slack_env.setenv("SLACK_API_URL", api.base_url)
        result = run("--http", "--port", "0")
    assert result.exit_code == 4, result.output
    assert result.output.strip().splitlines()[-1].startswith("policybot: Slack refused SLACK_BOT_TOKEN")
    assert "xoxb-secret-bot-token" not in result.output


@pytest.mark.parametrize("port", ["99999", "-1"])
def test_a_bad_port_is_one_line_exit_4(no_slack_env, port):
    no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    no_slack_env.setenv("SLACK_SIGNING_SECRET", "s")
    result = run("--http", "--port", port)
    assert result.exit_code == 4
    assert result.output.strip() == f"policybot: --port {port} is not a port number (0-65535)"


@pytest.mark.parametrize("variable", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"])
def test_a_token_with_a_newline_is_a_config_error_that_hides_it(no_slack_env, variable):
    no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-good-token")
    no_slack_env.setenv("SLACK_SIGNING_SECRET", "good-secret")
    no_slack_env.setenv(variable, "first-half-SECRET\nsecond-half")
    result = run("--http")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and "line break" in lines[0]
    assert "SECRET" not in result.output.replace("SLACK_SIGNING_SECRET", "")


def test_bad_log_level_is_a_usage_error(no_slack_env):
    result = run("--http", "--log-level", "chatty")
    assert result.exit_code == 2 and "--log-level must be" in result.output


def test_unreachable_slack_is_one_line_exit_4(no_slack_env, tmp_path):
    from slack_mock import MockWebAPI
    no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-secret-token-1")
    no_slack_env.setenv("SLACK_SIGNING_SECRET", "s")
    with MockWebAPI() as api:                    # a port that was open, now closed: nothing listens
        closed = api.base_url
    no_slack_env.setenv("SLACK_API_URL", closed)
    no_slack_env.setenv("POLICYBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite3'}")
    result = run("--http", "--port", "0")
    assert result.exit_code == 4
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("policybot: cannot reach Slack's Web API") and "Traceback" not in result.output
    assert "xoxb-secret-token-1" not in result.output


def test_unreachable_slack_prints_one_line_from_a_real_process(tmp_path):
    """The Web API client's own retry log lines stay out of it: the user reads one line, then exit 4."""
    from slack_mock import MockWebAPI
    with MockWebAPI() as api:
        closed = api.base_url
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "POLICYBOT_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-secret-token-1", SLACK_SIGNING_SECRET="s", SLACK_API_URL=closed,
               POLICYBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'state.sqlite3'}", XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-m", "policybot", "slack", "--http", "--port", "0"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("policybot: cannot reach Slack's Web API")


@pytest.mark.parametrize("host, cause", [("192.0.2.1", "not an address of this machine"),
                                         ("no-such-host.invalid", "no such host")])
def test_a_host_it_cannot_listen_on_is_one_line_exit_4(no_slack_env, tmp_path, host, cause):
    from slack_mock import MockWebAPI
    with MockWebAPI() as api:
        no_slack_env.setenv("POLICYBOT_DATABASE_URL", f"sqlite:///{tmp_path / 's.db'}")
        no_slack_env.setenv("SLACK_BOT_TOKEN", "xoxb-1")
        no_slack_env.setenv("SLACK_SIGNING_SECRET", "s")
        no_slack_env.setenv("SLACK_API_URL", api.base_url)
        result = run("--http", "--host", host, "--port", "0")
    assert result.exit_code == 4, result.output
    assert result.output.strip().splitlines()[-1] == f"policybot: cannot listen on {host}:0: {cause}"

"""The production entry point, a WSGI application for any WSGI server, e.g.

    gunicorn --workers 4 --threads 4 --bind 0.0.0.0:3000 'policybot.fronts.slack.wsgi:app'

Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; optionally POLICYBOT_KNOWLEDGE (a knowledge
directory, reloaded by every worker when it is rebuilt), POLICYBOT_DATABASE_URL (the store the
workers and hosts share: request ids, conversations, questions, votes; default SQLite in the
user's state folder) and SLACK_API_URL. Slack's requests go to /slack/events; GET /healthz answers
"ok" (or says the store is degraded to memory). When a worker exits (SIGTERM), its acked answers
are drained within the deadline and what is left is counted.
"""
from __future__ import annotations

import atexit
import os

from ... import load
from ...store import open_store
from .app import create_app
from .config import check_env
from .engine import Engine
from .serve import wsgi_app
from .work import DRAIN_DEADLINE

check_env(http=True)
_knowledge = os.environ.get("POLICYBOT_KNOWLEDGE") or None
slack_app = create_app(store=open_store(), engine=Engine(load(_knowledge), _knowledge, watch=True),
                       verified_at_the_door=True)      # wsgi_app's guard checks every signature first
atexit.register(lambda: slack_app.policybot.queue.drain(DRAIN_DEADLINE))
app = application = wsgi_app(slack_app)

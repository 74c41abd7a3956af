"""The production entry point, a WSGI application for any WSGI server, e.g.

    gunicorn --workers 4 --threads 4 --bind 0.0.0.0:3000 'policybot.fronts.slack.wsgi:app'

Needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; optionally POLICYBOT_KNOWLEDGE (a knowledge
directory), SLACK_API_URL, POLICYBOT_SLACK_DEDUPE_DB (the SQLite file where the workers of this
host share the ids of recent events, default in the temp dir). Slack's requests go to
/slack/events; GET /healthz answers "ok". The knowledge base is read-only and loaded once (with
--preload, before the fork): the workers share nothing else and scale out behind a load balancer.
"""
from __future__ import annotations

import os

from ... import load
from .app import create_app
from .config import check_env
from .dedupe import SharedIds, default_shared_path
from .serve import wsgi_app

check_env(http=True)
app = application = wsgi_app(create_app(load(os.environ.get("POLICYBOT_KNOWLEDGE") or None),
                                        seen=SharedIds(default_shared_path())))

"""The pooled poster: responses read by its own parser, one kept-alive connection reused, errors retried."""
from __future__ import annotations

import io
import socket
import threading

import pytest

from policybot.fronts.slack.posting import GaveUp, PostError, RetryPolicy, SlackPoster, read_response
from slack_mock import MockWebAPI


def test_read_response_with_content_length_and_chunked():
    plain = io.BytesIO(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}rest")
    assert read_response(plain) == (200, {"content-type": "application/json", "content-length": "11"}, b'{"ok":true}')
    chunked = io.BytesIO(b"HTTP/1.1 429 Too Many\r\nTransfer-Encoding: chunked\r\nRetry-After: 3\r\n\r\n"
                         b"4\r\n{\"ok\r\n7;x=y\r\n\":false\r\n1\r\n}\r\n0\r\n\r\n")
    status, headers, body = read_response(chunked)
    assert (status, headers["retry-after"], body) == (429, "3", b'{"ok":false}')
    with pytest.raises(EOFError):
        read_response(io.BytesIO(b""))
    with pytest.raises(EOFError):
        read_response(io.BytesIO(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"))


def test_one_connection_is_kept_for_many_posts():
    with MockWebAPI() as api:
        accepted = []
        original = api.server.get_request

        def counting():
            pair = original()
            accepted.append(pair[1])
            return pair
        api.server.get_request = counting
        poster = SlackPoster("xoxb-1", api.base_url)
        for n in range(20):
            assert poster.api("chat.postMessage", channel="C1", text=f"answer {n}")["ok"]
        assert len(api.posts()) == 20 and len(accepted) == 1
        assert api.posts()[0].headers["authorization"] == "Bearer xoxb-1"


def test_a_refusal_is_not_retried_and_a_dead_host_is_given_up():
    with MockWebAPI() as api:
        api.refuse("chat.postMessage", "channel_not_found")
        poster = SlackPoster("xoxb-1", api.base_url, RetryPolicy(attempts=3, first_delay=0.01))
        with pytest.raises(PostError, match="channel_not_found"):
            poster.api("chat.postMessage", channel="C1", text="x")
        assert len(api.attempts("chat.postMessage")) == 1
        closed = api.base_url
    with pytest.raises(GaveUp, match="connection failed .* after 3 tries"):
        SlackPoster("xoxb-1", closed, RetryPolicy(attempts=3, first_delay=0.01)).api("chat.postMessage", text="x")


def test_a_connection_the_server_closed_is_reopened():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        reply = b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}"

        def serve():                              # answers one request per connection, then hangs up
            for _ in range(2):
                conn, _ = listener.accept()
                with conn:
                    conn.recv(65536)
                    conn.sendall(reply)
        server = threading.Thread(target=serve, daemon=True)
        server.start()
        poster = SlackPoster("xoxb-1", f"http://127.0.0.1:{port}/api/", RetryPolicy(attempts=1))
        assert poster.api("chat.postMessage", text="one")["ok"]
        assert poster.api("chat.postMessage", text="two")["ok"]          # the kept socket was closed: reconnect
        server.join(5)

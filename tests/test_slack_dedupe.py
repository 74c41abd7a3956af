"""policybot.fronts.slack.dedupe: each event id remembered for a while, in one process or shared by several."""
from __future__ import annotations

from policybot.fronts.slack.dedupe import RecentIds, event_key


def test_recent_ids_remember_then_forget():
    now = [0.0]
    seen = RecentIds(ttl=60, clock=lambda: now[0])
    assert seen.add("a") and not seen.add("a") and seen.add("b")
    now[0] = 61
    assert seen.add("a")                # forgotten after the TTL
    assert len(seen) == 1               # "b" expired too


def test_recent_ids_are_bounded():
    seen = RecentIds(ttl=3600, max_entries=100)
    for i in range(1000):
        seen.add(str(i))
    assert len(seen) <= 100


def test_event_key_only_for_event_callbacks():
    assert event_key({"type": "event_callback", "event_id": "Ev1", "team_id": "T1", "api_app_id": "A1"}) == "A1:T1:Ev1"
    assert event_key({"type": "block_actions"}) is None
    assert event_key({"command": "/policy"}) is None


def test_shared_ids_are_shared_between_processes(tmp_path):
    import multiprocessing
    path = tmp_path / "events.sqlite3"
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        results = pool.starmap(_add_all, [(str(path), 200)] * 3)
    firsts = [sum(r[i] for r in results) for i in range(200)]
    assert firsts == [1] * 200                 # each id was new to exactly one process


def _add_all(path: str, n: int) -> list[bool]:
    from policybot.fronts.slack.dedupe import SharedIds
    seen = SharedIds(path)
    return [seen.add(f"T1:Ev{i}") for i in range(n)]


def test_shared_ids_expire(tmp_path, monkeypatch):
    from policybot.fronts.slack import dedupe
    now = [1000.0]
    monkeypatch.setattr(dedupe.time, "time", lambda: now[0])
    seen = dedupe.SharedIds(tmp_path / "ids.sqlite3", ttl=60)
    assert seen.add("a") and not seen.add("a")
    now[0] += 61
    assert seen.add("a") and not seen.add("a") and len(seen) == 1

"""The engine cache: a fresh copy is reused, any change to the knowledge builds afresh, and it is optional."""
import gc
import os
import pickle
import shutil
import stat

import pytest

import policybot
from policybot.knowledge import cache
from policybot.errors import KnowledgeError
from policybot.knowledge import default_knowledge_dir


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test starts with an empty cache of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def kb_copy(tmp_path):
    folder = tmp_path / "kb"
    shutil.copytree(default_knowledge_dir(), folder, ignore=shutil.ignore_patterns("source", "__pycache__"))
    return folder


def test_second_load_comes_from_the_cache_and_answers_the_same(kb_copy):
    first = policybot.load(kb_copy)
    assert list(cache.cache_dir().glob("engine-*.pickle"))
    second = policybot.load(kb_copy)
    assert second is not first
    assert second.ask("what is Wistia").to_dict() == first.ask("what is Wistia").to_dict()


def test_a_loaded_engine_leaves_the_collector_on(kb_copy):
    policybot.load(kb_copy)                 # built
    policybot.load(kb_copy)                 # from the cache
    assert gc.isenabled()


def test_an_engine_from_the_cache_is_not_left_for_the_collector(kb_copy):
    """Turned back on after an engine came in from the cache, the collector does not walk it (the first
    allocation after a plain gc.enable would: half a second of every warm start at 100,000 rows)."""
    policybot.load(kb_copy)                 # built and kept
    collections = []

    def record(phase, info):
        if phase == "start":
            collections.append(info["generation"])
    gc.collect()
    gc.callbacks.append(record)
    try:
        entry = cache._load(next(cache.cache_dir().glob("engine-*.pickle")), cache.fingerprint(kb_copy))
        after = [entry]                     # an allocation, as any code after the load makes
    finally:
        gc.callbacks.remove(record)
    assert entry is not None and gc.isenabled() and after and collections == []


def test_an_edited_knowledge_file_is_not_served_from_the_cache(kb_copy):
    policybot.load(kb_copy)
    cookies = kb_copy / "cookies.yaml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("Video Streaming", "Video hosting"), encoding="utf-8")
    assert "Video hosting" in policybot.load(kb_copy).ask("what is Wistia").text


def test_a_broken_knowledge_file_is_reported_not_hidden_by_the_cache(kb_copy):
    policybot.load(kb_copy)
    (kb_copy / "cookies.yaml").write_text("cookies: [", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="cookies.yaml"):
        policybot.load(kb_copy)


def test_a_corrupt_cache_file_is_rebuilt(kb_copy):
    policybot.load(kb_copy)
    for path in cache.cache_dir().glob("engine-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert policybot.load(kb_copy).ask("what is Wistia").answered


def test_the_cache_can_be_turned_off(kb_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("POLICYBOT_CACHE", "off")
    assert policybot.load(kb_copy).ask("what is Wistia").answered
    assert not (tmp_path / "elsewhere").exists()


def test_an_unwritable_cache_is_ignored(kb_copy, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))       # a file where a folder should be
    assert policybot.load(kb_copy).ask("what is Wistia").answered


def entries():
    return sorted(cache.cache_dir().glob("engine-*.pickle"))


def test_the_cache_folder_is_private_and_entries_are_ours(kb_copy):
    policybot.load(kb_copy)
    assert stat.S_IMODE(os.stat(cache.cache_dir()).st_mode) == 0o700
    (entry,) = entries()
    assert os.stat(entry).st_uid == os.geteuid() and not os.stat(entry).st_mode & 0o077


def test_a_shared_cache_folder_is_made_private_before_use(kb_copy):
    cache.cache_dir().mkdir(parents=True)
    os.chmod(cache.cache_dir(), 0o777)
    policybot.load(kb_copy)
    assert stat.S_IMODE(os.stat(cache.cache_dir()).st_mode) == 0o700


def planted(kb_copy, payload):
    """Put `payload` where the entry for kb_copy goes, as an attacker (or an accident) would."""
    policybot.load(kb_copy)
    (entry,) = entries()
    entry.write_bytes(payload)
    return entry


class Boom:
    """Unpickling this runs code: a planted entry must never be unpickled."""

    def __reduce__(self):
        return (os.system, ("touch " + os.environ["BOOM_MARK"],))


def test_a_file_writable_by_others_is_never_unpickled(kb_copy, tmp_path, monkeypatch):
    mark = tmp_path / "boom"
    monkeypatch.setenv("BOOM_MARK", str(mark))
    entry = planted(kb_copy, pickle.dumps(Boom()))
    os.chmod(entry, 0o666)
    assert policybot.load(kb_copy).ask("what is Wistia").answered
    assert not mark.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_a_file_owned_by_another_user_is_never_unpickled(kb_copy, tmp_path, monkeypatch):
    mark = tmp_path / "boom"
    monkeypatch.setenv("BOOM_MARK", str(mark))
    entry = planted(kb_copy, pickle.dumps(Boom()))
    os.chmod(entry, 0o600)
    os.chown(entry, 12345, 12345)
    assert policybot.load(kb_copy).ask("what is Wistia").answered
    assert not mark.exists()


@pytest.mark.parametrize("payload", [pickle.dumps(42), pickle.dumps((cache.FORMAT, "another key", 42)), b"",
                                     b"\x80\x05\x95", b"\x80\x05garbage"], ids=["wrong type", "wrong key", "empty",
                                                                               "truncated", "garbage"])
def test_anything_unexpected_is_discarded_and_rebuilt_without_a_traceback(kb_copy, payload):
    entry = planted(kb_copy, payload)
    assert policybot.load(kb_copy).ask("what is Wistia").answered
    assert pickle.loads(entry.read_bytes())[:2] == (cache.FORMAT, entry.stem.removeprefix("engine-"))


def test_an_edit_that_keeps_size_and_time_is_not_served_stale(kb_copy):
    policybot.load(kb_copy)
    cookies = kb_copy / "cookies.yaml"
    status = os.stat(cookies)
    text = cookies.read_text(encoding="utf-8")
    edited = text.replace("Video Streaming", "Video Streamers", 1)
    assert len(edited) == len(text)
    cookies.write_text(edited, encoding="utf-8")
    os.utime(cookies, ns=(status.st_atime_ns, status.st_mtime_ns))        # as `cp -p` or `rsync -t` leave it
    assert "Video Streamers" in policybot.load(kb_copy).ask("what is Wistia").text


def test_several_knowledge_bases_are_kept(kb_copy, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(kb_copy, other)
    cookies = other / "cookies.yaml"
    cookies.write_text(cookies.read_text(encoding="utf-8").replace("Video Streaming", "Video hosting"), encoding="utf-8")
    policybot.load(kb_copy)
    policybot.load(other)
    kept = entries()
    assert len(kept) == 2
    policybot.load(kb_copy)
    policybot.load(other)
    assert entries() == kept                     # alternating: both served from the cache, nothing rebuilt


def test_the_oldest_entries_go_beyond_the_limit(kb_copy, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for word in ("one", "two", "three"):
        (kb_copy / "extra.txt").write_text(word)
        policybot.load(kb_copy)
    assert len(entries()) == 2


def test_a_big_table_is_parsed_once_for_its_text(kb_copy, monkeypatch):
    monkeypatch.setattr(cache, "DATA_MIN_CHARS", 0)              # the seed's files count as big here
    parsed = []
    real = cache.cached_parse.__globals__["_load"]
    policybot.load(kb_copy)
    assert sorted(cache.cache_dir().glob("data-*.pickle"))
    def watched(path, key):
        entry = real(path, key)
        parsed.append((path.name, entry is not None))
        return entry
    monkeypatch.setattr(cache, "_load", watched)
    overlay = kb_copy / "translations.yaml"
    overlay.write_text(overlay.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert policybot.load(kb_copy).ask("what is Wistia").answered      # the engine rebuilt ...
    hits = [name for name, found in parsed if name.startswith("data-") and found]
    assert len(hits) >= 2                                              # ... from the parsed tables kept

"""The engine cache: a fresh copy is reused, any change to the knowledge builds afresh, and it is optional."""
import shutil

import pytest

import policybot
from policybot.knowledge import cache
from policybot.errors import KnowledgeError
from policybot.knowledge import default_knowledge_dir


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

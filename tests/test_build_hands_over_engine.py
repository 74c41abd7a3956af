"""`build` checks its result by building the engine; it hands that engine to the cache, so the first answer on the
folder it built loads it instead of building it again, and any later change to the folder is still a miss."""
import shutil

import pytest

import policybot
from policybot.engine import index as engine_index
from policybot.ingest.build import build
from policybot.knowledge import cache, default_knowledge_dir

SOURCE = next((default_knowledge_dir() / "source").glob("*.txt"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_the_first_answer_after_a_build_loads_the_engine_the_build_made(tmp_path, monkeypatch):
    out = tmp_path / "kb"
    build(SOURCE, out)
    assert len(list(cache.cache_dir().glob("engine-*.pickle"))) == 1
    monkeypatch.setattr(engine_index.Index, "__init__", lambda self, kb: pytest.fail("built again"))
    bot = policybot.load(out)
    assert bot.kb.path == out and bot.kb.cookies
    assert bot.ask("what is _zendesk_session").answered


def test_a_folder_edited_after_its_build_is_built_afresh(tmp_path):
    out = tmp_path / "kb"
    build(SOURCE, out)
    overlay = out / "overlay.yaml"
    overlay.write_text("version: 1\naliases:\n  magic word: _zendesk_session\n", encoding="utf-8")
    answer = policybot.load(out).ask("what is magic word")
    assert [s["name"] for s in answer.sources][:1] == ["_zendesk_session"]


def test_a_rebuild_into_the_same_folder_hands_over_the_new_engine(tmp_path):
    out = tmp_path / "kb"
    build(SOURCE, out)
    (out / "overlay.yaml").write_text("version: 1\naliases:\n  magic word: _zendesk_session\n", encoding="utf-8")
    build(SOURCE, out)                                          # the overlay is carried over
    answer = policybot.load(out).ask("what is magic word")
    assert [s["name"] for s in answer.sources][:1] == ["_zendesk_session"]


def test_with_the_cache_off_a_build_leaves_nothing_in_it(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYBOT_CACHE", "off")
    build(SOURCE, tmp_path / "kb")
    assert not cache.cache_dir().exists() or not list(cache.cache_dir().glob("engine-*.pickle"))


def test_a_build_into_a_folder_copied_elsewhere_is_not_served_the_wrong_engine(tmp_path):
    out = tmp_path / "kb"
    build(SOURCE, out)
    elsewhere = tmp_path / "copy"
    shutil.copytree(out, elsewhere)
    assert policybot.load(elsewhere).kb.path == elsewhere      # keyed by the folder too: built for the copy

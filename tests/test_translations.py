"""The hand-kept translations.yaml covers the shipped policy in both languages, sentence for sentence."""
from pathlib import Path

import pytest

from policybot.engine.index import split_sentences
from policybot.knowledge import load_knowledge, validate_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"
OTHER = {"en": "fr", "fr": "en"}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(KNOWLEDGE)


def test_translations_are_valid_and_current(kb):
    assert validate_knowledge(KNOWLEDGE) == []
    assert kb.warnings == []


def test_every_paragraph_has_a_rendering_in_the_other_language(kb):
    for _, paragraph in kb.paragraphs():
        rendering = kb.translations.get(paragraph.id, {}).get(OTHER[paragraph.language])
        assert rendering and rendering.strip(), f"{paragraph.id}: no {OTHER[paragraph.language]} rendering"


def test_renderings_keep_the_sentence_count(kb):
    for _, paragraph in kb.paragraphs():
        rendering = kb.translations[paragraph.id][OTHER[paragraph.language]]
        source, rendered = split_sentences(paragraph.text), split_sentences(rendering)
        assert len(rendered) == len(source), f"{paragraph.id}: {len(source)} sentences, rendered as {len(rendered)}"


def test_every_title_has_a_rendering_in_the_other_language(kb):
    for section in kb.sections:
        rendering = kb.translations.get("title:" + section.number, {}).get(OTHER[section.title_language])
        assert rendering and rendering.strip(), f"section {section.number}: no {OTHER[section.title_language]} title"


def test_browser_names_are_kept(kb):
    for _, paragraph in kb.paragraphs():
        rendering = kb.translations[paragraph.id][OTHER[paragraph.language]]
        for name in ("Firefox", "Chrome", "Internet Explorer", "Safari", "Google", "Facebook", "Zendesk"):
            assert (name in paragraph.text) == (name in rendering), f"{paragraph.id}: {name}"

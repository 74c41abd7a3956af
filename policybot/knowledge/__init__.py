"""The knowledge base: validated dataclasses read from a folder of YAML files, and where that folder is."""
from .files import (CATEGORIES, COOKIES_FILE, ENV_VAR, FORMAT_VERSION, LANGUAGES, LEXICON_FILE, POLICY_FILE,
                    TRANSLATIONS_FILE, Cookie, KnowledgeBase, Lexicon, Metadata, Paragraph, Section,
                    default_knowledge_dir, dump_cookies, dump_policy, inspect_knowledge, knowledge_dir,
                    load_knowledge, sha12, validate_knowledge)

__all__ = ["CATEGORIES", "COOKIES_FILE", "ENV_VAR", "FORMAT_VERSION", "LANGUAGES", "LEXICON_FILE", "POLICY_FILE",
           "TRANSLATIONS_FILE", "Cookie", "KnowledgeBase", "Lexicon", "Metadata", "Paragraph", "Section",
           "default_knowledge_dir", "dump_cookies", "dump_policy", "inspect_knowledge", "knowledge_dir",
           "load_knowledge", "sha12", "validate_knowledge"]

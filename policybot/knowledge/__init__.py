"""The knowledge base: validated records read from a folder of YAML files, and where that folder is."""
from .files import (COOKIES_FILE, FORMAT_VERSION, POLICY_FILE, check_knowledge, dump_cookies, dump_policy, inspect_knowledge,
                    load_knowledge, validate_knowledge)
from .location import ENV_VAR, default_knowledge_dir, knowledge_dir
from .model import (CATEGORIES, DOCUMENT_KINDS, LANGUAGES, Cookie, Document, KnowledgeBase, Lexicon, Metadata, Paragraph, Section,
                    sha12)
from .overlay import HAND_KEPT_FILES, OVERLAY_FILE, TRANSLATIONS_FILE

__all__ = ["CATEGORIES", "COOKIES_FILE", "DOCUMENT_KINDS", "Document", "HAND_KEPT_FILES", "OVERLAY_FILE", "check_knowledge", "ENV_VAR", "FORMAT_VERSION", "LANGUAGES", "POLICY_FILE",
           "TRANSLATIONS_FILE", "Cookie", "KnowledgeBase", "Lexicon", "Metadata", "Paragraph", "Section",
           "default_knowledge_dir", "dump_cookies", "dump_policy", "inspect_knowledge", "knowledge_dir",
           "load_knowledge", "sha12", "validate_knowledge"]

"""policybot: answers questions about a cookie policy.

The public names load on first use, so `policybot --help` and `policybot check` do not import the engine.
"""
from __future__ import annotations

__version__ = "0.1.0"

_PUBLIC = {
    "Answer": "answer", "Bot": "engine", "Conversation": "engine", "load": "engine", "PolicybotError": "errors",
    "Cookie": "knowledge", "KnowledgeBase": "knowledge", "Section": "knowledge", "load_knowledge": "knowledge",
}
__all__ = [*_PUBLIC, "__version__"]


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'policybot' has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))

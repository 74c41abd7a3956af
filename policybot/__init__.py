"""policybot: answers questions about a cookie policy."""
__version__ = "0.1.0"

from .answer import Answer
from .engine import Bot, Conversation, load
from .errors import PolicybotError
from .knowledge import Cookie, KnowledgeBase, Section, load_knowledge

__all__ = ["Answer", "Bot", "Conversation", "Cookie", "KnowledgeBase", "PolicybotError", "Section", "__version__",
           "load", "load_knowledge"]

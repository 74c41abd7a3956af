"""policybot: answers questions about a cookie policy."""
__version__ = "0.1.0"

from .errors import PolicybotError
from .knowledge import Cookie, KnowledgeBase, Section, load_knowledge

__all__ = ["Cookie", "KnowledgeBase", "PolicybotError", "Section", "__version__", "load_knowledge"]

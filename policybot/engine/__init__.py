"""The engine: a question in, a structured `Answer` out."""
from .bot import Bot, Conversation, load

__all__ = ["Bot", "Conversation", "load"]

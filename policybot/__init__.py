"""policybot: answers questions about a cookie policy."""
__version__ = "0.1.0"

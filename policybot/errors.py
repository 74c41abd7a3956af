"""The project's own errors: every failure a user can cause is one of these, with a clear message."""


class PolicybotError(Exception):
    """Base class: a problem to report to the user in one line, never as a traceback."""


class IngestError(PolicybotError):
    """The policy text cannot be parsed into a knowledge base (says what and where)."""


class KnowledgeError(PolicybotError):
    """A knowledge base is missing or invalid; `problems` lists each as 'file: entry: field: message'."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []

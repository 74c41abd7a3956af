"""Where a knowledge base is: --knowledge, $POLICYBOT_KNOWLEDGE, the checkout's knowledge/, or the shipped copy."""
from __future__ import annotations

import os
from pathlib import Path

POLICY_FILE = "policy.yaml"
ENV_VAR = "POLICYBOT_KNOWLEDGE"


def default_knowledge_dir() -> Path:
    """The source checkout's `knowledge/` (editable installs), else the copy shipped in the package."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "knowledge" / POLICY_FILE).is_file():
        return checkout / "knowledge"
    if (package / "knowledge_data" / POLICY_FILE).is_file():
        return package / "knowledge_data"
    try:                                    # installed some other way (a zip, a namespace path)
        from importlib.resources import files
        for entry in files("policybot.knowledge_data").iterdir():
            if entry.name == POLICY_FILE:
                return Path(str(entry)).parent
    except (ImportError, OSError, TypeError):
        pass
    return package / "knowledge_data"      # missing: load and check say so


def knowledge_dir(path: str | os.PathLike | None = None) -> Path:
    """`path`, else $POLICYBOT_KNOWLEDGE, else the default knowledge base."""
    if path:
        return Path(path)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return default_knowledge_dir()

"""The columns of a cookie table or declaration, recognised by the words their headers use (en/fr)."""
from __future__ import annotations

import re

# Roles of a column -> header words (folded), longest and most specific first within each role.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("cookie name", "name of cookie", "cookie names", "nom du cookie", "nom des cookies", "nom du traceur",
             "cookies", "cookie", "name", "names", "nom", "identifier", "key"),
    "website": ("provider / domain", "provider/domain", "domain", "domains", "domaine", "domaines", "website",
                "websites", "site web", "sites web", "site", "host", "hôte", "provider", "fournisseur", "service",
                "vendor", "third party", "tiers", "éditeur"),
    "purpose": ("purpose", "purposes", "description", "finalité", "finalités", "objectif", "objet", "usage", "use",
                "function", "fonction", "what it does", "details", "détails"),
    "duration": ("duration", "expiry", "expiration", "expires", "expire", "lifetime", "lifespan", "retention",
                 "retention period", "storage period", "max-age", "max age", "maximum age", "maximum storage duration",
                 "storage duration", "durée", "durée de vie", "durée de conservation",
                 "conservation"),
    "category": ("category", "categories", "type", "cookie type", "type of cookie", "catégorie", "catégories",
                 "classification", "purpose category"),
}
ROLES = tuple(HEADER_WORDS)
NAME_HEADER_EXAMPLES = '"Cookie Name", "Name", "Cookie" or "Nom"'


def _fold(header: str) -> str:
    return " ".join(re.sub(r"[*:()]", " ", header.replace("\ufeff", "")).split()).casefold()


def column_roles(headers: list[str]) -> dict[str, int]:
    """Role -> column index for the headers it recognises. A header is matched whole first, then by its
    first word ("Cookie (first-party)"); the first column matching a role takes it."""
    roles: dict[str, int] = {}
    for index, header in enumerate(headers):
        folded = _fold(header)
        for role, words in HEADER_WORDS.items():
            if role in roles:
                continue
            if folded in words or any(folded.startswith(word + " ") for word in words if " " not in word) \
                    and role != "category":
                roles[role] = index
                break
    return roles


def is_cookie_table(headers: list[str]) -> bool:
    """A table whose header names the cookie and at least two other facts about it."""
    roles = column_roles(headers)
    return "name" in roles and len(roles) >= 3

"""What a document says about itself: status line, effective and last-updated dates, title, trailing notes."""
from __future__ import annotations

import re
from datetime import date

from ..knowledge.model import Metadata

_SKIP_LINK = re.compile(r"^(skip to (the )?(main )?content|passer directement au contenu|aller au contenu)", re.I)
_STATUS = re.compile(r"no longer in effect|previous version|archived version|version précédente|"
                     r"n.est plus en vigueur|plus en vigueur", re.I)
_EFFECTIVE = re.compile(r"^(effective (as of|from|on|date)|en vigueur (à compter|depuis|au)|date d.entrée en vigueur|"
                        r"entrée en vigueur)", re.I)
LAST_UPDATED = re.compile(r"^(dernière mise à jour|derniere mise a jour|mis à jour le|last updated|last modified|"
                          r"updated on)\b", re.I)
TRADEMARK = re.compile(r"trademark|registered mark|service mark|marques? (déposée|de service|de commerce)|™|®", re.I)
_POLICY_NAME = re.compile(r"\b(Cookies? Policy|Politique (?:relative aux|en matière de|de|des) cookies)\b", re.I)
_DEFINED_TERM = re.compile(r"\(\s*[“\"«]\s*([^”\"»]{1,60}?)\s*[”\"»]\s*\)")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH = "|".join(_MONTHS)
_DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(?P<day>[0-9]{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_MONTH})\s+(?P<year>[0-9]{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})\b")
_MARKUP = re.compile(r"^[_*]+|[_*]+$")


def clean(text: str) -> str:
    """Non-breaking and narrow spaces become plain spaces; the ends are stripped."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ").strip()


def iso_date(text: str) -> str | None:
    """The first date written in `text` ("March 1, 2024", "14 janvier 2024", "2024-03-01"), as YYYY-MM-DD."""
    found = []
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        for match in pattern.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else _MONTHS.get(month.casefold())
            if number is None:
                continue
            try:
                found.append((match.start(), date(int(match["year"]), number, int(match["day"])).isoformat()))
            except ValueError:          # "February 30"
                continue
    return min(found)[1] if found else None


def is_metadata_line(text: str) -> bool:
    """A line that says something about the document (status, effective or last-updated date), not policy."""
    body = _MARKUP.sub("", clean(text)).strip()
    return bool(_SKIP_LINK.match(body) or _EFFECTIVE.match(body) or (_STATUS.search(body) and len(body) < 200)
                or (LAST_UPDATED.match(body) and len(body) < 120))


def document_metadata(preamble: list[tuple[int, str]], trailing: list[tuple[int, str]], text: str,
                      warnings: list[str], where: str = "line", title: str | None = None,
                      keep_trailing: bool = True) -> Metadata:
    """Metadata from the paragraphs before the first section (`preamble`) and the last section's
    paragraphs (`trailing`: a last-updated line and trademark notes at its end are taken out of it).
    Unrecognised preamble text is kept as a note, with a warning."""
    status = effective = last_updated = None
    notes: list[str] = []
    for number, body in preamble:
        body = _MARKUP.sub("", clean(body)).strip()
        if _SKIP_LINK.match(body):
            continue
        if effective is None and _EFFECTIVE.match(body):
            effective = body
        elif status is None and _STATUS.search(body) and len(body) < 200:
            status = body
        elif last_updated is None and LAST_UPDATED.match(body) and len(body) < 120:
            last_updated = body
        else:
            notes.append(body)
            warnings.append(f"{where} {number}: text before the first section kept as a note: {body[:50]!r}")
    while trailing and keep_trailing:
        number, body = trailing[-1]
        body = clean(body)
        if last_updated is None and LAST_UPDATED.match(body) and len(body) < 120:
            last_updated = body
        elif TRADEMARK.search(body) and len(trailing) > 1:
            notes.insert(0, body)
        else:
            break
        trailing.pop()
    if title is None:
        company = None
        if effective:
            defined = _DEFINED_TERM.search(effective)
            company = defined.group(1) if defined else None
        policy_name = _POLICY_NAME.search(clean(text))
        name = " ".join(policy_name.group(1).split()) if policy_name else "Cookie Policy"
        title = f"{company} {name}" if company and not name.casefold().startswith(company.casefold()) else name
    in_effect = False if status else None       # a status line only ever says the policy is superseded
    return Metadata(
        title=title, status=status, in_effect=in_effect, superseded_on=iso_date(status) if status else None,
        effective_on=iso_date(effective) if effective else None, effective_text=effective,
        last_updated_on=iso_date(last_updated) if last_updated else None, last_updated_text=last_updated,
        notes=tuple(notes),
    )

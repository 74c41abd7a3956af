"""A synthetic knowledge base of N cookie rows, for the speed benchmark (run by hand, not a test).

    python benchmarks/synthetic_kb.py OUT_DIR [--rows 100000] [--seed 7]

OUT_DIR gets policy.yaml and the hand-kept files (overlay, translations) copied from knowledge/, and a
cookies.yaml in the shipped format: the seed's rows first (so the lexicon's aliases still point
at existing names), then generated rows with varied names (vendor-like words, `_prefix_snake_case`
ids, camelCase, "Vendor Product"), a few hundred websites, purposes built from a vocabulary of a few
hundred words (about 3% in French), and durations and categories written the way the policy writes
them. Deterministic for a given seed. The result is checked with policybot.load_knowledge unless
--no-check.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

import yaml

from policybot.language.durations import parse_policy_duration
from policybot.knowledge import COOKIES_FILE, POLICY_FILE, default_knowledge_dir
from policybot.knowledge.overlay import HAND_KEPT_FILES
from policybot.language.text import compact

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# -- vocabulary ---------------------------------------------------------------------------------------
ONSETS = ("b bl br c cl cr d dr f fl fr g gl gr h j k kl l m n p pl pr qu r s sc sk sl sn sp st t tr v w "
          "z zh x ch th sh").split()
VOWELS = "a e i o u a e i o ai ea io ou y".split()
CODAS = ("", "", "", "n", "r", "x", "l", "m", "s", "t", "nd", "st", "rk", "ck", "ng", "ph", "z")
VENDOR_ENDINGS = ("", "", "", "ly", "ify", "io", "ia", "ix", "metrics", "ads", "hub", "lab", "stack", "wise",
                  "sense", "flow", "pulse", "base", "cast", "loop", "point", "iq", "ora", "um", "go", "ster")
PRODUCTS = ("Analytics", "Pixel", "Tag", "Insights", "Ads", "Audience", "Connect", "Chat", "Video", "Player",
            "Widget", "Tracker", "Conversion", "Retargeting", "Remarketing", "Login", "Consent", "Survey",
            "Heatmaps", "Personalization", "Search", "Recommendations", "Live", "Sync", "Beacon", "Cloud",
            "Metrics", "Marketing", "Impression", "Business", "Optimize", "Experiments", "Reviews", "Maps")
ID_WORDS = ("session id uid sid token ts visitor user guest auth csrf xsrf lang locale pref prefs consent "
            "banner ab test variant exp bucket ref referrer utm src campaign click gclid fbp fbc hash cart "
            "checkout basket geo region tz device fp vid pv seq count first last seen ttl state flag opt "
            "out in cache lb route node shard cdn rt sso login remember me theme layout dismissed shown "
            "popup modal tour onboarding nps survey chat widget player video volume muted quality "
            "experiment cohort segment profile account org tenant plan trial promo").split()
CAMEL_WORDS = ("user visitor home page site popup banner consent cookie session last first seen hide show "
               "type mode theme lang locale pref layout cart checkout promo tour step chat widget video "
               "player volume region device screen width height accepted rejected dismissed count time "
               "stamp token auth login redirect return url source medium campaign landing referrer id "
               "state flag test variant bucket group tab panel menu notice alert").split()

VERBS = ("stores", "tracks", "records", "measures", "remembers", "identifies", "collects", "counts", "holds",
         "enables", "determines", "distinguishes", "detects", "registers", "analyses", "monitors", "saves",
         "keeps", "limits", "balances", "routes", "caches", "personalises", "optimises", "attributes",
         "captures", "reports", "syncs", "matches", "links", "estimates", "prevents", "protects", "secures",
         "authenticates", "verifies", "controls", "manages", "sets", "displays", "hides", "shows",
         "retargets", "segments", "tests", "serves", "delivers", "measures", "aggregates", "logs", "maps",
         "throttles", "recognises", "restores", "preserves", "signals", "selects", "ranks", "filters",
         "schedules")
NOUNS = ("visitor", "visitors", "user", "users", "session", "sessions", "preference", "preferences",
         "language", "region", "currency", "consent", "choice", "choices", "banner", "page", "pages", "view",
         "views", "click", "clicks", "scroll", "depth", "conversion", "conversions", "campaign", "campaigns",
         "advertisement", "ads", "impression", "impressions", "audience", "audiences", "segment", "segments",
         "interest", "interests", "behaviour", "behavior", "activity", "activities", "event", "events",
         "identifier", "identifiers", "device", "devices", "browser", "browsers", "screen", "resolution",
         "location", "timezone", "login", "logins", "account", "accounts", "password", "token", "tokens",
         "request", "requests", "form", "forms", "submission", "submissions", "cart", "basket", "checkout",
         "order", "orders", "product", "products", "recommendation", "recommendations", "search", "query",
         "queries", "result", "results", "video", "videos", "playback", "volume", "quality", "stream",
         "streaming", "chat", "widget", "widgets", "survey", "surveys", "feedback", "rating", "ratings",
         "review", "reviews", "experiment", "experiments", "variant", "variants", "test", "tests", "load",
         "traffic", "server", "servers", "cache", "assets", "content", "layout", "theme", "menu", "tour",
         "notification", "notifications", "popup", "popups", "modal", "referrer", "referral", "source",
         "medium", "keyword", "keywords", "attribution", "bid", "bids", "auction", "auctions", "frequency",
         "cap", "reach", "performance", "statistics", "metrics", "heatmap", "heatmaps", "recording",
         "recordings", "fraud", "bot", "bots", "security", "integrity", "state", "status", "history",
         "visit", "visits", "timestamp", "duration", "count", "counter", "newsletter", "subscription",
         "trial", "plan", "pricing", "support", "ticket", "tickets", "agent", "agents", "help", "article",
         "articles", "community", "comment", "comments", "share", "shares", "social", "network", "networks",
         "profile", "profiles", "partner", "partners", "vendor", "vendors", "platform", "platforms", "pixel",
         "tag", "tags", "script", "scripts", "domain", "domains", "subdomain", "routing", "node", "balancer",
         "region", "locale", "opt-out", "opt-in", "signal", "signals", "cohort", "cohorts", "funnel",
         "funnels", "journey", "journeys", "touchpoint", "touchpoints", "lead", "leads", "prospect",
         "prospects", "email", "emails", "open", "opens", "link", "links", "download", "downloads", "upload",
         "map", "maps", "calendar", "booking", "bookings", "payment", "payments", "invoice", "language")
ADJECTIVES = ("anonymous", "unique", "returning", "new", "first", "last", "current", "previous", "preferred",
              "selected", "default", "temporary", "persistent", "encrypted", "hashed", "aggregated",
              "individual", "logged-in", "authenticated", "third-party", "first-party", "cross-site",
              "cross-device", "local", "regional", "mobile", "desktop", "embedded", "interactive", "relevant",
              "personalised", "targeted", "contextual", "behavioural", "statistical", "technical",
              "functional", "essential", "optional", "marketing", "promotional", "sponsored", "organic",
              "paid", "recent", "frequent", "daily", "weekly", "monthly", "active", "inactive", "idle",
              "secure", "trusted", "suspicious", "automated", "manual", "optimal", "balanced", "random")
CONNECTORS = ("for", "of", "across", "between", "on", "per", "within", "from", "to", "during", "after",
              "before", "by", "in order to improve", "so as to measure", "to help", "used to")
FRENCH = {
    "verbs": ("Suivi", "Mesure", "Mémorisation", "Analyse", "Gestion", "Identification", "Personnalisation",
              "Enregistrement", "Affichage", "Comptage", "Attribution", "Optimisation"),
    "nouns": ("des conversions", "de l’audience", "des préférences", "de la langue", "des sessions",
              "du consentement", "des visites", "des campagnes publicitaires", "des clics", "du panier",
              "des vidéos", "des formulaires", "des utilisateurs", "des visiteurs", "du parcours",
              "des recherches", "de la région", "des publicités", "des performances", "du trafic"),
    "tails": ("", "", "sur le site", "entre les pages", "pour les partenaires", "des visiteurs",
              "à des fins statistiques", "sur plusieurs appareils", "pendant la visite"),
}
TLDS = ("com", "com", "com", "io", "net", "co", "org", "de", "fr", "co.uk", "app", "ai", "cloud")
SUBDOMAINS = ("www", "www", "www", "app", "cdn", "static", "track", "t", "go", "help", "support", "my",
              "login", "ads", "pixel", "api", "events", "collect")

# (duration as written, weight); the policy's own formats, English and French.
DURATIONS = (("Session", 18), ("1 an", 8), ("2 ans", 10), ("1 year", 4), ("2 years", 3), ("1.5 years", 1),
             ("5 ans", 1), ("10 ans", 1), ("20 ans", 0.3), ("6 months", 4), ("13 months", 3), ("3 mois", 2),
             ("30 jours", 6), ("90 days", 3), ("180 jours", 4), ("540 jours", 1), ("7 days", 3), ("1 day", 3),
             ("24 heures", 2), ("1 hour", 2), ("2 semaines", 2), ("1 week", 2), ("30 min", 4),
             ("10 minutes", 2), ("15 minutes", 1), ("365 days", 2), ("400 jours", 1), ("2 heures", 1))
CATEGORIES = (("essential", ("Essential",), 20), ("analytics", ("Analyses", "Analytics"), 28),
              ("functionality", ("Functionality/Preference",), 22),
              ("advertising", ("Targeting/Advertising", "Targeting /Advertising"), 30))
SEED_SITES = ("www.zendesk.com", "www.zopim.com", "www.bimeanalytics.com", "All Websites")


class _Generator:
    def __init__(self, seed: int, reserved: set[str], known_words: set[str]):
        self.r = random.Random(seed)
        self.reserved = set(reserved)
        self.known = {w.casefold() for w in known_words}
        self.vendors = self._unique(lambda: self._vendor_word(), 2500)
        self.words = self._unique(lambda: self._syllables(2, 3).lower(), 400)   # extra id / camel words
        self.sites = self._sites(320)
        self.site_weights = [8 if s in SEED_SITES else 1 for s in self.sites]
        self.durations = [d for d, _ in DURATIONS]
        self.duration_weights = [w for _, w in DURATIONS]
        self.duration_days = {d: parse_policy_duration(d) for d in self.durations}

    def _syllables(self, low: int, high: int) -> str:
        r = self.r
        return "".join(r.choice(ONSETS) + r.choice(VOWELS) + r.choice(CODAS) for _ in range(r.randint(low, high)))

    def _vendor_word(self) -> str:
        word = self._syllables(1, 2) + self.r.choice(VENDOR_ENDINGS)
        return word[:1].upper() + word[1:]

    def _unique(self, make, count: int) -> list[str]:
        seen: dict[str, str] = {}
        while len(seen) < count:
            word = make()
            if 4 <= len(word) <= 12 and word.lower() not in seen and word.casefold() not in self.known:
                seen[word.lower()] = word
        return list(seen.values())

    def _sites(self, count: int) -> list[str]:
        r, sites = self.r, list(SEED_SITES)
        while len(sites) < count:
            base = r.choice(self.vendors).lower() if r.random() < 0.7 else r.choice(self.words) + r.choice(self.words)
            site = f"{r.choice(SUBDOMAINS)}.{base}.{r.choice(TLDS)}"
            if site not in sites:
                sites.append(site)
        return sites

    def name(self) -> str:
        r = self.r
        vendor = r.choice(self.vendors)
        shape = r.random()
        if shape < 0.14:                                      # "Quantiply"
            return vendor
        if shape < 0.32:                                      # "Quantiply Pixel", "Quantiply Ads Sync"
            return " ".join([vendor] + r.sample(PRODUCTS, r.choice((1, 1, 1, 2))))
        if shape < 0.72:                                      # "_qp_session_id", "__vx_ab_variant_2"
            prefix = "_" * r.choice((1, 1, 1, 2)) + (vendor.lower()[:r.randint(2, 5)] if r.random() < 0.8
                                                      else r.choice(self.words))
            parts = r.sample(ID_WORDS + self.words[:60], r.randint(1, 3))
            if r.random() < 0.15:
                parts.append(str(r.randint(1, 99)))
            return "_".join([prefix] + parts)
        if shape < 0.94:                                      # "userConsentState", "qpLastSeen"
            head = vendor.lower()[:r.randint(2, 4)] if r.random() < 0.35 else r.choice(CAMEL_WORDS)
            tail = r.sample(CAMEL_WORDS, r.randint(1, 3))
            return head + "".join(w[:1].upper() + w[1:] for w in tail)
        return f"{vendor.lower()}_{r.choice(self.words)}{r.randint(0, 999)}"   # "quantiply_zorb412"

    def purpose(self) -> tuple[str, str]:
        r = self.r
        if r.random() < 0.03:
            text = " ".join(w for w in (r.choice(FRENCH["verbs"]), r.choice(FRENCH["nouns"]),
                                        r.choice(FRENCH["tails"])) if w)
            return text, "fr"
        words = [r.choice(VERBS).capitalize()]
        if r.random() < 0.5:
            words.append(r.choice(ADJECTIVES))
        words.append(r.choice(NOUNS))
        for _ in range(r.choice((0, 1, 1, 2, 2, 3))):
            words.append(r.choice(CONNECTORS))
            if r.random() < 0.4:
                words.append(r.choice(ADJECTIVES))
            words.append(r.choice(NOUNS))
        if r.random() < 0.1:
            words.append(f"on {r.choice(self.vendors)} {r.choice(PRODUCTS).lower()}")
        return " ".join(words), "en"

    def rows(self, count: int, first_row: int, seed_keys: set[str]) -> list[dict]:
        r, rows, previous = self.r, [], []
        banned = seed_keys | self.reserved
        while len(rows) < count:
            if previous and r.random() < 0.08:              # the same cookie on another website / purpose
                name = r.choice(previous[-500:])
            else:
                name = self.name()
                if compact(name) in banned or len(compact(name)) < 3:
                    continue
                previous.append(name)
            category, labels, _ = r.choices(CATEGORIES, weights=[c[2] for c in CATEGORIES])[0]
            duration = r.choices(self.durations, weights=self.duration_weights)[0]
            days, session = self.duration_days[duration]
            purpose, language = self.purpose()
            website = None if r.random() < 0.01 else r.choices(self.sites, weights=self.site_weights)[0]
            row = first_row + len(rows)
            rows.append({"row": row, "name": name, "website": website, "purpose": purpose, "duration": duration,
                         "duration_days": days, "session": session, "category": category,
                         "category_label": labels[0] if r.random() < 0.97 else labels[-1], "notes": [],
                         "purpose_language": language, "line": 66 + row})
        return rows


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .,/()&®’'\-]*[A-Za-z0-9_.)®’]|[A-Za-z_]")
_RESERVED_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"}


def _scalar(value) -> str:
    """A YAML scalar as `policybot build` writes it: plain where that reads back as the same string,
    else double-quoted (JSON escapes are valid YAML); numbers as PyYAML writes them."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value.casefold() not in _RESERVED_WORDS and ": " not in value \
                and " #" not in value:
            return value
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return yaml.safe_dump(value).splitlines()[0]      # "1.0e-05", never a bare "1e-05" (read as a string)
    return str(value)


def _write_cookies(path: Path, header: str, data: dict, rows: list[dict]) -> None:
    """cookies.yaml in the shipped format (its version and fields taken from the seed's file)."""
    keys = list(data["cookies"][0])
    source = data["source"]
    out = [header.rstrip("\n"), f"format: {data['format']}", "source:"]
    out += [f"  {k}: {_scalar(v)}" for k, v in source.items()]
    out.append("cookies:")
    for row in rows:
        first = True
        for key in keys:
            value = row.get(key)
            if key == "notes":
                text = "[]" if not value else "\n" + "\n".join(f"  - {_scalar(n)}" for n in value)
            else:
                text = _scalar(value)
            out.append(("- " if first else "  ") + f"{key}: {text}")
            first = False
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _known_words(source_dir: Path) -> set[str]:
    """Every word the engine's index knows for the source knowledge base (policy, table, lexicon)."""
    from policybot.knowledge import load_knowledge
    from policybot.language.text import tokens
    kb = load_knowledge(source_dir)
    words = {word for section in kb.sections for paragraph in section.paragraphs for word in tokens(paragraph.text)}
    words |= {word for section in kb.sections for word in tokens(section.title)}
    words |= {word for cookie in kb.cookies for word in tokens(f"{cookie.name} {cookie.purpose} {cookie.website or ''}")}
    try:                                     # the engine's own words too, where it exposes them
        from policybot.engine import load
        index = load(kb).index
        words |= set(getattr(index, "vocabulary", ())) | set(getattr(getattr(index, "lexicon", None), "stopwords", ()))
    except Exception:                        # noqa: BLE001 - the engine is being rewritten; its words are a bonus
        pass
    return words


def make_synthetic_kb(out_dir: str | Path, rows: int = 100_000, seed: int = 7, *, source_dir: str | Path | None = None,
                      reserved: set[str] = frozenset(), known_words: set[str] | None = None, check: bool = True) -> Path:
    """Write a knowledge base of `rows` cookie rows (the seed's rows included) into `out_dir`; return it.

    `reserved`: compact names (policybot.language.text.compact) never generated, e.g. the names a benchmark's
    abstention questions ask about, so that "the policy does not list it" stays true.
    `known_words`: words no invented vendor or domain word may be (default: every word of the source
    knowledge base and its lexicon). Without it a vendor called "List" or "Session" turns up, and
    "list essential cookies" becomes a question about that vendor.
    """
    source_dir = Path(source_dir) if source_dir else default_knowledge_dir()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in (POLICY_FILE, "lexicon.yaml", *HAND_KEPT_FILES):
        if (source_dir / name).is_file():
            shutil.copyfile(source_dir / name, out / name)
    text = (source_dir / COOKIES_FILE).read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.load(text, Loader=_SafeLoader)
    seed_rows = data["cookies"]
    if known_words is None:
        known_words = _known_words(source_dir)
    generator = _Generator(seed, reserved, known_words)
    extra = generator.rows(max(0, rows - len(seed_rows)), len(seed_rows) + 1, {compact(c["name"]) for c in seed_rows})
    shared = {key: seed_rows[0][key] for key in ("document", "provider") if key in seed_rows[0]}
    extra = [{**row, **shared} for row in extra]          # format 2: every row names its document
    _write_cookies(out / COOKIES_FILE, header, data, seed_rows + extra)
    if check:
        from policybot.knowledge import load_knowledge
        kb = load_knowledge(out)
        assert len(kb.cookies) == len(seed_rows) + len(extra), (len(kb.cookies), len(seed_rows) + len(extra))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write (created if needed)")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-check", action="store_true", help="skip loading the result with load_knowledge")
    a = ap.parse_args(argv)
    start = time.perf_counter()
    path = make_synthetic_kb(a.out, a.rows, a.seed, check=not a.no_check)
    print(f"wrote {path} ({a.rows:,} rows) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

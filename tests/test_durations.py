import pytest

from policybot.language.durations import humanize_days, parse_cli_duration, parse_policy_duration
from policybot.errors import IngestError


@pytest.mark.parametrize("text, days, session", [
    ("Session", None, True),
    ("10 minutes", 10 / 1440, False),
    ("30 min", 30 / 1440, False),
    ("2 ans", 730, False),
    ("1 an", 365, False),
    ("1.5 years", 547.5, False),
    ("6 months", 180, False),
    ("180\u00a0jours", 180, False),
    ("2\u00a0semaines", 14, False),
    ("540 jours", 540, False),
    ("1,5 an", 547.5, False),
    ("3 heures", 0.125, False),
    # Real-world wordings: session phrases, a persistent term, trailing conditions or configuration.
    ("When the browser closes", None, True),
    ("end of session", None, True),
    ("Expires at the end of the session", None, True),
    ("Until the browser is closed", None, True),
    ("Fin de session", None, True),
    ("Session; can be extended to 30 days in Admin settings", None, True),
    ("Persistent: 1 year", 365, False),
    ("Persistent, 2 years", 730, False),
    ("13 months", 390, False),
    ("2 weeks", 14, False),
    ("400 days", 400, False),
    ("24 hours", 1, False),
    ("30 minutes", 30 / 1440, False),
    ("6 months, or until you log out", 180, False),
    ("12 hours unless 'Remember me' is ticked, then 14 days", 0.5, False),
    ("1 year, or Session if your admin enables Minimal tracking", 365, False),
    ("1 hour, renewed while the widget stays open", 1 / 24, False),
    ("3 mois", 90, False),
    ("1 semaine", 7, False),
    ("30 jours", 30, False),
    ("2 heures", 2 / 24, False),
    ("one year", 365, False),
])
def test_policy_durations(text, days, session):
    got_days, got_session = parse_policy_duration(text)
    assert got_session is session
    assert got_days == pytest.approx(days) if days is not None else got_days is None


@pytest.mark.parametrize("text", ["", "forever", "2", "ans", "2 lightyears", "-1 an", "annual",
                                  "Until you change your language in Profile settings", "Sessions of 2 days"])
def test_unknown_policy_duration_is_an_ingest_error(text):
    with pytest.raises(IngestError, match="duration"):
        parse_policy_duration(text)


@pytest.mark.parametrize("text, days", [
    ("1y", 365), ("6mo", 180), ("30d", 30), ("1h", 1 / 24), ("90m", 90 / 1440), ("2w", 14), ("1.5y", 547.5),
    ("2 years", 730), ("6 mois", 180),
])
def test_cli_durations(text, days):
    assert parse_cli_duration(text) == pytest.approx(days)


@pytest.mark.parametrize("text", ["", "y", "1x", "one year", "1 y 2"])
def test_bad_cli_duration_says_how_to_write_one(text):
    with pytest.raises(ValueError, match=r"invalid duration .*e\.g\. 1y, 6mo"):
        parse_cli_duration(text)


@pytest.mark.parametrize("days, en, fr", [
    (730, "2 years", "2 ans"),
    (365, "1 year", "1 an"),
    (547.5, "1.5 years", "1,5 an"),
    (3650, "10 years", "10 ans"),
    (180, "6 months", "6 mois"),
    (540, "18 months", "18 mois"),
    (14, "2 weeks", "2 semaines"),
    (7, "1 week", "1 semaine"),
    (30, "30 days", "30 jours"),
    (1, "1 day", "1 jour"),
    (10 / 1440, "10 minutes", "10 minutes"),
    (0.5, "12 hours", "12 heures"),
])
def test_humanize(days, en, fr):
    assert humanize_days(days) == en
    assert humanize_days(days, "fr") == fr


def test_every_policy_wording_round_trips_through_humanize():
    for text in ["2 ans", "1 an", "1.5 years", "6 months", "180 jours", "2 semaines", "10 minutes", "20 ans"]:
        days, _ = parse_policy_duration(text)
        assert parse_policy_duration(humanize_days(days))[0] == pytest.approx(days)

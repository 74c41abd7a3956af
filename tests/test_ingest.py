"""The parser on the real seed (field by field on the tricky rows), on a later edition, and on bad input."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybot.errors import IngestError
from policybot.ingest import parse_policy, split_name_purpose

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parent.parent / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed():
    return parse_policy(SEED_TEXT)


def row(parsed, number):
    cookie = parsed.cookies[number - 1]
    assert cookie.row == number
    return cookie


def fields(cookie):
    return (cookie.website, cookie.name, cookie.purpose, cookie.duration, cookie.duration_days, cookie.session,
            cookie.category, cookie.category_label)


# ---------------------------------------------------------------------------------------------------
# The cookie table


def test_seed_has_53_rows_in_source_order(seed):
    assert len(seed.cookies) == 53
    assert [c.row for c in seed.cookies] == list(range(1, 54))
    assert [c.line for c in seed.cookies] == sorted(c.line for c in seed.cookies)


LONG_CAPTURE = "Capture conversions on a cookie level to help automate campaigns and capture cookie information for visitors."

TRICKY_ROWS = [
    # row, website, name, purpose, duration, days, session, category, label
    (1, "All Websites", "Google Analytics",
     "This web analytics cookie collects information about how visitors use the Websites, which website the user "
     "came from, the number of each user’s visits and how long a user stays on the Websites",
     "2 ans", 730, False, "analytics", "Analyses"),
    (2, "www.bimeanalytics.com", "Google Analytics", "Session Google Analytics", "10 minutes", 10 / 1440, False,
     "analytics", "Analyses"),
    (3, "www.bimeanalytics.com", "Heap Analytics", "Event tracking to monitor behavior", "2 ans", 730, False,
     "analytics", "Analyses"),
    (4, "www.bimeanalytics.com", "Heap Analytics", "Session Heap Analytics", "30 min", 30 / 1440, False,
     "analytics", "Analyses"),
    (6, "www.bimeanalytics.com", "Google", "Google Account – SSO", "6 months", 180, False, "functionality",
     "Functionality/Preference"),
    (7, "www.bimeanalytics.com", "Capterra", "Suivi des conversions", "30 min", 30 / 1440, False, "advertising",
     "Targeting/Advertising"),
    (8, "www.bimeanalytics.com", "Website Language", "Language settings", "30 min", 30 / 1440, False,
     "functionality", "Functionality/Preference"),
    (9, "www.bimeanalytics.com", "popupHide",
     "Determines if a user has accepted or rejected the demo request popup that appears after a certain time on "
     "the website", "Session", None, True, "functionality", "Functionality/Preference"),
    (12, "www.zendesk.com", "Twitter Advertising", "Advertising", "1.5 years", 547.5, False, "essential", "Essential"),
    (14, "www.zendesk.com", "LinkedIn", "Advertising vendor for remarketing", "1 an", 365, False, "advertising",
     "Targeting/Advertising"),
    (16, "www.zendesk.com", "Facebook", "Advertising Vendor", "180 jours", 180, False, "advertising",
     "Targeting/Advertising"),
    (19, "www.zendesk.com", "homeType", "Determines visitor type and stores which web content to display to visitor",
     "Session", None, True, "functionality", "Functionality/Preference"),
    (21, "www.zendesk.com", "_zendesk_nps_session", "Sessions for NPS®.", "Session", None, True, "functionality",
     "Functionality/Preference"),
    (22, "www.zendesk.com", "_zendesk_session", "Hold session information for root access applications.", "Session",
     None, True, "essential", "Essential"),
    (26, "www.zendesk.com", "_zendesk_remember_me", "Preference for maintaining login sessions", "2 semaines", 14,
     False, "essential", "Essential"),
    (27, "www.zendesk.com", "_zendesk_settings", "Arbitrary, non-PII settings usually for preferences", "1 an", 365,
     False, "functionality", "Functionality/Preference"),
    (29, "www.zendesk.com", "LiveIntent", LONG_CAPTURE, "30 jours", 30, False, "advertising", "Targeting/Advertising"),
    (31, "www.zendesk.com", "AdRoll", LONG_CAPTURE, "30 jours", 30, False, "advertising", "Targeting/Advertising"),
    # the line of rows joined by " & "
    (34, "www.zendesk.com", "Simpli.fi", LONG_CAPTURE, "30 jours", 30, False, "advertising", "Targeting/Advertising"),
    (35, "www.zopim.com", "Optimizely", "Tracking for A/B testing", "10 ans", 3650, False, "analytics", "Analyses"),
    (36, "www.zopim.com", "Pendo",
     "End-User and Agent Usage DataEvent tracking to analyze use of the Service and improve the Services. "
     "to monitor behaviour", "2 ans", 730, False, "advertising", "Targeting/Advertising"),
    (37, "www.zopim.com", "Crazy Egg", "Analytics Tool that gives us heat maps and click data", "5 ans", 1825, False,
     "analytics", "Analyses"),
    (38, "www.zopim.com", "Eloqua", "Marketing automation software", "1 an", 365, False, "essential", "Essential"),
    (39, "www.zopim.com", "Facebook Connect", "Interaction between services", "2 ans", 730, False, "essential",
     "Essential"),
    (40, "www.zopim.com", "Doubleclick", "Re-targeting, optimization, reporting and attribution of online adverts",
     "2 ans", 730, False, "advertising", "Targeting/Advertising"),
    (41, "www.zopim.com", "AppNexus", "Advertising Vendor for prospecting", "2 ans", 730, False, "advertising",
     "Targeting/Advertising"),
    (42, "www.zopim.com", "Google Adwords Conversion", "Advertising pixel for prospecting and retargeting",
     "540 jours", 540, False, "advertising", "Targeting/Advertising"),
    (43, "www.zopim.com", "LiveRamp", "Tracking of anonymous user characteristics", "180 jours", 180, False,
     "advertising", "Targeting/Advertising"),
    (44, "www.zopim.com", "Bing", "Advertising vendor for search marketing", "2 ans", 730, False, "advertising",
     "Targeting/Advertising"),
    (45, "www.bimeanalytics.com", "Google Tag Manager", "Traffic and visitor behavior measurement", "2 ans", 730,
     False, "analytics", "Analyses"),
    # glued after "Analyses" with no website, category written with a space before "/"
    (46, None, "Metrica", "Advertising pixel to track conversions", "1 an", 365, False, "advertising",
     "Targeting /Advertising"),
    (47, "www.zopim.com", "Wistia", "Video Streaming", "10 ans", 3650, False, "essential", "Essential"),
    (48, "www.zopim.com", "Google Adwords Conversion", "Advertising pixel to track conversions", "540 jours", 540,
     False, "advertising", "Targeting/Advertising"),
    (49, "www.zopim.com", "LiveRamp", "Tracking of anonymous user characteristics", "180 jours", 180, False,
     "advertising", "Targeting/Advertising"),
    (52, "www.zopim.com", "Facebook Impression", "Advertising", "2 ans", 730, False, "advertising",
     "Targeting/Advertising"),
    (53, "www.bimeanalytics.com", "Cloudflare", "Control over cache of assets", "1 an", 365, False, "essential",
     "Essential"),
]


@pytest.mark.parametrize("expected", TRICKY_ROWS, ids=lambda r: f"row{r[0]}-{r[2]}")
def test_tricky_rows_field_by_field(seed, expected):
    number, *want = expected
    got = fields(row(seed, number))
    for name, have, wanted in zip(("website", "name", "purpose", "duration", "duration_days", "session",
                                   "category", "category_label"), got, want):
        if name == "duration_days" and wanted is not None:
            assert have == pytest.approx(wanted), name
        else:
            assert have == wanted, name


def test_names_repeated_as_written(seed):
    names = [c.name for c in seed.cookies]
    assert names.count("Google Analytics") == 2 and names.count("LiveRamp") == 2
    assert names.count("Google Adwords Conversion") == 2 and names.count("Heap Analytics") == 2
    assert sum(1 for n in names if n.startswith("Google")) == 7


def test_no_nbsp_and_no_stray_spaces_in_cells(seed):
    for cookie in seed.cookies:
        for value in (cookie.website or "", cookie.name, cookie.purpose, cookie.duration):
            assert "\u00a0" not in value and value == value.strip()


def test_row_notes(seed):
    assert row(seed, 46).notes == (
        "glued to the previous row after its category on line 99; split",
        "no website in the policy",
        "category written 'Targeting /Advertising'; read as Targeting/Advertising",
    )
    assert "stray comma after the category" in row(seed, 44).notes
    assert "duplicate of row 43 (same name, website and purpose)" in row(seed, 49).notes
    assert "same name and website as row 42, different purpose" in row(seed, 48).notes
    assert "category Essential but the purpose reads as advertising" in row(seed, 12).notes
    assert "category Essential but the purpose reads as advertising" in row(seed, 38).notes
    for number in range(35, 46):
        assert "split from line 99, where 12 rows are joined by ' & '" in row(seed, number).notes
    assert "split from line 105, where 2 rows are joined by ' & '" in row(seed, 53).notes
    assert row(seed, 22).notes == () and row(seed, 1).notes == ()


def test_purpose_language(seed):
    assert row(seed, 7).purpose_language == "fr"
    assert sum(c.purpose_language == "fr" for c in seed.cookies) == 1


def test_seed_warnings(seed):
    text = "\n".join(seed.warnings)
    for expected in ("line 99: 12 rows joined by ' & ' on one line (rows 34-45); split",
                     "line 105: 2 rows joined by ' & ' on one line (rows 52-53); split",
                     "row 46 (Metrica, line 99): no website in the policy",
                     "row 46 (Metrica, line 99): glued to the previous row after its category",
                     "row 46 (Metrica, line 99): category written 'Targeting /Advertising'",
                     "row 44 (Bing, line 99): stray comma after the category",
                     "row 49 (LiveRamp, line 102): duplicate of row 43",
                     "row 48 (Google Adwords Conversion, line 101): same name and website as row 42, different purpose",
                     "row 12 (Twitter Advertising, line 77): category Essential but the purpose reads as advertising",
                     "row 38 (Eloqua, line 99): category Essential but the purpose reads as advertising",
                     "line 32: HTML residue removed"):
        assert expected in text


@pytest.mark.parametrize("glued, name, purpose", [
    ("LinkedInAdvertising vendor for remarketing", "LinkedIn", "Advertising vendor for remarketing"),
    ("homeTypeDetermines visitor type", "homeType", "Determines visitor type"),
    ("_zendesk_sessionHold session information", "_zendesk_session", "Hold session information"),
    ("Google AnalyticsThis web analytics cookie", "Google Analytics", "This web analytics cookie"),
    ("Heap AnalyticsEvent tracking", "Heap Analytics", "Event tracking"),
    ("PendoEnd-User and Agent Usage DataEvent tracking", "Pendo", "End-User and Agent Usage DataEvent tracking"),
    ("Simpli.fiCapture conversions", "Simpli.fi", "Capture conversions"),
    # shapes the seed does not have
    ("AOLAdvertising network", "AOL", "Advertising network"),
    ("__cf_bmBot management", "__cf_bm", "Bot management"),
    ("OptanonConsentStores consent choices", "OptanonConsent", "Stores consent choices"),
    ("Bank of AmericaFraud prevention", "Bank of America", "Fraud prevention"),
    ("HubSpotGA tracking", "HubSpot", "GA tracking"),
    ("CriteoPublicité ciblée", "Criteo", "Publicité ciblée"),
    # pattern names: the marked variable part ends the name
    ("_ga_*Used by Google Analytics 4", "_ga_*", "Used by Google Analytics 4"),
    ("_hjSession_*Used by Hotjar", "_hjSession_*", "Used by Hotjar"),
    ("_ga_<container-id>Stores the session state", "_ga_<container-id>", "Stores the session state"),
    ("nw_pref_[id]Keeps preferences", "nw_pref_[id]", "Keeps preferences"),
    ("ab-test-*Remembers the variant", "ab-test-*", "Remembers the variant"),
    ("_ga_#Counts visits", "_ga_#", "Counts visits"),
])
def test_split_name_purpose(glued, name, purpose):
    assert split_name_purpose(glued)[:2] == (name, purpose)


def test_split_name_purpose_without_any_step_is_an_error():
    with pytest.raises(IngestError, match="cannot tell the cookie name from its purpose"):
        split_name_purpose("just lowercase words")


# ---------------------------------------------------------------------------------------------------
# Sections, paragraphs, metadata


def test_sections_and_subsections(seed):
    numbers = [s.number for s in seed.sections]
    assert numbers == ["1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "5.4", "6", "7", "8", "9"]
    by_number = {s.number: s for s in seed.sections}
    assert [by_number[n].parent for n in ("5.1", "5.2", "5.3", "5.4")] == ["5"] * 4
    assert by_number["5"].parent is None and by_number["6"].parent is None
    assert by_number["6"].title == "Cookies sujets à modifications"          # "6.Cookies…" with no space
    assert by_number["2"].title == "Est-ce que Zendesk utilise des cookies ?"  # NBSP made a plain space
    assert by_number["5.4"].title == "Targeting or Advertising Cookies"


def test_languages(seed):
    by_number = {s.number: s for s in seed.sections}
    assert by_number["2"].title_language == "fr" and by_number["2"].paragraphs[0].language == "fr"
    assert by_number["3"].title_language == "fr" and by_number["3"].paragraphs[0].language == "en"
    assert by_number["5.1"].title_language == "en" and by_number["9"].title_language == "fr"
    assert [p.language for p in by_number["5"].paragraphs] == ["fr", "fr", "fr", "en", "fr", "fr", "fr", "fr", "fr", "en"]


def test_paragraph_ids_and_prose_kept(seed):
    by_number = {s.number: s for s in seed.sections}
    assert [p.id for p in by_number["5"].paragraphs] == [f"5.p{n}" for n in range(1, 11)]
    assert by_number["5"].paragraphs[-1].text == "Each cookie falls within one of the four following categories:"
    assert [p.text for p in by_number["5.4"].paragraphs][-1] == "List of Cookies used on the Websites:"
    assert by_number["5.1"].paragraphs[0].id == "5.1.p1"
    assert by_number["5"].paragraphs[3].text.startswith("Click here to learn more about “InPrivate”")
    assert sum(len(s.paragraphs) for s in seed.sections) == 23
    all_text = " ".join(p.text for s in seed.sections for p in s.paragraphs)
    assert "Passer directement" not in all_text and "Dernière mise à jour" not in all_text
    assert "Net Promoter" not in all_text and "Effective as of" not in all_text


def test_metadata(seed):
    meta = seed.metadata
    assert meta.title == "Zendesk Cookie Policy"
    assert meta.status == "Previous Version, No Longer in Effect as of December 2, 2019"
    assert meta.in_effect is False and meta.superseded_on == "2019-12-02"
    assert meta.effective_on == "2019-01-25"
    assert meta.effective_text.startswith("Effective as of January 25, 2019, Zendesk, Inc., (“Zendesk”)")
    assert meta.effective_text.endswith("For a prior version of our Cookie Policy, click here.")
    assert meta.last_updated_on == "2018-11-21"
    assert meta.last_updated_text == "Dernière mise à jour 21 novembre 2018"
    assert len(meta.notes) == 1 and meta.notes[0].startswith("Net Promoter et NPS sont des marques déposées")


def test_crlf_and_bom_parse_like_lf(seed):
    again = parse_policy("\ufeff" + SEED_TEXT.replace("\n", "\r\n"))
    assert again.cookies == seed.cookies and again.sections == seed.sections and again.metadata == seed.metadata


# ---------------------------------------------------------------------------------------------------
# A later edition: rows removed and added, durations changed, a section translated, a section added


@pytest.fixture(scope="module")
def edition():
    return parse_policy((DATA / "edition-2.txt").read_text(encoding="utf-8"))


def test_later_edition(edition):
    names = [c.name for c in edition.cookies]
    assert len(names) == 53                          # two removed, two added
    assert "Gauge" not in names and "Cloudflare" not in names
    consent = edition.cookies[names.index("OptanonConsent")]
    assert fields(consent) == ("www.zendesk.com", "OptanonConsent", "Stores the visitor’s cookie consent choices",
                               "1 an", 365, False, "essential", "Essential")
    criteo = edition.cookies[names.index("Criteo")]
    assert fields(criteo) == ("www.zendesk.fr", "Criteo", "Publicité ciblée", "13 mois", 390, False, "advertising",
                              "Publicité")
    assert criteo.purpose_language == "fr"
    wistia = edition.cookies[names.index("Wistia")]
    assert (wistia.duration, wistia.duration_days) == ("5 years", 1825)
    remember = edition.cookies[names.index("_zendesk_remember_me")]
    assert (remember.duration, remember.duration_days) == ("30 jours", 30)
    assert edition.cookies[-1].name == "Facebook Impression"
    assert [c.row for c in edition.cookies] == list(range(1, 54))


def test_later_edition_sections(edition):
    by_number = {s.number: s for s in edition.sections}
    assert [s.number for s in edition.sections][-2:] == ["9", "10"]
    assert by_number["2"].title == "Does Zendesk use cookies?" and by_number["2"].title_language == "en"
    assert by_number["2"].paragraphs[0].language == "en"
    assert by_number["10"].title == "Contact us"
    assert [p.id for p in by_number["10"].paragraphs] == ["10.p1"]
    assert edition.metadata.last_updated_on == "2020-02-03"
    assert edition.metadata.notes[0].startswith("Net Promoter")


def test_unchanged_paragraphs_keep_their_ids_and_shas(seed, edition):
    before = {p.id: p.sha for s in seed.sections for p in s.paragraphs}
    after = {p.id: p.sha for s in edition.sections for p in s.paragraphs}
    assert before["3.p1"] == after["3.p1"] and before["5.p4"] == after["5.p4"]
    assert before["2.p1"] != after["2.p1"]


# ---------------------------------------------------------------------------------------------------
# Bad input


def test_empty():
    for text in ("", "  \n\n \r\n"):
        with pytest.raises(IngestError, match="empty"):
            parse_policy(text)


def test_no_table():
    start = SEED_TEXT.index("Website Name(s)")
    end = SEED_TEXT.index("\n\n6.Cookies")
    with pytest.raises(IngestError, match="no cookie table found"):
        parse_policy(SEED_TEXT[:start] + SEED_TEXT[end:])


def test_no_sections():
    with pytest.raises(IngestError, match="no numbered sections"):
        parse_policy("Just some prose.\n\nAnd more prose.")


@pytest.mark.parametrize("cut", ["www.zopim.comWistiaVideo Stre", "www.zopim.comWistiaVideo Streaming10 ans",
                                 "www.zopim.comWistiaVideo Streaming10 ansEss"])
def test_truncated_row_is_a_warning_and_the_other_rows_are_kept(cut):
    text = SEED_TEXT.replace("www.zopim.comWistiaVideo Streaming10 ansEssential", cut)
    parsed = parse_policy(text)
    assert len(parsed.cookies) == 52 and "Wistia" not in [c.name for c in parsed.cookies]
    assert any(w.startswith("line 100: table row is incomplete") and w.endswith("; row skipped")
               for w in parsed.warnings)


def test_truncated_file_in_a_joined_row():
    text = SEED_TEXT[: SEED_TEXT.index("CloudflareControl over") + 12]
    parsed = parse_policy(text)
    assert any(w.startswith("line 105: table row is incomplete after its last category") for w in parsed.warnings)


def test_an_unknown_category_keeps_the_row_with_a_warning():
    text = SEED_TEXT.replace("Video Streaming10 ansEssential", "Video Streaming10 ansSocial Media")
    parsed = parse_policy(text)
    (wistia,) = [c for c in parsed.cookies if c.name == "Wistia"]
    assert (wistia.category_label, wistia.category, wistia.duration) == ("Social Media", "functionality", "10 ans")
    assert "row 47 (Wistia, line 100): unknown category label 'Social Media'; counted as functionality" in parsed.warnings


def test_a_table_with_no_readable_row_fails_naming_the_first():
    header = next(line for line in SEED_TEXT.splitlines() if line.startswith("Website Name(s)"))
    start = SEED_TEXT.index(header) + len(header) + 1
    end = SEED_TEXT.index("\n\n", start)
    text = SEED_TEXT[:start] + "www.zopim.comWistiaVideo Stre" + SEED_TEXT[end:]
    with pytest.raises(IngestError, match=r"line \d+: table row is incomplete"):
        parse_policy(text)


def test_binary_garbage():
    with pytest.raises(IngestError, match="binary data"):
        parse_policy("1. Intro\x00\x01\x02\x1b[0m")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_ingest_error(text):
    try:
        parse_policy(text)
    except IngestError:
        pass


_PIECES = st.sampled_from([
    "1. Introduction", "2. Pourquoi ?", "5.1 x", "3.", "\n", "\n\n", " & ", ", & ", "Website Name(s)Cookie NameCookie "
    "PurposeCookie DurationCatégorie", "www.zendesk.com", "All Websites", "_zendesk_session", "LinkedIn", "homeType",
    "Advertising vendor", "Hold session", "2 ans", "1 an", "30\u00a0jours", "Session", "1.5 years", "Essential",
    "Analyses", "Targeting /Advertising", "Functionality/Preference", "Effective as of January 25, 2019",
    "Dernière mise à jour 31 février 2018", "Previous Version, No Longer in Effect", "\r\n", "é", "Oui.", "a href=>",
])


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_policy_like_text_parses_or_raises_ingest_error(text):
    try:
        parsed = parse_policy(text)
    except IngestError:
        return
    assert parsed.cookies and parsed.sections


def test_a_comma_before_a_glued_row_still_splits():
    text = SEED_TEXT.replace("2 ansAnalyses MetricaAdvertising", "2 ansAnalyses, MetricaAdvertising")
    parsed = parse_policy(text)
    assert len(parsed.cookies) == 53
    metrica = parsed.cookies[45]
    assert (metrica.name, metrica.website, metrica.purpose) == ("Metrica", None, "Advertising pixel to track conversions")
    assert "stray comma after the category" in parsed.cookies[44].notes


def test_a_sentence_about_the_columns_is_not_the_header():
    text = SEED_TEXT.replace("List of Cookies used on the Websites:",
                             "For each cookie the list gives the website, name, purpose, duration and category.")
    parsed = parse_policy(text)
    assert len(parsed.cookies) == 53
    assert parsed.sections[8].paragraphs[-1].text.startswith("For each cookie the list gives")


def test_out_of_sequence_number_is_kept_as_a_paragraph():
    text = SEED_TEXT.replace("\n\n7.Cookies utilisés", "\n\n3. Encore une fois\n\n7.Cookies utilisés")
    parsed = parse_policy(text)
    by_number = {s.number: s for s in parsed.sections}
    assert "3. Encore une fois" in [p.text for p in by_number["6"].paragraphs]
    assert any("numbered line '3. Encore une fois' is out of sequence" in w for w in parsed.warnings)


def test_a_gap_in_section_numbers_is_a_warning():
    parsed = parse_policy(SEED_TEXT.replace("8.Mise à jour", "10.Mise à jour").replace("9. Contrôles", "11. Contrôles"))
    assert [s.number for s in parsed.sections][-3:] == ["7", "10", "11"]
    assert any("section numbers jump from 7 to 10" in w for w in parsed.warnings)


def test_pattern_rows_in_the_glued_table():
    text = SEED_TEXT.replace("www.zopim.comWistiaVideo Streaming10 ansEssential",
                             "www.zopim.comWistiaVideo Streaming10 ansEssential\n"
                             "www.zendesk.com_ga_*Used by Google Analytics 4 to persist session state.2 ansAnalyses\n"
                             "www.zendesk.com_hjSession_*Used by Hotjar for the current session.30 minutesAnalyses")
    parsed = parse_policy(text)
    rows = {c.name: c for c in parsed.cookies}
    assert rows["_ga_*"].purpose == "Used by Google Analytics 4 to persist session state." and rows["_ga_*"].duration_days == 730
    assert rows["_hjSession_*"].website == "www.zendesk.com" and rows["_hjSession_*"].category == "analytics"

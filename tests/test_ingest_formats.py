"""The Markdown, HTML and CSV/TSV readers on the Northwind fixtures (tests/data/formats): rows, names as
written, categories and durations read, prose kept, page chrome left out, malformed files handled."""
from pathlib import Path

import pytest

from policybot.errors import IngestError
from policybot.ingest import parse_source
from policybot.ingest.readers import format_of

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
BAD = FORMATS / "bad"


def rows(path, fmt=None):
    parsed, _ = parse_source(path, fmt)
    return parsed, {c.name: c for c in parsed.cookies}


def test_format_is_chosen_by_extension_or_by_request(tmp_path):
    assert [format_of(Path(n)) for n in ("a.txt", "b.md", "c.html", "d.HTM", "e.csv", "f.tsv")] == [
        "text", "markdown", "html", "html", "csv", "csv"]
    assert format_of(Path("policy.page"), "html") == "html"
    with pytest.raises(IngestError, match=r"cannot tell the format .*give --format"):
        format_of(Path("policy.page"))


def test_html_website_policy():
    parsed, by_name = rows(FORMATS / "northwind-website.html")
    assert len(parsed.cookies) == 22 and parsed.kind == "website" and parsed.warnings == []
    assert parsed.metadata.title == "Northwind Cloud Cookie Policy" and parsed.metadata.effective_on == "2024-03-01"
    assert [c.category for c in parsed.cookies].count("essential") == 5
    assert {"_ga_*", "_hjSession_*", "_hjSessionUser_*", "ab-test-*", "nw_pref_[id]"} <= set(by_name)
    session = by_name["nw_session"]
    assert (session.website, session.provider, session.session) == ("app.northwind.example", "Northwind Cloud", True)
    assert (by_name["_ga_*"].duration, by_name["_ga_*"].duration_days) == ("Persistent: 2 years", 730.0)
    assert by_name["nw_remember"].duration_days == 180 and "until you log out" in by_name["nw_remember"].duration
    assert by_name["_fbp"].category_label == "Marketing" and by_name["_fbp"].category == "advertising"
    assert "Français" in by_name["nw_lang"].purpose                      # entities decoded
    text = " ".join(p.text for s in parsed.sections for p in s.paragraphs)
    assert "privacy@northwind.example" in text and "Seattle" in text
    for chrome in ("hello@northwind.example", "nw_banner_test", "Accept all", "Pricing", "cookie-banner"):
        assert chrome not in text                                          # footer, script, banner, nav
    titles = {s.number: s.title for s in parsed.sections}
    assert titles["3.1"] == "Strictly necessary cookies" and titles["8"] == "Contact us"
    firefox = [p.text for s in parsed.sections for p in s.paragraphs if p.text.startswith("Mozilla Firefox")]
    assert len(firefox) == 1 and "Safari" not in firefox[0]               # one list item, one paragraph


def test_markdown_app_policy():
    parsed, by_name = rows(FORMATS / "northwind-app.md")
    assert len(parsed.cookies) == 13 and parsed.kind == "website"        # kind is decided by the build
    assert parsed.metadata.title == "Northwind App Cookie Policy"
    assert parsed.metadata.last_updated_on == "2024-01-14"
    assert by_name["nw_csrf"].purpose == by_name["nw_xsrf"].purpose      # one cell, two names
    assert by_name["nw_session"].duration_days == 0.5
    assert by_name["nw_session"].duration == "12 hours unless 'Remember me' is ticked, then 14 days"
    assert by_name["nw_workspace"].session is True
    assert by_name["nw_lang"].duration_days is None and not by_name["nw_lang"].session
    assert by_name["intercom-session-*"].category_label == "Support"     # unknown label: kept, warned
    assert any("unknown category label 'Support'" in w for w in parsed.warnings)
    assert by_name["AMP_*"].provider == "Amplitude" and by_name["AMP_*"].category == "analytics"
    sections = {s.title: s for s in parsed.sections}
    assert "Cookies in embedded widgets" in sections and "Mobile and desktop apps" in sections
    assert "list | board | calendar" in by_name["nw_pref_[id]"].purpose


def test_csv_declaration():
    parsed, by_name = rows(FORMATS / "northwind-declaration.csv")
    assert len(parsed.cookies) == 18 and parsed.kind == "declaration" and parsed.sections == []
    assert {"forum_sid", "forum_sid_legacy", "_ga_#", "_pk_id.*"} <= set(by_name)
    assert by_name["_ga"].duration_days == 390 and by_name["_ga"].category == "analytics"
    assert by_name["nw_exp_flag"].category_label == "Unclassified" and by_name["nw_exp_flag"].purpose == ""
    assert by_name["IDE"].website == ".doubleclick.net"
    assert any("line 18 (nw_exp_flag): unknown category label 'Unclassified'" in w for w in parsed.warnings)


def test_french_tsv_declaration():
    parsed, by_name = rows(FORMATS / "northwind-declaration-fr.tsv")
    assert len(parsed.cookies) == 6
    assert [(c.duration_days, c.category) for c in parsed.cookies] == [
        (365, "essential"), (2 / 24, "essential"), (7, "functionality"), (30, "functionality"),
        (730, "analytics"), (90, "advertising")]
    assert by_name["_fbp"].purpose_language == "fr"


# ---------------------------------------------------------------------------------------------------
# Malformed files (tests/data/formats/bad/README.md says what each should do)


def test_broken_html_is_read_with_warnings():
    parsed, by_name = rows(BAD / "broken.html")
    assert list(by_name) == ["nw_session", "nw_lang", "_ga", "_fbp"]
    assert (by_name["nw_lang"].duration, by_name["nw_lang"].category_label) == ("", "")   # not invented
    assert (by_name["_ga"].duration, by_name["_ga"].category_label) == ("13 months", "Performance")
    fbp = by_name["_fbp"]
    assert (fbp.purpose, fbp.duration, fbp.category_label) == ("Ads on Facebook and Instagram", "90 days", "Marketing")
    for expected in ("broken.html: line 8: 3 cells, expected 5", "broken.html: line 9: 6 cells, expected 5; extra ignored",
                     "broken.html: line 10: empty row skipped"):
        assert any(w.startswith(expected) for w in parsed.warnings), expected
    text = [p.text for s in parsed.sections for p in s.paragraphs]
    assert any("privacy@northwind.example" in t for t in text)
    assert parsed.sections[0].title == "Cookie list" and not parsed.sections[0].title.startswith("Cookie list We")


def test_ragged_markdown_is_read_with_warnings():
    parsed, by_name = rows(BAD / "ragged.md")
    assert list(by_name) == ["nw_session", "nw_lang", "AMP_*", "nw_tour_done"]
    assert by_name["nw_lang"].duration == "" and by_name["AMP_*"].duration == "1 year"
    assert any(w.startswith("ragged.md: line 6: 4 cells, expected 5") for w in parsed.warnings)
    assert any(w.startswith("ragged.md: line 7: 6 cells, expected 5; extra ignored") for w in parsed.warnings)


def test_csv_without_a_name_column_is_refused():
    with pytest.raises(IngestError, match=r"no-name-column.csv: line 1: no cookie-name column \(expected a header "
                                          r"such as .*\); found Domain, Description, Expiration, Category"):
        parse_source(BAD / "no-name-column.csv")


def test_bom_and_windows_newlines_are_read_silently():
    parsed, by_name = rows(BAD / "bom-crlf.csv")
    assert parsed.warnings == [] and list(by_name) == ["CookieConsent", "forum_theme", "_ga"]
    assert all(not v.endswith("\r") for c in parsed.cookies for v in (c.name, c.category_label, c.duration, c.purpose))
    assert by_name["CookieConsent"].category_label == "Necessary"


def test_empty_csv_is_refused():
    with pytest.raises(IngestError, match=r"empty.csv: line 1: file is empty; expected a header row"):
        parse_source(BAD / "empty.csv")


def test_html_without_table_or_headings_is_prose():
    parsed, _ = rows(BAD / "no-table.html")
    assert parsed.cookies == []
    assert parsed.sections[0].title == "Northwind Cloud – Cookies"
    assert any("privacy@northwind.example" in p.text for p in parsed.sections[0].paragraphs)
    assert any("no cookie table found" in w for w in parsed.warnings)


def test_csv_with_short_rows_and_missing_names_keeps_the_rest(tmp_path):
    source = tmp_path / "partial.csv"
    source.write_text("Name;Domain;Purpose;Expiry;Type\nok_one;a.example;Keeps it;1 day;Necessary\n"
                      ";b.example;No name;1 day;Necessary\nshort;c.example\n", encoding="utf-8")
    parsed, by_name = rows(source)
    assert list(by_name) == ["ok_one", "short"]
    assert "partial.csv: line 3: no cookie name; row skipped" in parsed.warnings
    assert "partial.csv: line 4: 2 fields, expected 5; missing ones left empty" in parsed.warnings


def test_binary_and_non_utf8_sources_name_the_file(tmp_path):
    for name, data, message in (("x.html", b"<p>\x00</p>", "binary data"), ("y.md", b"# T\n\xff\n", "line 2: not UTF-8")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(IngestError, match=message) as error:
            parse_source(tmp_path / name)
        assert str(error.value).startswith(str(tmp_path / name))


def test_a_page_in_its_declared_charset_and_a_utf16_export_are_read(tmp_path):
    page = tmp_path / "legacy.html"
    page.write_bytes('<html><head><meta charset="windows-1252"><title>Cookies</title></head><body><h1>Politique</h1>'
                     '<h2>1. Durée</h2><p>Les cookies expirent après 13 mois.</p></body></html>'.encode("cp1252"))
    parsed, _ = parse_source(page)
    assert parsed.sections[0].title == "Durée" and "13 mois" in parsed.sections[0].paragraphs[0].text
    export = tmp_path / "export.csv"
    export.write_bytes("Nom\tDurée\tCatégorie\nnw_lang\t1 an\tPréférences\n".encode("utf-16"))
    parsed, by_name = rows(export, "csv")
    assert by_name["nw_lang"].duration_days == 365 and by_name["nw_lang"].category == "functionality"


def test_tables_under_category_headings_take_the_heading_category(tmp_path):
    page = tmp_path / "per-category.html"
    page.write_text("<h1>Cookie Policy</h1><h2>1. Strictly necessary cookies</h2><table><tr><th>Cookie</th>"
                    "<th>Purpose</th><th>Expiry</th></tr><tr><td>sid</td><td>Keeps you signed in</td><td>Session</td>"
                    "</tr></table><h2>2. Marketing cookies</h2><table><tr><th>Cookie</th><th>Purpose</th><th>Expiry"
                    "</th></tr><tr><td>adid</td><td>Measures campaigns</td><td>90 days</td></tr></table>"
                    "<h2>3. Other</h2><table><tr><th>Cookie</th><th>Purpose</th><th>Expiry</th></tr>"
                    "<tr><td>misc</td><td>Something else</td><td>1 day</td></tr></table>", encoding="utf-8")
    parsed, by_name = rows(page)
    assert (by_name["sid"].category, by_name["sid"].category_label) == ("essential", "Strictly necessary cookies")
    assert by_name["adid"].category == "advertising"
    assert by_name["misc"].category_label == "" and any("misc" in w and "no category" in w for w in parsed.warnings)

"""render: answers, cookies and sections as terminal text, JSON and CSV."""
import csv
import io
import json

import pytest

from policybot.fronts.terminal import render
from policybot.answer import Answer
from policybot.knowledge import Cookie, Paragraph, Section
from policybot.knowledge.filters import cookie_source

SESSION = Cookie(row=1, name="_zendesk_session", website="www.zendesk.com",
                 purpose="Stores account and session information.", duration="Session",
                 duration_days=None, session=True, category="essential", category_label="Essential")
WISTIA = Cookie(row=30, name="Wistia", website="zendesk.com",
                purpose="Used for video streaming, tab, separated\tand, \"quoted\".", duration="10 ans",
                duration_days=3650.0, session=False, category="functionality",
                category_label="Fonctionnalité", notes=("duration given in French",))
NO_SITE = Cookie(row=31, name="Gauge", website=None, purpose="Analytics", duration="2 years",
                 duration_days=730.0, session=False, category="analytics", category_label="Analytics")
ROWS = [SESSION, WISTIA, NO_SITE]

TTY = render.Style(tty=True, color=False, width=100)
COLOR = render.Style(tty=True, color=True, width=100)


def cookie_answer():
    return Answer(question="what is _zendesk_session", answered=True, kind="cookie", confidence=0.97,
                  text="_zendesk_session stores account and session information.",
                  sources=[cookie_source(SESSION)])


def test_answer_text_has_the_answer_then_its_source():
    out = render.answer_text(cookie_answer())
    first, _, rest = out.partition("\n\n")
    assert first == "_zendesk_session stores account and session information."
    assert rest == "Source: cookie table: _zendesk_session (www.zendesk.com; Session; Essential)"
    assert "\x1b[" not in out


def test_section_source_quotes_the_policy_when_the_answer_is_a_rendering():
    ans = Answer(question="what is a cookie", answered=True, kind="prose", text="A cookie is a small text file.",
                 sources=[{"type": "section", "number": "3", "title": "Qu’est-ce qu’un cookie ?",
                           "excerpt": "Un cookie est un petit fichier texte."}])
    out = render.answer_text(ans)
    assert "Source: §3 Qu’est-ce qu’un cookie ?" in out
    assert "  “Un cookie est un petit fichier texte.”" in out
    # an excerpt already in the answer is not repeated
    ans.text = "Un cookie est un petit fichier texte."
    assert "“" not in render.answer_text(ans)


def test_list_answers_count_their_sources_and_point_to_the_full_list():
    ans = Answer(question="analytics cookies", answered=True, kind="list", text="Analytics cookies: ...",
                 sources=[cookie_source(c) for c in ROWS], see_all={"category": "analytics"})
    out = render.answer_text(ans)
    assert "Sources: 3 cookies from the policy's cookie table" in out
    assert "See all: policybot cookies --category analytics" in out


def test_abstention_shows_suggestions():
    ans = Answer(question="_zendesk_sesion_x", answered=False, kind="abstain",
                 text="The policy doesn't list that cookie.", suggestions=["_zendesk_session", "_zendesk_shared_session"])
    out = render.answer_text(ans)
    assert out.endswith("Did you mean:\n  - _zendesk_session\n  - _zendesk_shared_session")


def test_colour_only_when_the_style_says_so():
    assert "\x1b[" not in render.answer_text(cookie_answer(), TTY)
    assert "\x1b[" in render.answer_text(cookie_answer(), COLOR)


def test_wrapping_on_a_terminal_keeps_list_indents():
    text = "Cookies:\n- " + " ".join(["word"] * 30)
    out = render.Style(tty=True, width=40).wrap(text)
    lines = out.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[1].startswith("- ") and lines[2].startswith("  word")
    assert render.PLAIN.wrap(text) == text


def test_answer_json_is_the_contract_on_one_line():
    line = render.answer_json(cookie_answer())
    assert "\n" not in line
    data = json.loads(line)
    assert set(data) >= {"question", "answered", "text", "language", "confidence", "sources", "suggestions"}
    assert data["sources"][0]["name"] == "_zendesk_session"


@pytest.mark.parametrize("env,tty,expected", [
    ({}, True, True), ({}, False, False), ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": ""}, True, True), ({"TERM": "dumb"}, True, False), ({"FORCE_COLOR": "1"}, False, True),
])
def test_colour_follows_the_terminal_and_no_color(monkeypatch, env, tty, expected):
    for var in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    class Stream(io.StringIO):
        def isatty(self):
            return tty
    assert render.color_wanted(Stream()) is expected


def test_cookies_csv_has_the_fields_of_a_cookie_source():
    sources = [cookie_source(c) for c in ROWS]
    rows = list(csv.DictReader(io.StringIO(render.cookies_csv(sources))))
    assert list(rows[0]) == list(cookie_source(SESSION))
    assert rows[0]["session"] == "true" and rows[0]["duration_days"] == ""
    assert rows[1]["purpose"] == WISTIA.purpose and rows[1]["duration_days"] == "3650"
    assert rows[2]["website"] == ""


def test_cookies_json_round_trips_the_sources():
    sources = [cookie_source(c) for c in ROWS]
    assert json.loads(render.cookies_json(sources)) == sources


def test_piped_table_is_tab_separated_one_row_per_line():
    out = render.cookies_table([cookie_source(c) for c in ROWS])
    lines = out.splitlines()
    assert lines[0] == "name\twebsite\tcategory\tduration\tpurpose"
    assert len(lines) == 4 and all(line.count("\t") == 4 for line in lines)
    assert lines[2].startswith("Wistia\tzendesk.com\tfunctionality\t10 ans\tUsed for video streaming, tab, separated and")


def test_terminal_table_groups_by_category_and_fits_the_width():
    out = render.cookies_table([cookie_source(c) for c in ROWS], render.Style(tty=True, width=80))
    assert out.index("Essential (1)") < out.index("Analytics (1)") < out.index("Functionality (1)")
    assert "as the policy says: Fonctionnalité" in out
    assert "10 ans (10 years)" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.rstrip().endswith("3 cookies")
    headers = [line for line in out.splitlines() if line.startswith("Name")]
    assert len(headers) == 3 and len(set(headers)) == 1  # one layout for every category
    assert "No cookies match." in render.cookies_table([], TTY)


def test_cookie_detail_shows_every_field():
    out = render.cookie_detail([WISTIA])
    for expected in ("Wistia", "Website:", "zendesk.com", "Purpose:", "Duration: 10 ans", "10 years (3650 days)",
                     "Session:  no", "Functionality (the policy says “Fonctionnalité”)", "Row:      30",
                     "Note:     duration given in French"):
        assert expected in out
    assert "not given in the policy" in render.cookie_detail([NO_SITE])
    assert "ends with the browser session" in render.cookie_detail([SESSION])
    assert "  Category: Essential\n" in render.cookie_detail([SESSION])  # no "(the policy says ...)" when equal


def test_sections():
    s5 = Section(number="5", title="Comment désactiver les cookies", title_language="fr",
                 paragraphs=(Paragraph(id="5.p1", language="fr", text="En règle générale...", sha="0" * 12),))
    s51 = Section(number="5.1", title="Essential Cookies", title_language="en", paragraphs=(), parent="5")
    listing = render.sections_list([s5, s51])
    assert listing == "5      Comment désactiver les cookies\n  5.1  Essential Cookies\n"
    detail = render.section_detail(s5, children=[s51])
    assert detail.startswith("5. Comment désactiver les cookies\n\nEn règle générale...")
    assert "Subsections: 5.1 Essential Cookies" in detail

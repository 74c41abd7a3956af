"""The answer engine on the shipped knowledge base: questions a user would ask, in English and French.

These are the project's own cases, worded apart from the shared dev set, one per behaviour.
"""
import json

import pytest
from hypothesis import given, settings, strategies as st

import policybot
from policybot import Answer


@pytest.fixture(scope="module")
def bot():
    return policybot.load()


def cookie_names(answer):
    return [s["name"] for s in answer.sources if s["type"] == "cookie"]


def top_cookie(answer):
    return cookie_names(answer)[0] if cookie_names(answer) else None


@pytest.mark.parametrize("question, name", [
    ("tell me about _zendesk_session", "_zendesk_session"),
    ("_zendesk_sesion", "_zendesk_session"),                      # a typo
    ("ZENDESK_SHARED_SESSION", "_zendesk_shared_session"),        # shouting, no leading underscore
    ("zendesk remember me cookie", "_zendesk_remember_me"),       # words instead of underscores
    ("home type cookie", "homeType"),
    ("crazyegg", "Crazy Egg"),
    ("simplifi", "Simpli.fi"),
    ("Yandex Metrica", "Metrica"),                                # a lexicon alias
    ("double click", "Doubleclick"),
    ("what's the voice session cookie", "_voice_session"),       # a distinctive part of a name
    ("which cookie remembers my login?", "_zendesk_remember_me"),  # by what it does
    ("cookie for video streaming", "Wistia"),
    ("which cookie is for commenting and reviews", "Disqus"),
])
def test_finds_the_cookie_asked_about(bot, question, name):
    answer = bot.ask(question)
    assert answer.answered
    assert top_cookie(answer) == name


def test_fuzzy_match_says_how_it_read_the_name(bot):
    answer = bot.ask("what does _zendesk_setings do")
    assert top_cookie(answer) == "_zendesk_settings"
    assert "_zendesk_settings" in answer.text
    assert answer.confidence < bot.ask("what does _zendesk_settings do").confidence


@pytest.mark.parametrize("question, first_line_has", [
    ("how long is _zendesk_cookie kept?", ["20 ans", "20 years"]),
    ("when does Optimizely expire", ["10 ans", "10 years"]),
    ("what kind of cookie is Gauge", ["Functionality/Preference"]),
    ("where is the Capterra cookie used", ["www.bimeanalytics.com"]),
    ("is homeType a session cookie?", ["Yes", "session cookie"]),
    ("is Wistia a session cookie?", ["No", "10 ans"]),
])
def test_attribute_questions_lead_with_the_fact(bot, question, first_line_has):
    answer = bot.ask(question)
    assert answer.kind == "attribute"
    first_line = answer.text.splitlines()[0]
    for fragment in first_line_has:
        assert fragment in first_line


def test_a_row_without_a_website_says_so(bot):
    answer = bot.ask("which site sets the Metrica cookie")
    assert top_cookie(answer) == "Metrica"
    assert "no website" in answer.text.splitlines()[0]
    assert answer.sources[0]["website"] is None


def test_a_name_with_several_rows_answers_with_all_of_them(bot):
    answer = bot.ask("what is LiveRamp")
    assert cookie_names(answer) == ["LiveRamp"] * len(bot.kb.cookies_named("LiveRamp"))
    assert len(cookie_names(answer)) >= 2


@pytest.mark.parametrize("question, include, exclude", [
    ("show me the analytics cookies", ["Google Analytics", "Optimizely", "Crazy Egg"], ["Wistia", "Disqus"]),
    ("what cookies are set on zopim.com", ["Wistia", "Optimizely", "Bing"], ["Gauge", "Vimeo"]),
    ("cookies lasting more than 5 years", ["_zendesk_cookie", "Wistia", "Optimizely"], ["Crazy Egg", "Bing"]),
    ("which cookies expire in less than an hour", ["Capterra", "Website Language"], ["Wistia", "_zendesk_session"]),
    ("list the session cookies", ["_zendesk_session", "homeType", "popupHide"], ["Wistia"]),
    ("what cookies does Facebook set?", ["Facebook", "Facebook Connect", "Facebook Business"], ["LinkedIn"]),
    ("advertising cookies on www.zendesk.com", ["LinkedIn", "Facebook", "LiveIntent"], ["Doubleclick", "Gauge"]),
    ("quels sont les cookies publicitaires ?", ["LinkedIn", "Doubleclick"], ["Optimizely"]),
    ("cookies that are kept for 30 days", ["LiveIntent", "AdRoll", "Yahoo Japan"], ["Facebook", "Capterra"]),
    ("which cookies have no website?", ["Metrica"], ["Wistia"]),
    ("what are the Google cookies", ["Google", "Google Analytics", "Google Tag Manager"], ["Facebook"]),
    ("quels cookies durent plus de 5 ans ?", ["_zendesk_cookie", "Wistia"], ["Bing"]),
])
def test_lists_carry_every_matching_row(bot, question, include, exclude):
    answer = bot.ask(question)
    assert answer.answered and answer.kind == "list"
    names = cookie_names(answer)
    for name in include:
        assert name in names
    for name in exclude:
        assert name not in names


def test_a_category_list_is_complete_and_offers_the_full_command(bot):
    answer = bot.ask("which cookies are functionality cookies?")
    expected = [c.name for c in bot.kb.cookies if c.category == "functionality"]
    assert cookie_names(answer) == expected
    assert answer.see_all == {"category": "functionality"}


def test_browser_question_quotes_only_that_browser(bot):
    answer = bot.ask("how can I manage cookies in Safari")
    assert "Safari" in answer.text
    for other in ("Firefox", "Chrome", "Internet Explorer"):
        assert other not in answer.text
    assert answer.sources[0]["number"] == "5"


def test_a_vendor_named_in_the_prose_gets_the_passage_not_its_cookie(bot):
    answer = bot.ask("can I opt out of Google's ad personalisation?")
    assert answer.kind == "prose" and "Google" in answer.text


@pytest.mark.parametrize("question, section", [
    ("pourquoi utilisez-vous des cookies ?", "4"),
    ("what happens if I block cookies?", "4"),
    ("will I be told when the policy changes?", "8"),
    ("how often is the cookie list updated?", "3"),
])
def test_prose_questions_find_their_section(bot, question, section):
    answer = bot.ask(question)
    assert answer.answered and answer.sources[0]["number"] == section


def test_a_vendor_and_purpose_words_pick_that_vendors_cookie(bot):
    assert top_cookie(bot.ask("which Facebook cookie builds custom audiences?")) == "Facebook Business"


def test_a_full_vendor_name_is_not_swapped_for_a_sibling(bot):
    answer = bot.ask("On which domain is Google Dynamic Remarketing used?")
    assert top_cookie(answer) == "Google Dynamic Remarketing" and "www.zopim.com" in answer.text.splitlines()[0]


def test_a_cookie_described_by_its_purpose_beats_the_category_it_mentions(bot):
    assert top_cookie(bot.ask("the cookie for marketing automation")) == "Eloqua"


def test_typos_in_ordinary_words_are_forgiven(bot):
    assert top_cookie(bot.ask("wich cookie stores langauge settings")) == "Website Language"


def test_a_why_question_gets_the_reason_not_just_the_first_sentence(bot):
    answer = bot.ask("pourquoi zendesk dépose des cookies dans mon navigateur")
    assert "session" in answer.text


def test_or_more_makes_the_bound_inclusive(bot):
    names = cookie_names(bot.ask("cookies that last 10 years or more"))
    assert {"Wistia", "Optimizely", "_zendesk_cookie"} <= set(names) and "Crazy Egg" not in names


def test_the_trademark_note_is_searchable(bot):
    answer = bot.ask("whose trademark is Net Promoter?")
    assert answer.answered and "Bain" in answer.text


def test_ie_means_internet_explorer(bot):
    answer = bot.ask("disable cookies in IE")
    assert "Internet Explorer" in answer.text and "Safari" not in answer.text


def test_english_question_gets_english_rendering_and_policy_excerpt(bot):
    answer = bot.ask("does zendesk use cookies at all?")
    assert answer.language == "en"
    assert "Yes" in answer.text
    assert "translated" in answer.text
    assert "Oui" in answer.sources[0]["excerpt"]          # the policy's own (French) words


def test_french_question_gets_french_answer(bot):
    answer = bot.ask("comment bloquer les cookies dans Safari ?")
    assert answer.language == "fr"
    assert "Safari" in answer.text and "Cliquez ici" in answer.text
    cookie = bot.ask("combien de temps dure le cookie _zendesk_settings ?")
    assert cookie.language == "fr" and "1 an" in cookie.text and top_cookie(cookie) == "_zendesk_settings"


@pytest.mark.parametrize("question, fragment", [
    ("when did this policy come into force?", "January 25, 2019"),
    ("when was it last updated", "November 21, 2018"),
    ("is this cookie policy still valid?", "December 2, 2019"),
    ("what happens if the French and English versions conflict?", "English version"),
])
def test_questions_about_the_document(bot, question, fragment):
    answer = bot.ask(question)
    assert answer.answered and fragment in answer.text


@pytest.mark.parametrize("question", [
    "what's the weather like in Paris",
    "how do I reset my password",
    "sugar cookie recipe",
    "tell me a joke",
    "what is the _abc_tracker cookie",
    "Hotjar",
    "does Zendesk use Segment?",
    "who is the CEO",
])
def test_abstains_when_the_policy_does_not_cover_it(bot, question):
    answer = bot.ask(question)
    assert not answer.answered
    assert answer.sources == []
    assert answer.suggestions


def test_abstention_names_the_unknown_cookie(bot):
    answer = bot.ask("what is the _abc_tracker cookie?")
    assert "_abc_tracker" in answer.text


def test_abstention_suggests_close_cookie_names(bot):
    answer = bot.ask("what is the Optimizelly2000 cookie")
    assert not answer.answered or top_cookie(answer) == "Optimizely"
    if not answer.answered:
        assert "Optimizely" in answer.suggestions


def test_follow_up_in_a_conversation(bot):
    chat = bot.conversation()
    first = chat.ask("what is _zendesk_remember_me")
    follow = chat.ask("how long does it last?")
    assert top_cookie(first) == top_cookie(follow) == "_zendesk_remember_me"
    assert "2 semaines" in follow.text.splitlines()[0]
    assert not bot.ask("how long does it last?").answered or top_cookie(bot.ask("how long does it last?")) is None


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_blank_question_is_an_error_not_a_crash(bot, question):
    answer = bot.ask(question)
    assert answer.kind == "error" and not answer.answered


def test_huge_input_is_refused_quickly(bot):
    answer = bot.ask("cookie " * 20000)
    assert not answer.answered and "too long" in answer.text


def test_slack_markup_is_ignored(bot):
    answer = bot.ask("<@U123ABC> <!channel> what is _zendesk_session?")
    assert top_cookie(answer) == "_zendesk_session"


CONTRACT = {"question", "answered", "text", "language", "confidence", "sources", "suggestions"}
COOKIE_FIELDS = {"type", "name", "website", "purpose", "duration", "duration_days", "session", "category",
                 "category_label"}
SECTION_FIELDS = {"type", "number", "title", "excerpt"}


def assert_well_formed(answer: Answer):
    data = json.loads(json.dumps(answer.to_dict()))
    assert CONTRACT <= set(data)
    assert isinstance(data["answered"], bool) and isinstance(data["text"], str) and data["text"]
    assert data["language"] in ("en", "fr")
    assert 0.0 <= data["confidence"] <= 1.0
    for source in data["sources"]:
        assert set(source) == (COOKIE_FIELDS if source["type"] == "cookie" else SECTION_FIELDS)
    assert all(isinstance(s, str) for s in data["suggestions"])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_well_formed_answer(bot, text):
    assert_well_formed(bot.ask(text))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["what", "is", "the", "cookie", "_zendesk_session", "how", "long", "which", "cookies",
                                 "essential", "Safari", "désactiver", "plus", "de", "2", "ans", "<!here>", "🍪", "zopim.com",
                                 "more", "than", "a", "year", "Facebook", "it", "?"]), max_size=12))
def test_question_shaped_text_gets_a_well_formed_answer(bot, words):
    assert_well_formed(bot.ask(" ".join(words)))


def test_an_internal_failure_is_an_error_answer_not_a_traceback(bot, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(bot, "_answer_reading", broken)
    answer = bot.ask("what is Wistia")
    assert answer.kind == "error" and not answer.answered
    assert "boom" in caplog.text


@pytest.mark.parametrize("question", ["which cookies expire in under an hour?", "cookies lasting more than 5 years",
                                      "which analytics cookies are persistent?", "session cookies on zopim.com"])
def test_the_see_all_command_lists_the_same_rows(bot, question):
    from typer.testing import CliRunner
    from policybot.fronts.terminal.cli import app
    from policybot.fronts.terminal.render import see_all_command
    answer = bot.ask(question)
    args = see_all_command(answer.see_all).split()[1:] + ["--format", "json"]
    listed = json.loads(CliRunner().invoke(app, args).stdout)
    assert [c["name"] for c in listed] == cookie_names(answer)


def test_follow_ups_about_category_and_session_use_the_last_cookie(bot):
    chat = bot.conversation()
    chat.ask("what is Wistia?")
    assert chat.ask("is it essential?").text.startswith("Yes. Wistia")
    assert chat.ask("and is it a session cookie?").text.startswith("No: Wistia")
    assert chat.ask("which cookies are essential?").kind == "list"     # a new question, not a follow-up


@pytest.mark.parametrize("question, top", [
    ("what exactly is a cookie?", "3"),
    ("when did the policy come into effect?", "preamble"),
    ("do the social media share buttons collect data about me?", "5"),
])
def test_fillers_and_split_phrases_do_not_hide_the_answer(bot, question, top):
    answer = bot.ask(question)
    assert answer.answered and answer.sources[0]["number"] == top


def test_fillers_do_not_shift_a_misspelt_identifier(bot):
    answer = bot.ask("what exactly is _zendesk_sesion_tracker?")
    assert not answer.answered and "_zendesk_sesion_tracker" in answer.text
    assert top_cookie(bot.ask("please, what is the _zendesk_sesion cookie")) == "_zendesk_session"


@pytest.mark.parametrize("question, first_line", [
    ("does twitter advertising last longer than adwords conversion", "Yes: Twitter Advertising"),
    ("naver dure plus longtemps que linkedin ?", "Non : Naver"),
    ("does Gauge expire sooner than _zendesk_cookie?", "Yes: Gauge"),
    ("which lasts longer, Capterra or Bing?", "Bing"),
])
def test_comparing_two_cookies_gives_a_verdict(bot, question, first_line):
    assert bot.ask(question).text.startswith(first_line)


@pytest.mark.parametrize("question, name", [
    ("wisita cookie whats it for", "Wistia"),                         # two letters swapped
    ("whats the cookie for custom audiences on fb", "Facebook Business"),   # chat spellings
    ("which cookie keeps u logged in between visits", "_zendesk_remember_me"),
    ("quel cookie assure le suivi des conversions sur www.bimeanalytics.com ?", "Capterra"),  # the site narrows it
])
def test_chat_spellings_swaps_and_sites(bot, question, name):
    assert top_cookie(bot.ask(question)) == name


@pytest.mark.parametrize("question", [
    "my manager wants a summary of the policy",           # "manager" is not Google Tag Manager
    "is there an app for this?",                          # "app" is not AppNexus
    "is my data shared with other companies?",            # "shared" is not _zendesk_shared_session
])
def test_ordinary_words_inside_names_do_not_name_a_cookie(bot, question):
    answer = bot.ask(question)
    assert answer.kind not in ("cookie", "attribute")


def test_a_question_after_context_is_read_on_its_own(bot):
    answer = bot.ask("I am not a technical person and my boss asked me to brief the board. "
                     "Could you please tell me what a cookie actually is?")
    assert "small text file" in answer.text


@pytest.mark.parametrize("question", ["how long does Zendesk keep my personal data?", "how long does the _ga cookie last?"])
def test_durations_of_things_the_policy_does_not_date_are_not_guessed(bot, question):
    assert not bot.ask(question).answered


def test_a_vendors_social_button_is_answered_from_the_prose_not_its_cookie_rows(bot):
    answer = bot.ask("does the Facebook Like button set cookies?")
    assert answer.kind == "prose" and "Like" in answer.text


@pytest.mark.parametrize("question, written, listed", [
    ("what is the Google Maps cookie?", "Google Maps", "Google"),       # "maps" is a word the policy uses
    ("does Yahoo Mail set cookies?", "Yahoo Mail", "Yahoo Japan"),      # "yahoo" is the company's alias
    ("what is the Google Fonts cookie?", "Google Fonts", "Google"),     # "fonts" is a word it never uses
])
def test_another_product_of_a_listed_vendor_is_declined_with_the_listed_one_suggested(bot, question, written, listed):
    answer = bot.ask(question)
    assert not answer.answered and written in answer.text and not answer.sources
    assert listed in answer.suggestions


@pytest.mark.parametrize("question, name", [
    ("what is the Google cookie?", "Google"),
    ("is the Google Cookie persistent?", "Google"),      # a capitalised common word is no product's name
    ("what does the yahoo cookie do?", "Yahoo Japan"),
])
def test_a_listed_vendor_followed_by_a_common_word_is_still_its_row(bot, question, name):
    assert [s["name"] for s in bot.ask(question).sources] == [name]


def test_the_categories_themselves(bot):
    answer = bot.ask("what kinds of cookies are there?")
    assert answer.answered and all(t in answer.text for t in ("Essential", "Analytics", "Targeting"))
    assert [s["number"] for s in answer.sources] == ["5.1", "5.2", "5.3", "5.4"]


@pytest.mark.parametrize("question, name", [
    ("google analitycs cookie category", "Google Analytics"),      # the longer, misspelt name beats "Google"
    ("facebook impressions cookie", "Facebook Impression"),
    ("quel cookie conserve les paramètres de langue ?", "Website Language"),
])
def test_longer_names_and_keep_words(bot, question, name):
    assert top_cookie(bot.ask(question)) == name


@pytest.mark.parametrize("question, fragment", [
    ("what are _functionality_ cookies?", "remember information"),     # Slack italics, not a cookie name
    ("<@U1> what's a cookie, technically? :cookie:", "small text file"),
    ("can the website work without essential cookies?", "strictly necessary"),
    ("are analytics cookies used to test new ads?", "test new ads"),
    ("how many categories of cookies are there?", "four"),
    ("what if I disagree with this policy?", "stop using"),
])
def test_questions_around_filters_and_slack_styling(bot, question, fragment):
    answer = bot.ask(question)
    assert answer.answered and fragment in answer.text


@pytest.mark.parametrize("question, name", [
    ("quel cookie fournit des cartes de chaleur ?", "Crazy Egg"),
    ("tracking pixel for prospecting and retargeting", "Google Adwords Conversion"),
    ("which cookie remembers the site language setting?", "Website Language"),
])
def test_cookies_found_by_what_they_do_in_other_words(bot, question, name):
    assert top_cookie(bot.ask(question)) == name


@pytest.mark.parametrize("question", ["cookies >= 2 years", "cookies lasting 10 years or more", "cookies > 1 year",
                                      "cookies < 1h", "cookies of at most 30 minutes"])
def test_signs_and_inclusive_bounds_list_what_see_all_lists(bot, question):
    test_the_see_all_command_lists_the_same_rows(bot, question)


def test_policy_date_gives_both_dates(bot):
    text = bot.ask("policy date").text
    assert "January 25, 2019" in text and "November 21, 2018" in text


def test_a_topic_the_policy_treats_in_two_places_quotes_both(bot):
    answer = bot.ask("does the policy say anything about consent?")
    assert [s["number"] for s in answer.sources] == ["8", "5"]
    assert "continued use" in answer.text and "Many countries" in answer.text


@pytest.mark.parametrize("question, top", [
    ("What exactly is a browser cookie?", "3"),                      # "browser cookie" is just a cookie
    ("Que signifie le terme cookie ?", "3"),
    ("is there a way to stop cookies being set?", "5"),
])
def test_rewrites_and_phrases(bot, question, top):
    assert bot.ask(question).sources[0]["number"] == top


@pytest.mark.parametrize("question, expected", [
    ("customer says they never agreed to any cookies, does the policy mention consent?", "consent"),
    ("for our privacy page, how does the policy describe what a cookie actually is?", "small text file"),
])
def test_the_last_clause_is_read_when_the_context_drowns_it(bot, question, expected):
    answer = bot.ask(question)
    assert answer.answered and expected in answer.text


@pytest.mark.parametrize("question", [
    "le cookie Criteo, c'est quoi ?",                        # the dropped context names an unknown cookie
    "I forgot my password, how do I reset it",
    "what's our budget split between Google Ads and Meta this quarter?",   # a vendor named amid other business
])
def test_context_is_not_dropped_when_it_carries_the_question(bot, question):
    assert not bot.ask(question).answered


@pytest.mark.parametrize("question, names", [
    ("what runs on bimeanalytics.com?", ["Vimeo", "popupHide"]),             # filters alone make a list
    ("anything with an expiry over 5 years", ["_zendesk_cookie", "Wistia"]),
    ("customer asks which essential cookies the zendesk.com site sets", ["Disqus", "_zendesk_session"]),
])
def test_filters_without_the_word_cookies_still_list(bot, question, names):
    answer = bot.ask(question)
    assert answer.kind == "list" and all(n in cookie_names(answer) for n in names)
    if "zendesk.com" in question:
        assert "Wistia" not in cookie_names(answer)


@pytest.mark.parametrize("question", ["what is the cookie policy of Facebook?", "what's Facebook's privacy policy?",
                                      "do you sell cookie data to advertisers?", "comment supprimer mon compte Zendesk ?"])
def test_questions_that_share_words_with_the_policy_but_not_its_subject(bot, question):
    assert not bot.ask(question).answered


def test_a_vendor_family_list_honours_a_website(bot):
    answer = bot.ask("Facebook cookies on zopim.com")
    assert cookie_names(answer) == ["Facebook Connect", "Facebook Business", "Facebook Impression"]


def test_which_edition(bot):
    text = bot.ask("which edition of the cookie policy is this?").text
    assert "January 25, 2019" in text and "December 2, 2019" in text and not text.startswith("No")


@pytest.mark.parametrize("question", ["what is the price of Zendesk Suite?", "Zendesk a-t-elle reçu une amende de la CNIL ?",
                                      "does Zendesk sell my personal data?"])
def test_guessed_typos_and_names_do_not_make_an_answer(bot, question):
    assert not bot.ask(question).answered


def test_incognito_is_chrome(bot):
    answer = bot.ask("incognito mode and cookie settings")
    assert "Chrome" in answer.text and "Firefox" not in answer.text


@pytest.mark.parametrize("question, name", [
    ("Which cookie keeps me signed in between visits so I don't have to log in every single time?", "_zendesk_remember_me"),
    ("Please describe the cookie Zendesk relies on to share session data between its different applications.",
     "_zendesk_shared_session"),
    ("split testing cookie", "Optimizely"),
])
def test_one_cookie_stands_out_in_a_long_question(bot, question, name):
    assert top_cookie(bot.ask(question)) == name


@pytest.mark.parametrize("question", ["I want to end my Zendesk plan, what do I do?", "do you sell cookie data to advertisers?"])
def test_off_topic_questions_with_policy_words_are_declined(bot, question):
    assert not bot.ask(question).answered


def test_services_we_sell_is_about_section_7(bot):
    assert bot.ask("what about cookies inside the Services we sell (not the websites)?").sources[0]["number"] == "7"


def test_a_long_question_with_words_the_policy_never_uses_is_still_answered(bot):
    agent = bot.ask("Hi team, a customer from Brazil using Firefox on Windows asked me which advertising cookies "
                    "www.zendesk.com sets on their machine - can you help?")
    assert agent.kind == "list" and agent.see_all == {"category": "advertising", "site": "www.zendesk.com"}
    assert {s["website"] for s in agent.rows} == {"www.zendesk.com"} and len(agent.rows) == 12
    chrome = bot.ask("My client in Germany, a hospital administrator using an old Lenovo laptop, wants to know how to "
                     "turn off cookies in Chrome because her compliance officer told her so")
    assert chrome.answered and "Chrome" in chrome.text and "Safari" not in chrome.text
    assert chrome.confidence < bot.ask("how do I turn off cookies in Chrome?").confidence


@pytest.mark.parametrize("question, pronoun", [("is her cookie essential?", "her"), ("what does he store in it?", "he"),
                                               ("Her Wistia cookie, how long does it last?", "Her")])
def test_pronouns_are_never_taken_for_unknown_cookie_names(bot, question, pronoun):
    answer = bot.ask(question)
    assert f"“{pronoun}”" not in answer.text and pronoun not in answer.suggestions

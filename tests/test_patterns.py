"""Pattern cookie names (`_ga_*`, `_ga_#`, `nw_pref_[id]`, `_ga_<container-id>`, `prefix-*`) and their instances."""
import pytest

from policybot.knowledge.patterns import best_pattern, is_pattern, pattern_specificity


@pytest.mark.parametrize("pattern, name", [
    ("_ga_*", "_ga_5QXZ1R2K"), ("_ga_#", "_ga_5QXZ1R2K"), ("_ga_<container-id>", "_ga_GTM42"),
    ("nw_pref_[id]", "nw_pref_80412"), ("_pk_id.*", "_pk_id.1.8f3a"), ("AMP_*", "AMP_6e403e775d"),
    ("ab-test-*", "ab-test-pricing"), ("_hjSessionUser_*", "_hjSessionUser_3318842"), ("AMP_{key}", "amp_ff00"),
])
def test_an_instance_matches_its_pattern(pattern, name):
    assert pattern_specificity(pattern, name) is not None


@pytest.mark.parametrize("pattern, name", [
    ("_ga_*", "_ga"),                                   # the plain name is not an instance
    ("_ga_*", "_ga_"),                                  # the variable part is never empty
    ("_hjSession_*", "_hjSessionUser_1"),               # a longer, different word
    ("_hj*", "_hjSessionUser_1"),                       # a wildcard after a letter does not carry the word on
    ("prefix-*", "prefixes-1"),
    ("_ga", "_ga"),                                     # not a pattern
    ("_ga_*", "_ga_*"),                                 # a pattern is not an instance
])
def test_what_is_not_an_instance(pattern, name):
    assert pattern_specificity(pattern, name) is None


def test_the_most_specific_pattern_wins():
    assert best_pattern(["_hjSession_*", "_hjSessionUser_*"], "_hjSessionUser_3318842") == "_hjSessionUser_*"
    assert best_pattern(["_ga_*", "_ga_GT-*"], "_ga_GT-77") == "_ga_GT-*"
    assert best_pattern(["_hjSession_*", "_hjSessionUser_*"], "_hjAbsoluteSessionInProgress") is None
    assert is_pattern("nw_pref_[id]") and not is_pattern("nw_pref")

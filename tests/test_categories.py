"""Category labels as policies write them -> the four categories (policybot/language/data/categories.yaml)."""
import pytest

from policybot.ingest.categories import category_of


@pytest.mark.parametrize("label, category", [
    ("Strictly necessary", "essential"), ("Necessary", "essential"), ("Essentiel", "essential"),
    ("Strictement nécessaire", "essential"), ("Strictly necessary cookies", "essential"),
    ("Performance", "analytics"), ("Statistics", "analytics"), ("Analyses", "analytics"), ("Statistiques", "analytics"),
    ("Functional", "functionality"), ("Preferences", "functionality"), ("Préférences", "functionality"),
    ("Functionality/Preference", "functionality"), ("Targeting /Advertising", "advertising"),
    ("Marketing", "advertising"), ("Publicité", "advertising"), ("TARGETING", "advertising"),
])
def test_known_labels(label, category):
    assert category_of(label) == (category, True)


@pytest.mark.parametrize("label", ["Unclassified", "Support", "Social Media", ""])
def test_an_unknown_label_counts_as_functionality_and_says_so(label):
    assert category_of(label) == ("functionality", False)

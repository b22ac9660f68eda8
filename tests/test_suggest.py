"""Tests for mbct_guide/suggest.py: what was typed, and what was probably meant."""

from __future__ import annotations

import pytest

from mbct_guide import suggest

CHOICES = ["fake-alpha", "fake-beta", "northern-fake", "fake"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("fake-alpah", "fake-alpha"),  # two letters swapped
        ("fake-bet", "fake-beta"),  # a letter short
        ("FAKE-BETA ", "fake-beta"),  # capitals and a stray space
        ("northern", "northern-fake"),  # a whole hyphenated part of one id
    ],
)
def test_closest_finds_the_choice_that_was_meant(typed, meant):
    assert suggest.closest(typed, CHOICES) == meant


def test_a_word_held_by_one_id_beats_a_word_spelt_alike():
    """'ireland' is spelt more like 'england', but is a part of 'northern-ireland'."""
    assert suggest.closest("ireland", ["england", "northern-ireland", "wales"]) == "northern-ireland"


def test_a_word_held_by_several_ids_falls_back_to_spelling():
    choices = ["alpha-fake", "beta-fake", "fakes"]
    assert suggest.closest("fake", choices) == "fakes"


@pytest.mark.parametrize("typed", ["zzzz", "", None, 12, ["fake-alpha"], "fake-alpha" + "x" * suggest.LONGEST])
def test_closest_suggests_nothing_for_what_is_not_near_any_choice(typed):
    assert suggest.closest(typed, CHOICES) is None


def test_closest_never_suggests_the_value_itself():
    assert suggest.closest("fake-alpha", CHOICES) is None
    assert suggest.closest("fake", ["fake", "fake-beta"]) is None


def test_closest_reads_choices_of_any_iterable_once_each():
    assert suggest.closest("fake-bta", iter(["fake-beta", "fake-beta", "other"])) == "fake-beta"


def test_did_you_mean_words_a_suggestion_or_says_nothing():
    assert suggest.did_you_mean("fake-bta", CHOICES) == "; did you mean 'fake-beta'?"
    assert suggest.did_you_mean("qqqq", CHOICES) == ""


@pytest.mark.parametrize(
    ("choices", "worded"),
    [([], ""), (["a"], "'a'"), (["a", "b"], "'a' or 'b'"), (["a", "b", "c"], "'a', 'b' or 'c'")],
)
def test_one_of_lists_choices_in_the_order_given(choices, worded):
    assert suggest.one_of(iter(choices)) == worded


def test_quoted_puts_text_in_single_quotes_on_one_line():
    assert suggest.quoted("a\n  b\tc") == "'a b c'"


def test_quoted_shows_what_is_not_text_as_python_would():
    assert suggest.quoted(12) == "'12'"
    assert suggest.quoted(None) == "'None'"
    assert suggest.quoted(["x"]) == "'['x']'"


@pytest.mark.parametrize("limit", [10, 60])
def test_quoted_shortens_long_text_to_its_limit_with_an_ellipsis(limit):
    shown = suggest.quoted("x" * (limit + 5), limit)
    assert shown == "'" + "x" * (limit - 1) + "…'"
    assert len(shown) == limit + 2


def test_quoted_keeps_text_exactly_at_its_limit():
    assert suggest.quoted("x" * 60) == "'" + "x" * 60 + "'"

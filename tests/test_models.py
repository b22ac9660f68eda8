"""Tests for mbct_guide/models.py: the text rules every field shares, and what an action works out."""

from __future__ import annotations

import datetime as dt

import markdown as md
import pytest
from fakes import action

from mbct_guide import models as m

SUB_ELEMENTS = [e for e in m.ELEMENT_IDS if e not in m.TOP_ELEMENT_IDS]


# --- nesting_depth ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("plain words", 0),
        ("- one", 1),
        ("1. one\n2) two", 1),
        ("- - one", 2),
        ("> - 1. one", 3),
        ("> > >", 3),
        ("- a\n    - b\n        - c", 3),
        ("\t- a", 2),
        ("  - a", 1),
        ("-not a list\n1.not either", 0),
        ("1234567890. ten digits is not a list marker", 0),
    ],
)
def test_nesting_depth_counts_markers_and_indentation_at_the_start_of_lines(text, depth):
    assert m.nesting_depth(text) == depth


@pytest.mark.parametrize("levels", [1, 3, 6])
def test_nesting_depth_is_never_less_than_the_lists_markdown_makes(levels):
    text = "\n".join("    " * level + "- item" for level in range(levels))
    made = md.markdown(text, extensions=["sane_lists"]).count("<ul>")
    assert made == levels
    assert m.nesting_depth(text) >= made


# --- clean_text ------------------------------------------------------------------------------------


def test_clean_text_passes_ordinary_text_tabs_newlines_and_what_is_not_text():
    assert m.clean_text("Words,\ttabs\nand lines") == "Words,\ttabs\nand lines"
    assert m.clean_text(12) == 12
    assert m.clean_text(None) is None


# --- what an action works out -------------------------------------------------------------------


def test_all_roles_lists_the_lead_first_and_each_role_once():
    lead, helper, other = m.ROLE_IDS[:3]
    assert action("fake-a", lead_role=lead, roles=[helper, lead, other]).all_roles == (lead, helper, other)
    assert action("fake-a", lead_role=lead, roles=[]).all_roles == (lead,)


def test_top_elements_are_the_elements_tops_once_each_in_first_seen_order():
    by_top = {}
    for sub in SUB_ELEMENTS:
        by_top.setdefault(sub.split("-", 1)[0], []).append(sub)
    (first, first_subs), (second, second_subs) = list(by_top.items())[:2]
    elements = [second_subs[0], first_subs[0], second, first_subs[-1]]
    assert action("fake-a", elements=elements).top_elements == (second, first)


# --- shared field rules, through a record -------------------------------------------------------


def test_plain_text_is_one_line_with_single_spaces():
    assert action("fake-a", summary="A fake\n  summary\tover lines.").summary == "A fake summary over lines."


def test_markdown_fields_keep_their_line_breaks_and_lose_outer_space():
    assert action("fake-a", detail="  - one\n- two\n\n").detail == "- one\n- two"


def test_a_date_written_as_text_is_read_as_that_date():
    record = m.PageReview(page="fake.md", last_reviewed="2026-3-1", next_review_due="2027-01-01")
    assert record.last_reviewed == dt.date(2026, 3, 1)

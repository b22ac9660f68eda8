"""Tests for mbct_guide/guide.py: the guide's reading order, its look-ups and its filters, on a fake guide."""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import action, guide, pivot_point, review, statement, story, template, topic

from mbct_guide import models as m

FIRST_STAGE, SECOND_STAGE, LAST_STAGE = m.STAGE_IDS[0], m.STAGE_IDS[1], m.STAGE_IDS[-1]
FIRST_THEME, SECOND_THEME = m.THEME_IDS[0], m.THEME_IDS[1]
LEAD, HELPER, OTHER = m.ROLE_IDS[0], m.ROLE_IDS[1], m.ROLE_IDS[2]
SUB_ELEMENT = next(e for e in m.ELEMENT_IDS if e not in m.TOP_ELEMENT_IDS)
TOP_OF_SUB = SUB_ELEMENT.split("-", 1)[0]
OTHER_TOP = next(e for e in m.TOP_ELEMENT_IDS if e != TOP_OF_SUB)


def ids(records) -> list[str]:
    return [record.id for record in records]


def filtered_guide():
    """Four actions differing in one thing each from fake-action-a."""
    base = dict(stage=FIRST_STAGE, theme=FIRST_THEME, lead_role=LEAD, roles=[HELPER], elements=[SUB_ELEMENT])
    return guide(
        action("fake-action-a", **base, topics=["funding"]),
        action("fake-action-b", **{**base, "stage": SECOND_STAGE}),
        action("fake-action-c", **{**base, "theme": SECOND_THEME}),
        action("fake-action-d", **{**base, "lead_role": OTHER, "roles": []}),
        action("fake-action-e", **{**base, "elements": [OTHER_TOP]}),
    )


# --- reading order ------------------------------------------------------------------------------


def test_actions_are_in_stage_then_theme_then_order_then_id_order():
    g = guide(
        action("fake-z", stage=SECOND_STAGE, theme=FIRST_THEME),
        action("fake-y", stage=FIRST_STAGE, theme=SECOND_THEME),
        action("fake-x", stage=FIRST_STAGE, theme=FIRST_THEME, order=60),
        action("fake-w", stage=FIRST_STAGE, theme=FIRST_THEME, order=10),
        action("fake-b", stage=FIRST_STAGE, theme=FIRST_THEME, order=60),
    )
    assert ids(g.actions) == ["fake-w", "fake-b", "fake-x", "fake-y", "fake-z"]


def test_vocabularies_are_in_their_fixed_order_whatever_the_file_order():
    g = guide()
    reversed_guide = guide(
        stages=list(reversed(g.stages)),
        themes=list(reversed(g.themes)),
        roles=list(reversed(g.roles)),
        framework_elements=list(reversed(g.framework_elements)),
        topics=[topic(t) for t in reversed(m.TOPIC_IDS)],
    )
    assert ids(reversed_guide.stages) == list(m.STAGE_IDS)
    assert ids(reversed_guide.themes) == list(m.THEME_IDS)
    assert ids(reversed_guide.roles) == list(m.ROLE_IDS)
    assert ids(reversed_guide.framework_elements) == list(m.TOP_ELEMENT_IDS)
    assert ids(reversed_guide.topics) == list(m.TOPIC_IDS)


def test_sources_glossary_and_pivot_points_are_alphabetical_ignoring_case():
    g = guide(
        sources=[
            m.Source(id="fake-b", type="report", citation="beta report.", short="Fake B"),
            m.Source(id="fake-a", type="report", citation="Alpha report.", short="Fake A"),
        ],
        glossary=[
            m.GlossaryTerm(id="fake-z", term="zeta", definition="Fake."),
            m.GlossaryTerm(id="fake-y", term="Alpha", definition="Fake."),
        ],
        pivot_points=[pivot_point("fake-p1", title="later one"), pivot_point("fake-p2", title="Earlier one")],
    )
    assert ids(g.sources) == ["fake-a", "fake-b"]
    assert ids(g.glossary) == ["fake-y", "fake-z"]
    assert ids(g.pivot_points) == ["fake-p2", "fake-p1"]


def test_stories_and_templates_follow_their_order_then_title():
    g = guide(
        stories=[story("fake-s1", order=20), story("fake-s2", order=10, title="Zz"), story("fake-s3", title="Aa")],
        templates=[template("fake-t1", title="bb"), template("fake-t2", title="Aa"), template("fake-t3", order=1)],
    )
    assert ids(g.stories) == ["fake-s2", "fake-s1", "fake-s3"]
    assert ids(g.templates) == ["fake-t3", "fake-t2", "fake-t1"]


def test_assessment_is_by_theme_then_stage_and_changelog_newest_first():
    g = guide(
        assessment=[
            statement("fake-late", SECOND_THEME, FIRST_STAGE, ["fake-action-a"]),
            statement("fake-second", FIRST_THEME, LAST_STAGE, ["fake-action-a"]),
            statement("fake-first", FIRST_THEME, FIRST_STAGE, ["fake-action-a"]),
        ],
        changelog=[
            m.ChangelogEntry(version="1.0.0", date=dt.date(2026, 1, 1), changes=["Fake."]),
            m.ChangelogEntry(version="1.1.0", date=dt.date(2026, 6, 1), changes=["Fake."]),
        ],
    )
    assert ids(g.assessment) == ["fake-first", "fake-second", "fake-late"]
    assert [entry.version for entry in g.changelog] == ["1.1.0", "1.0.0"]


# --- look-ups -----------------------------------------------------------------------------------


def test_look_ups_find_each_record_by_its_id():
    g = guide(stories=[story("fake-story")], templates=[template("fake-template")], topics=[topic("funding")])
    assert g.action("fake-action-b").id == "fake-action-b"
    assert g.stage(SECOND_STAGE).id == SECOND_STAGE
    assert g.theme(SECOND_THEME).id == SECOND_THEME
    assert g.role(OTHER).id == OTHER
    assert g.source("fake-source").id == "fake-source"
    assert g.story("fake-story").id == "fake-story"
    assert g.template("fake-template").id == "fake-template"
    assert g.topic("funding").id == "funding"


def test_element_finds_top_elements_and_sub_elements():
    g = guide()
    assert g.element(TOP_OF_SUB).id == TOP_OF_SUB
    assert g.element(SUB_ELEMENT).id == SUB_ELEMENT
    assert isinstance(g.element(SUB_ELEMENT), m.SubElement)


def test_an_unknown_id_is_a_key_error_but_an_unreviewed_page_is_none():
    g = guide(reviews=[review("fake/page.md", next_review_due=dt.date(2027, 1, 1))])
    with pytest.raises(KeyError):
        g.action("fake-no-such-action")
    assert g.review("fake/page.md").page == "fake/page.md"
    assert g.review("fake/other.md") is None
    assert g.clinical_review("fake/page.md") is None


def test_record_ids_are_each_collection_s_ids_and_elements_include_sub_elements():
    g = guide()
    assert g.record_ids("actions") == frozenset(ids(g.actions))
    assert g.record_ids("stages") == frozenset(m.STAGE_IDS)
    assert g.record_ids("elements") == frozenset(m.ELEMENT_IDS) | frozenset(m.TOP_ELEMENT_IDS)
    assert g.record_ids("stories") == frozenset()


# --- filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["fake-action-a", "fake-action-d", "fake-action-e", "fake-action-c", "fake-action-b"]),
        ({"stage": SECOND_STAGE}, ["fake-action-b"]),
        ({"theme": SECOND_THEME}, ["fake-action-c"]),
        ({"role": OTHER}, ["fake-action-d"]),
        ({"role": HELPER}, ["fake-action-a", "fake-action-e", "fake-action-c", "fake-action-b"]),
        ({"element": SUB_ELEMENT}, ["fake-action-a", "fake-action-d", "fake-action-c", "fake-action-b"]),
        ({"element": TOP_OF_SUB}, ["fake-action-a", "fake-action-d", "fake-action-c", "fake-action-b"]),
        ({"element": OTHER_TOP}, ["fake-action-e"]),
        ({"topic": "funding"}, ["fake-action-a"]),
        ({"stage": FIRST_STAGE, "theme": FIRST_THEME, "role": LEAD}, ["fake-action-a", "fake-action-e"]),
        ({"stage": SECOND_STAGE, "theme": SECOND_THEME}, []),
    ],
)
def test_actions_where_keeps_the_actions_matching_every_filter_in_reading_order(filters, expected):
    assert ids(filtered_guide().actions_where(**filters)) == expected


def test_actions_where_works_out_each_filter_once_and_each_filter_apart():
    """Every action page asks for its neighbours' actions: scanning all actions each time grew
    with the square of the actions (issue 19's 10x build)."""
    g = filtered_guide()
    first = g.actions_where(stage=FIRST_STAGE, theme=FIRST_THEME)
    assert g.actions_where(stage=FIRST_STAGE, theme=FIRST_THEME) is first
    assert ids(g.actions_where(stage=SECOND_STAGE)) == ["fake-action-b"]  # another filter, its own answer
    assert ids(g.actions_where(stage=FIRST_STAGE, theme=FIRST_THEME, role=LEAD)) == ["fake-action-a", "fake-action-e"]


def test_pivot_points_where_filters_by_stage_and_role():
    g = guide(
        pivot_points=[
            pivot_point("fake-p1", title="Aa", stages=[FIRST_STAGE], roles=[LEAD]),
            pivot_point("fake-p2", title="Bb", stages=[FIRST_STAGE, SECOND_STAGE], roles=[HELPER]),
        ]
    )
    assert ids(g.pivot_points_where()) == ["fake-p1", "fake-p2"]
    assert ids(g.pivot_points_where(stage=SECOND_STAGE)) == ["fake-p2"]
    assert ids(g.pivot_points_where(role=LEAD)) == ["fake-p1"]
    assert ids(g.pivot_points_where(stage=SECOND_STAGE, role=LEAD)) == []


def test_stories_showing_a_stage_or_a_role_need_a_chapter_with_both():
    """fakes.story: the first stage's chapter shows fake-action-a; the second stage's shows no action."""
    g = guide(
        action("fake-action-a", lead_role=LEAD, roles=[]),
        action("fake-action-b", lead_role=OTHER, roles=[]),
        stories=[story("fake-story")],
    )
    assert ids(g.stories_showing(stage=FIRST_STAGE)) == ["fake-story"]
    assert ids(g.stories_showing(stage=SECOND_STAGE)) == ["fake-story"]
    assert ids(g.stories_showing(stage=LAST_STAGE)) == []
    assert ids(g.stories_showing(role=LEAD)) == ["fake-story"]
    assert ids(g.stories_showing(role=OTHER)) == []
    assert ids(g.stories_showing(stage=SECOND_STAGE, role=LEAD)) == []

"""The calculator's formulae and checks, in Python (the browser mirror is tested in test_browser_tools)."""

from __future__ import annotations

import pytest
from calculator_reference import check_value
from conftest import DATA_DIR, DOCS_DIR

from mbct_guide import load_guide
from mbct_guide.calculator import compute, format_output

SPECS = {spec.id: spec for spec in load_guide(DATA_DIR, DOCS_DIR).calculator}
DEFAULTS = {key: spec.default for key, spec in SPECS.items()}


def scenario(**changes):
    return {**DEFAULTS, **changes}


def test_issue_example_120_start_and_90_complete():
    results = compute(scenario(courses=10, group_size=12, completion_rate=75))
    assert results.participants_starting == 120
    assert results.participants_completing == 90


def test_hours_and_costs_by_hand():
    values = scenario(
        people_to_reach=0,
        courses=2,
        group_size=10,
        sessions=8,
        orientation_sessions=1,
        assessment_minutes=45,
        follow_up_sessions=1,
        session_hours=2,
        teachers=2,
        prep_hours=1,
        supervision_hours=5,
        supervisor_hourly_cost=70,
        team_teachers=3,
        retreat_days=5,
        working_day_hours=7.5,
        retreat_cost=100,
        training_cost=1400,
        hourly_cost=40,
        other_costs=100,
        completion_rate=50,
        one_to_one_sessions=8,
    )
    r = compute(values)
    assert r.courses_run == 2 and r.courses_for_completers is None
    assert r.sessions_per_course == 10
    assert r.teacher_contact_hours == 2 * 10 * 2 * 2  # courses x sessions x hours x teachers = 80
    assert r.preparation_hours == 2 * 10 * 2 * 1  # 40
    assert r.assessment_hours == 20 * 45 / 60  # 15: one member of staff for each person starting
    assert r.supervision_hours == 10
    assert r.retreat_hours == 3 * 5 * 7.5  # 112.5: teachers in the team x days x hours a day
    assert r.total_staff_hours == 80 + 40 + 15 + 10 + 112.5
    assert r.staff_cost == 257.5 * 40
    assert r.supervisor_cost == 10 * 70
    assert r.training_and_retreat_costs == 1400 + 3 * 100
    assert r.other_costs == 200
    assert r.total_cost == 10300 + 700 + 1700 + 200
    assert r.cost_per_starter == 12900 / 20
    assert r.cost_per_completer == 12900 / 10
    assert r.one_to_one_hours == 20 * 8


def test_one_to_one_assessment_is_staff_time_even_with_no_group_orientation():
    """Issue 20: a service that assesses one to one sets orientation sessions to 0; the time
    it spends with each person is still counted, as staff hours and cost."""
    without = compute(scenario(orientation_sessions=0, assessment_minutes=0))
    assessed = compute(scenario(orientation_sessions=0, assessment_minutes=60))
    assert assessed.assessment_hours == assessed.participants_starting
    assert assessed.total_staff_hours == without.total_staff_hours + assessed.participants_starting
    assert assessed.total_cost > without.total_cost


def test_supervision_retreats_and_training_each_add_to_the_cost():
    base = compute(scenario(supervisor_hourly_cost=0, retreat_days=0, retreat_cost=0, training_cost=0))
    assert compute(scenario(supervisor_hourly_cost=0, retreat_days=0, retreat_cost=0)).total_cost == (
        base.total_cost + DEFAULTS["training_cost"]
    )
    with_supervisor = compute(scenario(retreat_days=0, retreat_cost=0, training_cost=0))
    assert with_supervisor.supervisor_cost == base.supervision_hours * DEFAULTS["supervisor_hourly_cost"] > 0
    with_retreats = compute(scenario(supervisor_hourly_cost=0, retreat_cost=0, training_cost=0))
    retreat_hours = DEFAULTS["team_teachers"] * DEFAULTS["retreat_days"] * DEFAULTS["working_day_hours"]
    assert with_retreats.retreat_hours == retreat_hours > 0
    assert with_retreats.total_cost == base.total_cost + retreat_hours * DEFAULTS["hourly_cost"]


def test_the_standards_defaults_follow_bamba():
    """BAMBA: five retreat days a year; at least 3 hours of supervision per eight-week course
    for a new teacher (the default is that minimum for each of the two teachers)."""
    assert SPECS["retreat_days"].default == 5 and SPECS["retreat_days"].source == "bamba-retreats"
    assert SPECS["supervision_hours"].source == "bamba-supervision"
    assert SPECS["supervision_hours"].default == 3 * SPECS["teachers"].default
    for key in ("training_cost", "supervisor_hourly_cost", "hourly_cost", "assessment_minutes"):
        assert "example" in SPECS[key].basis.lower(), key
    assert "example" in SPECS["training_cost"].help.lower()


@pytest.mark.parametrize(
    "people, group, courses",
    [(120, 12, 10), (121, 12, 11), (1, 12, 1), (12, 12, 1), (13, 12, 2), (100, 8, 13), (10000, 30, 334)],
)
def test_people_to_reach_gives_whole_courses_rounded_up(people, group, courses):
    r = compute(scenario(people_to_reach=people, group_size=group, courses=99))
    assert r.courses_run == courses  # courses a year (99) is not used
    assert r.participants_starting == courses * group >= people
    assert (courses - 1) * group < people


def test_people_to_reach_allows_for_completion():
    r = compute(scenario(people_to_reach=120, group_size=12, completion_rate=80))
    assert r.courses_run == 10
    assert r.courses_for_completers == 13  # 120 / (12 x 0.8) = 12.5, rounded up
    assert compute(scenario(people_to_reach=96, group_size=12, completion_rate=80)).courses_for_completers == 10
    none = compute(scenario(people_to_reach=120, completion_rate=0))
    assert none.courses_for_completers is None
    assert "Not applicable" in format_output("count", none.courses_for_completers, "courses_for_completers")


def test_people_to_reach_at_zero_keeps_courses_a_year():
    """An old link (before people to reach existed) gets the default of 0: its courses stand."""
    assert SPECS["people_to_reach"].default == 0
    r = compute(scenario(courses=10, group_size=12))
    assert r.courses_run == 10 and r.participants_starting == 120


def test_no_one_starting_gives_no_division_by_zero():
    r = compute(scenario(courses=0))
    assert r.cost_per_starter is None and r.cost_per_completer is None
    assert format_output("money", r.cost_per_starter, "cost_per_starter") == "Not applicable (no one starts a course)"
    r = compute(scenario(completion_rate=0))
    assert r.cost_per_completer is None and r.cost_per_starter is not None


def test_a_completion_rate_of_zero_says_no_one_completes_not_that_no_one_starts():
    """Completion rate is the share who complete: at 0, people still start (48 by default)."""
    r = compute(scenario(completion_rate=0))
    assert r.participants_starting > 0
    shown = format_output("money", r.cost_per_completer, "cost_per_completer")
    assert shown == "Not applicable (no one completes a course)"
    assert "starts" not in shown


@pytest.mark.parametrize(
    "key, raw, message",
    [
        ("courses", "", "Enter a number"),
        ("courses", "   ", "Enter a number"),
        ("courses", "-3", "cannot be negative"),
        ("courses", "abc", "digits only"),
        ("courses", "NaN", "digits only"),
        ("courses", "Infinity", "digits only"),
        ("courses", "1e400", "digits only"),
        ("courses", "0x10", "digits only"),
        ("courses", "2.5", "whole number"),
        ("courses", "99999999", "or less"),
        ("completion_rate", "101", "100 or less"),
        ("session_hours", "0", "0.25 or more"),
        ("courses", "<script>alert(1)</script>", "digits only"),
    ],
)
def test_bad_input_gets_a_message(key, raw, message):
    value, error = check_value(SPECS[key], raw)
    assert value is None and message in error


@pytest.mark.parametrize("raw, expected", [("6", 6), (" 1,000 ", None), ("£50", 50), ("75%", 75), ("2.5", 2.5)])
def test_forgiving_parsing(raw, expected):
    key = "hourly_cost" if raw.startswith("£") else "completion_rate" if "%" in raw else "session_hours"
    if raw.strip() == "1,000":
        key = "other_costs"
        expected = 1000
    value, error = check_value(SPECS[key], raw)
    assert error is None and value == expected


def test_every_default_passes_its_own_checks():
    for key, spec in SPECS.items():
        assert check_value(spec, format(spec.default, "g")) == (spec.default, None), key


@pytest.mark.parametrize(
    "kind, value, shown",
    [
        ("money", 1234.5, "£1,235"),
        ("money", 0.4, "£0"),
        ("people", 38.4, "38"),
        ("people", 38.5, "39"),
        ("hours", 12.25, "12.3"),
        ("hours", 12.0, "12"),
        ("hours", 1234567.04, "1,234,567"),
    ],
)
def test_formatting(kind, value, shown):
    assert format_output(kind, value) == shown

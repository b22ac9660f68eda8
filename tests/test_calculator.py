"""The calculator's formulae and checks, in Python (the browser mirror is tested in test_browser_tools)."""

from __future__ import annotations

import pytest
from conftest import DATA_DIR, DOCS_DIR

from mbct_guide import load_guide
from mbct_guide.calculator import check_value, compute, format_output

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
        courses=2,
        group_size=10,
        sessions=8,
        orientation_sessions=1,
        follow_up_sessions=1,
        session_hours=2,
        teachers=2,
        prep_hours=1,
        supervision_hours=5,
        hourly_cost=40,
        other_costs=100,
        completion_rate=50,
        one_to_one_sessions=8,
    )
    r = compute(values)
    assert r.sessions_per_course == 10
    assert r.teacher_contact_hours == 2 * 10 * 2 * 2  # courses x sessions x hours x teachers = 80
    assert r.preparation_hours == 2 * 10 * 2 * 1  # 40
    assert r.supervision_hours == 10
    assert r.total_staff_hours == 130
    assert r.staff_cost == 130 * 40
    assert r.total_cost == 5200 + 200
    assert r.cost_per_starter == 5400 / 20
    assert r.cost_per_completer == 5400 / 10
    assert r.one_to_one_hours == 20 * 8


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

"""Tests for mbct_guide/problems.py: problems worded for editors, and the numbered report."""

from __future__ import annotations

import pytest

from mbct_guide.problems import GuidanceDataError, Problem


@pytest.mark.parametrize(
    ("problem", "worded"),
    [
        (Problem("a.yml", 4, "fake-a", "title", "is wrong"), "a.yml, line 4: record 'fake-a', field 'title': is wrong"),
        (Problem("a.yml", None, "fake-a", None, "is wrong"), "a.yml: record 'fake-a': is wrong"),
        (Problem("a.yml", 2, None, "title", "is wrong"), "a.yml, line 2: field 'title': is wrong"),
        (Problem("a.yml", None, None, None, "is empty"), "a.yml: is empty"),
    ],
)
def test_a_problem_says_where_what_and_the_rule(problem, worded):
    assert str(problem) == worded


def test_line_zero_is_still_a_line():
    assert str(Problem("a.yml", 0, None, None, "x")) == "a.yml, line 0: x"


def test_the_report_numbers_problems_by_file_then_line_and_drops_repeats():
    later = Problem("b.yml", 1, None, None, "second file")
    line_ten = Problem("a.yml", 10, None, None, "line ten")
    line_two = Problem("a.yml", 2, None, None, "line two")
    no_line = Problem("a.yml", None, None, None, "the whole file")
    error = GuidanceDataError([later, line_ten, line_two, no_line, line_two])

    assert error.problems == [no_line, line_two, line_ten, later]
    lines = error.report().splitlines()
    assert lines[0] == "The guidance data has 4 problems. Fix each one and build again:"
    assert lines[2:6] == [f"  {number}. {problem}" for number, problem in enumerate(error.problems, 1)]
    assert lines[-1] == "Field rules for every file are in guidance_data/README.md."


def test_one_problem_is_one_problem_not_one_problems():
    report = GuidanceDataError([Problem("a.yml", 1, None, None, "x")]).report()
    assert report.startswith("The guidance data has 1 problem. ")


def test_problems_on_one_line_are_ordered_by_field_then_rule():
    b_rule = Problem("a.yml", 1, None, "title", "b")
    a_rule = Problem("a.yml", 1, None, "title", "a")
    no_field = Problem("a.yml", 1, None, None, "z")
    assert GuidanceDataError([b_rule, a_rule, no_field]).problems == [no_field, a_rule, b_rule]


def test_notes_follow_the_problems_once_each_in_the_order_given():
    error = GuidanceDataError(
        [Problem("a.yml", 1, None, None, "x")], notes=["second note", "first note", "second note"]
    )
    assert error.notes == ["second note", "first note"]
    lines = error.report().splitlines()
    numbered = lines.index("  1. a.yml, line 1: x")
    assert lines[numbered + 1 : numbered + 4] == ["", "Note: second note", "Note: first note"]


def test_without_notes_the_report_has_no_note_lines():
    assert "Note:" not in GuidanceDataError([Problem("a.yml", 1, None, None, "x")]).report()


def test_the_report_as_annotations_gives_one_command_per_problem_and_no_numbers():
    problems = [Problem("a.yml", 1, None, None, "x"), Problem("b.yml", 2, "r", None, "y")]
    report = GuidanceDataError(problems).report(annotations=True)
    commands = [line for line in report.splitlines() if line.startswith("::error ")]
    assert commands == [problem.annotation() for problem in problems]
    assert "  1. " not in report


def test_the_error_s_message_is_its_report():
    error = GuidanceDataError([Problem("a.yml", 1, None, None, "x")], notes=["n"])
    assert str(error) == error.report()

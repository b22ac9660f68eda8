"""The cost and capacity calculator: formulae and number formatting, for the worked example
the page shows without JavaScript.

docs/assets/js/calculator.js mirrors this module line for line so the browser shows the
same numbers; a browser test compares the two on several scenarios (and the field checks with
tests/calculator_reference.py). Keep them in step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Results:
    courses_run: float
    courses_for_completers: float | None
    participants_starting: float
    participants_completing: float
    sessions_per_course: float
    teacher_contact_hours: float
    preparation_hours: float
    assessment_hours: float
    supervision_hours: float
    retreat_hours: float
    total_staff_hours: float
    staff_cost: float
    supervisor_cost: float
    training_and_retreat_costs: float
    other_costs: float
    total_cost: float
    cost_per_starter: float | None
    cost_per_completer: float | None
    one_to_one_hours: float
    group_hours_per_starter: float | None


def courses_needed(people: float, group_size: float) -> float:
    """Whole courses for this many people to start: people / group size, rounded up."""
    return math.ceil(people / group_size)


def courses_needed_to_complete(people: float, group_size: float, completion_rate: float) -> float | None:
    """Whole courses for this many people to complete, at the completion rate: rounded up.

    Worked as people x 100 / (group size x rate), so whole numbers divide exactly."""
    if completion_rate <= 0:
        return None
    return math.ceil(people * 100 / (group_size * completion_rate))


def compute(v: Mapping[str, float]) -> Results:
    """The formulae, as written out on the calculator page.

    With people to reach above 0, the courses a year are worked out from it; at 0 (the
    default, and what a link saved before the field existed gets) courses a year is used."""
    reach = v["people_to_reach"]
    courses = courses_needed(reach, v["group_size"]) if reach > 0 else v["courses"]
    for_completers = courses_needed_to_complete(reach, v["group_size"], v["completion_rate"]) if reach > 0 else None
    starting = courses * v["group_size"]
    completing = starting * v["completion_rate"] / 100
    sessions_per_course = v["sessions"] + v["orientation_sessions"] + v["follow_up_sessions"]
    contact = courses * sessions_per_course * v["session_hours"] * v["teachers"]
    preparation = courses * sessions_per_course * v["teachers"] * v["prep_hours"]
    assessment = starting * v["assessment_minutes"] / 60
    supervision = courses * v["supervision_hours"]
    retreat = v["team_teachers"] * v["retreat_days"] * v["working_day_hours"]
    staff_hours = contact + preparation + assessment + supervision + retreat
    staff_cost = staff_hours * v["hourly_cost"]
    supervisor_cost = supervision * v["supervisor_hourly_cost"]
    training_and_retreat = v["training_cost"] + v["team_teachers"] * v["retreat_cost"]
    other = courses * v["other_costs"]
    total = staff_cost + supervisor_cost + training_and_retreat + other
    return Results(
        courses_run=courses,
        courses_for_completers=for_completers,
        participants_starting=starting,
        participants_completing=completing,
        sessions_per_course=sessions_per_course,
        teacher_contact_hours=contact,
        preparation_hours=preparation,
        assessment_hours=assessment,
        supervision_hours=supervision,
        retreat_hours=retreat,
        total_staff_hours=staff_hours,
        staff_cost=staff_cost,
        supervisor_cost=supervisor_cost,
        training_and_retreat_costs=training_and_retreat,
        other_costs=other,
        total_cost=total,
        cost_per_starter=total / starting if starting > 0 else None,
        cost_per_completer=total / completing if completing > 0 else None,
        one_to_one_hours=starting * v["one_to_one_sessions"],
        group_hours_per_starter=staff_hours / starting if starting > 0 else None,
    )


# How each result is shown: (key, label, kind). Kinds decide rounding and units.
OUTPUTS: Sequence[tuple[str, str, str]] = (
    ("courses_run", "Courses a year (worked out from people to reach, if you gave it)", "count"),
    ("courses_for_completers", "Courses needed for that many people to complete", "count"),
    ("participants_starting", "People starting a course each year", "people"),
    ("participants_completing", "People completing a course each year", "people"),
    ("sessions_per_course", "Group sessions per course (course, orientation and follow-up)", "count"),
    ("teacher_contact_hours", "Teacher contact hours a year", "hours"),
    ("preparation_hours", "Preparation hours a year", "hours"),
    ("assessment_hours", "One-to-one assessment hours a year", "hours"),
    ("supervision_hours", "Supervision hours a year", "hours"),
    ("retreat_hours", "Retreat hours a year (teacher time)", "hours"),
    ("total_staff_hours", "Total staff hours a year", "hours"),
    ("staff_cost", "Staff cost a year", "money"),
    ("supervisor_cost", "Supervisor cost a year", "money"),
    ("training_and_retreat_costs", "Training and retreat fees a year", "money"),
    ("other_costs", "Other costs a year", "money"),
    ("total_cost", "Total cost a year", "money"),
    ("cost_per_starter", "Cost per person starting", "money"),
    ("cost_per_completer", "Cost per person completing", "money"),
    ("group_hours_per_starter", "Staff hours per person starting", "hours"),
    ("one_to_one_hours", "Therapist hours the same people would need one to one", "hours"),
)


def _round(value: float, places: int) -> float:
    """Half away from zero, the same in Python and JavaScript (Math.round on positives)."""
    factor = 10**places
    return math.floor(abs(value) * factor + 0.5) / factor * (1 if value >= 0 else -1)


def _group(whole: int) -> str:
    return f"{whole:,}"


def number_text(value: float, places: int = 1) -> str:
    rounded = _round(value, places)
    whole = int(abs(rounded))
    fraction = round(abs(rounded) - whole, places)
    text = _group(whole)
    if places and fraction:
        text += "." + f"{fraction:.{places}f}".split(".")[1].rstrip("0")
    return ("-" if rounded < 0 else "") + text


# Why a result cannot be worked out: costs per person divide by the people starting, or
# (per person completing) by the people completing, which is zero when the completion rate is.
NOT_APPLICABLE = {
    "cost_per_completer": "Not applicable (no one completes a course)",
    "courses_for_completers": "Not applicable (no people to reach, or no one completes)",
}
NOT_APPLICABLE_DEFAULT = "Not applicable (no one starts a course)"


def format_output(kind: str, value: float | None, key: str | None = None) -> str:
    """A result as shown on the page; ``key`` (the result's name) explains a missing one."""
    if value is None:
        return NOT_APPLICABLE.get(key or "", NOT_APPLICABLE_DEFAULT)
    if kind == "money":
        return "£" + number_text(value, 0)
    if kind == "people":
        return number_text(value, 0)
    if kind == "count":
        return number_text(value, 1)
    return number_text(value, 1)

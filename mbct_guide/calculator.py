"""The cost and capacity calculator: parsing, checks, formulae and number formatting.

docs/assets/js/calculator.js mirrors this module line for line so the browser shows the
same numbers; a browser test compares the two on several scenarios. Keep them in step.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .models import CalculatorInput

_NUMBER = re.compile(r"^\+?(\d+(\.\d+)?|\.\d+)$")
_NEGATIVE = re.compile(r"^-(\d+(\.\d+)?|\.\d+)$")
MAX_INPUT_LENGTH = 30


def clean(raw: str) -> str:
    """Forgive the usual extras people type: spaces, thousands commas, £ and %."""
    return re.sub(r"[\s,£%]", "", raw)


def check_value(spec: CalculatorInput, raw: str | None) -> tuple[float | None, str | None]:
    """A number, or None and a message to show beside the field."""
    text = clean(raw or "")[:MAX_INPUT_LENGTH]
    if not text:
        return None, "Enter a number"
    if _NEGATIVE.match(text):
        return None, f"Enter a number of {_number(spec.minimum, 2)} or more; it cannot be negative"
    if not _NUMBER.match(text):
        return None, "Enter a number using digits only, like 12"
    value = float(text)
    if spec.whole_number and value != math.floor(value):
        return None, "Enter a whole number"
    if value < spec.minimum:
        return None, f"Enter a number of {_number(spec.minimum, 2)} or more"
    if value > spec.maximum:
        return None, f"Enter a number of {_number(spec.maximum, 2)} or less"
    return value, None


@dataclass(frozen=True)
class Results:
    participants_starting: float
    participants_completing: float
    sessions_per_course: float
    teacher_contact_hours: float
    preparation_hours: float
    supervision_hours: float
    total_staff_hours: float
    staff_cost: float
    other_costs: float
    total_cost: float
    cost_per_starter: float | None
    cost_per_completer: float | None
    one_to_one_hours: float
    group_hours_per_starter: float | None


def compute(v: Mapping[str, float]) -> Results:
    """The formulae, as written out on the calculator page."""
    starting = v["courses"] * v["group_size"]
    completing = starting * v["completion_rate"] / 100
    sessions_per_course = v["sessions"] + v["orientation_sessions"] + v["follow_up_sessions"]
    contact = v["courses"] * sessions_per_course * v["session_hours"] * v["teachers"]
    preparation = v["courses"] * sessions_per_course * v["teachers"] * v["prep_hours"]
    supervision = v["courses"] * v["supervision_hours"]
    staff_hours = contact + preparation + supervision
    staff_cost = staff_hours * v["hourly_cost"]
    other = v["courses"] * v["other_costs"]
    total = staff_cost + other
    return Results(
        participants_starting=starting,
        participants_completing=completing,
        sessions_per_course=sessions_per_course,
        teacher_contact_hours=contact,
        preparation_hours=preparation,
        supervision_hours=supervision,
        total_staff_hours=staff_hours,
        staff_cost=staff_cost,
        other_costs=other,
        total_cost=total,
        cost_per_starter=total / starting if starting > 0 else None,
        cost_per_completer=total / completing if completing > 0 else None,
        one_to_one_hours=starting * v["one_to_one_sessions"],
        group_hours_per_starter=staff_hours / starting if starting > 0 else None,
    )


# How each result is shown: (label, kind). Kinds decide rounding and units.
OUTPUTS: Sequence[tuple[str, str, str]] = (
    ("participants_starting", "People starting a course each year", "people"),
    ("participants_completing", "People completing a course each year", "people"),
    ("sessions_per_course", "Group sessions per course (course, orientation and follow-up)", "count"),
    ("teacher_contact_hours", "Teacher contact hours a year", "hours"),
    ("preparation_hours", "Preparation hours a year", "hours"),
    ("supervision_hours", "Supervision hours a year", "hours"),
    ("total_staff_hours", "Total staff hours a year", "hours"),
    ("staff_cost", "Staff cost a year", "money"),
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


def _number(value: float, places: int = 1) -> str:
    rounded = _round(value, places)
    whole = int(abs(rounded))
    fraction = round(abs(rounded) - whole, places)
    text = _group(whole)
    if places and fraction:
        text += "." + f"{fraction:.{places}f}".split(".")[1].rstrip("0")
    return ("-" if rounded < 0 else "") + text


# Why a result cannot be worked out: costs per person divide by the people starting, or
# (per person completing) by the people completing, which is zero when the completion rate is.
NOT_APPLICABLE = {"cost_per_completer": "Not applicable (no one completes a course)"}
NOT_APPLICABLE_DEFAULT = "Not applicable (no one starts a course)"


def format_output(kind: str, value: float | None, key: str | None = None) -> str:
    """A result as shown on the page; ``key`` (the result's name) explains a missing one."""
    if value is None:
        return NOT_APPLICABLE.get(key or "", NOT_APPLICABLE_DEFAULT)
    if kind == "money":
        return "£" + _number(value, 0)
    if kind == "people":
        return _number(value, 0)
    if kind == "count":
        return _number(value, 1)
    return _number(value, 1)

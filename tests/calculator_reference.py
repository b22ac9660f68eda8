"""How the calculator's script checks what people type, written in Python so the tests can
compare the two (docs/assets/js/calculator.js does the same, line for line). Only the tests
use it: the site checks fields in the browser."""

from __future__ import annotations

import math
import re

from mbct_guide.calculator import number_text
from mbct_guide.models import CalculatorInput

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
        return None, f"Enter a number of {number_text(spec.minimum, 2)} or more; it cannot be negative"
    if not _NUMBER.match(text):
        return None, "Enter a number using digits only, like 12"
    value = float(text)
    if spec.whole_number and value != math.floor(value):
        return None, "Enter a whole number"
    if value < spec.minimum:
        return None, f"Enter a number of {number_text(spec.minimum, 2)} or more"
    if value > spec.maximum:
        return None, f"Enter a number of {number_text(spec.maximum, 2)} or less"
    return value, None

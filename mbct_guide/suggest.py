"""What was typed, and what was probably meant: the wording shared by every "not known" message.

Suggestions come from the standard library's ``difflib.get_close_matches``, which ranks the
valid ids, keys or values by how alike they are to what was typed and keeps those above a
similarity cut-off, so a typo (``make-it-fits``) finds its word (``make-it-fit``) and a
value that is nothing like any of them gets no suggestion rather than a wrong one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# difflib's own default: alike enough that the suggestion is usually right.
CUTOFF = 0.6
# Nothing longer is a typo of an id or a key; comparing a megabyte with each choice would only be slow.
LONGEST = 200


def quoted(value: object, limit: int = 60) -> str:
    """A typed value as an editor would recognise it, in single quotes, shortened if long."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The valid choice nearest to ``value``, or None when none is close."""
    if not isinstance(value, str) or not value or len(value) > LONGEST:
        return None
    options = sorted({str(choice) for choice in choices})
    # A word typed short of its id ('ireland' for 'northern-ireland') is nearer than a word
    # spelt alike ('england'): prefer the one id that holds it as a whole hyphenated part.
    holding = [option for option in options if value in option.split("-") or option.endswith(f"-{value}")]
    if len(holding) == 1 and holding[0] != value:
        return holding[0]
    found = difflib.get_close_matches(value, options, n=1, cutoff=CUTOFF)
    if not found:
        found = difflib.get_close_matches(value.lower().strip(), options, n=1, cutoff=CUTOFF)
    return found[0] if found and found[0] != value else None


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a valid choice is close to ``value``, else ''."""
    match = closest(value, choices)
    return f"; did you mean '{match}'?" if match else ""


def one_of(choices: Iterable[str]) -> str:
    """'a', 'b' or 'c'."""
    shown = [f"'{choice}'" for choice in choices]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]

"""Problems found in the data, worded for content editors rather than programmers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: where it is, and the rule it breaks."""

    file: str
    line: int | None
    record: str | None
    field: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        subject = self.subject()
        return f"{where}: {subject}: {self.rule}" if subject else f"{where}: {self.rule}"

    def subject(self) -> str:
        what = []
        if self.record:
            what.append(f"record '{self.record}'")
        if self.field:
            what.append(f"field '{self.field}'")
        return ", ".join(what)

    def annotation(self) -> str:
        """A GitHub Actions workflow command that shows this problem on its line of a pull
        request (the "Files changed" tab) and as "Error: ..." in the log."""
        properties = [f"file={_property(self.file)}"]
        if self.line is not None:
            properties.append(f"line={self.line}")
        title = f"Guidance data: {self.subject()}" if self.subject() else "Guidance data"
        properties.append(f"title={_property(title)}")
        return f"::error {','.join(properties)}::{_data(str(self))}"


def _data(text: str) -> str:
    """Escapes a workflow command's message (GitHub's rules: %, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escapes a workflow command's property value: as a message, and ':' and ',' too."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GuidanceDataError(Exception):
    """Raised when the data has problems; carries every problem, not just the first.

    ``notes`` say what could not be checked because of a problem (for example references
    into a file that could not be read); they are not problems of their own."""

    def __init__(self, problems: list[Problem], notes: Iterable[str] = ()):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.rule))
        self.notes = list(dict.fromkeys(notes))
        super().__init__(self.report())

    def report(self, *, annotations: bool = False) -> str:
        """Every problem, numbered; or, with ``annotations``, one GitHub workflow command each."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The guidance data has {count} {noun}. Fix each one and build again:", ""]
        if annotations:
            lines += [problem.annotation() for problem in self.problems]
        else:
            lines += [f"  {index}. {problem}" for index, problem in enumerate(self.problems, 1)]
        if self.notes:
            lines += ["", *(f"Note: {note}" for note in self.notes)]
        lines += ["", "Field rules for every file are in guidance_data/README.md."]
        return "\n".join(lines)

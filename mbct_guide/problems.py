"""Problems found in the data, worded for content editors rather than programmers."""

from __future__ import annotations

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
        what = []
        if self.record:
            what.append(f"record '{self.record}'")
        if self.field:
            what.append(f"field '{self.field}'")
        subject = ", ".join(what)
        return f"{where}: {subject}: {self.rule}" if subject else f"{where}: {self.rule}"


class GuidanceDataError(Exception):
    """Raised when the data has problems; carries every problem, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.rule))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The guidance data has {count} {noun}. Fix each one and build again:", ""]
        lines += [f"  {index}. {problem}" for index, problem in enumerate(self.problems, 1)]
        lines += ["", "Field rules for every file are in guidance_data/README.md."]
        return "\n".join(lines)

"""Scoring for the self-assessment, mirrored by docs/assets/js/self-assessment.js (and, for
a team's answers, self-assessment-team.js).

The browser does the work for readers; this copy documents the rules in one readable
place and lets the tests check the browser's results against it. The answers and what
each counts for are written once, in ``ANSWERS``: the page hands them to the scripts as
data (render/tools.py), so no script repeats an answer's id or label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import get_args

from . import models as m
from .guide import Guide


@dataclass(frozen=True)
class Answer:
    id: str  # one of models.AnswerId: what saved answers, share links and answers files hold
    label: str  # what the page shows
    credit: float  # toward a theme's progress when themes tie on the stage reached
    done: bool  # the statement is in place: it counts toward reaching its stage
    plan_order: int  # the action plan lists statements with a lower number first
    progress: int | None  # position when comparing over time (higher is further on); None: no position

    @property
    def code(self) -> str:
        """Its letter in a share link (n, p, i, d)."""
        return self.id[0]


ANSWERS: tuple[Answer, ...] = (
    Answer("not-yet", "Not yet", credit=0.0, done=False, plan_order=0, progress=0),
    Answer("partly", "Partly", credit=0.5, done=False, plan_order=1, progress=1),
    Answer("in-place", "In place", credit=1.0, done=True, plan_order=2, progress=2),
    Answer("dont-know", "Don't know", credit=0.0, done=False, plan_order=2, progress=None),
)
BY_ID = {answer.id: answer for answer in ANSWERS}
UNANSWERED_ORDER = 3  # statements with no answer come after every answer in the plan
if tuple(BY_ID) != get_args(m.AnswerId) or len({a.code for a in ANSWERS}) != len(ANSWERS):
    raise RuntimeError("assessment.ANSWERS must list models.AnswerId once each, in order, with distinct letters")

# A team's answer to a statement when people gave different answers (team view): it goes
# first in the plan, with "Not yet", and counts as not in place.
DISCUSS = Answer("discuss", "To discuss", credit=0.0, done=False, plan_order=0, progress=None)
_WITH_DISCUSS = {**BY_ID, DISCUSS.id: DISCUSS}


def answers_data() -> list[dict]:
    """The answers as the scripts read them (render/tools.py puts them in the page)."""
    return [{**asdict(answer), "code": answer.code} for answer in ANSWERS]


def discuss_data() -> dict:
    return asdict(DISCUSS)


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    reached: int  # index of the last stage fully in place; -1 if none
    in_place: int
    total: int
    credit: float


def _answer(answers: Mapping[str, str], statement_id: str) -> Answer | None:
    return _WITH_DISCUSS.get(answers.get(statement_id, ""))


def theme_result(guide: Guide, theme_id: str, answers: Mapping[str, str]) -> ThemeResult:
    """A stage is reached when its statements, and every earlier stage's, are all 'in place'."""
    own = [s for s in guide.assessment if s.theme == theme_id]

    def done(statement_id: str) -> bool:
        answer = _answer(answers, statement_id)
        return answer is not None and answer.done

    reached = -1
    for index, stage in enumerate(guide.stages):
        at_stage = [s for s in own if s.stage == stage.id]
        if not at_stage or not all(done(s.id) for s in at_stage):
            break
        reached = index
    return ThemeResult(
        theme=theme_id,
        reached=reached,
        in_place=sum(done(s.id) for s in own),
        total=len(own),
        credit=sum(a.credit for s in own if (a := _answer(answers, s.id))),
    )


def plan_statements(guide: Guide, answers: Mapping[str, str]) -> list[m.AssessmentStatement]:
    """The statements the plan works on, in its order.

    For each theme, the next stage's statements that are not in place. They are listed by
    answer ("Not yet" first, then "Partly", then "Don't know", then those not answered); within
    an answer, weakest themes first (lowest stage reached, then least credit); within a theme,
    in the order of the statements."""
    results = [theme_result(guide, t.id, answers) for t in guide.themes]
    # Python's sort is stable, like modern JavaScript's, so ties keep theme order in both.
    results.sort(key=lambda r: (r.reached, r.credit))
    chosen = []
    for rank, result in enumerate(results):
        next_stage = result.reached + 1
        if next_stage >= len(guide.stages):
            continue
        stage_id = guide.stages[next_stage].id
        for position, statement in enumerate(guide.assessment):
            if statement.theme != result.theme or statement.stage != stage_id:
                continue
            answer = _answer(answers, statement.id)
            if answer is not None and answer.done:
                continue
            order = UNANSWERED_ORDER if answer is None else answer.plan_order
            chosen.append(((order, rank, position), statement))
    return [statement for _, statement in sorted(chosen, key=lambda pair: pair[0])]


def action_plan(guide: Guide, answers: Mapping[str, str], role: str | None = None) -> list[str]:
    """Action ids for the plan's statements (``plan_statements``), each statement's actions in
    order, each action once, and only those for ``role`` when one is given."""
    plan: list[str] = []
    for statement in plan_statements(guide, answers):
        for action_id in statement.actions:
            if action_id in plan:
                continue
            if role and role not in guide.action(action_id).all_roles:
                continue
            plan.append(action_id)
    return plan


# --- a team's answers (the team view) ------------------------------------------------------------


def team_answer(values: Iterable[str | None]) -> str | None:
    """One statement's answer for a team, from each person's answer (None: not answered).

    People disagree when they gave two or more different answers that have a position
    (Not yet, Partly, In place): the statement is then to discuss. "Don't know" never makes a
    disagreement. Otherwise the answer they agree on; "Don't know" if that is all anyone said."""
    given = [value for value in values if value in BY_ID]
    placed = {value for value in given if BY_ID[value].progress is not None}
    if len(placed) > 1:
        return DISCUSS.id
    if placed:
        return placed.pop()
    return given[0] if given else None


def team_answers(guide: Guide, people: Iterable[Mapping[str, str]]) -> dict[str, str]:
    people = list(people)
    combined = {}
    for statement in guide.assessment:
        answer = team_answer(person.get(statement.id) for person in people)
        if answer is not None:
            combined[statement.id] = answer
    return combined


def to_discuss(guide: Guide, people: Iterable[Mapping[str, str]]) -> list[str]:
    """The statements people disagree on, in the order of the self-assessment."""
    combined = team_answers(guide, people)
    return [s.id for s in guide.assessment if combined.get(s.id) == DISCUSS.id]

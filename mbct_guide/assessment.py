"""Scoring for the self-assessment, mirrored by docs/assets/js/self-assessment.js.

The browser does the work for readers; this copy documents the rules in one readable
place and lets the tests check the browser's action plan against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .guide import Guide

CREDIT = {"in-place": 1.0, "partly": 0.5}


@dataclass(frozen=True)
class ThemeResult:
    theme: str
    reached: int  # index of the last stage fully in place; -1 if none
    in_place: int
    total: int
    credit: float


def theme_result(guide: Guide, theme_id: str, answers: Mapping[str, str]) -> ThemeResult:
    """A stage is reached when its statements, and every earlier stage's, are all 'in place'."""
    own = [s for s in guide.assessment if s.theme == theme_id]
    reached = -1
    for index, stage in enumerate(guide.stages):
        at_stage = [s for s in own if s.stage == stage.id]
        if not at_stage or not all(answers.get(s.id) == "in-place" for s in at_stage):
            break
        reached = index
    return ThemeResult(
        theme=theme_id,
        reached=reached,
        in_place=sum(answers.get(s.id) == "in-place" for s in own),
        total=len(own),
        credit=sum(CREDIT.get(answers.get(s.id, ""), 0.0) for s in own),
    )


def action_plan(guide: Guide, answers: Mapping[str, str], role: str | None = None) -> list[str]:
    """Action ids: weakest themes first (lowest stage, then least credit), and within each
    theme the next stage's statements that are not in place, each statement's actions in order."""
    results = [theme_result(guide, t.id, answers) for t in guide.themes]
    # Python's sort is stable, like modern JavaScript's, so ties keep theme order in both.
    results.sort(key=lambda r: (r.reached, r.credit))
    plan: list[str] = []
    for result in results:
        next_stage = result.reached + 1
        if next_stage >= len(guide.stages):
            continue
        stage_id = guide.stages[next_stage].id
        for statement in guide.assessment:
            if statement.theme != result.theme or statement.stage != stage_id:
                continue
            if answers.get(statement.id) == "in-place":
                continue
            for action_id in statement.actions:
                if action_id in plan:
                    continue
                if role and role not in guide.action(action_id).all_roles:
                    continue
                plan.append(action_id)
    return plan

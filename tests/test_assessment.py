"""Tests for mbct_guide/assessment.py: the self-assessment's scoring and action plan, on a fake guide."""

from __future__ import annotations

import pytest
from fakes import action, guide, statement

from mbct_guide import assessment
from mbct_guide import models as m

FIRST, SECOND, LAST = m.STAGE_IDS[0], m.STAGE_IDS[1], m.STAGE_IDS[-1]
THEME_A, THEME_B = m.THEME_IDS[0], m.THEME_IDS[1]
LEAD, HELPER, OTHER = m.ROLE_IDS[0], m.ROLE_IDS[1], m.ROLE_IDS[2]
DONE = next(a.id for a in assessment.ANSWERS if a.done)
PARTLY = next(a.id for a in assessment.ANSWERS if not a.done and 0 < a.credit < 1)
NOT_YET = next(a.id for a in assessment.ANSWERS if a.progress == 0)
DONT_KNOW = next(a.id for a in assessment.ANSWERS if a.progress is None)


def fake_guide():
    """Theme A and theme B have two statements at the first stage and one at the second."""
    return guide(
        action("fake-action-a", lead_role=LEAD, roles=[]),
        action("fake-action-b", lead_role=OTHER, roles=[HELPER]),
        action("fake-action-c", lead_role=HELPER, roles=[]),
        assessment=[
            statement("fake-a1", THEME_A, FIRST, ["fake-action-a", "fake-action-b"]),
            statement("fake-a2", THEME_A, FIRST, ["fake-action-b", "fake-action-c"]),
            statement("fake-a3", THEME_A, SECOND, ["fake-action-c"]),
            statement("fake-b1", THEME_B, FIRST, ["fake-action-c"]),
            statement("fake-b2", THEME_B, FIRST, ["fake-action-a"]),
            statement("fake-b3", THEME_B, SECOND, ["fake-action-b"]),
        ],
    )


def plan_ids(answers, g=None) -> list[str]:
    return [s.id for s in assessment.plan_statements(g or fake_guide(), answers)]


# --- one theme's result -------------------------------------------------------------------------


def test_no_answers_reach_no_stage():
    result = assessment.theme_result(fake_guide(), THEME_A, {})
    assert (result.reached, result.in_place, result.total, result.credit) == (-1, 0, 3, 0)


def test_a_stage_is_reached_when_all_its_statements_are_in_place():
    g = fake_guide()
    assert assessment.theme_result(g, THEME_A, {"fake-a1": DONE}).reached == -1
    assert assessment.theme_result(g, THEME_A, {"fake-a1": DONE, "fake-a2": DONE}).reached == 0


def test_a_later_stage_counts_only_once_every_earlier_one_is_reached():
    g = fake_guide()
    result = assessment.theme_result(g, THEME_A, {"fake-a1": DONE, "fake-a3": DONE})
    assert result.reached == -1 and result.in_place == 2


def test_a_stage_without_statements_stops_the_theme_there():
    """No theme in the fakes has statements at the last stage, so none can reach it."""
    g = fake_guide()
    answers = {s.id: DONE for s in g.assessment}
    assert assessment.theme_result(g, THEME_A, answers).reached == m.STAGE_IDS.index(LAST) - 1


def test_credit_adds_each_answer_s_credit_and_to_discuss_counts_nothing():
    answers = {"fake-a1": DONE, "fake-a2": PARTLY, "fake-a3": assessment.DISCUSS.id}
    result = assessment.theme_result(fake_guide(), THEME_A, answers)
    expected = assessment.BY_ID[DONE].credit + assessment.BY_ID[PARTLY].credit
    assert result.credit == pytest.approx(expected)
    assert result.in_place == 1


def test_an_unknown_answer_counts_as_no_answer():
    result = assessment.theme_result(fake_guide(), THEME_A, {"fake-a1": "fake-answer", "fake-a2": DONE})
    assert (result.in_place, result.credit) == (1, assessment.BY_ID[DONE].credit)


def test_a_theme_without_statements_has_nothing_to_count():
    result = assessment.theme_result(fake_guide(), m.THEME_IDS[-1], {"fake-a1": DONE})
    assert (result.reached, result.in_place, result.total, result.credit) == (-1, 0, 0, 0)


# --- the plan ------------------------------------------------------------------------------------


def test_the_plan_works_on_the_next_stage_of_each_theme_and_skips_what_is_in_place():
    answers = {"fake-a1": DONE, "fake-a2": DONE, "fake-b1": DONE}
    assert plan_ids(answers) == ["fake-b2", "fake-a3"]


def test_statements_to_discuss_come_first_with_not_yet():
    """Theme B (no credit) is weaker than theme A (partly), so its "Not yet" goes first."""
    answers = {"fake-b1": NOT_YET, "fake-a2": assessment.DISCUSS.id, "fake-a1": PARTLY}
    assert plan_ids(answers) == ["fake-b1", "fake-a2", "fake-a1", "fake-b2"]


def test_a_theme_at_the_last_stage_it_can_reach_adds_nothing_more():
    g = fake_guide()
    answers = {s.id: DONE for s in g.assessment}
    assert plan_ids(answers, g) == []


def test_the_action_plan_lists_each_statement_s_actions_once_in_order():
    answers = {"fake-b1": DONE, "fake-b2": DONE, "fake-a1": NOT_YET, "fake-a2": NOT_YET}
    assert plan_ids(answers) == ["fake-a1", "fake-a2", "fake-b3"]
    assert assessment.action_plan(fake_guide(), answers) == ["fake-action-a", "fake-action-b", "fake-action-c"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [(LEAD, ["fake-action-a"]), (HELPER, ["fake-action-b", "fake-action-c"]), (OTHER, ["fake-action-b"])],
)
def test_the_action_plan_for_a_role_keeps_actions_it_leads_or_helps_with(role, expected):
    answers = {"fake-b1": DONE, "fake-b2": DONE, "fake-a1": NOT_YET, "fake-a2": NOT_YET}
    assert assessment.action_plan(fake_guide(), answers, role=role) == expected


# --- a team's answers ---------------------------------------------------------------------------


def test_a_team_s_answers_leave_out_statements_nobody_answered():
    people = [{"fake-a1": DONE}, {"fake-a1": DONE, "fake-b1": DONT_KNOW}, {}]
    assert assessment.team_answers(fake_guide(), people) == {"fake-a1": DONE, "fake-b1": DONT_KNOW}


def test_statements_to_discuss_are_in_the_self_assessment_s_order():
    g = fake_guide()
    people = [{"fake-b2": DONE, "fake-a3": NOT_YET}, {"fake-b2": PARTLY, "fake-a3": DONE}]
    assert assessment.to_discuss(g, people) == [s.id for s in g.assessment if s.id in {"fake-b2", "fake-a3"}]


# --- the answers as the scripts read them -------------------------------------------------------


def test_the_scripts_get_each_answer_with_its_letter():
    data = assessment.answers_data()
    assert [item["id"] for item in data] == [a.id for a in assessment.ANSWERS]
    assert all(item["code"] == item["id"][0] for item in data)
    assert set(data[0]) == {"id", "label", "credit", "done", "plan_order", "progress", "code"}
    assert assessment.discuss_data()["id"] == assessment.DISCUSS.id

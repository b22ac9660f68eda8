"""The self-assessment's rules and formats, without a browser: the answers written once (in
Python, handed to the scripts as data), the plan's order, a team's answers, and the answers
file with its published JSON Schema. The browser side is tests/test_browser_team_review.py."""

from __future__ import annotations

import json
import re
from typing import get_args

import jsonschema
import pytest
import rjsmin
from conftest import DATA_DIR, ROOT

from mbct_guide import answers_file, load_guide
from mbct_guide import models as m
from mbct_guide.assessment import (
    ANSWERS,
    DISCUSS,
    action_plan,
    plan_statements,
    team_answer,
    team_answers,
    to_discuss,
)

GUIDE = load_guide(DATA_DIR)
SCRIPTS = sorted((ROOT / "docs" / "assets" / "js").glob("self-assessment*.js"))
# Words in the scripts that contain an answer's label but are not about answers.
NOT_ANSWERS = ("Not yet at starting out",)  # a stage reached, as the profile shows it


# --- the answers, written once ------------------------------------------------------------------------


def test_the_answers_are_the_model_s_answer_ids_in_order():
    assert tuple(a.id for a in ANSWERS) == get_args(m.AnswerId)
    assert [a.code for a in ANSWERS] == ["n", "p", "i", "d"], "share links made before keep opening"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_holds_a_copy_of_the_answers(script):
    """Issue 19: the ids and labels come from the page's data, so a second copy in a script
    would be a list to keep in step by hand. Comments may mention them; code may not."""
    code = rjsmin.jsmin(script.read_text(encoding="utf-8"))
    for text in NOT_ANSWERS:
        code = code.replace(text, "")
    copies = [word for a in ANSWERS for word in (a.id, a.label) if word in code]
    copies += [DISCUSS.label] if DISCUSS.label in code else []
    assert copies == [], f"{script.name} repeats {copies}: read them from data.answers (assessment.ANSWERS)"


def test_the_no_copy_check_would_see_a_copy():
    copied = 'var ANSWERS = { "not-yet": "Not yet", partly: "Partly" };'
    code = rjsmin.jsmin(copied)
    assert [a.id for a in ANSWERS if a.id in code] == ["not-yet", "partly"]
    assert [a.label for a in ANSWERS if a.label in code] == ["Not yet", "Partly"]


def test_the_page_hands_the_scripts_the_answers_and_the_file_format(built_site):
    page = (built_site / "tools" / "self-assessment" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="sa-data">(.*?)</script>', page, re.S).group(1))
    assert [(a["id"], a["label"], a["code"]) for a in data["answers"]] == [(a.id, a.label, a.code) for a in ANSWERS]
    assert data["discuss"]["label"] == DISCUSS.label
    assert data["file"]["format"] == answers_file.FORMAT and data["file"]["maxBytes"] == answers_file.MAX_BYTES
    for action in data["actions"]:
        url = data["actionUrl"].replace("{id}", action["id"])
        assert (built_site / "tools" / "self-assessment" / url / "index.html").resolve().is_file(), url
    # The second script and its styles are named on the page, and exist.
    for attribute in ("data-more", "data-more-css"):
        href = re.search(rf'{attribute}="([^"]+)"', page).group(1)
        assert (built_site / "tools" / "self-assessment" / href).resolve().is_file(), href
    assert not [src for src in re.findall(r'<script src="([^"]+)"', page) if "self-assessment-team" in src]


# --- the plan's order (issue 21) and a team's answers ------------------------------------------------


def test_the_plan_lists_not_yet_then_partly_then_don_t_know_then_unanswered():
    starting = [s for s in GUIDE.assessment if s.stage == GUIDE.stages[0].id]
    by_theme: dict[str, list] = {}
    for statement in starting:
        by_theme.setdefault(statement.theme, []).append(statement)
    first_theme, second_theme = list(by_theme.values())[:2]
    answers = {
        first_theme[0].id: "partly",
        first_theme[1].id: "not-yet",
        second_theme[0].id: "dont-know",
        second_theme[1].id: "not-yet",
    }
    order = [s.id for s in plan_statements(GUIDE, answers)]
    not_yet, partly, dont_know = (
        [i for i, s in enumerate(order) if answers.get(s) == value] for value in ("not-yet", "partly", "dont-know")
    )
    unanswered = [i for i, s in enumerate(order) if s not in answers]
    assert max(not_yet) < min(partly) and max(partly) < min(dont_know) and max(dont_know) < min(unanswered)
    # Within one answer, the weakest theme first: the first theme has more credit (partly).
    assert order.index(second_theme[1].id) < order.index(first_theme[1].id)
    assert action_plan(GUIDE, answers)[0] == second_theme[1].actions[0]


@pytest.mark.parametrize(
    "values, expected",
    [
        (["in-place", "in-place"], "in-place"),
        (["in-place", "not-yet"], DISCUSS.id),
        (["partly", "in-place", "partly"], DISCUSS.id),
        (["in-place", "dont-know"], "in-place"),  # not knowing is not disagreeing
        (["dont-know", None], "dont-know"),
        ([None, None], None),
        (["partly", None], "partly"),
    ],
)
def test_a_team_s_answer(values, expected):
    assert team_answer(values) == expected


def test_disagreements_count_as_not_in_place_and_come_first():
    statement = GUIDE.assessment[0]
    agreed = {s.id: "in-place" for s in GUIDE.assessment if s.theme == statement.theme}
    other = dict(agreed, **{statement.id: "not-yet"})
    assert to_discuss(GUIDE, [agreed, other]) == [statement.id]
    combined = team_answers(GUIDE, [agreed, other])
    assert combined[statement.id] == DISCUSS.id
    assert plan_statements(GUIDE, combined)[0].id == statement.id


# --- the answers file and its schema ----------------------------------------------------------------


def test_the_committed_schema_matches_the_model():
    committed = (DATA_DIR / "schemas" / answers_file.SCHEMA_NAME).read_text(encoding="utf-8")
    assert committed == answers_file.schema_text(), (
        f"guidance_data/schemas/{answers_file.SCHEMA_NAME} is out of date: run `make schemas` and commit it"
    )


def test_the_schema_is_published_with_the_open_data(built_site):
    published = built_site / "data" / "schemas" / answers_file.SCHEMA_NAME
    assert published.read_text(encoding="utf-8") == answers_file.schema_text()
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    assert f'href="schemas/{answers_file.SCHEMA_NAME}"' in page


GOOD = {
    "format": answers_file.FORMAT,
    "version": 1,
    "saved": "2027-01-15T10:00:00.000Z",
    "name": "AB",
    "role": "teacher",
    "answers": {"fit-starting-out-local-need": "in-place"},
}


def _without(key: str) -> dict:
    return {k: v for k, v in GOOD.items() if k != key}


@pytest.mark.parametrize(
    "record",
    [
        GOOD,
        _without("name"),
        _without("role"),
        {**GOOD, "answers": {}},
        {**GOOD, "answers": {"a-statement-since-removed": "partly"}},  # kept aside by the page
    ],
)
def test_files_the_site_writes_pass_the_schema_and_the_model(record):
    jsonschema.validate(record, answers_file.schema())
    answers_file.AnswersFile.model_validate(record)


@pytest.mark.parametrize(
    "record",
    [
        {**GOOD, "version": 2},
        {**GOOD, "format": "something-else"},
        _without("answers"),
        {**GOOD, "answers": ["in-place"]},
        {**GOOD, "answers": {"fit-starting-out-local-need": "maybe"}},
        {**GOOD, "answers": {"constructor": "in-place"}},
        {**GOOD, "answers": {"__proto__": "in-place"}},
        {**GOOD, "answers": {"<img src=x>": "in-place"}},
        {**GOOD, "extra": 1},
        {**GOOD, "name": "x" * (answers_file.MAX_NAME + 1)},
        {**GOOD, "answers": {f"statement-{i}": "partly" for i in range(answers_file.MAX_ANSWERS + 1)}},
    ],
    ids=[
        "version 2",
        "another format",
        "no answers",
        "answers a list",
        "not an answer",
        "constructor",
        "__proto__",
        "not an id",
        "unknown field",
        "long name",
        "too many",
    ],
)
def test_files_the_page_refuses_fail_the_schema_and_the_model(record):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, answers_file.schema())
    with pytest.raises(ValueError):
        answers_file.AnswersFile.model_validate(record)


# --- what the privacy notice and README say -----------------------------------------------------------


def test_the_privacy_notice_names_every_storage_key_and_says_how_to_delete_snapshots():
    script = (ROOT / "docs" / "assets" / "js" / "self-assessment.js").read_text(encoding="utf-8")
    keys = re.findall(r'var \w+_KEY = "([^"]+)"', script)
    assert len(keys) == 3
    notice = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert [key for key in keys if f"`{key}`" not in notice] == []
    snapshots = notice[notice.index("### Snapshots") : notice.index("### Answers files")]
    assert "**Delete**" in snapshots and "clear the data for this website" in snapshots
    offline = notice[notice.index("### The offline copy") :]
    assert "off until you turn it on" in offline and "other files" in offline

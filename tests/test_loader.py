"""The data check (loader.py, with the record rules of models.py). Mutation tests: break one
thing in a copy of the real data and check the message.

Each message must name the file, the record and the field, in words an editor can act
on; and every problem must be reported in one run.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import DATA_DIR, DOCS_DIR, only, problems_for

from mbct_guide import GuidanceDataError, load_guide, load_guide_uncached
from mbct_guide.__main__ import main as cli
from mbct_guide.problems import Problem

ACTION = "find-a-buddy"  # a real action used as the thing to break


def edit_action(data: Path, action_id: str = ACTION, **changes) -> Path:
    path = data / "actions" / f"{action_id}.yml"
    record = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    return path


def test_real_data_is_valid():
    guide = load_guide_uncached(DATA_DIR, DOCS_DIR)
    assert guide.actions and guide.stages


def test_wrong_type(data):
    edit_action(data, order="first")
    message = only(problems_for(data), f"actions/{ACTION}.yml", f"record '{ACTION}'", "field 'order'")
    assert "integer" in message


def test_unknown_key(data):
    edit_action(data, colour="blue")
    message = only(problems_for(data), f"record '{ACTION}'", "field 'colour'")
    assert "not a field" in message and "Allowed fields" in message


def test_unknown_reference(data):
    edit_action(data, sources=["no-such-source"])
    message = only(problems_for(data), f"actions/{ACTION}.yml", "field 'sources[0]'")
    assert "source 'no-such-source', which does not exist" in message


def test_unknown_vocabulary_value(data):
    edit_action(data, stage="finished")
    message = only(problems_for(data), f"record '{ACTION}'", "field 'stage'")
    assert "'starting-out', 'developing' or 'sustaining'" in message


def test_missing_required_field(data):
    edit_action(data, summary=None)
    only(problems_for(data), f"record '{ACTION}'", "field 'summary'", "required but missing")


def test_duplicate_id_in_a_list_file(data):
    path = data / "sources.yml"
    records = yaml.safe_load(path.read_text())
    records.append(dict(records[0]))
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    only(problems_for(data), "sources.yml", f"record '{records[0]['id']}'", "field 'id'", "duplicate id")


def test_duplicate_key_in_yaml(data):
    path = data / "actions" / f"{ACTION}.yml"
    path.write_text(path.read_text() + "\ntitle: Again\n")
    only(problems_for(data), f"actions/{ACTION}.yml", "field 'title'", "appears twice")


def test_bad_yaml_gives_file_and_line(data):
    path = data / "actions" / f"{ACTION}.yml"
    lines = path.read_text().splitlines()
    lines.insert(3, "summary: [unclosed")
    path.write_text("\n".join(lines))
    message = only(problems_for(data), f"actions/{ACTION}.yml, line", "not valid YAML")
    assert "Traceback" not in message


def test_two_problems_in_two_files_are_both_reported(data):
    edit_action(data, sources=["no-such-source"])
    pivot = next((data / "pivot_points").glob("*.yml"))
    record = yaml.safe_load(pivot.read_text())
    record["what_helps"] = ["no-such-action"]
    pivot.write_text(yaml.safe_dump(record, sort_keys=False))
    problems = problems_for(data)
    only(problems, f"actions/{ACTION}.yml", "no-such-source")
    only(problems, pivot.name, "field 'what_helps[0]'", "no-such-action")


def test_orphan_source(data):
    path = data / "sources.yml"
    records = yaml.safe_load(path.read_text())
    records.append({"id": "fake-orphan", "type": "report", "short": "Orphan", "citation": "Nobody cites me."})
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    only(problems_for(data), "record 'fake-orphan'", "no action, page or other record cites this source")


def empty_the_cell(data: Path, family: str, stage: str, theme: str) -> None:
    """Delete every record of ``family`` (actions, or self-assessment statements) in one cell."""
    if family == "actions":
        for path in (data / "actions").glob("*.yml"):
            record = yaml.safe_load(path.read_text())
            if (record["stage"], record["theme"]) == (stage, theme):
                path.unlink()
        return
    path = data / "assessment.yml"
    kept = [r for r in yaml.safe_load(path.read_text()) if (r["stage"], r["theme"]) != (stage, theme)]
    path.write_text(yaml.safe_dump(kept, sort_keys=False, allow_unicode=True))


@pytest.mark.parametrize(
    ("family", "where", "rule"),
    [
        ("actions", "guidance_data/actions", "the 'sustaining' × 'nourish-and-sustain' cell of the guidance table"),
        ("assessment", "guidance_data/assessment.yml", "no self-assessment statement marks 'sustaining' for the theme"),
    ],
)
def test_an_empty_stage_theme_cell_is_named_with_its_file(data, family, where, rule):
    empty_the_cell(data, family, "sustaining", "nourish-and-sustain")
    problems = problems_for(data)
    problem = only(problems, rule)
    assert problem.startswith(f"{where}: record 'sustaining × nourish-and-sustain', field 'stage and theme': ")
    # Only that cell: every other cell still has its records.
    assert len([p for p in problems if "field 'stage and theme'" in p]) == 1, problems


@pytest.mark.parametrize(
    "detail, rule",
    [
        ("Hello <script>alert(1)</script>", "raw HTML"),
        ("Hello {{ y }}", "template syntax"),
        ("See [this](nonsense:thing).", "not a known link type"),
        ("See [this](action:no-such-action).", "links to action 'no-such-action'"),
    ],
)
def test_markdown_field_rules(data, detail, rule):
    edit_action(data, detail=detail)
    only(problems_for(data), f"record '{ACTION}'", "field 'detail'", rule)


def test_review_date_order(data):
    path = data / "reviews.yml"
    path.write_text(
        yaml.safe_dump([{"page": "index.md", "last_reviewed": "2026-01-01", "next_review_due": "2025-01-01"}])
    )
    only(problems_for(data), "reviews.yml", "next_review_due must be later than last_reviewed")


def test_cli_check_reports_and_exits_non_zero(data, capsys):
    edit_action(data, sources=["no-such-source"])
    assert cli(["check", "--data", str(data), "--docs", str(data.parent / "docs")]) == 1
    err = capsys.readouterr().err
    assert "no-such-source" in err and "Traceback" not in err


def test_cli_check_passes_on_real_data(capsys):
    assert cli(["check"]) == 0
    assert "The guidance data is valid" in capsys.readouterr().out


# --- hostile and broken input (issue 14; the full-build versions are in test_abuse.py) ---------


@pytest.mark.parametrize(
    "detail, rule",
    [
        ("See [this](JavaScript:alert(1)).", "'javascript:' is not a known link type"),
        ("See [this][evil].\n\n[evil]: javascript:alert(1)", "'javascript:' is not a known link type"),
        ("See [this](&#106;avascript:alert(1)).", "'javascript:' is not a known link type"),
        ("See [this](data:text/html,hi).", "'data:' is not a known link type"),
        ("See ![this](//evil.example/x.png).", "images must be files on this site"),
        ("See <javascript:alert(1)>.", "a link in angle brackets"),
        ("See [this][r].\n\n[r]: action:set-up-a-steering-group", "write short links inline"),
    ],
)
def test_unsafe_links_are_named_with_file_line_record_and_field(data, detail, rule):
    path = edit_action(data, detail=detail)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("detail:"))
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, f"actions/{ACTION}.yml, line {line}", f"record '{ACTION}'", "field 'detail'", rule)


def test_each_unsafe_link_is_its_own_problem(data):
    edit_action(data, detail="[a](javascript:a), [b](vbscript:b) and ![c](http://evil.example/c.png)")
    assert len([p for p in problems_for(data) if "field 'detail'" in p]) == 3


def test_safe_links_pass(data):
    edit_action(
        data,
        detail="Ring [111](tel:111), write to [us](mailto:a@example.org) or read [NICE](https://www.nice.org.uk).",
    )
    load_guide_uncached(data, data.parent / "docs")


@pytest.mark.parametrize(
    "raw, rule",
    [
        ("2026-02-30", "`2026-02-30` is not a real date; write dates as YYYY-MM-DD"),
        ("'2026-02-30'", "`2026-02-30` is not a real date; write dates as YYYY-MM-DD"),
        ("30/02/2026", "`30/02/2026` is not a date; write dates as YYYY-MM-DD"),
        ("2026-03-01 10:00:00", "has a time as well as a date"),
    ],
)
def test_dates_are_checked_in_editors_words(data, raw, rule):
    path = data / "reviews.yml"
    text = path.read_text()
    path.write_text(text.replace("last_reviewed: ", f"last_reviewed: {raw} #", 1))
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, "reviews.yml, line", "field 'last_reviewed'", rule)


def test_a_date_where_a_number_belongs_names_the_field(data):
    path = data / "actions" / f"{ACTION}.yml"
    lines = [line for line in path.read_text().splitlines() if not line.startswith("order:")]
    path.write_text("\n".join([*lines, "order: 2026-02-30"]) + "\n")
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, f"record '{ACTION}'", "field 'order'", "`2026-02-30` is not a real date")


def test_a_date_where_text_belongs_says_to_use_quotes(data):
    path = data / "actions" / f"{ACTION}.yml"
    path.write_text(path.read_text().replace("title: ", "title: 2026-03-01 #", 1))
    message = only(problems_for(data), f"record '{ACTION}'", "field 'title'")
    assert "YAML reads 2026-03-01 as a date" in message and "quotes" in message


@pytest.mark.parametrize(
    "content, rule",
    [
        ("", "is empty"),
        ("   \n\n", "is empty"),
        ("# A comment\n# and another\n", "has only comments and no data"),
        ("---\n", "holds no data"),
    ],
)
def test_empty_and_comment_only_files_have_distinct_messages(data, content, rule):
    (data / "actions" / "fake-blank.yml").write_text(content)
    problems = problems_for(data)
    assert problems == [only(problems, "actions/fake-blank.yml", rule)]


def test_not_utf8_names_the_line_of_the_first_bad_byte(data):
    (data / "actions" / "fake-latin.yml").write_bytes(b"id: fake-latin\ntitle: ok\nsummary: caf\xe9\nmore: \xff\n")
    problems = problems_for(data)
    assert problems == [only(problems, "actions/fake-latin.yml, line 3", "not saved as UTF-8")]


def test_a_page_citing_an_unknown_source_is_named(data):
    page = data.parent / "docs" / "privacy.md"
    page.write_text(page.read_text() + '\n\n{{ cite("no-such-source") }}\n')
    line = len(page.read_text().splitlines())
    only(problems_for(data), f"docs/privacy.md, line {line}", "cites source 'no-such-source'")


def test_an_invalid_record_does_not_make_links_to_it_look_broken(data):
    edit_action(data, summary=None)
    problems = problems_for(data)
    assert problems == [only(problems, f"record '{ACTION}'", "field 'summary'", "required but missing")]


# --- one mistake, one message (issue 13) -------------------------------------------------------
#
# Each case makes one mistake the way an editor would, by changing one line of a real file
# (or adding one), and expects exactly one problem: on the changed line, naming the file, the
# record and the field, quoting what was typed and, where a valid value is close, suggesting
# it. The files chosen are the most linked-to: find-a-buddy is named by stories, a pivot
# point, a stage's and a role's first_actions, the self-assessment and framework concepts.


def _first_match(lines: list[str], pattern: str, name: str) -> int:
    number = next((n for n, line in enumerate(lines, 1) if re.search(pattern, line)), None)
    assert number is not None, f"no line of {name} matches {pattern!r}"
    return number


def line_matching(path: Path, pattern: str) -> int:
    """The number of the first line matching ``pattern`` (a regular expression)."""
    return _first_match(path.read_text(encoding="utf-8").split("\n"), pattern, path.name)


def change_line(path: Path, pattern: str, replacement: str) -> int:
    """Replace the first line matching ``pattern`` (a regular expression) and return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = _first_match(lines, pattern, path.name)
    lines[number - 1] = re.sub(pattern, replacement, lines[number - 1], count=1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def delete_field(path: Path, key: str) -> None:
    """Delete a top-level field, with the indented lines of its value."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^\S", line):
            skipping = line.startswith(f"{key}:")
        if not skipping:
            kept.append(line)
    path.write_text("\n".join(kept), encoding="utf-8")


BUDDY = "actions/find-a-buddy.yml"
PIVOT = "pivot_points/champion-leaves-or-retires.yml"
STORY = "stories/rural-area.yml"

# (file, pattern, replacement, what the one problem must say). The line is checked too.
ONE_LINE_MISTAKES = {
    "action: YAML syntax (a colon left out)": (
        BUDDY,
        r"^theme: ",
        "theme ",
        ["is not valid YAML", "the line reads 'theme networks-and-culture'"],
    ),
    "action: unknown key (misspelt)": (
        BUDDY,
        r"^title:",
        "titel:",
        ["record 'find-a-buddy'", "field 'titel'", "did you mean 'title'?"],
    ),
    "action: unknown key (added)": (
        BUDDY,
        r"^order: 10$",
        "order: 10\ncolour: blue",
        ["record 'find-a-buddy'", "field 'colour'", "Allowed fields"],
    ),
    "action: wrong type": (
        BUDDY,
        r"^order: 10$",
        "order: first",
        ["field 'order'", "'first' is not a whole number"],
    ),
    "action: bad vocabulary value": (
        BUDDY,
        r"^theme: .*",
        "theme: network-and-culture",
        ["field 'theme'", "'network-and-culture' is not a theme; did you mean 'networks-and-culture'?"],
    ),
    "action: bad value in a list": (
        BUDDY,
        r"^roles: \[teacher\]",
        "roles: [teachers]",
        ["field 'roles[0]'", "'teachers' is not a role; did you mean 'teacher'?"],
    ),
    "action: dangling reference": (
        BUDDY,
        r"^sources: \[aspire-web-stages",
        "sources: [aspire-web-stage",
        ["field 'sources[0]'", "'aspire-web-stage', which does not exist; did you mean 'aspire-web-stages'?"],
    ),
    "action: id and file name differ": (
        BUDDY,
        r"^id: find-a-buddy$",
        "id: find-a-budy",
        ["field 'id'", "'find-a-budy' must match the file name"],
    ),
    "action: not a kebab-case id in a list": (
        BUDDY,
        r"^sources: \[aspire-web-stages",
        "sources: [Aspire web stages",
        ["field 'sources[0]'", "'Aspire web stages' is not a kebab-case id"],
    ),
    "action: a placeholder left from the blank": (
        BUDDY,
        r"^title: .*",
        "title: <What to do, starting with a verb>",
        ["field 'title'", "placeholder"],
    ),
    "action: a dangling short link in Markdown": (
        "actions/set-up-a-steering-group.yml",
        r"\(action:find-a-buddy\)",
        "(action:find-a-budy)",
        ["field 'detail'", "links to action 'find-a-budy', which does not exist; did you mean 'find-a-buddy'?"],
    ),
    "pivot point: bad vocabulary value": (
        PIVOT,
        r"^kind: challenge",
        "kind: challenges",
        ["field 'kind'", "did you mean 'challenge'?"],
    ),
    "pivot point: dangling reference": (
        PIVOT,
        r"^  - find-a-buddy",
        "  - find-a-budy",
        ["field 'what_helps[1]'", "did you mean 'find-a-buddy'?"],
    ),
    "pivot point: YAML syntax": (PIVOT, r"^kind: ", "kind ", ["is not valid YAML"]),
    "story: dangling reference in a chapter": (
        STORY,
        r"actions: \[join-existing-networks, find-a-buddy",
        "actions: [join-existing-networks, find-a-budy",
        ["field 'chapters[0].actions[1]'", "did you mean 'find-a-buddy'?"],
    ),
    "story: unknown key in a chapter": (
        STORY,
        r"^    heading:",
        "    headng:",
        ["field 'chapters[0].headng'", "did you mean 'heading'?"],
    ),
    "story: YAML syntax": (STORY, r"^short_title: ", "short_title ", ["is not valid YAML"]),
    "stage: dangling first action": (
        "stages.yml",
        r"first_actions: \[find-a-buddy",
        "first_actions: [find-a-budy",
        ["record 'starting-out'", "field 'first_actions[0]'", "did you mean 'find-a-buddy'?"],
    ),
    "stage: unknown key": (
        "stages.yml",
        r"^  summary:",
        "  sumary:",
        ["record 'starting-out'", "field 'sumary'", "did you mean 'summary'?"],
    ),
    "stage: YAML syntax": ("stages.yml", r"^  title: Starting out", "  title Starting out", ["is not valid YAML"]),
    "role: dangling first action": (
        "roles.yml",
        r"starting-out: \[find-a-buddy",
        "starting-out: [find-a-budy",
        ["record 'implementer'", "field 'first_actions.starting-out[0]'", "did you mean 'find-a-buddy'?"],
    ),
    "role: first action at another stage": (
        "roles.yml",
        r"developing: \[build-a-local-network",
        "developing: [find-a-buddy",
        [
            "record 'implementer'",
            "field 'first_actions.developing[0]'",
            "action 'find-a-buddy' is a starting-out action, not developing; choose one at developing",
        ],
    ),
    "role: first action the role has no part in": (
        "roles.yml",
        r"starting-out: \[find-a-buddy",
        "starting-out: [agree-who-the-service-is-for",
        ["record 'implementer'", "field 'first_actions.starting-out[0]'", "not one this role leads or helps with"],
    ),
    "role: too few first actions at a stage": (
        "roles.yml",
        r"sustaining: \[plan-succession, embed-mbct-in-strategy, publish-an-annual-report\]",
        "sustaining: [plan-succession]",
        ["record 'implementer'", "field 'first_actions.sustaining'", "lists 1 action for sustaining; list three"],
    ),
    "role: a stage left out of first actions": (
        "roles.yml",
        r"^    sustaining: \[plan-succession.*",
        "    sustainin: [plan-succession]",
        ["record 'implementer'", "field 'first_actions.sustainin", "not a stage; did you mean 'sustaining'?"],
    ),
    "self-assessment: dangling action": (
        "assessment.yml",
        r"actions: \[find-a-buddy",
        "actions: [find-a-budy",
        ["record 'networks-starting-out-buddy'", "field 'actions[0]'", "did you mean 'find-a-buddy'?"],
    ),
    "self-assessment: bad vocabulary value": (
        "assessment.yml",
        r"^  stage: starting-out",
        "  stage: starting",
        ["field 'stage'", "'starting' is not a stage"],
    ),
    "framework concept: dangling action": (
        "framework_concepts.yml",
        r"^    - find-a-buddy",
        "    - find-a-budy",
        ["field 'actions[0]'", "did you mean"],
    ),
    "source: id changed (cited elsewhere)": (
        "sources.yml",
        r"^- id: aspire-report-2017",
        "- id: aspire-report-2071",
        ["record 'aspire-report-2071'", "field 'id'", "did you mean 'aspire-report-2017'?"],
    ),
    "source: bad vocabulary value": (
        "sources.yml",
        r"^  type: report$",
        "  type: reports",
        ["field 'type'", "'reports' is not a type of source"],
    ),
    "source: wrong type": ("sources.yml", r"^  year: 2017", "  year: twenty", ["field 'year'", "'twenty' is not"]),
    "source: YAML syntax": ("sources.yml", r"^  short: ASPIRE report", "  short ASPIRE report", ["is not valid YAML"]),
    # A value of the wrong type says what the field needs and, where it explains the
    # mistake, what YAML read instead.
    "action: a number where a theme belongs": (
        BUDDY,
        r"^theme: .*",
        "theme: 3",
        ["field 'theme': must be 'make-it-fit', ", "or 'nourish-and-sustain', but YAML reads 3 as a number"],
    ),
    "action: yes where text belongs": (
        BUDDY,
        r"^title: .*",
        "title: yes",
        [
            "field 'title': must be text, but YAML reads this value as true (yes/no/on/off/true/false); "
            "put the value in quotes if it is meant as text"
        ],
    ),
    "action: a date and time where text belongs": (
        BUDDY,
        r"^title: .*",
        "title: 2026-03-31 10:00:00",
        ["field 'title': must be text, but YAML reads 2026-03-31 10:00:00 as a date and time"],
    ),
    "action: a number where text belongs": (
        BUDDY,
        r"^title: .*",
        "title: 12",
        ["field 'title': must be text, but YAML reads 12 as a number"],
    ),
    "action: key and value where text belongs": (
        BUDDY,
        r"^title: .*",
        "title: {first: Find}",
        ["field 'title': must be text, not a list or a set of 'key: value' lines"],
    ),
    "action: text left empty": (
        BUDDY,
        r"^title: .*",
        "title:",
        ["field 'title': must not be empty; write the text after the colon"],
    ),
    "action: a fraction where a whole number belongs": (
        BUDDY,
        r"^order: 10$",
        "order: 1.5",
        ["field 'order': must be a whole number (an integer), such as 10"],
    ),
    "action: one value where a list belongs": (
        BUDDY,
        r"^roles: \[teacher\]",
        "roles: teacher",
        ["field 'roles': must be a list, with each item on its own line starting with '- '"],
    ),
    "action: key and value where a list belongs": (
        BUDDY,
        r"^roles: \[teacher\]",
        "roles: {teacher: yes}",
        ["field 'roles': must be a list, with each item on its own line starting with '- ', not a set of 'key: value'"],
    ),
    "action: the lead role listed again in roles": (
        BUDDY,
        r"^roles: \[teacher\]",
        "roles: [teacher, implementer]",
        ["field 'roles'", "lists the lead role 'implementer' again; roles holds the other roles involved"],
    ),
    "action: a link to a page that is not in docs": (
        "actions/learn-who-mbct-suits.yml",
        r"\(page:urgent-help\.md\)",
        "(page:urgent-hepl.md)",
        ["field 'detail'", "links to page 'urgent-hepl.md', which is not in docs/; did you mean 'urgent-help.md'?"],
    ),
    "calculator: a word where a number belongs": (
        "calculator.yml",
        r"^  default: 0$",
        "  default: none",
        ["record 'people_to_reach'", "field 'default': 'none' is not a number; write a number, such as 12.5"],
    ),
    "calculator: a date where a number belongs": (
        "calculator.yml",
        r"^  default: 0$",
        "  default: 2026-01-01",
        ["field 'default': must be a number, such as 12.5, but YAML reads 2026-01-01 as a date"],
    ),
    "calculator: a word where true or false belongs": (
        "calculator.yml",
        r"^  whole_number: true$",
        "  whole_number: maybe",
        ["field 'whole_number': 'maybe' is not true or false; write true or false"],
    ),
    "calculator: a list where true or false belongs": (
        "calculator.yml",
        r"^  whole_number: true$",
        "  whole_number: [true]",
        ["field 'whole_number': must be true or false"],
    ),
    "calculator: a default above the maximum": (
        "calculator.yml",
        r"^  default: 4$",
        "  default: 501",
        ["record 'courses'", "field 'default': 501 must lie between minimum 0 and maximum 500"],
    ),
    "source: a date where a year belongs": (
        "sources.yml",
        r"^  year: 2017",
        "  year: 2017-01-01",
        ["field 'year': must be a whole number (an integer), such as 10, but YAML reads 2017-01-01 as a date"],
    ),
    "role: the same first action twice": (
        "roles.yml",
        r"starting-out: \[find-a-buddy, build-the-case-for-mbct,",
        "starting-out: [find-a-buddy, find-a-buddy,",
        [
            "record 'implementer'",
            "field 'first_actions.starting-out[1]'",
            "lists action 'find-a-buddy' twice; choose three different actions",
        ],
    ),
    "role: a page to read early that does not exist": (
        "roles.yml",
        r"^      page: participant-safety\.md$",
        "      page: participant-safty.md",
        [
            "record 'teacher'",
            "field 'also_read[0].page'",
            "names page 'participant-safty.md', which is not a page of this site; "
            "did you mean 'participant-safety.md'?",
        ],
    ),
    # One problem, not also "evidence.md has no review dates": the suggestion fixes both.
    "reviews: a page name misspelt": (
        "reviews.yml",
        r"^- page: evidence\.md$",
        "- page: evidense.md",
        ["record 'evidense.md'", "field 'page'", "which is not a page of this site; did you mean 'evidence.md'?"],
    ),
    # One problem, not also "no sub-element ... is defined" for the element's other sub-elements.
    "framework element: a sub-element id misspelt": (
        "framework_elements.yml",
        r"^    - id: evidence-local-data$",
        "    - id: local-data",
        ["record 'evidence'", "field 'sub_elements[3].id'", "did you mean 'evidence-local-data'?"],
    ),
    "urgent help: no emergency card": (
        "urgent_help.yml",
        r"^  emergency: true$",
        "  emergency: false",
        [
            "record 'emergency'",
            "field 'emergency'",
            "no record has emergency: true; mark the 999 record, and list it first",
        ],
    ),
    "urgent help: a second emergency card": (
        "urgent_help.yml",
        r"^- id: nhs-111-england$",
        "- id: nhs-111-england\n  emergency: true",
        ["record 'nhs-111-england'", "field 'emergency'", "only one record can be the emergency card"],
    ),
}


@pytest.mark.parametrize("case", ONE_LINE_MISTAKES)
def test_one_mistake_on_one_line_gives_exactly_one_problem_on_that_line(data, case):
    file, pattern, replacement, expected = ONE_LINE_MISTAKES[case]
    line = change_line(data / file, pattern, replacement)
    if replacement.startswith(pattern.strip("^$\\[")) and "\n" in replacement:
        line += 1  # an added line
    problems = problems_for(data)
    assert len(problems) == 1, "\n".join(problems)
    only(problems, f"guidance_data/{file}, line {line}:", *expected)
    assert "Traceback" not in problems[0]


def test_issue_example_a_misspelt_theme_is_quoted_with_the_nearest_theme(data):
    path = data / "actions" / "adapt-without-diluting.yml"
    line = change_line(path, r"^theme: make-it-fit$", "theme: make-it-fits")
    problems = problems_for(data)
    assert problems == [
        f"guidance_data/actions/adapt-without-diluting.yml, line {line}: record 'adapt-without-diluting', "
        "field 'theme': 'make-it-fits' is not a theme; did you mean 'make-it-fit'?"
    ]


@pytest.mark.parametrize(
    "field, rule",
    [("stage", "required but missing"), ("summary", "required but missing"), ("detail", "required but missing")],
)
def test_a_missing_field_gives_exactly_one_problem(data, field, rule):
    delete_field(data / BUDDY, field)
    problems = problems_for(data)
    assert len(problems) == 1, "\n".join(problems)
    only(problems, f"guidance_data/{BUDDY}", "record 'find-a-buddy'", f"field '{field}'", rule)


def test_a_copied_action_file_gives_exactly_one_problem(data):
    """Two files with one id: reported once, as the copy whose id does not match its name."""
    shutil.copy(data / BUDDY, data / "actions" / "fake-copy.yml")
    problems = problems_for(data)
    assert len(problems) == 1, "\n".join(problems)
    only(problems, "actions/fake-copy.yml, line 2", "field 'id'", "must match the file name")


def test_a_duplicate_record_in_a_list_file_gives_exactly_one_problem(data):
    path = data / "glossary.yml"
    text = path.read_text()
    first = text[text.index("- id:") : text.index("- id:", text.index("- id:") + 1)]
    path.write_text(text.rstrip("\n") + "\n" + first)
    problems = problems_for(data)
    assert len(problems) == 1, "\n".join(problems)
    only(problems, "glossary.yml, line", "field 'id'", "duplicate id")


def test_a_duplicate_key_gives_exactly_one_problem(data):
    path = data / BUDDY
    path.write_text(path.read_text() + "\ntitle: Again\n")
    problems = problems_for(data)
    assert len(problems) == 1, "\n".join(problems)
    only(problems, f"{BUDDY}, line", "field 'title'", "appears twice")


def test_two_mistakes_in_two_files_give_exactly_two_problems(data):
    change_line(data / "actions" / "adapt-without-diluting.yml", r"^theme: make-it-fit$", "theme: make-it-fits")
    change_line(data / "sources.yml", r"^  type: report$", "  type: reports")
    problems = problems_for(data)
    assert len(problems) == 2, "\n".join(problems)
    only(problems, "adapt-without-diluting.yml", "did you mean 'make-it-fit'?")
    only(problems, "sources.yml", "'reports' is not a type of source")


def test_a_file_that_cannot_be_read_says_once_what_was_not_checked(data):
    change_line(data / "sources.yml", r"^  short: ASPIRE report", "  short ASPIRE report")
    with pytest.raises(GuidanceDataError) as caught:
        load_guide_uncached(data, data.parent / "docs")
    report = caught.value.report()
    assert len(caught.value.problems) == 1
    assert report.count("references to sources were not checked") == 1
    assert "guidance_data/sources.yml could not be read" in report


def test_no_suggestion_when_nothing_is_close(data):
    change_line(data / BUDDY, r"^theme: .*", "theme: bananas")
    (problem,) = problems_for(data)
    assert "did you mean" not in problem
    assert "'bananas' is not a theme; use 'make-it-fit', 'evaluate-and-learn'" in problem


# --- GitHub annotations (issue 13): problems show on their lines of a pull request ------------


def test_on_github_actions_the_check_prints_one_annotation_per_problem(data, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    theme_line = change_line(
        data / "actions" / "adapt-without-diluting.yml", r"^theme: make-it-fit$", "theme: make-it-fitt"
    )
    type_line = change_line(data / "sources.yml", r"^  type: report$", "  type: reports")
    assert cli(["check", "--data", str(data), "--docs", str(data.parent / "docs")]) == 1
    out = capsys.readouterr().out
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 2, out
    assert annotations[0] == (
        f"::error file=guidance_data/actions/adapt-without-diluting.yml,line={theme_line},"
        "title=Guidance data%3A record 'adapt-without-diluting'%2C field 'theme'::"
        f"guidance_data/actions/adapt-without-diluting.yml, line {theme_line}: record 'adapt-without-diluting', "
        "field 'theme': 'make-it-fitt' is not a theme; did you mean 'make-it-fit'?"
    )
    assert annotations[1].startswith(f"::error file=guidance_data/sources.yml,line={type_line},title=")
    assert "  1. " not in out, "each problem is printed once: as its annotation"


def test_annotations_escape_what_github_reads_as_commands():
    problem = Problem("guidance_data/a,b:c.yml", 3, "r", "f", "100% wrong\nsecond line\r")
    assert problem.annotation() == (
        "::error file=guidance_data/a%2Cb%3Ac.yml,line=3,title=Guidance data%3A record 'r'%2C field 'f'::"
        "guidance_data/a,b:c.yml, line 3: record 'r', field 'f': 100%25 wrong%0Asecond line%0D"
    )
    assert Problem("guidance_data/actions", None, None, None, "x").annotation() == (
        "::error file=guidance_data/actions,title=Guidance data::guidance_data/actions: x"
    )


def test_without_github_actions_the_check_prints_a_numbered_list(data, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    change_line(data / "actions" / "adapt-without-diluting.yml", r"^theme: make-it-fit$", "theme: make-it-fitt")
    assert cli(["check", "--data", str(data), "--docs", str(data.parent / "docs")]) == 1
    captured = capsys.readouterr()
    assert "::error" not in captured.out + captured.err
    assert captured.err.count("'make-it-fitt' is not a theme") == 1 and "  1. guidance_data/actions/" in captured.err


# --- the data loaded without docs/ (issue 13: a page-only citation broke test collection) -------


def test_a_source_cited_only_in_a_page_passes_with_and_without_the_docs_folder(data):
    """Without docs/ nothing is known about page citations, so no source is called an orphan."""
    path = data / "sources.yml"
    path.write_text(
        path.read_text() + "- id: fake-page-only\n  type: report\n  short: Fake\n  citation: Cited only in a page.\n"
    )
    page = data.parent / "docs" / "privacy.md"
    page.write_text(page.read_text() + '\n\nA fake claim.{{ cite("fake-page-only") }}\n')
    load_guide_uncached(data, data.parent / "docs")
    guide = load_guide_uncached(data)
    assert "fake-page-only" in {source.id for source in guide.sources}


def test_a_page_path_in_the_wrong_form_says_how_to_write_it(data):
    line = change_line(data / "reviews.yml", r"^- page: about-mbct\.md$", "- page: About MBCT")
    problems = problems_for(data)
    assert problems == [
        f"guidance_data/reviews.yml, line {line}: record 'About MBCT', field 'page': 'About MBCT' is not in the "
        "right form: write the page's path under docs/, such as journey/developing.md"
    ]


# --- clean text, lengths and links that say where they go (issue 18) -------------------------------


def edit_source(data: Path, index: int = 0, **changes) -> str:
    """Change the first source in a copy of sources.yml; returns its id."""
    path = data / "sources.yml"
    records = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        if value is None:
            records[index].pop(key, None)
        else:
            records[index][key] = value
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True))
    return records[index]["id"]


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("title", "Business case\x01 for MBCT", "U+0001 (a control character) after 'Business case'"),
        ("title", "Find a \u202ebuddy", "U+202E (RIGHT-TO-LEFT OVERRIDE) after 'Find a'"),
        ("summary", "Pair up\u200b with someone.", "U+200B (ZERO WIDTH SPACE) after 'Pair up'"),
        ("summary", "\ufeffPair up with someone.", "U+FEFF (ZERO WIDTH NO-BREAK SPACE) at the start"),
        ("detail", "Find a buddy.\x7f", "U+007F (a control character)"),
        ("detail", "Talk to\u2066 your team.", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("detail", "Carriage\r return", "U+000D (a control character)"),
    ],
)
def test_invisible_and_control_characters_are_named_by_code_point(data, field, value, named):
    edit_action(data, **{field: value})
    problems = problems_for(data)
    assert len(problems) == 1, problems
    assert f"field '{field}'" in problems[0] and named in problems[0]
    assert "delete it" in problems[0]


def test_invisible_characters_are_refused_in_ids_and_list_items_too(data):
    edit_action(data, signs_of_progress=["A buddy\u200d is named."])
    edit_source(data, short="NICE\u202a NG222")
    problems = problems_for(data)
    only(problems, f"record '{ACTION}'", "field 'signs_of_progress[0]'", "U+200D (ZERO WIDTH JOINER)")
    only(problems, "sources.yml", "field 'short'", "U+202A (LEFT-TO-RIGHT EMBEDDING)")
    assert len(problems) == 2, problems


def test_an_id_with_a_zero_width_space_names_the_character_not_the_id_rules(data):
    path = data / "glossary.yml"
    records = yaml.safe_load(path.read_text())
    records[0]["id"] = records[0]["id"] + "\u200b"
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True))
    message = only(problems_for(data), "glossary.yml", "field 'id'")
    assert "U+200B (ZERO WIDTH SPACE)" in message and "kebab-case" not in message


def test_tab_and_newline_are_allowed_in_markdown(data):
    edit_action(data, detail="Find a buddy.\n\n- one\tthing\n- another")
    load_guide_uncached(data, data.parent / "docs")


@pytest.mark.parametrize("field", ["title", "summary", "detail"])
def test_a_megabyte_field_is_one_problem_about_its_length_and_is_quick(data, field):
    edit_action(data, **{field: "](a:" * 250_000})
    started = time.process_time()
    problems = problems_for(data)
    assert time.process_time() - started < 2
    assert problems == [
        f"guidance_data/actions/{ACTION}.yml, line {_line_of(data, field)}: record '{ACTION}', field '{field}': "
        "is 1,000,000 characters long; a field can hold at most 10,000. Shorten it, or split the text between records"
    ]


def test_ten_thousand_characters_is_the_most_a_field_holds(data):
    edit_action(data, detail="word " * 2000)  # 10,000 characters, stripped to 9,999
    load_guide_uncached(data, data.parent / "docs")
    edit_action(data, detail="word " * 2000 + "x")
    only(problems_for(data), "field 'detail'", "is 10,001 characters long")


def _line_of(data: Path, field: str) -> int:
    lines = (data / "actions" / f"{ACTION}.yml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(f"{field}:"))


def test_a_huge_value_in_a_closed_vocabulary_is_quoted_short_and_quickly(data):
    edit_action(data, stage="x" * 1_000_000)
    started = time.process_time()
    message = only(problems_for(data), "field 'stage'", "is not a stage")
    assert time.process_time() - started < 2
    assert len(message) < 400


@pytest.mark.parametrize(
    ("detail", "rule"),
    [
        ("[" * 9000, "has 9,000 square brackets '['; a Markdown field can have at most 100"),
        ("- " * 250 + "x", "has lists or quotes nested 250 levels deep; guidance needs at most 10"),
        ("1. " * 300 + "x", "nested 300 levels deep"),
        ("> " * 40 + "x", "nested 40 levels deep"),
        ("\n".join("    " * level + "- step" for level in range(15)), "nested 15 levels deep"),
    ],
)
def test_markdown_that_would_be_slow_or_too_deep_to_read_is_one_problem(data, detail, rule):
    edit_action(data, detail=detail)
    problems = problems_for(data)
    assert len(problems) == 1, problems
    assert f"record '{ACTION}', field 'detail'" in problems[0] and rule in problems[0]


def test_ordinary_lists_and_links_are_well_within_the_limits(data):
    detail = "\n".join(["- one", "    - two", "        - three", "", "> quoted", "", "[a link](https://example.org)"])
    edit_action(data, detail=detail)
    load_guide_uncached(data, data.parent / "docs")


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("https://doi.org@evil.example/10.3310/hsdr05140", "has 'doi.org@' before the site's name, so it goes to"),
        ("https://user:secret@example.org/", "'user@' before the site's name"),
    ],
)
def test_a_source_address_with_a_user_part_is_refused(data, url, rule):
    source = edit_source(data, url=url)
    problems = problems_for(data)
    assert len(problems) == 1, problems
    assert f"record '{source}', field 'url'" in problems[0] and rule in problems[0]


def test_an_http_source_needs_https_or_a_reason_for_a_person_to_check(data):
    source = edit_source(data, url="http://example.org/report")
    (problem,) = problems_for(data)
    assert f"record '{source}', field 'url'" in problem
    assert "is not secure: write the https:// address (https://example.org/report)" in problem
    assert "say why in http_only" in problem
    edit_source(data, http_only="The site has no https:// copy; checked by hand.")
    load_guide_uncached(data, data.parent / "docs")


def test_http_only_is_refused_beside_an_https_address(data):
    source = edit_source(data, http_only="No reason.")
    (problem,) = problems_for(data)
    assert f"record '{source}', field 'http_only'" in problem and "is only for an http:// address" in problem


def test_every_http_source_in_the_data_carries_its_reason():
    records = yaml.safe_load((DATA_DIR / "sources.yml").read_text())
    http = [r["id"] for r in records if str(r.get("url", "")).startswith("http://")]
    assert all(r.get("http_only") for r in records if r["id"] in http)
    assert len(http) <= 2, "move sources to https:// where the site has it"


def test_a_misleading_phone_link_in_data_is_one_problem_naming_the_field(data):
    edit_action(data, detail="If you are struggling, [call Samaritans on 116 123](tel:+449061234567).")
    (problem,) = problems_for(data)
    assert f"record '{ACTION}', field 'detail'" in problem
    assert "'tel:+449061234567', which is not a number in guidance_data/urgent_help.yml" in problem


def test_a_phone_link_to_an_urgent_help_number_showing_that_number_is_allowed(data):
    edit_action(data, detail="Or [call Samaritans on 116 123](tel:116123).")
    load_guide_uncached(data, data.parent / "docs")


def test_topics_on_an_action_are_known_and_listed_once(data):
    edit_action(data, topics=["funding", "money", "funding"])
    problems = problems_for(data)
    message = only(problems, f"actions/{ACTION}.yml", f"record '{ACTION}'", "field 'topics[1]'")
    assert "'funding'" in message and "'governance'" in message, "the message lists the topics allowed"
    edit_action(data, topics=["funding", "funding"])
    only(problems_for(data), f"record '{ACTION}'", "field 'topics'", "'funding' more than once")


def test_every_topic_needs_a_title_in_topics_yml(data):
    path = data / "topics.yml"
    records = [r for r in yaml.safe_load(path.read_text()) if r["id"] != "equity"]
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    only(problems_for(data), "topics.yml", "record 'equity'", "no topic with id 'equity' is defined")


def write_synonyms(data: Path, records: list[dict]) -> Path:
    path = data / "search_synonyms.yml"
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    return path


def test_search_synonyms_rules_are_named_with_file_record_and_field(data):
    file = "search_synonyms.yml"
    write_synonyms(data, [{"word": "funding", "also": ["money", "Cash flow"]}])
    message = only(problems_for(data), file, "record 'funding'", "field 'also[1]'")
    assert "one word of 2 to 40 lower case letters or digits" in message
    write_synonyms(data, [{"word": "funding", "also": ["money", "money"]}])
    only(problems_for(data), file, "record 'funding'", "field 'also'", "'money' more than once")
    write_synonyms(data, [{"word": "funding", "also": ["money", "funding"]}])
    only(problems_for(data), file, "record 'funding'", "field 'also'", "lists 'funding' itself")
    write_synonyms(
        data,
        [
            {"word": "funding", "also": ["money"]},
            {"word": "manager", "also": ["boss", "money", "teacher"]},
            {"word": "teacher", "also": ["tutor"]},
            {"word": "zebracrossing", "also": ["stripes"]},
        ],
    )
    problems = problems_for(data)
    only(problems, file, "record 'manager'", "field 'also[1]'", "'money' is already a synonym of 'funding' (line 3)")
    only(problems, file, "record 'manager'", "field 'also[2]'", "'teacher' is a word of its own")
    only(problems, file, "record 'zebracrossing'", "field 'word'", "not a word any action uses")
    assert len([p for p in problems if file in p]) == 3, "every problem at once, and only these"


# --- 'Start here' by stage: a role's first_actions (issue 21, item 4) ----------------------------


def _edit_role(data: Path, role_id: str, **changes) -> None:
    path = data / "roles.yml"
    roles = yaml.safe_load(path.read_text(encoding="utf-8"))
    for role in roles:
        if role["id"] == role_id:
            for key, value in changes.items():
                if value is None:
                    role.pop(key)
                else:
                    role[key] = value
    path.write_text(yaml.safe_dump(roles, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_role_without_a_stage_in_its_first_actions_is_told_which_to_add(data):
    first = yaml.safe_load((data / "roles.yml").read_text())[0]["first_actions"]
    _edit_role(data, "implementer", first_actions={"starting-out": first["starting-out"]})
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, "record 'implementer'", "field 'first_actions'", "add developing and sustaining")


def test_a_role_with_no_first_actions_and_no_start_here_is_refused(data):
    _edit_role(data, "manager", first_actions=None)
    only(problems_for(data), "record 'manager'", "field 'first_actions'", "add starting-out, developing and sustaining")


def test_a_role_cannot_start_with_both_start_here_and_first_actions(data):
    _edit_role(data, "lived-experience", first_actions={"starting-out": ["ask-for-mbct-locally"]})
    only(problems_for(data), "record 'lived-experience'", "field 'first_actions'", "not both; delete one")


@pytest.mark.parametrize(("deleted", "kept"), [("tel", "number"), ("number", "tel")])
def test_an_urgent_help_number_without_its_tel_or_the_reverse_is_named_at_the_one_given(data, deleted, kept):
    kept_line = line_matching(data / "urgent_help.yml", rf'^  {kept}: "999"$')
    change_line(data / "urgent_help.yml", rf'^  {deleted}: "999"$', "")  # left blank: no line moves
    problems = problems_for(data)
    assert problems == [
        f"guidance_data/urgent_help.yml, line {kept_line}: record 'emergency', field '{kept}': "
        f"is given without {deleted}; give both number and tel, or neither"
    ]


def test_a_role_with_two_places_to_start_is_told_to_list_three(data):
    roles = yaml.safe_load((data / "roles.yml").read_text())
    two = next(role for role in roles if role["id"] == "lived-experience")["start_here"][:2]
    _edit_role(data, "lived-experience", start_here=two)
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, "record 'lived-experience'", "field 'start_here': lists 2 sections; list three sections")


def test_a_role_with_fewer_than_three_actions_at_a_stage_lists_them_all():
    """The referrer has one sustaining action, so its sustaining 'Start here' is that one."""
    guide = load_guide(DATA_DIR, DOCS_DIR)
    for role in guide.roles:
        for stage in guide.stages:
            ids = role.first_actions.get(stage.id, [])
            available = guide.actions_where(stage=stage.id, role=role.id)
            if role.start_here:
                assert ids == [], role.id
            else:
                assert len(ids) == min(3, len(available)), (role.id, stage.id)
                assert set(ids) <= {a.id for a in available}, (role.id, stage.id)


# --- files in the wrong shape, and rules on the whole of a file ------------------------------


def test_a_record_file_ending_in_yaml_is_named_and_its_id_still_resolves(data):
    (data / BUDDY).rename(data / "actions" / "find-a-buddy.yaml")
    problems = problems_for(data)
    # One problem: the stages, roles and stories that name find-a-buddy are not also reported.
    assert problems == ["guidance_data/actions/find-a-buddy.yaml: rename the file to end in .yml"]


def test_a_list_file_that_is_missing_is_named_once(data):
    (data / "glossary.yml").unlink()
    problems = problems_for(data)
    assert problems == ["guidance_data/glossary.yml: this file is missing"]


def test_a_record_file_holding_a_list_says_it_must_hold_one_record(data):
    (data / "actions" / "fake-list.yml").write_text("- id: fake-list\n- title: A list\n", encoding="utf-8")
    problems = problems_for(data)
    assert problems == ["guidance_data/actions/fake-list.yml, line 1: must hold one action as 'key: value' lines"]


def test_a_list_file_holding_one_record_says_it_must_be_a_list(data):
    (data / "glossary.yml").write_text("id: mbct\nterm: MBCT\n", encoding="utf-8")
    problems = problems_for(data)
    only(
        problems, "guidance_data/glossary.yml, line 1: must be a list of glossary term records, each starting with '- '"
    )


def test_a_deleted_sub_element_is_named_once(data):
    path = data / "framework_elements.yml"
    text = path.read_text(encoding="utf-8")
    removed = text[text.index("    - id: evidence-local-data") : text.index("- id: context")]
    path.write_text(text.replace(removed, ""), encoding="utf-8")
    problems = problems_for(data)
    assert problems == [
        "guidance_data/framework_elements.yml: record 'evidence-local-data': "
        "no framework sub-element with id 'evidence-local-data' is defined"
    ]


def test_a_sub_element_id_used_twice_is_named_where_it_repeats(data):
    line = change_line(
        data / "framework_elements.yml", r"^    - id: evidence-local-data$", "    - id: evidence-research"
    )
    problems = problems_for(data)
    only(
        problems,
        f"guidance_data/framework_elements.yml, line {line}:",
        "record 'evidence', field 'sub_elements[3].id'",
        "sub-element id 'evidence-research' must be unique and start with 'evidence-'",
    )


@pytest.mark.parametrize("page", ["about-mbct.md", "evidence.md"])
def test_a_page_that_needs_a_clinical_review_cannot_be_deleted(data, page):
    (data.parent / "docs" / page).unlink()
    problems = problems_for(data)
    only(problems, f"docs/{page}: this page needs a clinical review, so it must exist; add it back")


def test_a_page_without_review_dates_is_named(data):
    path = data / "reviews.yml"
    records = [r for r in yaml.safe_load(path.read_text(encoding="utf-8")) if r["page"] != "evidence.md"]
    path.write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    problems = problems_for(data)
    assert problems == [
        "guidance_data/reviews.yml: record 'evidence.md', field 'page': "
        "page 'evidence.md' has no review dates; add it with last_reviewed and next_review_due"
    ]

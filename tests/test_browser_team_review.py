"""The self-assessment as a team's quarterly review (issue 22), in Chromium: snapshots,
comparing two points in time, answers files and the team view, every bad file, full
storage, old saved data, the downloads, print, keyboard and the first visit's weight."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import markdown as python_markdown
import pytest
from conftest import DATA_DIR
from markupsafe import escape
from playwright.sync_api import expect

from mbct_guide import load_guide
from mbct_guide.answers_file import FORMAT, MAX_BYTES, SCHEMA_NAME
from mbct_guide.assessment import BY_ID, action_plan, team_answers
from mbct_guide.render.common import json_script

pytestmark = pytest.mark.browser
GUIDE = load_guide(DATA_DIR)
STATEMENTS = GUIDE.assessment
STORAGE_KEY = "mbct-self-assessment-v1"
SNAPSHOTS_KEY = "mbct-self-assessment-snapshots"
TOOL = "/tools/self-assessment/"
# The only files the review may fetch after the page has loaded: its own second script and styles.
SECOND_PARTS = ("assets/js/self-assessment-team.js", "assets/css/self-assessment-team.css")


# --- helpers ---------------------------------------------------------------------------------------


def answer(page, statement_id: str, value: str) -> None:
    page.locator(f"input[name='sa-{statement_id}'][value='{value}']").check()


def answer_all(page, answers: dict[str, str]) -> None:
    for statement_id, value in answers.items():
        answer(page, statement_id, value)


def shown_answers(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#sa-form input:checked')]
            .map(i => [i.name.slice(3), i.value]))"""
    )


def stored(page, key: str):
    text = page.evaluate("key => localStorage.getItem(key)", key)
    return None if text is None else json.loads(text)


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def save_snapshot(page, name: str) -> None:
    page.locator("#sa-snapshot-name").fill(name)
    click(page, "Save snapshot")
    expect(page.locator("#sa-review-status")).to_contain_text(f"Snapshot \u201c{name}\u201d saved")


def answers_file(answers: dict[str, str], name: str | None = None, **fields) -> dict:
    record = {"format": FORMAT, "version": 1, "saved": "2027-01-15T10:00:00.000Z", "answers": answers}
    if name is not None:
        record["name"] = name
    return record | fields


def payload(file_name: str, content: str | bytes | dict) -> dict:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    return {"name": file_name, "mimeType": "application/json", "buffer": content}


def open_files(page, *files: dict) -> None:
    """Chooses files with "Open answers files", as a person would."""
    with page.expect_file_chooser() as chooser:
        click(page, "Open answers files")
    chooser.value.set_files(list(files))
    expect(page.locator("#sa-review-status")).to_contain_text(re.compile(r"Opened|No answers file"))


def problems(page) -> list[str]:
    box = page.locator("#sa-review-problem")
    if box.is_hidden():
        return []
    return box.locator("li").all_inner_texts()


def track_requests(page) -> list[str]:
    """Every request the page makes from now on, once it has finished loading (the PageWatcher
    catches requests to other hosts)."""
    page.wait_for_load_state("networkidle")
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.method} {request.url}"))
    return seen


def only_second_parts(requests: list[str], site_url: str) -> bool:
    return all(
        r.startswith("GET ") and any(r.endswith(f"{site_url}/{part}") for part in SECOND_PARTS) for r in requests
    )


def some_answers() -> dict[str, str]:
    """Twelve answers across themes, with every kind of answer."""
    values = ["in-place", "partly", "not-yet", "dont-know"]
    return {s.id: values[i % 4] for i, s in enumerate(STATEMENTS[:12])}


def no_script_ran(page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.watcher.errors == []


# --- the first visit ------------------------------------------------------------------------------


def test_the_first_visit_does_not_fetch_the_review_code(site_url, page):
    requests = track_requests(page)
    page.goto(site_url + TOOL, wait_until="networkidle")
    assert not [r for r in requests if "self-assessment-team" in r]
    for name in ["Save snapshot", "Compare", "Download answers", "Open answers files"]:
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(page.locator("#sa-review")).to_contain_text("Nothing here is sent anywhere")
    # Online, answers save as they always have: the offline copy's switch is not shown.
    expect(page.locator("#sa-offline")).to_be_hidden()


# --- snapshots and compare --------------------------------------------------------------------------


def test_snapshot_then_three_changes_then_compare_shows_each_with_its_direction(site_url, page):
    page.goto(site_url + TOOL)
    first = some_answers()
    answer_all(page, first)
    requests = track_requests(page)
    save_snapshot(page, "Q1")
    # The current answers are separate, and saving a snapshot never changes them.
    assert stored(page, STORAGE_KEY)["answers"] == first
    assert shown_answers(page) == first
    snapshots = stored(page, SNAPSHOTS_KEY)["snapshots"]
    assert [(s["label"], s["answers"]) for s in snapshots] == [("Q1", first)]
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(1)
    expect(page.locator("#sa-snapshots")).to_contain_text("Q1")

    ids = list(first)
    forward_one, forward_two, back = ids[1], ids[2], ids[0]  # partly, not-yet, in-place
    assert (first[forward_one], first[forward_two], first[back]) == ("partly", "not-yet", "in-place")
    answer(page, forward_one, "in-place")
    answer(page, forward_two, "partly")
    answer(page, back, "not-yet")
    click(page, "Compare")
    comparison = page.locator("#sa-comparison")
    expect(comparison.locator("h3")).to_be_focused()
    expect(page.locator("#sa-comparison-summary")).to_have_text(
        f"From the snapshot \u201cQ1\u201d ({_today_long(page)}) to your current answers: 2 statements moved "
        f"forward, 1 moved back and {len(STATEMENTS) - 3} stayed the same."
    )
    changed = {
        item.get_attribute("data-statement"): item.get_attribute("data-change")
        for item in comparison.locator("li[data-change]").all()
        if item.get_attribute("data-change") != "same"
    }
    assert changed == {forward_one: "forward", forward_two: "forward", back: "back"}
    assert comparison.locator("li[data-change]").count() == len(STATEMENTS)
    # Each theme and stage: a summary sentence, then statement by statement.
    theme = GUIDE.themes[0].title
    expect(comparison.locator("h4", has_text=theme)).to_be_visible()
    expect(comparison.locator(f"li[data-statement='{back}']")).to_contain_text("Q1: In place. Now: Not yet.")
    # The chart shows both points in time; the table says the same in words.
    expect(comparison.locator(".mbct-chart__group")).to_have_count(len(GUIDE.themes))
    expect(comparison.locator(".mbct-chart__group").first.locator(".mbct-chart__row")).to_have_count(2)
    assert comparison.locator(".mbct-chart--compare").get_attribute("aria-hidden") == "true"
    expect(comparison.locator("table tbody tr")).to_have_count(len(GUIDE.themes))
    # Two snapshots can be compared too.
    save_snapshot(page, "Q2")
    click(page, "Compare")
    page.locator("#sa-compare-to").select_option(label=f"Q2 ({_today_long(page)})")
    page.locator("#sa-compare-from").select_option(label=f"Q1 ({_today_long(page)})")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("to the snapshot \u201cQ2\u201d")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("2 statements moved forward, 1 moved back")
    assert page.watcher.outside_requests == []
    assert only_second_parts(requests, site_url), requests
    assert page.watcher.errors == []


def _today_long(page) -> str:
    return page.evaluate(
        "() => new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})"
    )


def test_snapshots_can_be_renamed_and_deleted_after_a_question(site_url, page):
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, "Q1 2027 team review")
    item = page.locator("#sa-snapshots li.mbct-snapshot")
    item.get_by_role("button", name="Rename").click()
    field = page.get_by_label("New name for \u201cQ1 2027 team review\u201d")
    expect(field).to_be_focused()
    field.fill("Q1 2027 steering group")
    click(page, "Save name")
    expect(item).to_contain_text("Q1 2027 steering group")
    expect(item.get_by_role("button", name="Rename")).to_be_focused()
    assert stored(page, SNAPSHOTS_KEY)["snapshots"][0]["label"] == "Q1 2027 steering group"
    # Deleting asks first; "No" keeps it.
    item.get_by_role("button", name="Delete").click()
    expect(page.locator("#sa-snapshots .mbct-confirm")).to_contain_text(
        "Delete the snapshot \u201cQ1 2027 steering group\u201d?"
    )
    click(page, "No, keep it")
    expect(item).to_have_count(1)
    item.get_by_role("button", name="Delete").click()
    click(page, "Yes, delete it")
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(0)
    assert stored(page, SNAPSHOTS_KEY)["snapshots"] == []
    expect(page.locator("#sa-review-status")).to_have_text("Snapshot \u201cQ1 2027 steering group\u201d deleted.")
    # The answers were never touched.
    assert stored(page, STORAGE_KEY)["answers"] == some_answers()


def test_snapshots_are_listed_when_the_page_opens_again(site_url, page):
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, "Q1")
    page.reload()
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(1)
    expect(page.locator("#sa-snapshots")).to_contain_text("Q1")
    expect(page.locator("#sa-snapshots")).to_contain_text("12 answers")


def test_compare_without_a_snapshot_says_what_to_do(site_url, page):
    page.goto(site_url + TOOL)
    click(page, "Compare")
    expect(page.locator("#sa-review-status")).to_have_text(
        "Save a snapshot first. Compare sets a snapshot beside your current answers, or beside another snapshot."
    )
    expect(page.locator("#sa-comparison")).to_be_hidden()
    click(page, "Save snapshot")
    expect(page.locator("#sa-review-status")).to_contain_text("There are no answers to keep yet")


def seed(page, items: dict[str, str]) -> None:
    """Puts these values in the page's storage before its scripts run, once per test."""
    sets = " ".join(f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in items.items())
    page.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ {sets} sessionStorage.setItem('seeded', '1'); }}")


def test_a_statement_added_or_removed_shows_as_new_or_no_longer_asked(site_url, page):
    """A snapshot from an earlier version of the guidance: one statement was not asked yet, and
    one it asked has gone. Neither is dropped."""
    added = STATEMENTS[3]
    asked_then = [
        {"id": s.id, "theme": s.theme, "stage": s.stage, "text": s.text} for s in STATEMENTS if s.id != added.id
    ]
    asked_then.append(
        {
            "id": "fit-starting-out-old-question",
            "theme": "make-it-fit",
            "stage": "starting-out",
            "text": "An old question.",
        }
    )
    then = {STATEMENTS[0].id: "partly", "fit-starting-out-old-question": "in-place"}
    record = {"label": "Old", "saved": "2026-06-01T09:00:00Z", "answers": then, "role": "", "statements": asked_then}
    seed(page, {SNAPSHOTS_KEY: json.dumps({"version": 1, "snapshots": [record]})})
    page.goto(site_url + TOOL)
    expect(page.locator("#sa-snapshots")).to_contain_text(
        "1 answer, and 1 answer for statements this self-assessment no longer has"
    )
    answer(page, STATEMENTS[0].id, "in-place")
    answer(page, added.id, "partly")
    click(page, "Compare")
    comparison = page.locator("#sa-comparison")
    new = comparison.locator(f"li[data-statement='{added.id}']")
    expect(new).to_have_attribute("data-change", "new")
    expect(new).to_contain_text("New")
    gone = comparison.locator("li[data-statement='fit-starting-out-old-question']")
    expect(gone).to_have_attribute("data-change", "gone")
    expect(gone).to_contain_text("No longer asked")
    expect(gone).to_contain_text("An old question.")
    expect(gone).to_contain_text("Old: In place (not asked in Now)")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("1 statement moved forward, 0 moved back and ")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("1 statement is new and 1 is no longer asked.")
    # The stored snapshot keeps the answer for the statement that has gone.
    assert stored(page, SNAPSHOTS_KEY)["snapshots"][0]["answers"] == then
    assert page.watcher.errors == []


def test_a_snapshot_in_the_format_the_site_saves_today_still_opens(site_url, page):
    """Saved answers in today's format (version 1) open as the current answers, and a snapshot
    record of the same shape, without a name or a list of statements, opens as a snapshot."""
    old = some_answers()
    today_format = {"version": 1, "answers": old, "role": "teacher", "saved": "2026-11-01T12:00:00.000Z"}
    seed(
        page,
        {
            STORAGE_KEY: json.dumps(today_format),
            SNAPSHOTS_KEY: json.dumps({"version": 1, "snapshots": [today_format]}),
        },
    )
    page.goto(site_url + TOOL)
    assert shown_answers(page) == old
    expect(page.locator("#sa-role")).to_have_value("teacher")
    item = page.locator("#sa-snapshots li.mbct-snapshot")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Snapshot")
    expect(item).to_contain_text("Saved 1 November 2026, 12 answers.")
    answer(page, STATEMENTS[0].id, "not-yet")  # was in place
    click(page, "Compare")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("0 statements moved forward, 1 moved back")
    assert page.watcher.errors == []


def test_an_unreadable_snapshot_is_kept_as_saved_and_reported(site_url, page):
    good = {"label": "Q1", "saved": "2026-11-01T12:00:00Z", "answers": {STATEMENTS[0].id: "partly"}}
    broken = {"label": "broken", "answers": "not answers"}
    seed(page, {SNAPSHOTS_KEY: json.dumps({"version": 1, "snapshots": [good, broken]})})
    page.goto(site_url + TOOL)
    expect(page.locator("#sa-review-problem")).to_contain_text("1 snapshot saved in this browser could not be read")
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(1)
    answer(page, STATEMENTS[1].id, "partly")
    save_snapshot(page, "Q2")
    kept = stored(page, SNAPSHOTS_KEY)["snapshots"]
    assert broken in kept and [s["label"] for s in kept if s != broken] == ["Q1", "Q2"]


def test_an_open_comparison_and_team_view_follow_the_person_s_answers(site_url, page):
    first, second, disagree = two_colleagues()
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, "Q1")
    click(page, "Compare")
    open_files(page, payload("ab.json", answers_file(first, "AB")))
    expect(page.locator("#sa-comparison-summary")).to_contain_text("0 statements moved forward, 0 moved back")
    mine = next(s.id for s in STATEMENTS if s.id in some_answers() and some_answers()[s.id] == "not-yet")
    answer(page, mine, "partly")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("1 statement moved forward, 0 moved back")
    expect(page.locator(f"#sa-team li[data-statement='{mine}']")).to_contain_text("You: Partly")


def test_if_the_review_code_cannot_load_the_page_says_so_and_changes_nothing(site_url, page):
    page.route(re.compile(r".*/self-assessment-team\.js$"), lambda route: route.abort())
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    click(page, "Compare")
    expect(page.locator("#sa-review-problem")).to_have_text(
        "This part of the tool could not be loaded. Reload the page and try again. Nothing has been changed."
    )
    assert stored(page, STORAGE_KEY)["answers"] == some_answers()
    assert [error for error in page.watcher.errors if "Failed to load resource" not in error] == []


# --- nothing replaces the person's answers without a snapshot first -----------------------------------


def test_saving_a_shared_link_keeps_the_person_s_own_answers_as_a_snapshot(browser, site_url, page):
    """Issue 22's report: a colleague with 12 answers of their own opened a shared link and
    pressed "Save these as my answers"; 8 of their answers were overwritten with no way back."""
    own = some_answers()
    page.goto(site_url + TOOL)
    answer_all(page, own)
    # The shared link: eight of the same statements answered differently, and others besides.
    shared = dict(own)
    for statement_id in list(own)[:8]:
        shared[statement_id] = "in-place" if own[statement_id] != "in-place" else "not-yet"
    for statement in STATEMENTS[20:25]:
        shared[statement.id] = "partly"
    # The colleague who shares: their own browser, their answers, "Copy a link to these answers".
    colleague = browser.new_context()
    theirs = colleague.new_page()
    theirs.goto(site_url + TOOL)
    answer_all(theirs, shared)
    theirs.get_by_role("button", name="Copy a link to these answers").click()
    expect(theirs.locator("#sa-share-url")).not_to_have_value("")
    link = theirs.locator("#sa-share-url").input_value()
    colleague.close()
    page.goto("about:blank")
    page.goto(link)
    expect(page.locator("#sa-shared")).to_be_visible()
    assert shown_answers(page) == shared
    assert stored(page, STORAGE_KEY)["answers"] == own  # not saved yet
    click(page, "Save these as my answers")
    expect(page.locator("#sa-review-status")).to_contain_text("Your previous answers are kept as the snapshot")
    assert stored(page, STORAGE_KEY)["answers"] == shared
    snapshots = stored(page, SNAPSHOTS_KEY)["snapshots"]
    assert [s["answers"] for s in snapshots] == [own]
    assert snapshots[0]["label"] == "Before using the answers from a shared link"
    # And the way back: the snapshot becomes the answers again (the shared ones kept in turn).
    page.reload()
    item = page.locator("#sa-snapshots li.mbct-snapshot", has_text="Before using the answers from a shared link")
    item.get_by_role("button", name="Use these answers as mine").click()
    click(page, "Yes, use these answers")
    assert shown_answers(page) == own
    assert stored(page, STORAGE_KEY)["answers"] == own
    assert [s["answers"] for s in stored(page, SNAPSHOTS_KEY)["snapshots"]] == [own, shared]
    assert page.watcher.errors == []


# --- answers files and the team view ----------------------------------------------------------------


@pytest.fixture(scope="module")
def answers_schema(built_site) -> dict:
    return json.loads((built_site / "data" / "schemas" / SCHEMA_NAME).read_text(encoding="utf-8"))


def test_download_answers_clear_everything_open_the_file_and_the_answers_are_back(site_url, page, answers_schema):
    page.goto(site_url + TOOL)
    mine = some_answers()
    answer_all(page, mine)
    page.locator("#sa-role").select_option("manager")
    page.locator("#sa-name").fill("AB")
    requests = track_requests(page)
    with page.expect_download() as download:
        click(page, "Download answers")
    assert download.value.suggested_filename.startswith("self-assessment-answers-ab-")
    content = Path(download.value.path()).read_text(encoding="utf-8")
    saved = json.loads(content)
    jsonschema.validate(saved, answers_schema, format_checker=jsonschema.FormatChecker())
    assert saved["answers"] == mine and saved["name"] == "AB" and saved["role"] == "manager"
    assert saved["format"] == FORMAT and saved["version"] == 1
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    assert shown_answers(page) == {}
    open_files(page, payload("answers-ab.json", content))
    team = page.locator("#sa-team")
    expect(team.locator("h3")).to_be_focused()
    expect(team).to_contain_text("Answers from 1 person: AB.")
    # Opening a file never replaces the person's own answers by itself.
    assert shown_answers(page) == {}
    team.get_by_role("button", name="Use these answers as mine").click()
    click(page, "Yes, use these answers")
    assert shown_answers(page) == mine
    expect(page.locator("#sa-role")).to_have_value("manager")
    assert stored(page, STORAGE_KEY)["answers"] == mine
    assert page.watcher.outside_requests == []
    assert only_second_parts(requests, site_url), requests


def test_using_a_file_keeps_the_current_answers_as_a_snapshot(site_url, page):
    page.goto(site_url + TOOL)
    mine = some_answers()
    answer_all(page, mine)
    theirs = {STATEMENTS[0].id: "not-yet"}
    open_files(page, payload("cd.json", answers_file(theirs, "CD")))
    page.locator("#sa-team li", has_text="CD").get_by_role("button", name="Use these answers as mine").click()
    click(page, "No, keep mine")
    assert shown_answers(page) == mine
    page.locator("#sa-team li", has_text="CD").get_by_role("button", name="Use these answers as mine").click()
    click(page, "Yes, use these answers")
    assert shown_answers(page) == theirs
    snapshots = stored(page, SNAPSHOTS_KEY)["snapshots"]
    assert [s["answers"] for s in snapshots] == [mine]
    assert snapshots[0]["label"].startswith("Before using CD's answers")


def two_colleagues() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Two people who answer every statement alike except two at the first stage, in different
    themes (and one more where one of them does not know, which is not a disagreement)."""
    first = {s.id: ["in-place", "partly", "not-yet"][i % 3] for i, s in enumerate(STATEMENTS)}
    second = dict(first)
    starting = [s for s in STATEMENTS if s.stage == GUIDE.stages[0].id]
    disagree = [starting[0].id, next(s.id for s in starting if s.theme != starting[0].theme)]
    for statement_id in disagree:
        second[statement_id] = "not-yet" if first[statement_id] != "not-yet" else "in-place"
    second[STATEMENTS[-1].id] = "dont-know"
    return first, second, [s.id for s in STATEMENTS if s.id in disagree]


def test_two_colleague_files_that_disagree_on_two_statements_mark_exactly_those_to_discuss(site_url, page):
    first, second, disagree = two_colleagues()
    page.goto(site_url + TOOL)
    requests = track_requests(page)
    open_files(page, payload("ab.json", answers_file(first, "AB")), payload("cd.json", answers_file(second, "CD")))
    team = page.locator("#sa-team")
    expect(team).to_contain_text("Answers from 2 people: AB, CD. 2 statements have different answers")
    marked = [item.get_attribute("data-statement") for item in team.locator("li.mbct-discuss").all()]
    assert marked == disagree
    for statement_id in disagree:
        item = team.locator(f"li[data-statement='{statement_id}']")
        expect(item.locator(".mbct-change--discuss")).to_have_text("To discuss")
        action = GUIDE.action(next(s for s in STATEMENTS if s.id == statement_id).actions[0])
        link = item.get_by_role("link", name=action.title)
        expect(link).to_have_attribute("href", re.compile(f"/actions/{action.id}/$"))
        expect(item.locator(".mbct-team-answers li")).to_have_count(2)
        expect(item).to_contain_text("Answers differ")
    # Everyone's answer for each statement, and the agreement.
    one = next(s.id for s in STATEMENTS if s.id not in disagree)
    expect(team.locator(f"li[data-statement='{one}']")).to_contain_text(f"AB: {BY_ID[first[one]].label}")
    expect(team.locator(f"li[data-statement='{one}']")).to_contain_text("Everyone agrees")
    not_known = team.locator(f"li[data-statement='{STATEMENTS[-1].id}']")
    expect(not_known).not_to_have_class("mbct-discuss")
    expect(not_known).to_contain_text(f"No one disagrees (1 {BY_ID[first[STATEMENTS[-1].id]].label}, 1 Don't know)")
    # The combined plan: disagreements and "Not yet" first, weakest themes first, as Python says.
    hrefs = team.locator("#sa-team-plan a").evaluate_all("links => links.map(a => a.href)")
    plan = [re.search(r"/actions/([^/]+)/$", href).group(1) for href in hrefs]
    assert plan == action_plan(GUIDE, team_answers(GUIDE, [first, second]))
    # Disagreements (and "Not yet") before "Partly", before those no one has answered.
    why = team.locator("#sa-team-plan .mbct-plan__why").all_inner_texts()
    rank = [
        0 if w.startswith(("People gave different", "The team answered Not yet")) else 1 if "Partly" in w else 2
        for w in why
    ]
    assert rank == sorted(rank) and rank[0] == 0
    assert why[0].startswith("People gave different answers to") and why[0].endswith(": discuss it.")
    assert page.watcher.outside_requests == []
    assert only_second_parts(requests, site_url), requests
    assert page.watcher.errors == []


def test_the_team_view_can_include_or_leave_out_the_person_s_own_answers(site_url, page):
    first, second, disagree = two_colleagues()
    page.goto(site_url + TOOL)
    answer(page, disagree[0], "dont-know")
    other = next(s.id for s in STATEMENTS if s.id not in disagree)
    answer(page, other, "not-yet" if first[other] != "not-yet" else "in-place")
    open_files(page, payload("ab.json", answers_file(first, "AB")), payload("cd.json", answers_file(second, "CD")))
    team = page.locator("#sa-team")
    expect(team).to_contain_text("Answers from 3 people: You, AB, CD.")
    expect(team.locator("li.mbct-discuss")).to_have_count(3)
    page.get_by_label("Include my own answers").uncheck()
    expect(team).to_contain_text("Answers from 2 people: AB, CD.")
    expect(team.locator("li.mbct-discuss")).to_have_count(2)


def test_files_opened_later_join_those_already_open(site_url, page):
    first, second, _ = two_colleagues()
    page.goto(site_url + TOOL)
    open_files(page, payload("ab.json", answers_file(first, "AB")))
    open_files(page, payload("ab.json", answers_file(second, "AB")))
    expect(page.locator("#sa-team")).to_contain_text("Answers from 2 people: AB, AB (2).")
    page.locator("#sa-team li", has_text="AB (2)").get_by_role("button", name="Remove").click()
    expect(page.locator("#sa-team")).to_contain_text("Answers from 1 person: AB.")


# --- bad files: one clear message each, nothing lost, no script run ------------------------------------

GOOD = {STATEMENTS[0].id: "in-place", STATEMENTS[1].id: "partly"}
BAD_FILES = {
    "not JSON": ("notes.json", "this is not { json", "it is not an answers file, because it is not JSON"),
    "empty": ("empty.json", "", "because it is not JSON"),
    "too large": ("huge.json", "x" * (MAX_BYTES + 1), "it is too large to be an answers file (1.0 MB"),
    "unknown version": (
        "future.json",
        answers_file(GOOD, version=2),
        "it uses version 2 of the answers file format, and this page reads version 1",
    ),
    "a list": ("list.json", "[1, 2, 3]", "it holds a list, not a set of answers"),
    "another format": (
        "other.json",
        {"format": "something-else", "version": 1, "answers": {}},
        "is missing or different",
    ),
    "answers not an object": (
        "shape.json",
        answers_file(["in-place"]),
        "its answers are missing or not in the expected form",
    ),
    "an answer that is not one": (
        "maybe.json",
        answers_file({STATEMENTS[0].id: "maybe"}),
        f"the answer to \u201c{STATEMENTS[0].id}\u201d is not one of Not yet, Partly, In place, Don't know",
    ),
    "an unknown field": (
        "extra.json",
        answers_file(GOOD, extra="x"),
        "it has a field answers files do not have: \u201cextra\u201d",
    ),
    "__proto__ key": (
        "proto.json",
        json.dumps(answers_file({})).replace('"answers": {}', '"answers": {"__proto__": {"polluted": "yes"}}'),
        "it contains the key \u201c__proto__\u201d, which answers files never have",
    ),
    "constructor key": (
        "constructor.json",
        answers_file({"constructor": "in-place"}),
        "it contains the key \u201cconstructor\u201d, which answers files never have",
    ),
    "HTML in a statement id": (
        "<img src=x onerror=window.__pwned=1>.json",
        answers_file({"<img src=x onerror=window.__pwned=1>": "in-place"}),
        "is not a statement id",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_each_bad_file_gives_one_clear_message_and_keeps_everything(site_url, page, case):
    file_name, content, expected = BAD_FILES[case]
    page.goto(site_url + TOOL)
    mine = {STATEMENTS[2].id: "partly"}
    answer_all(page, mine)
    open_files(page, payload("colleague.json", answers_file(GOOD, "AB")))
    before = page.locator("#sa-team").inner_text()
    open_files(page, payload(file_name, content))
    # The status still says the first file opened, so wait for this file's message (a race in CI).
    expect(page.locator("#sa-review-problem li")).to_have_count(1)
    message = problems(page)[0]
    assert message.startswith(f"\u201c{file_name}\u201d"), message
    assert expected in message, message
    expect(page.locator("#sa-review-problem")).to_contain_text("Nothing has been changed")
    # Everything already loaded is still there, and the person's own answers are untouched.
    assert page.locator("#sa-team").inner_text() == before
    assert shown_answers(page) == mine and stored(page, STORAGE_KEY)["answers"] == mine
    assert page.evaluate("({}).polluted") is None
    assert page.locator("#sa-review-area img").count() == 0
    no_script_ran(page)


def test_html_and_script_in_names_are_shown_as_text(site_url, page):
    hostile = '<img src=x onerror="window.__pwned=1"><script>1</script>'
    page.goto(site_url + TOOL)
    open_files(
        page,
        payload("ok.json", answers_file(GOOD, hostile)),
        payload('<b onmouseover="window.__pwned=3">file</b>.json', answers_file(GOOD)),
    )
    team = page.locator("#sa-team")
    expect(team).to_contain_text(hostile)
    expect(team).to_contain_text('<b onmouseover="window.__pwned=3">file</b>')
    assert team.locator("img, script, b").count() == 0
    team.locator("li", has_text="file</b>").first.hover()
    with page.expect_download() as download:
        click(page, "Download team view as Markdown")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)<", markdown) is None, "every < is escaped"
    assert '\\<img src=x onerror="window.\\_\\_pwned=1"\\>' in markdown
    no_script_ran(page)


def test_statements_the_site_no_longer_has_are_kept_aside_and_reported(site_url, page):
    page.goto(site_url + TOOL)
    kept = {**GOOD, "fit-starting-out-a-question-since-removed": "partly"}
    open_files(page, payload("older.json", answers_file(kept, "EF")))
    assert problems(page) == [
        "\u201colder.json\u201d: 1 answer is for a statement this self-assessment no longer has. It is kept aside, "
        "under \u201cAnswers kept aside\u201d, not dropped."
    ]
    team = page.locator("#sa-team")
    expect(team).to_contain_text("Answers from 1 person: EF.")
    expect(team.locator("h4", has_text="Answers kept aside")).to_be_visible()
    expect(team).to_contain_text("EF: \u201cfit-starting-out-a-question-since-removed\u201d, Partly")
    expect(team.locator(f"li[data-statement='{STATEMENTS[0].id}']")).to_contain_text("EF: In place")


def test_the_browser_s_own_saved_answers_open_as_a_file_too(site_url, page):
    """A copy of the saved answers (version 1, as localStorage holds them) opens like an answers file."""
    page.goto(site_url + TOOL)
    legacy = {"version": 1, "answers": GOOD, "role": "teacher", "saved": "2026-10-01T09:00:00.000Z"}
    open_files(page, payload("saved.json", legacy))
    assert problems(page) == []
    expect(page.locator("#sa-team")).to_contain_text("Answers from 1 person: saved.")
    expect(page.locator("#sa-team")).to_contain_text(
        f"saved 1 October 2026, 2 answers, for {GUIDE.role('teacher').title}"
    )


FULL_STORAGE = """(() => {
    const setItem = Storage.prototype.setItem;
    if (!sessionStorage.getItem('seeded')) {
        %s
        setItem.call(sessionStorage, 'seeded', '1');
    }
    Storage.prototype.setItem = function (key, value) {
        if (this === window.localStorage) {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return setItem.call(this, key, value);
    };
})();"""


def test_full_storage_keeps_a_snapshot_for_the_visit_and_says_so(site_url, page):
    mine = some_answers()
    saved = json.dumps({"version": 1, "answers": mine, "role": "", "saved": "2026-11-01T00:00:00Z"})
    page.add_init_script(FULL_STORAGE % f"setItem.call(localStorage, {json.dumps(STORAGE_KEY)}, {json.dumps(saved)});")
    page.goto(site_url + TOOL)
    assert shown_answers(page) == mine
    save_snapshot(page, "Q1")
    expect(page.locator("#sa-review-problem")).to_have_text(
        "Your browser's storage is full or not available, so snapshot \u201cQ1\u201d is kept only until you close "
        "this page. Use Download answers to keep a copy."
    )
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(1)
    assert stored(page, SNAPSHOTS_KEY) is None
    assert page.watcher.errors == []


def test_full_storage_never_replaces_answers_it_cannot_keep_first(site_url, page):
    mine = some_answers()
    saved = json.dumps({"version": 1, "answers": mine, "role": "", "saved": "2026-11-01T00:00:00Z"})
    page.add_init_script(FULL_STORAGE % f"setItem.call(localStorage, {json.dumps(STORAGE_KEY)}, {json.dumps(saved)});")
    page.goto(site_url + TOOL)
    open_files(page, payload("cd.json", answers_file({STATEMENTS[0].id: "not-yet"}, "CD")))
    page.locator("#sa-team li", has_text="CD").get_by_role("button", name="Use these answers as mine").click()
    click(page, "Yes, use these answers")
    expect(page.locator("#sa-review-problem")).to_contain_text(
        "could not keep your current answers as a snapshot. Nothing has been replaced."
    )
    assert shown_answers(page) == mine
    assert stored(page, STORAGE_KEY)["answers"] == mine
    assert page.watcher.errors == []


def test_unavailable_storage_still_lets_the_tool_work_for_the_visit(site_url, page):
    """Storage this page may not use (as when a browser blocks it): every read and write fails."""
    page.add_init_script(
        """for (const name of ['getItem', 'setItem', 'removeItem']) {
            const original = Storage.prototype[name];
            Storage.prototype[name] = function (key, ...rest) {
                if (String(key).startsWith('mbct-self-assessment')) throw new DOMException('denied', 'SecurityError');
                return original.call(this, key, ...rest);
            };
        }"""
    )
    page.goto(site_url + TOOL)
    expect(page.locator("#sa-message")).to_contain_text("Your browser is not letting this page save answers")
    answer_all(page, some_answers())
    save_snapshot(page, "Q1")
    expect(page.locator("#sa-review-problem")).to_contain_text("storage is full or not available")
    answer(page, STATEMENTS[0].id, "not-yet")
    click(page, "Compare")
    expect(page.locator("#sa-comparison-summary")).to_contain_text("1 moved back")
    assert page.watcher.errors == []


# --- downloads: Markdown and CSV, safe to open -------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x")', "+SUM(1)", "-2+3", "@cmd", "\tTAB", "\rCR"]


def csv_rows(download) -> list[list[str]]:
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def no_formula(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_comparison_downloads_as_markdown_and_csv_with_no_formula(site_url, page):
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, FORMULAS[0])
    answer(page, STATEMENTS[0].id, "not-yet")
    click(page, "Compare")
    with page.expect_download() as download:
        click(page, "Download comparison as CSV")
    rows = csv_rows(download)
    assert rows[0] == ["date", "theme", "stage", "statement", "'" + FORMULAS[0], "Now", "change"]
    assert no_formula(rows) == []
    moved = [r[3:] for r in rows[1:] if r[6] != "Stayed the same"]
    assert moved == [[STATEMENTS[0].text, "In place", "Not yet", "Moved back"]]
    with page.expect_download() as download:
        click(page, "Download comparison as Markdown")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "1 moved back" in markdown
    assert f"- **Moved back**: {STATEMENTS[0].text}" in markdown


def test_team_view_downloads_as_markdown_and_csv_with_no_formula(site_url, page):
    first, second, disagree = two_colleagues()
    page.goto(site_url + TOOL)
    files = [payload(f"{i}.json", answers_file(first if i % 2 else second, name)) for i, name in enumerate(FORMULAS)]
    open_files(page, *files)
    with page.expect_download() as download:
        click(page, "Download team view as CSV")
    rows = csv_rows(download)
    assert no_formula(rows) == []
    assert rows[0][:4] == ["date", "theme", "stage", "statement"] and rows[0][-2:] == ["agreement", "To discuss"]
    assert rows[0][4] == "'" + FORMULAS[0].strip()
    assert [r[3] for r in rows[1:] if r[-1] == "yes"] == [s.text for s in STATEMENTS if s.id in disagree]
    with page.expect_download() as download:
        click(page, "Download team view as Markdown")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "# Self-assessment: team view" in markdown
    assert markdown.count("**To discuss**") == 2


def test_the_results_csv_is_safe_and_dated(site_url, page):
    """The existing export: a statement or title starting with a formula character is neutralised."""
    page.route(re.compile(r".*/tools/self-assessment/$"), _with_hostile_text)
    page.goto(site_url + TOOL)
    answer(page, STATEMENTS[0].id, "partly")
    with page.expect_download() as download:
        click(page, "Download as CSV")
    rows = csv_rows(download)
    assert rows[0][0] == "date"
    assert no_formula(rows) == []
    assert '\'=HYPERLINK("http://evil.example")' in [row[4] for row in rows]


HOSTILE_ACTION = "](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* _it_ `code` | pipe \u202eevil"
HOSTILE_STATEMENT = "# Heading [link](javascript:alert(2))"


def _with_hostile_text(route):
    """The page as served, with an action's title and a statement's text changed to hostile text
    (the way a hostile contribution would reach the page; the build escapes both)."""
    response = route.fetch()
    html = response.text()
    title = json_text(GUIDE.action(STATEMENTS[0].actions[0]).title)
    assert html.count(f'"title":{title}') == 1
    html = html.replace(f'"title":{title}', f'"title":{json_text(HOSTILE_ACTION)}')
    for statement, hostile in [
        (STATEMENTS[0], HOSTILE_STATEMENT),
        (STATEMENTS[1], '=HYPERLINK("http://evil.example")'),
    ]:
        legend = f"<legend>{escape(statement.text)} "
        assert html.count(legend) == 1
        html = html.replace(legend, f"<legend>{escape(hostile)} ")
    route.fulfill(response=response, body=html)


def json_text(text: str) -> str:
    """``text`` as the build writes it into the page's data (render/common.py json_script)."""
    script = json_script("x", text)
    return script[script.index(">") + 1 : script.rindex("<")]


def test_markdown_download_shows_hostile_titles_as_literal_text(site_url, page):
    page.route(re.compile(r".*/tools/self-assessment/$"), _with_hostile_text)
    page.goto(site_url + TOOL)
    answer(page, STATEMENTS[0].id, "partly")
    expect(page.locator("#sa-plan")).to_contain_text("](javascript:alert(1))")
    with page.expect_download() as download:
        click(page, "Download as Markdown")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "\u202e" not in text
    line = next(line for line in text.splitlines() if "javascript:alert\\(1" in line)
    assert line.startswith(
        "1. [\\]\\(javascript:alert\\(1\\)\\) \\<img src=x onerror=alert\\(1\\)\\> "
        "\\*bold\\* \\_it\\_ \\`code\\` \\| pipe evil]("
    )
    statement_line = next(line for line in text.splitlines() if line.startswith("- ") and "alert\\(2" in line)
    assert statement_line.startswith("- \\# Heading \\[link\\]\\(javascript:alert\\(2\\)\\) (")
    # Rendered, it is text: no script link, no image, no heading or emphasis from the data.
    html = python_markdown.markdown(text, extensions=["tables"])
    assert [href for href in re.findall(r'href="([^"]*)"', html) if "javascript" in href] == []
    assert "<img" not in html and "<em>" not in html and "<strong>bold" not in html and "<code>" not in html
    # Without the escapes, the text is exactly what the page shows (nothing else was changed).
    unescaped = re.sub(r"\\(.)", r"\1", line)
    assert HOSTILE_ACTION.replace("\u202e", "") in unescaped


# --- print, keyboard, small screens -------------------------------------------------------------------


def test_comparison_and_team_view_print_cleanly(site_url, page):
    first, second, _ = two_colleagues()
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, "Q1")
    answer(page, STATEMENTS[0].id, "not-yet")
    click(page, "Compare")
    open_files(page, payload("ab.json", answers_file(first, "AB")), payload("cd.json", answers_file(second, "CD")))
    page.emulate_media(media="print")
    # The whole page: results, then the comparison and team view, then the questions; no controls.
    results, review, questions = (
        page.locator(s).bounding_box()["y"] for s in ("#sa-results", "#sa-review", "#sa-form")
    )
    assert results < review < questions
    for hidden in ["#sa-snapshot", "#sa-compare-from", "#sa-team .md-button", ".mbct-sa-review .mbct-no-print"]:
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    expect(page.locator("#sa-comparison-summary")).to_be_visible()
    expect(page.locator("#sa-team li.mbct-discuss").first).to_be_visible()
    bar = page.locator("#sa-comparison .mbct-chart__bar").first
    adjust = "b => getComputedStyle(b).getPropertyValue('-webkit-print-color-adjust')"
    assert bar.evaluate(adjust) == "exact"
    # "Print comparison": that part alone.
    page.emulate_media(media="screen")
    click(page, "Print comparison")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("#sa-comparison-summary")).to_be_visible()
    for hidden in ["#sa-form", "#sa-results", "#sa-team", "#sa-snapshots"]:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_the_whole_flow_by_keyboard(site_url, page):
    page.goto(site_url + TOOL)
    first = STATEMENTS[0].id
    page.locator(f"input[name='sa-{first}'][value='not-yet']").focus()
    page.keyboard.press("Space")
    page.locator("#sa-snapshot-name").focus()
    page.keyboard.type("Q1")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save snapshot")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#sa-snapshots li.mbct-snapshot")).to_have_count(1)
    page.locator(f"input[name='sa-{first}'][value='not-yet']").focus()
    page.keyboard.press("ArrowRight")  # Partly: moved forward
    page.get_by_role("button", name="Compare", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sa-comparison h3")).to_be_focused()
    expect(page.locator("#sa-comparison-summary")).to_contain_text("1 statement moved forward")
    # Rename by keyboard: the field takes focus, Enter saves, focus comes back to Rename.
    page.locator("#sa-snapshots").get_by_role("button", name="Rename").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("Q1 review")
    page.keyboard.press("Enter")
    expect(page.locator("#sa-snapshots")).to_contain_text("Q1 review")
    expect(page.locator("#sa-snapshots").get_by_role("button", name="Rename")).to_be_focused()
    # Delete asks first, with focus on the answer.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes, delete it")).to_be_focused()
    assert page.watcher.errors == []


def test_screen_readers_hear_what_happened(site_url, page):
    page.goto(site_url + TOOL)
    assert page.locator("#sa-review-status").get_attribute("role") == "status"
    assert page.locator("#sa-review-problem").get_attribute("role") == "alert"
    answer_all(page, some_answers())
    save_snapshot(page, "Q1")
    buttons = page.locator("#sa-snapshots li.mbct-snapshot button")
    for index in range(buttons.count()):
        described = buttons.nth(index).get_attribute("aria-describedby")
        assert page.locator(f"#{described}").inner_text() == "Q1"
    for name in ["Save snapshot", "Compare", "Download answers", "Open answers files", "Use these answers as mine"]:
        expect(page.get_by_role("button", name=name, exact=True).first).to_be_visible()


def test_comparison_and_team_view_fit_a_375px_screen(browser, site_url):
    first, second, _ = two_colleagues()
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(site_url + TOOL)
    answer_all(page, some_answers())
    save_snapshot(page, "Q1 2027 quarterly team review")
    answer(page, STATEMENTS[0].id, "not-yet")
    click(page, "Compare")
    open_files(page, payload("ab.json", answers_file(first, "AB")), payload("cd.json", answers_file(second, "CD")))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for row in page.locator("#sa-comparison .mbct-chart__row").all()[:4]:
        track = row.locator(".mbct-chart__track").bounding_box()
        value = row.locator(".mbct-chart__value").bounding_box()
        assert track["width"] >= 100 and value["x"] + value["width"] <= 375
    context.close()


def test_without_javascript_the_page_explains_and_shows_the_statements(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + TOOL)
    assert "This tool needs JavaScript" in page.locator(".md-content").inner_text()
    assert page.locator("fieldset.mbct-statement").count() == len(STATEMENTS)
    expect(page.locator("#sa-review")).to_be_hidden()
    context.close()

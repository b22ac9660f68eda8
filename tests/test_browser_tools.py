"""The calculator and the self-assessment, in Chromium, checked against the Python rules."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from calculator_reference import check_value
from conftest import DATA_DIR
from playwright.sync_api import expect

from mbct_guide import load_guide
from mbct_guide.assessment import action_plan
from mbct_guide.calculator import OUTPUTS, compute, format_output
from mbct_guide.render.tools import unit_display

pytestmark = pytest.mark.browser
GUIDE = load_guide(DATA_DIR)
SPECS = {spec.id: spec for spec in GUIDE.calculator}
DEFAULTS = {key: spec.default for key, spec in SPECS.items()}
STORAGE_KEY = "mbct-self-assessment-v1"
FORBIDDEN = ("NaN", "Infinity", "undefined")


# --- calculator --------------------------------------------------------------------------------


def output(page, key: str) -> str:
    return page.locator(f'[data-output="{key}"]').inner_text()


def test_calculator_example_from_the_issue(site_url, page):
    page.goto(site_url + "/tools/calculator/?courses=10&group_size=12&completion_rate=75")
    expect(page.locator("#calc-without-js")).to_be_hidden()
    assert output(page, "participants_starting") == "120"
    assert output(page, "participants_completing") == "90"
    assert page.watcher.errors == []


def test_calculator_matches_python_on_many_scenarios(site_url, page):
    page.goto(site_url + "/tools/calculator/")
    randomiser = random.Random(20261126)
    scenarios = [DEFAULTS, {**DEFAULTS, "courses": 0}, {**DEFAULTS, "completion_rate": 0}]
    for _ in range(25):
        scenarios.append(
            {
                key: (
                    randomiser.randint(int(s.minimum), int(min(s.maximum, 60)))
                    if s.whole_number
                    else round(randomiser.uniform(s.minimum, min(s.maximum, 500)), 2)
                )
                for key, s in SPECS.items()
            }
        )
    for values in scenarios:
        shown = page.evaluate(
            """values => { const r = window.mbctCalculator.compute(values);
                 return Object.fromEntries(Object.entries(r)); }""",
            values,
        )
        expected = compute(values)
        for key, _label, kind in OUTPUTS:
            js = page.evaluate(
                "([k, v, name]) => window.mbctCalculator.formatOutput(k, v, name)", [kind, shown[key], key]
            )
            assert js == format_output(kind, getattr(expected, key), key), (key, values)


@pytest.mark.parametrize("raw", ["", "abc", "-2", "2.5", "1e400", "0x10", "99999", " 12 ", "£40", "1,000", "NaN"])
def test_calculator_checks_match_python(site_url, page, raw):
    page.goto(site_url + "/tools/calculator/")
    for key in ("courses", "completion_rate", "hourly_cost", "session_hours"):
        spec = SPECS[key]
        js_value, js_message = page.evaluate(
            """([key, raw]) => { const input = document.querySelector(`input[name="${key}"]`);
                 return window.mbctCalculator.checkValue({id: key, minimum: Number(input.dataset.min),
                   maximum: Number(input.dataset.max), whole: input.dataset.whole === "true"}, raw); }""",
            [key, raw],
        )
        py_value, py_message = check_value(spec, raw)
        assert (js_value, js_message) == (py_value, py_message), key


def test_nonsense_inputs_give_messages_never_nan(site_url, page):
    query = urlencode(
        {
            "courses": "abc",
            "group_size": "-5",
            "completion_rate": "150",
            "hourly_cost": "1e999",
            "sessions": "",
            "teachers": "<script>alert(1)</script>",
            "prep_hours": "Infinity",
        }
    )
    page.goto(site_url + "/tools/calculator/?" + query)
    for key, fragment in [
        ("courses", "digits only"),
        ("group_size", "cannot be negative"),
        ("completion_rate", "100 or less"),
        ("hourly_cost", "digits only"),
        ("sessions", "Enter a number"),
        ("teachers", "digits only"),
        ("prep_hours", "digits only"),
    ]:
        error = page.locator(f"#calc-{key.replace('_', '-')}-error")
        assert error.is_visible() and fragment in error.inner_text(), key
        assert page.locator(f'input[name="{key}"]').get_attribute("aria-invalid") == "true"
    text = page.locator("article").inner_text()
    assert not any(word in text for word in FORBIDDEN)
    assert page.locator("#calc-error-summary").is_visible()
    assert page.watcher.errors == []


def test_typing_updates_results_and_the_url(site_url, page):
    page.goto(site_url + "/tools/calculator/")
    field = page.locator('input[name="courses"]')
    field.fill("6")
    expect(page).to_have_url(re.compile(r"[?&]courses=6"))
    assert output(page, "participants_starting") == format_output("people", 6 * DEFAULTS["group_size"])
    field.fill("")
    assert output(page, "participants_starting") == "-"
    assert page.locator("#calc-courses-error").inner_text() == "Enter a number"


def test_completion_rate_of_zero_says_no_one_completes(site_url, page):
    page.goto(site_url + "/tools/calculator/?completion_rate=0")
    expect(page.locator('[data-output="participants_completing"]')).to_have_text("0")
    assert output(page, "participants_starting") == format_output("people", compute(DEFAULTS).participants_starting)
    assert output(page, "cost_per_completer") == "Not applicable (no one completes a course)"
    assert output(page, "cost_per_starter").startswith("£")
    page.goto(site_url + "/tools/calculator/?courses=0")
    expect(page.locator('[data-output="cost_per_starter"]')).to_have_text("Not applicable (no one starts a course)")


def test_calculator_is_usable_by_keyboard_alone(site_url, page):
    page.goto(site_url + "/tools/calculator/")
    page.locator('input[name="courses"]').focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    for _ in range(5):  # past the source link in the next field's hint
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "group_size":
            break
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    assert output(page, "participants_starting") == "30"


def test_calculator_without_javascript_shows_the_worked_example(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/tools/calculator/")
    assert page.locator("#calculator-form").is_hidden()
    expect(page.locator("#calc-without-js")).to_be_visible()
    expect(page.locator("#calc-without-js")).to_contain_text("needs JavaScript")
    example = page.locator("#worked-example-section")
    results = compute(DEFAULTS)
    assert format_output("money", results.total_cost) in example.inner_text()
    assert format_output("people", results.participants_starting) in example.inner_text()
    # The new cost lines show with their defaults and where each comes from.
    for label in ("Teacher training a year", "Retreat days for each teacher a year", "One-to-one assessment"):
        assert label in example.inner_text(), label
    assert "BAMBA, supervision" in example.inner_text()
    context.close()


def test_each_field_has_its_label_once_and_one_hint(site_url, page):
    page.goto(site_url + "/tools/calculator/")
    for spec in GUIDE.calculator:
        field = page.locator(f'.mbct-field[data-field="{spec.id}"]')
        label = field.locator("label")
        shown = label.evaluate("l => l.firstChild.textContent")
        assert shown == spec.label, spec.id
        prefix, suffix, spoken = unit_display(spec)
        # What a screen reader hears names the unit, when the label does not already.
        name = f"{spec.label}, {spoken}" if spoken else spec.label
        expect(page.get_by_label(name, exact=True)).to_have_attribute("name", spec.id)
        if spec.unit and spec.unit.lower() in spec.label.lower().replace("-", " "):
            assert not prefix and not suffix and not spoken, spec.id
        addon = field.locator(".mbct-input__prefix, .mbct-input__suffix")
        expect(addon).to_have_count(1 if prefix or suffix else 0)
        # One hint: the help text once, the source linked, no restated default or basis.
        hint = field.locator(".mbct-hint").inner_text()
        assert hint.count(spec.help) == 1, spec.id
        assert "Default" not in hint and (spec.basis == spec.help or spec.basis not in hint), spec.id
        if spec.source:
            expect(field.locator(".mbct-hint a")).to_have_text(GUIDE.source(spec.source).short)
    assert page.locator(".mbct-field label", has_text="(").count() == 0
    assert page.get_by_label("Courses a year", exact=True).get_attribute("name") == "courses"
    assert page.get_by_label("Length of each session, in hours", exact=True).get_attribute("name") == "session_hours"
    expect(page.locator('.mbct-field[data-field="hourly_cost"] .mbct-input__prefix')).to_have_text("£")
    expect(page.locator('.mbct-field[data-field="completion_rate"] .mbct-input__suffix')).to_have_text("%")


def test_copy_link_to_this_scenario(clipboard_context, site_url):
    context = clipboard_context
    page = context.new_page()
    page.goto(site_url + "/tools/calculator/?group_size=10")
    page.locator('input[name="courses"]').fill("6")
    page.bring_to_front()  # the clipboard API needs a focused page, even when other tests run alongside
    page.get_by_role("button", name="Copy link to this scenario").click()
    expect(page.locator("[role=status].mbct-visually-hidden:not(#calc-status)")).to_have_text("Link copied")
    expect(page.locator("#calc-copy")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    values = {key: format(value, "g") for key, value in DEFAULTS.items()} | {"courses": "6", "group_size": "10"}
    assert copied == f"{site_url}/tools/calculator/?{urlencode(values)}"
    other = context.new_page()
    other.goto(copied)
    assert output(other, "participants_starting") == "60"
    assert output(other, "total_cost") == format_output(
        "money", compute({**DEFAULTS, "courses": 6, "group_size": 10}).total_cost
    )


def test_copy_link_to_this_scenario_without_a_clipboard_shows_the_link(site_url, page):
    page.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined}); document.execCommand = () => false;"
    )
    page.goto(site_url + "/tools/calculator/?courses=7")
    page.get_by_role("button", name="Copy link to this scenario").click()
    field = page.get_by_label("Copy this link yourself")
    expect(field).to_be_focused()
    assert "courses=7" in field.input_value() and field.input_value().startswith(site_url + "/tools/calculator/?")
    assert page.watcher.errors == []


WIDTHS = [375, 1280]


def at_width(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 812 if width < 600 else 800})


def in_view(page, selector: str) -> bool:
    """The whole element is inside the viewport."""
    return page.locator(selector).evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 1; }"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_people_to_reach_works_out_the_courses(site_url, page, width):
    """Issue 21: "what will it cost to reach 120 people?" 120 people in groups of 12 is 10 courses."""
    at_width(page, width)
    page.goto(site_url + "/tools/calculator/")
    page.get_by_label("People to reach each year", exact=False).fill("120")
    page.locator('input[name="group_size"]').fill("12")
    expect(page.locator('[data-output="courses_run"]')).to_have_text("10")
    expected = compute({**DEFAULTS, "people_to_reach": 120, "group_size": 12})
    assert output(page, "participants_starting") == "120"
    assert output(page, "courses_for_completers") == format_output("count", expected.courses_for_completers)
    assert output(page, "total_cost") == format_output("money", expected.total_cost)
    summary = page.locator("#calc-summary-text")
    expect(summary).to_contain_text("10 courses a year (120 people ÷ 12 a course, rounded up)")
    assert format_output("money", expected.total_cost) in summary.inner_text()
    # "Courses a year" says it is not being used, and why.
    expect(page.locator("#calc-courses-note")).to_be_visible()
    expect(page.locator("#calc-courses-note")).to_contain_text("Not used while people to reach is above 0")
    page.get_by_label("People to reach each year", exact=False).fill("121")
    expect(page.locator('[data-output="courses_run"]')).to_have_text("11")
    page.get_by_label("People to reach each year", exact=False).fill("0")
    expect(page.locator('[data-output="courses_run"]')).to_have_text(format_output("count", DEFAULTS["courses"]))
    expect(page.locator("#calc-courses-note")).to_be_hidden()
    assert page.watcher.errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_summary_stays_in_view_while_figures_are_edited(site_url, page, width):
    at_width(page, width)
    page.goto(site_url + "/tools/calculator/")
    for name in ("people_to_reach", "team_teachers", "training_cost", "one_to_one_sessions"):
        field = page.locator(f'input[name="{name}"]')
        field.scroll_into_view_if_needed()
        field.fill("3" if name != "training_cost" else "2000")
        assert in_view(page, "#calc-summary"), name
        # The field being edited is not hidden behind the summary.
        box, bar = field.bounding_box(), page.locator("#calc-summary").bounding_box()
        assert box["y"] + box["height"] <= bar["y"] + 1, name
    values = {**DEFAULTS, "people_to_reach": 3, "team_teachers": 3, "training_cost": 2000, "one_to_one_sessions": 3}
    expect(page.locator("#calc-summary-text")).to_contain_text(format_output("money", compute(values).total_cost))


def test_the_summary_is_read_out_politely_once_typing_pauses(site_url, page):
    page.goto(site_url + "/tools/calculator/")
    status = page.locator("#calc-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.wait_for_timeout(700)
    assert status.inner_text() == ""  # nothing read out on arrival: nothing has changed yet
    page.evaluate(
        """() => { window.statusChanges = 0;
             new MutationObserver(() => { window.statusChanges += 1; })
               .observe(document.getElementById("calc-status"),
                        {childList: true, characterData: true, subtree: true}); }"""
    )
    field = page.locator('input[name="people_to_reach"]')
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("120", delay=60)
    expect(status).to_contain_text("10 courses a year")
    page.wait_for_timeout(700)
    assert page.evaluate("window.statusChanges") == 1  # once, not once a key
    assert status.inner_text() == page.locator("#calc-summary-text").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_calculator_prints_on_one_a4_page_with_the_figures_and_results(site_url, page, width):
    at_width(page, width)
    page.goto(site_url + "/tools/calculator/?people_to_reach=120&group_size=12&training_cost=2500")
    expect(page.locator('[data-output="courses_run"]')).to_have_text("10")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.emulate_media(media="print")
    figures = page.locator("#calc-print-inputs")
    expect(figures).to_be_visible()
    expect(page.locator("#calculator-form")).to_be_hidden()
    expect(page.locator("#worked-example-section")).to_be_hidden()
    assert figures.locator("tbody tr").count() == len(SPECS)
    expect(figures.locator("tr", has_text="Teacher training a year")).to_contain_text("£2500")
    expect(figures.locator("tr", has_text="People who complete the course")).to_contain_text("80%")
    expect(page.locator("#calc-print-summary")).to_contain_text("10 courses a year")
    expect(page.locator('[data-output="total_cost"]')).to_be_visible()


# A link copied from the calculator before December 2026, when it had 13 figures.
OLD_LINK = (
    "courses=6&group_size=10&sessions=8&session_hours=2&orientation_sessions=1&follow_up_sessions=4"
    "&teachers=2&hourly_cost=45&prep_hours=1&supervision_hours=8&other_costs=200&completion_rate=75"
    "&one_to_one_sessions=8"
)


def test_an_old_scenario_link_still_opens_with_its_figures(site_url, page):
    page.goto(site_url + "/tools/calculator/?" + OLD_LINK)
    old = {key: float(value) for key, value in (pair.split("=") for pair in OLD_LINK.split("&"))}
    for key, value in old.items():
        assert page.locator(f'input[name="{key}"]').input_value() == format(value, "g"), key
    # Figures the old link did not have take their defaults; people to reach is 0, so its courses stand.
    assert page.locator('input[name="people_to_reach"]').input_value() == "0"
    expected = compute({**DEFAULTS, **old})
    assert output(page, "courses_run") == "6"
    assert output(page, "participants_starting") == "60"
    assert output(page, "total_cost") == format_output("money", expected.total_cost)
    assert page.locator("#calc-error-summary").is_hidden()
    assert page.watcher.errors == []


@pytest.mark.parametrize(
    "query",
    [
        "people_to_reach=1e999&courses=99999999999999999999&group_size=0",
        "people_to_reach=-120&training_cost=-1&retreat_days=&supervisor_hourly_cost=%00",
        "people_to_reach=" + "9" * 5000 + "&assessment_minutes=NaN&working_day_hours=Infinity",
        "people_to_reach=&courses=&group_size=&unknown=1&__proto__=1&constructor=2",
        "people_to_reach=10000&group_size=1&courses=500&hourly_cost=1000&training_cost=1000000",
        "people_to_reach=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&retreat_cost=%E2%80%AE5",
    ],
)
def test_garbage_in_the_address_never_breaks_the_page(site_url, page, query):
    page.goto(site_url + "/tools/calculator/?" + query)
    text = page.locator("article").inner_text()
    assert not any(word in text for word in FORBIDDEN)
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("#calc-summary-text").inner_text().strip()
    for cell in page.locator("[data-output]").all_inner_texts():
        assert cell == "-" or re.fullmatch(r"£?[\d,]+(\.\d)?|Not applicable \(.+\)", cell), cell
    # The page still works: fixing the figures gives results.
    page.get_by_role("button", name="Reset to the default figures").click()
    total = format_output("money", compute(DEFAULTS).total_cost)
    expect(page.locator('[data-output="total_cost"]')).to_have_text(total)
    assert page.watcher.errors == []


# --- self-assessment ------------------------------------------------------------------------------


def answer(page, statement_id: str, value: str) -> None:
    page.locator(f"input[name='sa-{statement_id}'][value='{value}']").check()


def copy_share_link(page) -> str:
    """Presses "Copy a link to these answers" and returns the link it shows (the code that
    makes it may still be arriving: it is fetched when the pointer reaches the button)."""
    page.get_by_role("button", name="Copy a link to these answers").click()
    field = page.locator("#sa-share-url")
    expect(field).not_to_have_value("")
    return field.input_value()


def plan_ids(page) -> list[str]:
    """The action ids in the plan, from their links (/actions/<id>/)."""
    hrefs = page.eval_on_selector_all("#sa-plan a", "links => links.map(a => a.href)")
    return [re.search(r"/actions/([^/]+)/$", href).group(1) for href in hrefs]


def test_answers_survive_a_reload_and_clearing_removes_them(site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    first, second = GUIDE.assessment[0].id, GUIDE.assessment[5].id
    answer(page, first, "in-place")
    answer(page, second, "partly")
    page.reload()
    assert page.locator(f"input[name='sa-{first}'][value='in-place']").is_checked()
    assert page.locator(f"input[name='sa-{second}'][value='partly']").is_checked()
    theme = GUIDE.assessment[0].theme
    assert page.locator(f'[data-status-for="{theme}"]').inner_text() == "In progress"
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    assert not page.locator(f"input[name='sa-{first}'][value='in-place']").is_checked()
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    page.reload()
    assert not page.locator(f"input[name='sa-{first}'][value='in-place']").is_checked()
    assert page.watcher.errors == []


def test_cancelling_clear_keeps_answers(site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    statement = GUIDE.assessment[1].id
    answer(page, statement, "not-yet")
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="No, keep them").click()
    page.reload()
    assert page.locator(f"input[name='sa-{statement}'][value='not-yet']").is_checked()


def known_answers() -> dict[str, str]:
    """Every starting-out statement in place, except one theme that is only partly there."""
    answers = {}
    for statement in GUIDE.assessment:
        if statement.stage == "starting-out":
            answers[statement.id] = "partly" if statement.theme == "evaluate-and-learn" else "in-place"
    return answers


def test_a_known_set_of_answers_gives_the_expected_plan(site_url, page):
    answers = known_answers()
    page.goto(site_url + "/tools/self-assessment/")
    for statement_id, value in answers.items():
        answer(page, statement_id, value)
    shown = plan_ids(page)
    assert shown == action_plan(GUIDE, answers)
    # The weakest theme (evaluate and learn, not yet at starting out) comes first,
    # with its starting-out actions.
    first = GUIDE.action(shown[0])
    assert (first.theme, first.stage) == ("evaluate-and-learn", "starting-out")
    profile = page.locator("#sa-profile tr", has_text="Evaluate and learn").inner_text()
    assert "Not yet at starting out" in profile
    assert "Starting out" in page.locator("#sa-profile tr", has_text="Make it fit").inner_text()
    # Narrowed to one role.
    page.locator("#sa-role").select_option("commissioner")
    assert plan_ids(page) == action_plan(GUIDE, answers, role="commissioner")


def test_random_answers_give_the_same_plan_as_python(site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    randomiser = random.Random(7)
    for _ in range(5):
        answers = {
            s.id: randomiser.choice(["not-yet", "partly", "in-place", "dont-know"])
            for s in GUIDE.assessment
            if randomiser.random() < 0.8
        }
        shown = page.evaluate(
            "answers => window.mbctSelfAssessment.actionPlan(answers, '').map(i => i.action.id)", answers
        )
        assert shown == action_plan(GUIDE, answers)


def test_share_link_opens_the_same_results_in_a_fresh_browser(browser, site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    answers = known_answers()
    for statement_id, value in answers.items():
        answer(page, statement_id, value)
    link = copy_share_link(page)
    assert "#answers=v1." in link
    original_plan = plan_ids(page)

    fresh = browser.new_context()
    other = fresh.new_page()
    # This person already has answers of their own; the link must not overwrite them.
    other.goto(site_url + "/tools/self-assessment/")
    other.locator(f"input[name='sa-{GUIDE.assessment[-1].id}'][value='not-yet']").check()
    saved_before = other.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    other.goto(link)
    other.reload()  # a hash-only navigation does not reload the page
    assert other.locator("#sa-shared").is_visible()
    assert plan_ids(other) == original_plan
    for statement_id, value in answers.items():
        assert other.locator(f"input[name='sa-{statement_id}'][value='{value}']").is_checked()
    assert other.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == saved_before
    other.get_by_role("button", name="Save these as my answers").click()
    stored = json.loads(other.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert stored["answers"] == answers
    fresh.close()


@pytest.mark.parametrize(
    "fragment", ["#answers=v1.zz.ipn", "#answers=garbage", "#answers=v1." + "x" * 5000, "#answers=<script>"]
)
def test_a_tampered_fragment_gives_a_message_and_no_error(site_url, page, fragment):
    page.goto(site_url + "/tools/self-assessment/" + fragment)
    assert page.locator("#sa-message").is_visible()
    assert "Nothing has been changed" in page.locator("#sa-message").inner_text()
    assert page.locator("#sa-shared").is_hidden()
    assert page.watcher.errors == []


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        '{"version":1,"answers":"x"}',
        '{"version":1,"answers":["in-place"]}',
        '{"version":99}',
        "null",
        "42",
    ],
)
def test_corrupted_storage_gives_a_message_and_no_error(site_url, page, stored):
    page.goto(site_url + "/tools/self-assessment/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, stored])
    page.reload()
    assert page.locator("#sa-message").is_visible()
    assert "could not read" in page.locator("#sa-message").inner_text()
    assert page.watcher.errors == []
    answer(page, GUIDE.assessment[0].id, "in-place")  # and the tool still works
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))["version"] == 1


def seed_storage(page, value: str) -> None:
    """Put ``value`` in the page's saved answers before its scripts run, once per test (the
    page's CSP forbids evaluating strings, so this is an init script, not a page function)."""
    page.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(value)});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


def stored_answers(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))["answers"]


@pytest.mark.parametrize(
    "extra, reason",
    [
        ({"a-statement-removed-in-an-update": "in-place"}, "no longer has"),
        ({"__proto__": "in-place"}, "no longer has"),
        ({"constructor": "partly"}, "no longer has"),
        ({GUIDE.assessment[2].id: "maybe"}, "could not be read"),
        ({GUIDE.assessment[2].id: {"nested": "in-place"}}, "could not be read"),
    ],
)
def test_saved_answers_with_one_unknown_keep_all_the_others(site_url, page, extra, reason):
    kept = {GUIDE.assessment[0].id: "in-place", GUIDE.assessment[5].id: "partly", GUIDE.assessment[9].id: "not-yet"}
    seed_storage(page, json.dumps({"version": 1, "answers": {**kept, **extra}, "role": "teacher"}))
    page.goto(site_url + "/tools/self-assessment/")
    for statement_id, value in kept.items():
        expect(page.locator(f"input[name='sa-{statement_id}'][value='{value}']")).to_be_checked()
    expect(page.locator("#sa-role")).to_have_value("teacher")
    message = page.locator("#sa-message")
    expect(message).to_be_visible()
    expect(message).to_contain_text("We kept 3 of your saved answers.")
    expect(message).to_contain_text(f"1 answer {'was for a statement' if reason == 'no longer has' else 'could'}")
    expect(message).to_contain_text(reason)
    expect(message).to_contain_text("so it has been dropped")
    # What was kept is saved again, so the message is shown once, not on every visit.
    assert stored_answers(page) == kept
    page.reload()
    expect(page.locator(f"input[name='sa-{GUIDE.assessment[0].id}'][value='in-place']")).to_be_checked()
    expect(message).to_be_hidden()
    assert page.watcher.errors == []


def test_saved_answers_count_several_dropped(site_url, page):
    kept = {GUIDE.assessment[0].id: "in-place"}
    removed = {"gone-one": "in-place", "gone-two": "partly"}
    seed_storage(page, json.dumps({"version": 1, "answers": {**kept, **removed, GUIDE.assessment[1].id: "??"}}))
    page.goto(site_url + "/tools/self-assessment/")
    expect(page.locator(f"input[name='sa-{GUIDE.assessment[0].id}'][value='in-place']")).to_be_checked()
    expect(page.locator("#sa-message")).to_have_text(
        "We kept 1 of your saved answers. 2 answers were for statements that this self-assessment no longer has "
        "(it has been updated since you answered), and 1 answer could not be read, so they have been dropped."
    )


@pytest.mark.parametrize("stored", ["{not json", '{"version":1,"answers":{"gone":"in-place"}}'])
def test_the_saved_answers_message_clears_with_the_answers(site_url, page, stored):
    seed_storage(page, stored)
    page.goto(site_url + "/tools/self-assessment/")
    expect(page.locator("#sa-message")).to_be_visible()
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_role("button", name="Yes, clear my answers").click()
    expect(page.locator("#sa-message")).to_be_hidden()
    expect(page.locator("#sa-saved-status")).to_have_text("Your answers have been cleared from this browser.")
    assert page.watcher.errors == []


def test_downloads_contain_what_the_page_shows(site_url, page):
    answers = known_answers()
    page.goto(site_url + "/tools/self-assessment/")
    for statement_id, value in answers.items():
        answer(page, statement_id, value)
    titles = page.eval_on_selector_all("#sa-plan a", "links => links.map(a => a.textContent)")
    with page.expect_download() as markdown_download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
    for title in titles:
        assert title in markdown
    for row in page.eval_on_selector_all("#sa-profile tr", "rows => rows.map(r => r.innerText)"):
        theme, stage, in_place = row.split("\t")
        assert f"| {theme} | {stage} | {in_place} |" in markdown
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["date", "section", "theme", "stage", "item", "answer or link"]
    assert {r[0] for r in rows[1:]} == {dt.date.today().isoformat()}
    rows = [r[1:] for r in rows]
    assert [r[3] for r in rows if r[0] == "action plan"] == titles
    answered = {r[3]: r[4] for r in rows if r[0] == "answer"}
    for statement in GUIDE.assessment:
        expected = {"in-place": "In place", "partly": "Partly"}.get(answers.get(statement.id), "Not answered")
        assert answered[statement.text] == expected


def test_self_assessment_by_keyboard_alone(site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    first = GUIDE.assessment[0].id
    page.locator(f"input[name='sa-{first}'][value='not-yet']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # moves to, and selects, "Partly"
    assert page.locator(f"input[name='sa-{first}'][value='partly']").is_checked()
    page.reload()
    assert page.locator(f"input[name='sa-{first}'][value='partly']").is_checked()


def test_self_assessment_without_javascript_is_a_printable_checklist(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/tools/self-assessment/")
    assert page.locator("fieldset.mbct-statement").count() == len(GUIDE.assessment)
    assert page.locator("#sa-results").is_hidden()
    assert page.locator("input[type=radio]").count() == 4 * len(GUIDE.assessment)
    context.close()


def test_a_theme_with_every_statement_answered_says_all_answered(site_url, page):
    theme = GUIDE.themes[1].id
    own = [s for s in GUIDE.assessment if s.theme == theme]
    page.goto(site_url + "/tools/self-assessment/")
    tag = page.locator(f'[data-status-for="{theme}"]')
    expect(tag).to_have_text("Not started")
    for statement in own[:-1]:
        answer(page, statement.id, "dont-know")
    expect(tag).to_have_text("In progress")
    answer(page, own[-1].id, "not-yet")
    # Every statement has an answer, though none is in place: answered, not "completed".
    expect(tag).to_have_text("All answered")
    expect(tag).to_have_class(re.compile(r"\bmbct-tag--all-answered\b"))
    assert "Completed" not in page.locator(".mbct-task-list").inner_text()


def test_why_lines_are_sentences(site_url, page):
    first = GUIDE.assessment[0]
    page.goto(site_url + "/tools/self-assessment/")
    answer(page, first.id, "dont-know")
    statement = first.text.rstrip(".")
    item = page.locator("#sa-plan li", has=page.locator(f'a[href$="/actions/{first.actions[0]}/"]'))
    expect(item.locator(".mbct-plan__why")).to_have_text(f"You answered Don't know to \u201c{statement}\u201d.")
    answer(page, first.id, "partly")
    expect(item.locator(".mbct-plan__why")).to_have_text(f"You answered Partly to \u201c{statement}\u201d.")
    unanswered = GUIDE.assessment[1]
    other = page.locator("#sa-plan li", has=page.locator(f'a[href$="/actions/{unanswered.actions[0]}/"]')).first
    expect(other.locator(".mbct-plan__why")).to_have_text(
        f"You have not answered \u201c{unanswered.text.rstrip('.')}\u201d yet."
    )
    assert " is don't know" not in page.locator("#sa-plan").inner_text().lower()
    with page.expect_download() as markdown_download:
        page.get_by_role("button", name="Download as Markdown").click()
    markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
    assert f"You answered Partly to \u201c{statement}\u201d." in markdown


def test_the_share_link_keeps_the_chosen_role(browser, site_url, page):
    answers = known_answers()
    page.goto(site_url + "/tools/self-assessment/")
    for statement_id, value in answers.items():
        answer(page, statement_id, value)
    page.locator("#sa-role").select_option("commissioner")
    link = copy_share_link(page)
    assert link.endswith("&role=commissioner")
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(link)
    expect(other.locator("#sa-shared")).to_be_visible()
    expect(other.locator("#sa-role")).to_have_value("commissioner")
    assert plan_ids(other) == action_plan(GUIDE, answers, role="commissioner") == plan_ids(page)
    # Going back to one's own answers brings back one's own role (none here).
    other.get_by_role("button", name="Go back to my own answers").click()
    expect(other.locator("#sa-role")).to_have_value("")
    # A role that is not one of ours is ignored, and the answers still open.
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    for junk in ["__proto__", "%E0%A4%A", "teacher%22%3E%3Cscript%3E"]:
        other.goto("about:blank")
        other.goto(link.replace("role=commissioner", f"role={junk}"))
        expect(other.locator("#sa-shared")).to_be_visible()
        expect(other.locator("#sa-role")).to_have_value("")
    assert errors == []
    fresh.close()


def test_print_puts_results_and_plan_before_the_questions(site_url, page):
    page.goto(site_url + "/tools/self-assessment/")
    for statement_id, value in known_answers().items():
        answer(page, statement_id, value)
    page.emulate_media(media="print")  # the layout Chromium prints (and saves as PDF) from
    results = page.locator("#sa-results").bounding_box()
    plan = page.locator("#sa-plan").bounding_box()
    questions = page.locator("#sa-form").bounding_box()
    assert results["y"] < plan["y"] < questions["y"]
    for hidden in ["#sa-export-title", ".mbct-export", ".mbct-task-list", "#sa-tools"]:
        expect(page.locator(hidden)).to_be_hidden()
    # On screen, the questions come first.
    page.emulate_media(media="screen")
    assert page.locator("#sa-form").bounding_box()["y"] < page.locator("#sa-results").bounding_box()["y"]


def test_results_chart_is_readable_at_375px(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(site_url + "/tools/self-assessment/")
    for statement in GUIDE.assessment:
        if statement.stage == "starting-out" and statement.theme == GUIDE.themes[0].id:
            answer(page, statement.id, "in-place")
    rows = page.locator("#sa-chart .mbct-chart__row")
    expect(rows).to_have_count(len(GUIDE.themes))
    for index in range(len(GUIDE.themes)):
        row = rows.nth(index)
        label, track, value = (
            row.locator(f".mbct-chart__{part}").bounding_box() for part in ("label", "track", "value")
        )
        assert track["width"] >= 100, "the bar has room to show"
        assert label["x"] + label["width"] <= 375 and value["x"] + value["width"] <= 375
        assert label["y"] + label["height"] <= track["y"] + 1, "the theme's name sits above its bar"
    first_bar = rows.first.locator(".mbct-chart__bar").bounding_box()
    assert first_bar["width"] > 20
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


@pytest.mark.parametrize("role", ["constructor", "__proto__", "toString", "hasOwnProperty", "no-such-role"])
def test_a_saved_role_that_is_not_a_role_leaves_the_role_menu_on_all_roles(site_url, page, role):
    """Issue 18: the role "constructor" (a name every object has) once emptied the role menu."""
    kept = {GUIDE.assessment[0].id: "partly"}
    seed_storage(page, json.dumps({"version": 1, "answers": kept, "role": role}))
    page.goto(site_url + "/tools/self-assessment/")
    expect(page.locator(f"input[name='sa-{GUIDE.assessment[0].id}'][value='partly']")).to_be_checked()
    menu = page.locator("#sa-role")
    assert menu.evaluate("select => select.selectedIndex") == 0
    expect(menu.locator("option:checked")).to_have_text("All roles")
    assert plan_ids(page) == action_plan(GUIDE, kept)
    assert page.watcher.errors == []


def _fingerprint(ids: list[str]) -> str:
    """The share link's fingerprint of the statement list (32-bit FNV-1a, in base 36), written
    out here so that links made by earlier versions of the script are known to still open."""
    value = 2166136261
    for character in "|".join(ids):
        value = ((value ^ ord(character)) * 16777619) % 2**32
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        value, rest = divmod(value, 36)
        text = digits[rest] + text
        if not value:
            return text


def test_a_share_link_in_the_version_1_format_still_opens(site_url, page):
    answers = {
        GUIDE.assessment[0].id: "in-place",
        GUIDE.assessment[1].id: "partly",
        GUIDE.assessment[2].id: "dont-know",
    }
    letters = {"not-yet": "n", "partly": "p", "in-place": "i", "dont-know": "d"}
    codes = "".join(letters.get(answers.get(s.id, ""), "-") for s in GUIDE.assessment)
    fragment = f"#answers=v1.{_fingerprint([s.id for s in GUIDE.assessment])}.{codes}&role=teacher"
    page.goto(site_url + "/tools/self-assessment/" + fragment)
    expect(page.locator("#sa-shared")).to_be_visible()
    for statement_id, value in answers.items():
        expect(page.locator(f"input[name='sa-{statement_id}'][value='{value}']")).to_be_checked()
    expect(page.locator("#sa-role")).to_have_value("teacher")
    assert page.watcher.errors == []

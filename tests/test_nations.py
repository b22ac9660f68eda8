"""UK-wide content: the guidance speaks to all four nations, not only England.

Role pages, actions and templates must not name a body that exists only in England (an
integrated care board, a clinical commissioning group, NHS England commissioning) unless the
same paragraph or field also names the other nations' bodies, or says "in England". The
stories say which nation's structures they use, and the built story pages show it beside the
"made up" label.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import DATA_DIR, DOCS_DIR

from mbct_guide import load_guide
from mbct_guide import models as m
from mbct_guide.render.stories import NATION_NAMES

GUIDE = load_guide(DATA_DIR, DOCS_DIR)

# Bodies that exist only in England. "ICB" is matched in capitals only (it is an abbreviation).
ENGLAND_ONLY = re.compile(
    r"\bICBs?\b|(?i:\bintegrated care boards?\b|\bCCGs?\b|\bclinical commissioning groups?\b"
    r"|\bNHS England commission\w*)"
)
IN_ENGLAND = re.compile(r"(?i)\bin England\b")
HEALTH_BOARD = re.compile(r"(?i)\bhealth boards?\b|\bNHS boards?\b")
NORTHERN_IRELAND_BODY = re.compile(r"(?i)\bHSC trusts?\b|\bhealth and social care trusts?\b|\bDepartment of Health\b")

ROLE_PAGES = ("commissioner", "manager", "implementer", "teacher")


def england_only_problem(text: str) -> str | None:
    """Why ``text`` (one paragraph or field) speaks only to England, or None if it does not."""
    named = ENGLAND_ONLY.search(text)
    if not named:
        return None
    if IN_ENGLAND.search(text):
        return None
    if HEALTH_BOARD.search(text) and NORTHERN_IRELAND_BODY.search(text):
        return None
    return (
        f"names '{named.group(0)}', which exists only in England, without saying 'in England' or "
        "naming the other nations' bodies (a health board in Scotland or Wales, an HSC trust or "
        "the Department of Health in Northern Ireland)"
    )


def paragraphs(markdown: str) -> list[str]:
    """Paragraphs of Markdown, with each list item on its own (a list item is read alone)."""
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        items = re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)", block)
        found += [item.strip() for item in items if item.strip()]
    return found


def strings(value, path=()):
    """Every string in a parsed YAML record, with the path of keys and indexes to it."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def data_texts(folder: str):
    for file in sorted((DATA_DIR / folder).glob("*.yml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        for path, text in strings(record):
            for part in paragraphs(text):
                yield f"{folder}/{file.name} {'.'.join(map(str, path))}", part


def page_texts():
    for role in ROLE_PAGES:
        source = (DOCS_DIR / "roles" / f"{role}.md").read_text(encoding="utf-8")
        body = source.split("---", 2)[2] if source.startswith("---") else source
        for part in paragraphs(body):
            yield f"docs/roles/{role}.md", part


ALL_TEXTS = [*page_texts(), *data_texts("actions"), *data_texts("templates")]


# --- the rule itself, on made-up text ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ask the ICB to fund a pilot.",
        "Talk to your integrated care board.",
        "The CCG used to commission this.",
        "Clinical commissioning groups wrote the specifications.",
        "Ask whoever plans and funds services, such as the ICB or a health board.",
    ],
)
def test_an_england_only_body_on_its_own_is_a_problem(text):
    assert england_only_problem(text)


@pytest.mark.parametrize(
    "text",
    [
        "In England, ask the ICB to fund a pilot.",
        "Ask the integrated care board (in England) to fund a pilot.",
        "Ask whoever plans and funds services: an ICB in England, a health board in Scotland or Wales.",
        "Ask an ICB, a health board in Scotland or Wales, or an HSC trust in Northern Ireland.",
        "Ask an ICB, a health board, or the Department of Health in Northern Ireland.",
        "Ask whoever plans and funds services where you work.",
        "The ICBM is not a health body.",
    ],
)
def test_england_only_bodies_are_fine_when_the_other_nations_or_in_england_are_named(text):
    assert england_only_problem(text) is None


def test_paragraphs_split_blank_lines_and_list_items():
    text = "First paragraph\nstill first.\n\n- item one\n- item two\n\n1. numbered"
    assert paragraphs(text) == ["First paragraph\nstill first.", "- item one", "- item two", "1. numbered"]


# --- the real content -------------------------------------------------------------------


def test_the_check_reads_every_role_page_action_and_template():
    names = {name.split(" ")[0] for name, _ in ALL_TEXTS}
    assert {f"docs/roles/{r}.md" for r in ROLE_PAGES} <= names
    assert {f"actions/{a.id}.yml" for a in GUIDE.actions} <= names
    assert {f"templates/{t.id}.yml" for t in GUIDE.templates} <= names


def test_role_pages_actions_and_templates_speak_to_every_nation():
    problems = [f"{name}: {why}\n    {text[:160]}" for name, text in ALL_TEXTS if (why := england_only_problem(text))]
    assert not problems, "\n".join(problems)


def test_the_commissioner_page_names_each_nations_planning_body():
    text = (DOCS_DIR / "roles" / "commissioner.md").read_text(encoding="utf-8")
    for body in ("integrated care board (ICB)", "health board", "HSC trust", "Department of Health"):
        assert body in text, body


def test_glossary_has_the_bodies_and_guidance_of_every_nation():
    terms = {t.id: t for t in GUIDE.glossary}
    assert {"icb", "health-board", "hsc-trust", "the-matrix", "matrics-cymru", "nhs-trust"} <= set(terms)
    # An NHS trust is not described as England-only any more: Wales and Northern Ireland are named too.
    nhs_trust = terms["nhs-trust"].definition
    assert "Wales" in nhs_trust and "Northern Ireland" in nhs_trust


# --- stories ----------------------------------------------------------------------------


def test_there_is_a_story_set_in_every_nation():
    assert {s.nation for s in GUIDE.stories} == set(m.NATION_IDS)


def test_every_story_page_shows_the_made_up_label_and_its_nation(built_site):
    for story in GUIDE.stories:
        html = (built_site / "stories" / story.id / "index.html").read_text(encoding="utf-8")
        label_at = html.find("An illustrative story")
        assert label_at != -1, f"{story.id}: no 'An illustrative story' label"
        assert "It is not a real service" in html, f"{story.id}: the label does not say it is made up"
        nation = f"Set in {NATION_NAMES[story.nation]}."
        nation_at = html.find(nation)
        # Beside the label: in the same box, before the story itself starts.
        assert label_at < nation_at < html.find("Setting:"), f"{story.id}: '{nation}' is not beside the label"

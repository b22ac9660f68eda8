"""The content holds to the guidance rules: coverage, sourcing, labelling and plain English."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import DATA_DIR, DOCS_DIR, ROOT, html_pages

from mbct_guide import load_guide
from mbct_guide import models as m

sys.path.insert(0, str(ROOT / "scripts"))
from readability import PLAIN_ENGLISH_MAX_GRADE, PLAIN_ENGLISH_PAGES, content_text, reading_grade  # noqa: E402

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
NOT_IMPERATIVE = {"a", "an", "the", "how", "why", "what", "when", "our", "your", "this", "we", "you"}


def test_the_guidance_covers_every_stage_theme_and_role():
    """Properties of the data, not today's counts: every cell of the journey map (stage by
    theme) has an action, every role leads one, and both kinds of pivot point are described."""
    cells = {(action.stage, action.theme) for action in GUIDE.actions}
    empty = [(s.id, t.id) for s in GUIDE.stages for t in GUIDE.themes if (s.id, t.id) not in cells]
    assert empty == [], f"stage and theme with no action: {empty}"
    assert {role.id for role in GUIDE.roles} == {action.lead_role for action in GUIDE.actions}
    assert {p.kind for p in GUIDE.pivot_points} >= {"challenge", "opportunity"}


@pytest.mark.parametrize("stage", m.STAGE_IDS)
@pytest.mark.parametrize("theme", m.THEME_IDS)
def test_every_stage_theme_cell_has_at_least_two_actions(stage, theme):
    assert len(GUIDE.actions_where(stage=stage, theme=theme)) >= 2


@pytest.mark.parametrize("stage", m.STAGE_IDS)
@pytest.mark.parametrize("role", m.ROLE_IDS)
def test_every_role_has_actions_at_every_stage(stage, role):
    assert GUIDE.actions_where(stage=stage, role=role)


def test_the_three_starting_out_key_activities_are_covered():
    covered = {a.key_activity for a in GUIDE.actions if a.stage == "starting-out" and a.key_activity}
    assert covered == set(m.KEY_ACTIVITY_IDS)
    assert all(a.stage == "starting-out" for a in GUIDE.actions if a.key_activity)


@pytest.mark.parametrize("action", GUIDE.actions, ids=lambda a: a.id)
def test_action_shape(action):
    first_word = action.title.split()[0]
    assert first_word[0].isupper() and first_word.lower() not in NOT_IMPERATIVE, "title should start with a verb"
    assert not first_word.lower().endswith("ing"), "title should be an instruction, not a gerund"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", action.summary.strip()) if s]
    assert 1 <= len(sentences) <= 2, "summary should be one or two sentences"
    assert len(action.detail.split()) >= 60, "detail should say what to do, who does it and how you will know"


def test_every_story_follows_a_service_through_stages_and_pivot_points():
    for story in GUIDE.stories:
        assert len({c.stage for c in story.chapters}) >= 2, story.id
        assert any(c.pivot_points for c in story.chapters), story.id
        assert any(c.actions for c in story.chapters), story.id


def test_every_story_page_is_labelled_illustrative(built_site):
    for story in GUIDE.stories:
        text = (built_site / "stories" / story.id / "index.html").read_text(encoding="utf-8")
        assert "An illustrative story" in text and "It is not a real service" in text, story.id


def test_stories_index_says_the_stories_are_illustrative(built_site):
    text = (built_site / "stories" / "index.html").read_text(encoding="utf-8")
    assert "illustrative" in text and "not real services" in text


def _site_text_without(built_site: Path, skip: str) -> str:
    texts = []
    for path in html_pages(built_site):
        if skip in path.parts or "print" in path.parts:
            continue
        texts.append(content_text(path.read_text(encoding="utf-8")).lower())
    return "\n".join(texts)


def test_no_orphan_glossary_terms(built_site):
    """Every term is used somewhere on the site outside the glossary itself."""
    text = _site_text_without(built_site, "glossary")
    unused = []
    for term in GUIDE.glossary:
        names = [term.term.lower(), *([term.abbreviation.lower()] if term.abbreviation else [])]
        names += [re.sub(r"\s*\(.*?\)", "", name) for name in names]
        if not any(re.search(rf"\b{re.escape(name)}", text) for name in names if name):
            unused.append(term.term)
    assert not unused, f"glossary terms not used on any page: {unused}"


@pytest.mark.parametrize("page_path", PLAIN_ENGLISH_PAGES)
def test_plain_english_pages_are_readable_by_anyone(built_site, page_path):
    text = content_text((built_site / page_path / "index.html").read_text(encoding="utf-8"))
    assert len(text.split()) > 300, "the page should have real content to measure"
    grade = reading_grade(text)
    assert grade <= PLAIN_ENGLISH_MAX_GRADE, f"{page_path}: Flesch-Kincaid grade {grade:.1f}"


REQUIRED_PAGES = [
    "about-mbct",
    "evidence",
    "journey/across-the-uk",
    "about",
    "framework",
    "pivot-points",
    "journey",
    "explorer",
    "tools/self-assessment",
    "tools/calculator",
    "tools/templates",
    "accessibility",
    "privacy",
    "changelog",
    "data",
    *[f"journey/{s}" for s in m.STAGE_IDS],
    *[f"roles/{r}" for r in m.ROLE_IDS],
    *[f"themes/{t}" for t in m.THEME_IDS],
]


def test_all_required_pages_exist(built_site):
    missing = [p for p in REQUIRED_PAGES if not (built_site / p / "index.html").is_file()]
    missing += [
        f"stories/{s.id}" for s in GUIDE.stories if not (built_site / "stories" / s.id / "index.html").is_file()
    ]
    missing += [
        f"tools/templates/{t.id}"
        for t in GUIDE.templates
        if not (built_site / "tools" / "templates" / t.id / "index.html").is_file()
    ]
    assert not missing


def test_every_hand_written_page_that_shows_a_record_exists_for_every_record():
    """A page per stage, role and theme, and no page for a record that is gone."""
    docs = ROOT / "docs"
    expected = {
        "journey": {s.id for s in GUIDE.stages},
        "roles": {r.id for r in GUIDE.roles},
        "themes": {t.id for t in GUIDE.themes},
    }
    # Pages in these folders that show no record: the journey's page on the four UK nations.
    not_records = {"journey": {"across-the-uk"}}
    for folder, ids in expected.items():
        pages = {p.stem for p in (docs / folder).glob("*.md") if p.stem != "index"}
        assert pages - not_records.get(folder, set()) == ids, folder


def test_story_template_and_print_pages_are_generated_with_no_stub_in_docs(built_site):
    """Adding a story or a template is adding one YAML file: its page comes from the data."""
    docs = ROOT / "docs"
    assert not [p for p in (docs / "stories").glob("*.md") if p.stem != "index"]
    assert not [p for p in (docs / "tools" / "templates").glob("*.md") if p.stem != "index"]
    assert not list(docs.glob("print/**/*.md"))
    for folder, ids in {
        "stories": {s.id for s in GUIDE.stories},
        "tools/templates": {t.id for t in GUIDE.templates},
        "print/roles": {r.id for r in GUIDE.roles},
        "print/stages": {s.id for s in GUIDE.stages},
    }.items():
        built = {p.parent.name for p in (built_site / folder).glob("*/index.html")}
        assert built == ids, folder

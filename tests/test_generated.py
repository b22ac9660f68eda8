"""Tests for mbct_guide/generated.py: the pages made from the data, on a fake guide."""

from __future__ import annotations

import html

import pytest
import yaml
from fakes import HOSTILE, action, guide, story, template, topic

from mbct_guide import generated
from mbct_guide import models as m
from mbct_guide.routes import source_file


def front_matter(page: generated.GeneratedPage) -> dict:
    """The page's YAML front matter, read as MkDocs reads it."""
    assert page.content.startswith("---\n")
    head, _, _ = page.content[4:].partition("\n---\n")
    return yaml.safe_load(head)


def body(page: generated.GeneratedPage) -> str:
    return page.content.split("\n---\n", 1)[1]


def fake_guide():
    return guide(
        action("fake-action-a", topics=["funding", "equity"]),
        action("fake-action-b", stage=m.STAGE_IDS[1]),
        stories=[story("fake-story")],
        templates=[template("fake-template", title="Business case")],
        topics=[topic(t) for t in m.TOPIC_IDS],
    )


def by_path(pages) -> dict[str, generated.GeneratedPage]:
    return {page.path: page for page in pages}


# --- action pages -------------------------------------------------------------------------------


def test_each_action_has_a_page_at_its_route_that_calls_action_page_with_its_id():
    g = fake_guide()
    pages = by_path(generated.action_pages(g))
    assert set(pages) == {source_file("action", a.id) for a in g.actions}
    for a in g.actions:
        page = pages[source_file("action", a.id)]
        assert f'{{{{ action_page(id="{a.id}") }}}}' in body(page)
        assert "hub_contents" not in page.content
        assert page.in_search


def test_an_action_page_s_front_matter_has_its_title_summary_data_file_and_topics():
    g = fake_guide()
    a = g.action("fake-action-a")
    meta = front_matter(by_path(generated.action_pages(g))[source_file("action", a.id)])
    assert meta["title"] == a.title
    assert meta["description"] == a.summary
    assert meta["edit_path"] == f"guidance_data/actions/{a.id}.yml"
    assert meta["tags"] == [g.topic(t).title for t in a.topics]
    assert "search" not in meta


def test_an_action_without_topics_has_no_tags():
    g = fake_guide()
    meta = front_matter(by_path(generated.action_pages(g))[source_file("action", "fake-action-b")])
    assert "tags" not in meta


@pytest.mark.parametrize("title", [HOSTILE, 'Say "no": it\'s fine', "Colon: then --- dashes", "{% raw %} & <b>"])
def test_front_matter_keeps_any_title_as_text_that_no_template_or_html_reads(title):
    g = guide(action("fake-action-a", title=title, summary=title))
    page = next(generated.action_pages(g))
    meta = front_matter(page)
    for shown in (meta["title"], meta["description"]):
        assert html.unescape(shown) == title
        assert "{" not in shown and "<" not in shown and '"' not in shown


def test_front_matter_leaves_colons_and_apostrophes_as_typed():
    g = guide(action("fake-action-a", title="Agree: who's who"))
    assert front_matter(next(generated.action_pages(g)))["title"] == "Agree: who's who"


def test_the_page_heading_is_the_title_escaped_as_plain_text():
    g = guide(action("fake-action-a", title="Do *this* {{ x }}"))
    assert "# Do &#42;this&#42; &#123;&#123; x &#125;&#125;" in body(next(generated.action_pages(g)))


# --- stories and templates ----------------------------------------------------------------------


def test_a_story_page_has_the_section_contents_and_calls_story_with_its_id():
    g = fake_guide()
    (page,) = generated.story_pages(g)
    assert page.path == source_file("story", "fake-story")
    text = body(page)
    assert text.index("{{ hub_contents() }}") < text.index('{{ story(id="fake-story") }}')
    meta = front_matter(page)
    assert meta["edit_path"] == "guidance_data/stories/fake-story.yml"
    assert meta["description"] == f"An illustrative story: {g.story('fake-story').summary}"


def test_a_template_page_is_titled_template_with_a_lower_case_first_letter():
    g = fake_guide()
    (page,) = generated.template_pages(g)
    assert page.path == source_file("template", "fake-template")
    assert front_matter(page)["title"] == "Template: business case"
    assert '{{ template_page(id="fake-template") }}' in page.content


# --- handouts and print packs -------------------------------------------------------------------


def test_each_role_has_a_handout_kept_out_of_search():
    g = fake_guide()
    pages = by_path(generated.handout_pages(g))
    assert set(pages) == {source_file("handout", r.id) for r in g.roles}
    for role in g.roles:
        page = pages[source_file("handout", role.id)]
        assert not page.in_search
        assert front_matter(page)["search"] == {"exclude": True}
        assert f'{{{{ handout(role="{role.id}") }}}}' in page.content


def test_only_public_roles_handouts_and_packs_carry_the_help_box_and_clinical_status():
    g = fake_guide()
    public = [r for r in m.ROLE_IDS if source_file("role", r) in m.PUBLIC_PAGES]
    assert public and len(public) < len(m.ROLE_IDS), "the fakes need public and other roles"
    assert set(public) == set(generated.PUBLIC_ROLES)
    handouts = by_path(generated.handout_pages(g))
    packs = by_path(generated.print_pack_pages(g))
    for role in m.ROLE_IDS:
        for page in (handouts[source_file("handout", role)], packs[source_file("role-pack", role)]):
            notices = generated.URGENT_HELP in page.content, f'page_path="{source_file("role", role)}"' in page.content
            assert notices == ((True, True) if role in public else (False, False)), page.path


def test_print_packs_exist_for_every_role_and_stage_and_link_back():
    g = fake_guide()
    pages = by_path(generated.print_pack_pages(g))
    expected = {source_file("role-pack", r.id) for r in g.roles} | {source_file("stage-pack", s.id) for s in g.stages}
    assert set(pages) == expected
    for s in g.stages:
        page = pages[source_file("stage-pack", s.id)]
        assert front_matter(page)["title"] == f"Print pack: {s.title.lower()}"
        assert f'{{{{ stage_pack(stage="{s.id}") }}}}' in page.content
        assert f"link_to(kind='stage', id='{s.id}'" in page.content
        assert not page.in_search and generated.URGENT_HELP not in page.content
    for r in g.roles:
        assert f'{{{{ role_pack(role="{r.id}") }}}}' in pages[source_file("role-pack", r.id)].content


# --- every page, and where each belongs ---------------------------------------------------------


def test_pages_are_every_generated_page_once():
    g = fake_guide()
    paths = [page.path for page in generated.pages(g)]
    assert len(paths) == len(set(paths))
    assert len(paths) == len(g.actions) + len(g.stories) + len(g.templates) + 2 * len(g.roles) + len(g.stages)


def test_only_generated_pages_in_search_are_actions_stories_and_templates():
    g = fake_guide()
    searched = {page.path for page in generated.pages(g) if page.in_search}
    assert searched == {
        page.path for page in [*generated.action_pages(g), *generated.story_pages(g), *generated.template_pages(g)]
    }


def test_an_action_is_reviewed_with_and_belongs_to_its_stage_page():
    g = fake_guide()
    for a in g.actions:
        assert generated.reviewed_with(g)[source_file("action", a.id)] == source_file("stage", a.stage)
        assert generated.belongs_to(g)[source_file("action", a.id)] == source_file("stage", a.stage)


def test_handouts_and_packs_belong_to_their_role_or_stage_page():
    g = fake_guide()
    belongs = generated.belongs_to(g)
    for r in g.roles:
        assert belongs[source_file("handout", r.id)] == source_file("role", r.id)
        assert belongs[source_file("role-pack", r.id)] == source_file("role", r.id)
        assert generated.reviewed_with(g)[source_file("handout", r.id)] == source_file("role", r.id)
        assert source_file("role-pack", r.id) not in generated.reviewed_with(g)
    for s in g.stages:
        assert belongs[source_file("stage-pack", s.id)] == source_file("stage", s.id)
    assert source_file("story", "fake-story") not in belongs

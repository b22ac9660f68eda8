"""Tests for mbct_guide/page_macros.py: macros called on a fake page, without MkDocs."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import inspect
import re
from dataclasses import replace

import fakes
import pytest
from fakes import guide, macro_page

from mbct_guide import models as m
from mbct_guide import page_macros, render
from mbct_guide.page_macros import MACROS, MacroUsageError
from mbct_guide.render.common import hold_again, holding_html, put_back_html, ready_html
from mbct_guide.routes import source_file

FIELDS = re.compile(r"^(Used on|Example): (.+)$", re.M)


def test_a_usage_error_names_its_macro_when_it_has_one():
    assert str(MacroUsageError("'x' is not known", "fake_macro")) == "fake_macro(): 'x' is not known"
    assert str(MacroUsageError("'x' is not known")) == "'x' is not known"
    error = MacroUsageError("the problem", "fake_macro")
    assert (error.problem, error.macro) == ("the problem", "fake_macro")


@pytest.mark.parametrize("function", MACROS, ids=lambda f: f.__name__)
def test_each_macro_s_example_calls_that_macro(function):
    fields = dict(FIELDS.findall(inspect.getdoc(function)))
    assert fields.get("Used on"), function.__name__
    assert fields.get("Example", "").startswith(f"{{{{ {function.__name__}("), fields


def test_cite_needs_at_least_one_source():
    with pytest.raises(MacroUsageError, match="give at least one source id"):
        page_macros.cite(macro_page(guide()))


def test_cite_links_each_source_to_the_references_from_the_page():
    g = guide()
    page = macro_page(g, "journey/index.md")
    cited = page_macros.cite(page, "fake-source")
    assert page.links.url("source", "fake-source", None) in html_lib.unescape(cited)


def test_action_card_links_are_relative_to_the_page_it_is_on():
    g = guide()
    ids = [a.id for a in g.actions]
    near = page_macros.action_card(macro_page(g, "index.md"), ids[0])
    deep = page_macros.action_card(macro_page(g, "journey/index.md"), ids[0])
    assert near != deep
    assert macro_page(g, "index.md").links.url("action", ids[0], None) in near


def test_link_to_shows_its_label_as_text():
    g = guide()
    linked = page_macros.link_to(macro_page(g), "stage", m.STAGE_IDS[0], "<b>*the* stage</b>")
    assert "<b>" not in linked and "*the*" not in linked
    assert macro_page(g).links.url("stage", m.STAGE_IDS[0], None) in linked


def test_contact_details_are_the_page_s_contact_in_markdown():
    g = guide()
    for placeholder in (False, True):
        page = macro_page(g, placeholder=placeholder)
        assert page_macros.contact_details(page) == page.contact.markdown()
    assert "mailto:" in page_macros.contact_details(macro_page(g))
    assert "mailto:" not in page_macros.contact_details(macro_page(g, placeholder=True))


def test_clinical_status_is_for_the_page_it_is_on_unless_another_is_given():
    public = m.PUBLIC_PAGES[0]
    reviewed = m.ClinicalReview(
        page=public, reviewer_role="Fake clinician", organisation="Fake Trust", reviewed_on=dt.date(2026, 1, 1)
    )
    g = guide(clinical_reviews=[reviewed])
    on_public = page_macros.clinical_status(macro_page(g, public))
    on_other = page_macros.clinical_status(macro_page(g, "roles/manager.md"))
    for_public = page_macros.clinical_status(macro_page(g, "roles/manager.md"), page_path=public)
    assert "Fake clinician" in on_public and "Fake clinician" in for_public
    assert "Fake clinician" not in on_other and "Not yet clinically reviewed" in on_other


# --- print packs, rendered once per build --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "pack", "kind", "record_id", "start_page"),
    [
        (page_macros.role_start, page_macros.role_pack, "role-pack", "manager", "roles/manager.md"),
        (page_macros.stage_start, page_macros.stage_pack, "stage-pack", "starting-out", "journey/starting-out.md"),
    ],
)
def test_a_print_pack_is_rendered_once_for_the_page_that_measures_it_and_its_own_page(
    monkeypatch, start, pack, kind, record_id, start_page
):
    g = guide()
    renderer = getattr(render, pack.__name__)
    calls = []
    monkeypatch.setattr(render, pack.__name__, lambda *args: calls.append(args[2].page) or renderer(*args))
    # The length the page gives, as the number of characters measured, to see what was measured.
    monkeypatch.setattr(render.pages, "pack_length", lambda html: f"{len(html)} characters measured")
    packs: dict = {}
    pack_page = source_file(kind, record_id)
    measured = start(replace(macro_page(g, start_page), print_packs=packs), record_id)
    store: dict[str, str] = {}
    with holding_html(store):
        shown = pack(replace(macro_page(g, pack_page), print_packs=packs), record_id)
    assert calls == [pack_page]  # once, with links from the pack's own page
    # The pack's page shows what rendering it there gives, and the length is worked out from it.
    direct = render.render_held(lambda: renderer(g, record_id, fakes.links(g, pack_page)))
    assert put_back_html(shown, store) == direct.full_text()
    assert f"({len(direct.full_text())} characters measured)" in measured


def test_a_print_pack_called_on_another_page_is_rendered_there_with_that_page_s_links():
    g = guide()
    packs: dict = {}
    page_macros.role_start(replace(macro_page(g, "roles/manager.md"), print_packs=packs), "manager")
    elsewhere = page_macros.role_pack(replace(macro_page(g, "index.md"), print_packs=packs), "manager")
    assert elsewhere == render.role_pack(g, "manager", fakes.links(g, "index.md"))  # no page holds HTML here


def test_a_held_rendering_is_held_again_under_the_page_s_own_markers_or_given_in_full_outside_a_build():
    rendered = render.render_held(lambda: "Intro\n" + ready_html("<p>One</p>") + "Between\n" + ready_html("<p>Two</p>"))
    assert rendered.held == {"0": "<p>One</p>", "1": "<p>Two</p>"}
    assert hold_again(rendered) == rendered.full_text()  # no page being built
    page_store = {"0": "<p>The page's own block</p>"}
    with holding_html(page_store):
        again = hold_again(rendered)
    assert page_store == {"0": "<p>The page's own block</p>", "1": "<p>One</p>", "2": "<p>Two</p>"}
    assert put_back_html(again, page_store) == rendered.full_text()

"""The widget templates (mbct_guide/templates/) and their environment: what data comes out as,
in text and in attributes, and that every template is in use."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import jinja2
import pytest
from fakes import HOSTILE, action, guide, links
from markupsafe import Markup

from mbct_guide import models as m
from mbct_guide import render
from mbct_guide.render import common
from mbct_guide.routes import Links
from mbct_guide.text import attribute, plain


def render_string(source: str, **context: object) -> str:
    """A template made in the widgets' environment, as the files in mbct_guide/templates/ are."""
    return common._environment().from_string(source).render(**context)


def test_values_are_escaped_for_attributes_braces_included():
    value = HOSTILE + " \" ' &"
    out = render_string('<a title="{{ value }}">{{ value }}</a>', value=value)
    assert out == f'<a title="{attribute(value)}">{attribute(value)}</a>'
    assert "<script" not in out and "{{" not in out and "&quot; &#x27; &amp;" in out


def test_values_with_nothing_to_escape_and_numbers_come_out_as_they_are():
    assert render_string("{{ a }} {{ b }}", a="../../actions/a-b/", b=3) == "../../actions/a-b/ 3"


def test_the_plain_filter_escapes_as_plain_does():
    assert render_string("<p>{{ value|plain }}</p>", value=HOSTILE) == f"<p>{plain(HOSTILE)}</p>"
    assert "&#42;x&#42;" in render_string("{{ value|plain }}", value=HOSTILE), "Markdown syntax shows literally"


def test_html_from_renderers_passes_as_it_is_and_the_plain_filter_refuses_it():
    assert render_string("{{ html }}", html=common.safe('<a href="x">y</a>')) == '<a href="x">y</a>'
    with pytest.raises(TypeError, match="not HTML"):
        render_string("{{ html|plain }}", html=Markup("<b>x</b>"))


def test_widgets_see_only_what_their_renderer_passes():
    with pytest.raises(jinja2.UndefinedError):
        render_string("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        render_string("{% for i in range(2) %}{{ i }}{% endfor %}")


# --- action cards (templates/action_cards.html) ---------------------------------------------------

# A title that tries to close its element and attribute, open a script and leave template syntax.
NASTY = '<script>alert("x")</script> "quoted" {{ y }} {% z %} *bold*'


def shown(html_text: str) -> str:
    """The text a browser shows for an HTML fragment."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html_text))


def test_a_card_shows_a_hostile_title_and_summary_literally():
    g = guide(action("fake-action-a", title=NASTY, summary=NASTY + ". Second sentence."), action("fake-action-b"))
    out = render.action_card(g, "fake-action-a", links(g, "journey/starting-out.md"))
    assert "<script" not in out and "{{" not in out and "{%" not in out and '"quoted"' not in out
    title = re.search(r'<h3 id="fake-action-a"><a href="[^"]*">(.*?)</a></h3>', out)
    assert title and html_lib.unescape(title.group(1)) == NASTY
    assert shown(re.search(r'<p class="mbct-summary">(.*?)</p>', out).group(1)) == NASTY + "."


def test_a_card_links_its_title_to_the_actions_page_and_names_who_leads_it():
    g = guide()
    out = render.action_card(g, "fake-action-b", links(g, "roles/teacher.md"), level=4)
    title = '<a href="../../actions/fake-action-b/">Do the fake thing fake-action-b</a>'
    assert f'<h4 id="fake-action-b">{title}</h4>' in out
    assert '<p class="mbct-meta">Led by: Fake role implementer</p>' in out
    assert out.startswith('<article class="mbct-action mbct-action--card" data-search-exclude>\n')
    assert out.endswith("</article>\n")


def test_a_card_that_mixes_stages_says_where_it_sits_and_its_key_activity():
    g = guide(action("fake-action-a", key_activity="make-the-case"), action("fake-action-b"))
    out = render.action_card(g, "fake-action-a", links(g, "index.md"), where=True, anchor=False)
    meta = (
        "Fake starting-out · Fake theme make-it-fit · Led by: Fake role implementer"
        " · Key starting-out activity: Make the case"
    )
    assert f'<p class="mbct-meta">{meta}</p>' in out
    assert "id=" not in out, "a second card for an action leaves the anchor to the first"


def test_explorer_cards_carry_the_ids_it_filters_on():
    g = guide(action("fake-action-a", topics=[]), action("fake-action-b"))
    out = render.action_card(g, "fake-action-a", links(g, "explorer.md"), filters=True)
    assert (
        '<article class="mbct-action mbct-action--card" data-stage="starting-out" data-theme="make-it-fit" '
        'data-roles="implementer teacher" data-elements="evidence evidence-research" data-topics="" '
        "data-search-exclude>"
    ) in out


def test_a_list_of_cards_has_a_blank_line_between_cards_and_none_after_the_last():
    g = guide()
    here = links(g, "journey/starting-out.md")
    cards = [render.action_card(g, x.id, here) for x in g.actions]
    assert render.action_cards(g, g.actions, here) == "\n".join(cards)
    assert render.action_cards(g, [], here) == ""


def test_first_steps_are_a_numbered_list_of_cards_without_anchors():
    g = guide()
    out = render.stage_start(g, "starting-out", links(g, "journey/starting-out.md"), pack="")
    steps = re.search(r'<ol class="mbct-first-steps">(.*?)</ol>', out, re.S)
    assert steps, "no first steps list"
    assert steps.group(1).count('<li><article class="mbct-action mbct-action--card" data-search-exclude>') == 3
    assert steps.group(1).count("</article>\n</li>") == 3 and " id=" not in steps.group(1)


# --- an action in full: the print-pack card and the action's own page -------------------------------


def test_a_print_pack_card_gives_the_actions_online_address_escaped():
    g = guide(action("fake-action-a", title=NASTY), action("fake-action-b", stage="developing"))
    here = links(g, "journey/starting-out.md")
    site = 'https://example.org/a"b<c>{{d}}&e/'
    online = Links(g, here.files, here.page, site_url=site, menu_titles=here.menu_titles)
    out = render.action_card(g, "fake-action-a", online, full=True)
    address = f"{site}actions/fake-action-a/"
    link = re.search(r'<p class="mbct-permalink">Online: <a class="mbct-url" href="([^"]*)">(.*?)</a></p>', out)
    assert link and html_lib.unescape(link.group(1)) == address and html_lib.unescape(link.group(2)) == address
    assert "<c>" not in out and "{{" not in out and "<script" not in out
    assert html_lib.unescape(re.search(r'<h3 id="fake-action-a">(.*?)</h3>', out).group(1)) == NASTY
    relative = render.action_card(g, "fake-action-a", here, full=True)
    assert 'Online: <a class="mbct-url" href="../../actions/fake-action-a/">' in relative, "no site_url, no address"
    assert relative.endswith("</article>\n")


def test_a_print_pack_card_holds_the_guidance_its_page_has():
    g = guide(
        action("fake-action-a", signs_of_progress=[NASTY, "Fake sign."], tools=["calculator"]),
        action("fake-action-b", stage="developing"),
    )
    out = render.action_card(g, "fake-action-a", links(g, "journey/starting-out.md"), full=True)
    details = out[out.index('<p class="mbct-summary">') : out.index('<div class="mbct-section-sources"')]
    assert '<a href="../../actions/fake-action-b/">fake link</a>' in details, "the detail, its links resolved"
    signs = re.search(r"<p><strong>How you will know it is working</strong></p><ul>(.*?)</ul>\n", details)
    assert signs and [html_lib.unescape(s) for s in re.findall(r"<li>(.*?)</li>", signs.group(1))] == [
        NASTY,
        "Fake sign.",
    ]
    assert "\n<p>Tools that help: <a" in details and "Pivot points" not in details and "Templates:" not in details


def test_print_pack_cards_in_a_list_have_a_blank_line_between_them():
    g = guide()
    here = links(g, "journey/starting-out.md")
    cards = [render.action_card(g, x.id, here, full=True) for x in g.actions]
    assert render.action_cards(g, g.actions, here, full=True) == "\n".join(cards)


def test_an_action_page_says_where_it_sits_with_topics_opening_the_explorer():
    topics = [m.Topic(id="funding", title=NASTY, summary="Fake."), m.Topic(id="equity", title="Fair", summary="Fake.")]
    g = guide(
        action("fake-action-a", summary=NASTY, topics=["funding", "equity"], key_activity="make-the-case"),
        action("fake-action-b", stage="developing"),
        topics=topics,
    )
    out = render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md"))
    assert "<script" not in out and "{{" not in out
    assert html_lib.unescape(re.search(r'<p class="mbct-lead">(.*?)</p>', out).group(1)) == NASTY
    where = re.search(r'<dl class="mbct-where"[^>]*>(.*?)</dl>', out).group(1)
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", where))
    assert list(facts) == ["Stage", "Theme", "Led by", "With", "Framework", "Key activity", "Topics"]
    assert facts["Stage"] == '<a href="../../journey/starting-out/">Fake starting-out</a>'
    assert facts["Key activity"] == "Make the case (starting out)"
    topic_links = re.findall(r'<a href="([^"]*)">(.*?)</a>', facts["Topics"])
    assert [(href, html_lib.unescape(title)) for href, title in topic_links] == [
        ("../../explorer/?topic=funding", NASTY),
        ("../../explorer/?topic=equity", "Fair"),
    ]


def test_an_action_page_ends_with_its_sources_and_a_link_to_its_card():
    g = guide(action("fake-action-a"), action("fake-action-b", stage="developing"))
    out = render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md"))
    assert (
        '<ol class="mbct-source-list" data-search-exclude><li><a href="../../about/references/#fake-source">'
        "Fake A. A fake report.</a></li></ol>\n"
        '<p class="mbct-permalink mbct-no-print" data-search-exclude>See it with '
        '<a href="../../journey/starting-out/#fake-action-a">all fake starting-out actions</a>.</p>'
    ) in out
    related = '<ul class="mbct-related" data-search-exclude><li>Next, fake developing: <a href="../fake-action-b/">'
    assert related in out, "the same theme at the next stage"
    other_theme = next(t for t in m.THEME_IDS if t != "make-it-fit")
    g = guide(
        action("fake-action-a", detail="No links."), action("fake-action-b", stage="developing", theme=other_theme)
    )
    out = render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md"))
    assert "Related actions" not in out and "mbct-related" not in out, "no heading over an empty list"


# --- the templates themselves ----------------------------------------------------------------------

TEMPLATES = Path(common.__file__).parents[1] / "templates"


def test_every_template_is_rendered_by_a_renderer_or_another_template():
    code = "\n".join(path.read_text(encoding="utf-8") for path in TEMPLATES.parent.rglob("*.py"))
    markup = "\n".join(path.read_text(encoding="utf-8") for path in TEMPLATES.iterdir())
    used = set(re.findall(r'\bwidget\(\s*"([^"]+)"', code))
    used |= set(re.findall(r'{%-?\s*(?:include|import|from|extends)\s+"([^"]+)"', markup))
    names = {path.name for path in TEMPLATES.iterdir()}
    assert names - used == set(), "templates that nothing renders: remove them, or render them"
    assert used - names == set(), "widgets asked for that have no template"


def test_every_template_opens_with_a_comment_saying_what_it_is_and_where_it_is_used():
    for path in TEMPLATES.iterdir():
        text = path.read_text(encoding="utf-8")
        comment = text[: text.find("-#}")]
        assert text.startswith("{#-") and "render/" in comment, (
            f"{path.name}: start with {{#- what it is (render/...) -#}}"
        )


# --- a role's "Start here" and handout (render/pages.py) -------------------------------------------


def hostile_guide():
    """The fake guide with NASTY in the titles and text a role's page and handout show: stage
    titles, the implementer's three places to start and a page to read early, and a pivot point."""
    base = guide(action("fake-action-a", title=NASTY, summary=NASTY + ". Second."), action("fake-action-b"))
    starts = [m.StartLink(title=NASTY, anchor=f"fake-section-{n}", summary=NASTY) for n in range(3)]
    implementer = base.role("implementer").model_copy(
        update={"first_actions": {}, "start_here": starts, "also_read": [m.PageLink(title=NASTY, page="evidence.md")]}
    )
    pivot = m.PivotPoint(
        id="fake-pivot",
        title=NASTY,
        kind="challenge",
        summary=NASTY,
        description="Fake.",
        early_signs=["Fake."],
        what_helps=["fake-action-a"],
        stages=["starting-out"],
        roles=["implementer", "teacher"],
        sources=["fake-source"],
    )
    records = {name: list(getattr(base, name)) for name in base.__dataclass_fields__}
    records["roles"] = [implementer if r.id == "implementer" else r for r in base.roles]
    records["stages"] = [s.model_copy(update={"title": f"{NASTY} {s.id}"}) for s in base.stages]
    return type(base).from_records({**records, "pivot_points": [pivot]})


def role_links(g, role_id: str, site_url: str = "https://example.org/") -> Links:
    here = links(g, f"roles/{role_id}.md")
    return Links(g, here.files, here.page, site_url=site_url, menu_titles=here.menu_titles)


def test_start_here_by_stage_offers_each_stage_and_its_first_actions():
    g = hostile_guide()
    out = render.role_start(g, "teacher", role_links(g, "teacher"), pack="")
    assert "<script" not in out and "{{" not in out and "{%" not in out
    radios = re.findall(
        r'<label class="mbct-radio"><input type="radio" name="mbct-start-stage" ([^>]*)> (.*?)</label>', out
    )
    assert [(attributes, html_lib.unescape(title)) for attributes, title in radios] == [
        ('value="starting-out" checked', f"{NASTY} starting-out"),
        ('value="developing"', f"{NASTY} developing"),
        ('value="sustaining"', f"{NASTY} sustaining"),
    ]
    section = re.search(r'<section class="mbct-start-list" data-stage="developing"[^>]*>(.*?)</section>', out, re.S)
    heading = re.search(r'<h3 id="start-developing" class="mbct-start-list__title">(.*?)</h3>', section.group(1))
    assert html_lib.unescape(heading.group(1)) == f"{NASTY} developing: the first thing to do"
    assert '<ol class="mbct-first-steps"><li><article class="mbct-action mbct-action--card"' in section.group(1)
    picker = re.search(r'<nav class="mbct-stage-picker" aria-label="Your actions by stage">(.*?)</nav>', out).group(1)
    assert picker.startswith('<p>Your actions at each stage:</p><ul><li><a href="./#stage-starting-out">')
    assert picker.count("(2 actions)</li>") == 1 and picker.count("(0 actions)</li>") == 2


def test_start_here_for_people_who_use_services_links_three_sections():
    g = hostile_guide()
    out = render.role_start(g, "implementer", role_links(g, "implementer"), pack="")
    sections = re.search(r'<ol class="mbct-first-steps mbct-first-steps--sections">(.*?)</ol>', out).group(1)
    items = re.findall(
        r'<li><h3 class="mbct-first-steps__title"><a href="([^"]*)">(.*?)</a></h3><p>(.*?)</p></li>', sections
    )
    assert [(href, html_lib.unescape(title), html_lib.unescape(about)) for href, title, about in items] == [
        (f"./#fake-section-{n}", NASTY, NASTY) for n in range(3)
    ]
    assert "Ways you can help a service, at each stage:" in out


def test_a_handout_writes_out_escaped_addresses_and_lists_steps_and_pivot_points():
    g = hostile_guide()
    site = 'https://example.org/a"b<c>{{d}}&e/'
    out = render.handout(g, "implementer", role_links(g, "implementer", site))
    assert "<script" not in out and "{{" not in out and "<c>" not in out
    addresses = re.findall(r'<a class="mbct-url" href="([^"]*)">(.*?)</a>', out)
    assert addresses and all(html_lib.unescape(href) == html_lib.unescape(text) for href, text in addresses)
    assert html_lib.unescape(addresses[0][0]) == f"{site}evidence/", "the page to read early"
    read_early = re.search(r'<ul class="mbct-handout-more"><li><strong>(.*?)</strong>: <a ', out)
    assert html_lib.unescape(read_early.group(1)) == NASTY
    steps = re.findall(r'<li><strong><a href="[^"]*">(.*?)</a></strong>\. (.*?)</li>', out)
    assert [html_lib.unescape(part) for step in steps[:3] for part in step] == [NASTY] * 6
    assert re.search(r'<ul class="mbct-handout-steps"><li><strong><a href="../../actions/fake-action-a/">', out)
    pivot = re.search(
        r'<ul class="mbct-handout-pivots"><li><strong><a href="[^"]*">.*?</a></strong> \(challenge\): (.*?)</li>', out
    )
    assert pivot and html_lib.unescape(pivot.group(1)) == NASTY
    assert "If you need help now: " in out and "Check where your service is now" not in out


def test_a_pages_pivot_points_are_listed_with_their_kind_and_summary_escaped():
    g = hostile_guide()
    out = render.pivot_point_list(g, links(g, "roles/teacher.md"), role="teacher")
    pattern = r'<ul class="mbct-pivot-list" data-search-exclude><li><a href="([^"]*)">(.*?)</a> \((.*?)\): (.*?)</li>'
    item = re.search(pattern + r"</ul>\n$", out)
    assert item and item.group(1) == "../../pivot-points/#fake-pivot" and item.group(3) == "challenge"
    assert html_lib.unescape(item.group(2)) == NASTY and html_lib.unescape(item.group(4)) == NASTY
    assert render.pivot_point_list(g, links(g, "journey/developing.md"), stage="developing") == ""

"""Renderers on fake data: escaping, anchors, links resolved through MkDocs, tables."""

from __future__ import annotations

import html as html_lib
import json
import re

import markdown as md
import pytest
from fakes import HOSTILE, action, guide, links
from pydantic import ValidationError

from mbct_guide import models as m
from mbct_guide import render
from mbct_guide.render.tools import explorer_index, explorer_words_script, unit_display
from mbct_guide.routes import Links, RouteError, site_files
from mbct_guide.text import attribute, markdown_html, markdown_references, plain

EXTENSIONS = ["attr_list", "md_in_html", "tables", "def_list", "admonition"]


def to_html(text: str) -> str:
    return md.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", [HOSTILE, "a|b", "**bold**", "_x_", "[link](http://x)", "{: #id }", "`code`"])
def test_plain_text_renders_literally(text):
    html = to_html(f"<p>{plain(text)}</p>")
    shown = re.sub(r"<[^>]+>", "", html)
    assert html_lib.unescape(shown) == text
    assert "<script" not in html and "<strong>" not in html and "<em>" not in html and "<a " not in html


# Every character plain() escapes, listed apart from text.py, so one dropped there fails here.
PLAIN_SPECIAL = "\\`*_{}[]()#+!|~^=<>&\"':$"


def test_plain_escapes_each_special_character_and_nothing_else():
    for ch in PLAIN_SPECIAL:
        assert plain(f"a{ch}b") == f"a&#{ord(ch)};b", ch
    ordinary = "aZ09 .,;?%@/-é😀\t"
    assert plain(f"x{ordinary}") == f"x{ordinary}"
    assert plain("&#38;") == "&#38;&#35;38;", "a character reference in the data shows as typed"
    assert plain("-x") == "&#45;x" and plain("1. x") == "1&#46; x" and plain("٣. x") == "٣&#46; x"


def test_plain_text_leaves_no_template_braces_in_output():
    assert "{{" not in plain(HOSTILE) and "{%" not in plain("{% raw %}")


def test_plain_text_at_line_start_does_not_make_a_list():
    for text in ["- not a list", "1. not a list", "# not a heading", "> not a quote"]:
        html = to_html(plain(text))
        assert "<li>" not in html and "<h1" not in html and "<blockquote>" not in html


def test_attribute_escapes_quotes_and_braces():
    assert attribute('a"b{c}') == "a&quot;b&#123;c&#125;"


def test_links_between_pages_follow_directory_urls():
    g = guide()
    assert links(g, "roles/teacher.md").url("action", "fake-action-b") == "../../actions/fake-action-b/"
    assert links(g, "roles/teacher.md").url("action-card", "fake-action-b") == "../../journey/developing/#fake-action-b"
    assert links(g, "journey/developing.md").url("action-card", "fake-action-b") == "./#fake-action-b"
    assert links(g, "index.md").url("stage", "developing") == "journey/developing/"
    assert links(g, "journey/starting-out.md").url("page", "index.md") == "../../"


def test_links_follow_html_urls_in_the_offline_copy():
    g = guide()
    offline = links(g, "roles/teacher.md", use_directory_urls=False)
    assert offline.url("action-card", "fake-action-b") == "../journey/developing.html#fake-action-b"
    assert offline.url("action", "fake-action-b") == "../actions/fake-action-b.html"
    assert offline.url("page", "index.md") == "../index.html"


def test_a_link_to_a_missing_record_or_page_names_the_page_and_target():
    g = guide()
    with pytest.raises(RouteError, match=r"roles/teacher\.md: a link to action 'no-such-action'"):
        links(g, "roles/teacher.md").url("action", "no-such-action")
    with pytest.raises(RouteError, match=r"index\.md: a link to page 'nowhere\.md' needs the file 'nowhere\.md'"):
        links(g, "index.md").url("page", "nowhere.md")
    bare = Links(g, site_files(["index.md"]), "index.md")
    with pytest.raises(RouteError, match="needs the file 'journey/developing.md'"):
        bare.url("stage", "developing")


def test_short_links_in_markdown_fields_become_page_links():
    g = guide()
    text = "See [this](action:fake-action-b) and [that](theme:make-it-fit) and [web](https://example.org)."
    out = markdown_html(text, links(g, "roles/teacher.md"))
    assert 'href="../../actions/fake-action-b/"' in out
    assert 'href="../../themes/make-it-fit/"' in out
    assert 'href="https://example.org"' in out
    assert markdown_references(text) == [("action", "fake-action-b"), ("theme", "make-it-fit")]


def test_action_card_has_anchor_data_attributes_and_escaped_title():
    g = guide(action("fake-action-a", title=HOSTILE), action("fake-action-b", stage="developing"))
    out = render.action_card(g, "fake-action-a", links(g, "explorer.md"), filters=True)
    html = to_html(out)
    assert 'id="fake-action-a"' in html
    assert 'data-stage="starting-out"' in html and 'data-roles="implementer teacher"' in html
    plain_card = render.action_card(g, "fake-action-a", links(g, "journey/starting-out.md"))
    assert "data-stage" not in plain_card, "only the explorer needs the filter ids"
    assert "<script" not in html and "{{" not in html
    assert "&lt;script&gt;" in html or "&#60;script&#62;" in html


def test_action_card_keeps_its_anchor_and_links_to_the_action_page():
    g = guide()
    out = render.action_card(g, "fake-action-b", links(g, "roles/teacher.md"))
    assert '<h3 id="fake-action-b"><a href="../../actions/fake-action-b/">' in out
    assert "Fake detail" not in out, "a card leaves the detail to the action's page"
    assert 'id="fake-action-b"' not in render.action_card(g, "fake-action-b", links(g, "index.md"), anchor=False)


def test_action_page_has_where_it_sits_related_actions_and_sources():
    g = guide(
        action("fake-action-a"),
        action("fake-action-b", stage="developing"),
        action("fake-action-c", stage="sustaining", detail="See [a](action:fake-action-a)."),
    )
    out = render.action_page(g, "fake-action-b", links(g, "actions/fake-action-b.md"))
    assert '<dl class="mbct-where"' in out and 'href="../../journey/developing/"' in out
    assert 'Earlier, fake starting-out: <a href="../fake-action-a/">' in out
    assert 'Next, fake sustaining: <a href="../fake-action-c/">' in out
    assert "mbct-copy-link" not in out, "Share under the title (share.py) replaces the copy link at the foot"
    assert 'href="../../about/references/#fake-source"' in out


def test_action_page_names_a_few_actions_at_each_neighbouring_stage_and_links_to_the_rest():
    shown = render.actions.RELATED_AT_A_STAGE
    # Reading order is the opposite of the ids' order.
    developing = [action(f"fake-later-{n}", stage="developing", order=shown + 2 - n) for n in range(shown + 2)]
    in_reading_order = developing[::-1]
    g = guide(
        action("fake-action-a", detail="See [one](action:fake-later-0) and [another](action:fake-action-b)."),
        action("fake-action-b", stage="developing", theme=next(t for t in m.THEME_IDS if t != "make-it-fit")),
        *developing,
    )
    out = render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md"))
    named = re.findall(r'<li>Next, fake developing: <a href="\.\./(fake-later-\d+)/">', out)
    assert named == [a.id for a in in_reading_order[:shown]], "the first few, in reading order"
    rest = f"all {len(developing)} fake developing actions in this theme"
    assert f'<li>Next, fake developing: <a href="../../themes/make-it-fit/#stage-developing">{rest}</a></li>' in out
    linked = re.findall(r'<li>Linked in this guidance: <a href="\.\./([\w-]+)/">', out)
    assert linked == ["fake-later-0", "fake-action-b"], "an action its guidance links to is named, even past the limit"
    offline = render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md", use_directory_urls=False))
    assert f'<a href="../themes/make-it-fit.html#stage-developing">{rest}</a>' in offline, "the offline copy's link"
    theme_page = render.theme_across_stages(g, "make-it-fit", links(g, "themes/make-it-fit.md"))
    assert to_html(theme_page).count('id="stage-developing"') == 1, "the anchor the link goes to"

    exactly = guide(action("fake-action-a", detail="No links."), *developing[:shown])
    out = render.action_page(exactly, "fake-action-a", links(exactly, "actions/fake-action-a.md"))
    assert out.count("<li>Next, fake developing: ") == shown and "themes/make-it-fit/#" not in out, (
        "no link to the rest when all are named"
    )


def test_full_card_resolves_links_in_detail_and_lists_its_tools():
    g = guide(action("fake-action-a", tools=["calculator"]), action("fake-action-b", stage="developing"))
    out = render.action_card(g, "fake-action-a", links(g, "journey/starting-out.md"), full=True)
    assert '<a href="../../actions/fake-action-b/">fake link</a>' in out
    assert 'Tools that help: <a href="../../tools/calculator/">Fake calculator</a>' in out, "named as the menu names it"


def test_stage_theme_table_has_a_row_per_theme_and_marks_empty_cells():
    g = guide()
    table = render.stage_theme_table(g, links(g, "journey/index.md"))
    assert table.count('<th scope="row">') == 7
    assert "None yet" in table
    assert '<a href="../actions/fake-action-a/">Do the fake thing fake-action-a</a>' in table


def test_table_cells_escape_pipes():
    g = guide(action("fake-action-a", title="A | B"), action("fake-action-b", stage="developing"))
    html = to_html(render.stage_theme_table(g, links(g, "journey/index.md")))
    assert html.count("<tr>") == 8  # header and seven themes: the pipe did not add a column
    assert "A | B" in html.replace("&#124;", "|")


def test_role_actions_split_lead_and_help():
    g = guide(
        action("fake-action-a", lead_role="teacher", roles=[]),
        action("fake-action-b", lead_role="implementer", roles=["teacher"], stage="developing"),
    )
    out = render.role_actions(g, "teacher", links(g, "roles/teacher.md"))
    assert "**You lead** (1)" in out and "**You help** (1)" in out
    assert out.count("No actions for this role at this stage yet.") == 1  # sustaining


def test_cite_shows_short_label_and_year_or_nd():
    g = guide()
    assert '(<a href="about/references/#fake-source">Fake, n.d.</a>)' in render.cite(
        g, ["fake-source"], links(g, "index.md")
    )


def test_references_give_each_source_an_anchor():
    g = guide()
    html = render.references(g, links(g, "about/references.md"))
    assert '<li id="fake-source">' in html


def test_explorer_lists_every_action_once_with_hidden_form():
    g = guide()
    out = render.explorer(g, links(g, "explorer.md"))
    assert out.count('<article class="mbct-action') == 2
    assert '<form class="mbct-explorer-form mbct-needs-js" id="explorer-form">' in out
    assert 'data-total="2"' in out


def test_widget_templates_escape_data_and_template_braces():
    g = guide()
    hostile_role = g.roles[0].model_copy(update={"title": HOSTILE})
    g = type(g).from_records(
        {
            **{name: list(getattr(g, name)) for name in g.__dataclass_fields__},
            "roles": [hostile_role, *g.roles[1:]],
        }
    )
    out = render.explorer(g, links(g, "explorer.md"))
    assert "<script>alert" not in out and "{{ y }}" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def decoded_index(index: dict) -> dict[int, set[str]]:
    """The explorer's word index as {card position: words}, read as explorer.js reads it."""
    cards: dict[int, set[str]] = {}
    for entry in index["words"].split(" "):
        word, gaps = entry.split(":")
        position = -1
        for gap in gaps.split(","):
            position += int(gap, 36) + 1
            cards.setdefault(position, set()).add(word)
    return cards


def test_explorer_index_has_each_actions_whole_text_once():
    g = guide(
        action(
            "fake-action-a",
            summary="A fake summary. Its second sentence talks about Commissioners.",
            detail="**Funding** matters to the [Café](action:fake-action-b) team.\n\n- Keep a *fund*",
            signs_of_progress=["The board signs off the budget."],
        ),
        action("fake-action-b", detail="Nothing in common, except Fundamentals."),
    )
    index = explorer_index(g, g.actions, links(g, "explorer.md"))
    assert index["version"] == 1 and index["actions"] == 2
    words = decoded_index(index)
    # Detail (Markdown as the reader sees it), later summary sentences and signs of progress.
    assert {"funding", "matters", "cafe", "team", "keep", "commissioners", "board", "budget"} <= words[0]
    assert "fundamentals" in words[1]
    # Not link targets or markup; not a word that begins another ('fund': 'funding' finds it);
    # not the words on the card (title and first sentence), which the script reads from the page.
    assert not {"action", "fake", "b", "fund", "summary", "do", "thing"} & words[0]
    assert index["words"].split(" ") == sorted(index["words"].split(" "))


def test_explorer_index_positions_go_past_ten_in_base_36():
    many = [action(f"fake-action-{i:02d}", detail="Shared words.") for i in range(40)]
    index = explorer_index(guide(*many), many, links(guide(*many), "explorer.md"))
    assert decoded_index(index) == {i: {"shared", "words"} for i in range(40)}


def test_explorer_words_script_sets_the_index_and_the_page_says_where_it_is():
    g = guide(action("fake-action-a", detail="Café, naïve and coöperation \u2028 words."))
    script = explorer_words_script(g, links(g, "explorer.md"))
    prefix = "window.mbctExplorerWords = "
    assert script.startswith(prefix) and script.endswith(";\n")
    # Plain ASCII JSON: no character (a line separator, say) can be read as code.
    assert script.isascii()
    assert json.loads(script[len(prefix) : -2]) == explorer_index(g, g.actions, links(g, "explorer.md"))
    # The page links to the file (resolved by MkDocs) and carries no index of its own.
    page = render.explorer(g, links(g, "explorer.md"))
    assert 'data-words="../assets/js/explorer-words.js"' in page
    assert "mbctExplorerWords" not in page and "cooperation" not in page


@pytest.mark.parametrize(
    "label, unit, shown",
    [
        ("Courses a year", "courses", ("", "", "")),
        ("Teachers per course", "teachers", ("", "", "")),
        ("Weekly sessions in a course", "sessions", ("", "", "")),
        ("Length of each session", "hours", ("", "hours", "in hours")),
        ("Cost of one hour of teacher time", "pounds", ("£", "", "in pounds")),
        ("People who complete the course", "percent", ("", "%", "as a percentage")),
        ("Rooms", None, ("", "", "")),
    ],
)
def test_calculator_units_never_repeat_the_label(label, unit, shown):
    spec = m.CalculatorInput(
        id="courses", label=label, default=1, minimum=0, maximum=9, unit=unit, help="H.", basis="B."
    )
    assert unit_display(spec) == shown


def fake_template(**changes):
    fields = dict(
        id="fake-template",
        title="Fake template",
        summary="A fake template.",
        how_to_use="Fill it in.",
        sections=[m.TemplateSection(heading="Fake section", guidance="Write here.")],
    )
    fields.update(changes)
    return m.Template(**fields)


def test_template_worked_example_is_shown_under_a_made_up_heading_with_links_resolved():
    example = "**Service.** A fake service. See [the fake action](action:fake-action-b)."
    g = guide(templates=[fake_template(worked_example=example)])
    out = render.template_page(g, "fake-template", links(g, "tools/templates/fake-template.md"))
    heading_at = out.index("## Illustrative example: made up {: #worked-example }")
    assert "This example is made up" in out
    body_at = out.index("A fake service")
    assert heading_at < body_at, "the example comes under its made-up heading"
    assert "<strong>Service.</strong>" in out[body_at - 40 : body_at]
    assert '<a href="../../../actions/fake-action-b/">the fake action</a>' in out
    assert '<a href="../../../downloads/templates/fake-template.docx" download>Word version</a> ' in out
    assert '<span class="mbct-file-about">(Word document, 2 KB)</span>' in out


def test_template_without_a_worked_example_has_no_made_up_heading():
    g = guide(templates=[fake_template()])
    out = render.template_page(g, "fake-template", links(g, "tools/templates/fake-template.md"))
    assert "Illustrative example" not in out and "worked-example" not in out


def test_worked_example_refuses_raw_html():
    with pytest.raises(ValidationError, match="raw HTML"):
        fake_template(worked_example="<script>alert(1)</script>")


@pytest.mark.parametrize(
    ("nation", "name"),
    [("england", "England"), ("scotland", "Scotland"), ("wales", "Wales"), ("northern-ireland", "Northern Ireland")],
)
def test_story_shows_its_nation_inside_the_made_up_label(nation, name):
    chapter = m.StoryChapter(stage="starting-out", heading="Fake chapter", text="Fake text.")
    fake = m.Story(
        id="fake-story",
        title="Fake story",
        short_title="Fake",
        nation=nation,
        setting="A fake setting.",
        summary="Fake.",
        chapters=[chapter, chapter],
        lessons=["Fake lesson."],
        sources=["fake-source"],
    )
    g = guide(stories=[fake])
    out = render.story(g, "fake-story", links(g, "stories/fake-story.md"))
    label, _, rest = out.partition("**Setting:**")
    assert label.startswith('!!! note "An illustrative story"')
    assert "It is not a real service" in label and f"**Set in {name}.**" in label
    # Every line of the label is indented, so the nation stays inside the note box.
    assert all(line.startswith("    ") for line in label.splitlines()[1:] if line.strip())
    html = to_html(label)
    assert f"<strong>Set in {name}.</strong>" in html and 'class="admonition note"' in html

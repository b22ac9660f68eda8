"""Links and images from Markdown fields: the sanitiser on its own, the link check on its
own, and the renderers, which must stay safe even when validation is bypassed.

Validation messages for each form (file, line, record, field) are in test_abuse.py."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from conftest import DATA_DIR, DOCS_DIR, html_pages
from fakes import action, guide, links, pivot_point, story

from mbct_guide import load_guide, render
from mbct_guide import models as m
from mbct_guide.downloads import template_markdown
from mbct_guide.routes import SHORT_LINKS, TOOL_PAGES, RouteError
from mbct_guide.sanitise import (
    clean_html,
    is_allowed_link,
    is_site_resource,
    link_problems,
    normalise_url,
    safe_markdown_html,
    scheme_of,
)
from mbct_guide.text import TooDeeplyNested, markdown_html

FORBIDDEN_SCHEMES = ("javascript", "data", "vbscript")
# Full addresses of the tools a template section can name (the build gives the real ones).
TOOLS = {tool: (tool.title(), f"https://example.org/{page}") for tool, page in TOOL_PAGES.items()}

# Every way we know to write a harmful link or an off-site image in Markdown.
HOSTILE_MARKDOWN = {
    "inline, lower case": "[x](javascript:alert(1))",
    "inline, mixed case": "[x](JavaScript:alert(1))",
    "reference-style": "[x][evil]\n\n[evil]: javascript:alert(1)",
    "collapsed reference": "[evil][]\n\n[evil]: javascript:alert(1)",
    "shortcut reference": "[evil]\n\n[evil]: JAVASCRIPT:alert(1)",
    "reference with a title": '[x][e]\n\n[e]: javascript:alert(1) "title"',
    "angle-bracket destination": "[x](<javascript:alert(1)>)",
    "spaces around": "[x](   javascript:alert(1)   )",
    "decimal entity": "[x](&#106;avascript:alert(1))",
    "hex entity": "[x](&#x6A;avascript:alert(1))",
    "entity without semicolon": "[x](&#0000106avascript:alert(1))",
    "named entity colon": "[x](javascript&colon;alert(1))",
    "entity tab inside the scheme": "[x](java&#x09;script:alert(1))",
    "entity newline inside the scheme": "[x](java&#10;script:alert(1))",
    "literal tab inside the scheme": "[x](java\tscript:alert(1))",
    "control character first": "[x](\x01javascript:alert(1))",
    "zero-width space inside": "[x](java\u200bscript:alert(1))",
    "percent-encoded": "[x](java%73cript:alert(1))",
    "percent-encoded twice": "[x](java%2573cript:alert(1))",
    "data: link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript: link": "[x](vbscript:msgbox(1))",
    "image over http": "![t](http://evil.example/p.png)",
    "image over https": "![t](https://evil.example/p.png)",
    "protocol-relative image": "![t](//evil.example/p.png)",
    "backslash protocol-relative image": "![t](/\\evil.example/p.png)",
    "reference-style image": "![t][i]\n\n[i]: //evil.example/p.png",
    "data: image": "![t](data:image/svg+xml;base64,PHN2Zy8+)",
    "javascript: image": "![t](javascript:alert(1))",
}

# The tel digits of a fake urgent_help.yml: the only numbers a phone link may dial.
PHONES = frozenset({"111", "116123", "08088088000"})

SAFE_MARKDOWN = {
    "https": "[x](https://example.org/a?b=1&c=2#d)",
    "http": "[x](http://example.org)",
    "mailto": "[x](mailto:someone@example.org)",
    "tel": "[call 111](tel:111)",
    "tel with spaces and separators": "[call 0808 808 8000](tel:0808-808-8000)",
    "mailto with a subject": "[x](mailto:someone@example.org?subject=MBCT%20referrals)",
    "https with an @ after the host": "[x](https://example.org/people/@someone?email=a@b.example)",
    "site path": "[x](../about/)",
    "anchor": "[x](#lessons)",
    "short link": "[x](action:fake-action-b)",
    "short link with anchor": "[x](action:fake-action-b#top)",
    "site image": "![map](../assets/images/logo.svg)",
}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [(tag, name, value or "") for name, value in attrs if name in ("href", "src", "srcset")]


def assert_harmless(fragment: str) -> None:
    """No forbidden scheme, no script or handler, no image from anywhere but this site."""
    collected = _Collect()
    collected.feed(fragment)
    for tag, name, value in collected.urls:
        assert scheme_of(value) not in FORBIDDEN_SCHEMES, (tag, name, value, fragment)
        if name != "href":
            assert is_site_resource(value), (tag, name, value, fragment)
    assert "script" not in collected.tags and "iframe" not in collected.tags
    assert not re.search(r"\son[a-z]+\s*=", fragment, re.I), fragment
    lowered = normalise_url(fragment)
    for scheme in FORBIDDEN_SCHEMES:
        assert f'href="{scheme}:' not in lowered and f'src="{scheme}:' not in lowered


# --- normalising addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, scheme",
    [
        ("JavaScript:alert(1)", "javascript"),
        ("&#106;avascript:x", "javascript"),
        ("&amp;#106;avascript:x", "javascript"),
        ("java&#x09;script:x", "javascript"),
        ("java\tscript:x", "javascript"),
        (" \x00javascript:x", "javascript"),
        ("java%73cript:x", "javascript"),
        ("java%2573cript:x", "javascript"),
        ("java\u200bscript:x", "javascript"),
        ("DATA:text/html,x", "data"),
        ("https://example.org", "https"),
        ("../journey/developing/#x", None),
        ("#anchor", None),
        ("", None),
    ],
)
def test_scheme_is_read_after_normalising(url, scheme):
    assert scheme_of(url) == scheme


def test_site_resources_are_paths_on_this_site():
    assert is_site_resource("../assets/images/logo.svg") and is_site_resource("/assets/x.png")
    for url in ("//evil.example/x.png", "/\\evil.example/x.png", "\\\\evil.example/x", "https://x/y.png", "data:x"):
        assert not is_site_resource(url), url


def test_allowed_links():
    for url in ("https://a.example", "http://a.example", "mailto:a@b.example", "tel:111", "../x/", "#y"):
        assert is_allowed_link(url), url
    for url in ("javascript:x", "data:x", "vbscript:x", "file:///etc/passwd", "action:x"):
        assert not is_allowed_link(url), url


# --- the sanitiser on its own -------------------------------------------------------------------

HOSTILE_HTML = [
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>',
    '<a href="&#0000106avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="java%73cript:alert(1)">x</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="http://evil.example/p.png" alt="t">',
    '<img src="https://evil.example/p.png">',
    '<img src="//evil.example/p.png">',
    '<img src="/\\evil.example/p.png">',
    '<img src="data:image/svg+xml;base64,PHN2Zy8+">',
    '<img srcset="https://evil.example/p.png 2x" src="x.png">',
    '<img src="x" onerror="alert(1)">',
    "<script>alert(1)</script>",
    '<p onclick="alert(1)" style="background:url(https://evil.example/x)">p</p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><a href="javascript:alert(1)">x</a></math>',
    '<form action="https://evil.example/"><button formaction="javascript:alert(1)">x</button></form>',
    '<object data="https://evil.example/x.swf"></object>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<a href='javascript:alert(1)'>single quotes</a>",
    "<a href=javascript:alert(1)>no quotes</a>",
    '<a href="action:fake-action-b">a short link nobody rewrote</a>',
]


@pytest.mark.parametrize("fragment", HOSTILE_HTML)
def test_sanitiser_removes_every_harmful_form(fragment):
    assert_harmless(clean_html(fragment))


def rendered_or_refused(make) -> str:
    """What a renderer made; or, when it refused, "" after checking the refusal is the one that
    stops a hostile link: the route table raises RouteError for a link of an unknown kind
    ([x](javascript:...)) or to a target that does not exist ([x](data:text/html...)), which
    stops the build, also safe. Any other refusal (the page itself missing, a broken fixture)
    fails the test rather than pass as "refused"."""
    try:
        return make()
    except RouteError as error:
        assert re.fullmatch(LINK_REFUSED, error.problem), error.problem
        return ""


LINK_REFUSED = r"'[^']+' is not a kind of link; use one of: .+|a link to .+, which does not exist"


def test_a_refusal_counts_only_when_it_refuses_the_link_kind():
    def unknown_kind():
        raise RouteError("x.md", "'javascript' is not a kind of link; use one of: action, stage")

    def missing_page():
        raise RouteError("x.md", "this page is not among the site's files")

    assert rendered_or_refused(unknown_kind) == ""
    with pytest.raises(AssertionError, match="not among the site's files"):
        rendered_or_refused(missing_page)


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_sanitiser_makes_every_markdown_form_harmless(name):
    """Even if validation let a form through, the HTML the renderer makes from it is harmless."""
    text = HOSTILE_MARKDOWN[name]
    g = guide()
    assert_harmless(rendered_or_refused(lambda: safe_markdown_html(text, links(g, "journey/developing.md"))))


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>Text with <em>emphasis</em>, <strong>bold</strong> and <code>code</code>.</p>",
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
        '<ol start="3">\n<li>three</li>\n</ol>',
        '<p><a href="https://example.org/a?b=1&amp;c=2#d" title="t">web</a></p>',
        '<p><a href="../developing/#fake-action-b">page</a> <a href="mailto:a@b.example">mail</a></p>',
        '<p><a href="tel:111">call 111</a></p>',
        '<p><img src="../assets/images/logo.svg" alt="logo"></p>',
        "<blockquote>\n<p>quote</p>\n</blockquote>",
    ],
)
def test_sanitiser_keeps_what_markdown_makes(fragment):
    assert clean_html(fragment) == fragment


def test_sanitiser_leaves_real_action_details_unchanged():
    real = load_guide(DATA_DIR, DOCS_DIR)
    page = links(real, "journey/developing.md")
    for item in real.actions:
        made = markdown_html(item.detail, page)
        assert clean_html(made) == made, item.id


# --- the link check on its own --------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_link_check_names_every_harmful_form_once(name):
    problems = link_problems(HOSTILE_MARKDOWN[name], SHORT_LINKS)
    assert len(problems) == 1, problems
    assert "not a known link type" in problems[0] or "images must be files on this site" in problems[0]


@pytest.mark.parametrize("name", SAFE_MARKDOWN)
def test_link_check_allows_safe_links(name):
    assert link_problems(SAFE_MARKDOWN[name], SHORT_LINKS, PHONES) == []


def test_link_check_counts_each_attempt():
    text = "[a](javascript:a) and [b](data:b) and ![c](//evil.example/c.png) and [ok](https://example.org)"
    assert len(link_problems(text, SHORT_LINKS)) == 3


def test_short_links_must_be_inline_to_be_rewritten():
    problems = link_problems("[x][r]\n\n[r]: action:fake-action-b", SHORT_LINKS)
    assert len(problems) == 1 and "write short links inline" in problems[0]
    assert link_problems("[x](action:fake-action-b) and [y](action:fake-action-b)", SHORT_LINKS) == []


# --- renderers, with validation bypassed -----------------------------------------------------------


def _pivot(description: str) -> m.PivotPoint:
    """A pivot point holding ``description`` unvalidated (model_copy skips validation)."""
    return pivot_point("fake-pivot").model_copy(update={"description": description})


def _story(text: str) -> m.Story:
    """A story whose every chapter holds ``text`` unvalidated."""
    valid = story("fake-story")
    return valid.model_copy(update={"chapters": [c.model_copy(update={"text": text}) for c in valid.chapters]})


@pytest.mark.parametrize("name", HOSTILE_MARKDOWN)
def test_renderers_never_emit_a_harmful_link(name):
    text = HOSTILE_MARKDOWN[name]
    g = guide(
        action("fake-action-a").model_copy(update={"detail": text}),
        action("fake-action-b", stage="developing"),
        pivot_points=[_pivot(text)],
        stories=[_story(text)],
    )
    for make in (
        lambda: render.action_card(g, "fake-action-a", links(g, "journey/starting-out.md"), full=True),
        lambda: render.action_page(g, "fake-action-a", links(g, "actions/fake-action-a.md")),
        lambda: render.pivot_point(g, "fake-pivot", links(g, "pivot-points.md")),
        lambda: render.story(g, "fake-story", links(g, "stories/fake-story.md")),
    ):
        assert_harmless(rendered_or_refused(make))


def test_renderers_keep_safe_links_working():
    text = "See [this](action:fake-action-b), [the web](https://example.org) or [call](tel:111)."
    g = guide(action("fake-action-a"), action("fake-action-b", stage="developing"), pivot_points=[_pivot(text)])
    out = render.pivot_point(g, "fake-pivot", links(g, "pivot-points.md"))
    assert '<a href="../actions/fake-action-b/">this</a>' in out
    assert '<a href="https://example.org">the web</a>' in out and '<a href="tel:111">call</a>' in out


def test_no_built_page_has_a_harmful_address(built_site):
    offenders = []
    for path in html_pages(built_site):
        collected = _Collect()
        collected.feed(path.read_text(encoding="utf-8"))
        for tag, name, value in collected.urls:
            if scheme_of(value) in FORBIDDEN_SCHEMES or (tag == "img" and not is_site_resource(value)):
                offenders.append(f"{path.relative_to(built_site)}: <{tag} {name}={value!r}>")
    assert not offenders, offenders


# --- links that say where they go (issue 18) -------------------------------------------------------

MISLEADING_LINKS = {
    "phone number not in urgent_help.yml": (
        "[Call Samaritans on 116 123](tel:+449061234567)",
        "phone link to 'tel:+449061234567', which is not a number in guidance_data/urgent_help.yml",
    ),
    "phone link showing another number": ("[Call 999](tel:116123)", "do not show the number it dials (116123)"),
    "phone link showing no number": ("[Call Samaritans](tel:116123)", "do not show the number it dials"),
    "phone link showing two numbers": ("[Call 116 123 or 999](tel:116123)", "do not show the number it dials"),
    "percent-encoded phone number": ("[Call 111](tel:%30%39%30%36)", "not a number in guidance_data/urgent_help.yml"),
    "bcc and body": ("[Email us](mailto:help@nhs.uk?bcc=attacker@evil.example&body=Hi)", "sets 'bcc'"),
    "cc after a subject": ("[Email us](mailto:help@nhs.uk?subject=Hi&CC=x@evil.example)", "sets 'cc'"),
    "encoded line breaks": ("[Email us](mailto:a@b.example%0D%0ABcc:evil@x.example)", "line break"),
    "encoded line break in lower case": ("[Email us](mailto:a@b.example%0abcc:evil@x.example)", "line break"),
    "line break encoded twice": ("[Email us](mailto:a@b.example%250ABcc:evil@x.example)", "line break"),
    "line break as a character reference": ("[Email us](mailto:a@b.example&#10;Bcc:evil@x.example)", "line break"),
    "two addresses": ("[Email us](mailto:help@nhs.uk,evil@x.example)", "more than one address"),
    "user before the host": (
        "[doi.org](https://doi.org@evil.example/10.3310/hsdr05140)",
        "puts 'doi.org@' before the site's name, so it goes to 'evil.example'",
    ),
    "user and password": ("[x](https://user:pass@evil.example/)", "'user:pass@'"),
    "percent-encoded @": ("[x](https://doi.org%40evil.example/)", "goes to 'evil.example'"),
    "encoded slash before the @": ("[x](https://doi.org%2F@evil.example/)", "goes to 'evil.example'"),
    "protocol-relative with a user": ("[x](//doi.org@evil.example/)", "goes to 'evil.example'"),
    "reference-style with a user": ("[x][r]\n\n[r]: http://doi.org@evil.example/", "goes to 'evil.example'"),
}


@pytest.mark.parametrize("name", MISLEADING_LINKS)
def test_a_link_that_hides_where_it_goes_is_one_problem(name):
    text, rule = MISLEADING_LINKS[name]
    problems = link_problems(text, SHORT_LINKS, PHONES)
    assert len(problems) == 1, problems
    assert rule in problems[0]


def test_a_phone_problem_tells_editors_to_use_the_urgent_help_macro():
    (problem,) = link_problems("[Call 111](tel:0906)", SHORT_LINKS, PHONES)
    assert "Do not write phone links by hand" in problem and "urgent_help macro" in problem


def test_phone_links_are_refused_when_no_numbers_are_given_and_unchecked_when_unknown():
    assert len(link_problems("[call 111](tel:111)", SHORT_LINKS)) == 1
    assert link_problems("[call 111](tel:0906)", SHORT_LINKS, None) == []


def test_markdown_nested_past_the_recursion_limit_is_one_problem_not_a_recursion_error():
    """The model refuses deep nesting first (test_loader.py); this is the second line of defence."""
    text = "\n".join("    " * level + "- x" for level in range(250))
    assert link_problems(text, SHORT_LINKS, PHONES) == [TooDeeplyNested.RULE]
    # ...and the next field is read as usual: the recursion left nothing broken behind.
    assert link_problems("See [this](nonsense:thing).", SHORT_LINKS, PHONES)


# --- the Markdown downloads (issue 18): data copied into downloads/templates/*.md ---------------------

HOSTILE_TITLE = "Plan](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code` | cell \u202eevil\u200b"


def _hostile_template() -> m.Template:
    """A template whose every text field is hostile. model_construct skips validation, as if the
    data check had let the bidi and zero-width characters through."""
    section = m.TemplateSection.model_construct(
        heading="Costs ## " + HOSTILE_TITLE,
        guidance="- " + HOSTILE_TITLE,
        prompts=["1. " + HOSTILE_TITLE],
        table=["Item | with a pipe", HOSTILE_TITLE, "[x](https://evil.example)"],
        rows=2,
        checklist=["<script>alert(1)</script>"],
    )
    return m.Template.model_construct(
        id="fake-template",
        title=HOSTILE_TITLE,
        summary="# " + HOSTILE_TITLE,
        how_to_use="&lt;b&gt; and &#106;avascript: and ![i](https://evil.example/i.png)",
        sections=[section],
        sources=["fake-source"],
    )


def _markdown_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "sane_lists"])


def test_a_hostile_title_comes_out_of_the_markdown_download_as_literal_text():
    template = _hostile_template()
    document = template_markdown(guide(templates=[template]), template, "https://example.org/t/", TOOLS)
    for invisible in ("\u202e", "\u200b"):
        assert invisible not in document
    made = _markdown_to_html(document)
    collected = _Collect()
    collected.feed(made)
    assert not {"a", "img", "script", "code"} & set(collected.tags), collected.tags
    assert collected.tags.count("strong") == 1  # "How to use it:", written by the site, not the data
    shown = shown_text(HOSTILE_TITLE)
    assert inner(made, "h1") == [shown]
    assert inner(made, "h2")[0] == "Costs ## " + shown
    assert "- " + shown in inner(made, "p") and "# " + shown in inner(made, "p")  # no list, no heading
    assert "1. " + shown in inner(made, "li")  # the site's own numbering, then the text as typed
    assert "[ ] <script>alert(1)</script>" in inner(made, "li")  # a task box (GFM), then the text
    how = "<strong>How to use it:</strong> &lt;b&gt; and &#106;avascript: and ![i](https://evil.example/i.png)"
    assert how in inner(made, "p")
    # The table keeps its three columns: a | in a heading is text, not a new cell.
    assert inner(made, "th") == ["Item | with a pipe", shown, "[x](https://evil.example)"]


def inner(made: str, tag: str) -> list[str]:
    """The text of every ``tag`` element in ``made``, as a reader sees it."""
    return [html.unescape(text) for text in re.findall(rf"<{tag}>(.*?)</{tag}>", made, re.S)]


def shown_text(text: str) -> str:
    """``text`` as it must read: exactly as typed, without the invisible characters."""
    return text.replace("\u202e", "").replace("\u200b", "")


def test_the_real_templates_read_the_same_in_the_markdown_download():
    """Escaping changes only how the file is written: each field reads as typed."""
    real = load_guide(DATA_DIR, DOCS_DIR)
    for template in real.templates:
        made = _markdown_to_html(template_markdown(real, template, "https://example.org/t/", TOOLS))
        assert inner(made, "h1") == [template.title], template.id
        paragraphs = inner(made, "p")
        for section in template.sections:
            assert section.guidance in paragraphs, (template.id, section.heading)
            assert set(section.table) <= set(inner(made, "th")), (template.id, section.heading)
            assert set(section.checklist) <= {item.removeprefix("[ ] ") for item in inner(made, "li")}

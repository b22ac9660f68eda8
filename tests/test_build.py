"""The strict build: key pages exist, titles are unique, no template syntax leaks,
data shows where it should, and broken data stops the build with a helpful message."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA_DIR, DOCS_DIR, ROOT, copy_project, html_pages, mkdocs_build
from docx import Document
from project import HOSTILE_TITLE, NEW_STORY, NEW_TEMPLATE, an_action, change_action

from mbct_guide import load_guide

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page(site: Path, url_path: str) -> str:
    target = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    assert target.is_file(), f"missing page: /{url_path}"
    return target.read_text(encoding="utf-8")


def unrendered_pages() -> set[str]:
    """Pages that switch macro rendering off on purpose (to show macro syntax literally)."""
    skipped = set()
    docs = ROOT / "docs"
    for source in docs.rglob("*.md"):
        text = source.read_text(encoding="utf-8")
        if text.startswith("---") and re.search(r"^render_macros:\s*false", text.split("---")[1], re.M):
            skipped.add(source.relative_to(docs).with_suffix("").as_posix())
    return skipped


KEY_PAGES = [
    "",
    "journey",
    "journey/starting-out",
    "journey/developing",
    "journey/sustaining",
    "roles",
    "themes",
    "pivot-points",
    "stories",
    "framework",
    "about-mbct",
    "explorer",
    "about",
    "about/references",
    "about/glossary",
]


@pytest.mark.parametrize("url_path", KEY_PAGES)
def test_key_page_exists(built_site, url_path):
    assert "<h1" in page(built_site, url_path)


def test_every_stage_role_theme_and_story_has_a_page(built_site):
    for stage in GUIDE.stages:
        assert GUIDE.stage(stage.id).title in html.unescape(page(built_site, f"journey/{stage.id}"))
    for role in GUIDE.roles:
        page(built_site, f"roles/{role.id}")
    for theme in GUIDE.themes:
        page(built_site, f"themes/{theme.id}")
    for story in GUIDE.stories:
        page(built_site, f"stories/{story.id}")


def test_page_titles_are_unique(built_site):
    titles: dict[str, list[str]] = {}
    for path in html_pages(built_site):
        match = TITLE.search(path.read_text(encoding="utf-8"))
        assert match, f"{path} has no <title>"
        titles.setdefault(html.unescape(match.group(1).strip()), []).append(str(path.relative_to(built_site)))
    duplicates = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert not duplicates, f"pages share a title: {duplicates}"


def test_no_template_syntax_or_macro_errors_left_in_any_page(built_site):
    skipped = unrendered_pages()
    offenders = []
    for path in html_pages(built_site):
        relative = path.relative_to(built_site).parent.as_posix()
        if any(relative == s or relative == s.removesuffix("/index") for s in skipped):
            continue
        text = path.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "Macro Rendering Error", "Traceback"):
            if marker in text:
                offenders.append(f"{relative}: {marker}")
    assert not offenders, offenders


def test_every_action_is_anchored_on_its_stage_page_and_in_the_explorer(built_site):
    explorer = page(built_site, "explorer")
    for action in GUIDE.actions:
        stage_page = page(built_site, f"journey/{action.stage}")
        assert f'id="{action.id}"' in stage_page, f"{action.id} missing from its stage page"
        assert f'id="{action.id}"' in explorer, f"{action.id} missing from the explorer"


def test_every_source_and_glossary_term_has_an_anchor(built_site):
    references = page(built_site, "about/references")
    for source in GUIDE.sources:
        assert f'id="{source.id}"' in references
    glossary = page(built_site, "about/glossary")
    for term in GUIDE.glossary:
        assert f'id="{term.id}"' in glossary


def test_every_pivot_point_is_anchored(built_site):
    pivots = page(built_site, "pivot-points")
    for pivot in GUIDE.pivot_points:
        assert f'id="{pivot.id}"' in pivots


def test_role_pages_link_every_action_they_lead_or_help_with(built_site):
    for role in GUIDE.roles:
        text = page(built_site, f"roles/{role.id}")
        for action in GUIDE.actions_where(role=role.id):
            assert f'href="../../actions/{action.id}/"' in text, f"{action.id} missing from the {role.id} page"
            if action.lead_role == role.id:
                assert f'id="{action.id}"' in text, f"{action.id} has no card on the {role.id} page"


def test_no_requests_to_other_hosts_in_markup(built_site):
    """No script, style, image or font is loaded from another host."""
    loader = re.compile(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    offenders = []
    for path in html_pages(built_site):
        for match in loader.finditer(path.read_text(encoding="utf-8")):
            tag = match.group(0)
            if tag.lower().startswith("<link") and re.search(r'rel="(canonical|alternate)"', tag):
                continue
            offenders.append(f"{path.relative_to(built_site)}: {tag}")
    assert not offenders, offenders


# --- builds of broken copies ----------------------------------------------------------


def test_broken_reference_fails_the_build_with_a_clear_message(tmp_path):
    project = copy_project(tmp_path / "project")
    first, second = GUIDE.actions[0].id, GUIDE.actions[-1].id
    change_action(project, first, sources=["no-such-source"])
    change_action(project, second, lead_role="nobody")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"guidance_data/actions/{first}.yml" in output and f"record '{first}'" in output
    assert "field 'sources[0]'" in output and "no-such-source" in output
    assert f"guidance_data/actions/{second}.yml" in output and "field 'lead_role'" in output
    assert "Traceback" not in output
    assert not site.exists(), "a failed build must not write a half-rendered site"


def test_wrong_id_in_a_macro_call_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page_file = project / "docs" / "roles" / "index.md"
    page_file.write_text(page_file.read_text() + '\n{{ role_actions(role="no-such-role") }}\n')
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "roles/index.md" in output and "no-such-role" in output


def test_a_link_to_a_page_that_does_not_exist_fails_the_build_naming_page_and_target(tmp_path):
    project = copy_project(tmp_path / "project")
    page_file = project / "docs" / "about" / "index.md"
    page_file.write_text(page_file.read_text() + '\n{{ link_to(kind="stage", id="no-such-stage", label="x") }}\n')
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "about/index.md" in output and "a link to stage 'no-such-stage', which does not exist" in output


def test_a_generated_page_that_also_exists_in_docs_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    story = GUIDE.stories[0].id
    (project / "docs" / "stories" / f"{story}.md").write_text("# A stale stub\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/stories/{story}.md is generated from the data" in result.stdout + result.stderr


def test_a_new_story_file_adds_its_page_and_menu_entry(changed_site):
    site = changed_site.site
    page = (site / "stories" / NEW_STORY["id"] / "index.html").read_text(encoding="utf-8")
    assert NEW_STORY["title"] in page and "An illustrative story" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    entry = rf'href="stories/{NEW_STORY["id"]}/"[^>]*>\s*<span class="md-ellipsis">\s*{NEW_STORY["short_title"]}'
    assert re.search(entry, home)


def test_a_new_template_file_adds_its_page_menu_entry_and_downloads(changed_site):
    site, new = changed_site.site, NEW_TEMPLATE["id"]
    page = (site / "tools" / "templates" / new / "index.html").read_text(encoding="utf-8")
    assert "Template&#58; fake new template" in page and f"{new}.docx" in page
    assert f"edit/main/guidance_data/templates/{new}.yml" in page
    assert (site / "downloads" / "templates" / f"{new}.md").is_file()
    templates = (site / "tools" / "templates" / "index.html").read_text(encoding="utf-8")
    menu = re.findall(r'href="([a-z-]+/)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', templates)
    entries = [title for href, title in menu if href.endswith("/") and not href.startswith("..")]
    assert entries[-1] == NEW_TEMPLATE["short_title"], "the new template comes last in the menu (order 99)"


def test_hostile_title_builds_and_shows_literally(changed_site):
    site, action = changed_site.site, GUIDE.action(changed_site.hostile_action)
    stage_page = (site / "journey" / action.stage / "index.html").read_text()
    assert "<script>alert(1)</script>" not in stage_page
    heading = re.search(rf'<h\d id="{action.id}"[^>]*><a [^>]*>(.*?)</a></h\d>', stage_page, re.S)
    assert heading, "the action's heading is missing"
    assert html.unescape(heading.group(1)).strip() == HOSTILE_TITLE
    action_page = (site / "actions" / action.id / "index.html").read_text()
    assert "<script>alert(1)</script>" not in action_page and "{{" not in action_page
    assert html.unescape(re.search(r"<h1[^>]*>(.*?)<", action_page).group(1)).strip() == HOSTILE_TITLE
    assert "{{" not in stage_page


META = {
    "description": re.compile(r'<meta name="description" content="([^"]+)"'),
    "canonical": re.compile(r'<link rel="canonical" href="(https?://[^"]+)"'),
    "og:title": re.compile(r'<meta property="og:title" content="([^"]+)"'),
    "og:description": re.compile(r'<meta property="og:description" content="([^"]+)"'),
    "og:image": re.compile(r'<meta property="og:image" content="(https?://[^"]+\.png)"'),
    "twitter:card": re.compile(r'<meta name="twitter:card" content="summary_large_image"'),
}


def test_every_page_has_a_link_preview(built_site):
    """Title, description, canonical URL, Open Graph and Twitter tags on every page."""
    problems = []
    canonicals = set()
    for path in html_pages(built_site):
        if path.name == "404.html":
            continue
        text = path.read_text(encoding="utf-8")
        for name, pattern in META.items():
            if not pattern.search(text):
                problems.append(f"{path.relative_to(built_site)}: no {name}")
        match = META["canonical"].search(text)
        if match:
            canonicals.add(match.group(1))
    assert not problems, problems
    assert len(canonicals) == len([p for p in html_pages(built_site) if p.name != "404.html"])
    assert (built_site / "assets" / "images" / "social-card.png").is_file()


def test_descriptions_come_from_front_matter_on_every_page():
    """Each page sets its own description, so previews are specific, not the site default."""
    missing = []
    for source in (ROOT / "docs").rglob("*.md"):
        front = source.read_text(encoding="utf-8").split("---")[1]
        if not re.search(r"^title:", front, re.M) or not re.search(r"^description:", front, re.M):
            missing.append(source.relative_to(ROOT).as_posix())
    assert not missing


@pytest.mark.parametrize("command", ["mkdocs build --strict", "make build"])
def test_a_data_problem_is_printed_once_by_the_build(tmp_path, command):
    """MkDocs, the macros plugin and the hooks all load the data; the problem is printed once,
    by a strict build and by `make build` (python -m mbct_guide.build) around it."""
    project = copy_project(tmp_path / "project")
    path, action = an_action(project)
    theme = action["theme"]
    path.write_text(path.read_text().replace(f"theme: {theme}\n", f"theme: {theme}s\n"))
    if command == "make build":
        result = subprocess.run(
            [sys.executable, "-m", "mbct_guide.build"], cwd=project, capture_output=True, text=True, timeout=600
        )
    else:
        result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    rule = f"'{theme}s' is not a theme; did you mean '{theme}'?"
    assert output.count(rule) == 1, output
    assert output.count("The guidance data has 1 problem") == 1, output
    assert "Traceback" not in output


def test_business_case_links_go_to_the_template_and_its_downloads_give_the_calculators_address(built_site):
    """Issue 21: the commissioner's and the calculator's business-case links open the template
    itself; the Word and Markdown copies name the calculator by its full address, since
    "on this site" means nothing in a downloaded file."""
    assert 'href="../../tools/templates/business-case/"' in page(built_site, "roles/commissioner")
    assert 'href="../templates/business-case/"' in page(built_site, "tools/calculator")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page(built_site, "tools/calculator")).group(1)
    assert canonical.startswith("http") and canonical.endswith("/tools/calculator/")
    downloads = built_site / "downloads" / "templates"
    markdown = (downloads / "business-case.md").read_text(encoding="utf-8")
    assert f"Cost and capacity calculator: {canonical}" in markdown
    word = "\n".join(p.text for p in Document(str(downloads / "business-case.docx")).paragraphs)
    assert f"Cost and capacity calculator: {canonical}" in word
    for text in (markdown, word):
        assert "calculator on this site" not in text
    # The template page links the calculator too.
    assert 'Open the <a href="../../calculator/">cost and capacity calculator</a>' in page(
        built_site, "tools/templates/business-case"
    )


def _active_menu_links(html: str) -> list[str]:
    """The links of the menu's active items: the page, or the page it sits under, and its section."""
    return re.findall(r'<li class="md-nav__item[^"]*md-nav__item--active[^"]*">\s*<a href="([^"]+)"', html)


def test_each_action_page_s_menu_shows_the_stage_it_belongs_to(built_site):
    """The menu of pages outside it is made once per folder and owner page and reused
    (overrides/main.html): each action page's menu must still mark its own stage, and link
    from where the page is."""
    for action in GUIDE.actions:
        html = (built_site / "actions" / action.id / "index.html").read_text(encoding="utf-8")
        assert _active_menu_links(html) == [f"../../journey/{action.stage}/"], action.id
    stages = {action.stage for action in GUIDE.actions}
    assert len(stages) == 3, "actions at every stage, so the reused menus are told apart"

"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): generated pages, URLs for the theme
templates, and the small fixes this site makes to the theme's HTML.

- on_config: the Stories menu lists one entry per story in the data.
- on_files: pages and files generated from the data (generated.py) join MkDocs' own
  files, so they are built, searched and linked like hand-written pages; so does the
  explorer's word index (render/tools.py).
- on_nav: generated pages outside the menu sit under the page they belong to (breadcrumbs).
- on_page_markdown: the macros reference gets its list of macros, read from the macros.
- on_page_content: citations become numbers with a sources list per section (citations.py).
- on_env: theme templates get ``page_url``, which gives a page's URL from its docs/ file
  through MkDocs (so the footer links follow directory or offline .html URLs alike).
- on_post_build: a compact search index (search_index.py); the stylesheets that combine
  extra.css with page stylesheets (page_styles.py); our CSS and scripts minified
  (minify.py); the theme's stylesheet without the rules no page here can use (theme_css.py).
- on_page_context: the canonical address is the published one, also in the offline copy.
- on_post_page: "Share" under the title of action, role, stage and story pages (share.py),
  the stylesheets only some pages use, with extra.css in one file (page_styles.py),
  accessibility and validity fixes to the theme's markup (theme_fixes.py), then the page
  without the templates' indentation and comments (minify.py).

Each hook's time is counted as ours in the build's timings (``_timed``), for the benchmark.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url

from mbct_guide import downloads, generated, minify, page_styles, search_index, share, theme_css, theme_fixes
from mbct_guide.build_context import for_build
from mbct_guide.citations import CitedSource, number_citations
from mbct_guide.guide import Guide
from mbct_guide.macros_env import macro_reference
from mbct_guide.render.common import put_back_html, source_label
from mbct_guide.render.tools import explorer_words_script
from mbct_guide.render.urgent import URGENT_HELP_PAGE
from mbct_guide.routes import Links, nav_titles, source_file


class _Download(File):
    """A generated file offered as it is, even when its name ends in .md (a template to fill in)."""

    def is_documentation_page(self) -> bool:
        return False


def _timed(hook: Callable[..., Any]) -> Callable[..., Any]:
    """The hook's time counted as ours ("hooks" in the build's timings), so the benchmark can
    tell our work from MkDocs' and the theme's. MkDocs passes ``config`` by name to every
    event but on_config, which gets it first."""

    @functools.wraps(hook)
    def timed_hook(*args: Any, **kwargs: Any) -> Any:
        config = kwargs["config"] if "config" in kwargs else args[0]
        with for_build(config).timed("hooks"):
            return hook(*args, **kwargs)

    return timed_hook


def _guide(config: MkDocsConfig) -> Guide:
    """The build's guide, loaded once per build and shared with the macros (build_context.py)."""
    return for_build(config).guide


def _fill_section(nav: list, overview: str, entries: list) -> None:
    """Replace the menu section that starts with ``overview`` (at any depth) with ``entries``."""
    for section in nav:
        if isinstance(section, dict):
            for title, children in section.items():
                if isinstance(children, list) and children and children[0] == overview:
                    section[title] = entries
                elif isinstance(children, list):
                    _fill_section(children, overview, entries)


@_timed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill the Stories and Templates menu sections from the data: the overview page, then one
    entry per record, so adding a story or template is adding its YAML file."""
    guide = _guide(config)
    menus = {
        "stories/index.md": [{story.short_title: source_file("story", story.id)} for story in guide.stories],
        "tools/templates/index.md": [
            {template.short_title or template.title: source_file("template", template.id)}
            for template in guide.templates
        ],
    }
    for overview, entries in menus.items():
        _fill_section(config.nav or [], overview, [overview, *entries])
    return config


@_timed
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    guide = _guide(config)
    for page in generated.pages(guide):
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(
                f"docs/{page.path} is generated from the data; delete the file in docs/ (its content comes from "
                "guidance_data/)"
            )
        files.append(File.generated(config, page.path, content=page.content))
    site_url = config.site_url or "/"

    def page_address(kind: str, target_id: str) -> str:
        found = files.get_file_from_path(source_file(kind, target_id))
        if found is None:
            raise PluginError(f"no page for {kind} '{target_id}'")
        return share.live_address(site_url, found.src_uri)  # the published address, from the offline copy too

    schema_dir = Path(config.config_file_path).parent / "guidance_data" / "schemas"
    with for_build(config).timed("downloads"):  # the benchmark reports this share
        for path, content in downloads.downloads(guide, page_address, schema_dir, nav_titles(config.nav)):
            files.append(_Download.generated(config, path, content=content))
    # The explorer's word index, a file of its own so that only a search downloads it.
    explorer_links = Links(guide, files, "explorer.md")
    files.append(
        File.generated(config, source_file("explorer-words", ""), content=explorer_words_script(guide, explorer_links))
    )
    return files


@_timed
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Pages that are not in the menu (an action, a handout, a print pack) sit under the page
    they belong to, so their breadcrumbs and the menu show where they are."""
    guide = _guide(config)
    for page_path, owner_path in generated.belongs_to(guide).items():
        page, owner = files.get_file_from_path(page_path), files.get_file_from_path(owner_path)
        if page is not None and owner is not None and page.page is not None and owner.page is not None:
            page.page.parent = owner.page
    return nav


MACROS_PAGE = "maintainers/macros.md"


@_timed
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The macros reference lists every macro from its own signature and docstring."""
    if page.file.src_uri != MACROS_PAGE:
        return markdown
    return markdown.rstrip() + "\n\n" + macro_reference()


@_timed
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Finished HTML that macros held out of Markdown goes back in place; then citations become
    numbers, with the sources listed at the end of each section."""
    held = for_build(config).held_html.pop(page.file.src_uri, None)
    if held:
        html = put_back_html(html, held)
    guide = _guide(config)
    links = Links(guide, files, page.file.src_uri)

    def describe(source_id: str) -> CitedSource:
        return CitedSource(source_label(guide, source_id), links.url("source", source_id))

    return number_citations(html, describe)


@_timed
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    @jinja2.pass_context
    def page_url(context: jinja2.runtime.Context, path: str) -> str:
        """The URL of a docs/ page (such as 'changelog.md') relative to the page being rendered."""
        found = files.get_file_from_path(path)
        if found is None:
            raise PluginError(f"a theme template links to '{path}', which is not a page of this site")
        return normalize_url(found.url, page=context.get("page"), base=context.get("base_url", ""))

    env.filters["page_url"] = page_url
    # The menus of pages outside the menu, made once per folder (overrides/main.html, site_nav).
    env.globals["mbct_menus"] = for_build(config).menus_outside_nav
    return env


def _urgent_help_url(config: MkDocsConfig) -> str:
    """The urgent help page's URL from the site root, directory-style or .html (offline copy)."""
    return File(URGENT_HELP_PAGE, config.docs_dir, config.site_dir, config.use_directory_urls).url


@_timed
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """The canonical address is the page's published one: the offline copy's own .html
    address does not exist on the published site (link previews and the offline banner use it)."""
    if config.site_url:
        page.canonical_url = share.live_address(config.site_url, page.file.src_uri)
    return context


@_timed
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    base_url = get_relative_url(".", page.url)  # as MkDocs computes it for the page's own links
    if page.file.src_uri in for_build(config).shared_pages:
        address = share.live_address(config.site_url or "/", page.file.src_uri)
        output = share.add_share_control(output, address, base_url)
    output = for_build(config).with_page_stylesheets(output)
    fixed = theme_fixes.apply(
        output, page.file.src_uri, Path(config.site_dir), base_url=base_url, urgent_help_url=_urgent_help_url(config)
    )
    return minify.compact_html(fixed)


@_timed
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page is a theme template, with links from the site's root path."""
    if not template_name.endswith(".html"):
        return output
    base_url = urlsplit(config.site_url or "/").path
    fixed = theme_fixes.apply(
        output, template_name, Path(config.site_dir), base_url=base_url, urgent_help_url=_urgent_help_url(config)
    )
    return minify.compact_html(fixed)


@_timed
def on_post_build(*, config: MkDocsConfig) -> None:
    """A smaller search index with no empty duplicate hits (search_index.py), the combined
    stylesheets the pages link (page_styles.py), our own CSS and scripts minified (minify.py),
    and the theme's stylesheet trimmed to the rules that
    can match here (theme_css.py; it reads the finished pages and scripts). Runs before the
    offline plugin copies the index into a script (its step has a lower priority)."""
    site = Path(config.site_dir)
    search_index.tidy_file(site / "search" / "search_index.json")
    page_styles.write_combined(site, for_build(config).combined_stylesheets)
    minify.minify_site(site)
    theme_css.trim_theme_stylesheet(site)

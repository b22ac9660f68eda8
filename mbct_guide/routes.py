"""Where everything lives: the one route table, and URLs resolved through MkDocs.

Every page pattern (a stage page, an action's anchor, a template download...) is written
once, in ``ROUTES``. Renderers never build a URL themselves: they ask a ``Links`` object,
made for the page being built, for a target such as ``("story", "rural-area")``. Links
looks the target's source file up in MkDocs' own ``Files`` collection and lets MkDocs
work out the relative URL (``File.url_relative_to``), so the same renderers give
directory URLs on the published site and ``.html`` URLs in the offline copy, and a target
that does not exist stops the build with a message naming the page and the target.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from .guide import Guide


@dataclass(frozen=True)
class Route:
    """A kind of target: the docs/ file it lives in and, for anchors, the record it names."""

    file: str  # a docs/ path (or a generated file), with {id} and, for actions, {stage}
    anchor: bool = False  # True when the id is an anchor on that page rather than a page of its own
    records: str | None = None  # the Guide collection whose ids are valid targets
    generated: bool = False  # True when the build writes one page per record (generated.py)
    short_link: bool = False  # True when editors may write [text](<kind>:<id>) in Markdown fields

    def source_file(self, target_id: str, guide: Guide | None) -> str:
        if "{stage}" in self.file:
            if guide is None:
                raise RouteError(None, f"the route for '{target_id}' needs the guidance data")
            return self.file.format(id=target_id, stage=guide.action(target_id).stage)
        return self.file.format(id=target_id)


# The one place each pattern is written. Keys are the "kinds" renderers ask for; most are
# also the short-link kinds editors write in Markdown fields, such as [text](story:rural-area).
ROUTES: dict[str, Route] = {
    "page": Route("{id}", short_link=True),
    "stage": Route("journey/{id}.md", records="stages", short_link=True),
    "role": Route("roles/{id}.md", records="roles", short_link=True),
    "theme": Route("themes/{id}.md", records="themes", short_link=True),
    "action": Route("actions/{id}.md", records="actions", generated=True, short_link=True),
    # An action's card on its stage page: old links to /journey/<stage>/#<id> still land here.
    "action-card": Route("journey/{stage}.md", anchor=True, records="actions"),
    "story": Route("stories/{id}.md", records="stories", generated=True, short_link=True),
    "template": Route("tools/templates/{id}.md", records="templates", generated=True, short_link=True),
    "pivot-point": Route("pivot-points.md", anchor=True, records="pivot_points", short_link=True),
    "source": Route("about/references.md", anchor=True, records="sources", short_link=True),
    "glossary": Route("about/glossary.md", anchor=True, records="glossary"),
    "element": Route("framework.md", anchor=True, records="elements"),
    "concept": Route("framework.md", anchor=True, records="framework_concepts"),
    "handout": Route("handouts/{id}.md", records="roles", generated=True),
    "role-pack": Route("print/roles/{id}.md", records="roles", generated=True),
    "stage-pack": Route("print/stages/{id}.md", records="stages", generated=True),
    "template-download": Route("downloads/templates/{id}"),
    "data": Route("data/{id}"),
    # The explorer's word index, fetched when someone searches (render/tools.py).
    "explorer-words": Route("assets/js/explorer-words.js"),
}

# The tools an action or a template section can point to, and the page of each. Their names
# are the menu's (mkdocs.yml nav), written there only.
TOOL_PAGES: dict[str, str] = {
    "explorer": "explorer.md",
    "self-assessment": "tools/self-assessment.md",
    "calculator": "tools/calculator.md",
    "templates": "tools/templates/index.md",
}


def nav_titles(nav: list | None) -> dict[str, str]:
    """{docs/ path: menu title} for every titled entry of mkdocs.yml's nav, at any depth; a
    section's untitled first page (its overview, as tools/templates/index.md) takes the
    section's title, as the theme shows it."""
    titles: dict[str, str] = {}
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, str):
                    titles[target] = title
                elif isinstance(target, list):
                    if target and isinstance(target[0], str):
                        titles[target[0]] = title
                    titles |= nav_titles(target)
    return titles


# Which kinds of page the build generates, and the collection whose ids each is made for.
GENERATED_KINDS = {kind: route.records for kind, route in ROUTES.items() if route.generated}


def generated_page_paths(ids: Mapping[str, Iterable[str]]) -> set[str]:
    """The docs/ paths of generated pages, from record ids alone (the loader checks links and
    review dates with this before the Guide exists)."""
    return {source_file(kind, i) for kind, collection in GENERATED_KINDS.items() for i in ids.get(collection, ())}


# Short links editors may write in Markdown fields (text.py), and the collection each names:
# "pages" for a docs/ page, which the loader checks against docs/ and the generated pages.
SHORT_LINKS: dict[str, str] = {kind: route.records or "pages" for kind, route in ROUTES.items() if route.short_link}
# Addresses written as they are, never looked up in the route table.
EXTERNAL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})


class RouteError(Exception):
    """A renderer asked for a target that does not exist. ``problem`` says what, ``page`` where."""

    def __init__(self, page: str | None, problem: str):
        self.page = page
        self.problem = problem
        super().__init__(f"{page}: {problem}" if page else problem)


def source_file(kind: str, target_id: str, guide: Guide | None = None) -> str:
    """The docs/ file a target lives in, such as 'journey/developing.md' for an action."""
    if kind not in ROUTES:
        raise RouteError(None, f"'{kind}' is not a kind of link; use one of: {', '.join(ROUTES)}")
    return ROUTES[kind].source_file(target_id, guide)


class Links:
    """Relative URLs from one page being built to any target, resolved by MkDocs."""

    def __init__(
        self,
        guide: Guide | None,
        files: Files,
        page: str,
        *,
        site_url: str | None = None,
        menu_titles: Mapping[str, str] | None = None,
    ):
        self.guide = guide
        self.files = files
        self.page = page
        self.site_url = site_url
        self.menu_titles = menu_titles or {}  # nav_titles(mkdocs.yml's nav)
        here = files.get_file_from_path(page)
        if here is None:
            raise RouteError(page, "this page is not among the site's files")
        self.here = here
        self._urls: dict[tuple[str, str, str | None], str] = {}  # a page links to the same places often

    def for_page(self, page: str) -> Links:
        """Links from another page of the same build (such as a print pack, rendered ahead
        of its own page)."""
        return Links(self.guide, self.files, page, site_url=self.site_url, menu_titles=self.menu_titles)

    def _check_record(self, kind: str, route: Route, target_id: str) -> None:
        if route.records is None or self.guide is None:
            return
        if target_id not in self.guide.record_ids(route.records):
            raise RouteError(self.page, f"a link to {kind} '{target_id}', which does not exist")

    def file(self, kind: str, target_id: str = "") -> File:
        """The MkDocs File a target lives in."""
        route = ROUTES.get(kind)
        if route is None:
            raise RouteError(self.page, f"'{kind}' is not a kind of link; use one of: {', '.join(ROUTES)}")
        self._check_record(kind, route, target_id)
        path = route.source_file(target_id, self.guide)
        # The route table gives POSIX paths already: a plain lookup, without the PurePath that
        # get_file_from_path builds for each of the build's tens of thousands of links.
        found = self.files.src_uris.get(path)
        if found is None:
            raise RouteError(self.page, f"a link to {kind} '{target_id}' needs the file '{path}', which does not exist")
        return found

    def menu_title(self, path: str) -> str:
        """The title a page has in the menu (its nav entry), such as 'Guidance explorer'."""
        if path not in self.menu_titles:
            raise RouteError(self.page, f"'{path}' has no title in the menu (nav in mkdocs.yml)")
        return self.menu_titles[path]

    def url(self, kind: str, target_id: str = "", anchor: str | None = None) -> str:
        """The URL of a target relative to this page, with the anchor an anchored kind implies."""
        key = (kind, target_id, anchor)
        if key not in self._urls:
            route = ROUTES.get(kind)
            target = self.file(kind, target_id)
            if anchor is None and route is not None and route.anchor:
                anchor = target_id
            url = _relative_url(target.url, self.here.url)
            self._urls[key] = f"{url}#{anchor}" if anchor else url
        return self._urls[key]

    def address(self, kind: str, target_id: str = "", anchor: str | None = None) -> str:
        """The full published address of a target, for print (where a relative link is no use)
        and for links from the offline copy to the live site."""
        if not self.site_url:
            raise RouteError(self.page, "a full address needs site_url in mkdocs.yml")
        route = ROUTES.get(kind)
        target = self.file(kind, target_id)
        if anchor is None and route is not None and route.anchor:
            anchor = target_id
        address = live_address(self.site_url, target.src_uri)
        return f"{address}#{anchor}" if anchor else address

    def page_url(self, path: str, anchor: str | None = None) -> str:
        """The URL of a docs/ page named by its file, such as 'tools/calculator.md'."""
        return self.url("page", path, anchor)


def live_path(src_uri: str) -> str:
    """A docs/ file's path on the published site, which has directory URLs, whatever this
    build uses: ``actions/find-a-buddy.md`` is ``actions/find-a-buddy/`` (the offline copy's
    own file is ``actions/find-a-buddy.html``), ``index.md`` is ``""``, and a file that is not
    a page keeps its name."""
    return File(src_uri, "/docs", "/site", use_directory_urls=True).url


def live_address(site_url: str, src_uri: str) -> str:
    """The full published address of a docs/ file, such as https://.../actions/find-a-buddy/:
    what a printed page, a download or a shared link gives, from the offline copy too."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", live_path(src_uri))


@functools.lru_cache(maxsize=65536)
def _relative_url(target: str, here: str) -> str:
    """MkDocs' own relative URL (what File.url_relative_to gives), remembered: pages at the
    same place link to the same targets."""
    return get_relative_url(target, here)


def site_files(paths: Iterable[str], *, use_directory_urls: bool = True) -> Files:
    """A Files collection for the given docs/ paths (for tests and tools outside a build)."""
    return Files([File(path, "/docs", "/site", use_directory_urls) for path in paths])

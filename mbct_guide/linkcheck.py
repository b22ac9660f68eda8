"""Link checks over a built site, for what MkDocs does not check itself.

MkDocs checks the links written in Markdown pages, and every link our renderers make comes
from the route table (routes.py), so its target page exists or the build stops. What is
left is anchors inside raw HTML (such as an action's #id on its stage page) and links the
theme writes, checked here over the built site, and a list of external links for a person.

`python -m mbct_guide.linkcheck site` checks internal links (and fails on any problem);
`python -m mbct_guide.linkcheck site --external` lists external links for a person or a
separate job to check (it never fetches them: nothing downloads during a build or test).
"""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag in {"a", "link"} and attributes.get("href") and attributes.get("rel") not in {"canonical", "alternate"}:
            self.links.append(attributes["href"])
        if tag in {"script", "img", "source"} and attributes.get("src"):
            self.links.append(attributes["src"])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target_file(site: Path, page_path: Path, href: str, base_path: str) -> tuple[Path, str]:
    # Pages such as 404.html use absolute paths that start with the published base path.
    if href.startswith(base_path) and base_path != "/":
        href = "/" + href[len(base_path) :]
    page_url = "file:///" + page_path.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(page_url, href))
    path = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(resolved.fragment)


def check_site(site: Path, base_path: str = "/") -> tuple[list[str], dict[str, set[str]]]:
    """Broken internal links (as messages), and external links with the pages using them.

    ``base_path`` is the path part of site_url, such as /mbct-implementation-resource/."""
    site = Path(site)
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    problems: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    for path, page in pages.items():
        shown = path.relative_to(site).as_posix()
        for href in page.links:
            scheme = urlsplit(href).scheme
            if scheme in {"http", "https"}:
                external[href].add(shown)
                continue
            if scheme in {"mailto", "tel", "sms", "data", "javascript", "blob"} or href.startswith("#") and href == "#":
                continue
            target, fragment = _target_file(site, path, href, base_path)
            if not target.is_file():
                problems.append(f"{shown}: link to '{href}' finds no file")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if fragment not in ids:
                    problems.append(f"{shown}: link to '{href}' finds no anchor '#{fragment}'")
    return sorted(set(problems)), external


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv and not argv[0].startswith("--") else Path("site")
    base_path = urlsplit(os.environ.get("SITE_URL", "")).path or _configured_base_path()
    problems, external = check_site(site, base_path)
    if "--external" in argv:
        for url in sorted(external):
            print(f"{url}  (on {len(external[url])} page(s), e.g. {sorted(external[url])[0]})")
        return 0
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken internal link(s); {len(external)} external link(s) not checked here.")
    return 1 if problems else 0


def _configured_base_path() -> str:
    config = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    match = re.search(r'^site_url:.*"(https?://[^"]+)"', config.read_text(encoding="utf-8"), re.M)
    return urlsplit(match.group(1)).path if match else "/"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""One object per build for what the hooks and the macros share: the loaded guide, the build's
date and contact, the finished HTML that macros hold out of Markdown, and the timings the
benchmark reads. It lives on the build's MkDocs config, so each build (each `mkdocs serve`
rebuild reads mkdocs.yml again) starts with a new one and nothing is kept in module globals.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import time
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import page_styles, share
from .contact import Contact, contact_settings
from .guide import Guide
from .loader import load_guide
from .problems import GuidanceDataError
from .render import HeldRender

CONFIG_KEY = "mbct_build"
# Our own share of a build, for the benchmark: loading the data, the macros, writing the
# downloads, and the rest of what our hooks do (generated pages, held HTML put back, citations,
# page fixes, the search index, stylesheets). What is left is MkDocs' and the theme's.
TIMING_BUCKETS = ("load", "macros", "downloads", "hooks")


def build_date() -> dt.date:
    """Today, or MBCT_TODAY=YYYY-MM-DD (to check ahead, and for tests)."""
    pinned = os.environ.get("MBCT_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


@dataclass
class BuildContext:
    guide: Guide
    today: dt.date
    contact: Contact
    docs_dir: Path
    # Finished HTML that macros hold out of Markdown, by page, until hooks.on_page_content puts
    # it back (render.common.holding_html).
    held_html: dict[str, dict[str, str]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TIMING_BUCKETS, 0.0))
    # The theme's menu for pages that are not in it, by folder (overrides/main.html, site_nav).
    menus_outside_nav: dict[str, str] = field(default_factory=dict)
    # The words in each of our scripts, by file name, and the combined stylesheets the pages
    # link, to be written after the build (page_styles.py).
    script_names: dict[str, frozenset[str]] = field(default_factory=dict)
    combined_stylesheets: set[str] = field(default_factory=set)
    # Each print pack, rendered once and shared by the page that links to it and its own page
    # (page_macros._print_pack), by (kind, id).
    print_packs: dict[tuple[str, str], HeldRender] = field(default_factory=dict)
    loads: int = 0
    # The timers open now, innermost last, as [bucket, when it last started counting].
    _running: list[list[Any]] = field(default_factory=list, repr=False)

    @functools.cached_property
    def shared_pages(self) -> frozenset[str]:
        """The pages that get a Share button (share.py), worked out once per build, not per page."""
        return share.shared_pages(self.guide.record_ids)

    @functools.cached_property
    def page_stylesheets(self) -> tuple[page_styles.PageStylesheet, ...]:
        """The stylesheets sent only to the pages that use them (page_styles.py), read once per build."""
        return page_styles.read_page_stylesheets(self.docs_dir)

    def names_in_script(self, name: str) -> frozenset[str]:
        """The words of one of our scripts (assets/js/<name>) that could be classes it adds,
        worked out once per build (page_styles.script_names); none if there is no such file."""
        if name not in self.script_names:
            path = self.docs_dir / "assets" / "js" / name
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            self.script_names[name] = page_styles.script_names(text)
        return self.script_names[name]

    def with_page_stylesheets(self, html: str) -> str:
        """The finished page linking extra.css with the page stylesheets it can use, in one
        file (page_styles.py); the file is noted, to be written after the build."""
        paths = page_styles.stylesheets_for(html, self.names_in_script, self.page_stylesheets)
        if paths:
            self.combined_stylesheets.add(page_styles.combined_path(paths))
        return page_styles.link_stylesheets(html, paths)

    @contextlib.contextmanager
    def timed(self, bucket: str) -> Iterator[None]:
        """Time spent inside, added to ``bucket``. A timer inside another (the downloads are
        written inside a hook) stops the outer one while it runs, so no time counts twice and
        the buckets add up to our share of the build."""
        now = time.perf_counter()
        if self._running:
            outer = self._running[-1]
            self.timings[outer[0]] += now - outer[1]
        self._running.append([bucket, now])
        try:
            yield
        finally:
            now = time.perf_counter()
            inner, started = self._running.pop()
            self.timings[inner] += now - started
            if self._running:
                self._running[-1][1] = now

    def write_timings(self) -> None:
        """For the benchmark (and a test): time spent in our code and how often the data was
        loaded, written where MBCT_TIMINGS points."""
        if os.environ.get("MBCT_TIMINGS"):
            report = {**self.timings, "loads": self.loads}
            Path(os.environ["MBCT_TIMINGS"]).write_text(json.dumps(report), encoding="utf-8")


def start(project_dir: Path, docs_dir: Path, extra: dict[str, Any]) -> BuildContext:
    """Load and validate the data; on problems, stop the build before any page is written."""
    started = time.perf_counter()
    try:
        guide = load_guide(project_dir / "guidance_data", docs_dir)
    except GuidanceDataError as error:
        raise PluginError(error.report()) from None
    context = BuildContext(guide=guide, today=build_date(), contact=contact_settings(extra), docs_dir=docs_dir, loads=1)
    context.timings["load"] = time.perf_counter() - started
    return context


def for_build(config: MutableMapping[str, Any]) -> BuildContext:
    """The build's context, made by whichever of the hooks and the macros asks first."""
    context = config.get(CONFIG_KEY)
    if context is None:
        project_dir = Path(config["config_file_path"]).parent
        context = start(project_dir, Path(config["docs_dir"]), dict(config["extra"]))
        config[CONFIG_KEY] = context
    return context

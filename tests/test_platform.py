"""Portability: the site builds the same with ProperDocs, the maintained fork of MkDocs 1.x."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, html_pages

_MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def main_content(page: Path) -> str:
    found = _MAIN.search(page.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs-site")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_properdocs_builds_the_same_pages_with_the_same_content(built_site, properdocs_site):
    ours = {p.relative_to(built_site).as_posix(): p for p in html_pages(built_site)}
    theirs = {p.relative_to(properdocs_site).as_posix(): p for p in html_pages(properdocs_site)}
    assert sorted(ours) == sorted(theirs)
    differ = [name for name in ours if main_content(ours[name]) != main_content(theirs[name])]
    assert differ == []
    assert all(main_content(page) for name, page in ours.items() if name != "404.html"), "no main content found"


def test_properdocs_publishes_the_same_files(built_site, properdocs_site):
    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    assert files(built_site) == files(properdocs_site)


def test_make_offers_the_properdocs_build():
    assert re.search(r"^build-properdocs:.*\n\t.*properdocs build --strict", (ROOT / "Makefile").read_text(), re.M)

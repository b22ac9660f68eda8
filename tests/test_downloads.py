"""Every link to a file to download says the file's type and size, GOV.UK style ("Word
document, 18 KB"), worked out from the file the build publishes (issue 21, item 7)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import html_pages

from mbct_guide.render.common import FILE_TYPES, file_size

LINK = re.compile(r'<a href="([^"]+)"( download)?>(.*?)</a>(\s*<span class="mbct-file-about">\(([^)]*)\)</span>)?')


def test_file_sizes_read_as_people_say_them():
    assert file_size(0) == "1 KB"
    assert file_size(1024) == "1 KB"
    assert file_size(18 * 1024 + 1) == "19 KB"
    assert file_size(int(1.25 * 1024 * 1024)) == "1.2 MB"


def test_every_download_link_gives_the_files_type_and_real_size(built_site: Path):
    checked, wrong = 0, []
    for page in html_pages(built_site):
        name = page.relative_to(built_site).as_posix()
        for href, download, _label, about_html, about in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" in href or href.startswith(("#", "mailto:", "tel:")):
                continue
            path = urlsplit(href).path
            ending = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
            if ending not in FILE_TYPES and not download:
                continue  # a page, not a file
            target = built_site / urljoin(name, path)
            expected = f"{FILE_TYPES[ending]}, {file_size(target.stat().st_size)}"
            checked += 1
            if not about_html or about != expected or not download:
                wrong.append(f"{name}: {href} says {about or 'nothing'!r}, not {expected!r}")
    assert wrong == []
    assert checked >= 6 * 2 + 20, checked  # two downloads per template, the open data files

"""downloads.py and the links to downloads: the Word copy of a template is the same file from
build to build, and every link to a file says the file's type and size, GOV.UK style ("Word
document, 18 KB"), worked out from the file the build publishes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import fakes
from conftest import html_pages

from mbct_guide import models as m
from mbct_guide.downloads import DOCUMENT_DATE, template_docx, with_fixed_times
from mbct_guide.render.common import FILE_TYPES, file_size


def fake_template() -> m.Template:
    return m.Template(
        id="fake-template",
        title="Fake template",
        summary="A fake summary.",
        how_to_use="Fill it in.",
        sections=[m.TemplateSection(heading="Fake heading", guidance="Write here.")],
        sources=["fake-source"],
    )


def test_every_entry_of_the_word_copy_carries_the_fixed_document_date():
    guide = fakes.guide(templates=[fake_template()])
    package = template_docx(guide, guide.templates[0], "https://example.org/t/", {})
    with zipfile.ZipFile(io.BytesIO(package)) as document:
        dates = {entry.date_time for entry in document.infolist()}
        assert "word/document.xml" in document.namelist()
    assert dates == {DOCUMENT_DATE.timetuple()[:6]}


def test_fixing_the_times_keeps_every_entry_and_its_content():
    original = io.BytesIO()
    with zipfile.ZipFile(original, "w") as package:
        package.writestr(zipfile.ZipInfo("a.xml", date_time=(2031, 7, 9, 13, 5, 2)), b"<a/>")
        package.writestr(zipfile.ZipInfo("b/c.xml", date_time=(2030, 1, 2, 3, 4, 6)), b"<c/>")
    fixed = with_fixed_times(original.getvalue())
    assert with_fixed_times(fixed) == fixed
    with zipfile.ZipFile(io.BytesIO(fixed)) as package:
        assert {name: package.read(name) for name in package.namelist()} == {"a.xml": b"<a/>", "b/c.xml": b"<c/>"}


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

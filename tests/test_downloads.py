"""downloads.py: the Word copy of a template is the same file from build to build."""

from __future__ import annotations

import io
import zipfile

import fakes

from mbct_guide import models as m
from mbct_guide.downloads import DOCUMENT_DATE, template_docx, with_fixed_times


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

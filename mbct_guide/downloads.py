"""Files published beside the pages: template downloads and the open data.

Pure functions from the Guide to file contents; ``downloads()`` names each file by its route
and hooks.py adds them to the site through MkDocs, so pages can link to them like any other file.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from docx import Document

from . import answers_file
from . import models as m
from .collection import COLLECTIONS
from .guide import Guide
from .routes import TOOL_PAGES, source_file
from .text import markdown_literal

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
# Fixed document dates keep downloads identical from build to build.
DOCUMENT_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def release_version(guide: Guide) -> str:
    return guide.changelog[0].version if guide.changelog else "0.0.0"


# --- templates --------------------------------------------------------------------------------


# For each tool a template section can name: (its name, its full web address).
ToolAddresses = Mapping[str, tuple[str, str]]


def tool_line(section: m.TemplateSection, tools: ToolAddresses) -> str | None:
    """'Cost and capacity calculator: https://...' for a section that names a tool."""
    if section.tool is None:
        return None
    name, address = tools[section.tool]
    return f"{name}: {address}"


def template_markdown(guide: Guide, template: m.Template, page_address: str, tools: ToolAddresses) -> str:
    """A template as a Markdown document to fill in with any text editor.

    Every value from the data is escaped (``text.markdown_literal``): the file is read by
    other people's Markdown tools, which do not sanitise, so a title holding a link, an
    image or a ``|`` must come out as the characters typed."""
    md = markdown_literal
    lines = [
        f"# {md(template.title)}",
        "",
        md(template.summary),
        "",
        f"**How to use it:** {md(template.how_to_use)}",
        "",
    ]
    for section in template.sections:
        lines += [f"## {md(section.heading)}", "", md(section.guidance), ""]
        if line := tool_line(section, tools):
            lines += [md(line), ""]
        for number, prompt in enumerate(section.prompts, 1):
            lines += [f"{number}. {md(prompt)}", "", "   _Your answer:_", ""]
        if section.table:
            lines.append("| " + " | ".join(md(heading) for heading in section.table) + " |")
            lines.append("|" + " --- |" * len(section.table))
            lines += ["|" + "  |" * len(section.table)] * section.rows
            lines.append("")
        lines += [f"- [ ] {md(item)}" for item in section.checklist]
        if section.checklist:
            lines.append("")
    if template.sources:
        lines += ["## Sources", ""]
        lines += [f"- {md(guide.source(s).citation)}" for s in template.sources]
        lines.append("")
    lines += ["---", "", f"From the MBCT implementation resource: {page_address}", ""]
    return "\n".join(lines)


def template_docx(guide: Guide, template: m.Template, page_address: str, tools: ToolAddresses) -> bytes:
    """The same template as a Word document (python-docx, made offline).

    Made again only when the template, its sources' citations or its address change: while
    `make serve` runs, a change to other data then rebuilds the site without remaking every
    document (python-docx is the slowest part of writing the downloads)."""
    citations = tuple(guide.source(source_id).citation for source_id in template.sources)
    tool_lines = tuple(tool_line(section, tools) for section in template.sections)
    return _template_docx(template.model_dump_json(), citations, page_address, tool_lines)


@functools.lru_cache(maxsize=64)
def _template_docx(
    template_json: str, citations: tuple[str, ...], page_address: str, tool_lines: tuple[str | None, ...]
) -> bytes:
    template = m.Template.model_validate_json(template_json)

    document = Document()
    properties = document.core_properties
    properties.title = template.title
    properties.author = "MBCT implementation resource"
    properties.created = properties.modified = DOCUMENT_DATE
    # python-docx looks a style up by name on every paragraph, which is slow; look each up
    # once and set its id directly (the same XML that styling by name produces).
    style_ids = {name: document.styles[name].style_id for name in ("Title", "Heading 1", "List Number", "List Bullet")}

    def paragraph(text: str = "", style: str | None = None):
        added = document.add_paragraph(text)
        if style:
            added._p.style = style_ids[style]  # noqa: SLF001 - see above
        return added

    paragraph(template.title, "Title")
    paragraph(template.summary)
    how = paragraph()
    how.add_run("How to use it: ").bold = True
    how.add_run(template.how_to_use)
    for section, line in zip(template.sections, tool_lines, strict=True):
        paragraph(section.heading, "Heading 1")
        paragraph(section.guidance)
        if line:
            paragraph(line)
        for prompt in section.prompts:
            paragraph(prompt, "List Number")
            paragraph()
        if section.table:
            table = document.add_table(rows=section.rows + 1, cols=len(section.table))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, section.table, strict=True):
                cell.text = heading
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        for item in section.checklist:
            paragraph(f"\u2610 {item}")
    if citations:
        paragraph("Sources", "Heading 1")
        for citation in citations:
            paragraph(citation, "List Bullet")
    paragraph(f"From the MBCT implementation resource: {page_address}")
    buffer = io.BytesIO()
    document.save(buffer)
    return with_fixed_times(buffer.getvalue())


def with_fixed_times(package: bytes) -> bytes:
    """The same .docx (a zip) with every entry dated DOCUMENT_DATE: python-docx stamps entries
    with the time of saving, so each build would publish a different file for the same content."""
    fixed = DOCUMENT_DATE.timetuple()[:6]
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as original, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=fixed)
            dated.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(dated, original.read(entry.filename))
    return output.getvalue()


# --- open data ----------------------------------------------------------------------------------


def collection_records(guide: Guide, name: str) -> list[dict]:
    return [record.model_dump(mode="json", exclude_none=True) for record in getattr(guide, name)]


def open_data(guide: Guide) -> dict:
    """Everything, in one document: the same records as guidance_data/, as JSON."""
    return {
        "name": "MBCT implementation resource: guidance data",
        "version": release_version(guide),
        "licence": LICENCE,
        "schemas": {c.name: f"schemas/{c.name}.schema.json" for c in COLLECTIONS},
        "collections": {c.name: collection_records(guide, c.name) for c in COLLECTIONS},
    }


def open_data_files(guide: Guide, schema_dir: Path) -> list[tuple[str, str]]:
    """(name under data/, content) for the whole data set, each collection and each schema."""

    def as_json(value: object) -> str:
        return json.dumps(value, indent=2, ensure_ascii=False) + "\n"

    everything = open_data(guide)
    files = [("guidance.json", as_json(everything))]
    for collection in COLLECTIONS:
        schema = f"schemas/{collection.name}.schema.json"
        files.append((f"{collection.name}.json", as_json(everything["collections"][collection.name])))
        files.append((schema, (schema_dir / f"{collection.name}.schema.json").read_text(encoding="utf-8")))
    # The self-assessment's answers file (answers_file.py): a format people exchange, not a collection.
    answers_schema = f"schemas/{answers_file.SCHEMA_NAME}"
    files.append((answers_schema, (schema_dir / answers_file.SCHEMA_NAME).read_text(encoding="utf-8")))
    return files


def downloads(
    guide: Guide, page_address: Callable[[str, str], str], schema_dir: Path, menu_titles: Mapping[str, str]
) -> Iterator[tuple[str, str | bytes]]:
    """(path in the site, content) for every template download and open-data file.

    ``page_address(kind, id)`` gives a page's full published address, for the line that
    says where a downloaded template came from; ``menu_titles`` names the tools' pages."""
    # A tool named by a template section is given by its full address: a downloaded copy has
    # no site around it for "on this site" to mean.
    tools = {tool: (menu_titles[page], page_address("page", page)) for tool, page in TOOL_PAGES.items()}
    for template in guide.templates:
        address = page_address("template", template.id)
        yield source_file("template-download", f"{template.id}.md"), template_markdown(guide, template, address, tools)
        yield source_file("template-download", f"{template.id}.docx"), template_docx(guide, template, address, tools)
    for name, content in open_data_files(guide, schema_dir):
        yield source_file("data", name), content

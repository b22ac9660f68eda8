"""The tools: the guidance explorer, the journey map, the calculator, the self-assessment and
the templates. HTML widgets are Jinja templates in mbct_guide/templates/ (autoescaped);
these functions gather what each needs from the Guide."""

from __future__ import annotations

from .. import models as m
from ..guide import Guide
from ..routes import Links
from ..text import plain
from .actions import action_cards
from .common import a, bullets, heading, json_script, safe, sentence_list, sources_list, title_link, widget

# --- the explorer ------------------------------------------------------------------------


def explorer(guide: Guide, links: Links) -> str:
    """Every action, compact, with a filter form that JavaScript reveals and drives.

    With JavaScript off the form stays hidden and every action shows. The filter
    values are ids, which are also the URL query values (?role=teacher&stage=developing).
    """
    filters = [
        {"name": "role", "legend": "Role", "options": [(r.id, r.title) for r in guide.roles]},
        {"name": "stage", "legend": "Stage", "options": [(s.id, s.title) for s in guide.stages]},
        {"name": "theme", "legend": "Theme", "options": [(t.id, t.title) for t in guide.themes]},
        {
            "name": "element",
            "legend": "Framework element",
            "options": [(e.id, e.title) for e in guide.framework_elements],
        },
    ]
    count = len(guide.actions)
    status = (
        f'<p class="mbct-count" id="explorer-count" role="status" aria-live="polite" data-total="{count}">'
        f"Showing all {count} actions.</p>"
    )
    cards = action_cards(guide, guide.actions, links, level=2, where=True, filters=True)
    empty = '<p id="explorer-empty" hidden>No actions match these filters. Try removing one.</p>'
    return "\n".join(
        [
            widget("explorer_form.html", filters=filters),
            "",
            status,
            "",
            '<div class="mbct-results" id="explorer-results">',
            cards,
            "</div>",
            "",
            empty,
            "",
        ]
    )


# --- the journey map ---------------------------------------------------------------------


def _title_lines(title: str) -> list[str]:
    """Two lines when the title has two or more words, so it fits the circle."""
    words = title.split()
    half = (len(words) + 1) // 2
    return [line for line in (" ".join(words[:half]), " ".join(words[half:])) if line]


def _map_stage(href: str, number: int, title: str, cx: int, cy: int, r: int, arrow: tuple | None) -> dict:
    lines = _title_lines(title)
    return {
        "href": href,
        "number": number,
        "lines": lines,
        "cx": cx,
        "cy": cy,
        "r": r,
        "first_y": cy + 8 - 13 * (len(lines) - 1),
        "arrow": arrow,
    }


def journey_map(guide: Guide, links: Links) -> str:
    """An SVG map of the stages, generated from the data: wide and narrow layouts, links to
    each stage, and a written text alternative. CSS shows the layout that fits the screen."""
    stages = list(guide.stages)
    hrefs = [links.url("stage", s.id) for s in stages]
    count = len(stages)
    gap = 320  # wide: stages left to right
    wide_stages = []
    for i, stage in enumerate(stages):
        cx = gap // 2 + gap * i
        arrow = (cx - gap + 82, 110, cx - 82, 110) if i else None
        wide_stages.append(_map_stage(hrefs[i], i + 1, stage.title, cx, 110, 72, arrow))
    first, last = gap // 2, gap // 2 + gap * (count - 1)
    wide = {
        "name": "wide",
        "width": gap * count,
        "height": 280,
        "stages": wide_stages,
        "back_path": f"M{last},186 C{last},250 {first},250 {first},190",
        "note_x": gap * count // 2,
        "note_y": 262,
        "note": "A service can slip back and need rebuilding",
    }
    step = 190  # narrow: stages top to bottom, for phones
    narrow_stages = []
    for i, stage in enumerate(stages):
        cy = 90 + step * i
        arrow = (130, cy - step + 68, 130, cy - 70) if i else None
        narrow_stages.append(_map_stage(hrefs[i], i + 1, stage.title, 130, cy, 64, arrow))
    bottom = 90 + step * (count - 1)
    narrow = {
        "name": "narrow",
        "width": 320,
        "height": bottom + 130,
        "stages": narrow_stages,
        "back_path": f"M196,{bottom} C290,{bottom} 290,90 200,90",
        "note_x": 160,
        "note_y": bottom + 110,
        "note": "A service can slip back",
    }
    names = sentence_list([s.title for s in stages])
    caption = (
        f"The journey has {count} stages: {names}. It often takes many years, and a service "
        "can slip back, for example when its lead leaves, and need rebuilding."
    )
    return widget("journey_map.html", wide=wide, narrow=narrow, caption=caption) + "\n"


# --- the cost and capacity calculator --------------------------------------------------------


def default_basis(guide: Guide, spec: m.CalculatorInput, links: Links) -> str:
    """Where a default comes from, with its source linked, as HTML."""
    basis = plain(spec.basis)
    if spec.source:
        basis += f" Source: {a(links, plain(guide.source(spec.source).short), 'source', spec.source)}."
    return basis


def _unit(spec: m.CalculatorInput) -> str:
    return f" {plain(spec.unit)}" if spec.unit else ""


def calculator_form(guide: Guide, links: Links) -> str:
    """The live calculator. Hidden until its script runs; the worked example serves without it."""
    from ..calculator import OUTPUTS

    fields = [
        {
            "id": spec.id,
            "html_id": f"calc-{spec.id.replace('_', '-')}",
            "label": spec.label + (f" ({spec.unit})" if spec.unit else ""),
            "help": spec.help,
            "default": format(spec.default, "g"),
            "minimum": format(spec.minimum, "g"),
            "maximum": format(spec.maximum, "g"),
            "whole": "true" if spec.whole_number else "false",
            "basis": safe(default_basis(guide, spec, links)),
        }
        for spec in guide.calculator
    ]
    return widget("calculator_form.html", fields=fields, outputs=OUTPUTS) + "\n"


def calculator_worked_example(guide: Guide, links: Links) -> str:
    """The calculator's result for the default figures, rendered at build time (works without JavaScript)."""
    from ..calculator import OUTPUTS, compute, format_output

    results = compute({spec.id: spec.default for spec in guide.calculator})
    inputs = ["| Figure | Default | Where it comes from |", "| --- | --- | --- |"]
    for spec in guide.calculator:
        inputs.append(
            f"| {plain(spec.label)} | {format(spec.default, 'g')}{_unit(spec)} | {default_basis(guide, spec, links)} |"
        )
    outputs = ["| Result | Value |", "| --- | --- |"]
    for key, label, kind in OUTPUTS:
        outputs.append(f"| {plain(label)} | {plain(format_output(kind, getattr(results, key), key))} |")
    return "\n".join(
        [
            heading(3, "The default figures", "default-figures"),
            "",
            *inputs,
            "",
            heading(3, "Results for the default figures", "default-results"),
            "",
            *outputs,
            "",
        ]
    )


# --- the self-assessment -----------------------------------------------------------------------

ANSWERS = (("not-yet", "Not yet"), ("partly", "Partly"), ("in-place", "In place"), ("dont-know", "Don't know"))


def assessment_data(guide: Guide, links: Links) -> dict:
    """What the self-assessment script needs, all ids and plain strings."""
    return {
        "version": 1,
        "stages": [{"id": s.id, "title": s.title} for s in guide.stages],
        "themes": [{"id": t.id, "title": t.title} for t in guide.themes],
        "roles": [{"id": r.id, "title": r.title} for r in guide.roles],
        "statements": [
            {"id": s.id, "theme": s.theme, "stage": s.stage, "text": s.text, "actions": list(s.actions)}
            for s in guide.assessment
        ],
        "actions": [
            {
                "id": x.id,
                "title": x.title,
                "stage": x.stage,
                "theme": x.theme,
                "roles": list(x.all_roles),
                "url": links.url("action", x.id),
            }
            for x in guide.actions
        ],
    }


def self_assessment(guide: Guide, links: Links) -> str:
    """Statements grouped by theme as radio buttons: a printable checklist without JavaScript,
    an autosaving, scoring tool with it."""
    stage_titles = {s.id: s.title for s in guide.stages}
    themes = [
        {
            "id": theme.id,
            "title": theme.title,
            "summary": theme.summary,
            "statements": [
                {"id": s.id, "text": s.text, "help": s.help, "stage_title": stage_titles[s.stage]}
                for s in guide.assessment
                if s.theme == theme.id
            ],
        }
        for theme in guide.themes
    ]
    return (
        widget(
            "self_assessment.html",
            data_script=safe(json_script("sa-data", assessment_data(guide, links))),
            themes=themes,
            roles=guide.roles,
            answers=ANSWERS,
        )
        + "\n"
    )


# --- templates -----------------------------------------------------------------------------


def template_page(guide: Guide, template_id: str, links: Links) -> str:
    """A printable template: guidance, questions, tables and checklists to fill in."""
    t = guide.template(template_id)
    downloads = " · ".join(
        f'<a href="{links.url("template-download", f"{t.id}.{ext}")}" download>{label}</a>'
        for ext, label in (("md", "Markdown (.md)"), ("docx", "Word (.docx)"))
    )
    parts = [
        f'<p class="mbct-lead">{plain(t.summary)}</p>',
        "",
        f"**How to use it:** {plain(t.how_to_use)}",
        "",
        f'<p class="mbct-downloads mbct-no-print">Download to edit: {downloads}. Or print this page.</p>',
        "",
    ]
    for index, section in enumerate(t.sections, 1):
        # What to write in each section is for the person filling it in; search finds the template
        # by its title, summary and how to use it.
        guidance = f"<p data-search-exclude>{plain(section.guidance)}</p>"
        parts += [heading(2, plain(section.heading), f"section-{index}"), "", guidance, ""]
        if section.prompts:
            items = "".join(
                f'<li>{plain(p)}<div class="mbct-write-space" aria-hidden="true"></div></li>' for p in section.prompts
            )
            parts += [f'<ol class="mbct-prompts" data-search-exclude>{items}</ol>', ""]
        if section.table:
            head = "".join(f'<th scope="col">{plain(c)}</th>' for c in section.table)
            row = "<tr>" + "<td></td>" * len(section.table) + "</tr>"
            parts += [
                f'<table class="mbct-fill-table" data-search-exclude>'
                f"<caption>{plain(section.heading)}: table to fill in</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{row * section.rows}</tbody></table>",
                "",
            ]
        if section.checklist:
            items = "".join(
                f'<li><span class="mbct-box" aria-hidden="true"></span>{plain(c)}</li>' for c in section.checklist
            )
            parts += [f'<ul class="mbct-checklist" data-search-exclude>{items}</ul>', ""]
    supporting = [x for x in guide.actions if t.id in x.templates]
    if supporting:
        parts += [
            heading(2, "Guidance this template supports", "actions"),
            "",
            bullets(title_link(guide, links, "action", x.id) for x in supporting),
            "",
        ]
    if t.sources:
        parts += [sources_list(guide, t.sources, links), ""]
    return "\n".join(parts)


def template_list(guide: Guide, links: Links) -> str:
    return bullets(f"{title_link(guide, links, 'template', t.id)}: {plain(t.summary)}" for t in guide.templates) + "\n"

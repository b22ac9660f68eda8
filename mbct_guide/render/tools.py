"""The tools: the guidance explorer, the journey map, the calculator, the self-assessment and
the templates. HTML widgets are Jinja templates in mbct_guide/templates/ (autoescaped);
these functions gather what each needs from the Guide."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser

from .. import answers_file, assessment
from .. import models as m
from ..calculator import OUTPUTS, compute, format_output
from ..guide import Guide
from ..routes import Links, RouteError
from ..sanitise import markdown_block, safe_markdown_html
from ..text import plain
from .actions import action_cards, first_sentence, tool_link
from .common import (
    attribute,
    bullets,
    download_link,
    heading,
    json_script,
    link,
    safe,
    sentence_list,
    sources_list,
    title_link,
    widget,
)

# --- the explorer ------------------------------------------------------------------------


# Words, as the explorer matches them. explorer.js splits what is typed the same way (its
# function ``words``); a browser test compares the two on every action's text.
_WORD = re.compile(r"[^\W_]+")  # letters and digits: any run of word characters but "_"


def search_words(text: str) -> list[str]:
    """``text`` as words to match: lower case, accents removed (NFKD, then every combining mark
    dropped) and split at anything that is not a letter or a digit."""
    folded = unicodedata.normalize("NFKD", text.lower())
    if not folded.isascii():  # most text is; only other text can hold combining marks
        folded = "".join(ch for ch in folded if not unicodedata.category(ch).startswith("M"))
    return _WORD.findall(folded)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def markdown_text(text: str, links: Links) -> str:
    """A Markdown field as the words a reader sees: link text but not addresses, no markup."""
    parser = _Text()
    parser.feed(safe_markdown_html(text, links))
    parser.close()
    return " ".join(parser.parts)


def _longest_only(words: Iterable[str]) -> list[str]:
    """Distinct words, sorted, without any word that begins another ('fund' goes when
    'funding' is there): the explorer matches word beginnings, so those add nothing."""
    ordered = sorted(set(words))
    return [w for w, after in zip(ordered, [*ordered[1:], ""], strict=True) if not after.startswith(w)]


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def explorer_index(guide: Guide, actions: Sequence[m.Action], links: Links) -> dict:
    """The words of each action's whole text (title, summary, detail, signs of progress and topics),
    for the explorer's words box, kept small because a reader downloads it to search.

    Rather than the text, it holds each distinct word once, as an inverted index: ``words`` is
    "word:postings word:postings ...", sorted, where postings are the positions of the
    actions (cards, in page order) that contain the word, written as gaps in base 36
    ("0,3" is the first and fifth card). Per action it leaves out what matching by word
    beginnings makes redundant: a word that begins another of its words, and the words of
    its card (title and first sentence), which explorer.js reads from the page."""
    postings: dict[str, list[int]] = {}
    for position, action in enumerate(actions):
        # Its topics' names too, so "funding" (and "money", its synonym) finds every action on funding.
        topics = [guide.topic(t).title for t in action.topics]
        text = " ".join(
            [action.title, action.summary, markdown_text(action.detail, links), *action.signs_of_progress, *topics]
        )
        on_card = set(search_words(f"{action.title} {first_sentence(action.summary)}"))
        for word in _longest_only(search_words(text)):
            if word not in on_card:
                postings.setdefault(word, []).append(position)
    entries = []
    for word in sorted(postings):
        gaps, previous = [], -1
        for position in postings[word]:
            gaps.append(_base36(position - previous - 1))
            previous = position
        entries.append(f"{word}:{','.join(gaps)}")
    # Words people may type for a word the guidance uses (search_synonyms.yml), in the same
    # form as the words: {"money": ["funding"], ...}.
    synonyms: dict[str, list[str]] = {}
    for synonym in guide.search_synonyms:
        for also in synonym.also:
            synonyms.setdefault(also, []).append(synonym.word)
    return {"version": 1, "actions": len(actions), "words": " ".join(entries), "synonyms": synonyms}


def explorer_words_script(guide: Guide, links: Links) -> str:
    """The explorer's word index as a script file (``window.mbctExplorerWords = {...}``).

    A file of its own, not part of the page: the first visit to the explorer does not
    download it (about 10 KB gzip); explorer.js adds it when someone is about to search. A
    script rather than JSON so that it loads from file:// in the offline copy too. JSON with
    every non-ASCII character escaped is a valid script expression."""
    index = json.dumps(explorer_index(guide, guide.actions, links), separators=(",", ":"))
    return f"window.mbctExplorerWords = {index};\n"


def explorer(guide: Guide, links: Links) -> str:
    """Every action, compact, with a filter form that JavaScript reveals and drives.

    With JavaScript off the form stays hidden and every action shows. The filter
    values are ids, which are also the URL query values (?role=teacher&stage=developing).
    The words box searches each action's whole text through ``explorer_index``.
    """
    filters = [
        {"name": "role", "legend": "Role", "options": [(r.id, r.title) for r in guide.roles]},
        {"name": "stage", "legend": "Stage", "options": [(s.id, s.title) for s in guide.stages]},
        {"name": "theme", "legend": "Theme", "options": [(t.id, t.title) for t in guide.themes]},
        {"name": "topic", "legend": "Topic", "options": [(t.id, t.title) for t in guide.topics]},
        {
            "name": "element",
            "legend": "Framework element",
            "options": [(e.id, e.title) for e in guide.framework_elements],
        },
    ]
    count = len(guide.actions)
    status = (
        f'<p class="mbct-count" id="explorer-count" role="status" aria-live="polite" tabindex="-1" '
        f'data-total="{count}">'
        f"Showing all {count} actions.</p>"
    )
    cards = action_cards(guide, guide.actions, links, level=2, where=True, filters=True)
    return "\n".join(
        [
            widget("explorer_form.html", filters=filters, total=count),
            "",
            status,
            "",
            f'<div class="mbct-results" id="explorer-results" data-words="{attribute(links.url("explorer-words"))}">',
            cards,
            "</div>",
            "",
            # Filled in by explorer.js: which filters are set, with a button to clear each.
            '<div class="mbct-explorer-empty" id="explorer-empty" tabindex="-1" hidden>'
            '<p id="explorer-empty-set"></p><ul class="mbct-clear-list" id="explorer-clear-list"></ul></div>',
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
    return plain(spec.basis) + _source_sentence(guide, spec, links)


def _source_sentence(guide: Guide, spec: m.CalculatorInput, links: Links) -> str:
    if not spec.source:
        return ""
    return f" Source: {link(links, plain(guide.source(spec.source).short), 'source', spec.source)}."


# Units shown as a symbol beside the field (GOV.UK and NHS "prefix" and "suffix" pattern),
# with the words a screen reader hears instead: (prefix, suffix, spoken).
_UNIT_SYMBOLS = {"pounds": ("£", "", "in pounds"), "percent": ("", "%", "as a percentage")}


def unit_display(spec: m.CalculatorInput) -> tuple[str, str, str]:
    """How a figure's unit shows beside its field: (prefix, suffix, words for screen readers).

    Nothing when the label already names the unit ("Courses a year" counts courses), so the
    unit never repeats the label; otherwise the unit as a suffix ("hours"), or a symbol."""
    if not spec.unit:
        return "", "", ""
    unit = spec.unit.strip()
    if unit.lower() in _UNIT_SYMBOLS:
        return _UNIT_SYMBOLS[unit.lower()]
    label_words = search_words(spec.label)
    stems = [word.removesuffix("s") for word in search_words(unit)]
    if all(any(word.startswith(stem) for word in label_words) for stem in stems):
        return "", "", ""
    return "", unit, f"in {unit}"


def figure(spec: m.CalculatorInput, value: float) -> str:
    """A figure with its unit, as text: '£50', '80%', '2 hours', '4 courses'."""
    shown = format(value, "g")
    if spec.unit and spec.unit.strip().lower() in _UNIT_SYMBOLS:
        prefix, suffix, _ = _UNIT_SYMBOLS[spec.unit.strip().lower()]
        return f"{prefix}{shown}{suffix}"
    return f"{shown} {spec.unit.strip()}" if spec.unit else shown


def calculator_form(guide: Guide, links: Links) -> str:
    """The live calculator. Hidden until its script runs; the worked example serves without it.

    Each field has one hint: its help text, with the source of its default linked. Where the
    default comes from, in full, is in the worked example's table on the same page."""
    fields = []
    for spec in guide.calculator:
        prefix, suffix, spoken = unit_display(spec)
        fields.append(
            {
                "id": spec.id,
                "html_id": f"calc-{spec.id.replace('_', '-')}",
                "label": spec.label,
                "spoken_unit": spoken,
                "prefix": prefix,
                "suffix": suffix,
                "hint": safe(plain(spec.help) + _source_sentence(guide, spec, links)),
                "default": format(spec.default, "g"),
                "minimum": format(spec.minimum, "g"),
                "maximum": format(spec.maximum, "g"),
                "whole": "true" if spec.whole_number else "false",
            }
        )
    return widget("calculator_form.html", fields=fields, outputs=OUTPUTS) + "\n"


def calculator_worked_example(guide: Guide, links: Links) -> str:
    """The calculator's result for the default figures, rendered at build time (works without JavaScript)."""
    results = compute({spec.id: spec.default for spec in guide.calculator})
    inputs = ["| Figure | Default | Where it comes from |", "| --- | --- | --- |"]
    for spec in guide.calculator:
        inputs.append(
            f"| {plain(spec.label)} | {plain(figure(spec, spec.default))} | {default_basis(guide, spec, links)} |"
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

# Snapshots, comparing, the team view and the downloads (self-assessment.js fetches them).
MORE_SCRIPT = "assets/js/self-assessment-team.js"
MORE_CSS = "assets/css/self-assessment-team.css"
# (id, label) for the radios; the answers are written once, in assessment.ANSWERS.
ANSWERS = tuple((answer.id, answer.label) for answer in assessment.ANSWERS)


def _action_url_pattern(guide: Guide, links: Links) -> str:
    """The URL of every action page, with "{id}" for its id (one route, so one pattern): the
    page carries the pattern once rather than a URL per action."""
    if not guide.actions:
        return ""
    sample = guide.actions[0].id
    pattern = links.url("action", sample).replace(sample, "{id}")
    for action in guide.actions:
        if links.url("action", action.id) != pattern.replace("{id}", action.id):
            raise RouteError(links.page, f"the action page URLs do not follow one pattern ('{action.id}')")
    return pattern


def assessment_data(guide: Guide, links: Links) -> dict:
    """What the self-assessment script needs, all ids and plain strings."""
    return {
        "version": 1,
        # What each answer is and counts for: the scripts hold no copy of the list.
        "answers": assessment.answers_data(),
        "discuss": assessment.discuss_data(),
        "unanswered_order": assessment.UNANSWERED_ORDER,
        "file": answers_file.script_data(),
        "stages": [{"id": s.id, "title": s.title} for s in guide.stages],
        "themes": [{"id": t.id, "title": t.title} for t in guide.themes],
        "roles": [{"id": r.id, "title": r.title} for r in guide.roles],
        "statements": [
            # No text: the script reads it from the statement's legend, so the page carries it once.
            {"id": s.id, "theme": s.theme, "stage": s.stage, "actions": list(s.actions)}
            for s in guide.assessment
        ],
        "actions": [
            {
                "id": x.id,
                "title": x.title,
                "stage": x.stage,
                "theme": x.theme,
                "roles": list(x.all_roles),
            }
            for x in guide.actions
        ],
        "actionUrl": _action_url_pattern(guide, links),
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
            # Fetched on first use, so a first visit does not pay for them.
            more_script=links.url("page", MORE_SCRIPT),
            more_css=links.url("page", MORE_CSS),
            name_length=answers_file.MAX_NAME,
        )
        + "\n"
    )


# --- templates -----------------------------------------------------------------------------


def template_page(guide: Guide, template_id: str, links: Links) -> str:
    """A printable template: guidance, questions, tables and checklists to fill in."""
    t = guide.template(template_id)
    downloads = " · ".join(
        download_link(links, label, "template-download", f"{t.id}.{ext}")
        for ext, label in (("docx", "Word version"), ("md", "Markdown version"))
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
        if section.tool:
            parts += [f'<p class="mbct-tool-link">Open the {tool_link(links, section.tool, lower=True)}.</p>', ""]
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
    if t.worked_example:
        parts += [
            heading(2, "Illustrative example: made up", "worked-example"),
            "",
            '<p class="mbct-meta"><strong>This example is made up.</strong> It shows how the template '
            "could be filled in. The service, people and figures in it are not real.</p>",
            "",
            # Like the sections, the example is for reading on the page; search finds the template
            # by its title, summary and how to use it.
            f"<div data-search-exclude markdown>\n\n{markdown_block(t.worked_example, links)}\n\n</div>",
            "",
        ]
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

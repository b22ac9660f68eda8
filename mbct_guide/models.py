"""The content model: one pydantic class per record type in guidance_data/.

Field conventions (documented for editors in guidance_data/README.md):

* ``PlainText`` fields are shown exactly as typed. Any Markdown or HTML characters in
  them are escaped when rendered, so ``*``, ``|`` or ``<script>`` appear literally.
* ``MarkdownText`` fields accept Markdown (paragraphs, lists, bold, links) but no raw
  HTML and no ``{{ }}`` / ``{% %}`` template syntax; links to other guidance use the
  short forms ``action:<id>``, ``pivot-point:<id>`` and so on (see ``text.py``).
* Ids are stable kebab-case slugs. Once published an id never changes meaning.

Every model forbids unknown keys, so a misspelt field name is an error, not a silent loss.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, model_validator

# --- closed vocabularies (a public contract: see product.md "Ids and URLs") -------------

StageId = Literal["starting-out", "developing", "sustaining"]
ThemeId = Literal[
    "make-it-fit",
    "evaluate-and-learn",
    "networks-and-culture",
    "build-a-team",
    "top-down-buy-in",
    "structure-and-governance",
    "nourish-and-sustain",
]
RoleId = Literal["implementer", "teacher", "manager", "commissioner", "referrer", "lived-experience"]
TopElementId = Literal["evidence", "context", "facilitation"]
ElementId = Literal[
    "evidence",
    "evidence-research",
    "evidence-clinical-experience",
    "evidence-patient-experience",
    "evidence-local-data",
    "context",
    "context-culture",
    "context-leadership",
    "context-evaluation",
    "facilitation",
    "facilitation-purpose",
    "facilitation-role",
    "facilitation-skills",
]
ToolId = Literal["explorer", "self-assessment", "calculator", "templates"]
KeyActivityId = Literal["make-the-case", "network-of-support", "trained-teachers"]
PivotKind = Literal["challenge", "opportunity", "either"]
SourceType = Literal["report", "journal-article", "guideline", "book", "book-chapter", "website", "policy", "standard"]
AnswerId = Literal["not-yet", "partly", "in-place", "dont-know"]
NationId = Literal["england", "scotland", "wales", "northern-ireland"]

STAGE_IDS: tuple[str, ...] = StageId.__args__
THEME_IDS: tuple[str, ...] = ThemeId.__args__
ROLE_IDS: tuple[str, ...] = RoleId.__args__
ELEMENT_IDS: tuple[str, ...] = ElementId.__args__
TOP_ELEMENT_IDS: tuple[str, ...] = TopElementId.__args__
KEY_ACTIVITY_IDS: tuple[str, ...] = KeyActivityId.__args__
NATION_IDS: tuple[str, ...] = NationId.__args__

# Calculator inputs are URL query parameters, so their names are a public contract too.
CalculatorInputId = Literal[
    "courses",
    "group_size",
    "sessions",
    "session_hours",
    "orientation_sessions",
    "follow_up_sessions",
    "teachers",
    "hourly_cost",
    "prep_hours",
    "supervision_hours",
    "other_costs",
    "completion_rate",
    "one_to_one_sessions",
]
CALCULATOR_INPUT_IDS: tuple[str, ...] = CalculatorInputId.__args__

# --- field types ------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=80)]

_JINJA = re.compile(r"\{\{|\{%|\{#")
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!]")


def _single_line(value: str) -> str:
    """Plain text is shown inline, so collapse the line breaks YAML may keep."""
    return " ".join(value.split())


def _no_template_or_html(value: str) -> str:
    if _JINJA.search(value):
        raise ValueError(
            "must not contain template syntax such as '{{', '{%' or '{#'; "
            "write the braces with a space between them or leave them out"
        )
    if _RAW_HTML.search(value):
        raise ValueError("must not contain raw HTML such as '<div>' or '<script>'; use Markdown instead")
    return value.strip()


PlainText = Annotated[str, Field(min_length=1), AfterValidator(_single_line)]
MarkdownText = Annotated[str, Field(min_length=1), AfterValidator(_no_template_or_html)]
ShortTitle = Annotated[str, Field(min_length=2, max_length=120), AfterValidator(_single_line)]


class Record(BaseModel):
    """Base for every record: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# --- vocabularies -----------------------------------------------------------------------


class Stage(Record):
    id: StageId
    title: ShortTitle
    study_name: ShortTitle = Field(description="What the ASPIRE guidance calls this stage.")
    summary: PlainText
    looks_like: list[PlainText] = Field(min_length=1)
    ready_for_next: list[PlainText] = Field(
        default_factory=list, description="Signs that you are ready for the next stage."
    )


class Theme(Record):
    id: ThemeId
    title: ShortTitle
    study_name: ShortTitle
    summary: PlainText


class Role(Record):
    id: RoleId
    title: ShortTitle
    plural: ShortTitle = Field(description="Used in headings such as 'For commissioners'.")
    who: PlainText = Field(description="Who this role covers, in one sentence.")
    what_matters: list[PlainText] = Field(min_length=1)


class SubElement(Record):
    id: ElementId
    title: ShortTitle
    summary: PlainText


class FrameworkElement(Record):
    id: TopElementId
    title: ShortTitle
    summary: PlainText
    in_mbct: PlainText = Field(description="What this element meant for MBCT in the study.")
    sub_elements: list[SubElement] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1)


class FrameworkConcept(Record):
    """A part of i-PARIHS or of the study's explanatory framework, linked to actions."""

    id: Slug
    group: Literal["i-parihs", "explanatory"]
    title: ShortTitle
    summary: PlainText
    actions: list[Slug] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1)


# --- guidance records -------------------------------------------------------------------


class Action(Record):
    id: Slug
    title: ShortTitle = Field(description="Imperative, for example 'Find a buddy'.")
    summary: PlainText = Field(max_length=400)
    detail: MarkdownText
    stage: StageId
    theme: ThemeId
    lead_role: RoleId
    roles: list[RoleId] = Field(default_factory=list, description="Roles involved, besides the lead.")
    elements: list[ElementId] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1)
    order: int = Field(default=50, ge=1, le=99, description="Position within its stage and theme cell (lower first).")
    key_activity: KeyActivityId | None = None
    pivot_points: list[Slug] = Field(default_factory=list)
    tools: list[ToolId] = Field(default_factory=list)
    templates: list[Slug] = Field(default_factory=list)
    signs_of_progress: list[PlainText] = Field(default_factory=list)

    @property
    def all_roles(self) -> tuple[str, ...]:
        return (self.lead_role, *[r for r in self.roles if r != self.lead_role])

    @property
    def top_elements(self) -> tuple[str, ...]:
        tops = [e.split("-", 1)[0] for e in self.elements]
        return tuple(dict.fromkeys(tops))


class PivotPoint(Record):
    id: Slug
    title: ShortTitle
    kind: PivotKind
    summary: PlainText
    description: MarkdownText
    early_signs: list[PlainText] = Field(min_length=1)
    what_helps: list[Slug] = Field(min_length=1, description="Ids of actions that help.")
    stages: list[StageId] = Field(min_length=1)
    roles: list[RoleId] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1)


class StoryChapter(Record):
    stage: StageId
    heading: ShortTitle
    text: MarkdownText
    pivot_points: list[Slug] = Field(default_factory=list)
    actions: list[Slug] = Field(default_factory=list)


class Story(Record):
    id: Slug
    title: ShortTitle
    setting: PlainText
    summary: PlainText
    chapters: list[StoryChapter] = Field(min_length=2)
    lessons: list[PlainText] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1)


class Source(Record):
    id: Slug
    type: SourceType
    citation: PlainText = Field(description="The full reference, as it should appear in a list.")
    short: ShortTitle = Field(description="A short label for in-text citations, e.g. 'NICE NG222'.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Leave out if not known.")
    url: HttpUrl | None = None
    note: PlainText | None = None


class GlossaryTerm(Record):
    id: Slug
    term: ShortTitle
    abbreviation: ShortTitle | None = None
    definition: PlainText
    sources: list[Slug] = Field(default_factory=list)


class AssessmentStatement(Record):
    id: Slug
    theme: ThemeId
    stage: StageId
    text: PlainText
    help: PlainText | None = None
    actions: list[Slug] = Field(min_length=1)


class CalculatorInput(Record):
    id: CalculatorInputId
    label: ShortTitle
    default: float = Field(ge=0)
    minimum: float = Field(ge=0)
    maximum: float = Field(gt=0)
    step: float = Field(gt=0)
    unit: ShortTitle | None = None
    help: PlainText
    source: Slug | None = None
    basis: PlainText = Field(description="Where the default comes from, in a sentence.")

    @model_validator(mode="after")
    def _default_in_range(self) -> CalculatorInput:
        if not self.minimum <= self.default <= self.maximum:
            raise ValueError(
                f"default {self.default:g} must lie between minimum {self.minimum:g} and maximum {self.maximum:g}"
            )
        return self


class TemplateSection(Record):
    heading: ShortTitle
    guidance: PlainText
    prompts: list[PlainText] = Field(default_factory=list)
    table: list[ShortTitle] = Field(default_factory=list, description="Column headings for a table to fill in.")
    rows: int = Field(default=3, ge=1, le=20)
    checklist: list[PlainText] = Field(default_factory=list)


class Template(Record):
    id: Slug
    title: ShortTitle
    summary: PlainText
    how_to_use: PlainText
    sections: list[TemplateSection] = Field(min_length=1)
    sources: list[Slug] = Field(default_factory=list)


class UrgentHelp(Record):
    """One place to get help now. The numbers live only here, so every page shows the same ones."""

    id: Slug
    name: ShortTitle = Field(description="Who to contact, for example 'Samaritans'.")
    number: ShortTitle | None = Field(
        default=None, description="The number as people should read it, for example '116 123'. Leave out if none."
    )
    tel: Annotated[str, Field(pattern=r"^[0-9]{3,15}$")] | None = Field(
        default=None, description="The same number as digits only, for the tappable tel: link."
    )
    where: list[NationId] = Field(min_length=1, description="The UK nations where it applies.")
    when: PlainText = Field(description="When to use it, in one or two short sentences.")
    notes: PlainText | None = Field(default=None, description="More detail, shown on the urgent help page only.")
    sources: list[Slug] = Field(min_length=1)

    @model_validator(mode="after")
    def _tel_matches_number(self) -> UrgentHelp:
        if (self.number is None) != (self.tel is None):
            raise ValueError("give both number and tel, or neither")
        if self.number is not None and "".join(self.number.split()) != self.tel:
            raise ValueError(f"tel '{self.tel}' must be the digits of number '{self.number}' without spaces")
        return self


class PageReview(Record):
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")]
    last_reviewed: dt.date
    next_review_due: dt.date

    @model_validator(mode="after")
    def _due_after_review(self) -> PageReview:
        if self.next_review_due <= self.last_reviewed:
            raise ValueError("next_review_due must be later than last_reviewed")
        return self


class ChangelogEntry(Record):
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    date: dt.date
    changes: list[PlainText] = Field(min_length=1)

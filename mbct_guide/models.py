"""The content model: one pydantic class per record type in guidance_data/.

Field conventions (documented for editors in guidance_data/README.md):

* ``PlainText`` fields are shown exactly as typed. Any Markdown or HTML characters in
  them are escaped when rendered, so ``*``, ``|`` or ``<script>`` appear literally.
* ``MarkdownText`` fields accept Markdown (paragraphs, lists, bold, links) but no raw
  HTML, no ``<...>`` links and no ``{{ }}`` / ``{% %}`` template syntax; links to other
  guidance use the short forms ``action:<id>``, ``pivot-point:<id>`` and so on (see
  ``text.py``). Every other link and image is checked by ``safety.link_problems`` (called
  from the loader), and the HTML made from these fields is sanitised by ``safety.clean_html``.
* Dates (``Date``) are YYYY-MM-DD and must exist, with messages in editors' words.
* Ids are stable kebab-case slugs. Once published an id never changes meaning.
* Every text field (``clean_text``, checked before any other rule) holds at most
  ``MAX_TEXT`` characters and no control characters other than tab and newline, no bidi
  controls, no zero-width characters and no U+FEFF: they can hide or reverse text, make
  two titles look the same, or break the .docx downloads. The length comes first, so a
  field of a megabyte gives one problem at once instead of stalling every later rule.

Every model forbids unknown keys, so a misspelt field name is an error, not a silent loss.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

# --- closed vocabularies (a public contract: ids appear in URLs and anchors, so they never change) -------------

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
PIVOT_KINDS: tuple[str, ...] = PivotKind.__args__
# The two framework groups of the framework page (framework_concepts.yml).
FrameworkGroup = Literal["i-parihs", "explanatory"]
FRAMEWORK_GROUPS: tuple[str, ...] = FrameworkGroup.__args__
SourceType = Literal["report", "journal-article", "guideline", "book", "book-chapter", "website", "policy", "standard"]
AnswerId = Literal["not-yet", "partly", "in-place", "dont-know"]
ANSWER_IDS: tuple[str, ...] = AnswerId.__args__
NationId = Literal["england", "scotland", "wales", "northern-ireland"]
# Topics cut across themes: the explorer filters by them (?topic=funding).
TopicId = Literal["funding", "training", "supervision", "evaluation", "equity", "governance"]

# Public-facing pages: read by people who might take part in MBCT, their families and the
# staff who refer them. Each carries the "If you need help now" box and its clinical review
# status (the data check requires both), and needs a clinical review before the site is
# published (publish_check.py).
PublicPage = Literal[
    "about-mbct.md",
    "roles/lived-experience.md",
    "roles/referrer.md",
    "participant-safety.md",
    "urgent-help.md",
]
PUBLIC_PAGES: tuple[str, ...] = PublicPage.__args__
# Pages that need a clinical review before publishing: the public pages, and the pages that say
# what MBCT does for people (the home page, and what the evidence says). Each shows its status.
ClinicalPage = Literal[PublicPage, "index.md", "evidence.md"]
CLINICAL_PAGES: tuple[str, ...] = (*PUBLIC_PAGES, "index.md", "evidence.md")

STAGE_IDS: tuple[str, ...] = StageId.__args__
THEME_IDS: tuple[str, ...] = ThemeId.__args__
ROLE_IDS: tuple[str, ...] = RoleId.__args__
ELEMENT_IDS: tuple[str, ...] = ElementId.__args__
TOP_ELEMENT_IDS: tuple[str, ...] = TopElementId.__args__
KEY_ACTIVITY_IDS: tuple[str, ...] = KeyActivityId.__args__
NATION_IDS: tuple[str, ...] = NationId.__args__
TOPIC_IDS: tuple[str, ...] = TopicId.__args__

# Calculator inputs are URL query parameters, so their names are a public contract too.
# The order here is the order of the fields on the page.
CalculatorInputId = Literal[
    "people_to_reach",
    "courses",
    "group_size",
    "sessions",
    "session_hours",
    "orientation_sessions",
    "assessment_minutes",
    "follow_up_sessions",
    "teachers",
    "hourly_cost",
    "prep_hours",
    "supervision_hours",
    "supervisor_hourly_cost",
    "team_teachers",
    "retreat_days",
    "working_day_hours",
    "retreat_cost",
    "training_cost",
    "other_costs",
    "completion_rate",
    "one_to_one_sessions",
]
CALCULATOR_INPUT_IDS: tuple[str, ...] = CalculatorInputId.__args__

# --- field types ------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The longest field in the data is about 2,100 characters; this leaves room and stops a
# hostile megabyte before any slower rule (Markdown, links) reads it.
MAX_TEXT = 10_000

# Control characters (other than tab and newline), zero-width characters, bidi controls and
# the byte-order mark: invisible, and able to hide, reorder or disguise text.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def hidden_character(character: str) -> str:
    """A character by its code point and name, as an editor can search for it: U+202E (RIGHT-TO-LEFT OVERRIDE)."""
    name = unicodedata.name(character, "") or "a control character"
    return f"U+{ord(character):04X} ({name})"


def clean_text(value: object) -> object:
    """The first rule of every text field: not too long, and nothing invisible in it."""
    if not isinstance(value, str):
        return value  # the field's own type check says what is wrong
    if len(value) > MAX_TEXT:
        raise ValueError(
            f"is {len(value):,} characters long; a field can hold at most {MAX_TEXT:,}. "
            "Shorten it, or split the text between records"
        )
    found = _HIDDEN.search(value)
    if found:
        before = value[max(0, found.start() - 30) : found.start()].split("\n")[-1].strip()
        where = f" after '{before}'" if before else " at the start"
        raise ValueError(
            f"contains {hidden_character(found.group())}{where}, an invisible character that can hide, "
            "reverse or disguise text; delete it (retype the words around it if your editor does not show it)"
        )
    return value


Clean = BeforeValidator(clean_text)
Slug = Annotated[str, Clean, Field(pattern=SLUG_PATTERN, min_length=2, max_length=80)]

_JINJA = re.compile(r"\{\{|\{%|\{#")
# Possessive quantifiers (*+) never give back what they matched, so every pattern here runs
# in time proportional to the text, whatever it holds ("<" and a megabyte of spaces included).
_RAW_HTML = re.compile(r"<\s*+(?:/\s*+)?[A-Za-z!?]")
# <https://example.org>, <javascript:...> or <name@example.org>: Markdown autolinks, or HTML to a browser.
_ANGLE_LINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*+:[^\s<>]*+>|<[^\s<>@]++@[^\s<>]++>")

# Python-Markdown scans from every '[' to its ']' (or the end of the paragraph), so the
# number of brackets bounds the time a field takes to render; 100 is far more than any
# field needs (the most today is 2). Lists and quotes inside each other are read
# recursively, so their depth is bounded too.
MAX_BRACKETS = 100
MAX_NESTING = 10
# At the start of a line: list markers (-, *, +, 1. or 1)) and quote markers (>), one after another.
_BLOCK_MARKERS = re.compile(r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]++|>[ \t]*+)++")


def nesting_depth(text: str) -> int:
    """How many lists and quotes deep the most deeply nested line of Markdown is, at most.

    Counts what opens a level at the start of each line: each four spaces (or tab) of
    indentation, and each list or quote marker. It may count more than Markdown makes,
    never fewer, and reads each line once."""
    deepest = 0
    for line in text.split("\n"):
        body = line.lstrip(" \t")
        indent = len(line[: len(line) - len(body)].expandtabs(4)) // 4
        markers = _BLOCK_MARKERS.match(body)
        opened = 0
        if markers:
            opened = markers.group().count(">") + len(re.findall(r"(?:[-*+]|\d{1,9}[.)])[ \t]", markers.group()))
        deepest = max(deepest, indent + opened)
    return deepest


def _single_line(value: str) -> str:
    """Plain text is shown inline, so collapse the line breaks YAML may keep."""
    return " ".join(value.split())


def _no_template_or_html(value: str) -> str:
    if _JINJA.search(value):
        raise ValueError(
            "must not contain template syntax such as '{{', '{%' or '{#'; "
            "write the braces with a space between them or leave them out"
        )
    if _ANGLE_LINK.search(value):
        raise ValueError(
            "must not contain a link in angle brackets such as '<https://example.org>'; "
            "write it as [words](https://example.org)"
        )
    if _RAW_HTML.search(value):
        raise ValueError("must not contain raw HTML such as '<div>' or '<script>'; use Markdown instead")
    brackets = value.count("[")
    if brackets > MAX_BRACKETS:
        raise ValueError(
            f"has {brackets:,} square brackets '['; a Markdown field can have at most {MAX_BRACKETS} "
            "(each link uses one). Remove the extra brackets, or write \\[ for a bracket on its own"
        )
    depth = nesting_depth(value)
    if depth > MAX_NESTING:
        raise ValueError(
            f"has lists or quotes nested {depth} levels deep; guidance needs at most {MAX_NESTING}. "
            "Start fewer lines with '- ', '1. ' or '>' inside each other, or indent them less"
        )
    return value.strip()


_DATE_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _date(value: object) -> dt.date:
    """A calendar date, YYYY-MM-DD, with messages for editors rather than the library's."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"`{value.isoformat(sep=' ')}` has a time as well as a date; write dates as YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if _DATE_SHAPE.fullmatch(text):
        try:
            return dt.date(*(int(part) for part in text.split("-")))
        except ValueError:
            raise ValueError(f"`{text}` is not a real date; write dates as YYYY-MM-DD") from None
    shown = text if len(text) <= 40 else text[:40] + "…"
    raise ValueError(f"`{shown}` is not a date; write dates as YYYY-MM-DD, for example 2026-03-31")


PlainText = Annotated[str, Clean, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_single_line)]
MarkdownText = Annotated[str, Clean, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_no_template_or_html)]
ShortTitle = Annotated[str, Clean, Field(min_length=2, max_length=120), AfterValidator(_single_line)]
Date = Annotated[dt.date, BeforeValidator(_date)]


def _no_user_part(url: HttpUrl) -> HttpUrl:
    """``https://doi.org@evil.example/`` reads as doi.org but goes to evil.example: refused."""
    if url.username is not None or url.password is not None:
        user = url.username or ""
        raise ValueError(
            f"'{url}' has '{user}@' before the site's name, so it goes to '{url.host}', not to '{user}'; "
            "write the address without the part before '@'"
        )
    return url


WebAddress = Annotated[HttpUrl, Clean, AfterValidator(_no_user_part)]


def field_error(record: BaseModel, field: str, message: str) -> ValidationError:
    """A rule across fields, reported at the field to change (a model validator alone reports the record)."""
    detail = InitErrorDetails(
        type=PydanticCustomError("value_error", "{message}", {"message": message}),
        loc=(field,),
        input=getattr(record, field, None),
    )
    return ValidationError.from_exception_data(type(record).__name__, [detail])


def described(meaning: str, shown: str, **field: Any) -> Any:
    """A field's documentation, written once, here: what it means and where the site shows it.

    The JSON Schemas (editor hover text) and guidance_data/README.md are generated from it."""
    return Field(description=meaning, json_schema_extra={"shown": shown}, **field)


class Record(BaseModel):
    """Base for every record: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, allow_inf_nan=False)


# --- vocabularies -----------------------------------------------------------------------


FirstActions = Annotated[list[Slug], Field(min_length=3, max_length=3)]


class Stage(Record):
    id: StageId = described("Fixed stage id", "URL /journey/<id>/")
    title: ShortTitle = described("Name used on this site", "headings, cards, filters")
    first_actions: FirstActions = described(
        "The three actions to do first at this stage (action ids at this stage)", "'Start here' on the stage page"
    )
    summary: PlainText = described("One or two sentences on the stage", "stage page lead, home page card")
    looks_like: list[PlainText] = described("What a service at this stage looks like", "stage page", min_length=1)
    ready_for_next: list[PlainText] = described(
        "Signs that you are ready for the next stage", "stage page", default_factory=list
    )


class Theme(Record):
    id: ThemeId = described("Fixed theme id", "URL /themes/<id>/")
    title: ShortTitle = described("Name used on this site", "headings, tables, filters")
    summary: PlainText = described("One sentence on the theme", "theme page, stage pages, lists")


class Topic(Record):
    id: TopicId = described("Fixed topic id", "explorer filter, URL ?topic=<id>")
    title: ShortTitle = described("Name used on this site", "explorer filter, action pages")
    summary: PlainText = described(
        "Which actions carry this topic, so that editors tag them alike", "open data (for editors)"
    )


# A word as the explorer matches it (render/tools.py search_words): lower case letters and digits.
def _search_word(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]{2,40}", value):
        raise ValueError("must be one word of 2 to 40 lower case letters or digits, with no spaces, such as 'money'")
    return value


# The pattern is for editors' hover text (the JSON Schema); _search_word gives the message.
SearchWord = Annotated[
    str, Clean, AfterValidator(_search_word), Field(json_schema_extra={"pattern": "^[a-z0-9]{2,40}$"})
]


def _no_repeats(values: list[str]) -> list[str]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"lists {', '.join(repr(v) for v in repeated)} more than once; list each once")
    return values


class SearchSynonym(Record):
    """Words people may type for a word the guidance uses: the explorer's search finds the
    guidance's word when one of them is typed."""

    word: SearchWord = described(
        "A word the guidance uses, in lower case (such as funding)", "explorer search (the word found)"
    )
    also: Annotated[list[SearchWord], AfterValidator(_no_repeats)] = described(
        "Words people may type instead, in lower case (such as money, budget)", "explorer search", min_length=1
    )

    @model_validator(mode="after")
    def _not_itself(self) -> SearchSynonym:
        if self.word in self.also:
            raise field_error(self, "also", f"lists '{self.word}' itself; list only other words")
        return self


class StartLink(Record):
    """A section of the role's own page to start with (for people who are not running a service)."""

    title: ShortTitle = described("The section's heading, such as 'Is it for me?'", "'Start here', handout")
    anchor: Slug = described("The section's id on the role page, such as is-it-for-me", "the link")
    summary: PlainText = described("One sentence on what the section answers", "'Start here', handout")


class PageLink(Record):
    """A page of the site that people in a role should read early."""

    title: ShortTitle = described("The page's title", "'Start here', handout")
    page: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")] = described(
        "Page path under docs/, such as participant-safety.md", "the link"
    )


# A role's first actions at one stage: three, or every action of the role at that stage if it
# has fewer (the loader checks the count, and that each action is at that stage and the role's).
StageFirstActions = Annotated[list[Slug], Field(min_length=1, max_length=3)]


class Role(Record):
    id: RoleId = described("Fixed role id", "URL /roles/<id>/")
    title: ShortTitle = described("Name of the role", "cards, action cards, filters")
    first_actions: dict[StageId, StageFirstActions] = described(
        "The three things this role does first at each stage: a list of action ids for each of starting-out, "
        "developing and sustaining, each an action at that stage that the role leads or helps with (every such "
        "action when the role has fewer than three there). Left out for a role with start_here",
        "'Start here' on the role page (for the stage chosen), handout",
        default_factory=dict,
    )
    start_here: list[StartLink] = described(
        "Sections of the role's own page to start with, instead of actions: for people who use services "
        "rather than run them (none, or three; see StartLink)",
        "'Start here' on the role page, handout",
        default_factory=list,
    )
    also_read: list[PageLink] = described(
        "Pages to read early, such as Keeping participants safe (see PageLink)",
        "under 'Start here', handout",
        default_factory=list,
    )
    plural: ShortTitle = described(
        "Plural, used in titles such as 'Print pack: for commissioners and funders'", "print pack titles"
    )
    who: PlainText = described("Who the role covers, in one sentence", "role page, home page card")
    what_matters: list[PlainText] = described("What matters to people in this role", "role page", min_length=1)
    why_it_matters: PlainText = described(
        "Two or three sentences on why this role matters, each backed by the sources", "handout"
    )
    sources: list[Slug] = described("Source ids for why_it_matters", "handout citations", min_length=1)

    @model_validator(mode="after")
    def _three_places_to_start(self) -> Role:
        if len(self.start_here) not in (0, 3):
            raise field_error(
                self,
                "start_here",
                f"lists {len(self.start_here)} sections; list three sections of the role's page, or leave it out",
            )
        if self.start_here and self.first_actions:
            raise field_error(
                self,
                "first_actions",
                "a role starts with start_here (sections of its page) or with first_actions (actions at each "
                "stage), not both; delete one",
            )
        missing = [stage for stage in STAGE_IDS if stage not in self.first_actions]
        if not self.start_here and missing:
            raise field_error(
                self,
                "first_actions",
                "first_actions lists the actions to start with at each stage (starting-out, developing and "
                f"sustaining); add {', '.join(missing[:-1]) + ' and ' if len(missing) > 1 else ''}{missing[-1]}",
            )
        return self


class SubElement(Record):
    id: ElementId = described("Sub-element id, starting with its element's id", "/framework/#<id>, action tags")
    title: ShortTitle = described("Name", "framework page, action cards")
    summary: PlainText = described("One sentence", "framework page")


class FrameworkElement(Record):
    id: TopElementId = described("evidence, context or facilitation", "/framework/#<id>")
    title: ShortTitle = described("Name", "framework page, explorer filter")
    summary: PlainText = described("What the element means in PARIHS", "framework page")
    in_mbct: PlainText = described("What it meant for MBCT in the study", "framework page")
    sub_elements: list[SubElement] = described("Its sub-elements (see SubElement)", "framework page", min_length=1)
    sources: list[Slug] = described("Source ids", "framework page citations", min_length=1)


class FrameworkConcept(Record):
    """A part of i-PARIHS or of the study's explanatory framework, linked to actions."""

    id: Slug = described("Id, for example ef-implementers", "/framework/#<id>")
    group: FrameworkGroup = described("i-parihs or explanatory", "which section of the framework page")
    title: ShortTitle = described("Name", "framework page")
    summary: PlainText = described("What it means", "framework page")
    actions: list[Slug] = described("Action ids that apply it", "framework page", min_length=1)
    sources: list[Slug] = described("Source ids", "framework page citations", min_length=1)


# --- guidance records -------------------------------------------------------------------


class Action(Record):
    id: Slug = described("Stable id; also the file name and the anchor #<id>", "URLs, links")
    title: ShortTitle = described("What to do, starting with a verb", "headings, tables, explorer")
    summary: PlainText = described("One or two sentences", "every card", max_length=400)
    detail: MarkdownText = described("What to do, who does it, how you will know it works", "stage page, print packs")
    stage: StageId = described("Stage id", "which stage page it lives on")
    theme: ThemeId = described("Theme id", "which theme it sits under")
    lead_role: RoleId = described("Role id of who leads", "card, role pages")
    roles: list[RoleId] = described(
        "Role ids of others involved (not the lead)", "card, role pages", default_factory=list
    )
    elements: list[ElementId] = described(
        "PARIHS element or sub-element ids", "card, framework page, explorer", min_length=1
    )
    sources: list[Slug] = described("Source ids (at least one)", "card, references", min_length=1)
    order: int = described(
        "Position within its stage and theme (1-99, lower first)",
        "order of cards, and of the related actions an action page names",
        default=50,
        ge=1,
        le=99,
    )
    key_activity: KeyActivityId | None = described(
        "One of the three starting-out key activities", "card label", default=None
    )
    pivot_points: list[Slug] = described("Pivot point ids this helps with", "card", default_factory=list)
    tools: list[ToolId] = described(
        "Tools that help: explorer, self-assessment, calculator, templates", "action card", default_factory=list
    )
    templates: list[Slug] = described("Template ids that support it", "card, template pages", default_factory=list)
    signs_of_progress: list[PlainText] = described(
        "How you will know it is working", "stage page", default_factory=list
    )
    topics: Annotated[list[TopicId], AfterValidator(_no_repeats)] = described(
        "Topic ids it is about: funding, training, supervision, evaluation, equity, governance",
        "explorer filter, action page",
        default_factory=list,
    )

    @property
    def all_roles(self) -> tuple[str, ...]:
        return (self.lead_role, *[r for r in self.roles if r != self.lead_role])

    @property
    def top_elements(self) -> tuple[str, ...]:
        tops = [e.split("-", 1)[0] for e in self.elements]
        return tuple(dict.fromkeys(tops))


class PivotPoint(Record):
    id: Slug = described("Stable id; also the file name and the anchor", "/pivot-points/#<id>")
    title: ShortTitle = described("Name of the event", "pivot points page, lists")
    kind: PivotKind = described("challenge, opportunity or either", "label")
    summary: PlainText = described("One sentence", "lists on stage and role pages")
    description: MarkdownText = described("What happens and why it matters", "pivot points page")
    early_signs: list[PlainText] = described("Signs it is coming", "pivot points page", min_length=1)
    what_helps: list[Slug] = described("Action ids that help", "pivot points page", min_length=1)
    stages: list[StageId] = described("Stage ids where it is typical", "stage pages", min_length=1)
    roles: list[RoleId] = described("Role ids most affected", "role pages", min_length=1)
    sources: list[Slug] = described("Source ids", "citations", min_length=1)


class StoryChapter(Record):
    stage: StageId = described("Stage id of this part of the story", "chapter label, stage pages")
    heading: ShortTitle = described("Chapter heading", "story page")
    text: MarkdownText = described("What happened", "story page")
    pivot_points: list[Slug] = described("Pivot point ids met here", "story page", default_factory=list)
    actions: list[Slug] = described("Action ids this part shows", "story page", default_factory=list)


# A few words for a menu entry.
MenuTitle = Annotated[str, Clean, Field(min_length=2, max_length=40), AfterValidator(_single_line)]


class Story(Record):
    id: Slug = described("Stable id; also the file name", "URL /stories/<id>/")
    title: ShortTitle = described("Story title", "story page, lists")
    short_title: MenuTitle = described("A few words for the menu, such as 'A rural area'", "Stories menu")
    order: int = described(
        "Position in the Stories menu and lists (1-99, lower first)", "order of stories", default=50, ge=1, le=99
    )
    nation: NationId = described(
        "The UK nation whose NHS structures the story uses: england, scotland, wales or northern-ireland",
        "story page, beside the 'made up' label",
    )
    setting: PlainText = described("The kind of service, in one sentence", "story page")
    summary: PlainText = described("One or two sentences", "lists")
    chapters: list[StoryChapter] = described("Two or more chapters (see StoryChapter)", "story page", min_length=2)
    lessons: list[PlainText] = described("What others can learn", "story page", min_length=1)
    sources: list[Slug] = described("Source ids for the patterns it shows", "story page", min_length=1)


class Source(Record):
    id: Slug = described("Stable id used to cite it", "/about/references/#<id>")
    type: SourceType = described("Kind of source", "open data")
    citation: PlainText = described("Full reference", "references page")
    short: ShortTitle = described("Short label for citations, such as 'NICE NG222'", "in-text citations")
    year: int | None = described("Year of publication, if known", "in-text citations", default=None, ge=1900, le=2100)
    url: WebAddress | None = described(
        "Web address: https://, or http:// only with http_only", "references page", default=None
    )
    http_only: PlainText | None = described(
        "Only for an http:// address: why it cannot be https:// (checked at every review)",
        "nowhere; for maintainers",
        default=None,
    )
    note: PlainText | None = described("Anything readers should know", "references page", default=None)

    @model_validator(mode="after")
    def _https_unless_listed(self) -> Source:
        """Nothing on the site is fetched, so an http:// address cannot be tried: it is refused
        unless a person has listed it, with the reason, for the next review to check again."""
        if self.url is not None and self.url.scheme == "http" and not self.http_only:
            https = "https" + str(self.url)[len("http") :]
            raise field_error(
                self,
                "url",
                f"'{self.url}' is not secure: write the https:// address ({https}). If the site has no "
                "https:// copy, keep http:// and say why in http_only, for the next review to check",
            )
        if self.http_only and (self.url is None or self.url.scheme != "http"):
            raise field_error(self, "http_only", "is only for an http:// address; remove it")
        return self


class GlossaryTerm(Record):
    id: Slug = described("Stable id", "/about/glossary/#<id>")
    term: ShortTitle = described("The term", "glossary")
    abbreviation: ShortTitle | None = described("Its abbreviation, if any", "glossary", default=None)
    definition: PlainText = described("Plain-English meaning", "glossary")
    sources: list[Slug] = described("Source ids", "glossary citations", default_factory=list)


class AssessmentStatement(Record):
    id: Slug = described("Stable id; saved answers use it", "self-assessment")
    theme: ThemeId = described("Theme id", "which group it is in")
    stage: StageId = described("Stage id it marks", "scoring")
    text: PlainText = described("The statement to answer", "self-assessment")
    help: PlainText | None = described("A sentence of explanation", "self-assessment", default=None)
    actions: list[Slug] = described("Action ids that help put it in place", "action plan", min_length=1)


class CalculatorInput(Record):
    id: CalculatorInputId = described("Input name; also the URL query parameter", "calculator")
    label: ShortTitle = described("Field label", "calculator")
    default: float = described("Default value", "calculator, worked example", ge=0)
    minimum: float = described("Lowest allowed value", "calculator checks", ge=0)
    maximum: float = described("Highest allowed value", "calculator checks", gt=0)
    whole_number: bool = described(
        "true when the figure counts things (courses, people, sessions), so it must be a whole number",
        "calculator checks",
        default=False,
    )
    unit: ShortTitle | None = described("Unit, such as hours or pounds", "calculator", default=None)
    help: PlainText = described("Hint under the field", "calculator")
    source: Slug | None = described("Source id for the default", "calculator", default=None)
    basis: PlainText = described("Where the default comes from", "calculator")

    @model_validator(mode="after")
    def _default_in_range(self) -> CalculatorInput:
        if not self.minimum <= self.default <= self.maximum:
            raise field_error(
                self,
                "default",
                f"{self.default:g} must lie between minimum {self.minimum:g} and maximum {self.maximum:g}",
            )
        return self


class TemplateSection(Record):
    heading: ShortTitle = described("Section heading", "template page")
    guidance: PlainText = described("What to write here", "template page")
    prompts: list[PlainText] = described("Questions to answer", "template page", default_factory=list)
    table: list[ShortTitle] = described("Column headings of a table to fill in", "template page", default_factory=list)
    rows: int = described("Number of blank rows in the table", "template page", default=3, ge=1, le=20)
    checklist: list[PlainText] = described("Items to tick", "template page", default_factory=list)
    tool: ToolId | None = described(
        "A tool to use for this section: the page links it, and the downloads give its full web address",
        "template page, template downloads",
        default=None,
    )


class Template(Record):
    id: Slug = described("Stable id; also the file name", "URL /tools/templates/<id>/")
    title: ShortTitle = described("Template name", "template page, lists")
    short_title: MenuTitle | None = described(
        "A few words for the menu, such as 'Business case' (the title if left out)", "Templates menu", default=None
    )
    order: int = described(
        "Position in the Templates menu and lists (1-99, lower first)", "order of templates", default=50, ge=1, le=99
    )
    summary: PlainText = described("One sentence, also the page's description", "lists, link previews")
    how_to_use: PlainText = described("How to use it", "template page")
    sections: list[TemplateSection] = described("Sections (see TemplateSection)", "template page", min_length=1)
    worked_example: MarkdownText | None = described(
        "A filled-in example, made up to show how the template is used; it is labelled as made up",
        "template page, under 'Illustrative example: made up'",
        default=None,
    )
    sources: list[Slug] = described("Source ids", "template page", default_factory=list)


class UrgentText(Record):
    """A text-message route, such as 'Text SHOUT to 85258'."""

    number: Annotated[str, Field(pattern=r"^[0-9]{3,15}$")] = described(
        "The number to text, digits only, such as 85258", "the tappable sms: link"
    )
    word: ShortTitle | None = described(
        "The word to send, if the service asks for one, such as SHOUT", "'Text SHOUT to 85258'", default=None
    )


class UrgentOnline(Record):
    """A web route, such as NHS 111 online."""

    label: ShortTitle = described("The link text, such as 'NHS 111 online'", "urgent help page")
    url: HttpUrl = described("The official web address", "urgent help page")


class UrgentHelp(Record):
    """One place to get help now. The numbers live only here, so every page shows the same ones."""

    id: Slug = described("Stable id", "urgent help page")
    name: ShortTitle = described(
        "Who to contact, for example 'Samaritans'", "urgent help page, help box on public pages"
    )
    number: ShortTitle | None = described(
        "The number as people read it, such as 116 123; leave out if none", "urgent help page, help box", default=None
    )
    tel: Annotated[str, Clean, Field(pattern=r"^[0-9]{3,15}$")] | None = described(
        "The same number as digits only; must match number", "the tappable tel: link", default=None
    )
    text: UrgentText | None = described(
        "A text-message route (see UrgentText), if the service has one", "urgent help page, help box", default=None
    )
    online: UrgentOnline | None = described(
        "A web route (see UrgentOnline), if the service has one", "urgent help page", default=None
    )
    emergency: bool = described(
        "true for the one emergency record (999), shown first as the emergency card",
        "urgent help page, help box",
        default=False,
    )
    where: list[NationId] = described("The UK nations where it applies", "urgent help page, help box", min_length=1)
    when: PlainText = described("When to use it, in one or two short sentences", "urgent help page, help box")
    notes: PlainText | None = described("More detail", "urgent help page", default=None)
    sources: list[Slug] = described(
        "Source ids (at least one); check the number against them", "citations", min_length=1
    )

    @model_validator(mode="after")
    def _tel_matches_number(self) -> UrgentHelp:
        if (self.number is None) != (self.tel is None):
            given, missing = ("number", "tel") if self.tel is None else ("tel", "number")
            raise field_error(self, given, f"is given without {missing}; give both number and tel, or neither")
        if self.number is not None and "".join(self.number.split()) != self.tel:
            raise field_error(self, "tel", f"'{self.tel}' must be the digits of number '{self.number}' without spaces")
        return self


class PageReview(Record):
    page: Annotated[str, Clean, Field(pattern=r"^[a-z0-9][a-z0-9/_-]*\.md$")] = described(
        "Page path under docs/, such as journey/developing.md", "that page"
    )
    last_reviewed: Date = described("Date last reviewed (YYYY-MM-DD)", "foot of the page")
    next_review_due: Date = described("Date the next review is due", "foot of the page, maintainers page")

    @model_validator(mode="after")
    def _due_after_review(self) -> PageReview:
        if self.next_review_due <= self.last_reviewed:
            raise ValueError("next_review_due must be later than last_reviewed")
        return self


class ClinicalReview(Record):
    """A clinician's review of a public-facing page. Never invent a reviewer: a page without a
    record says "Not yet clinically reviewed", and `make publish-check` lists it."""

    page: ClinicalPage = described(
        "Path under docs/ of a page that needs a clinical review, such as about-mbct.md", "that page"
    )
    reviewer_role: ShortTitle = described(
        "The reviewer's clinical role, such as 'Consultant clinical psychologist'", "that page"
    )
    organisation: ShortTitle = described("The reviewer's organisation", "that page")
    reviewed_on: Date = described("Date of the clinical review (YYYY-MM-DD)", "that page")


class ChangelogEntry(Record):
    version: Annotated[str, Clean, Field(pattern=r"^\d+\.\d+\.\d+$")] = described(
        "Release number, such as 1.2.0", "What's changed page, footer"
    )
    date: Date = described("Release date (YYYY-MM-DD)", "What's changed page")
    changes: list[PlainText] = described("What changed, one item each", "What's changed page", min_length=1)

"""Load guidance_data/, validate every record and every cross-reference, build a Guide.

All problems are collected and raised together in one GuidanceDataError, so an editor
sees everything that needs fixing in one run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models as m
from .guide import Guide
from .problems import GuidanceDataError, Problem
from .yamlfile import YamlDocument, read_yaml


@dataclass(frozen=True)
class Collection:
    """One record type and where it lives: a list in one file, or one record per file."""

    name: str
    model: type[BaseModel]
    path: str  # "stages.yml" (a list) or "actions" (a folder of <id>.yml files)
    noun: str  # how an editor would name one record
    key: str = "id"

    @property
    def one_per_file(self) -> bool:
        return not self.path.endswith(".yml")


COLLECTIONS: tuple[Collection, ...] = (
    Collection("stages", m.Stage, "stages.yml", "stage"),
    Collection("themes", m.Theme, "themes.yml", "theme"),
    Collection("roles", m.Role, "roles.yml", "role"),
    Collection("framework_elements", m.FrameworkElement, "framework_elements.yml", "framework element"),
    Collection("framework_concepts", m.FrameworkConcept, "framework_concepts.yml", "framework concept"),
    Collection("sources", m.Source, "sources.yml", "source"),
    Collection("glossary", m.GlossaryTerm, "glossary.yml", "glossary term"),
    Collection("assessment", m.AssessmentStatement, "assessment.yml", "self-assessment statement"),
    Collection("calculator", m.CalculatorInput, "calculator.yml", "calculator input"),
    Collection("urgent_help", m.UrgentHelp, "urgent_help.yml", "urgent help record"),
    Collection("reviews", m.PageReview, "reviews.yml", "page review", key="page"),
    Collection("changelog", m.ChangelogEntry, "changelog.yml", "changelog entry", key="version"),
    Collection("actions", m.Action, "actions", "action"),
    Collection("pivot_points", m.PivotPoint, "pivot_points", "pivot point"),
    Collection("stories", m.Story, "stories", "story"),
    Collection("templates", m.Template, "templates", "template"),
)
COLLECTIONS_BY_NAME = {c.name: c for c in COLLECTIONS}

# Editors cite sources in page Markdown with the cite macro: {{ cite("nice-cg90") }}.
_CITE_IN_PAGE = re.compile(r"""cite\(\s*(?:ids?\s*=\s*)?\[?\s*((?:["'][a-z0-9-]+["']\s*,?\s*)+)""")
_QUOTED_ID = re.compile(r"""["']([a-z0-9-]+)["']""")


@dataclass
class _Located:
    """A validated record plus where it came from, for cross-reference messages."""

    record: Any
    collection: Collection
    file: str
    document: YamlDocument
    path: tuple[str | int, ...]

    def line(self, *field_path: str | int) -> int | None:
        return self.document.line_for((*self.path, *field_path))


def _field_label(loc: Iterable[str | int]) -> str:
    label = ""
    for part in loc:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


def _friendly(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return f"is not a field this record can have (check the spelling). Allowed fields: {allowed}"
    if kind == "string_pattern_mismatch":
        return (
            "must be a kebab-case id: lower-case letters and digits joined by single hyphens, "
            "for example 'find-a-buddy'"
        )
    value = error.get("input")
    if kind.startswith("date_"):  # Date fields give their own message; this covers any other date
        return "is not a date; write dates as YYYY-MM-DD, for example 2026-03-31"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "must be a whole number (an integer), such as 10" + _read_as(value, numbers=False)
    if kind in ("float_parsing", "float_type"):
        return "must be a number, such as 12.5" + _read_as(value, numbers=False)
    if kind == "finite_number":
        return "must be an ordinary number (not .inf or .nan)"
    if kind == "bool_parsing" or kind == "bool_type":
        return "must be true or false"
    if kind == "list_type":
        return "must be a list, with each item on its own line starting with '- '" + _read_as(value)
    if kind == "string_type":
        if isinstance(value, (list, dict)):
            return "must be text, not a list or a set of 'key: value' lines"
        if value is None:
            return "must not be empty; write the text after the colon"
        return "must be text" + _read_as(value) + "; put the value in quotes if it is meant as text"
    message = error["msg"]
    message = message.replace("Input should be", "must be").replace("Value error, ", "")
    message = message.replace("String should have", "must have")
    message = message.replace("List should have", "must have")
    return message


def _read_as(value: Any, *, numbers: bool = True) -> str:
    """How YAML read a value of the wrong type, when that explains the problem."""
    if isinstance(value, bool):
        return f", but YAML reads this value as {str(value).lower()} (yes/no/on/off/true/false)"
    if isinstance(value, dt.datetime):
        return f", but YAML reads {value.isoformat(sep=' ')} as a date and time"
    if isinstance(value, dt.date):
        return f", but YAML reads {value.isoformat()} as a date"
    if numbers and isinstance(value, (int, float)):
        return f", but YAML reads {value!r} as a number"
    if isinstance(value, dict):
        return ", not a set of 'key: value' lines"
    return ""


def _validate_record(
    collection: Collection, raw: Any, file: str, document: YamlDocument, path: tuple, reported: frozenset = frozenset()
) -> tuple[Any | None, list[Problem]]:
    """The record, or None and its problems. ``reported`` holds paths already reported
    while reading the YAML (an impossible date), which are not reported twice."""
    record_id = raw.get(collection.key) if isinstance(raw, dict) else None
    record_label = str(record_id) if isinstance(record_id, (str, int)) else None
    if not isinstance(raw, dict):
        if tuple(path) in reported:
            return None, []
        rule = f"each {collection.noun} must be a set of 'key: value' lines"
        return None, [Problem(file, document.line_for(path), record_label, None, rule)]
    try:
        return collection.model.model_validate(raw), []
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(detail["loc"])
            if (*path, *loc) in reported:
                continue
            problems.append(
                Problem(
                    file,
                    document.line_for((*path, *loc)),
                    record_label,
                    _field_label(loc) or None,
                    _friendly(detail, collection.model),
                )
            )
        return None, problems


def _files_of(collection: Collection, data_dir: Path) -> Iterator[Path]:
    target = data_dir / collection.path
    if collection.one_per_file:
        if target.is_dir():
            yield from sorted(target.glob("*.yml"))
            yield from sorted(target.glob("*.yaml"))
    else:
        yield target


def _load_collection(
    collection: Collection, data_dir: Path, root: Path
) -> tuple[list[_Located], list[Problem], bool, set[str]]:
    """Validated records, problems, whether every file could be read as YAML, and the ids
    of records that were read but are invalid (they exist, so links to them are not wrong)."""
    located: list[_Located] = []
    problems: list[Problem] = []
    readable = True
    broken: set[str] = set()
    for path in _files_of(collection, data_dir):
        shown = os.path.relpath(path, root)
        if path.suffix == ".yaml":
            problems.append(Problem(shown, None, None, None, "rename the file to end in .yml"))
            readable = False
            continue
        if not path.exists():
            problems.append(Problem(shown, None, None, None, "this file is missing"))
            readable = False
            continue
        document, file_problems = read_yaml(path, shown)
        problems += file_problems
        if document is None:
            readable = False
            continue
        if collection.one_per_file:
            entries = [((), document.data)]
            if not isinstance(document.data, dict):
                problems.append(Problem(shown, 1, None, None, f"must hold one {collection.noun} as 'key: value' lines"))
                continue
        else:
            if not isinstance(document.data, list):
                problems.append(
                    Problem(
                        shown, 1, None, None, f"must be a list of {collection.noun} records, each starting with '- '"
                    )
                )
                continue
            entries = [((index,), raw) for index, raw in enumerate(document.data)]
        for dup_path, line in document.duplicate_keys:
            record, field = _where(document, dup_path, collection)
            problems.append(Problem(shown, line, record, field, "this key appears twice in the same record; keep one"))
        for bad_path, line, rule in document.bad_values:
            record, field = _where(document, bad_path, collection)
            problems.append(Problem(shown, line, record, field, rule))
        reported = frozenset(bad_path for bad_path, _, _ in document.bad_values)
        for record_path, raw in entries:
            record, record_problems = _validate_record(collection, raw, shown, document, record_path, reported)
            problems += record_problems
            if record is not None:
                located.append(_Located(record, collection, shown, document, record_path))
            elif isinstance(raw, dict) and isinstance(raw.get(collection.key), str):
                broken.add(raw[collection.key])
        if collection.one_per_file and isinstance(document.data, dict):
            record_id = document.data.get("id")
            if isinstance(record_id, str) and record_id != path.stem:
                problems.append(
                    Problem(
                        shown,
                        document.line_for(("id",)),
                        record_id,
                        "id",
                        f"must match the file name: rename the file to '{record_id}.yml' or set id to '{path.stem}'",
                    )
                )
    return located, problems, readable, broken


def _where(document: YamlDocument, path: tuple, collection: Collection) -> tuple[str | None, str | None]:
    """The record label and field label of a path within a file."""
    start = 0 if collection.one_per_file else 1
    record = _record_label_at(document, path[:start], collection)
    return record, _field_label(path[start:]) or None


def _record_label_at(document: YamlDocument, path: tuple, collection: Collection) -> str | None:
    data = document.data
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    value = data.get(collection.key) if isinstance(data, dict) else None
    return str(value) if value is not None else None


class _Checker:
    """Cross-record rules. Each method appends problems; none stops at the first."""

    def __init__(
        self,
        loaded: dict[str, list[_Located]],
        docs_dir: Path | None,
        root: Path,
        unreadable: set[str],
        broken: dict[str, set[str]] | None = None,
    ):
        self.loaded = loaded
        # Collections with a file that could not be read: references to them are not
        # checked, so one YAML slip does not bury the real message under false ones.
        self.unreadable = unreadable
        # Collections with a record that is invalid: checks that need every record
        # (empty cells, orphan sources) wait until it is fixed, for the same reason.
        broken = broken or {}
        self.incomplete = unreadable | {name for name, ids in broken.items() if ids}
        self.docs_dir = docs_dir
        self.root = root
        self.problems: list[Problem] = []
        # Invalid records still exist: a link to one is not reported as a link to nothing.
        self.ids = {
            name: {getattr(item.record, COLLECTIONS_BY_NAME[name].key) for item in items} | broken.get(name, set())
            for name, items in loaded.items()
        }

    def add(
        self, item: _Located | None, field_path: tuple, rule: str, *, file: str | None = None, record: str | None = None
    ) -> None:
        if item is not None:
            record = record or str(getattr(item.record, item.collection.key))
            self.problems.append(
                Problem(item.file, item.line(*field_path), record, _field_label(field_path) or None, rule)
            )
        else:
            self.problems.append(Problem(file or "guidance_data", None, record, _field_label(field_path) or None, rule))

    def site_pages(self) -> set[str]:
        """Every page of the site: the Markdown files in docs/ and the pages generated from data."""
        from .generated import generated_page_paths

        written = set()
        if self.docs_dir is not None:
            written = {p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")}
        return written | generated_page_paths(self.ids)

    def run(self) -> list[Problem]:
        self.unique_ids()
        self.vocabularies_complete()
        self.references()
        self.markdown_links()
        self.cells_have_actions()
        self.assessment_cells()
        self.orphan_sources()
        self.review_pages()
        return self.problems

    def unique_ids(self) -> None:
        for name, items in self.loaded.items():
            key = COLLECTIONS_BY_NAME[name].key
            first_seen: dict[str, _Located] = {}
            for item in items:
                value = getattr(item.record, key)
                if value in first_seen:
                    earlier = first_seen[value]
                    where = earlier.file if earlier.file != item.file else f"line {earlier.line()}"
                    self.add(
                        item, (key,), f"duplicate {key} '{value}': it is already used in {where}; each must be unique"
                    )
                else:
                    first_seen[value] = item
        # Sub-elements share the element id space with their parents.
        seen: set[str] = set()
        for item in self.loaded["framework_elements"]:
            for index, sub in enumerate(item.record.sub_elements):
                if sub.id in seen or sub.id in m.TOP_ELEMENT_IDS or not sub.id.startswith(f"{item.record.id}-"):
                    self.add(
                        item,
                        ("sub_elements", index, "id"),
                        f"sub-element id '{sub.id}' must be unique and start with '{item.record.id}-'",
                    )
                seen.add(sub.id)

    def vocabularies_complete(self) -> None:
        wanted = {
            "stages": m.STAGE_IDS,
            "themes": m.THEME_IDS,
            "roles": m.ROLE_IDS,
            "framework_elements": m.TOP_ELEMENT_IDS,
            "calculator": m.CALCULATOR_INPUT_IDS,
        }
        for name, ids in wanted.items():
            if name in self.unreadable:
                continue
            collection = COLLECTIONS_BY_NAME[name]
            for missing in sorted(set(ids) - self.ids[name]):
                self.add(
                    None,
                    (),
                    f"no {collection.noun} with id '{missing}' is defined; every one must be",
                    file=f"guidance_data/{collection.path}",
                    record=missing,
                )
        subs = {s.id for item in self.loaded["framework_elements"] for s in item.record.sub_elements}
        expected_subs = set(m.ELEMENT_IDS) - set(m.TOP_ELEMENT_IDS)
        for missing in sorted(expected_subs - subs):
            self.add(
                None,
                (),
                f"no framework sub-element with id '{missing}' is defined",
                file="guidance_data/framework_elements.yml",
                record=missing,
            )

    def _check_refs(self, item: _Located, field: tuple, values: Iterable[str], target: str) -> None:
        if target in self.unreadable:
            return
        noun = COLLECTIONS_BY_NAME[target].noun
        for index, value in enumerate(values):
            if value not in self.ids[target]:
                self.add(item, (*field, index), f"refers to {noun} '{value}', which does not exist")

    def _check_ref(self, item: _Located, field: tuple, value: str, target: str) -> None:
        if target not in self.unreadable and value not in self.ids[target]:
            noun = COLLECTIONS_BY_NAME[target].noun
            self.add(item, field, f"refers to {noun} '{value}', which does not exist")

    def references(self) -> None:
        L = self.loaded
        for item in L["actions"]:
            a = item.record
            self._check_refs(item, ("sources",), a.sources, "sources")
            self._check_refs(item, ("pivot_points",), a.pivot_points, "pivot_points")
            self._check_refs(item, ("templates",), a.templates, "templates")
            if a.lead_role in a.roles:
                self.add(
                    item, ("roles",), f"lists the lead role '{a.lead_role}' again; roles holds the other roles involved"
                )
        for item in L["pivot_points"]:
            self._check_refs(item, ("what_helps",), item.record.what_helps, "actions")
            self._check_refs(item, ("sources",), item.record.sources, "sources")
        for item in L["stories"]:
            self._check_refs(item, ("sources",), item.record.sources, "sources")
            for index, chapter in enumerate(item.record.chapters):
                self._check_refs(item, ("chapters", index, "pivot_points"), chapter.pivot_points, "pivot_points")
                self._check_refs(item, ("chapters", index, "actions"), chapter.actions, "actions")
        for name in ("framework_elements", "framework_concepts", "glossary", "templates", "roles", "urgent_help"):
            for item in L[name]:
                self._check_refs(item, ("sources",), item.record.sources, "sources")
        for item in L["framework_concepts"]:
            self._check_refs(item, ("actions",), item.record.actions, "actions")
        for item in L["assessment"]:
            self._check_refs(item, ("actions",), item.record.actions, "actions")
        self.first_actions()
        for item in L["calculator"]:
            if item.record.source:
                self._check_ref(item, ("source",), item.record.source, "sources")
        # Links written inside Markdown fields (action:<id> and friends). Links of an unknown
        # type are reported by markdown_links, with every other link that is not allowed.
        from .text import markdown_references

        for name in ("actions", "pivot_points", "stories"):
            for item in L[name]:
                for field_path, text in _markdown_fields(item.record):
                    for kind, ref in markdown_references(text):
                        target = _REFERENCE_TARGETS.get(kind)
                        if target is None:
                            continue
                        if target == "pages":
                            if self.docs_dir is not None and ref not in self.site_pages():
                                self.add(item, field_path, f"links to page '{ref}', which does not exist in docs/")
                        elif target not in self.unreadable and ref not in self.ids[target]:
                            self.add(item, field_path, f"links to {kind} '{ref}', which does not exist")

    def first_actions(self) -> None:
        """'Start here' lists: real actions, no repeats, at the stage or for the role they start."""
        if "actions" in self.unreadable:
            return
        actions = {item.record.id: item.record for item in self.loaded["actions"]}
        for name, fits, where in (
            ("stages", lambda action, stage: action.stage == stage, "at this stage"),
            ("roles", lambda action, role: role in action.all_roles, "that this role leads or helps with"),
        ):
            for item in self.loaded[name]:
                record = item.record
                for index, action_id in enumerate(record.first_actions):
                    field = ("first_actions", index)
                    if action_id not in self.ids["actions"]:
                        self.add(item, field, f"refers to action '{action_id}', which does not exist")
                    elif record.first_actions.index(action_id) != index:
                        self.add(item, field, f"lists action '{action_id}' twice; choose three different actions")
                    elif action_id in actions and not fits(actions[action_id], record.id):
                        self.add(item, field, f"action '{action_id}' is not an action {where}; choose one that is")

    def markdown_links(self) -> None:
        """Every link and image in a Markdown field is safe: one problem for each that is not."""
        from .safety import link_problems

        for name in ("actions", "pivot_points", "stories"):
            for item in self.loaded[name]:
                for field_path, text in _markdown_fields(item.record):
                    for rule in link_problems(text, _REFERENCE_TARGETS):
                        self.add(item, field_path, rule)

    def cells_have_actions(self) -> None:
        if not self.loaded["actions"] or "actions" in self.incomplete:
            return
        filled = {(a.record.stage, a.record.theme) for a in self.loaded["actions"]}
        for stage in m.STAGE_IDS:
            for theme in m.THEME_IDS:
                if (stage, theme) not in filled:
                    self.add(
                        None,
                        ("stage and theme",),
                        f"the '{stage}' × '{theme}' cell of the guidance table has no action; add at least one",
                        file="guidance_data/actions",
                        record=f"{stage} × {theme}",
                    )

    def assessment_cells(self) -> None:
        if not self.loaded["assessment"] or "assessment" in self.incomplete:
            return
        filled = {(s.record.stage, s.record.theme) for s in self.loaded["assessment"]}
        for stage in m.STAGE_IDS:
            for theme in m.THEME_IDS:
                if (stage, theme) not in filled:
                    self.add(
                        None,
                        ("stage and theme",),
                        f"no self-assessment statement marks '{stage}' for the theme '{theme}'; add one",
                        file="guidance_data/assessment.yml",
                        record=f"{stage} × {theme}",
                    )

    def orphan_sources(self) -> None:
        if self.incomplete:
            return  # citations in an unreadable or invalid record are unknown, so "orphan" would mislead
        cited: set[str] = set()
        for name in (
            "actions",
            "pivot_points",
            "stories",
            "roles",
            "framework_elements",
            "framework_concepts",
            "glossary",
            "templates",
            "urgent_help",
        ):
            for item in self.loaded[name]:
                cited.update(item.record.sources)
        cited.update(item.record.source for item in self.loaded["calculator"] if item.record.source)
        cited.update(cited_in_pages(self.docs_dir))
        for item in self.loaded["sources"]:
            if item.record.id not in cited:
                self.add(item, ("id",), "no action, page or other record cites this source; cite it or remove it")
        for page, line, source_id in page_citations(self.docs_dir):
            if source_id not in self.ids["sources"]:
                self.problems.append(
                    Problem(
                        f"docs/{page}",
                        line,
                        None,
                        None,
                        f"cites source '{source_id}' (in a cite macro), which does not exist in sources.yml",
                    )
                )

    def review_pages(self) -> None:
        if self.docs_dir is None or "reviews" in self.incomplete:
            return
        pages = self.site_pages()
        for item in self.loaded["reviews"]:
            if item.record.page not in pages:
                self.add(item, ("page",), f"names page '{item.record.page}', which is not a page of this site")
        reviewed = self.ids["reviews"]
        for name in sorted(pages):
            if not name.startswith(REVIEW_EXEMPT) and name not in reviewed:
                self.add(
                    None,
                    ("page",),
                    f"page '{name}' has no review dates; add it with last_reviewed and next_review_due",
                    file="guidance_data/reviews.yml",
                    record=name,
                )


# Print packs repeat other pages, and each action's page is reviewed with its stage page
# and each handout with its role page (generated.reviewed_with), so none needs its own dates.
REVIEW_EXEMPT = ("print/", "actions/", "handouts/")

_REFERENCE_TARGETS = {
    "action": "actions",
    "pivot-point": "pivot_points",
    "story": "stories",
    "template": "templates",
    "source": "sources",
    "stage": "stages",
    "theme": "themes",
    "role": "roles",
    "page": "pages",
}


def _markdown_fields(record: Any) -> Iterator[tuple[tuple, str]]:
    if isinstance(record, m.Action):
        yield ("detail",), record.detail
    elif isinstance(record, m.PivotPoint):
        yield ("description",), record.description
    elif isinstance(record, m.Story):
        for index, chapter in enumerate(record.chapters):
            yield ("chapters", index, "text"), chapter.text


def page_citations(docs_dir: Path | None) -> list[tuple[str, int, str]]:
    """(page, line, source id) for every source cited by {{ cite(...) }} in the Markdown pages."""
    if docs_dir is None or not docs_dir.is_dir():
        return []
    found = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        name = page.relative_to(docs_dir).as_posix()
        for match in _CITE_IN_PAGE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found += [(name, line, source_id) for source_id in _QUOTED_ID.findall(match.group(1))]
    return found


def cited_in_pages(docs_dir: Path | None) -> set[str]:
    """Source ids cited by {{ cite(...) }} calls in the Markdown pages."""
    return {source_id for _, _, source_id in page_citations(docs_dir)}


def load_guide_uncached(data_dir: Path, docs_dir: Path | None = None) -> Guide:
    """Read, validate and cross-check everything. Raises GuidanceDataError listing all problems."""
    data_dir = Path(data_dir)
    root = data_dir.parent
    loaded: dict[str, list[_Located]] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    broken: dict[str, set[str]] = {}
    if not data_dir.is_dir():
        raise GuidanceDataError([Problem(str(data_dir), None, None, None, "the data folder is missing")])
    for collection in COLLECTIONS:
        located, collection_problems, readable, broken[collection.name] = _load_collection(collection, data_dir, root)
        loaded[collection.name] = located
        problems += collection_problems
        if not readable:
            unreadable.add(collection.name)
    problems += _Checker(loaded, docs_dir, root, unreadable, broken).run()
    if problems:
        raise GuidanceDataError(problems)
    return Guide.from_records({name: [item.record for item in items] for name, items in loaded.items()})


def _fingerprint(*folders: Path | None) -> tuple:
    """Names and modification times of every file, so a cached Guide is reused only while unchanged."""
    stamp = []
    for folder in folders:
        if folder is None or not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                stamp.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamp)


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path, docs_dir: Path | None, fingerprint: tuple) -> Guide:
    return load_guide_uncached(data_dir, docs_dir)


def load_guide(data_dir: Path, docs_dir: Path | None = None) -> Guide:
    """Load once per build: the result is reused until a data or page file changes."""
    data_dir = Path(data_dir).resolve()
    docs_dir = Path(docs_dir).resolve() if docs_dir is not None else None
    return _load_cached(data_dir, docs_dir, _fingerprint(data_dir, docs_dir))

"""Load guidance_data/, validate every record and every cross-reference, build a Guide.

All problems are collected and raised together in one GuidanceDataError, so an editor
sees everything that needs fixing in one run.
"""

from __future__ import annotations

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
    message = error["msg"]
    message = message.replace("Input should be", "must be").replace("Value error, ", "")
    message = message.replace("String should have", "must have")
    message = message.replace("List should have", "must have")
    return message


def _validate_record(
    collection: Collection, raw: Any, file: str, document: YamlDocument, path: tuple
) -> tuple[Any | None, list[Problem]]:
    record_id = raw.get(collection.key) if isinstance(raw, dict) else None
    record_label = str(record_id) if isinstance(record_id, (str, int)) else None
    if not isinstance(raw, dict):
        rule = f"each {collection.noun} must be a set of 'key: value' lines"
        return None, [Problem(file, document.line_for(path), record_label, None, rule)]
    try:
        return collection.model.model_validate(raw), []
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(detail["loc"])
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


def _load_collection(collection: Collection, data_dir: Path, root: Path) -> tuple[list[_Located], list[Problem], bool]:
    """Validated records, problems, and whether every file could be read as YAML."""
    located: list[_Located] = []
    problems: list[Problem] = []
    readable = True
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
            record = _record_label_at(document, dup_path[:1] if not collection.one_per_file else (), collection)
            field = _field_label(dup_path[0 if collection.one_per_file else 1 :])
            problems.append(Problem(shown, line, record, field, "this key appears twice in the same record; keep one"))
        for record_path, raw in entries:
            record, record_problems = _validate_record(collection, raw, shown, document, record_path)
            problems += record_problems
            if record is not None:
                located.append(_Located(record, collection, shown, document, record_path))
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
    return located, problems, readable


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

    def __init__(self, loaded: dict[str, list[_Located]], docs_dir: Path | None, root: Path, unreadable: set[str]):
        self.loaded = loaded
        # Collections with a file that could not be read: references to them are not
        # checked, so one YAML slip does not bury the real message under false ones.
        self.unreadable = unreadable
        self.docs_dir = docs_dir
        self.root = root
        self.problems: list[Problem] = []
        self.ids = {
            name: {getattr(item.record, COLLECTIONS_BY_NAME[name].key) for item in items}
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

    def run(self) -> list[Problem]:
        self.unique_ids()
        self.vocabularies_complete()
        self.references()
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
        for name in ("framework_elements", "framework_concepts", "glossary", "templates", "urgent_help"):
            for item in L[name]:
                self._check_refs(item, ("sources",), item.record.sources, "sources")
        for item in L["framework_concepts"]:
            self._check_refs(item, ("actions",), item.record.actions, "actions")
        for item in L["assessment"]:
            self._check_refs(item, ("actions",), item.record.actions, "actions")
        for item in L["calculator"]:
            if item.record.source:
                self._check_ref(item, ("source",), item.record.source, "sources")
        # Links written inside Markdown fields (action:<id> and friends).
        from .text import markdown_references

        for name in ("actions", "pivot_points", "stories"):
            for item in L[name]:
                for field_path, text in _markdown_fields(item.record):
                    for kind, ref in markdown_references(text):
                        target = _REFERENCE_TARGETS.get(kind)
                        if target is None:
                            self.add(
                                item,
                                field_path,
                                f"has a link to '{kind}:{ref}', but '{kind}:' is not a known link type",
                            )
                        elif target == "pages":
                            if self.docs_dir is not None and not (self.docs_dir / ref).is_file():
                                self.add(item, field_path, f"links to page '{ref}', which does not exist in docs/")
                        elif ref not in self.ids[target]:
                            self.add(item, field_path, f"links to {kind} '{ref}', which does not exist")

    def cells_have_actions(self) -> None:
        if not self.loaded["actions"] or "actions" in self.unreadable:
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
        if not self.loaded["assessment"] or "assessment" in self.unreadable:
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
        if self.unreadable:
            return  # citations in an unreadable file are unknown, so "orphan" would mislead
        cited: set[str] = set()
        for name in (
            "actions",
            "pivot_points",
            "stories",
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
        if self.docs_dir is not None:
            for source_id in sorted(cited_in_pages(self.docs_dir) - self.ids["sources"]):
                self.add(
                    None,
                    (),
                    f"a page cites source '{source_id}', which does not exist in sources.yml",
                    file="docs",
                    record=source_id,
                )

    def review_pages(self) -> None:
        if self.docs_dir is None or "reviews" in self.unreadable:
            return
        for item in self.loaded["reviews"]:
            if not (self.docs_dir / item.record.page).is_file():
                self.add(item, ("page",), f"names page '{item.record.page}', which does not exist in docs/")
        reviewed = self.ids["reviews"]
        for page in sorted(self.docs_dir.rglob("*.md")):
            name = page.relative_to(self.docs_dir).as_posix()
            if not name.startswith(REVIEW_EXEMPT) and name not in reviewed:
                self.add(
                    None,
                    ("page",),
                    f"page '{name}' has no review dates; add it with last_reviewed and next_review_due",
                    file="guidance_data/reviews.yml",
                    record=name,
                )


# Print packs repeat other pages, so they share those pages' reviews.
REVIEW_EXEMPT = ("print/",)

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


def cited_in_pages(docs_dir: Path | None) -> set[str]:
    """Source ids cited by {{ cite(...) }} calls in the Markdown pages."""
    if docs_dir is None or not docs_dir.is_dir():
        return set()
    cited: set[str] = set()
    for page in docs_dir.rglob("*.md"):
        for match in _CITE_IN_PAGE.finditer(page.read_text(encoding="utf-8")):
            cited.update(_QUOTED_ID.findall(match.group(1)))
    return cited


def load_guide_uncached(data_dir: Path, docs_dir: Path | None = None) -> Guide:
    """Read, validate and cross-check everything. Raises GuidanceDataError listing all problems."""
    data_dir = Path(data_dir)
    root = data_dir.parent
    loaded: dict[str, list[_Located]] = {}
    problems: list[Problem] = []
    unreadable: set[str] = set()
    if not data_dir.is_dir():
        raise GuidanceDataError([Problem(str(data_dir), None, None, None, "the data folder is missing")])
    for collection in COLLECTIONS:
        located, collection_problems, readable = _load_collection(collection, data_dir, root)
        loaded[collection.name] = located
        problems += collection_problems
        if not readable:
            unreadable.add(collection.name)
    problems += _Checker(loaded, docs_dir, root, unreadable).run()
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

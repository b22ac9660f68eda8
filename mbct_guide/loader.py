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
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import models as m
from .collection import COLLECTIONS, COLLECTIONS_BY_NAME, Collection
from .guide import Guide
from .problems import GuidanceDataError, Problem
from .routes import SHORT_LINKS, generated_page_paths
from .sanitise import link_problems
from .suggest import closest, did_you_mean, one_of, quoted
from .text import markdown_references
from .yamlfile import YamlDocument, read_yaml

# Editors cite sources in page Markdown with the cite macro: {{ cite("nice-cg90") }}.
# Possessive (*+, ++): "cite(" and a long run of spaces is read once, not once per space.
_CITE_IN_PAGE = re.compile(r"""cite\(\s*+(?:ids?\s*+=\s*+)?\[?\s*+((?:["'][a-z0-9-]++["']\s*+,?\s*+)++)""")
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

    def line_of_text(self, field_path: tuple, needle: str) -> int | None:
        """The line, within a field's value of several lines, where ``needle`` was typed."""
        start = self.line(*field_path)
        if start is None:
            return None
        following = self.document.source_lines[start - 1 :]
        for offset, text in enumerate(following):
            if offset and re.match(r"^\S", text):
                break  # the next top-level key: the value has ended
            if needle in text:
                return start + offset
        return start


def _field_label(loc: Iterable[str | int]) -> str:
    label = ""
    for part in loc:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return label


# The closed vocabularies, by their values, with the word an editor would use for one of them.
_VOCABULARIES: dict[frozenset[str], str] = {
    frozenset(m.STAGE_IDS): "stage",
    frozenset(m.THEME_IDS): "theme",
    frozenset(m.ROLE_IDS): "role",
    frozenset(m.ELEMENT_IDS): "framework element",
    frozenset(m.TOP_ELEMENT_IDS): "top-level framework element",
    frozenset(m.KEY_ACTIVITY_IDS): "key activity",
    frozenset(m.NATION_IDS): "UK nation",
    frozenset(m.CALCULATOR_INPUT_IDS): "calculator input",
    frozenset(get_args(m.ToolId)): "tool",
    frozenset(m.PIVOT_KINDS): "kind of pivot point",
    frozenset(get_args(m.SourceType)): "type of source",
    frozenset(get_args(m.AnswerId)): "answer",
    frozenset(m.FRAMEWORK_GROUPS): "framework group",
    frozenset(m.CLINICAL_PAGES): "page that needs a clinical review",
}


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model (a record or a nested part, such as a story chapter) that ``loc`` is inside."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        nested = _nested_model(field.annotation)
        if nested is None:
            break
        current = nested
    return current


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


# The other patterns fields must match, in editors' words.
_SHAPES = {
    r"^[a-z0-9][a-z0-9/_-]*\.md$": "write the page's path under docs/, such as journey/developing.md",
    r"^[0-9]{3,15}$": "write the number's digits only, with no spaces, such as 116123",
    r"^\d+\.\d+\.\d+$": "write a release number of three parts, such as 1.2.0",
}


def _literal_values(error: dict[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))


def _friendly(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    loc = tuple(error["loc"])
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        allowed = list(_model_at(model, loc[:-1]).model_fields)
        key = loc[-1] if loc else ""
        hint = did_you_mean(key, allowed)
        if hint:
            return f"{quoted(key)} is not a field this record can have{hint}"
        return f"{quoted(key)} is not a field this record can have (check the spelling). Allowed fields: " + ", ".join(
            allowed
        )
    if kind == "literal_error":
        allowed = _literal_values(error)
        noun = _VOCABULARIES.get(frozenset(allowed), "allowed value")
        if isinstance(value, str):
            hint = did_you_mean(value, allowed)
            return f"{quoted(value)} is not a {noun}{hint or '; use ' + one_of(allowed)}"
        return f"must be {one_of(allowed)}" + _read_as(value)
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == m.SLUG_PATTERN:
            return (
                f"{quoted(value)} is not a kebab-case id: use lower-case letters and digits joined by single "
                "hyphens, for example 'find-a-buddy'"
            )
        pattern = error.get("ctx", {}).get("pattern", "")
        shape = _SHAPES.get(pattern, f"it must match the pattern {pattern}")
        return f"{quoted(value)} is not in the right form: {shape}"
    if kind.startswith("date_"):  # Date fields give their own message; this covers any other date
        return "is not a date; write dates as YYYY-MM-DD, for example 2026-03-31"
    typed = f"{quoted(value)} " if isinstance(value, str) else ""
    if kind in ("int_parsing", "int_type", "int_from_float"):
        if typed:
            return f"{typed}is not a whole number; write a whole number (an integer), such as 10"
        return "must be a whole number (an integer), such as 10" + _read_as(value, numbers=False)
    if kind in ("float_parsing", "float_type"):
        if typed:
            return f"{typed}is not a number; write a number, such as 12.5"
        return "must be a number, such as 12.5" + _read_as(value, numbers=False)
    if kind == "finite_number":
        return "must be an ordinary number (not .inf or .nan)"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"{typed}is not true or false; write true or false" if typed else "must be true or false"
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
        details = error.errors()
        for detail in details:
            loc = tuple(detail["loc"])
            if (*path, *loc) in reported or _misspelt(detail, details):
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


def _misspelt(detail: dict[str, Any], details: list[dict[str, Any]]) -> bool:
    """A required field reported missing because its key was misspelt (``titel:`` for
    ``title:``) is one mistake: it is reported once, as the unknown key, with the suggestion."""
    if detail["type"] != "missing":
        return False
    loc = tuple(detail["loc"])
    parent, name = loc[:-1], loc[-1]
    beside = [(d["type"], tuple(d["loc"])[-1]) for d in details if tuple(d["loc"])[:-1] == parent]
    missing_here = [key for kind, key in beside if kind == "missing"]
    extra_here = [key for kind, key in beside if kind == "extra_forbidden"]
    return any(closest(extra, missing_here) == name for extra in extra_here)


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
    """Validated records, problems, whether every file could be read as YAML, and ids that
    exist although their record did not validate (links to them are not wrong).

    A record with a bad field still exists: its id is known even when its other fields are
    not, so one mistake is reported once, where it was made, and not again by every record
    that links to it. In a folder of one record per file, the file name is the record's id
    (a rule of its own), so every file's name counts as an id, even when the file cannot be
    read or its id is misspelt."""
    located: list[_Located] = []
    problems: list[Problem] = []
    readable = True
    known: set[str] = set()
    for path in _files_of(collection, data_dir):
        shown = os.path.relpath(path, root)
        if collection.one_per_file:
            known.add(path.stem)
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
        bad_values = [*document.bad_values, *_placeholders(document)]
        for bad_path, line, rule in bad_values:
            record, field = _where(document, bad_path, collection)
            problems.append(Problem(shown, line, record, field, rule))
        reported = frozenset(bad_path for bad_path, _, _ in bad_values)
        for record_path, raw in entries:
            record, record_problems = _validate_record(collection, raw, shown, document, record_path, reported)
            problems += record_problems
            if record is not None:
                located.append(_Located(record, collection, shown, document, record_path))
            elif isinstance(raw, dict) and isinstance(raw.get(collection.key), str):
                known.add(raw[collection.key])
        if collection.one_per_file and isinstance(document.data, dict):
            record_id = document.data.get("id")
            if isinstance(record_id, str) and record_id != path.stem and ("id",) not in reported:
                if (path.parent / f"{record_id}.yml").exists():  # a copy: the id is another file's
                    rule = (
                        f"{quoted(record_id)} must match the file name, and is already the id in "
                        f"{record_id}.yml: set id to '{path.stem}', or rename this file to its new id"
                    )
                else:
                    rule = (
                        f"{quoted(record_id)} must match the file name: rename the file to '{record_id}.yml' "
                        f"or set id to '{path.stem}'"
                    )
                problems.append(Problem(shown, document.line_for(("id",)), record_id, "id", rule))
    return located, problems, readable, known


# The blank records in guidance_data/README.md hold placeholders such as <stage id> to replace.
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,200}>")


def _placeholders(document: YamlDocument) -> list[tuple[tuple, int, str]]:
    """(path, line, rule) for every value still holding a blank template's placeholder."""
    found: list[tuple[tuple, int, str]] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, str) and _PLACEHOLDER.fullmatch(value.strip()):
            rule = (
                f"still holds the placeholder {quoted(value.strip())} from the blank record; "
                "replace it, brackets and all, with the real value"
            )
            found.append((path, document.line_for(path) or 1, rule))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(document.data, ())
    return found


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
        known: dict[str, set[str]] | None = None,
        faulty: set[str] | None = None,
    ):
        self.loaded = loaded
        # Collections with a file that could not be read. References into a folder of one
        # record per file are still checked, against its file names; references into a list
        # file that could not be read are not, so one YAML slip does not bury the real
        # message under false ones (the report says so once, in a note).
        self.unreadable = unreadable
        self.unchecked = {name for name in unreadable if not COLLECTIONS_BY_NAME[name].one_per_file}
        # Collections with a problem of their own (such as a record that is invalid): checks
        # that need every record (empty cells, orphan sources) wait until it is fixed.
        known = known or {}
        self.incomplete = unreadable | (faulty or set())
        self.docs_dir = docs_dir
        self.root = root
        self.problems: list[Problem] = []
        # Citations of sources that do not exist, by the id cited: reported at the end, as one
        # problem when they all come from one source whose id was changed (see renamed_sources).
        self.missing_sources: dict[str, list[Problem]] = {}
        # Invalid records still exist, and so does every record file's name: a link to one is
        # not reported as a link to nothing.
        self.ids = {
            name: {getattr(item.record, COLLECTIONS_BY_NAME[name].key) for item in items} | known.get(name, set())
            for name, items in loaded.items()
        }

    def add(
        self,
        item: _Located | None,
        field_path: tuple,
        rule: str,
        *,
        file: str | None = None,
        record: str | None = None,
        into: list[Problem] | None = None,
        line: int | None = None,
    ) -> None:
        if item is not None:
            record = record or str(getattr(item.record, item.collection.key))
            line = line or item.line(*field_path)
            problem = Problem(item.file, line, record, _field_label(field_path) or None, rule)
        else:
            problem = Problem(file or "guidance_data", None, record, _field_label(field_path) or None, rule)
        (self.problems if into is None else into).append(problem)

    def notes(self) -> list[str]:
        """What was not checked because a file could not be read: said once, not per reference."""
        return [
            f"references to {COLLECTIONS_BY_NAME[name].noun}s were not checked, because "
            f"guidance_data/{COLLECTIONS_BY_NAME[name].path} could not be read; fix it and check again"
            for name in sorted(self.unchecked)
        ]

    def site_pages(self) -> set[str]:
        """Every page of the site: the Markdown files in docs/ and the pages generated from data."""
        written = set()
        if self.docs_dir is not None:
            written = {p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*.md")}
        return written | generated_page_paths(self.ids)

    def run(self) -> list[Problem]:
        """Every rule of the data check, in the order its problems are listed."""
        self.unique_ids()
        self.vocabularies_complete()
        self.action_references()
        self.source_references()
        self.action_lists()
        self.first_actions()
        self.short_links()
        self.markdown_links()
        self.cells_have_actions()
        self.assessment_cells()
        self.orphan_sources()
        self.review_pages()
        self.pages_to_read()
        self.public_pages()
        self.emergency_first()
        self.search_synonyms()
        for problems in self.missing_sources.values():
            self.problems += problems
        return self.problems

    def unique_ids(self) -> None:
        for name, items in self.loaded.items():
            key = COLLECTIONS_BY_NAME[name].key
            first_seen: dict[str, _Located] = {}
            for item in items:
                value = getattr(item.record, key)
                if item.collection.one_per_file and Path(item.file).stem != value:
                    continue  # reported once, as an id that does not match its file name
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
            "topics": m.TOPIC_IDS,
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
        if "framework_elements" in self.incomplete:
            return  # an invalid element's sub-elements are not loaded, so they would look missing
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

    def missing(self, target: str, value: str, verb: str = "refers to", noun: str | None = None) -> str | None:
        """The rule broken by a reference to ``value`` in ``target``, or None if it exists (or
        cannot be checked). Quotes what was typed and suggests the nearest id that exists."""
        if target in self.unchecked or value in self.ids[target]:
            return None
        noun = noun or COLLECTIONS_BY_NAME[target].noun
        return f"{verb} {noun} {quoted(value)}, which does not exist{did_you_mean(value, self.ids[target])}"

    def _check_refs(self, item: _Located, field: tuple, values: Iterable[str], target: str) -> None:
        for index, value in enumerate(values):
            self._check_ref(item, (*field, index), value, target)

    def _check_ref(self, item: _Located, field: tuple, value: str, target: str) -> None:
        rule = self.missing(target, value)
        if rule:
            into = self.missing_sources.setdefault(value, []) if target == "sources" else None
            self.add(item, field, rule, into=into)

    def action_references(self) -> None:
        """An action's pivot points and templates exist, and its lead role is not listed again."""
        for item in self.loaded["actions"]:
            a = item.record
            self._check_refs(item, ("pivot_points",), a.pivot_points, "pivot_points")
            self._check_refs(item, ("templates",), a.templates, "templates")
            if a.lead_role in a.roles:
                self.add(
                    item, ("roles",), f"lists the lead role '{a.lead_role}' again; roles holds the other roles involved"
                )

    def source_references(self) -> None:
        """Every source a record cites exists."""
        for name in ("actions", "pivot_points", "stories", *SOURCES_ONLY):
            for item in self.loaded[name]:
                self._check_refs(item, ("sources",), item.record.sources, "sources")
        for item in self.loaded["calculator"]:
            if item.record.source:
                self._check_ref(item, ("source",), item.record.source, "sources")

    def action_lists(self) -> None:
        """Every action a pivot point, story chapter, framework concept or self-assessment
        statement names exists (and every pivot point a chapter names)."""
        for item in self.loaded["pivot_points"]:
            self._check_refs(item, ("what_helps",), item.record.what_helps, "actions")
        for item in self.loaded["stories"]:
            for index, chapter in enumerate(item.record.chapters):
                self._check_refs(item, ("chapters", index, "pivot_points"), chapter.pivot_points, "pivot_points")
                self._check_refs(item, ("chapters", index, "actions"), chapter.actions, "actions")
        for name in ("framework_concepts", "assessment"):
            for item in self.loaded[name]:
                self._check_refs(item, ("actions",), item.record.actions, "actions")

    def short_links(self) -> None:
        """Links written inside Markdown fields ([text](action:<id>) and friends) reach a record
        or page that exists. Links of an unknown kind are reported by markdown_links, with
        every other link that is not allowed."""
        for name in ("actions", "pivot_points", "stories"):
            for item in self.loaded[name]:
                for field_path, text in _markdown_fields(item.record):
                    for kind, ref in markdown_references(text):
                        if kind in SHORT_LINKS:
                            self._short_link(item, field_path, kind, ref)

    def _short_link(self, item: _Located, field_path: tuple, kind: str, ref: str) -> None:
        target = SHORT_LINKS[kind]
        into = None
        if target == "pages":
            pages = self.site_pages()
            if self.docs_dir is None or ref in pages:
                return
            rule = f"links to page {quoted(ref)}, which is not in docs/{did_you_mean(ref, pages)}"
        else:
            rule = self.missing(target, ref, "links to", kind)
            if not rule:
                return
            into = self.missing_sources.setdefault(ref, []) if target == "sources" else None
        # The line of the link itself, not of the field it is in (a field may run to many lines).
        self.add(item, field_path, rule, into=into, line=item.line_of_text(field_path, f"{kind}:{ref}"))

    def first_actions(self) -> None:
        """'Start here' lists: real actions, no repeats, at the stage (and for the role) they start.
        A role lists three at each stage, or all of its actions there when it has fewer."""
        actions = {item.record.id: item.record for item in self.loaded["actions"]}
        lists = [(item, (), item.record.id, None, item.record.first_actions) for item in self.loaded["stages"]]
        for item in self.loaded["roles"]:
            lists += [(item, (stage,), stage, item.record.id, ids) for stage, ids in item.record.first_actions.items()]
        for item, where, stage, role, ids in lists:
            for index, action_id in enumerate(ids):
                field = ("first_actions", *where, index)
                action = actions.get(action_id)
                rule = self.missing("actions", action_id)
                if rule:
                    self.add(item, field, rule)
                elif ids.index(action_id) != index:
                    self.add(item, field, f"lists action '{action_id}' twice; choose three different actions")
                elif action is not None and action.stage != stage:
                    self.add(
                        item,
                        field,
                        f"action '{action_id}' is a {action.stage} action, not {stage}; choose one at {stage}",
                    )
                elif action is not None and role is not None and role not in action.all_roles:
                    self.add(
                        item,
                        field,
                        f"action '{action_id}' is not one this role leads or helps with; choose one that is",
                    )
            if role is not None and "actions" not in self.incomplete:
                available = sum(1 for a in actions.values() if a.stage == stage and role in a.all_roles)
                if len(ids) < min(3, available):
                    self.add(
                        item,
                        ("first_actions", *where),
                        f"lists {len(ids)} action{'s' if len(ids) != 1 else ''} for {stage}; list three (this role "
                        f"has {available} actions at {stage})",
                    )

    def search_synonyms(self) -> None:
        """Each word typed leads to one word, and that word is in the guidance: no word is
        listed twice or as both a word and a synonym, and every word is used by an action."""
        items = self.loaded["search_synonyms"]
        words = {item.record.word: item for item in items}
        first_listed: dict[str, tuple[_Located, int]] = {}
        action_text = " ".join(
            " ".join([a.title, a.summary, a.detail, *a.signs_of_progress])
            for a in (i.record for i in self.loaded["actions"])
        ).lower()
        for item in items:
            record = item.record
            if "actions" not in self.incomplete and not re.search(rf"\b{re.escape(record.word)}", action_text):
                self.add(
                    item,
                    ("word",),
                    f"'{record.word}' is not a word any action uses, so its synonyms would find nothing",
                )
            for index, also in enumerate(record.also):
                if also in words:
                    self.add(
                        item,
                        ("also", index),
                        f"'{also}' is a word of its own in this file (line {words[also].line()}); "
                        "a synonym cannot also have synonyms",
                    )
                elif also in first_listed and first_listed[also][0] is not item:
                    earlier, at = first_listed[also]
                    self.add(
                        item,
                        ("also", index),
                        f"'{also}' is already a synonym of '{earlier.record.word}' "
                        f"(line {earlier.line('also', at)}); a word typed can lead to one word only",
                    )
                first_listed.setdefault(also, (item, index))

    def markdown_links(self) -> None:
        """Every link and image in a Markdown field is safe: one problem for each that is not."""
        # Phone links may dial only the urgent-help numbers; unchecked while that file has a problem.
        phones = None
        if "urgent_help" not in self.incomplete:
            phones = {item.record.tel for item in self.loaded["urgent_help"] if item.record.tel}
        for name in ("actions", "pivot_points", "stories"):
            for item in self.loaded[name]:
                for field_path, text in _markdown_fields(item.record):
                    for rule in link_problems(text, SHORT_LINKS, phones):
                        self.add(item, field_path, rule)

    def cells_have_actions(self) -> None:
        self._every_cell_filled(
            "actions", "the '{stage}' × '{theme}' cell of the guidance table has no action; add at least one"
        )

    def assessment_cells(self) -> None:
        self._every_cell_filled(
            "assessment", "no self-assessment statement marks '{stage}' for the theme '{theme}'; add one"
        )

    def _every_cell_filled(self, name: str, rule: str) -> None:
        """Each stage × theme cell of the guidance table has a record of ``name``; ``rule``
        (with {stage} and {theme}) says what an empty cell lacks."""
        if not self.loaded[name] or name in self.incomplete:
            return
        filled = {(item.record.stage, item.record.theme) for item in self.loaded[name]}
        for stage in m.STAGE_IDS:
            for theme in m.THEME_IDS:
                if (stage, theme) not in filled:
                    self.add(
                        None,
                        ("stage and theme",),
                        rule.format(stage=stage, theme=theme),
                        file=f"guidance_data/{COLLECTIONS_BY_NAME[name].path}",
                        record=f"{stage} × {theme}",
                    )

    def orphan_sources(self) -> None:
        """Every source is cited somewhere, and every source a page cites exists.

        "Not cited" is only said when every citation is known: with every record valid, and
        with the pages of docs/ read (their cite macros count). Loading the data without the
        docs folder, or with a record that is still broken, says nothing about orphans."""
        if "sources" in self.unchecked:
            return
        self.page_citations_exist()
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
            if item.record.id in cited or self.renamed_source(item):
                continue
            if not self.incomplete and self.docs_dir is not None:
                self.add(item, ("id",), "no action, page or other record cites this source; cite it or remove it")

    def renamed_source(self, item: _Located) -> bool:
        """One mistake in a source's id would otherwise be reported at every citation of the
        old id and again as a source nobody cites. When a source nobody cites has an id close
        to one that is cited but does not exist, its id was changed: say so once, on its line."""
        old = closest(item.record.id, self.missing_sources)
        if old is None:
            return False
        citations = sorted(self.missing_sources.pop(old), key=lambda p: (p.file, p.line or 0))
        first = citations[0]
        where = first.file + (f", line {first.line}" if first.line else "")
        times = "once" if len(citations) == 1 else f"{len(citations)} times"
        self.add(
            item,
            ("id",),
            f"{quoted(item.record.id)} is cited nowhere, while {quoted(old)}, which no source has, is cited {times} "
            f"(first in {where}); did you mean '{old}'? Change the id back, or change every citation",
        )
        return True

    def page_citations_exist(self) -> None:
        for page, line, source_id in page_citations(self.docs_dir):
            if source_id not in self.ids["sources"]:
                hint = did_you_mean(source_id, self.ids["sources"])
                self.missing_sources.setdefault(source_id, []).append(
                    Problem(
                        f"docs/{page}",
                        line,
                        None,
                        None,
                        f"cites source {quoted(source_id)} (in a cite macro), which does not exist in sources.yml"
                        + hint,
                    )
                )

    def emergency_first(self) -> None:
        """The urgent help page opens with the emergency card: one record has emergency: true, the first."""
        if "urgent_help" in self.incomplete or not self.loaded["urgent_help"]:
            return
        items = self.loaded["urgent_help"]
        marked = [item for item in items if item.record.emergency]
        if not marked:
            self.add(items[0], ("emergency",), "no record has emergency: true; mark the 999 record, and list it first")
        for item in marked[1:]:
            self.add(item, ("emergency",), "only one record can be the emergency card; remove emergency: true here")
        if marked and marked[0] is not items[0]:
            self.add(marked[0], ("emergency",), "the emergency record must come first in the file (most urgent first)")

    def public_pages(self) -> None:
        """Every public-facing page shows where to get help now; every page that needs a clinical
        review shows its status (and that the site gives no personal medical advice)."""
        if self.docs_dir is None:
            return
        status = ("clinical_status(", "its clinical review status and that the site gives no personal medical advice")
        urgent = ("urgent_help(", "where to get help now")
        for page in m.CLINICAL_PAGES:
            path = self.docs_dir / page
            if not path.exists():
                self.add(
                    None, (), "this page needs a clinical review, so it must exist; add it back", file=f"docs/{page}"
                )
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            kind = "a public-facing page" if page in m.PUBLIC_PAGES else "a page that needs a clinical review"
            for macro, why in (urgent, status) if page in m.PUBLIC_PAGES else (status,):
                if "{{ " + macro not in text:
                    self.add(None, (), f"is {kind}, so it must show {why}: add {{{{ {macro}) }}}}", file=f"docs/{page}")

    def pages_to_read(self) -> None:
        """Every page a role is told to read early (also_read) is a page of this site."""
        if self.docs_dir is None:
            return
        pages = self.site_pages()
        for item in self.loaded["roles"]:
            for index, link in enumerate(item.record.also_read):
                if link.page not in pages:
                    hint = did_you_mean(link.page, pages)
                    self.add(
                        item,
                        ("also_read", index, "page"),
                        f"names page {quoted(link.page)}, which is not a page of this site{hint}",
                    )

    def review_pages(self) -> None:
        if self.docs_dir is None or "reviews" in self.incomplete:
            return
        pages = self.site_pages()
        # The pages that a misspelt record was most likely meant for: its problem already
        # suggests the right name, so "has no review dates" would be the same mistake again.
        meant = set()
        for item in self.loaded["reviews"]:
            if item.record.page not in pages:
                typed = item.record.page
                hint = did_you_mean(typed, pages)
                self.add(item, ("page",), f"names page {quoted(typed)}, which is not a page of this site{hint}")
                meant.add(closest(typed, pages))
        reviewed = self.ids["reviews"]
        for name in sorted(pages):
            if not name.startswith(REVIEW_EXEMPT) and name not in reviewed and name not in meant:
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


# Records whose only references are the sources they cite.
SOURCES_ONLY = ("framework_elements", "framework_concepts", "glossary", "templates", "roles", "urgent_help")


def _markdown_fields(record: Any) -> Iterator[tuple[tuple, str]]:
    if isinstance(record, m.Action):
        yield ("detail",), record.detail
    elif isinstance(record, m.PivotPoint):
        yield ("description",), record.description
    elif isinstance(record, m.Story):
        for index, chapter in enumerate(record.chapters):
            yield ("chapters", index, "text"), chapter.text
    elif isinstance(record, m.Template) and record.worked_example:
        yield ("worked_example",), record.worked_example


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
    faulty: set[str] = set()
    known: dict[str, set[str]] = {}
    if not data_dir.is_dir():
        raise GuidanceDataError([Problem(str(data_dir), None, None, None, "the data folder is missing")])
    for collection in COLLECTIONS:
        located, collection_problems, readable, known[collection.name] = _load_collection(collection, data_dir, root)
        loaded[collection.name] = located
        problems += collection_problems
        if not readable:
            unreadable.add(collection.name)
        if collection_problems:
            faulty.add(collection.name)
    checker = _Checker(loaded, docs_dir, root, unreadable, known, faulty)
    problems += checker.run()
    if problems:
        raise GuidanceDataError(problems, checker.notes())
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

"""Read YAML while remembering the line of every key, so problems can point at a line.

PyYAML builds a node tree (with line marks) before it builds Python objects. We keep
the tree, map each path such as ``(0, "sources", 1)`` to its line, and report
duplicate keys, which plain ``yaml.safe_load`` would silently overwrite.

Reading never crashes and never explodes, whatever the file holds:

* The file is first read as a stream of parser events, which costs time in proportion to
  its size. Anchors and aliases (``&name``, ``*name``), explicit tags (``!!int``,
  ``!!python/object``) and very deep nesting are refused there, before anything is built,
  so a "billion laughs" file of nested aliases is refused in milliseconds instead of being
  expanded into gigabytes. Guidance data needs none of them.
* Values are read as YAML gives them (``2026-03-01`` is a date, ``12`` a number), except
  that a value YAML reads as a date but that is not a real one (``2026-02-30``) becomes a
  problem naming its line, instead of PyYAML's ValueError.
* Bytes that are not UTF-8, empty files and files with only comments each get their own
  message, with the line of the first bad byte.

This is the only place guidance data is parsed: the loader, the tests and the benchmarks
all read YAML through ``read_yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .problems import Problem
from .suggest import quoted

Path_ = tuple[str | int, ...]
# libyaml's C parser is several times faster; PyYAML wheels include it. Same safe rules.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Records are two or three levels deep; anything far deeper is a mistake or an attack.
MAX_DEPTH = 20
NESTED_RULE = f"is nested more than {MAX_DEPTH} levels deep; guidance records need only a few levels"

ALIAS_RULE = "anchors and aliases (& and *) are not used in guidance data; write the value out in full"
NOT_A_REAL_DATE = "`{value}` is not a real date; write dates as YYYY-MM-DD"


class NotADate(str):
    """A value YAML reads as a date (or date and time) that does not exist, kept as typed."""


class NotANumber(str):
    """A value YAML reads as a number that Python will not convert (thousands of digits)."""


class _Loader(_BASE_LOADER):
    """The safe loader, but a value that cannot be converted stays as the text typed,
    so validation reports it, with its field, instead of the loader crashing."""

    def construct_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return SafeConstructor.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError, AttributeError):
            return NotADate(node.value)

    def construct_int(self, node: yaml.ScalarNode) -> Any:
        try:
            return SafeConstructor.construct_yaml_int(self, node)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return NotANumber(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_int)


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path_, int]] = field(default_factory=list)
    # (path, line, rule) for values YAML read as a date or number that could not be one.
    bad_values: list[tuple[Path_, int, str]] = field(default_factory=list)
    # The file's lines as typed, to find where in a long value a mistake was made.
    source_lines: list[str] = field(default_factory=list)

    def line_for(self, path: Path_) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def _key_text(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else f"(a {node.id} used as a key)"


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], duplicates: list[tuple[Path_, int]]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            child = (*path, key)
            if key in seen:
                duplicates.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _index_lines(value_node, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), lines, duplicates)


def _bad_values(data: Any, path: Path_ = ()) -> list[tuple[Path_, str]]:
    """Paths of values that were kept as text because they could not be converted."""
    if isinstance(data, NotADate):
        return [(path, NOT_A_REAL_DATE.format(value=data))]
    if isinstance(data, NotANumber):
        return [(path, f"this number has {len(data)} characters, far more than any field allows")]
    found: list[tuple[Path_, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _bad_values(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _bad_values(value, (*path, index))
    return found


def _refused(text: str) -> tuple[int, str] | None:
    """The line and rule of the first thing guidance data never needs, found from parser events.

    Parsing builds nothing, so this is quick and safe for any file, however hostile."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return line, ALIAS_RULE
        tag = getattr(event, "tag", None)
        if tag:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            return line, (
                f"tags such as '{shown}' are not used in guidance data; remove the tag and write the value on its own"
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return line, NESTED_RULE
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _decode(raw: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        rule = (
            "is not saved as UTF-8 text: this line has a character in another encoding; "
            "retype it, or save the file as UTF-8 (your editor's 'encoding' setting)"
        )
        return None, [Problem(shown_as, line, None, None, rule)]


def _no_data_rule(text: str) -> str:
    if not text.strip():
        return "is empty; write the record in it, or delete the file"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if all(line.startswith("#") for line in lines):
        return "has only comments and no data; write the record below the comments, or delete the file"
    return "holds no data (only an empty value); write the record in it, or delete the file"


# PyYAML notices some mistakes only on a later line: a key without its colon when the next
# line starts, an unclosed bracket or quote at the end of the file. Its "context" mark then
# points at where the mistake was made, which is the line an editor needs.
_CONTEXT_AT_THE_MISTAKE = ("while scanning a simple key", "while scanning a quoted scalar", "while parsing a flow")


def _mistake_mark(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    if error.context_mark and (error.context or "").startswith(_CONTEXT_AT_THE_MISTAKE):
        return error.context_mark
    return error.problem_mark or error.context_mark


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file. Returns the document, or None and the problem that stopped it."""
    text, problems = _decode(path.read_bytes(), shown_as)
    if text is None:
        return None, problems
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        # Said before parsing: PyYAML refuses a tab in an otherwise blank file as a syntax error.
        return None, [Problem(shown_as, None, None, None, _no_data_rule(text))]
    try:
        refused = _refused(text)
        if refused:
            line, rule = refused
            return None, [Problem(shown_as, line, None, None, rule)]
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = _mistake_mark(error)
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(error.problem):  # libyaml's own limit, met before ours in a long flow
            return None, [Problem(shown_as, line, None, None, NESTED_RULE)]
        reason = error.problem or error.context or "is not valid YAML"
        typed = text.splitlines()[line - 1].strip() if line and line <= len(text.splitlines()) else ""
        reads = f"; the line reads {quoted(typed)}" if typed else ""
        return None, [
            Problem(
                shown_as,
                line,
                None,
                None,
                f"is not valid YAML ({reason}){reads}; check indentation, colons and quotes on this line",
            )
        ]
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control character
        line = text[: error.position].count("\n") + 1
        code = ord(error.character) if isinstance(error.character, str) else error.character
        rule = f"has a control character (#x{code:04x}) on this line, which YAML does not allow; delete it"
        return None, [Problem(shown_as, line, None, None, rule)]
    except yaml.YAMLError as error:  # errors without a position
        return None, [Problem(shown_as, None, None, None, f"is not valid YAML ({error})")]
    if node is None or data is None:
        return None, [Problem(shown_as, None, None, None, _no_data_rule(text))]
    lines: dict[Path_, int] = {}
    duplicates: list[tuple[Path_, int]] = []
    _index_lines(node, (), lines, duplicates)
    document = YamlDocument(data, lines, duplicates, source_lines=text.splitlines())
    document.bad_values = [(bad, document.line_for(bad) or 1, rule) for bad, rule in _bad_values(data)]
    return document, []

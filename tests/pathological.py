"""Every regular expression in mbct_guide/, and the worst input for each: shared by the abuse tests.

The patterns are read from the source with ``ast`` (every ``re.compile``, ``re.search``... and
every ``pattern=`` with a string), so a new pattern is checked without anyone listing it.
For each, inputs are built from the characters it names and from a string that starts a
match, cut where a repeat begins ("](a:", "<" and a run of spaces, "cite(" and spaces...):
repeated, or one start followed by a long run of one character. These are the shapes that
make a backtracking engine rescan the text from every position.
"""

from __future__ import annotations

import ast
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterator
from pathlib import Path

# Where the flags argument sits for each function of the re module.
_FLAGS_AT = {"compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3}
_FLAGS_AT |= {"sub": 4, "subn": 4}
_SAMPLE_CHARACTER = {"CATEGORY_SPACE": " ", "CATEGORY_DIGIT": "1"}


def _flags(node: ast.expr | None) -> int:
    return 0 if node is None else eval(compile(ast.Expression(node), "<flags>", "eval"), {"re": re})  # noqa: S307


def _string(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.JoinedStr):  # an f-string: each {value} as a letter
        return "".join(part.value if isinstance(part, ast.Constant) else "x" for part in node.values)
    return None


def package_patterns(package: Path) -> Iterator[tuple[str, re.Pattern[str]]]:
    """("file:line", compiled pattern) for every regular expression written in ``package``."""
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            node.targets[0].id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(package.parent).as_posix()}:{node.lineno}"
            function = node.func
            if (
                isinstance(function, ast.Attribute)
                and isinstance(function.value, ast.Name)
                and function.value.id == "re"
                and function.attr in _FLAGS_AT
                and node.args
                and not isinstance(node.args[0], ast.Call)  # re.sub(re.compile(...)): found on its own
            ):
                flags = next((k.value for k in node.keywords if k.arg == "flags"), None)
                if flags is None and len(node.args) > _FLAGS_AT[function.attr]:
                    flags = node.args[_FLAGS_AT[function.attr]]
                text = _string(node.args[0], constants)
                assert text is not None, f"{where}: the test cannot read this pattern; write it as a string"
                yield where, re.compile(text, _flags(flags))
            for keyword in node.keywords:
                if keyword.arg == "pattern" and not isinstance(keyword.value, ast.Call):
                    text = _string(keyword.value, constants)
                    assert text is not None, f"{where}: the test cannot read this pattern; write it as a string"
                    yield where, re.compile(text)


def _named_characters(pattern: re.Pattern[str]) -> set[str]:
    """The characters a pattern names: its literals, the ends of its ranges, a sample of each class."""
    found: set[str] = set()

    def walk(items) -> None:
        for op, value in items:
            if op is sre.LITERAL:
                found.add(chr(value))
            elif op is sre.IN:
                for kind, item in value:
                    if kind is sre.LITERAL:
                        found.add(chr(item))
                    elif kind is sre.RANGE:
                        found.update((chr(item[0]), chr(item[1])))
                    elif kind is sre.CATEGORY:
                        found.update(" a1")
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                walk(value[2])
            elif op is sre.SUBPATTERN:
                walk(value[3])
            elif op is sre.ATOMIC_GROUP:
                walk(value)
            elif op is sre.BRANCH:
                for branch in value[1]:
                    walk(branch)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                walk(value[1])
            elif op is sre.ANY:
                found.add("a")

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return found


def _match_start(pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    """A string that starts a match, and the places in it where a repeat begins."""
    text: list[str] = []
    cuts: list[int] = []

    def walk(items) -> bool:
        for op, value in items:
            if op is sre.LITERAL:
                text.append(chr(value))
            elif op is sre.IN:
                for kind, item in value:
                    if kind is sre.LITERAL:
                        text.append(chr(item))
                        break
                    if kind is sre.RANGE:
                        text.append(chr(item[0]))
                        break
                    if kind is sre.CATEGORY:
                        text.append(_SAMPLE_CHARACTER.get(str(item), "a"))
                        break
                else:
                    return False
            elif op is sre.ANY:
                text.append("a")
            elif op is sre.SUBPATTERN:
                if not walk(value[3]):
                    return False
            elif op is sre.ATOMIC_GROUP:
                if not walk(value):
                    return False
            elif op is sre.BRANCH:
                if not walk(value[1][0]):
                    return False
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                cuts.append(len(text))
                if value[0] == 0:
                    return False
                for _ in range(value[0]):
                    if not walk(value[2]):
                        return False
                cuts.append(len(text))
            elif op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                return False
        return True

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return "".join(text), cuts


# The shapes named in issue 18, tried on every pattern as well.
KNOWN_WORST = ("](a:", "[", "](", "<")


def hostile_inputs(pattern: re.Pattern[str]) -> list[tuple[str, str, str]]:
    """(name, unit, filler): the text is ``unit`` repeated, or ``unit`` once and then ``filler`` repeated."""
    characters = sorted(_named_characters(pattern) | {" ", "a", "\n", "<", "]"})
    start, cuts = _match_start(pattern)
    leads = {start[:cut] for cut in [*cuts, len(start)]} - {""}
    units = set(characters) | {a + b for a in characters for b in characters} | set(KNOWN_WORST)
    for lead in leads:
        units |= {lead, *(lead + c for c in characters)}
    found = [(f"{unit!r} repeated", unit, "") for unit in sorted(units)]
    for lead in sorted(leads | set(KNOWN_WORST)):
        found += [(f"{lead!r} and then {c!r} repeated", lead, c) for c in characters]
    return found


def build(unit: str, filler: str, size: int) -> str:
    if filler:
        return unit + filler * size
    return (unit * (size // len(unit) + 1))[:size]

"""The package's import layers (pyproject.toml [tool.importlinter]): no cycle, no arrow back up,
and every import at the top of its file (ruff's PLC0415), so the order of imports shows the
layers and a cycle cannot hide inside a function."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import ROOT

from mbct_guide import models as m
from mbct_guide.routes import EXTERNAL_SCHEMES, GENERATED_KINDS, SHORT_LINKS

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
    )


def copy_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "mbct_guide", tmp_path / "mbct_guide", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_package_keeps_its_layers(tmp_path):
    result = lint_imports(copy_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_back_up_the_layers_is_caught(tmp_path):
    """The loader importing the pages it helps build (as it once did, through a function) is a
    cycle: the contract names it."""
    project = copy_package(tmp_path)
    loader = project / "mbct_guide" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8") + "\nfrom . import generated  # noqa\n", encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "mbct_guide.loader -> mbct_guide.generated" in result.stdout


def test_an_import_inside_a_function_is_refused_by_the_lint(tmp_path):
    module = tmp_path / "late.py"
    module.write_text('"""A module."""\n\n\ndef late():\n    import json\n\n    return json\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"), str(module)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "PLC0415" in result.stdout


# --- each list written once -----------------------------------------------------------------------


def string_containers(path: Path) -> list[set[str]]:
    """The strings of each list, tuple, set, dict (its keys) or Literal[...] written in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) and items:
            found.append(
                {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}
            )
    return found


def places_written(values: Iterable[str]) -> list[str]:
    wanted = set(values)
    return [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "mbct_guide").rglob("*.py"))
        for strings in string_containers(path)
        if wanted <= strings
    ]


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("framework groups", m.FRAMEWORK_GROUPS),
        ("kinds of pivot point", m.PIVOT_KINDS),
        ("answers to a statement", m.ANSWER_IDS),
        ("stages", m.STAGE_IDS),
        ("roles", m.ROLE_IDS),
        ("link schemes written as they are", EXTERNAL_SCHEMES),
        ("short-link kinds", SHORT_LINKS),
        ("kinds of generated page", GENERATED_KINDS),
    ],
)
def test_each_list_is_written_once(name, values):
    assert len(places_written(values)) == 1, f"{name} are written in: {places_written(values)}"


def test_a_second_copy_of_a_list_would_be_found(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('GROUPS = ("explanatory", "i-parihs", "other")\n', encoding="utf-8")
    assert {"i-parihs", "explanatory"} <= string_containers(copy)[0]


def test_the_scripts_take_the_answers_from_the_page_not_a_copy_of_their_own():
    scripts = (ROOT / "docs" / "assets" / "js").glob("*.js")
    copies = [s.name for s in scripts if all(f'"{answer}"' in s.read_text(encoding="utf-8") for answer in m.ANSWER_IDS)]
    assert copies == []


# --- short functions, a thin macros module (issue 19) ------------------------------------------------

LONGEST_FUNCTION = 80  # lines
MACROS_ENV_MOST_LINES = 350


def long_functions(source: str, most: int = LONGEST_FUNCTION) -> list[tuple[str, int]]:
    """(name, lines) of each function in ``source`` longer than ``most`` lines."""
    return [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > most
    ]


def test_the_length_check_finds_a_long_function():
    body = "\n".join(f"    x = {n}" for n in range(80))
    assert long_functions(f"def long():\n{body}\n") == [("long", 81)]
    assert long_functions("def short():\n    return 1\n") == []


def test_no_function_in_the_package_is_longer_than_80_lines():
    found = {
        f"{path.relative_to(ROOT).as_posix()}: {name}": lines
        for path in sorted((ROOT / "mbct_guide").rglob("*.py"))
        for name, lines in long_functions(path.read_text(encoding="utf-8"))
    }
    assert found == {}, "split these into functions that each do one thing"


def test_the_macros_module_stays_thin():
    lines = (ROOT / "mbct_guide" / "macros_env.py").read_text(encoding="utf-8").count("\n")
    assert lines <= MACROS_ENV_MOST_LINES, "macros belong in page_macros.py, renderers in render/"

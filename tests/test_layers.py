"""The package's import layers (pyproject.toml [tool.importlinter]): no cycle, no arrow back up,
and every import at the top of its file (ruff's PLC0415), so the order of imports shows the
layers and a cycle cannot hide inside a function."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

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

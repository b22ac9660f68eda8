"""The test run itself prints each problem once (issue 13: one wrong character in a source id
once filled a CI log with the same problem, printed by every test module of every worker).

Each test runs pytest, with two workers as `make test` does, on a copy of the project with one
mistake in it, and counts how often the problem appears in the run's output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project


def run_tests(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("MBCT_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", *arguments],
        cwd=project,
        env={**environment, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_broken_data_stops_the_run_with_each_problem_printed_once(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "guidance_data" / "sources.yml"
    path.write_text(path.read_text().replace("  type: report\n", "  type: reports\n", 1))
    result = run_tests(project, "tests/test_calculator.py", "tests/test_content.py")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count("'reports' is not a type of source; did you mean 'report'?") == 1, output
    assert output.count("The guidance data has 1 problem") == 1, output
    assert " passed" not in output, "no test runs on broken data"


def test_a_failed_build_is_printed_once_however_many_tests_need_it(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text() + "\n[A fake broken link](fake-no-such-page.md)\n")
    result = run_tests(project, "tests/test_build.py", "-k", "key_page_exists or titles_are_unique")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count("contains a link 'fake-no-such-page.md'") == 1, output
    assert "the strict build of the site failed" in output

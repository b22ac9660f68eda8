"""The pre-commit hooks pass over every file, so the hooks and the generated files cannot
disagree (as they once did: the field reference had trailing spaces that the hook stripped,
and then the drift test failed).

The hooks run on a copy of the tracked files (as they are in the working tree; a stray
scratch folder is not part of the project), in a new git repository, because some of them
fix files in place. Every hook is local and runs
from this virtual environment, so the run needs no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def tracked_files(root: Path) -> list[str]:
    """The files git tracks in ``root`` that still exist (a deleted, uncommitted file is gone)."""
    listed = git("ls-files", "--cached", "-z", cwd=root)
    return sorted(name for name in listed.split("\0") if name and (root / name).is_file())


def test_only_tracked_files_are_copied(tmp_path):
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "kept.md").write_text("tracked\n")
    (tmp_path / "gone.md").write_text("tracked, then deleted\n")
    git("add", "kept.md", "gone.md", cwd=tmp_path)
    (tmp_path / "gone.md").unlink()
    (tmp_path / "scratch").mkdir()
    (tmp_path / "scratch" / "notes.md").write_text("untracked, with trailing spaces   \n")
    assert tracked_files(tmp_path) == ["kept.md"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.fail("the hooks run on a git checkout; git and a clone of the project are needed")
    target = tmp_path_factory.mktemp("hooks") / "project"
    for name in tracked_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    (target / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    return target


def test_every_hook_is_local_and_runs_from_the_virtual_environment():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "a remote hook would be downloaded"
    for hook in hooks:
        assert hook["language"] == "system", hook["id"]
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/") and (ROOT / program).exists(), hook["entry"]
    assert {"check-yaml", "end-of-file-fixer", "trailing-whitespace", "ruff", "ruff-format", "guidance-data"} <= {
        hook["id"] for hook in hooks
    }


def test_the_pre_commit_hooks_pass_over_every_file(copy, tmp_path):
    result = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "pre-commit"), "run", "--all-files", "--show-diff-on-failure", "--color=never"],
        cwd=copy,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Passed" in result.stdout and "Failed" not in result.stdout


def test_the_hooks_would_catch_trailing_whitespace(copy, tmp_path):
    """The gate itself works: a file with trailing spaces fails the hook (on a copy of it)."""
    probe = copy / "fake-probe.md"
    probe.write_text("A line with trailing spaces.   \n", encoding="utf-8")
    git("add", "fake-probe.md", cwd=copy)
    try:
        result = subprocess.run(
            [str(Path(sys.prefix) / "bin" / "pre-commit"), "run", "trailing-whitespace", "--files", "fake-probe.md"],
            cwd=copy,
            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0 and "Failed" in result.stdout
    finally:
        git("rm", "-qf", "fake-probe.md", cwd=copy)

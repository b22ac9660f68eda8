"""The GitHub Actions workflows pass a security audit and publish only a successful strict build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def zizmor() -> str:
    found = Path(sys.executable).with_name("zizmor")
    if found.exists():
        return str(found)
    return shutil.which("zizmor") or pytest.fail("zizmor is not installed: it is pinned in pyproject.toml [test]")


def test_zizmor_finds_nothing_offline():
    """zizmor (pinned in pyproject.toml) audits the workflows and Dependabot's configuration."""
    result = subprocess.run(
        [zizmor(), "--offline", "--format", "json", ".github/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = json.loads(result.stdout or "[]")
    summary = [f"{f['ident']}: {f['desc']} ({f['locations'][0]['symbolic']['key']})" for f in findings]
    assert findings == [], "\n".join(summary)
    assert result.returncode == 0, result.stderr


def test_workflows_exist():
    assert {path.name for path in WORKFLOWS} >= {"test.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    text = path.read_text(encoding="utf-8")
    uses = USES.findall(text)
    assert uses, f"{path.name} uses no action"
    for reference, comment in uses:
        if reference.startswith("./"):
            continue  # a local action is part of this repository
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", reference), f"{reference} is not pinned to a full SHA"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+\s*", comment), f"{reference} needs a '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_granted_per_job_and_checkouts_keep_no_credentials(path):
    workflow = load(path)
    assert workflow.get("permissions") == {}, f"{path.name}: grant no permissions at the top; grant them per job"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} must say which permissions it needs"
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {name}"


def test_only_the_deploy_job_can_write_to_pages():
    jobs = load(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in jobs["build"]["permissions"].values()


def test_deploy_publishes_only_a_successful_strict_build():
    """The upload runs after `make build` in the same job, nothing lets a failed step pass,
    the deploy job needs the build job, and `make build` is the strict, all-or-nothing build."""
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    build_steps = workflow["jobs"]["build"]["steps"]
    runs = [i for i, step in enumerate(build_steps) if step.get("run", "").strip() == "make build"]
    uploads = [i for i, step in enumerate(build_steps) if "upload-pages-artifact@" in step.get("uses", "")]
    assert len(runs) == 1 and len(uploads) == 1 and runs[0] < uploads[0]
    assert build_steps[uploads[0]]["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    for name, job in workflow["jobs"].items():
        assert "continue-on-error" not in job and "if" not in job, name
        for step in job["steps"]:
            assert "continue-on-error" not in step, (name, step)
            assert "if" not in step, (name, step)  # no always() or failure() that would run after a failed build
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: .*\n\t\$\(PY\) -m mbct_guide\.build$", makefile, re.M)
    build_module = (ROOT / "mbct_guide" / "build.py").read_text(encoding="utf-8")
    assert '"--strict"' in build_module and "-q" not in re.findall(r'"(-\w+)"', build_module)
    assert re.search(r"^strict: true$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


def test_dependabot_keeps_actions_and_python_pins_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems >= {"github-actions", "pip"}

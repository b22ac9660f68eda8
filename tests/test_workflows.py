"""The GitHub Actions workflows pass a security audit and publish only a successful strict build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from project import page_paths

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
    checks = [i for i, step in enumerate(build_steps) if step.get("run", "").strip() == "make publish-check"]
    assert len(checks) == 1 and checks[0] < runs[0], "the publish check runs before the build"
    uploads = [i for i, step in enumerate(build_steps) if "upload-pages-artifact@" in step.get("uses", "")]
    assert len(runs) == 1 and len(uploads) == 1 and runs[0] < uploads[0]
    assert build_steps[uploads[0]]["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    for name, job in workflow["jobs"].items():
        assert "continue-on-error" not in job, name
        assert job.get("if", MAIN_ONLY) == MAIN_ONLY, name  # only the main-branch condition below
        for step in job["steps"]:
            assert "continue-on-error" not in step, (name, step)
            assert "if" not in step, (name, step)  # no always() or failure() that would run after a failed build
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: .*\n\t\$\(PY\) -m mbct_guide\.build$", makefile, re.M)
    build_module = (ROOT / "mbct_guide" / "build.py").read_text(encoding="utf-8")
    assert '"--strict"' in build_module and "-q" not in re.findall(r'"(-\w+)"', build_module)
    assert re.search(r"^strict: true$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)


MAIN_ONLY = "github.ref == 'refs/heads/main'"


def test_only_main_is_published_even_when_the_workflow_is_started_by_hand():
    """workflow_dispatch can run the workflow on any branch: each job must refuse all but main,
    in the repository itself, not only through a setting nobody can see or test."""
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    for name, job in workflow["jobs"].items():
        assert job.get("if") == MAIN_ONLY, f"deploy.yml: job {name} must have `if: {MAIN_ONLY}`"


def test_dependabot_keeps_actions_and_python_pins_current():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems >= {"github-actions", "pip"}


# --- the test workflow: named steps, each shown, the site uploaded for reviewers (issue 13) -----

TEST_STEPS = ["Check the guidance data", "Build the site", "Unit and build tests", "Browser and accessibility tests"]


def workflow_steps() -> list[dict]:
    return load(ROOT / ".github" / "workflows" / "test.yml")["jobs"]["test"]["steps"]


def test_the_test_workflow_runs_the_named_steps_in_order_check_first():
    names = [step.get("name") for step in workflow_steps()]
    assert [name for name in names if name in TEST_STEPS] == TEST_STEPS
    first = names.index(TEST_STEPS[0])
    set_up = workflow_steps()[:first]
    assert all("uses" in step or "install" in step["run"] for step in set_up), "only set-up comes first"
    runs = {step.get("name"): step.get("run") for step in workflow_steps()}
    assert [runs[name] for name in TEST_STEPS] == ["make check", "make build", "make test-unit", "make test-browser"]


def test_a_failing_step_does_not_hide_the_later_ones():
    """Each step after the data check runs unless the run was cancelled (not only on success);
    they are skipped only when the data check itself failed, since they read the same data."""
    steps = {step.get("name"): step for step in workflow_steps()}
    assert steps["Check the guidance data"]["id"] == "check"
    for name in TEST_STEPS[1:]:
        condition = steps[name].get("if", "")
        assert "!cancelled()" in condition and "steps.check.outcome == 'success'" in condition, name
        assert "continue-on-error" not in steps[name]


def test_make_test_is_the_two_halves_the_workflow_runs():
    """.ci/run and the README run `make test`; the workflow runs it as two steps. Together
    they are the same tests: the lint, then pytest, split by the browser marker."""
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")

    def recipe(target: str) -> list[str]:
        body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        return [line.strip() for line in body.splitlines()]

    lint = "$(LINT)"
    assert recipe("test") == [lint, "$(PYTEST)"]
    assert recipe("test-unit") == [lint, '$(PYTEST) -m "not browser"']
    assert recipe("test-browser") == ["$(PYTEST) -m browser"]


def test_pull_requests_upload_the_built_site_for_reviewers():
    steps = workflow_steps()
    uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 1
    upload = uploads[0]
    assert upload["with"]["path"] == "site" and upload["with"]["if-no-files-found"] == "error"
    assert "github.event_name == 'pull_request'" in upload["if"] and "steps.build.outcome == 'success'" in upload["if"]
    build = next(step for step in steps if step.get("name") == "Build the site")
    assert build["id"] == "build" and steps.index(build) < steps.index(upload)


def test_deploy_runs_the_publish_check_before_it_builds_and_only_deploy_does():
    """Nothing is published while a blocker remains; pull requests, make build and make test
    do not run the check (they must keep working on the placeholder data)."""
    steps = load(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]["build"]["steps"]
    runs = [step.get("run", "").strip() for step in steps]
    assert "make publish-check" in runs, "deploy.yml must run `make publish-check`"
    assert runs.index("make publish-check") < runs.index("make build")
    assert "publish-check" not in (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "test", "test-unit", "test-browser"):
        recipe = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)*)", makefile, re.M)
        assert recipe and "publish-check" not in recipe.group(0), target


# --- the full sweep: every page at both widths, nightly and for theme changes (issue 19) --------


def test_the_full_sweep_runs_nightly_and_on_pull_requests_that_change_the_theme_css_js_or_axe():
    workflow = load(ROOT / ".github" / "workflows" / "full-sweep.yml")
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"]
    paths = triggers["pull_request"]["paths"]
    assert {"overrides/**", "docs/assets/**/*.css", "docs/assets/**/*.js"} <= set(paths)
    # A new axe-core (Dependabot's pull request) can find a fault on a page outside the sample.
    assert {"package.json", "package-lock.json"} <= set(paths)
    runs = [step.get("run") for step in workflow["jobs"]["full-sweep"]["steps"]]
    assert "make test-full" in runs


def test_make_test_full_checks_every_page_at_both_widths():
    """The same tests as `make test`, with the sample at 375 px widened to every page."""
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "tests/test_accessibility.py",
            "-k",
            "test_page_is_accessible",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "MBCT_TEST_FULL": "1", "PYTEST_ADDOPTS": ""},
        check=True,
    ).stdout
    visits = [line for line in collected.splitlines() if "test_page_is_accessible" in line]
    mobile = [line for line in visits if "[mobile-" in line]
    assert len(mobile) == len(visits) // 2 and len(visits) == 2 * len(page_paths())
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test-full:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "MBCT_TEST_FULL=1 $(PYTEST)" in recipe

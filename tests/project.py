"""Building the project and throwaway copies of it: shared by the tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import yaml

from mbct_guide.generated import pages
from mbct_guide.loader import load_guide
from mbct_guide.routes import site_files

ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads: a copy with these parts builds like the real project.
PROJECT_PARTS = ("docs", "guidance_data", "overrides", "mbct_guide", "mkdocs.yml", "macros.py")


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a strict build the way `make build` does, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the project to change, leaving the real one alone."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


def an_action(project: Path) -> tuple[Path, dict]:
    """The first action file of a project (or a copy of it), and its record: for tests that
    change an action, without naming one that editors may rename or remove."""
    path = sorted((project / "guidance_data" / "actions").glob("*.yml"))[0]
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def generated_page_paths() -> list[str]:
    """The URL path of every page generated from data, such as 'actions/find-a-buddy/'."""
    generated = [page.path for page in pages(load_guide(ROOT / "guidance_data", ROOT / "docs"))]
    return sorted(file.url for file in site_files(generated))


def page_paths() -> list[str]:
    """The URL path of every page, hand-written and generated from data, such as 'journey/developing/'."""
    docs = ROOT / "docs"
    written = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    generated = [page.path for page in pages(load_guide(ROOT / "guidance_data", docs))]
    return sorted(file.url for file in site_files([*written, *generated]))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(project: Path, log: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """`mkdocs serve` as `make serve` runs it, on ``project`` and a free port, writing its output
    to ``log``; yields the process and the site's address; stops it (its process group) after."""
    address = f"127.0.0.1:{free_port()}"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://{address}/", "MBCT_CSP": "false"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process, f"http://{address}/"
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 15)
            process.wait(timeout=30)


def wait_until_served(url: str, process: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("mkdocs serve stopped before it served the site")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"mkdocs serve did not answer on {url} within {timeout:.0f} s")


def configured_contact() -> dict:
    """extra.contact as written in mkdocs.yml (its !ENV tags read as plain values)."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["contact"]


# --- one changed copy of the project, built once per test run ---------------------------------

# What the changed copy adds or changes (tests/conftest.py, the changed_site fixture); each
# test of it checks its own change. One build for all of them: a build takes seconds.
CHANGED_COPY_TODAY = "2030-01-01"  # every review is overdue by then
NEW_STORY = {"id": "fake-new-story", "title": "A fake new story", "short_title": "Fake new story"}
NEW_TEMPLATE = {"id": "fake-new-template", "title": "Fake new template", "short_title": "Fake template", "order": 99}
NEW_ACTION = {"id": "fake-new-action", "title": "Try a fake new action"}
HOSTILE_TITLE = "<script>alert(1)</script> | *x* {{ y }}"
REAL_CONTACT = {"organisation": "A Fake Owner", "email": "fake-owner@example.net"}


def add_record(project: Path, folder: str, changes: dict, review_page: str | None = None) -> dict:
    """One more record in guidance_data/<folder>/: a copy of the folder's first record with
    ``changes``, and review dates for its page, if it has one. Nothing else is edited."""
    source = sorted((project / "guidance_data" / folder).glob("*.yml"))[0]
    record = {**yaml.safe_load(source.read_text(encoding="utf-8")), **changes}
    (source.parent / f"{changes['id']}.yml").write_text(
        yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    if review_page:
        reviews = project / "guidance_data" / "reviews.yml"
        entry = f"- page: {review_page}\n  last_reviewed: 2026-11-01\n  next_review_due: 2027-11-01\n"
        reviews.write_text(reviews.read_text(encoding="utf-8") + entry, encoding="utf-8")
    return record


def change_action(project: Path, action_id: str, **changes) -> None:
    path = project / "guidance_data" / "actions" / f"{action_id}.yml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(changes)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_contact(project: Path, **contact: str) -> None:
    """Replace mkdocs.yml's extra.contact block."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    block = re.search(r"^  contact:\n(?:    .*\n)+", text, re.M)
    assert block, "mkdocs.yml has no extra.contact block"
    lines = "".join(f"    {key}: {value}\n" for key, value in contact.items())
    config.write_text(text[: block.start()] + "  contact:\n" + lines + text[block.end() :], encoding="utf-8")


def make_changed_copy(project: Path, hostile_action: str) -> dict:
    """The changed copy: one more story, template and action, a hostile title and summary on
    ``hostile_action``, a real contact; built on CHANGED_COPY_TODAY. Returns the new action."""
    copy_project(project)
    add_record(project, "stories", NEW_STORY, f"stories/{NEW_STORY['id']}.md")
    add_record(project, "templates", NEW_TEMPLATE, f"tools/templates/{NEW_TEMPLATE['id']}.md")
    action = add_record(project, "actions", NEW_ACTION)
    change_action(project, hostile_action, title=HOSTILE_TITLE, summary=f"Summary {HOSTILE_TITLE}")
    set_contact(project, **REAL_CONTACT)
    return action

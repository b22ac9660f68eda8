"""The README's first command: `make serve` serves the site on http://127.0.0.1:8000 (another
port with PORT=...). The tests serve on a free port, so a developer's own `make serve` on 8000
can neither answer for the test nor block it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

from conftest import ROOT
from project import an_action, copy_project, free_port, serving, wait_until_served


def test_make_serve_listens_on_port_8000_unless_told_otherwise():
    dry_run = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "--dev-addr 127.0.0.1:8000" in dry_run and "SITE_URL=http://127.0.0.1:8000/" in dry_run
    dry_run = subprocess.run(["make", "-n", "serve", "PORT=8123"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "--dev-addr 127.0.0.1:8123" in dry_run


def test_make_serve_serves_the_site_at_the_root_of_its_port():
    port = free_port()
    process = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/journey/developing/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(1)
        else:
            raise AssertionError(f"make serve did not answer on http://127.0.0.1:{port} within two minutes")
        assert "<h1" in page and 'class="mbct-action' in page
        # Live reload needs an inline script, so serve leaves the CSP meta tag out.
        assert "Content-Security-Policy" not in page
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wait_for(condition, what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_serve_shows_a_data_change_and_prints_a_data_problem_once(tmp_path):
    """Editing the data while `make serve` runs (here on a copy of the project): a change shows
    on the page after the rebuild; a mistake is printed once, with its line, and the server
    keeps running, so fixing it shows the page again."""
    project = copy_project(tmp_path / "project")
    action, record = an_action(project)
    original = action.read_text(encoding="utf-8")
    theme = record["theme"]
    log = tmp_path / "serve.log"
    with serving(project, log) as (process, base):
        wait_until_served(base, process)
        page = base + f"journey/{record['stage']}/"

        marked = original.replace("summary: >-\n  ", "summary: >-\n  Fakemarker one. ")
        assert marked != original, "the action's summary is written as a folded block (summary: >-)"
        action.write_text(marked, encoding="utf-8")
        wait_for(lambda: "Fakemarker one." in page_text(page), "the changed summary on the page")

        broken = original.replace(f"theme: {theme}\n", f"theme: {theme}s\n")
        action.write_text(broken, encoding="utf-8")
        wait_for(lambda: "An error happened during the rebuild" in log.read_text(encoding="utf-8"), "the rebuild")
        output = log.read_text(encoding="utf-8")
        rule = f"'{theme}s' is not a theme; did you mean '{theme}'?"
        assert output.count(rule) == 1, output
        assert output.count("The guidance data has 1 problem") == 1, output
        assert "Traceback" not in output
        assert process.poll() is None, "the server keeps running"

        action.write_text(original.replace("summary: >-\n  ", "summary: >-\n  Fakemarker two. "), encoding="utf-8")
        wait_for(lambda: "Fakemarker two." in page_text(page), "the page after the fix")
        assert log.read_text(encoding="utf-8").count(rule) == 1


def test_serve_shows_an_edited_widget_template(tmp_path):
    """Widget templates are read once per build (render/common.py), and `mkdocs serve` rebuilds
    without importing the package again: a template edited while serving shows after the rebuild."""
    project = copy_project(tmp_path / "project")
    template = project / "mbct_guide" / "templates" / "action_cards.html"
    original = template.read_text(encoding="utf-8")
    with serving(project, tmp_path / "serve.log") as (process, base):
        wait_until_served(base, process)
        page = base + "journey/starting-out/"
        assert "Led by: " in page_text(page)
        template.write_text(original.replace("Led by: ", "Fakemarker lead: "), encoding="utf-8")
        wait_for(lambda: "Fakemarker lead: " in page_text(page), "the edited template on the page")

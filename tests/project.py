"""Building the project and throwaway copies of it: shared by the tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
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

"""Building the project and throwaway copies of it: shared by the tests and the benchmark."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def page_paths() -> list[str]:
    """The URL path of every page, hand-written and generated from data, such as 'journey/developing/'."""
    from mbct_guide.generated import pages
    from mbct_guide.loader import load_guide
    from mbct_guide.routes import site_files

    docs = ROOT / "docs"
    written = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    generated = [page.path for page in pages(load_guide(ROOT / "guidance_data", docs))]
    return sorted(file.url for file in site_files([*written, *generated]))

"""All-or-nothing builds: ``python -m mbct_guide.build`` (what ``make build`` runs).

MkDocs writes pages into the site folder as it goes, so a build that fails part of the way
through would leave ``site/`` wrong: a macro error stops it after the folder has been
emptied, and a broken link, which ``--strict`` reports only at the end, leaves the whole
site written, broken page included, for a careless deploy step to publish.

So the strict build goes into a new folder beside ``site/``. Only when it succeeds does that
folder take the place of ``site/`` (two renames on one file system: the old folder moves
aside, the new one moves in, the old one is deleted). When it fails, the new folder is
deleted and the previous ``site/`` is left byte-for-byte as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build(project: Path, site: Path | None = None, config: str = "mkdocs.yml") -> int:
    """Build ``project`` strictly, then replace ``site`` (default: its site/) only on success.
    Returns the exit status: 0, or MkDocs' own when the build failed."""
    project = Path(project).resolve()
    site = (Path(site) if site is not None else project / "site").resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    try:
        new = scratch / "site"
        # No -q: with --strict, -q would hide the warnings and let a broken link exit 0.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", config, "--site-dir", str(new)],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if result.returncode != 0 or not (new / "index.html").is_file():
            left = "left as it was" if site.exists() else "not created"
            print(f"\nThe build failed (see the messages above), so {site.name}/ was {left}.", file=sys.stderr)
            return result.returncode or 1
        if site.exists():
            os.replace(site, scratch / "previous")
        os.replace(new, site)
        print(f"Built the site into {site.name}/.")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbct_guide.build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=None, help="where the site goes (default: site/)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    return build(Path.cwd(), args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())

"""The offline copy: `python -m mbct_guide.offline` (or `make offline`) writes
dist/mbct-implementation-resource-offline.zip, a copy of the site that works opened from
the file system, for NHS networks that block websites.

The theme's own offline plugin does the work (MBCT_OFFLINE=true turns it on, see
mkdocs.yml): it gives every page an .html URL, because browsers show a folder listing for
a link such as journey/ on a file:// page, and it inlines the search index as a script.
Our links follow, because every URL comes from MkDocs (routes.py). This module only
builds with mkdocs.offline.yml and zips the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIP_NAME = "mbct-implementation-resource-offline.zip"


class BuildFailed(Exception):
    """The strict build of the offline copy failed; MkDocs has printed why."""


def build(output: Path) -> Path:
    """Build the offline copy into ``output``, all or nothing: a failed build leaves it as it was."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MBCT_OFFLINE": "true"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(site)],
            cwd=ROOT,
            env=env,
        )
        if result.returncode != 0:
            raise BuildFailed(result.returncode)
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(scratch) / ZIP_NAME
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    archive.write(path, Path("mbct-implementation-resource") / path.relative_to(site))
        shutil.move(partial, output)
    return output


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else ROOT / "dist" / ZIP_NAME
    try:
        print(f"Wrote {build(output)}. Unzip it and open mbct-implementation-resource/index.html.")
    except BuildFailed as failed:
        print(f"\nThe offline build failed (see the messages above); {output} was not changed.", file=sys.stderr)
        return failed.args[0] or 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

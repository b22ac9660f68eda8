"""The offline copy: `python -m mbct_guide.offline` (or `make offline`) writes
dist/mbct-implementation-resource-offline.zip, a copy of the site that works opened from
the file system, for NHS networks that block websites.

Browsers show a folder listing, not index.html, for a link such as journey/ on a file://
page, so every relative link to a folder is pointed at its index.html. Search needs its
index as a script (search/search_index.js), which the theme loads on file:// pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIP_NAME = "mbct-implementation-resource-offline.zip"
_LINK = re.compile(r'(\s(?:href|src)=")([^"#?:]*)([?#][^"]*)?(")')


def _to_index(match: re.Match[str]) -> str:
    start, path, rest, end = match.group(1), match.group(2), match.group(3) or "", match.group(4)
    if path.startswith("/") or path.startswith("//"):
        return match.group(0)
    if path == "":
        return match.group(0)  # a link within the page
    if path.endswith("/") or path in {".", ".."}:
        path = path.rstrip("/") + "/index.html" if path not in {".", ".."} else f"{path}/index.html"
    return f"{start}{path}{rest}{end}"


def point_links_at_files(html: str) -> str:
    """Relative links to folders (journey/, ../, ./#x) become links to their index.html."""
    return _LINK.sub(_to_index, html)


def make_offline_copy(site: Path) -> None:
    for page in site.rglob("*.html"):
        page.write_text(point_links_at_files(page.read_text(encoding="utf-8")), encoding="utf-8")
    index = site / "search" / "search_index.json"
    if index.is_file():
        (site / "search" / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8"
        )


class BuildFailed(Exception):
    """The strict build of the offline copy failed; MkDocs has printed why."""


def build(output: Path) -> Path:
    """Build the offline copy into ``output``, all or nothing: a failed build leaves it as it was."""
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(site)],
            cwd=ROOT,
            env=env,
        )
        if result.returncode != 0:
            raise BuildFailed(result.returncode)
        make_offline_copy(site)
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

"""Our own stylesheet and scripts, minified in the built site (the sources in docs/ stay readable).

Every page loads them, so their comments and spaces cost every reader on every first visit.
rcssmin and rjsmin are small, well-kept minifiers that only remove what does not change meaning.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

# Folders under the built site that hold our own files (the theme's are minified already).
OWN_ASSETS = ("assets/css", "assets/js")


def minify_site(site_dir: Path) -> list[Path]:
    """Minify every .css and .js file in our asset folders, in place; returns what it changed."""
    changed = []
    for folder in OWN_ASSETS:
        for path in sorted((site_dir / folder).rglob("*")):
            if path.suffix not in {".css", ".js"} or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            small = rcssmin.cssmin(text) if path.suffix == ".css" else rjsmin.jsmin(text)
            if small != text:
                path.write_text(small, encoding="utf-8")
                changed.append(path)
    return changed

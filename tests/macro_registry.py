"""The macros editors can call, listed the way the build lists them for the reference page."""

from __future__ import annotations

import inspect
from pathlib import Path

from conftest import ROOT

from mbct_guide.macros_env import registered_macros as _registered


def registered_macros() -> dict[str, inspect.Signature]:
    return {name: inspect.signature(f) for name, f in _registered(ROOT, ROOT / "docs").items()}


MACROS_PAGE = Path(ROOT / "docs" / "maintainers" / "macros.md")

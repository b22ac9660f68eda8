"""The macros editors can call, as the macros reference lists them."""

from __future__ import annotations

import inspect
from pathlib import Path

from conftest import ROOT

from mbct_guide.macros_env import editor_signature
from mbct_guide.page_macros import MACROS


def registered_macros() -> dict[str, inspect.Signature]:
    return {function.__name__: editor_signature(function) for function in MACROS}


MACROS_PAGE = Path(ROOT / "docs" / "maintainers" / "macros.md")

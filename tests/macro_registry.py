"""The macros editors can call, listed the way the build lists them for the reference page."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml
from conftest import ROOT

from mbct_guide.macros_env import registered_macros as _registered


def configured_contact() -> dict:
    """extra.contact as written in mkdocs.yml."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV tags; read them as plain values here.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["contact"]


def registered_macros() -> dict[str, inspect.Signature]:
    macros = _registered(ROOT, ROOT / "docs", {"contact": configured_contact()})
    return {name: inspect.signature(f) for name, f in macros.items()}


MACROS_PAGE = Path(ROOT / "docs" / "maintainers" / "macros.md")

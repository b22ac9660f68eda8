"""Registers the macros against a stand-in for mkdocs-macros' env, to list what editors can call."""

from __future__ import annotations

import inspect
from pathlib import Path

from conftest import ROOT

from mbct_guide.macros_env import register


def configured_contact() -> dict:
    """extra.contact as written in mkdocs.yml."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !ENV tags; read them as plain values here.
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["contact"]


class FakeEnv:
    def __init__(self) -> None:
        self.project_dir = str(ROOT)
        self.conf = {"docs_dir": str(ROOT / "docs"), "extra": {"contact": configured_contact()}, "nav": []}
        self.variables: dict = {}
        self.macros: dict = {}

    def macro(self, function, name=None):
        self.macros[name or function.__name__] = function


def registered_macros() -> dict[str, inspect.Signature]:
    env = FakeEnv()
    register(env)
    return {name: inspect.signature(function) for name, function in env.macros.items()}


def docstrings() -> dict[str, str]:
    env = FakeEnv()
    register(env)
    return {name: inspect.getdoc(function) or "" for name, function in env.macros.items()}


MACROS_PAGE = Path(ROOT / "docs" / "maintainers" / "macros.md")

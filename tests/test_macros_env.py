"""macros_env.py and page_macros.py: every macro is a function registered from one list, its
ids checked from its argument types, and each can be called on its own with a fake page."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
from html import unescape
from types import SimpleNamespace

import fakes
import pytest

from mbct_guide import page_macros
from mbct_guide.contact import contact_settings
from mbct_guide.macros_env import argument_rules, check_value, editor_signature, registered
from mbct_guide.page_macros import MACROS, Choice, MacroPage, MacroUsageError, Record

GUIDE = fakes.guide()
# Arguments whose value names a record or a fixed choice: each must carry a rule in its type.
ID_ARGUMENTS = {"id", "stage", "role", "theme", "kind", "group", "ids"}


def fake_page(path: str = "roles/manager.md") -> MacroPage:
    return MacroPage(
        guide=GUIDE,
        links=fakes.links(GUIDE, path),
        path=path,
        today=dt.date(2027, 1, 1),
        contact=contact_settings({"contact": {"organisation": "Fake NHS", "email": "fake@example.org"}}),
        nav=[],
    )


def test_every_macro_takes_the_page_first_and_is_listed_once():
    names = [function.__name__ for function in MACROS]
    assert len(names) == len(set(names))
    for function in MACROS:
        first = next(iter(inspect.signature(function).parameters))
        assert first == "page", function.__name__
        assert "page" not in editor_signature(function).parameters


def test_every_id_argument_is_checked_by_its_type():
    """link_to's id is checked by the route table, for whichever kind it names."""
    unchecked = [
        f"{function.__name__}({name})"
        for function in MACROS
        if function is not page_macros.link_to
        for name in editor_signature(function).parameters
        if name in ID_ARGUMENTS and name not in argument_rules(function)
    ]
    assert unchecked == []


def test_a_wrong_id_names_the_closest_one_and_a_far_one_lists_every_id():
    with pytest.raises(MacroUsageError, match="'developin' is not a known stage; did you mean 'developing'"):
        check_value(Record("stages", "stage"), "developin", GUIDE)
    with pytest.raises(MacroUsageError, match="Use one of: developing, starting-out, sustaining"):
        check_value(Record("stages", "stage"), "zzz", GUIDE)
    check_value(Record("stages", "stage"), None, GUIDE)  # optional arguments may be left out
    with pytest.raises(MacroUsageError, match="not a known kind"):
        check_value(Choice(("challenge", "opportunity"), "kind"), "problem", GUIDE)


def test_a_macro_runs_on_its_own_with_a_fake_page():
    html = page_macros.role_what_matters(fake_page(), "manager")
    assert "Fake." in html
    assert unescape(page_macros.release_version(fake_page())) == "0.0.0"


class FakeEnv:
    """What a registered macro reads from mkdocs-macros' env."""

    def __init__(self, page_path: str):
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=page_path))
        self.variables = {"files": fakes.links(GUIDE, page_path).files}
        self.conf = {"site_url": "https://example.org/", "nav": []}


def registered_macro(name: str, page_path: str = "roles/manager.md"):
    context = SimpleNamespace(
        guide=GUIDE,
        today=dt.date(2027, 1, 1),
        contact=fake_page().contact,
        held_html={},
        print_packs={},
        timed=lambda bucket: contextlib.nullcontext(),
    )
    function = next(f for f in MACROS if f.__name__ == name)
    return registered(function, context, FakeEnv(page_path))


def test_a_registered_macro_checks_ids_and_arguments_and_names_itself():
    with pytest.raises(MacroUsageError) as wrong_id:
        registered_macro("role_what_matters")(role="manger")
    assert wrong_id.value.macro == "role_what_matters" and "did you mean 'manager'" in wrong_id.value.problem
    with pytest.raises(MacroUsageError) as wrong_argument:
        registered_macro("role_what_matters")(roles="manager")
    assert "it takes: role, level" in wrong_argument.value.problem
    with pytest.raises(MacroUsageError, match="not a known source"):
        registered_macro("cite")("fake-source", "no-such-source")
    assert "Fake." in registered_macro("role_what_matters")(role="manager")

"""routes.py: where pages live, and the names the menu gives them."""

from __future__ import annotations

import yaml
from conftest import DATA_DIR, DOCS_DIR, ROOT

from mbct_guide import load_guide
from mbct_guide.routes import TOOL_PAGES, nav_titles


def test_menu_titles_come_from_the_nav_at_any_depth_and_an_overview_takes_its_section_title():
    nav = [
        "index.md",
        {"Guidance explorer": "explorer.md"},
        {"Tools": ["tools/index.md", {"Templates": ["tools/templates/index.md", {"Business case": "b.md"}]}]},
    ]
    assert nav_titles(nav) == {
        "explorer.md": "Guidance explorer",
        "tools/index.md": "Tools",
        "tools/templates/index.md": "Templates",
        "b.md": "Business case",
    }
    assert nav_titles(None) == {}


def menu() -> list:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]


def test_every_tool_page_is_named_in_the_menu_and_only_there():
    titles = nav_titles(menu())
    assert all(page in titles for page in TOOL_PAGES.values())
    for page in TOOL_PAGES.values():
        written = [p.name for p in (ROOT / "mbct_guide").rglob("*.py") if f'"{titles[page]}"' in p.read_text()]
        assert written == [], f"the menu title of {page} is written again in {written}"


def test_action_pages_name_each_tool_as_the_menu_does(built_site):
    guide = load_guide(DATA_DIR, DOCS_DIR)
    titles = nav_titles(menu())
    shown = 0
    for action in guide.actions:
        page = (built_site / "actions" / action.id / "index.html").read_text(encoding="utf-8")
        for tool in action.tools:
            assert f">{titles[TOOL_PAGES[tool]]}</a>" in page, (action.id, tool)
            shown += 1
    assert shown, "some action points to a tool"

"""CONTRIBUTING.md is a short index of recipes, and each "add" recipe works when followed.

Each recipe test follows its recipe mechanically in a copy of the project: it copies the
blank record from the field reference (guidance_data/README.md, where the recipe points),
fills in every <...> placeholder, takes any other snippet (a review entry, a template page, a
menu line, a citation) from the recipe itself, and runs the check, which must pass. The test
also checks that the recipe names every file it had to change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA_DIR, ROOT, copy_project

from mbct_guide.__main__ import main as cli

RECIPES = ROOT / "contributing"
FIELD_REFERENCE = DATA_DIR / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")
PLACEHOLDER = re.compile(r"<[^<>\n]+>")

# What the test writes in place of each placeholder, by the key on its line (or above it).
FILL = {
    "stage": "developing",
    "stages": "developing",
    "theme": "make-it-fit",
    "lead_role": "manager",
    "roles": "teacher",
    "elements": "facilitation-role",
    "sources": "aspire-report-2017",
    "what_helps": "find-a-buddy",
    "actions": "find-a-buddy",
    "kind": "challenge",
    "type": "report",
    "short_title": "Fake recipe story",
    "nation": "scotland",
}
TEXT = "Fake text written by the recipe test"


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: Path) -> set[str]:
    text = markdown.read_text(encoding="utf-8")
    return {github_anchor(h) for h in re.findall(r"^#+ (.+)$", re.sub(r"```.*?```", "", text, flags=re.S), re.M)}


def guide_pages() -> list[Path]:
    return [ROOT / "CONTRIBUTING.md", *sorted(RECIPES.glob("*.md"))]


def recipe(name: str) -> str:
    return (RECIPES / name).read_text(encoding="utf-8")


def blank(heading: str) -> str:
    """The blank record under a heading of the field reference, as an editor would copy it."""
    text = FIELD_REFERENCE.read_text(encoding="utf-8")
    section = text[text.index(f"### {heading}") :]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def snippet(recipe_text: str, containing: str) -> str:
    """The code block of a recipe that contains ``containing``, without its indentation."""
    for block in re.findall(r"^( *)```\w*\n(.*?)^\1```", recipe_text, re.S | re.M):
        indent, body = block
        if containing in body:
            return "".join(line[len(indent) :] if line.startswith(indent) else line for line in body.splitlines(True))
    raise AssertionError(f"the recipe shows no snippet with {containing!r}")


def fill(text: str, new_id: str) -> str:
    """Replace every placeholder, choosing the value by the YAML key it belongs to."""
    lines, key = [], None
    for line in text.splitlines():
        found = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if found:
            key = found.group(1)
        value = new_id if key == "id" or "<id>" in line else FILL.get(key, TEXT)
        lines.append(PLACEHOLDER.sub(value, line.replace("<id>", new_id)))
    return "\n".join(lines) + "\n"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def passes_the_check(project: Path, capsys) -> None:
    status = cli(["check", "--data", str(project / "guidance_data"), "--docs", str(project / "docs")])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "The guidance data is valid" in captured.out


def names_every_file(recipe_text: str, *files: str) -> None:
    for name in files:
        assert name in recipe_text, f"the recipe does not say to change {name}"


# --- the index and its links --------------------------------------------------------------------


def test_contributing_is_a_short_index_of_one_recipe_per_task():
    index = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert len(index.splitlines()) <= 80 and len(index) <= 5000, "a few screens at most"
    for task in (
        "add-or-change-an-action",
        "add-or-change-a-story",
        "add-or-change-a-template",
        "add-or-change-a-pivot-point",
        "add-or-change-a-glossary-term",
        "add-or-cite-a-source",
        "change-a-page",
        "update-review-dates",
        "publish-a-release",
    ):
        assert f"(contributing/{task}.md)" in index, task
    linked = {Path(target).name for target in LINK.findall(index) if target.startswith("contributing/")}
    assert linked == {path.name for path in RECIPES.glob("*.md")}, "every page in contributing/ is in the index"


def prose(markdown: str) -> str:
    """Markdown without code blocks and code spans, where links are examples, not links."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", markdown, flags=re.S))


@pytest.mark.parametrize("page", guide_pages(), ids=lambda p: p.name)
def test_every_link_in_the_contributing_guide_resolves(page):
    for target in LINK.findall(prose(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z]+:", target):
            continue  # https: and mailto: links
        path, _, anchor = target.partition("#")
        if "<" in target or (not path and not anchor):
            continue
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.exists(), f"{page.name}: {target} leads nowhere"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{page.name}: {target} has no such heading"


@pytest.mark.parametrize("page", sorted(RECIPES.glob("add-*.md")), ids=lambda p: p.name)
def test_every_add_recipe_points_at_its_blank_record(page):
    text = page.read_text(encoding="utf-8")
    assert "../guidance_data/README.md#" in text and "Replace every `<...>`" in text


# --- following each "add" recipe ------------------------------------------------------------------


def test_recipe_add_an_action(project, capsys):
    text = recipe("add-or-change-an-action.md")
    names_every_file(text, "guidance_data/actions/<id>.yml")
    (project / "guidance_data" / "actions" / "fake-recipe-action.yml").write_text(
        fill(blank("Action (`actions`)"), "fake-recipe-action"), encoding="utf-8"
    )
    passes_the_check(project, capsys)


def test_recipe_add_a_pivot_point(project, capsys):
    text = recipe("add-or-change-a-pivot-point.md")
    names_every_file(text, "guidance_data/pivot_points/<id>.yml")
    (project / "guidance_data" / "pivot_points" / "fake-recipe-pivot.yml").write_text(
        fill(blank("Pivot point (`pivot_points`)"), "fake-recipe-pivot"), encoding="utf-8"
    )
    passes_the_check(project, capsys)


def test_recipe_add_a_story(project, capsys):
    text = recipe("add-or-change-a-story.md")
    names_every_file(text, "guidance_data/stories/<id>.yml", "guidance_data/reviews.yml")
    (project / "guidance_data" / "stories" / "fake-recipe-story.yml").write_text(
        fill(blank("Story (`stories`)"), "fake-recipe-story"), encoding="utf-8"
    )
    append(project / "guidance_data" / "reviews.yml", fill(snippet(text, "page: stories/"), "fake-recipe-story"))
    passes_the_check(project, capsys)


def test_recipe_add_a_template(project, capsys):
    """One data file and its review dates: the page and its menu entry come from the data
    (tests/test_build.py builds a new template's page)."""
    text = recipe("add-or-change-a-template.md")
    names_every_file(text, "guidance_data/templates/<id>.yml", "guidance_data/reviews.yml")
    assert "There is no page to create in `docs/`" in text
    new = "fake-recipe-template"
    (project / "guidance_data" / "templates" / f"{new}.yml").write_text(
        fill(blank("Template (`templates`)"), new), encoding="utf-8"
    )
    append(project / "guidance_data" / "reviews.yml", fill(snippet(text, "page: tools/templates/"), new))
    passes_the_check(project, capsys)


def test_recipe_add_a_glossary_term(project, capsys):
    text = recipe("add-or-change-a-glossary-term.md")
    names_every_file(text, "guidance_data/glossary.yml")
    append(project / "guidance_data" / "glossary.yml", fill(blank("Glossary term (`glossary.yml`)"), "fake-term"))
    passes_the_check(project, capsys)


def test_recipe_add_and_cite_a_source(project, capsys):
    text = recipe("add-or-cite-a-source.md")
    names_every_file(text, "guidance_data/sources.yml")
    append(project / "guidance_data" / "sources.yml", fill(blank("Source (`sources.yml`)"), "fake-recipe-source"))
    append(project / "docs" / "about" / "index.md", fill(snippet(text, '{{ cite("<id>") }}'), "fake-recipe-source"))
    passes_the_check(project, capsys)


def test_a_blank_copied_but_not_filled_in_says_what_to_replace(project, capsys):
    """Each placeholder left in is one problem, on its line, and nothing else is reported."""
    unfilled = blank("Action (`actions`)")
    (project / "guidance_data" / "actions" / "fake-unfilled.yml").write_text(unfilled, encoding="utf-8")
    assert cli(["check", "--data", str(project / "guidance_data"), "--docs", str(project / "docs")]) == 1
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if re.match(r"\s+\d+\. ", line)]
    values = [line for line in unfilled.splitlines() if not line.startswith("#")]
    assert len(problems) == len(PLACEHOLDER.findall("\n".join(values))) > 5, err
    assert all("fake-unfilled.yml, line" in line and "still holds the placeholder" in line for line in problems)

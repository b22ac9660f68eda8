"""What maintainers rely on: macro reference, review dates, edit and report links, open data,
the changelog and version, and the publishing configuration."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import fakes
import jsonschema
import pytest
import yaml
from conftest import DATA_DIR, DOCS_DIR, PINNED_TODAY, ROOT, html_pages
from docx import Document
from macro_registry import MACROS_PAGE, registered_macros

from mbct_guide import generated, load_guide
from mbct_guide.collection import COLLECTIONS
from mbct_guide.render.reviews import long_date, overdue_reviews

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
REPOSITORY = "https://github.com/mbct-implementation/mbct-implementation-resource"


def test_every_registered_macro_is_in_the_generated_reference(built_site):
    source = MACROS_PAGE.read_text(encoding="utf-8")
    assert source.split("---")[1].count("render_macros: false") == 1, "the reference must not run its examples"
    page = (built_site / "maintainers" / "macros" / "index.html").read_text(encoding="utf-8").replace("&quot;", '"')
    documented = set(re.findall(r'<h3 id="([a-z-]+)"><code>([a-z_]+)</code>', page))
    registered = registered_macros()
    assert {name for _, name in documented} == set(registered)
    for name, signature in registered.items():
        assert re.search(r"\{\{ " + name + r"\(", page), f"{name} has no example"
        for parameter in signature.parameters:
            assert parameter in page.split(f"<code>{name}</code>", 1)[1].split("<h3", 1)[0], (name, parameter)


def test_the_macro_reference_shows_examples_literally(built_site):
    page = (built_site / "maintainers" / "macros" / "index.html").read_text(encoding="utf-8")
    assert '{{ stage_actions(stage="developing", level=3) }}' in page.replace("&quot;", '"')


def content_pages(site):
    for path in html_pages(site):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith("print/"):
            continue
        yield relative.removesuffix("index.html"), path.read_text(encoding="utf-8")


GENERATED = {page.path: page for page in generated.pages(GUIDE)}


def source_of(url_path: str) -> tuple[str, str]:
    """The docs/ path behind a built page URL, and the file an editor changes to change it."""
    stem = url_path.rstrip("/") or "index"
    for candidate in (f"{stem}.md", f"{stem}/index.md"):
        if (ROOT / "docs" / candidate).is_file():
            return candidate, f"docs/{candidate}"
        if candidate in GENERATED:
            edit = re.search(r"^edit_path: (.+)$", GENERATED[candidate].content, re.M).group(1)
            assert (ROOT / edit).is_file(), edit
            return candidate, edit
    raise AssertionError(f"no source for {url_path}")


def test_every_content_page_has_review_dates_edit_and_report_links(built_site):
    pages = list(content_pages(built_site))
    assert len(pages) > 40
    for url_path, html in pages:
        source, edit = source_of(url_path)
        review = GUIDE.review(generated.reviewed_with(GUIDE).get(source, source))
        assert review is not None, source
        assert (
            "Content last checked (an editorial review, not a clinical one): " in html and "Next check due: " in html
        ), url_path
        assert f"{REPOSITORY}/edit/main/{edit}" in html, url_path
        report = re.search(r'class="mbct-feedback">\s*<a href="([^"]*/issues/new\?[^"]*)"', html)
        assert report, url_path
        query = parse_qs(urlsplit(report.group(1).replace("&amp;", "&")).query)
        assert query["template"] == ["report-a-problem.yml"]
        assert query["page"][0].endswith("/" + url_path) or url_path == "", url_path


def test_issue_forms_accept_the_page_field():
    for name in ("report-a-problem.yml", "suggest-a-change.yml"):
        form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text())
        ids = [item.get("id") for item in form["body"]]
        assert "page" in ids, name
        assert form["name"] and form["description"]
    assert (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").is_file()


def test_overdue_reviews_are_listed_not_fatal(changed_site):
    """The changed copy is built on a day when every review is overdue."""
    assert "Review overdue: index.md" in changed_site.output
    maintainers = (changed_site.site / "maintainers" / "index.html").read_text(encoding="utf-8")
    assert "Review was due" in maintainers and "journey/developing.md" in maintainers
    assert "(overdue)" in (changed_site.site / "index.html").read_text(encoding="utf-8")


def test_the_shared_build_takes_the_pinned_date_as_today(built_site):
    """The overdue list follows the build's date, pinned for the tests (conftest.PINNED_TODAY),
    not the calendar: the suite cannot turn red on the day a review falls due."""
    today = dt.date.fromisoformat(PINNED_TODAY)
    maintainers = (built_site / "maintainers" / "index.html").read_text(encoding="utf-8")
    overdue = [review.page for review in GUIDE.reviews if review.next_review_due < today]
    if overdue:
        assert all(page in maintainers for page in overdue)
    else:
        assert f"No page is overdue for review on {long_date(today)}" in maintainers


def test_overdue_means_due_before_the_given_day():
    """The overdue rule on its own, with injected dates: due yesterday is overdue, due today is not."""
    due = dt.date(2027, 3, 1)
    guide = fakes.guide(reviews=[fakes.review("index.md", next_review_due=due)])
    assert "index.md" in overdue_reviews(guide, due + dt.timedelta(days=1), fakes.links(guide, "maintainers/index.md"))
    assert "No page is overdue" in overdue_reviews(guide, due, fakes.links(guide, "maintainers/index.md"))


def test_footer_shows_the_release_version(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f"Version {GUIDE.changelog[0].version}" in home
    changelog = unescape((built_site / "changelog" / "index.html").read_text(encoding="utf-8"))
    for change in GUIDE.changelog[0].changes:
        assert change in changelog


def test_published_open_data_validates_against_the_schemas(built_site):
    data = built_site / "data"
    everything = json.loads((data / "guidance.json").read_text(encoding="utf-8"))
    assert everything["version"] == GUIDE.changelog[0].version
    assert "CC BY 4.0" in everything["licence"]
    for collection in COLLECTIONS:
        schema = json.loads((data / "schemas" / f"{collection.name}.schema.json").read_text(encoding="utf-8"))
        records = json.loads((data / f"{collection.name}.json").read_text(encoding="utf-8"))
        assert records == everything["collections"][collection.name]
        assert len(records) == len(getattr(GUIDE, collection.name))
        if collection.one_per_file:
            for record in records:
                jsonschema.validate(record, schema)
        else:
            jsonschema.validate(records, schema)


def test_open_data_page_links_every_file(built_site):
    page = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]+\.json)"', page):
        assert (built_site / "data" / href).resolve().is_file(), href


def test_template_downloads_exist_and_match_the_page(built_site):
    for template in GUIDE.templates:
        markdown = (built_site / "downloads" / "templates" / f"{template.id}.md").read_text(encoding="utf-8")
        document = Document(str(built_site / "downloads" / "templates" / f"{template.id}.docx"))
        words = "\n".join(p.text for p in document.paragraphs)
        cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        for section in template.sections:
            assert f"## {section.heading}" in markdown and section.heading in words
            for prompt in section.prompts:
                assert prompt in markdown and prompt in words
            for column in section.table:
                assert column in markdown and column in cells
            for item in section.checklist:
                assert f"- [ ] {item}" in markdown and item in words


def test_workflows_and_pre_commit_config_parse():
    workflows = {p.name: yaml.safe_load(p.read_text()) for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    test = workflows["test.yml"]
    assert "pull_request" in test[True] or "pull_request" in test.get("on", {})
    runs = [str(step.get("run", "")) for job in test["jobs"].values() for step in job["steps"]]
    assert "make test-unit" in runs and "make test-browser" in runs  # the two halves of make test
    deploy = workflows["deploy.yml"]
    steps = [step for job in deploy["jobs"].values() for step in job.get("steps", [])]
    assert any("make build" in str(step.get("run", "")) for step in steps)
    assert any("deploy-pages" in str(step.get("uses", "")) for step in steps)
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]}
    assert {"check-yaml", "ruff", "guidance-data"} <= ids


@pytest.mark.parametrize("statement", ["accessibility", "privacy"])
def test_statements_exist_with_their_required_parts(built_site, statement):
    text = (built_site / statement / "index.html").read_text(encoding="utf-8")
    if statement == "accessibility":
        for part in (
            "Equality and Human Rights Commission",
            "Equality Advisory and Support Service",
            "WCAG 2.2",
            "Report a problem",
        ):
            assert part in text, part
    else:
        assert "mbct-self-assessment-v1" in text and "cookie" in text.lower()

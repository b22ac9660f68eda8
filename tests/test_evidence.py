"""The evidence page keeps the citations that commissioners and managers rely on."""

from __future__ import annotations

import pytest
from conftest import DOCS_DIR

from mbct_guide.loader import page_citations

# Each finding on the page and the source it must cite.
REQUIRED = ("kuyken-2016", "tickell-2020", "barnhofer-2025", "nice-ng222")


def cited_on(page: str) -> set[str]:
    return {source for name, _, source in page_citations(DOCS_DIR) if name == page}


@pytest.mark.parametrize("source", REQUIRED)
def test_the_evidence_page_source_cites(source):
    assert source in cited_on("evidence.md"), f"docs/evidence.md no longer cites {source}"


@pytest.mark.parametrize("source", REQUIRED)
def test_the_built_evidence_page_links_each_citation_to_its_reference(built_site, source):
    html = (built_site / "evidence" / "index.html").read_text(encoding="utf-8")
    assert f'about/references/#{source}"' in html, f"the built evidence page has no citation of {source}"


def test_pages_for_decision_makers_point_to_the_evidence_page():
    for page in ("roles/commissioner.md", "roles/manager.md", "roles/implementer.md"):
        assert "evidence.md" in (DOCS_DIR / page).read_text(encoding="utf-8"), page
    assert "barnhofer-2025" in cited_on("roles/commissioner.md")


@pytest.mark.parametrize("role", ["commissioner", "manager", "implementer"])
def test_decision_makers_have_a_decisions_section_with_links(role):
    text = (DOCS_DIR / "roles" / f"{role}.md").read_text(encoding="utf-8")
    assert "## What you need to decide {: #decisions }" in text
    section = text.split("## What you need to decide {: #decisions }", 1)[1].split("\n## ", 1)[0]
    decisions = [line for line in section.splitlines() if line.startswith("- **")]
    assert len(decisions) >= 5, "a short list of the decisions this role makes"
    assert all("](" in line for line in decisions), "each decision links to the page that answers it"

"""Numbered citations with a sources list at the end of each section (mbct_guide/citations.py)."""

from __future__ import annotations

import re

from conftest import html_pages
from fakes import guide, links

from mbct_guide import render
from mbct_guide.citations import CitedSource, number_citations


def describe(source_id: str) -> CitedSource:
    return CitedSource(f"Label {source_id}", f"../refs/#{source_id}")


def marker(*ids: str) -> str:
    return f'<sup class="mbct-cite" data-sources="{" ".join(ids)}">(fallback)</sup>'


def test_sources_are_numbered_in_order_and_keep_their_number_across_sections():
    html = (
        f"<p>First {marker('a')} and {marker('b', 'a')}.</p>"
        f"<h2 id='two'>Two</h2><p>Again {marker('b')} and new {marker('c')}.</p>"
    )
    out = number_citations(html, describe)
    assert "(fallback)" not in out
    first, second = out.split("<h2", 1)
    assert re.findall(r'href="#source-0-(\d)"', first.split("mbct-section-sources")[0]) == ["1", "2", "1"]
    assert re.findall(r'<li value="(\d)" id="source-0-\1">', first) == ["1", "2"]
    assert re.findall(r'href="#source-1-(\d)"', second.split("mbct-section-sources")[0]) == ["2", "3"]
    listed = re.findall(r'<li value="(\d)" id="source-1-\1"><a href="\.\./refs/#(\w)">', second)
    assert listed == [("2", "b"), ("3", "c")]
    assert 'aria-label="Source 3: Label c"' in second


def test_the_number_sits_against_the_word_and_the_list_is_left_out_of_search():
    out = number_citations(f"<p>Claim {marker('a')}.</p>", describe)
    assert out.startswith('<p>Claim<sup class="mbct-cite">')
    assert 'class="mbct-section-sources" data-search-exclude' in out


def test_a_page_without_citations_is_unchanged():
    html = "<h2>Only</h2><p>No citations here.</p>"
    assert number_citations(html, describe) == html


def test_the_cite_marker_reads_as_a_citation_on_its_own():
    g = guide()
    out = render.cite(g, ["fake-source"], links(g, "index.md"))
    link = '<a href="about/references/#fake-source">Fake, n.d.</a>'
    assert out == f'<sup class="mbct-cite" data-sources="fake-source">({link})</sup>'


def test_built_pages_have_numbered_citations_whose_links_land_in_the_page(built_site):
    pages_with_citations = 0
    for path in html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        assert 'data-sources="' not in html, f"{path}: a citation was not numbered"
        targets = re.findall(r'<sup class="mbct-cite">(.*?)</sup>', html)
        if targets:
            pages_with_citations += 1
        for target in re.findall(r'href="#(source-\d+-\d+)"', "".join(targets)):
            assert f'id="{target}"' in html, f"{path}: #{target} is not on the page"
    assert pages_with_citations > 20

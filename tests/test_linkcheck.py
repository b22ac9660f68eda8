"""Tests for mbct_guide/linkcheck.py: internal links and anchors checked over a small built site."""

from __future__ import annotations

import pytest

from mbct_guide.linkcheck import check_site, main


def write_site(root, pages: dict[str, str]):
    for path, body in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_links_to_pages_folders_and_anchors_that_exist_pass(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": '<a href="journey/">J</a> <a href="journey/#fake-a">A</a> <a href="about/page.html#n">N</a>'
            '<a href="#top">top</a><h1 id="top">T</h1><img src="assets/img.png"><script src="assets/app.js"></script>',
            "journey/index.html": '<section id="fake-a">A</section><a href="../index.html">home</a>',
            "about/page.html": '<a name="n"></a><a href="../journey/index.html#fake-a">back</a>',
            "assets/img.png": "",
            "assets/app.js": "",
        },
    )
    problems, external = check_site(site)
    assert problems == [] and dict(external) == {}


def test_a_link_to_a_missing_page_is_named_with_its_page(tmp_path):
    site = write_site(
        tmp_path, {"index.html": '<a href="no-such/">x</a>', "journey/index.html": '<a href="../gone.html">y</a>'}
    )
    problems, _ = check_site(site)
    assert problems == [
        "index.html: link to 'no-such/' finds no file",
        "journey/index.html: link to '../gone.html' finds no file",
    ]


def test_a_link_to_a_missing_anchor_is_named(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": '<a href="journey/#fake-b">x</a><a href="#nowhere">y</a>',
            "journey/index.html": '<p id="fake-a">A</p>',
        },
    )
    problems, _ = check_site(site)
    assert problems == [
        "index.html: link to '#nowhere' finds no anchor '#nowhere'",
        "index.html: link to 'journey/#fake-b' finds no anchor '#fake-b'",
    ]


def test_a_name_counts_as_an_anchor_only_on_a_link(tmp_path):
    site = write_site(
        tmp_path, {"index.html": '<a href="#a">1</a><a href="#b">2</a><a name="a"></a><div name="b"></div>'}
    )
    problems, _ = check_site(site)
    assert problems == ["index.html: link to '#b' finds no anchor '#b'"]


def test_the_same_broken_link_on_one_page_is_listed_once(tmp_path):
    site = write_site(tmp_path, {"index.html": '<a href="gone/">1</a><a href="gone/">2</a>'})
    assert check_site(site)[0] == ["index.html: link to 'gone/' finds no file"]


def test_percent_encoded_paths_and_anchors_are_decoded(tmp_path):
    site = write_site(
        tmp_path,
        {"index.html": '<a href="a%20page/#caf%C3%A9">x</a>', "a page/index.html": '<p id="café">c</p>'},
    )
    assert check_site(site)[0] == []


@pytest.mark.parametrize(
    "href", ["mailto:fake@example.org", "tel:+440000000000", "javascript:void(0)", "data:text/plain,x", "#"]
)
def test_links_that_are_not_pages_are_not_checked(tmp_path, href):
    site = write_site(tmp_path, {"index.html": f'<a href="{href}">x</a>'})
    problems, external = check_site(site)
    assert problems == [] and dict(external) == {}


def test_external_links_are_listed_with_every_page_using_them_not_checked(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": '<a href="https://example.org/a">a</a><a href="http://example.org/b">b</a>',
            "journey/index.html": '<a href="https://example.org/a">a</a>',
        },
    )
    problems, external = check_site(site)
    assert problems == []
    assert dict(external) == {
        "https://example.org/a": {"index.html", "journey/index.html"},
        "http://example.org/b": {"index.html"},
    }


def test_canonical_and_alternate_links_are_not_checked(tmp_path):
    site = write_site(
        tmp_path,
        {"index.html": '<link rel="canonical" href="gone/"><link rel="alternate" href="gone.xml"><link href="x.css">'},
    )
    assert check_site(site)[0] == ["index.html: link to 'x.css' finds no file"]


def test_absolute_links_under_the_published_base_path_are_read_from_the_site_root(tmp_path):
    site = write_site(
        tmp_path,
        {"404.html": '<a href="/fake-base/journey/#fake-a">x</a>', "journey/index.html": '<p id="fake-a">A</p>'},
    )
    assert check_site(site, "/fake-base/")[0] == []
    assert check_site(site)[0] == ["404.html: link to '/fake-base/journey/#fake-a' finds no file"]


def test_main_fails_on_a_broken_link_and_says_how_many(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    site = write_site(tmp_path, {"index.html": '<a href="gone/">x</a><a href="https://example.org/">e</a>'})
    assert main([str(site)]) == 1
    out = capsys.readouterr().out
    assert "index.html: link to 'gone/' finds no file" in out
    assert out.rstrip().endswith("1 broken internal link(s); 1 external link(s) not checked here.")


def test_main_lists_external_links_and_passes(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/")
    site = write_site(tmp_path, {"index.html": '<a href="https://example.org/x">e</a><a href="gone/">x</a>'})
    assert main([str(site), "--external"]) == 0
    assert capsys.readouterr().out == "https://example.org/x  (on 1 page(s), e.g. index.html)\n"

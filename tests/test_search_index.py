"""The search index: small enough for a slow phone, and it still finds every word of the guidance."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from conftest import DATA_DIR

from mbct_guide import load_guide
from mbct_guide.search_index import (
    COMMON_WORDS,
    PREVIEW_CHARACTERS,
    STOP_WORDS,
    TOPICS_FIELD,
    WORDS_FIELD,
    matching_words,
    page_descriptions,
    plain_text,
    preview,
    tidy,
)

GUIDE = load_guide(DATA_DIR)
ROOT = Path(__file__).resolve().parent.parent
# gzip bytes, the figure BENCHMARKS.md gives (a test below keeps the two the same). The index
# was 68.5 KB gzip before issue 21 (the theme's text, compacted); readable previews with the
# words for matching kept apart, without the theme's own stop words and without words that
# only begin another, bring it to about 61.6 KB; the second review's content (duty of candour,
# Scotland and Wales) to 65.6 KB, so previews were trimmed from 160 to 150 characters (still a
# sentence or two): 63.7 KB. Above the first 60 KB budget because the guidance grew (evidence,
# the four nations, participant safety: about 12 KB), not the previews.
BUDGET_KB = 64
BUDGET = BUDGET_KB * 1024
# A citation number glued to the word before it ("well1,2"): a lower-case word run into digits.
GLUED_DIGIT = re.compile(r"[a-z]{2,}[0-9]")


def test_a_preview_is_the_first_sentences_that_fit():
    text = "<p>First sentence here. Second one is short.</p><p>A long third sentence" + " goes on" * 20 + ".</p>"
    assert preview(text) == "First sentence here. Second one is short."
    assert preview("<p>Where: England</p><p>Call 111 if you need help.</p>") == (
        "Where: England. Call 111 if you need help."
    ), "a line that is not a sentence ends with a full stop, so it does not run into the next"
    long = "<p>" + "word " * 60 + "end.</p>"
    cut = preview(long)
    assert cut.endswith("…") and len(cut) <= PREVIEW_CHARACTERS + 1 and cut[:-1] == cut[:-1].rstrip()
    assert long[3:].startswith(cut[:-1]), "a long first sentence is cut at a word boundary"


def test_a_preview_has_no_citation_numbers():
    shown = preview("<p>MBCT helps people stay well<sup>1,2</sup>. It costs less<sup>3</sup>.</p>")
    assert shown == "MBCT helps people stay well. It costs less."
    assert not GLUED_DIGIT.search(shown)


def test_matching_words_are_what_the_preview_does_not_show_each_once():
    words = matching_words("Funding and fund, the funding panel. Budgets, budget", "Panel preview").split()
    assert words == ["budgets", "funding"], "no common word, no word shown, none that begins another"
    assert not set(matching_words(" ".join(sorted(STOP_WORDS)) + " about", "").split())
    assert matching_words("mbct here", "What (MBCT) is") == "here mbct", (
        "the theme keeps '(MBCT)' as one token, which 'mbct' does not begin, so the word stays"
    )


def test_tidy_drops_empty_sections_and_tags_but_keeps_pages():
    index = {
        "config": {},
        "docs": [
            {"location": "a/", "title": "A", "text": ""},
            {"location": "a/#card", "title": "A", "text": ""},
            {"location": "a/#part", "title": "Part", "text": "<p>One <code>two</code></p> <ul><li>three</li></ul>"},
        ],
    }
    tidied = tidy(index)
    assert tidied["docs"] == [
        {"location": "a/", "title": "A", "text": ""},
        {"location": "a/#part", "title": "Part", "text": "One two. three."},
    ]
    assert tidied["config"]["fields"][WORDS_FIELD] == {"boost": 1.0}, "the theme's search matches the words field"
    assert plain_text("<p>x</p><p>y</p>") == "x y"


def test_a_page_shows_its_own_description_and_still_finds_its_text(tmp_path):
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "help/", "title": "Help", "text": ""},
            {"location": "a/", "title": "A", "text": "<ul><li>Contents</li><li>Overview</li></ul>"},
            {"location": "b/", "title": "B", "text": "<p>Own words.</p>"},
        ],
    }
    for name, description in (("help", "Where to get help in a crisis."), ("a", "Site"), ("b", "Site")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f'<meta name="description" content="{description}">')
    descriptions = page_descriptions(tmp_path, index)
    assert descriptions == {"help/": "Where to get help in a crisis."}, "a description pages share is the site's"
    docs = tidy(index, descriptions)["docs"]
    assert docs[0] == {"location": "help/", "title": "Help", "text": "Where to get help in a crisis."}
    assert docs[1]["text"] == "Contents. Overview." and docs[2]["text"] == "Own words."


def test_citation_numbers_leave_the_word_before_them_searchable():
    assert plain_text("stay well<sup>1</sup>. Cost per year<sup>2,3</sup> and <code>x</code>") == (
        "stay well. Cost per year and x"
    )
    assert plain_text("H<sub>2</sub>O and m<sup>a</sup>") == "H2O and ma", "other tags lose only the tag"


def test_the_budget_is_the_one_benchmarks_md_gives():
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    line = next(x for x in benchmarks.splitlines() if x.startswith("The search index is not counted above"))
    assert f"target {BUDGET_KB} KB" in line
    run = (ROOT / "benchmarks" / "run.py").read_text(encoding="utf-8")
    assert f'"search_index_kb_max": {BUDGET_KB},' in run


def test_the_built_index_is_within_budget_and_leaves_out_print_pages(built_site):
    raw = (built_site / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 9)) <= BUDGET, "gzip level 9, as the benchmark measures it"
    locations = {doc["location"].split("#")[0] for doc in json.loads(raw)["docs"]}
    assert not {x for x in locations if x.startswith(("print/", "handouts/", "maintainers/"))}


def test_every_word_of_an_action_can_still_be_found_on_its_page(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for action in GUIDE.actions:
        indexed = " ".join(
            f"{d['title']} {d['text']} {d.get(WORDS_FIELD, '')}"
            for d in docs
            if d["location"].startswith(f"actions/{action.id}/")
        ).lower()
        words = set(re.findall(r"[a-z]{4,}", re.sub(r"\(.*?:.*?\)", "", action.detail.lower())))
        missing = {w for w in words - COMMON_WORDS if w not in indexed}
        assert not missing, (action.id, sorted(missing)[:10])
    assert PREVIEW_CHARACTERS >= 150, "results need a readable preview"


def test_every_preview_reads_as_sentences_without_citation_numbers(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        text = doc["text"]
        assert not GLUED_DIGIT.search(text), (doc["location"], text)
        assert len(text) <= PREVIEW_CHARACTERS + 1, doc["location"]
        assert not text or re.search(r"[.?!:;…][\"”’)]?$", text), (doc["location"], text)
    topics = {d["location"]: d.get(TOPICS_FIELD, "") for d in docs if "#" not in d["location"]}
    for action in GUIDE.actions:
        assert topics[f"actions/{action.id}/"] == " ".join(GUIDE.topic(t).title for t in action.topics)


# Site search in Chromium: what someone types, and the result that should come first.
SEARCHES = {
    "crisis": lambda location: location == "urgent-help/",
    "funding": lambda location: (
        location.startswith("actions/") and "funding" in GUIDE.action(location.split("/")[1]).topics
    ),
    "supervision": lambda location: (
        location.startswith("actions/") and "supervision" in GUIDE.action(location.split("/")[1]).topics
    ),
    # Pages for referrers and about referring: not the list of references.
    "who can refer": lambda location: (
        location
        in {
            "roles/referrer/",
            "actions/learn-who-mbct-suits/",
            "actions/help-referrers-understand-mbct/",
            "actions/agree-a-referral-pathway/",
            "tools/templates/referral-pathway/",
        }
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_searches_give_a_readable_first_result_that_answers(site_url, page, width):
    page.set_viewport_size({"width": width, "height": 812 if width < 600 else 800})
    for query, answers in SEARCHES.items():
        page.goto(f"{site_url}/?q={quote(query)}")
        first = page.locator(".md-search-result__item").first
        first.wait_for(timeout=15_000)
        href = first.locator("a").first.get_attribute("href")
        location = urlsplit(urljoin(page.url, href)).path.removeprefix(urlsplit(site_url).path + "/")
        assert answers(location), (query, location)
        for teaser in page.locator(".md-search-result__teaser").all_inner_texts()[:5]:
            assert not GLUED_DIGIT.search(teaser), (query, teaser)
            assert re.search(r"[.?!:;…][\"”’)]?$", teaser.strip()), (query, teaser)
    assert page.watcher.errors == [] and page.watcher.outside_requests == []


def test_tags_are_matched_as_topics_and_never_shown_as_the_themes_tag_list():
    """The theme draws a result's "tags" as a <nav> landmark; several in one list of results
    break axe's landmark-unique rule, so tags move to a field it matches but does not show."""
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}, "tags": {"boost": 1000000.0}}},
        "docs": [{"location": "actions/x/", "title": "X", "text": "<p>Do x.</p>", "tags": ["Funding", "Equity"]}],
    }
    tidied = tidy(index)
    (entry,) = tidied["docs"]
    assert "tags" not in entry and entry[TOPICS_FIELD] == "Funding Equity"
    assert tidied["config"]["fields"][TOPICS_FIELD] == {"boost": 1000000.0}

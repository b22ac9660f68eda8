"""Safe, current and UK-wide (issue 10): what a clinician and a commissioner check first.

- every page links to urgent help, and the public pages show the numbers, from one data file;
- no page or data file names NICE CG90 without saying that it was replaced;
- no source points at a document-sharing mirror;
- a contact route that needs no GitHub account sits wherever "Report a problem" is, and the
  build says so while it is a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import DATA_DIR, DOCS_DIR, copy_project, html_pages, mkdocs_build, only, problems_for, published_path
from fakes import HOSTILE, links
from fakes import guide as fake_guide
from project import REAL_CONTACT, configured_contact, set_contact

from mbct_guide import load_guide
from mbct_guide import models as m
from mbct_guide.contact import PLACEHOLDER_NOTE, contact_settings
from mbct_guide.publish_check import untrusted_host
from mbct_guide.render import clinical_status, urgent_help_box, urgent_help_page, urgent_help_sources

GUIDE = load_guide(DATA_DIR, DOCS_DIR)
CONTACT = contact_settings({"contact": configured_contact()})
# Public pages as built URL paths (models.PUBLIC_PAGES is the one list).
PUBLIC_PAGES = [page.removesuffix(".md") for page in m.PUBLIC_PAGES]
BOXED_PAGES = [page for page in PUBLIC_PAGES if page != "urgent-help"]
# The numbers the issue asks every public page to show, as read and as dialled.
REQUIRED_NUMBERS = {"999": "999", "111": "111", "116 123": "116123"}


# --- reading built pages ------------------------------------------------------------------------

BLOCKS = {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "summary"}
SKIPPED = {"script", "style", "svg", "head"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}


class _Parser(HTMLParser):
    """Text of each block (paragraph, list item, cell...), and links and text inside given classes."""

    def __init__(self, classes: Iterable[str] = ()) -> None:
        super().__init__(convert_charrefs=True)
        self.watch = set(classes)
        self.blocks: list[str] = []
        self._open: list[list[str]] = []  # text buffers of the open blocks, innermost last
        self._stack: list[tuple[str, set[str]]] = []  # open elements and the watched classes they started
        self._skip = 0
        self.text: dict[str, list[str]] = {c: [] for c in self.watch}
        self.links: dict[str, list[tuple[str, str]]] = {c: [] for c in self.watch}
        self._link: tuple[str, list[str]] | None = None

    def _inside(self) -> set[str]:
        return set().union(*(started for _, started in self._stack)) if self._stack else set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED:
            self._skip += 1
        if tag in VOID:
            return
        started = set((attributes.get("class") or "").split()) & self.watch
        self._stack.append((tag, started))
        if tag in BLOCKS:
            self._open.append([])
        if tag == "a":
            self._link = (attributes.get("href") or "", [])

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skip = max(0, self._skip - 1)
        if tag == "a" and self._link is not None:
            href, text = self._link
            for name in self._inside():
                self.links[name].append((href, " ".join("".join(text).split())))
            self._link = None
        if tag not in (open_tag for open_tag, _ in self._stack):
            return  # a stray end tag closes nothing
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag in BLOCKS and self._open:
                self.blocks.append(" ".join("".join(self._open.pop()).split()))
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._skip:
            return
        if self._open:
            self._open[-1].append(data)
        if self._link is not None:
            self._link[1].append(data)
        for name in self._inside():
            self.text[name].append(data)


def parse(html: str, *classes: str) -> _Parser:
    parser = _Parser(classes)
    parser.feed(html)
    parser.close()
    return parser


def text_in(parser: _Parser, css_class: str) -> str:
    return " ".join("".join(parser.text[css_class]).split())


def built(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def resolves_to(site: Path, page_path: Path, href: str) -> Path:
    """The built file a link on a page points at (relative, or absolute under the published path)."""
    base = published_path()
    if base and href.startswith(base + "/"):
        href = href[len(base) :]
    page_url = "file:///" + page_path.relative_to(site).as_posix()
    target = site / unquote(urlsplit(urljoin(page_url, href)).path).lstrip("/")
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


# --- urgent help --------------------------------------------------------------------------------


def test_every_page_links_to_urgent_help_from_its_footer(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 40
    missing = []
    for path in pages:
        footer = parse(path.read_text(encoding="utf-8"), "md-copyright")
        targets = [
            resolves_to(built_site, path, href) for href, text in footer.links["md-copyright"] if text == "Urgent help"
        ]
        if built_site / "urgent-help" / "index.html" not in targets:
            missing.append(path.relative_to(built_site).as_posix())
    assert not missing, f"no 'Urgent help' link in the footer of: {missing}"


def test_the_urgent_help_page_exists_is_in_the_nav_and_has_review_dates(built_site):
    page = built(built_site, "urgent-help")
    assert "<h1" in page and "Urgent help" in page
    assert "Content last checked (an editorial review, not a clinical one): " in page and "Next check due: " in page
    home = parse(built(built_site, ""), "md-nav")
    assert any(href.rstrip("/").endswith("urgent-help") for href, _ in home.links["md-nav"])


def test_the_data_holds_the_numbers_the_issue_requires():
    """999, 111 and 116 123 (and Lifeline for Northern Ireland) are in urgent_help.yml, each with a source."""
    numbers = {r.number: r for r in GUIDE.urgent_help if r.number}
    for number in [*REQUIRED_NUMBERS, "0808 808 8000"]:
        assert number in numbers, f"urgent_help.yml has no record with number {number}"
        assert numbers[number].sources
    assert "northern-ireland" in numbers["0808 808 8000"].where
    assert set(numbers["116 123"].where) == set(m.NATION_IDS)
    assert any(r.number is None and "GP" in r.name for r in GUIDE.urgent_help), "people in care: GP or care team"


@pytest.mark.parametrize("page", BOXED_PAGES)
def test_public_pages_show_999_111_and_116_123_in_the_help_box(built_site, page):
    html = built(built_site, page)
    box = parse(html, "mbct-urgent")
    text = text_in(box, "mbct-urgent")
    assert "If you need help now" in text
    hrefs = {href for href, _ in box.links["mbct-urgent"]}
    for shown, dialled in REQUIRED_NUMBERS.items():
        assert f"Call {shown}" in text, f"{page}: the help box does not show {shown}"
        assert f"tel:{dialled}" in hrefs, f"{page}: {shown} is not a tappable tel: link"
    # Every number and text route in the data appears, so the box cannot drift from urgent_help.yml.
    for record in GUIDE.urgent_help:
        if record.tel:
            assert f"tel:{record.tel}" in hrefs
        if record.text:
            assert f"sms:{record.text.number}" in hrefs
    assert any(href.rstrip("/").endswith("urgent-help") for href in hrefs), "the box links to the full page"
    # No citation numbers beside the numbers, and no other section's sources list inside the box.
    assert not any(href.startswith("#source-") for href in hrefs), f"{page}: citations inside the help box"
    assert "Sources" not in text, f"{page}: a sources list inside the help box"


def test_the_urgent_help_page_puts_the_numbers_first_and_the_sources_at_the_foot(built_site):
    page = built(built_site, "urgent-help")
    content = page[page.index('class="md-content__inner') :]
    first_call = content.index('href="tel:999"')
    # Before the first number: the title only (no description of MBCT, no citation).
    assert "MBCT" not in re.sub(r"<[^>]+>", " ", content[content.index("</h1>") : first_call])
    assert "mbct-cite" not in content[:first_call]
    for record in GUIDE.urgent_help:
        assert f'id="{record.id}"' in page
        assert " ".join(record.when.split()) in " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
        if record.tel:
            assert f'href="tel:{record.tel}"' in page
        if record.online:
            assert f'href="{record.online.url}"' in page
    foot = page[page.index('id="where-these-numbers-come-from"') :]
    for record in GUIDE.urgent_help:
        for source_id in record.sources:
            assert f"references/#{source_id}" in foot, (record.id, source_id)
    # The service details carry no citation numbers: every source is in the list at the foot.
    details = content[first_call : content.index('id="where-these-numbers-come-from"')]
    assert "references/#" not in details.split('id="about-this-page"')[0]


def test_services_that_share_a_number_share_one_call_link_naming_each_nation():
    fake = fake_guide(urgent_help=URGENT_FAKES)
    html = urgent_help_box(fake, links(fake, "about-mbct.md"))
    assert html.count('href="tel:111"') == 1
    assert "England: Fake 111 England" in html and "Wales: Fake 111 Wales" in html
    assert html.index('href="tel:999"') < html.index('href="tel:111"') < html.index('href="sms:85258"')
    assert "Text FAKE to 85258" in html


STATUS_SHOWN_ON = {page.removesuffix(".md").removesuffix("index"): page for page in m.CLINICAL_PAGES}
# A printed handout or pack of a public role page says what that page says.
STATUS_SHOWN_ON |= {
    f"{kind}/{role}": f"roles/{role}.md"
    for kind in ("handouts", "print/roles")
    for role in ("lived-experience", "referrer")
}


@pytest.mark.parametrize("page", sorted(STATUS_SHOWN_ON))
def test_public_pages_show_their_clinical_review_status_and_give_no_personal_advice(built_site, page):
    text = " ".join(parse(built(built_site, page)).blocks)
    review = GUIDE.clinical_review(
        STATUS_SHOWN_ON[page].replace("handouts/", "roles/").replace("print/roles/", "roles/")
    )
    if review is None:
        assert "Not yet clinically reviewed." in text, page
    else:
        assert review.organisation in text and "Clinically reviewed" in text, page
    assert "This site does not give personal medical advice." in text


def test_a_clinical_review_record_is_shown_instead_of_not_yet_reviewed():
    reviewed = m.ClinicalReview(
        page="about-mbct.md", reviewer_role=HOSTILE, organisation="Fake NHS trust", reviewed_on="2026-11-30"
    )
    fake = fake_guide(clinical_reviews=[reviewed])
    html = clinical_status(fake, "about-mbct.md", links(fake, "about-mbct.md"))
    assert "Clinically reviewed</strong> on 30 November 2026" in html and "Fake NHS trust" in html
    assert "Not yet" not in html and "<script>" not in html
    assert "Not yet clinically reviewed." in clinical_status(fake, "urgent-help.md", links(fake, "urgent-help.md"))


def test_every_footer_says_the_site_gives_no_personal_medical_advice(built_site):
    for path in html_pages(built_site):
        footer = text_in(parse(path.read_text(encoding="utf-8"), "md-copyright"), "md-copyright")
        if "Urgent help" in footer:  # full pages (redirect stubs have no footer)
            assert "This site does not give personal medical advice." in footer, path
            assert "How this guidance is made" in footer, path


def test_every_page_has_an_urgent_help_link_in_its_header(built_site):
    missing = []
    for path in html_pages(built_site):
        html = path.read_text(encoding="utf-8")
        if "md-header" not in html:
            continue
        header = html[html.index('<header class="md-header') : html.index("</header>")]
        found = re.search(r'<a class="mbct-header-urgent" href="([^"]+)">Urgent help</a>', header)
        if not found or resolves_to(built_site, path, found.group(1)) != built_site / "urgent-help" / "index.html":
            missing.append(path.relative_to(built_site).as_posix())
    assert not missing, f"no header link to urgent help on: {missing}"


def test_a_public_page_without_its_help_box_or_status_fails_the_data_check(data):
    page = data.parent / "docs" / "roles" / "referrer.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{{ clinical_status() }}", ""), encoding="utf-8")
    (problem,) = problems_for(data)
    assert problem.startswith("docs/roles/referrer.md") and "{{ clinical_status() }}" in problem


def test_the_emergency_record_must_come_first(data):
    edit_urgent_help(data, "emergency", emergency=False)
    edit_urgent_help(data, "samaritans", emergency=True)
    message = only(problems_for(data), "urgent_help.yml", "record 'samaritans'", "field 'emergency'")
    assert "must come first" in message


URGENT_FAKES = [
    m.UrgentHelp(
        id="fake-999",
        name="Fake 999",
        number="999",
        tel="999",
        emergency=True,
        where=list(m.NATION_IDS),
        when="Fake.",
        sources=["fake-source"],
    ),
    m.UrgentHelp(
        id="fake-111-england",
        name="Fake 111 England",
        number="111",
        tel="111",
        where=["england"],
        when="Fake.",
        sources=["fake-source"],
    ),
    m.UrgentHelp(
        id="fake-111-wales",
        name="Fake 111 Wales",
        number="111",
        tel="111",
        where=["wales"],
        when="Fake.",
        sources=["fake-source"],
    ),
    m.UrgentHelp(
        id="fake-text",
        name="Fake text",
        text={"number": "85258", "word": "FAKE"},
        where=list(m.NATION_IDS),
        when="Fake.",
        sources=["fake-source"],
    ),
]


def test_public_pages_say_mbct_is_not_for_a_crisis(built_site):
    for page in PUBLIC_PAGES:
        text = " ".join(parse(built(built_site, page)).blocks)
        assert re.search(r"not a (crisis or emergency treatment|treatment for a crisis or an emergency)", text), page


MEDICINE = re.compile(r"\b(antidepressants?|medicines?|medication|pills|tablets)\b", re.I)


def medicine_without_caution(units: Iterable[str]) -> list[str]:
    """Each paragraph or list item that mentions medicine must, in the same place, say not to stop
    without your doctor and that doses come down in stages (NICE QS8 statement 4)."""
    return [u for u in units if MEDICINE.search(u) and not ("doctor" in u.lower() and "stages" in u.lower())]


def test_the_medicine_rule_catches_a_paragraph_without_the_caution():
    units = [
        "You could do MBCT as well as taking your pills.",
        "In trials MBCT did about as well as staying on antidepressants. Do not stop without your doctor, who "
        "will help you reduce the dose in stages.",
        "A course has 8 sessions.",
    ]
    assert medicine_without_caution(units) == ["You could do MBCT as well as taking your pills."]


PUBLIC_WITH_HANDOUTS = [*PUBLIC_PAGES, "handouts/lived-experience", "handouts/referrer"]


@pytest.mark.parametrize("page", PUBLIC_WITH_HANDOUTS)
def test_every_mention_of_medicine_on_a_public_page_carries_the_caution(built_site, page):
    article = built(built_site, page)
    article = article[article.index('class="md-content__inner') : article.index("</article>")]
    flagged = medicine_without_caution(parse(article).blocks)
    assert not flagged, f"{page}: medicine mentioned without 'your doctor ... in stages':\n" + "\n".join(flagged)
    assert "instead of" not in " ".join(parse(article).blocks).lower() or not re.search(
        r"instead of[^.]{0,40}(pills|antidepressants|medicine)", " ".join(parse(article).blocks), re.I
    )


def test_the_help_box_and_page_show_data_literally():
    hostile = m.UrgentHelp(
        id="fake-line",
        name=HOSTILE,
        number="0800 000 000",
        tel="0800000000",
        where=["wales"],
        when=HOSTILE,
        notes=HOSTILE,
        sources=["fake-source"],
    )
    fake = fake_guide(urgent_help=[URGENT_FAKES[0], hostile])
    for markdown in (
        urgent_help_box(fake, links(fake, "about-mbct.md")),
        urgent_help_page(fake, links(fake, "urgent-help.md")),
        urgent_help_sources(fake, links(fake, "urgent-help.md")),
    ):
        assert "<script>" not in markdown and "{{" not in markdown
    assert 'href="tel:0800000000"' in urgent_help_box(fake, links(fake, "about-mbct.md"))
    assert "references/#fake-source" in urgent_help_sources(fake, links(fake, "urgent-help.md"))


@pytest.mark.browser
def test_on_a_phone_the_first_screen_of_urgent_help_shows_999_111_and_116_123_as_big_call_links(site_url, page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site_url}/urgent-help/", wait_until="load")
    for dialled in REQUIRED_NUMBERS.values():
        link = page.locator(f'.mbct-urgent a[href="tel:{dialled}"]').first
        box = link.bounding_box()
        assert box is not None, dialled
        assert box["y"] >= 0 and box["y"] + box["height"] <= 812, f"tel:{dialled} is below the first screen: {box}"
        assert box["height"] >= 44, f"tel:{dialled} is {box['height']} px tall"
        assert box["width"] >= 280, f"tel:{dialled} is not full width: {box['width']} px"
        assert not link.locator("sup").count(), "no citation numbers on a call link"
    assert page.watcher.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_the_header_urgent_help_link_is_visible_without_opening_the_menu(site_url, page, width):
    page.set_viewport_size({"width": width, "height": 812})
    for path in ["", "journey/developing/", "roles/lived-experience/", "tools/calculator/", "actions/find-a-buddy/"]:
        page.goto(f"{site_url}/{path}", wait_until="load")
        link = page.locator("header .mbct-header-urgent")
        assert link.is_visible(), path
        box = link.bounding_box()
        assert box and box["height"] >= 44 and box["y"] >= 0 and box["x"] + box["width"] <= width, (path, box)
        link.click()
        page.wait_for_url("**/urgent-help/")
    assert page.watcher.errors == []


@pytest.mark.browser
def test_the_help_box_is_visible_on_a_phone(site_url, page):
    page.set_viewport_size({"width": 375, "height": 800})
    for path in BOXED_PAGES:
        page.goto(f"{site_url}/{path}/", wait_until="load")
        box = page.locator(".mbct-urgent").first
        box.scroll_into_view_if_needed()
        assert box.is_visible(), path
        bounds = box.bounding_box()
        assert bounds is not None and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 375, path
        for dialled in REQUIRED_NUMBERS.values():
            assert box.locator(f'a[href="tel:{dialled}"]').first.is_visible(), (path, dialled)
    assert page.watcher.errors == []


# --- NICE CG90 only as history ------------------------------------------------------------------

CG90 = re.compile(r"\bCG\s?90\b")


def cg90_without_replaced(units: Iterable[str]) -> list[str]:
    """Each unit (a paragraph, list item or cell) that names CG90 must also say it was replaced."""
    return [unit for unit in units if CG90.search(unit) and "replaced" not in unit.lower()]


def data_text_units(path: Path) -> list[str]:
    """Every string in a YAML file, split into paragraphs (Markdown fields hold several)."""
    units: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            units.extend(part for part in re.split(r"\n\s*\n", value) if part.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return units


def test_the_cg90_rule_catches_a_page_and_a_data_file_that_break_it(tmp_path):
    html = (
        "<p>NICE CG90 says a group should have 8 to 15 people.</p>"
        "<ul><li>NICE's 2009 guideline (CG90), now replaced, described groups of 8 to 15.</li></ul>"
        "<p>Replaced in 2022.</p><p>Sources: NICE CG 90</p>"
    )
    flagged = cg90_without_replaced(parse(html).blocks)
    assert flagged == ["NICE CG90 says a group should have 8 to 15 people.", "Sources: NICE CG 90"]
    data = tmp_path / "fake.yml"
    data.write_text(
        "- id: fake-one\n  detail: |\n    NICE CG90 is the guideline.\n\n    NICE CG90 was replaced.\n"
        "  source: nice-cg90\n",
        encoding="utf-8",
    )
    assert [unit.strip() for unit in cg90_without_replaced(data_text_units(data))] == ["NICE CG90 is the guideline."]


def test_no_page_names_cg90_without_saying_it_was_replaced(built_site):
    problems = []
    for path in html_pages(built_site):
        for unit in cg90_without_replaced(parse(path.read_text(encoding="utf-8")).blocks):
            problems.append(f"{path.relative_to(built_site).as_posix()}: {unit[:120]}")
    assert not problems, "CG90 named as if current:\n" + "\n".join(problems)


def test_no_data_file_names_cg90_without_saying_it_was_replaced():
    problems = []
    for path in sorted(DATA_DIR.rglob("*.yml")):
        for unit in cg90_without_replaced(data_text_units(path)):
            problems.append(f"{path.relative_to(DATA_DIR).as_posix()}: {unit.strip()[:120]}")
    assert not problems, "CG90 named as if current:\n" + "\n".join(problems)


def test_current_nice_advice_cites_ng222_and_its_recommendations(built_site):
    for page in ["roles/referrer", "roles/commissioner"]:
        text = " ".join(parse(built(built_site, page)).blocks)
        for part in ["1.8.5", "section 1.5"]:
            assert part in text, (page, part)
        assert "NICE NG222, 2022" in text
    assert "1.8.6" in " ".join(parse(built(built_site, "roles/referrer")).blocks)
    for page in ["", "about-mbct", "roles/lived-experience"]:
        text = " ".join(parse(built(built_site, page)).blocks)
        assert "NICE recommends" not in text, page
        assert "NICE NG222, 2022" in text, page


@pytest.mark.parametrize("page", ["", "about-mbct", "roles/commissioner", "tools/templates/business-case"])
def test_kuyken_2016_is_cited_where_the_site_says_mbct_works(built_site, page):
    assert "references/#kuyken-2016" in built(built_site, page) or "Kuyken and others (2016)" in built(built_site, page)


# --- sources you can trust ----------------------------------------------------------------------


def test_no_source_url_is_on_a_document_sharing_host():
    mirrored = [f"{s.id}: {s.url}" for s in GUIDE.sources if s.url and untrusted_host(str(s.url))]
    assert not mirrored, f"use the official copy, or leave url out and say 'copy hosted by ...' in note: {mirrored}"


def test_the_addendum_citations_are_complete():
    assert "2019;9(9):e026244" in GUIDE.source("aspire-bmj-open-2019").citation
    marx = GUIDE.source("marx-2023").citation
    assert "MBCT training in IAPT" in marx and "The Cognitive Behaviour Therapist" in marx
    chapter = GUIDE.source("crane-griffiths-chapter")
    assert chapter.year == 2021 and "(editors)" in chapter.citation and "Karunavira" in chapter.citation
    assert GUIDE.source("harvey-kitson-2015").year == 2015 and GUIDE.source("harvey-kitson-2016").year == 2016
    assert "JAMA Psychiatry 2016;73(6):565-574" in GUIDE.source("kuyken-2016").citation


# --- owner and contact --------------------------------------------------------------------------


def test_the_contact_is_beside_every_report_a_problem_link_and_in_every_footer(built_site):
    reported = 0
    for path in html_pages(built_site):
        page = parse(path.read_text(encoding="utf-8"), "mbct-page-foot", "md-copyright")
        foot = text_in(page, "mbct-page-foot")
        if "Report a problem" in foot:
            reported += 1
            assert CONTACT.email in foot and CONTACT.organisation in foot, path
        footer = text_in(page, "md-copyright")
        assert CONTACT.email in footer and CONTACT.organisation in footer, path
    assert reported > 40


@pytest.mark.parametrize("page", ["accessibility", "privacy"])
def test_the_contact_is_on_the_accessibility_and_privacy_pages(built_site, page):
    article = parse(built(built_site, page), "md-content__inner")
    assert CONTACT.email in text_in(article, "md-content__inner")


def test_a_placeholder_contact_says_so_and_offers_no_mailto_link(built_site):
    assert CONTACT.placeholder, "the contact is real now: delete this test and keep the others"
    for page in ["", "accessibility", "privacy"]:
        html = built(built_site, page)
        assert PLACEHOLDER_NOTE in " ".join(html.split())
        assert f"mailto:{CONTACT.email}" not in html


def test_the_build_says_at_info_level_while_the_contact_is_a_placeholder(built_site_output):
    lines = [line for line in built_site_output.splitlines() if "Contact is a placeholder" in line]
    assert lines and all(line.startswith("INFO") for line in lines), built_site_output[-2000:]
    assert CONTACT.email in lines[0]


def test_a_real_contact_is_a_mailto_link_and_the_build_is_quiet_about_it(changed_site):
    assert "Contact is a placeholder" not in changed_site.output
    page = (changed_site.site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert f'href="mailto:{REAL_CONTACT["email"]}"' in page and PLACEHOLDER_NOTE not in page


def test_a_contact_without_an_email_stops_the_build_and_names_the_setting(tmp_path):
    project = copy_project(tmp_path / "project")
    set_contact(project, organisation="A Fake Owner")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.contact.email" in result.stdout + result.stderr


# --- urgent_help.yml: mistakes name the file, record and field -----------------------------------


def edit_urgent_help(data: Path, record_id: str, **changes) -> None:
    path = data / "urgent_help.yml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = next(r for r in records if r["id"] == record_id)
    record.update(changes)
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_wrong_source_in_urgent_help_names_the_file_record_and_field(data):
    edit_urgent_help(data, "samaritans", sources=["samaritans-contact", "no-such-source"])
    message = only(problems_for(data), "urgent_help.yml", "record 'samaritans'", "field 'sources[1]'")
    assert "source 'no-such-source', which does not exist" in message


def test_a_tel_that_does_not_match_the_number_is_caught(data):
    edit_urgent_help(data, "samaritans", tel="116124")
    message = only(problems_for(data), "urgent_help.yml", "record 'samaritans'")
    assert "must be the digits of number '116 123'" in message


def test_an_unknown_nation_is_caught(data):
    edit_urgent_help(data, "lifeline", where=["ireland"])
    message = only(problems_for(data), "urgent_help.yml", "record 'lifeline'", "field 'where[0]'")
    assert "'ireland' is not a UK nation; did you mean 'northern-ireland'?" in message

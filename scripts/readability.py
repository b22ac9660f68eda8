"""Reading level of built pages: `python scripts/readability.py [site-dir] [page ...]`.

Measures the main content of each built page (navigation excluded) with the
Flesch-Kincaid grade from textstat. A UK reading age is roughly the US grade plus 5, so
grade 6 is about a reading age of 11. The tests hold the plain-English pages to
PLAIN_ENGLISH_MAX_GRADE.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import textstat

PLAIN_ENGLISH_PAGES = ["about-mbct", "roles/lived-experience", "roles/referrer", "urgent-help"]
PLAIN_ENGLISH_MAX_GRADE = 6.5


class _ContentText(HTMLParser):
    """Collects the text of <article class="md-content__inner">, skipping what readers skip."""

    SKIP = {"script", "style", "nav", "aside", "button", "svg", "code", "pre"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside the article
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if self.depth:
            self.depth += 1
            if tag in self.SKIP or "mbct-sources" in classes or "mbct-permalink" in classes or "headerlink" in classes:
                self.skipping += 1
            if tag in {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th"}:
                self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.skipping and (tag in self.SKIP or tag in {"p", "a", "span", "div"}):
                self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def content_text(html: str) -> str:
    parser = _ContentText()
    parser.feed(html)
    text = "".join(parser.parts)
    # Citations such as (NICE CG90, 2009) are for checking, not reading.
    text = re.sub(r"\([^()]*\d{4}[^()]*\)|\([^()]*n\.d\.\)", "", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A list item or heading without a full stop still ends a sentence for the reader.
    return "\n".join(line if line[-1] in ".?!:" else line + "." for line in lines)


def reading_grade(text: str) -> float:
    textstat.set_lang("en_GB")
    return textstat.flesch_kincaid_grade(text)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    pages = argv[1:] or PLAIN_ENGLISH_PAGES
    worst = 0.0
    for page in pages:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        grade = reading_grade(content_text(html))
        worst = max(worst, grade)
        print(f"{page}: Flesch-Kincaid grade {grade:.1f} (about reading age {grade + 5:.0f})")
    return 0 if worst <= PLAIN_ENGLISH_MAX_GRADE else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

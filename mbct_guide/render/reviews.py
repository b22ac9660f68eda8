"""Review dates (page foot and the maintainers page), the changelog and the open data table."""

from __future__ import annotations

import datetime as dt

from ..answers_file import SCHEMA_NAME
from ..collection import COLLECTIONS
from ..guide import Guide
from ..routes import Links
from ..text import plain
from .common import bullets, download_link, heading, link


def long_date(date: dt.date) -> str:
    """NHS style: 26 November 2026."""
    return f"{date.day} {date:%B %Y}"


def review_summary(guide: Guide, today: dt.date) -> dict[str, dict[str, object]]:
    """Per page: review dates as text, and whether the next review is overdue."""
    return {
        review.page: {
            "last_reviewed": long_date(review.last_reviewed),
            "next_review_due": long_date(review.next_review_due),
            "overdue": review.next_review_due < today,
        }
        for review in guide.reviews
    }


def _page_link(links: Links, page: str) -> str:
    return link(links, plain(page), "page", page)


def overdue_reviews(guide: Guide, today: dt.date, links: Links) -> str:
    """A table of pages whose review is overdue, oldest first, for the maintainers page."""
    late = sorted((r for r in guide.reviews if r.next_review_due < today), key=lambda r: r.next_review_due)
    if not late:
        return f"No page is overdue for review on {long_date(today)}.\n"
    rows = [
        f"| {_page_link(links, r.page)} | {long_date(r.last_reviewed)} | {long_date(r.next_review_due)} |" for r in late
    ]
    return "\n".join(["| Page | Last reviewed | Review was due |", "| --- | --- | --- |", *rows]) + "\n"


def upcoming_reviews(guide: Guide, today: dt.date, links: Links, *, days: int = 90) -> str:
    soon = sorted(
        (r for r in guide.reviews if today <= r.next_review_due <= today + dt.timedelta(days=days)),
        key=lambda r: r.next_review_due,
    )
    if not soon:
        return f"No page is due for review in the next {days} days.\n"
    return (
        bullets(f"{link(links, plain(r.page), 'page', r.page)}: due {long_date(r.next_review_due)}" for r in soon)
        + "\n"
    )


def changelog(guide: Guide) -> str:
    parts = []
    for entry in guide.changelog:
        parts += [
            heading(2, f"Version {entry.version}", f"v{entry.version.replace('.', '-')}"),
            "",
            f"Released {long_date(entry.date)}.",
            "",
            bullets(plain(c) for c in entry.changes),
            "",
        ]
    return "\n".join(parts)


def open_data_files(guide: Guide, links: Links) -> str:
    """A table of the published files, with record counts."""
    rows = ["| File | Holds | Records | Schema |", "| --- | --- | --- | --- |"]
    everything = download_link(links, "guidance.json", "data", "guidance.json")
    rows.append(f"| {everything} | everything below, in one file | all | each collection's schema |")
    for collection in COLLECTIONS:
        data_link = download_link(links, f"{collection.name}.json", "data", f"{collection.name}.json")
        schema = f"{collection.name}.schema.json"
        schema_link = download_link(links, schema, "data", f"schemas/{schema}")
        count = len(getattr(guide, collection.name))
        rows.append(f"| {data_link} | {plain(collection.noun)} records | {count} | {schema_link} |")
    # Not published data: the file "Download answers" saves in the self-assessment (answers_file.py).
    tool = link(links, "the self-assessment", "page", "tools/self-assessment.md", anchor="team-review")
    answers_schema = download_link(links, SCHEMA_NAME, "data", f"schemas/{SCHEMA_NAME}")
    holds = "one person's answers, to share with colleagues"
    rows.append(f"| your own answers file, from {tool} | {holds} | - | {answers_schema} |")
    return "\n".join(rows) + "\n"


NOT_MEDICAL_ADVICE = (
    "This site does not give personal medical advice. For advice about your own health, talk to your GP "
    "or the team that cares for you."
)


def clinical_status(guide: Guide, page: str, links: Links) -> str:
    """A public page's clinical review record, or plainly "Not yet clinically reviewed", with
    the statement that the site gives no personal medical advice and where to go instead."""
    review = guide.clinical_review(page)
    if review is None:
        status = (
            "<strong>Not yet clinically reviewed.</strong> A clinician has not yet checked this page. "
            "We will say here when one has."
        )
    else:
        status = (
            f"<strong>Clinically reviewed</strong> on {long_date(review.reviewed_on)} by a "
            f"{plain(review.reviewer_role)}, {plain(review.organisation)}."
        )
    urgent = link(links, "urgent help", "page", "urgent-help.md")
    return (
        f'<div class="mbct-page-status" data-search-exclude><p>{status}</p>'
        f"<p>{NOT_MEDICAL_ADVICE} If you need help now, see {urgent}.</p></div>\n"
    )

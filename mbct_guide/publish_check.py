"""What blocks publication: `make publish-check` (python -m mbct_guide publish-check).

The site can be built and tested at any time, but it should not go live while:

- the contact in mkdocs.yml is still a placeholder (nobody reads the address);
- a public-facing page, or the home or evidence page, has no clinical review record
  (guidance_data/clinical_reviews.yml);
- a page's review is overdue (guidance_data/reviews.yml);
- a source points at a document-sharing or copy host rather than the official page.

Each blocker is listed once, and the command exits 1 while any remains. The deploy workflow
runs it before publishing; `make build`, `make test` and pull-request previews do not.
Nothing is invented to clear a blocker: only real people and real reviews do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import models as m
from .contact import Contact
from .guide import Guide

# Hosts that copy documents they do not publish, and aggregators of press releases: cite the
# official or publisher's page instead (research brief, "Source quality").
UNTRUSTED_SOURCE_HOSTS: tuple[str, ...] = (
    "studylib.net",
    "paperzz.com",
    "pdfslide.us",
    "pdfslide.net",
    "docsbay.net",
    "1library.net",
    "zinioapps.com",
    "dokumen.pub",
    "documents.pub",
    "vdocuments.mx",
    "vdocuments.net",
    "fdocuments.in",
    "cupdf.com",
    "docplayer.net",
    "pdfcoffee.com",
    "scribd.com",
    "issuu.com",
    "wired-gov.net",
)


def untrusted_host(url: str) -> bool:
    """True when a source address is on a document-sharing or copy host (or a subdomain of one)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == shared or host.endswith("." + shared) for shared in UNTRUSTED_SOURCE_HOSTS)


@dataclass(frozen=True)
class Blocker:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def blockers(guide: Guide, contact: Contact, today: dt.date) -> list[Blocker]:
    """Everything that must be put right before the site is published, each once, in a fixed order."""
    found: list[Blocker] = []
    if contact.placeholder:
        found.append(
            Blocker(
                "mkdocs.yml, extra.contact",
                f"the contact ({contact.email}) is a placeholder: set the real owner and a monitored address, "
                "then remove 'placeholder: true'",
            )
        )
    for page in m.CLINICAL_PAGES:
        if guide.clinical_review(page) is None:
            found.append(
                Blocker(
                    f"docs/{page}",
                    "this page has no clinical review: when a clinician has reviewed it, add their "
                    "role, organisation and the date to guidance_data/clinical_reviews.yml",
                )
            )
    for review in sorted(guide.reviews, key=lambda r: (r.next_review_due, r.page)):
        if review.next_review_due < today:
            found.append(
                Blocker(
                    f"docs/{review.page}",
                    f"its review was due on {review.next_review_due.isoformat()}: review the page, then update "
                    "guidance_data/reviews.yml",
                )
            )
    for source in guide.sources:
        if source.url is not None and untrusted_host(str(source.url)):
            found.append(
                Blocker(
                    f"guidance_data/sources.yml, source '{source.id}'",
                    f"{source.url} is a document-sharing or copy host: cite the official or publisher's page",
                )
            )
    return found


def report(found: list[Blocker]) -> str:
    if not found:
        return "Ready to publish: no blockers."
    lines = [f"Not ready to publish: {len(found)} blocker(s).", ""]
    lines += [f"  {number}. {blocker}" for number, blocker in enumerate(found, 1)]
    return "\n".join(lines)

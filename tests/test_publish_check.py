"""`make publish-check`: what blocks publication is listed, each once, and nothing else (issue 17)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT, copy_project
from fakes import guide as fake_guide

from mbct_guide import models as m
from mbct_guide.contact import Contact
from mbct_guide.publish_check import blockers, untrusted_host

REAL_CONTACT = Contact("Fake NHS trust", "mbct@fake-trust.example.org", placeholder=False)
TODAY = dt.date(2026, 12, 5)


def publish_check(project: Path, today: str = "2026-12-05") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mbct_guide", "publish-check", "--project", str(project)],
        capture_output=True,
        text=True,
        env={**os.environ, "MBCT_TODAY": today},
        timeout=120,
    )


def test_today_the_placeholder_contact_and_the_missing_clinical_reviews_block_publication_and_nothing_else():
    result = publish_check(ROOT)
    assert result.returncode == 1
    listed = [line.strip() for line in result.stderr.splitlines() if line.strip()[:1].isdigit()]
    expected = ["mkdocs.yml, extra.contact"] + [f"docs/{page}" for page in m.CLINICAL_PAGES]
    assert [line.split(". ", 1)[1].split(":", 1)[0] for line in listed] == expected
    assert "placeholder" in listed[0]
    assert all("no clinical review" in line for line in listed[1:])


def test_with_every_blocker_fixed_publication_is_allowed(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "    email: maintainers@example.org\n    placeholder: true\n", "    email: mbct@fake-trust.example.org\n"
    )
    config.write_text(text, encoding="utf-8")
    reviews = [
        {
            "page": page,
            "reviewer_role": "Fake consultant psychologist",
            "organisation": "Fake trust",
            "reviewed_on": "2026-12-01",
        }
        for page in m.CLINICAL_PAGES
    ]
    (project / "guidance_data" / "clinical_reviews.yml").write_text(yaml.safe_dump(reviews), encoding="utf-8")
    result = publish_check(project)
    assert result.returncode == 0, result.stderr
    assert "Ready to publish" in result.stdout


def test_an_overdue_review_blocks_on_the_day_after_it_was_due():
    review = m.PageReview(page="about-mbct.md", last_reviewed="2026-01-01", next_review_due="2026-12-05")
    reviewed = [
        m.ClinicalReview(page=p, reviewer_role="Fake", organisation="Fake", reviewed_on="2026-12-01")
        for p in m.CLINICAL_PAGES
    ]
    guide = fake_guide(reviews=[review], clinical_reviews=reviewed)
    assert blockers(guide, REAL_CONTACT, dt.date(2026, 12, 5)) == []
    (late,) = blockers(guide, REAL_CONTACT, dt.date(2026, 12, 6))
    assert late.where == "docs/about-mbct.md" and "2026-12-05" in late.problem


def test_a_source_on_a_copy_host_blocks_and_each_blocker_is_listed_once():
    copied = m.Source(
        id="fake-copy", type="website", citation="Fake.", short="Fake", url="https://issuu.com/nhs24/docs/x"
    )
    guide = fake_guide(sources=[copied, copied.model_copy(update={"id": "fake-copy-2"})])
    found = [b for b in blockers(guide, REAL_CONTACT, TODAY) if "sources.yml" in b.where]
    assert [b.where for b in found] == [
        "guidance_data/sources.yml, source 'fake-copy'",
        "guidance_data/sources.yml, source 'fake-copy-2'",
    ]


def test_the_copy_hosts_include_issuu_and_wired_gov_and_spare_official_hosts():
    assert untrusted_host("https://issuu.com/nhs24/docs/guide")
    assert untrusted_host("https://www.wired-gov.net/wg/news.nsf/articles/x")
    assert untrusted_host("https://STUDYLIB.net/doc/1")
    assert not untrusted_host("https://www.gov.wales/nhs-111-press-2")
    assert not untrusted_host("https://notissuu.com.example.org/")

"""build_context.py: one object per build owns what the hooks and the macros share."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from conftest import DOCS_DIR, ROOT, build_timings_file, mkdocs_build

from mbct_guide import build_context
from mbct_guide.build_context import CONFIG_KEY, build_date, for_build


def test_the_data_is_loaded_once_per_build(built_site, tmp_path):
    """The hooks and the macros both need the guide; the build loads it once and both use it."""
    timings = build_timings_file()
    if not timings.exists():  # a site built before the run (MBCT_SITE_DIR): build one to count
        timings = tmp_path / "timings.json"
        result = mkdocs_build(ROOT, tmp_path / "site", env={"MBCT_TIMINGS": str(timings)})
        assert result.returncode == 0, result.stderr
    report = json.loads(timings.read_text(encoding="utf-8"))
    assert report["loads"] == 1
    assert set(report) == {"loads", *build_context.TIMING_BUCKETS}


def test_each_build_config_gets_its_own_context_and_asking_again_gives_the_same_one(monkeypatch):
    loads = []
    real_start = build_context.start

    def counting_start(*args):
        loads.append(args)
        return real_start(*args)

    monkeypatch.setattr(build_context, "start", counting_start)
    extra = {"contact": {"organisation": "Fake NHS", "email": "fake@example.org"}}
    first = {"config_file_path": str(ROOT / "mkdocs.yml"), "docs_dir": str(DOCS_DIR), "extra": extra}
    rebuild = dict(first)  # `mkdocs serve` reads mkdocs.yml again for each rebuild
    assert for_build(first) is for_build(first) is first[CONFIG_KEY]
    assert for_build(rebuild) is not first[CONFIG_KEY]
    assert len(loads) == 2


@pytest.mark.parametrize(("pinned", "expected"), [("2031-02-03", dt.date(2031, 2, 3)), (None, dt.date.today())])
def test_the_build_date_is_today_unless_pinned(monkeypatch, pinned, expected):
    if pinned:
        monkeypatch.setenv("MBCT_TODAY", pinned)
    else:
        monkeypatch.delenv("MBCT_TODAY", raising=False)
    assert build_date() == expected
    assert os.environ.get("MBCT_TODAY") == pinned

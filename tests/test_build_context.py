"""build_context.py: one object per build owns what the hooks and the macros share."""

from __future__ import annotations

import datetime as dt
import json
import os
import types

import pytest
from conftest import DOCS_DIR, ROOT, build_timings_file, mkdocs_build

from mbct_guide import build_context, hooks
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
    assert all(report[bucket] > 0 for bucket in build_context.TIMING_BUCKETS)


def _context(tmp_path) -> build_context.BuildContext:
    contact = build_context.contact_settings({"contact": {"organisation": "Fake NHS", "email": "fake@example.org"}})
    return build_context.BuildContext(guide=None, today=dt.date(2031, 1, 2), contact=contact, docs_dir=tmp_path)


def test_a_timer_inside_another_stops_the_outer_one_so_no_time_counts_twice(tmp_path, monkeypatch):
    clock = iter([0.0, 1.0, 4.0, 10.0])  # hook starts, downloads start, downloads end, hook ends
    monkeypatch.setattr(build_context.time, "perf_counter", lambda: next(clock))
    context = _context(tmp_path)
    with context.timed("hooks"), context.timed("downloads"):
        pass
    assert context.timings["downloads"] == 3.0
    assert context.timings["hooks"] == 7.0  # 1 s before the downloads and 6 s after them


def test_timers_one_after_another_each_count_their_own_time(tmp_path, monkeypatch):
    clock = iter([0.0, 2.0, 5.0, 6.0])
    monkeypatch.setattr(build_context.time, "perf_counter", lambda: next(clock))
    context = _context(tmp_path)
    with context.timed("macros"):
        pass
    with context.timed("macros"):
        pass
    assert context.timings["macros"] == 3.0


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


def test_every_hook_counts_its_time_as_ours(tmp_path, monkeypatch):
    """The benchmark tells our share of a build from MkDocs' by these timings."""
    events = [name for name in vars(hooks) if name.startswith("on_")]
    assert len(events) >= 10
    assert all(hasattr(getattr(hooks, name), "__wrapped__") for name in events)
    clock = iter([0.0, 2.5])
    monkeypatch.setattr(build_context.time, "perf_counter", lambda: next(clock))
    context = _context(tmp_path)
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="index.md"))
    assert hooks.on_page_markdown("Text", page=page, config={CONFIG_KEY: context}, files=None) == "Text"
    assert context.timings["hooks"] == 2.5

"""The benchmarks' own arithmetic and reports (benchmarks/run.py, benchmarks/editing.py), on
made-up measurements."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from editing import beside_reference, reference_seconds, suite_section  # noqa: E402 - the benchmarks are scripts
from run import lighthouse_lines, platform_only_ratio  # noqa: E402


def test_the_platform_only_ratio_leaves_out_our_own_steps():
    base = {"seconds": 10.0, "data_share": 0.2, "downloads_share": 0.1, "hooks_share": 0.1}  # 6 s of MkDocs and theme
    bigger = {"seconds": 40.0, "data_share": 0.4, "downloads_share": 0.1, "hooks_share": 0.2}  # 12 s of them
    assert platform_only_ratio(bigger, base) == 2.0


def test_with_no_time_in_our_steps_it_is_the_plain_ratio():
    base = {"seconds": 4.0, "data_share": 0.0, "downloads_share": 0.0, "hooks_share": 0.0}
    bigger = {"seconds": 10.0, "data_share": 0.0, "downloads_share": 0.0, "hooks_share": 0.0}
    assert platform_only_ratio(bigger, base) == 2.5


SUITE_RUN = {
    "seconds": 301,
    "cpu_seconds": 580,
    "passed": True,
    "summary": "12 passed in 300.00s",
    "load_average_1min_before": 0.5,
    "load_average_1min_after": 4.0,
    "cores": 2,
    "date": "2031-01-02",
}


def test_the_suite_report_gives_the_time_and_the_machine_s_speed_beside_it():
    measured = {**SUITE_RUN, "reference_seconds_before": 3.4, "reference_seconds": 3.5, "suite_in_references": 86}
    section = suite_section(measured)
    assert "**5 min 01 s**" in section and "**misses target**" in section
    assert "took 3.40 s before the run and 3.50 s on average" in section
    assert "**86 times** that task" in section


def test_a_suite_record_from_before_the_reference_is_reported_without_one():
    section = suite_section({**SUITE_RUN, "seconds": 299})
    assert "**4 min 59 s**" in section and "meets target" in section
    assert "single-core task" not in section


def test_the_reference_task_takes_longer_the_more_it_does():
    assert 0 < reference_seconds(loops=1_000, repeats=2) < reference_seconds(loops=400_000, repeats=1)


def test_the_reference_is_timed_just_before_and_just_after_the_work():
    happened: list[str] = []
    timings = iter([2.0, 3.0])

    def reference() -> float:
        happened.append("reference")
        return next(timings)

    def work() -> str:
        happened.append("work")
        return "measured"

    assert beside_reference(work, reference) == ("measured", 2.0, 2.5)
    assert happened == ["reference", "work", "reference"]


def lighthouse_page(performance_runs: list[int], **scores) -> dict:
    every = {"accessibility": 100, "best-practices": 100, "seo": 100, "fcp_ms": 900, "tbt_ms": 40}
    return {
        **every,
        **scores,
        "performance": sorted(performance_runs)[len(performance_runs) // 2],
        "performance_runs": performance_runs,
    }


def test_lighthouse_meets_its_target_only_if_every_run_of_every_page_scores_100():
    all_100 = {"home": lighthouse_page([100, 100, 100]), "calculator": lighthouse_page([100, 100, 100])}
    assert "on every key page: meets target." in "\n".join(lighthouse_lines(all_100, None))
    one_run_99 = {**all_100, "calculator": lighthouse_page([99, 100, 100])}
    assert "on every key page: **misses target**." in "\n".join(lighthouse_lines(one_run_99, None))
    seo_99 = {**all_100, "home": lighthouse_page([100, 100, 100], seo=99)}
    assert "**misses target**" in "\n".join(lighthouse_lines(seo_99, None))
    no_report = {**all_100, "home": {"error": "no report"}}
    assert "**misses target**" in "\n".join(lighthouse_lines(no_report, None))


def test_the_lighthouse_report_gives_the_machine_s_speed_when_measured():
    pages = {"home": lighthouse_page([100, 99, 100])}
    report = "\n".join(lighthouse_lines(pages, 1.23))
    assert "| home | 100 | 100, 99, 100 | 900 ms | 40 ms | 100 | 100 | 100 |" in report
    assert "took 1.23 s" in report
    assert "single-core task" not in "\n".join(lighthouse_lines(pages, None))

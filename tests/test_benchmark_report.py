"""The benchmark's own arithmetic (benchmarks/run.py), on made-up builds."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import platform_only_ratio  # noqa: E402 - the benchmark is a script, not a package


def test_the_platform_only_ratio_leaves_out_our_own_steps():
    base = {"seconds": 10.0, "data_share": 0.2, "downloads_share": 0.1}  # 7 s of MkDocs and theme
    bigger = {"seconds": 40.0, "data_share": 0.4, "downloads_share": 0.1}  # 20 s of MkDocs and theme
    assert platform_only_ratio(bigger, base) == round(20 / 7, 2)


def test_with_no_time_in_our_steps_it_is_the_plain_ratio():
    base = {"seconds": 4.0, "data_share": 0.0, "downloads_share": 0.0}
    bigger = {"seconds": 10.0, "data_share": 0.0, "downloads_share": 0.0}
    assert platform_only_ratio(bigger, base) == 2.5

"""Edit to preview: how long `make serve` takes to show a change to the guidance data.

`.venv/bin/python benchmarks/editing.py` (or `make benchmark-serve`) starts `mkdocs serve` as
`make serve` does, on a throwaway copy of the project, opens a stage page in Chromium, then
saves a change to an action's YAML file several times. Each time it measures from the moment
the file is saved to the moment the open page has reloaded and shows the change (MkDocs'
live-reload script reloads it after the rebuild). The median goes into
benchmarks/results.json and the "Edit to preview" section of BENCHMARKS.md; no other section
is touched.

`--suite` instead times the whole test suite, `make test`, and records it with the machine's
load (the 1-minute load average before and after) and its speed at the time (a fixed task
timed before and after), in the "Test suite" section.

Not a test: timings depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from project import copy_project, serving, wait_until_served  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.json"
REPORT = ROOT / "BENCHMARKS.md"
TARGET_SECONDS = 3.0
T = TypeVar("T")
ACTION = "find-a-buddy"  # shown on the starting-out stage page
PAGE = "journey/starting-out/"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux): what a rebuild costs, whatever
    else the machine is doing, which wall-clock time on a shared machine does not show."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def edit_summary(project: Path, marker: str) -> None:
    """Save a change to the action's summary, as an editor would (one line of the file)."""
    path = project / "guidance_data" / "actions" / f"{ACTION}.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^(summary: >-\n  )(?:Marker\w+ )?", rf"\g<1>{marker} ", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def reload_seconds(edits: int = 5, timeout: float = 120) -> dict:
    """Seconds from saving a YAML change to the reloaded page showing it, for each edit."""
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch) / "project")
        with serving(project, Path(scratch) / "serve.log") as (process, base):
            url = base + PAGE
            started = time.perf_counter()
            wait_until_served(url, process)
            first_build = time.perf_counter() - started
            samples, cpu = [], []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium_path(full_browser=True), args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(url, wait_until="load")
                for number in range(edits):
                    marker = f"Marker{number}x{os.getpid()}"
                    page.wait_for_timeout(1500)  # let the server settle after the last rebuild
                    saved, cpu_before = time.perf_counter(), cpu_seconds(process.pid)
                    edit_summary(project, marker)
                    page.wait_for_function(
                        "marker => document.body && document.body.innerText.includes(marker)",
                        arg=marker,
                        timeout=timeout * 1000,
                        polling=50,
                    )
                    samples.append(time.perf_counter() - saved)
                    cpu.append(cpu_seconds(process.pid) - cpu_before)
                browser.close()
    return {
        "median_s": round(statistics.median(samples), 2),
        "samples_s": [round(s, 2) for s in samples],
        "server_cpu_median_s": round(statistics.median(cpu), 2),
        "first_build_s": round(first_build, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "cores": os.cpu_count(),
    }


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since it started (Linux /proc/stat): the
    browser's processes included, which a process's own CPU accounting misses."""
    with open("/proc/stat", encoding="ascii") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:]]
    idle, iowait = ticks[3], ticks[4]
    return (sum(ticks[:8]) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def reference_seconds(loops: int = 20_000_000, repeats: int = 3) -> float:
    """How long a fixed single-core task (a plain Python loop) takes now, the fastest of a few
    runs. A shared machine's speed drifts (this one took 3.3 s at one hour and 4.0 s the next),
    so a suite time means most beside the reference taken in the same run."""
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for number in range(loops):
            total += number * number % 7
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def beside_reference(
    work: Callable[[], T], reference: Callable[[], float] = reference_seconds
) -> tuple[T, float, float]:
    """``work()`` with the reference task timed just before and just after it: what the work
    returned, the reference before, and the average of before and after."""
    before = reference()
    result = work()
    return result, before, (before + reference()) / 2


def _make_test_timed() -> tuple[float, dict]:
    """Seconds `make test` took, and the record of the run."""
    before = os.getloadavg()[0]
    busy_before = machine_busy_seconds()
    started = time.perf_counter()
    result = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    cpu = machine_busy_seconds() - busy_before
    summary = [line for line in result.stdout.splitlines() if re.search(r"\d+ passed", line)]
    return elapsed, {
        "seconds": round(elapsed),
        "cpu_seconds": round(cpu),
        "passed": result.returncode == 0,
        "summary": summary[-1].strip("= ") if summary else "",
        "load_average_1min_before": round(before, 1),
        "load_average_1min_after": round(os.getloadavg()[0], 1),
        "cores": os.cpu_count(),
    }


def suite_seconds() -> dict:
    (elapsed, record), reference_before, reference = beside_reference(_make_test_timed)
    return {
        **record,
        "reference_seconds_before": round(reference_before, 2),
        "reference_seconds": round(reference, 2),
        "suite_in_references": round(elapsed / reference),
    }


def serve_section(measured: dict) -> str:
    ok = "meets target" if measured["median_s"] < TARGET_SECONDS else "**misses target**"
    samples = ", ".join(f"{s:.2f}" for s in measured["samples_s"])
    return "\n".join(
        [
            "## Edit to preview (`make serve`)",
            "",
            f"From saving a change to an action's YAML file to the open stage page reloaded with the change: "
            f"**{measured['median_s']:.2f} s** (median of {len(measured['samples_s'])} edits: {samples} s; "
            f"target under {TARGET_SECONDS:.0f} s: {ok}). Measured by `make benchmark-serve` "
            f"(benchmarks/editing.py) on {measured['date']}, on {measured['cores']} cores with a 1-minute load "
            f"average of {measured['load_average_1min']}; the first build took {measured['first_build_s']} s.",
            f"The server's own CPU time for each reload (median) was {measured['server_cpu_median_s']:.2f} s: "
            "what a reload costs on a machine doing nothing else.",
            "",
        ]
    )


def suite_section(measured: dict) -> str:
    minutes, seconds = divmod(measured["seconds"], 60)
    ok = "meets target" if measured["seconds"] < 300 else "**misses target**"
    state = "passed" if measured["passed"] else "**failed**"
    return "\n".join(
        [
            "## Test suite (`make test`)",
            "",
            f"The whole suite ({measured['summary'] or 'see the run'}) {state} in **{minutes} min {seconds:02d} s** "
            f"on {measured['cores']} cores (target under 5 minutes: {ok}), measured on {measured['date']} by "
            f"`benchmarks/editing.py --suite`. The machine's 1-minute load average was "
            f"{measured['load_average_1min_before']} before and {measured['load_average_1min_after']} after "
            "(the suite's own work raises it; a high figure before means other work shared the cores). "
            f"The machine's cores were busy for {measured.get('cpu_seconds', '?')} s of CPU time during the run, "
            f"of the {measured['seconds'] * measured['cores']} s that {measured['cores']} cores offer in that time "
            "(everything the machine did: the suite's Python, Java and browser processes, and any other work).",
            *_reference_sentence(measured),
            "",
        ]
    )


def _reference_sentence(measured: dict) -> list[str]:
    """The machine's speed at the time, for comparing runs made at different times or on
    different machines (records from before it was measured have none)."""
    if "reference_seconds" not in measured:
        return []
    return [
        f"A fixed single-core task (`reference_seconds()`) took {measured['reference_seconds_before']:.2f} s "
        f"before the run and {measured['reference_seconds']:.2f} s on average: the suite took "
        f"**{measured['suite_in_references']} times** that task. Compare runs by this figure, as the "
        "machine's speed drifts from hour to hour."
    ]


def replace_section(text: str, heading: str, section: str) -> str:
    """``text`` with the section that starts with ``heading`` replaced (or added at the end)."""
    pattern = re.compile(rf"^{re.escape(heading)}.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        return pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
    return text.rstrip("\n") + "\n\n" + section


def record(key: str, measured: dict, section: str, heading: str) -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results[key] = measured
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    REPORT.write_text(replace_section(REPORT.read_text(encoding="utf-8"), heading, section), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--suite", action="store_true", help="time `make test` instead")
    args = parser.parse_args()
    today = time.strftime("%Y-%m-%d")
    if args.suite:
        measured = {**suite_seconds(), "date": today}
        record("test_suite", measured, suite_section(measured), "## Test suite")
        print(suite_section(measured))
    else:
        measured = {**reload_seconds(args.edits), "date": today}
        record("serve_reload", measured, serve_section(measured), "## Edit to preview")
        print(serve_section(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Performance benchmark: `make benchmark` (or `.venv/bin/python benchmarks/run.py`).

Measures, in one run on this machine, and writes benchmarks/results.json and BENCHMARKS.md:

1. strict build time, and the share of it spent loading, validating and rendering our data;
2. build time with 10x today's actions, and with 10x every record kept one per file (actions,
   pivot points, stories, templates), as synthetic copies in a temporary project, as ratios to
   the 1x build measured in the same run (the sizes take turns); the share of each build spent
   in the macros, the downloads and the rest of our hooks, and the ratio MkDocs and the theme
   alone would give; and the explorer's filter and words-search times at 1x and 10x actions;
3. first-visit transfer (gzip) for key pages: the HTML and every asset it loads, with the
   search index reported separately;
4. Lighthouse scores (npm lighthouse@12.2.3, mobile, Debian's Chromium) for the same pages.

Not a test: timings depend on the machine. Ratios are compared within one run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

# benchmarks/editing.py measures the serve reload and the suite (their sections are kept here) and
# owns the reference task that gives the machine's speed beside a measurement.
from editing import beside_reference, serve_section, suite_section  # noqa: E402
from project import copy_project, mkdocs_build  # noqa: E402

from mbct_guide.yamlfile import read_yaml  # noqa: E402

KEY_PAGES = {
    "home": "",
    "stage page": "journey/developing/",
    "role page": "roles/manager/",
    "explorer": "explorer/",
    "self-assessment": "tools/self-assessment/",
    "calculator": "tools/calculator/",
    "action page": "actions/find-a-buddy/",
    "handout": "handouts/manager/",
}
TARGETS = {
    "data_share_max": 0.15,
    "macros_share_max": 0.10,
    # Issue 19: what a build costs must not grow much faster than the data.
    "ratio_max": {"10x actions": 2.0, "10x every record": 2.5},
    "transfer_kb_max": 80,
    # 60 KB until issue 21. Readable result previews (whole sentences, short words included)
    # sit beside the words kept for matching; the guidance itself grew by about 10 KB of
    # indexed text since the first budget. BENCHMARKS.md explains; tests/test_search_index.py
    # holds the same figure.
    "search_index_kb_max": 64,
    "explorer_ms_max": 50,
    # Issue 21: every key page stays at 100 in all four categories.
    "lighthouse": {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 100},
}
LIGHTHOUSE = "lighthouse@12.2.3"


class _WrittenOut(yaml.SafeDumper):
    """Writes repeated values out in full: guidance data refuses YAML anchors and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def read_data(path: Path):
    document, problems = read_yaml(path, path.name)  # the one YAML reader (refuses aliases)
    assert document is not None, problems
    return document.data


def write_yaml(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_WrittenOut, sort_keys=False, allow_unicode=True), encoding="utf-8")


# The sizes built, taking turns: (name, copies of each record, the families copied).
BUILD_SIZES = (
    ("1x", 1, ("actions",)),
    ("10x actions", 10, ("actions",)),
    ("10x every record", 10, ("actions", "pivot_points", "stories", "templates")),
)
# The record families kept one record per file; "every record" in the benchmark means all of these.
FOLDER_FAMILIES = ("actions", "pivot_points", "stories", "templates")


def multiply_records(project: Path, factor: int, families: tuple[str, ...] = ("actions",)) -> dict[str, int]:
    """Add (factor - 1) synthetic copies of every record of ``families``, with new ids and titles,
    to a project copy; returns how many records each family then has.

    Each role's 'Start here' lists three actions where the role has three at that stage, so a
    list shorter than three is topped up with copies of its own actions (which share their
    roles and stage), as an editor would have to."""
    for family in families:
        folder = project / "guidance_data" / family
        originals = [dict(read_data(path)) for path in sorted(folder.glob("*.yml"))]
        for copy in range(2, factor + 1):
            for original in originals:
                record = dict(original)
                record["id"] = f"{record['id']}-copy-{copy}"
                record["title"] = f"{record['title']} (copy {copy})"
                write_yaml(folder / f"{record['id']}.yml", record)
    if factor > 1 and "actions" in families:
        top_up_first_actions(project / "guidance_data" / "roles.yml", factor)
    if factor > 1:
        add_review_dates_for_copies(project / "guidance_data" / "reviews.yml", factor, families)
    return {family: len(list((project / "guidance_data" / family).glob("*.yml"))) for family in families}


def add_review_dates_for_copies(reviews_file: Path, factor: int, families: tuple[str, ...]) -> None:
    """Every page needs review dates: a copy's page (a story's, a template's) gets its original's."""
    copied_ids = {path.stem for family in families for path in (reviews_file.parent / family).glob("*.yml")}
    reviews = list(read_data(reviews_file))
    for entry in list(reviews):
        folder, _, name = entry["page"].removesuffix(".md").rpartition("/")
        if folder and name in copied_ids:
            reviews += [{**entry, "page": f"{folder}/{name}-copy-{copy}.md"} for copy in range(2, factor + 1)]
    write_yaml(reviews_file, reviews)


def top_up_first_actions(roles_file: Path, factor: int) -> None:
    roles = read_data(roles_file)
    for role in roles:
        for stage, ids in role.get("first_actions", {}).items():
            copies = [f"{action}-copy-{copy}" for copy in range(2, factor + 1) for action in ids]
            role["first_actions"][stage] = [*ids, *copies][:3]
    write_yaml(roles_file, roles)


def one_build(project: Path) -> tuple[float, dict[str, float]]:
    """Seconds for one strict build, and the share of it each of our own timed steps took."""
    with tempfile.TemporaryDirectory() as site, tempfile.NamedTemporaryFile(suffix=".json") as timings:
        started = time.perf_counter()
        result = mkdocs_build(project, Path(site), env={"MBCT_TIMINGS": timings.name})
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"build failed in {project}:\n{result.stderr[-2000:]}")
        ours = json.loads(Path(timings.name).read_text() or "{}")
    return elapsed, {bucket: seconds / elapsed for bucket, seconds in ours.items()}


def timed_builds(projects: dict[str, Path], runs: int) -> dict[str, dict]:
    """Each project built ``runs`` times, taking turns (1x, 10x, 1x, 10x...), so that a
    machine that slows down or speeds up during the run affects every size alike and the
    ratios between them stay fair."""
    measured: dict[str, list[tuple[float, dict[str, float]]]] = {name: [] for name in projects}
    for _ in range(runs):
        for name, project in projects.items():
            measured[name].append(one_build(project))
    return {name: summary(runs_of_one) for name, runs_of_one in measured.items()}


def summary(measured: list[tuple[float, dict[str, float]]]) -> dict:
    """The median build of one project, with its shares."""
    times = [seconds for seconds, _ in measured]
    shares = [share for _, share in measured]
    middle = sorted(range(len(times)), key=times.__getitem__)[len(times) // 2]
    share = shares[middle]
    return {
        "seconds": times[middle],
        "runs": times,
        # Loading and validating the data, and rendering it into pages through the macros.
        "data_share": share.get("load", 0) + share.get("macros", 0),
        "macros_share": share.get("macros", 0),
        # Writing the template downloads (Word files) and the open data after the pages.
        "downloads_share": share.get("downloads", 0),
        # The rest of our hooks: generated pages, held HTML put back, citations, page fixes,
        # the search index and stylesheets (mbct_guide/hooks.py).
        "hooks_share": share.get("hooks", 0),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a real host would: gzip for text, cache headers for assets."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".md")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to the folder's address
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in self.COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def transfer_sizes(site: Path) -> dict:
    """Bytes (gzip level 9, as a host would send) of each key page's first visit."""
    server, base = serve(site)
    sizes = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(full_browser=True), args=CHROMIUM_ARGS)
        for name, path in KEY_PAGES.items():
            context = browser.new_context()
            page = context.new_page()
            loaded: dict[str, int] = {}

            def record(response, loaded=loaded):
                if response.url.startswith(base) and response.status == 200 and "search_index" not in response.url:
                    # A body may be unavailable (a redirect, say): then it is not counted.
                    with contextlib.suppress(Exception):
                        loaded[response.url] = len(gzip.compress(response.body(), 9))

            page.on("response", record)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            sizes[name] = {"kb": round(sum(loaded.values()) / 1024, 1), "files": len(loaded)}
            context.close()
        browser.close()
    server.shutdown()
    index = site / "search" / "search_index.json"
    theme = [
        *site.glob("assets/javascripts/bundle.*.min.js"),
        *site.glob("assets/stylesheets/main.*.min.css"),
        *site.glob("assets/javascripts/workers/search.*.min.js"),
    ]
    theme_kb = sum(len(gzip.compress(path.read_bytes(), 9)) for path in theme) / 1024
    return {
        "pages": sizes,
        "search_index_kb": round(len(gzip.compress(index.read_bytes(), 9)) / 1024, 1),
        "theme_kb": round(theme_kb, 1),
    }


def explorer_filter_ms(site: Path) -> float:
    """Median time for the explorer to apply a filter change, in the browser."""
    server, base = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(full_browser=True), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "explorer/", wait_until="networkidle")
        samples = page.evaluate(
            """() => { const box = document.querySelector('#explorer-form input[name=role]');
                 const times = [];
                 for (let i = 0; i < 20; i++) {
                   const start = performance.now();
                   box.click();
                   document.body.offsetHeight;  // force layout, as a reader would wait for it
                   times.push(performance.now() - start);
                 }
                 return times; }"""
        )
        browser.close()
    server.shutdown()
    return round(statistics.median(samples), 2)


# Typed into the explorer's words box: one letter (the most word beginnings to look up), a
# word, a word beginning, several words that must all match, and words that match nothing.
SEARCHES = ["s", "fund", "funding", "supervision funding", "team support evaluation plan", "zzz qqq"]


def explorer_search_ms(site: Path) -> dict:
    """Time for the explorer to filter by words typed in its search box, in the browser:
    the median and the slowest of 4 rounds of SEARCHES."""
    server, base = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(full_browser=True), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "explorer/", wait_until="networkidle")
        # The word index loads when the words box gets focus; time searches on the whole text.
        page.focus("#filter-q")
        page.wait_for_selector("#explorer-results[data-word-index=loaded]")
        samples, unmatched = page.evaluate(
            """searches => { const box = document.getElementById('filter-q');
                 const times = [];
                 let unmatched = null;
                 for (let round = 0; round < 4; round++) {
                   for (const words of searches) {
                     const start = performance.now();
                     box.value = words;
                     box.dispatchEvent(new Event('input', {bubbles: true}));
                     document.body.offsetHeight;  // force layout, as a reader would wait for it
                     times.push(performance.now() - start);
                   }
                   unmatched = document.querySelectorAll('#explorer-results .mbct-action:not([hidden])').length;
                 }
                 return [times, unmatched]; }""",
            SEARCHES,
        )
        browser.close()
    server.shutdown()
    if unmatched != 0:  # the last search matches nothing: if cards still show, nothing was timed
        raise SystemExit(f"the explorer did not filter by words in {site} ({unmatched} cards still shown)")
    return {"median": round(statistics.median(samples), 2), "slowest": round(max(samples), 2)}


# Lighthouse's performance score moves a point or two between runs of the same page (its
# simulated throttling scales the main thread's tasks as measured on this machine: the same
# page's total blocking time ranged from 14 to 90 ms in six runs on 2026-12-06), so each page
# is measured LIGHTHOUSE_RUNS times and the median run is reported, with the range.
LIGHTHOUSE_RUNS = 5


def _lighthouse_run(binary: Path, url: str, report: Path, env: dict) -> dict | None:
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if not report.exists():
        return None
    measured = json.loads(report.read_text())
    report.unlink()
    scores = {key: round((value["score"] or 0) * 100) for key, value in measured["categories"].items()}
    audits = measured["audits"]
    scores["fcp_ms"] = round(audits["first-contentful-paint"]["numericValue"])
    scores["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
    return scores


def lighthouse_scores(site: Path, work: Path) -> dict:
    npm_dir = work / "npm"
    npm_dir.mkdir(exist_ok=True)
    install = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(npm_dir), LIGHTHOUSE],
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        return {"error": f"could not install {LIGHTHOUSE}: {install.stderr[-500:]}"}
    binary = npm_dir / "node_modules" / ".bin" / "lighthouse"
    server, base = serve(site)
    scores = {}
    env = {**os.environ, "CHROME_PATH": chromium_path(full_browser=True) or ""}
    for name, path in KEY_PAGES.items():
        report = work / f"lighthouse-{name.replace(' ', '-')}.json"
        measured = (_lighthouse_run(binary, base + path, report, env) for _ in range(LIGHTHOUSE_RUNS))
        runs = [run for run in measured if run]
        if not runs:
            scores[name] = {"error": "no report"}
            continue
        runs.sort(key=lambda run: run["performance"])
        scores[name] = {**runs[len(runs) // 2], "performance_runs": [run["performance"] for run in runs]}
    server.shutdown()
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="builds of each size, taking turns (median taken)")
    parser.add_argument("--skip-lighthouse", action="store_true")
    args = parser.parse_args()

    results: dict = {"machine": os.uname().nodename, "date": time.strftime("%Y-%m-%d"), "targets": TARGETS}
    # Measured separately by benchmarks/editing.py (serve reload, test suite): kept, not re-measured.
    previous = json.loads((ROOT / "benchmarks" / "results.json").read_text())
    results.update({key: previous[key] for key in ("serve_reload", "test_suite") if key in previous})
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        site = work / "site"
        local = {"SITE_URL": "http://127.0.0.1/"}  # served from the root of a local server
        mkdocs_build(ROOT, site, env=local).check_returncode()
        # Lighthouse first, while the machine is quiet: after the 10x builds the same pages'
        # total blocking time was two or three times as long in some runs (the machine was
        # still busy with their memory), which cost a point of performance.
        if not args.skip_lighthouse:
            print("running Lighthouse...", flush=True)
            # The simulated phone scales the main thread's work as this machine did it, so
            # blocking time grows when the machine is slow: its speed is recorded beside.
            results["lighthouse"], _, reference = beside_reference(lambda: lighthouse_scores(site, work))
            results["lighthouse_reference_seconds"] = round(reference, 2)
        print("measuring transfer sizes...", flush=True)
        results["transfer"] = transfer_sizes(site)

        projects, counts = {}, {}
        for name, factor, families in BUILD_SIZES:
            projects[name] = copy_project(work / name.replace(" ", "-"))
            counts[name] = multiply_records(projects[name], factor, families)
        print(f"building {args.runs} times each: {counts}...", flush=True)
        builds = {
            name: {"records": counts[name], **timing} for name, timing in timed_builds(projects, args.runs).items()
        }
        base = builds["1x"]["seconds"]
        for build in builds.values():
            build["ratio_to_1x"] = round(build["seconds"] / base, 2)
        results["builds"] = builds

        site_10x = work / "site-10x"
        mkdocs_build(projects["10x actions"], site_10x, env=local).check_returncode()
        results["explorer_filter_ms"] = {"1x": explorer_filter_ms(site), "10x": explorer_filter_ms(site_10x)}
        results["explorer_search_ms"] = {"1x": explorer_search_ms(site), "10x": explorer_search_ms(site_10x)}

    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (ROOT / "BENCHMARKS.md").write_text(report(results))
    print(report(results))
    return 0


def explorer_search_lines(results: dict) -> list[str]:
    """The explorer's words search, against its budget of 50 ms at 10x actions."""
    search = results.get("explorer_search_ms")
    if not search:
        return []
    return [
        f"- Explorer words search: median {search['1x']['median']} ms (slowest {search['1x']['slowest']} ms) "
        f"at 1x, median {search['10x']['median']} ms (slowest {search['10x']['slowest']} ms) at 10x actions "
        f"(target: median under 50 ms at 10x, {verdict(search['10x']['median'] < TARGETS['explorer_ms_max'])}; "
        "the slowest single search depends most on what else the machine is doing).",
    ]


def lighthouse_lines(scores_by_page: dict, reference: float | None) -> list[str]:
    """The Lighthouse section: each page's median run, every run's performance score, and
    whether every category of every run reached its target."""
    lines = [
        "## Lighthouse (mobile)",
        "",
        f"Each page measured {LIGHTHOUSE_RUNS} times; the median run by performance, with every run's "
        "performance score, and that run's first contentful paint (FCP) and total blocking time (TBT).",
        "",
        "| Page | Performance | Runs | FCP | TBT | Accessibility | Best practices | SEO |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    targets = TARGETS["lighthouse"]
    every_run_meets = True
    for name, scores in scores_by_page.items():
        if "error" in scores:
            lines.append(f"| {name} | {scores['error']} | | | | | | |")
            every_run_meets = False
            continue
        runs = scores.get("performance_runs", [])
        every_run_meets &= all(run >= targets["performance"] for run in runs)
        every_run_meets &= all(scores.get(key, 0) >= least for key, least in targets.items() if key != "performance")
        lines.append(
            f"| {name} | {scores.get('performance')} | {', '.join(str(run) for run in runs)} | "
            f"{scores.get('fcp_ms')} ms | {scores.get('tbt_ms')} ms | {scores.get('accessibility')} | "
            f"{scores.get('best-practices')} | {scores.get('seo')} |"
        )
    lines += [
        "",
        "Target (issue 21): performance 100 in every run, and accessibility, best practices and SEO 100, "
        f"on every key page: {verdict(every_run_meets)}.",
    ]
    if reference is not None:
        lines.append(
            f"While these ran, the test suite's fixed single-core task (`reference_seconds()`) took {reference:.2f} s. "
            "Lighthouse's simulated phone scales the main thread's work as this machine did it, so total "
            "blocking time grows when the machine is slower: compare runs by this figure too."
        )
    return [*lines, ""]


def verdict(ok: bool) -> str:
    return "meets target" if ok else "**misses target**"


def platform_only_ratio(build: dict, base: dict) -> float:
    """The build's time over the base build's, counting only what MkDocs and the theme do
    (rendering, indexing and writing every page): as if our own steps (loading and rendering
    the data, writing downloads, everything our hooks do) took no time at all. No change to
    our code can bring a ratio below this one."""

    def platform_seconds(one: dict) -> float:
        ours = one["data_share"] + one["downloads_share"] + one["hooks_share"]
        return one["seconds"] * (1 - ours)

    return round(platform_seconds(build) / platform_seconds(base), 2)


def report(results: dict) -> str:
    builds = results["builds"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make benchmark` (benchmarks/run.py) on {results['date']}. Timings depend on the",
        "machine; ratios compare builds made in the same run. Raw figures: benchmarks/results.json.",
        "",
        "## Build",
        "",
        "| Size | Records | Strict build (median) | Ratio to 1x | Loading, validating and rendering our data "
        "| Of which macros | Writing downloads and open data | Our other hook steps |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, build in builds.items():
        records = ", ".join(f"{count} {family.replace('_', ' ')}" for family, count in build["records"].items())
        lines.append(
            f"| {name} | {records} | {build['seconds']:.2f} s | {build['ratio_to_1x']} | "
            f"{build['data_share'] * 100:.1f}% | {build['macros_share'] * 100:.1f}% | "
            f"{build['downloads_share'] * 100:.1f}% | {build['hooks_share'] * 100:.1f}% |"
        )
    share = builds["1x"]["data_share"]
    share_ok = verdict(share < TARGETS["data_share_max"])
    macros = max(build["macros_share"] for build in builds.values())
    index_kb = results["transfer"]["search_index_kb"]
    lines += [
        "",
        f"- Data and macros share of the 1x build: {share * 100:.1f}% (target under 15%: {share_ok}).",
        f"- Macros' share of a build, at most {macros * 100:.1f}% of any size "
        f"(target at most 10%: {verdict(macros <= TARGETS['macros_share_max'])}).",
        *(
            f"- {name} builds in {builds[name]['ratio_to_1x']}x the time of 1x (target at most {most}x: "
            f"{verdict(builds[name]['ratio_to_1x'] <= most)})."
            for name, most in TARGETS["ratio_max"].items()
        ),
        "- If our own steps (loading the data, the macros, the downloads and every hook) took no time at all, "
        "MkDocs and the theme alone would take "
        + " and ".join(
            f"{platform_only_ratio(builds[name], builds['1x'])}x for {name}" for name in TARGETS["ratio_max"]
        )
        + ": they render, index and write every page, and a copied record is a page more. "
        "A ratio target below that cannot be met by changing our code.",
        f"- Explorer filter response: {results['explorer_filter_ms']['1x']} ms at 1x, "
        f"{results['explorer_filter_ms']['10x']} ms at 10x actions (median of 20 changes).",
        *explorer_search_lines(results),
        "",
        "## First-visit transfer (gzip)",
        "",
        "| Page | Transfer | Files | Target 80 KB |",
        "| --- | --- | --- | --- |",
    ]
    for name, size in results["transfer"]["pages"].items():
        lines.append(
            f"| {name} | {size['kb']} KB | {size['files']} | {verdict(size['kb'] <= TARGETS['transfer_kb_max'])} |"
        )
    lines += [
        "",
        f"Of each page's transfer, {results['transfer']['theme_kb']} KB is the theme's own code, the same on every "
        "page (Material's script bundle, main stylesheet and search worker), cached after the first page.",
        f"The search index is not counted above: {index_kb} KB, which the theme's search worker downloads just "
        f"after the page has loaded, then caches (target {TARGETS['search_index_kb_max']} KB: "
        f"{verdict(index_kb <= TARGETS['search_index_kb_max'])}). It leaves out print packs, handouts and "
        "maintainers' pages. Each result shows its section's first sentence or two as written, without "
        "citation numbers (a page's own entry shows its description); the other words, kept only for "
        "matching, are listed once each, without the theme's stop words or a word that begins another "
        "(mbct_guide/search_index.py). The target was 60 KB until the previews became readable (issue 21): "
        "the compact index before them was 68.5 KB, as the guidance had grown by about 10 KB of searchable "
        "text; 64 KB keeps the previews (150 characters each since the second content review added about 2 KB).",
        "",
    ]
    if "lighthouse" in results:
        lines += lighthouse_lines(results["lighthouse"], results.get("lighthouse_reference_seconds"))
    if "serve_reload" in results:
        lines += [serve_section(results["serve_reload"])]
    if "test_suite" in results:
        lines += [suite_section(results["test_suite"])]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

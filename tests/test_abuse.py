"""Hostile and broken input, tried as an attacker or a careless maintainer would (issue 14).

Each case breaks a copy of the project in one way. Every case must give:

* one clear problem, naming the file and, where there is one, the line, record and field;
* no traceback;
* no hang (the inputs of issue 18 must fail within 2 s of CPU time).

Cases that break the guidance data are checked by loading the copy's data, as every build
does first (a build stops there, printing the same report). The cases that break a page, and
one of each kind of data problem, run the real build, ``python -m mbct_guide.build`` (what
``make build`` runs), with a previous ``site/`` in place, which must stay byte-for-byte as it
was (each build has a time limit). Loading instead of building keeps the suite fast: a build
starts MkDocs and the theme, a load does not.

Every regular expression in mbct_guide/ is also run on the worst input for it, a megabyte long
(pathological.py builds the inputs from each pattern), and must finish within 2 s.

The sanitiser and link check are also tested on their own, in test_sanitise.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import DATA_DIR, ROOT, copy_project
from pathological import build, hostile_inputs, package_patterns
from project import an_action

from mbct_guide import GuidanceDataError, load_guide_uncached, models, text
from mbct_guide.text import _SHORT_LINK, markdown_references
from mbct_guide.yamlfile import read_yaml

ACTION = an_action(ROOT)[0].stem  # the first action (not one named here, which editors may rename), broken in a copy
TIME_LIMIT = 120  # seconds for one build of a broken copy; a healthy failing build takes a few
DATE_RULE = "`2026-02-30` is not a real date; write dates as YYYY-MM-DD"


# --- broken inputs ---------------------------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    """A "billion laughs" file: each level repeats the one before nine times (9**9 at the end)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\nid: fake-bomb\n"


def line_of(path: Path, prefix: str) -> int:
    """The first line of ``path`` that starts with ``prefix`` (after indentation)."""
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if line.lstrip().startswith(prefix):
            return number
    raise AssertionError(f"{prefix!r} not in {path}")


def action_file(project: Path) -> Path:
    return project / "guidance_data" / "actions" / f"{ACTION}.yml"


def set_action(project: Path, **changes) -> Path:
    path = action_file(project)
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(changes)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def replace_in_action(project: Path, key: str, raw_value: str) -> Path:
    """Set ``key: raw_value`` exactly as typed (unquoted), as an editor would."""
    path = action_file(project)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key}:")]
    lines.insert(1, f"{key}: {raw_value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def first_review(project: Path, raw_value: str) -> str:
    path = project / "guidance_data" / "reviews.yml"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^(\s*)last_reviewed: .*$", text, re.M)
    path.write_text(text[: match.start()] + f"{match.group(1)}last_reviewed: {raw_value}" + text[match.end() :])
    page = re.findall(r"page: (\S+)", text[: match.start()])[-1]
    return page


@dataclass
class Case:
    """One broken copy: ``breaks`` changes the project and returns the words and line the problem must show."""

    name: str
    breaks: Callable[[Path], list[str]]
    cpu_seconds: float | None = None  # the most CPU time the failing build may take


def _markdown_link(detail: str, rule: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        path = set_action(project, detail=f"See this: {detail}")
        line = line_of(path, "detail:")
        return [f"guidance_data/actions/{ACTION}.yml, line {line}", f"record '{ACTION}'", "field 'detail'", rule]

    return breaks


LINK = "is not a known link type"
IMAGE = "images must be files on this site"
MARKDOWN_CASES = [
    Case("link in upper case", _markdown_link("[x](JavaScript:alert(1))", f"'javascript:' {LINK}")),
    Case("reference-style link", _markdown_link("[x][evil]\n\n[evil]: javascript:alert(1)", f"'javascript:' {LINK}")),
    Case("shortcut reference link", _markdown_link("[evil]\n\n[evil]: JAVASCRIPT:alert(1)", f"'javascript:' {LINK}")),
    Case("autolink", _markdown_link("<javascript:alert(1)>", "a link in angle brackets")),
    Case("raw HTML link", _markdown_link('<a href="javascript:alert(1)">x</a>', "raw HTML")),
    Case("entity in the scheme", _markdown_link("[x](&#106;avascript:alert(1))", f"'javascript:' {LINK}")),
    Case("percent-encoded scheme", _markdown_link("[x](java%73cript:alert(1))", f"'javascript:' {LINK}")),
    Case("tab entity in the scheme", _markdown_link("[x](java&#x09;script:alert(1))", f"'javascript:' {LINK}")),
    # A control character is refused wherever it stands (issue 18), before the link is read.
    Case("control character first", _markdown_link("[x](\x01javascript:alert(1))", "contains U+0001")),
    Case("data: link", _markdown_link("[x](data:text/html;base64,PHNjcmlwdD4=)", f"'data:' {LINK}")),
    Case("vbscript: link", _markdown_link("[x](VBScript:msgbox(1))", f"'vbscript:' {LINK}")),
    Case("off-site image", _markdown_link("![t](http://evil.example/p.png)", IMAGE)),
    Case("protocol-relative image", _markdown_link("![t](//evil.example/p.png)", IMAGE)),
    Case("reference-style image", _markdown_link("![t][i]\n\n[i]: https://evil.example/p.png", IMAGE)),
]


def _bomb(project: Path) -> list[str]:
    (project / "guidance_data" / "actions" / "fake-bomb.yml").write_text(alias_bomb(), encoding="utf-8")
    return ["guidance_data/actions/fake-bomb.yml, line 1", "anchors and aliases (& and *) are not used"]


def _date_in_date_field(project: Path) -> list[str]:
    page = first_review(project, "2026-02-30")
    line = line_of(project / "guidance_data" / "reviews.yml", "last_reviewed: 2026-02-30")
    return [f"guidance_data/reviews.yml, line {line}", f"record '{page}'", "field 'last_reviewed'", DATE_RULE]


def _quoted_date_in_date_field(project: Path) -> list[str]:
    page = first_review(project, '"2026-02-30"')
    line = line_of(project / "guidance_data" / "reviews.yml", "last_reviewed:")
    return [f"guidance_data/reviews.yml, line {line}", f"record '{page}'", "field 'last_reviewed'", DATE_RULE]


def _date_in(key: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        replace_in_action(project, key, "2026-02-30")
        return [f"guidance_data/actions/{ACTION}.yml, line 2", f"record '{ACTION}'", f"field '{key}'", DATE_RULE]

    return breaks


def _time_in_date_field(project: Path) -> list[str]:
    first_review(project, "2026-01-01 25:61:00")
    return ["guidance_data/reviews.yml, line", "field 'last_reviewed'", "is not a real date"]


def _number(raw: str, rule: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        replace_in_action(project, "order", raw)
        return [f"guidance_data/actions/{ACTION}.yml, line 2", f"record '{ACTION}'", "field 'order'", rule]

    return breaks


def _not_utf8(project: Path) -> list[str]:
    path = action_file(project)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2] + " caf\xe9".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    return [f"guidance_data/actions/{ACTION}.yml, line 3", "is not saved as UTF-8 text"]


def _write(name: str, content: str) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        (project / "guidance_data" / "actions" / name).write_text(content, encoding="utf-8")

    return write


def _empty(project: Path) -> list[str]:
    _write("fake-empty.yml", "")(project)
    return ["guidance_data/actions/fake-empty.yml", "is empty"]


def _comments_only(project: Path) -> list[str]:
    _write("fake-comments.yml", "# An action will go here.\n\n# Not yet.\n")(project)
    return ["guidance_data/actions/fake-comments.yml", "has only comments and no data"]


def _control_character(project: Path) -> list[str]:
    _write("fake-control.yml", "id: fake-control\ntitle: A \x07 bell\n")(project)
    return ["guidance_data/actions/fake-control.yml, line 2", "control character"]


def _python_tag(project: Path) -> list[str]:
    _write("fake-tag.yml", 'id: fake-tag\ntitle: !!python/object/apply:os.system ["echo pwned"]\n')(project)
    return ["guidance_data/actions/fake-tag.yml, line 2", "tags such as '!!python/object/apply:os.system'"]


def _deep(project: Path) -> list[str]:
    _write("fake-deep.yml", "id: fake-deep\ntitle: " + "[" * 200 + "]" * 200 + "\n")(project)
    return ["guidance_data/actions/fake-deep.yml, line 2", "is nested more than"]


def _page_cites_unknown_source(project: Path) -> list[str]:
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ cite("no-such-source") }}\n', encoding="utf-8")
    line = line_of(page, '{{ cite("no-such-source")')
    return [f"docs/privacy.md, line {line}", "cites source 'no-such-source'"]


def _macro(call: str, rule: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        page = project / "docs" / "roles" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{call}\n", encoding="utf-8")
        return [f"docs/roles/index.md, line {line_of(page, call)}", rule]

    return breaks


def _broken_page_link(project: Path) -> list[str]:
    page = project / "docs" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[A page](no-such-page.md)\n", encoding="utf-8")
    return ["privacy.md", "no-such-page.md", "not found"]


# --- issue 18: links that hide where they go, stalls, invisible characters ------------------------------


def _source(source_id: str, field: str, value: str, rule: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        path = project / "guidance_data" / "sources.yml"
        records = yaml.safe_load(path.read_text(encoding="utf-8"))
        next(r for r in records if r["id"] == source_id)[field] = value
        path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
        lines = path.read_text(encoding="utf-8").splitlines()
        start = lines.index(f"- id: {source_id}")
        line = next(n for n, text in enumerate(lines[start:], start + 1) if text.lstrip().startswith(f"{field}:"))
        return [f"guidance_data/sources.yml, line {line}", f"record '{source_id}'", f"field '{field}'", rule]

    return breaks


def _action_field(field: str, value: str, rule: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        path = set_action(project, **{field: value})
        line = line_of(path, f"{field}:")
        return [f"guidance_data/actions/{ACTION}.yml, line {line}", f"record '{ACTION}'", f"field '{field}'", rule]

    return breaks


def _yaml_nesting(text: str) -> Callable[[Path], list[str]]:
    def breaks(project: Path) -> list[str]:
        _write("fake-nested.yml", "id: fake-nested\ntitle: " + text + "\n")(project)
        return ["guidance_data/actions/fake-nested.yml, line 2", "is nested more than 20 levels deep"]

    return breaks


MEGABYTE = 1_000_000


def QuickCase(name: str, breaks: Callable[[Path], list[str]]) -> Case:  # noqa: N802 - reads as a Case
    """A case of issue 18: its one problem must come within 2 s of CPU time."""
    return Case(name, breaks, cpu_seconds=2.0)


TOO_LONG = "a field can hold at most 10,000"
PHONE = "which is not a number in guidance_data/urgent_help.yml"
INVISIBLE = "an invisible character that can hide, reverse or disguise text"
ISSUE_18_CASES = [
    QuickCase(
        "tel link dialling another number", _markdown_link("[Call Samaritans on 116 123](tel:+449061234567)", PHONE)
    ),
    QuickCase(
        "tel link whose words show another number", _markdown_link("[Call 999](tel:116123)", "do not show the number")
    ),
    QuickCase(
        "mailto with bcc and body", _markdown_link("[Email](mailto:help@nhs.uk?bcc=x@evil.example&body=Hi)", "'bcc'")
    ),
    QuickCase("mailto with encoded line breaks", _markdown_link("[Email](mailto:a@b.c%0D%0ABcc:evil@x)", "line break")),
    QuickCase(
        "web link with a user part", _markdown_link("[doi.org](https://doi.org@evil.example/x)", "'evil.example'")
    ),
    QuickCase(
        "source url with a user part",
        _source("nice-ng222", "url", "https://doi.org@evil.example/10.3310/hsdr05140", "goes to 'evil.example'"),
    ),
    QuickCase("http source", _source("nice-ng222", "url", "http://www.nice.org.uk/guidance/ng222", "is not secure")),
    QuickCase("control character in a title", _action_field("title", "Business case\x01 for MBCT", "U+0001")),
    QuickCase("right-to-left override in a title", _action_field("title", "Find a \u202ebuddy", "U+202E")),
    QuickCase("zero-width space in a title", _action_field("title", "Find a\u200b buddy", "U+200B (ZERO WIDTH SPACE)")),
    QuickCase("byte-order mark in a summary", _action_field("summary", "Pair\ufeff up.", INVISIBLE)),
    QuickCase("'](a:' repeated to a megabyte", _action_field("detail", "](a:" * (MEGABYTE // 4), TOO_LONG)),
    QuickCase("'<' and a megabyte of spaces", _action_field("detail", "<" + " " * MEGABYTE, TOO_LONG)),
    QuickCase("'[' repeated 50,000 times", _action_field("detail", "[" * 50_000, TOO_LONG)),
    QuickCase("'[' repeated 9,000 times", _action_field("detail", "[" * 9_000, "at most 100")),
    QuickCase("a megabyte plain-text field", _action_field("summary", "x" * MEGABYTE, TOO_LONG)),
    QuickCase("a list nested 250 deep", _action_field("detail", "- " * 250 + "x", "nested 250 levels deep")),
    QuickCase(
        "a list nested 250 deep by indenting",
        _action_field("detail", "\n".join("    " * level + "- x" for level in range(250)), TOO_LONG),
    ),
    QuickCase("YAML nested a million deep", _yaml_nesting("[" * MEGABYTE)),
    QuickCase("YAML block lists nested 250 deep", _yaml_nesting("\n" + "".join("  " * i + "-\n" for i in range(250)))),
]

DATA_CASES = [
    *MARKDOWN_CASES,
    *ISSUE_18_CASES,
    Case("alias bomb", _bomb),
    Case("impossible date in a date field", _date_in_date_field),
    Case("impossible date in quotes", _quoted_date_in_date_field),
    Case("impossible date in a number field", _date_in("order")),
    Case("impossible date in a text field", _date_in("title")),
    Case("impossible time", _time_in_date_field),
    Case("infinite number", _number(".inf", "must be an ordinary number")),
    Case("number out of range", _number("100000000000000000000000000000", "less than or equal to 99")),
    Case("number with 5000 digits", _number("9" * 5000, "far more than any field allows")),
    Case("not UTF-8", _not_utf8),
    Case("empty file", _empty),
    Case("comment-only file", _comments_only),
    Case("control character", _control_character),
    Case("python tag", _python_tag),
    Case("deep nesting", _deep),
    Case("page cites an unknown source", _page_cites_unknown_source),
]
PAGE_CASES = [
    Case(
        "macro with a wrong id",
        _macro('{{ role_actions(role="no-such-role") }}', "macro role_actions(): 'no-such-role' is not a known role"),
    ),
    Case(
        "macro with a wrong argument",
        _macro('{{ role_cards(colour="red") }}', "macro role_cards(): got an unexpected keyword argument 'colour'"),
    ),
    Case("macro that does not exist", _macro("{{ no_such_macro() }}", "'no_such_macro' is undefined")),
    Case("broken macro syntax", _macro("{{ role_cards( }}", "syntax is broken")),
    Case("broken link in a page", _broken_page_link),
]
# One data case of each kind also runs the whole build: an unsafe link in Markdown, a YAML
# attack, a wrong value, a file that cannot be read, a page's citation. (The stalls of issue 18
# are timed by loading the data, where their 2 s of CPU time is not mixed with MkDocs starting.)
BUILT_DATA_CASES = [
    "link in upper case",
    "alias bomb",
    "impossible date in a date field",
    "not UTF-8",
    "page cites an unknown source",
]
BUILD_CASES = [*(case for case in DATA_CASES if case.name in BUILT_DATA_CASES), *PAGE_CASES]


def test_each_built_data_case_is_a_data_case():
    assert sorted(case.name for case in BUILD_CASES[: len(BUILT_DATA_CASES)]) == sorted(BUILT_DATA_CASES)


# --- the previous site ---------------------------------------------------------------------------------


def make_previous_site(site: Path) -> None:
    """A small stand-in for a site built earlier: the build must not touch it when it fails."""
    (site / "journey" / "developing").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<!doctype html><title>Earlier build</title>", encoding="utf-8")
    (site / "journey" / "developing" / "index.html").write_text("<p>developing</p>", encoding="utf-8")
    (site / "assets" / "logo.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>\x00\xff")
    os.utime(site / "index.html", (1_700_000_000, 1_700_000_000))


def fingerprint(folder: Path) -> str:
    """A hash of every path, file's bytes and modification time under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    """The real build of ``project``, as `make build` runs it, with a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "mbct_guide.build"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,  # no hang: a case that runs longer fails
    )


def problem_lines(output: str) -> list[str]:
    """The problems a build reports: data problems (numbered) and MkDocs' errors and warnings."""
    numbered = re.findall(r"^\s+\d+\. (.+)$", output, re.M)
    logged = [line for line in output.splitlines() if re.match(r"(ERROR|WARNING)\s+-", line)]
    data_report = [line for line in logged if "The guidance data has" in line]
    return numbered if data_report else logged


def check_one_problem(problems: list[str], expected: list[str]) -> None:
    assert len(problems) == 1, "expected exactly one problem:\n" + "\n".join(problems or ["(none)"])
    for fragment in expected:
        assert fragment in problems[0], f"{fragment!r} not in: {problems[0]}"


@pytest.mark.parametrize("case", DATA_CASES, ids=[case.name for case in DATA_CASES])
def test_broken_data_gives_one_clear_problem(tmp_path, case):
    """What a build reports when the data is broken: the report of loading the data."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "guidance_data", project / "guidance_data")
    shutil.copytree(ROOT / "docs", project / "docs")
    expected = case.breaks(project)

    started = time.process_time()
    with pytest.raises(GuidanceDataError) as refused:
        load_guide_uncached(project / "guidance_data", project / "docs")
    cpu = time.process_time() - started

    if case.cpu_seconds is not None:
        assert cpu < case.cpu_seconds, f"loading the broken data took {cpu:.2f} s of CPU time"
    report = refused.value.report()
    assert "Traceback" not in report, report
    check_one_problem(re.findall(r"^\s+\d+\. (.+)$", report, re.M), expected)


@pytest.mark.parametrize("case", BUILD_CASES, ids=[case.name for case in BUILD_CASES])
def test_broken_input_gives_one_clear_problem_and_leaves_the_site_alone(tmp_path, case):
    project = copy_project(tmp_path / "project")
    expected = case.breaks(project)
    site = project / "site"
    make_previous_site(site)
    before = fingerprint(site)

    result = run_build(project)
    output = result.stdout + result.stderr

    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    check_one_problem(problem_lines(output), expected)
    assert fingerprint(site) == before, "a failed build changed site/"
    assert not list(project.glob(".site-building-*")), "the failed build left its folder behind"


def test_a_good_build_replaces_the_site_whole(tmp_path):
    project = copy_project(tmp_path / "project")
    site = project / "site"
    make_previous_site(site)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") != "<!doctype html><title>Earlier build</title>"
    assert not (site / "assets" / "logo.svg").exists(), "files of the earlier build must not linger"
    assert (site / "journey" / "developing" / "index.html").stat().st_size > 10_000
    assert not list(project.glob(".site-building-*"))


# --- the alias bomb, timed on its own ------------------------------------------------------------------


def test_alias_bomb_is_refused_in_under_a_second(tmp_path):
    path = tmp_path / "fake-bomb.yml"
    path.write_text(alias_bomb(9), encoding="utf-8")
    started = time.perf_counter()
    document, problems = read_yaml(path, "guidance_data/actions/fake-bomb.yml")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    assert document is None
    assert [str(p) for p in problems] == [
        "guidance_data/actions/fake-bomb.yml, line 1: anchors and aliases (& and *) are not used in guidance data; "
        "write the value out in full"
    ]


def test_alias_bomb_check_finishes_quickly_with_one_problem(tmp_path):
    data = tmp_path / "guidance_data"
    shutil.copytree(DATA_DIR, data)
    (data / "actions" / "fake-bomb.yml").write_text(alias_bomb(9), encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mbct_guide", "check", "--data", str(data), "--docs", str(ROOT / "docs")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 1 and "The guidance data has 1 problem." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_no_other_code_parses_yaml():
    """Only yamlfile.py parses guidance data, so nothing else can expand aliases."""
    parsing = re.compile(r"yaml\.(?:safe_load|load|full_load|unsafe_load|compose|load_all|safe_load_all)\(")
    offenders = []
    for folder in ("mbct_guide", "scripts", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name != "yamlfile.py" and parsing.search(path.read_text(encoding="utf-8")):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
    assert (ROOT / "macros.py").read_text(encoding="utf-8").count("yaml") == 0


# --- every regular expression, on the worst input for it (issue 18) -----------------------------------

PATTERNS = list(package_patterns(ROOT / "mbct_guide"))


def _cpu(pattern: re.Pattern[str], text: str) -> float:
    started = time.process_time()
    pattern.findall(text)  # a search from every position: the most a pattern can be asked to do
    return time.process_time() - started


def test_the_sweep_finds_every_pattern_including_the_two_that_stalled():
    places = [where for where, _ in PATTERNS]
    assert len(places) >= 40, places
    sources = {pattern.pattern for _, pattern in PATTERNS}
    assert text._SHORT_LINK.pattern in sources and models._RAW_HTML.pattern in sources


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[where for where, _ in PATTERNS])
def test_every_regex_runs_in_linear_time_on_a_megabyte_of_its_worst_input(where, pattern):
    """The two inputs that take longest at 10,000 characters are run at 100,000 and then at a
    megabyte. A pattern that rescans from every position takes seconds at 100,000 (so the test
    fails there, rather than run for an hour); a linear one takes milliseconds at a megabyte."""
    tried = sorted(
        (
            (_cpu(pattern, build(unit, filler, 10_000)), name, unit, filler)
            for name, unit, filler in hostile_inputs(pattern)
        ),
        reverse=True,
    )
    for _, name, unit, filler in tried[:2]:
        for size, limit in ((100_000, 0.5), (MEGABYTE, 2)):
            seconds = _cpu(pattern, build(unit, filler, size))
            assert seconds < limit, f"{where}: {name}, {size:,} characters of it, took {seconds:.1f} s"


@pytest.mark.parametrize(
    "text", ["](a:" * (MEGABYTE // 4), "[](a:b" * (MEGABYTE // 6), "<" + " " * MEGABYTE, "<" + "\t" * MEGABYTE]
)
def test_the_two_regexes_of_issue_18_take_milliseconds_on_a_megabyte(text):
    started = time.process_time()
    markdown_references(text)
    _SHORT_LINK.sub("", text)
    models._RAW_HTML.search(text)
    assert time.process_time() - started < 1

"""Mutation tests: break one thing in a copy of the real data and check the message.

Each message must name the file, the record and the field, in words an editor can act
on; and every problem must be reported in one run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA_DIR, DOCS_DIR

from mbct_guide import GuidanceDataError, load_guide_uncached
from mbct_guide.__main__ import main as cli

ACTION = "find-a-buddy"  # a real action used as the thing to break


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "guidance_data")
    shutil.copytree(DOCS_DIR, tmp_path / "docs")
    return tmp_path / "guidance_data"


def problems_for(data: Path) -> list[str]:
    with pytest.raises(GuidanceDataError) as caught:
        load_guide_uncached(data, data.parent / "docs")
    return [str(p) for p in caught.value.problems]


def edit_action(data: Path, action_id: str = ACTION, **changes) -> Path:
    path = data / "actions" / f"{action_id}.yml"
    record = yaml.safe_load(path.read_text())
    for key, value in changes.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    return path


def only(problems: list[str], *needles: str) -> str:
    matching = [p for p in problems if all(n in p for n in needles)]
    assert matching, f"no problem mentions {needles}; got:\n" + "\n".join(problems)
    return matching[0]


def test_real_data_is_valid():
    guide = load_guide_uncached(DATA_DIR, DOCS_DIR)
    assert guide.actions and guide.stages


def test_wrong_type(data):
    edit_action(data, order="first")
    message = only(problems_for(data), f"actions/{ACTION}.yml", f"record '{ACTION}'", "field 'order'")
    assert "integer" in message


def test_unknown_key(data):
    edit_action(data, colour="blue")
    message = only(problems_for(data), f"record '{ACTION}'", "field 'colour'")
    assert "not a field" in message and "Allowed fields" in message


def test_unknown_reference(data):
    edit_action(data, sources=["no-such-source"])
    message = only(problems_for(data), f"actions/{ACTION}.yml", "field 'sources[0]'")
    assert "source 'no-such-source', which does not exist" in message


def test_unknown_vocabulary_value(data):
    edit_action(data, stage="finished")
    message = only(problems_for(data), f"record '{ACTION}'", "field 'stage'")
    assert "'starting-out', 'developing' or 'sustaining'" in message


def test_missing_required_field(data):
    edit_action(data, summary=None)
    only(problems_for(data), f"record '{ACTION}'", "field 'summary'", "required but missing")


def test_duplicate_id_in_a_list_file(data):
    path = data / "sources.yml"
    records = yaml.safe_load(path.read_text())
    records.append(dict(records[0]))
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    only(problems_for(data), "sources.yml", f"record '{records[0]['id']}'", "field 'id'", "duplicate id")


def test_duplicate_id_across_files_and_file_name_mismatch(data):
    original = data / "actions" / f"{ACTION}.yml"
    shutil.copy(original, data / "actions" / "fake-copy.yml")
    problems = problems_for(data)
    only(problems, "fake-copy.yml", "duplicate id")
    only(problems, "fake-copy.yml", "must match the file name")


def test_duplicate_key_in_yaml(data):
    path = data / "actions" / f"{ACTION}.yml"
    path.write_text(path.read_text() + "\ntitle: Again\n")
    only(problems_for(data), f"actions/{ACTION}.yml", "field 'title'", "appears twice")


def test_bad_yaml_gives_file_and_line(data):
    path = data / "actions" / f"{ACTION}.yml"
    lines = path.read_text().splitlines()
    lines.insert(3, "summary: [unclosed")
    path.write_text("\n".join(lines))
    message = only(problems_for(data), f"actions/{ACTION}.yml, line", "not valid YAML")
    assert "Traceback" not in message


def test_two_problems_in_two_files_are_both_reported(data):
    edit_action(data, sources=["no-such-source"])
    pivot = next((data / "pivot_points").glob("*.yml"))
    record = yaml.safe_load(pivot.read_text())
    record["what_helps"] = ["no-such-action"]
    pivot.write_text(yaml.safe_dump(record, sort_keys=False))
    problems = problems_for(data)
    only(problems, f"actions/{ACTION}.yml", "no-such-source")
    only(problems, pivot.name, "field 'what_helps[0]'", "no-such-action")


def test_orphan_source(data):
    path = data / "sources.yml"
    records = yaml.safe_load(path.read_text())
    records.append({"id": "fake-orphan", "type": "report", "short": "Orphan", "citation": "Nobody cites me."})
    path.write_text(yaml.safe_dump(records, sort_keys=False))
    only(problems_for(data), "record 'fake-orphan'", "no action, page or other record cites this source")


def test_empty_stage_theme_cell(data):
    for path in (data / "actions").glob("*.yml"):
        record = yaml.safe_load(path.read_text())
        if record["stage"] == "sustaining" and record["theme"] == "nourish-and-sustain":
            path.unlink()
    problems = problems_for(data)
    only(problems, "'sustaining' × 'nourish-and-sustain' cell", "has no action")


@pytest.mark.parametrize(
    "detail, rule",
    [
        ("Hello <script>alert(1)</script>", "raw HTML"),
        ("Hello {{ y }}", "template syntax"),
        ("See [this](nonsense:thing).", "not a known link type"),
        ("See [this](action:no-such-action).", "links to action 'no-such-action'"),
    ],
)
def test_markdown_field_rules(data, detail, rule):
    edit_action(data, detail=detail)
    only(problems_for(data), f"record '{ACTION}'", "field 'detail'", rule)


def test_review_date_order(data):
    path = data / "reviews.yml"
    path.write_text(
        yaml.safe_dump([{"page": "index.md", "last_reviewed": "2026-01-01", "next_review_due": "2025-01-01"}])
    )
    only(problems_for(data), "reviews.yml", "next_review_due must be later than last_reviewed")


def test_cli_check_reports_and_exits_non_zero(data, capsys):
    edit_action(data, sources=["no-such-source"])
    assert cli(["check", "--data", str(data), "--docs", str(data.parent / "docs")]) == 1
    err = capsys.readouterr().err
    assert "no-such-source" in err and "Traceback" not in err


def test_cli_check_passes_on_real_data(capsys):
    assert cli(["check"]) == 0
    assert "The guidance data is valid" in capsys.readouterr().out


# --- hostile and broken input (issue 14; the full-build versions are in test_abuse.py) ---------


@pytest.mark.parametrize(
    "detail, rule",
    [
        ("See [this](JavaScript:alert(1)).", "'javascript:' is not a known link type"),
        ("See [this][evil].\n\n[evil]: javascript:alert(1)", "'javascript:' is not a known link type"),
        ("See [this](&#106;avascript:alert(1)).", "'javascript:' is not a known link type"),
        ("See [this](data:text/html,hi).", "'data:' is not a known link type"),
        ("See ![this](//evil.example/x.png).", "images must be files on this site"),
        ("See <javascript:alert(1)>.", "a link in angle brackets"),
        ("See [this][r].\n\n[r]: action:set-up-a-steering-group", "write short links inline"),
    ],
)
def test_unsafe_links_are_named_with_file_line_record_and_field(data, detail, rule):
    path = edit_action(data, detail=detail)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("detail:"))
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, f"actions/{ACTION}.yml, line {line}", f"record '{ACTION}'", "field 'detail'", rule)


def test_each_unsafe_link_is_its_own_problem(data):
    edit_action(data, detail="[a](javascript:a), [b](vbscript:b) and ![c](http://evil.example/c.png)")
    assert len([p for p in problems_for(data) if "field 'detail'" in p]) == 3


def test_safe_links_pass(data):
    edit_action(
        data,
        detail="Ring [111](tel:111), write to [us](mailto:a@example.org) or read [NICE](https://www.nice.org.uk).",
    )
    load_guide_uncached(data, data.parent / "docs")


@pytest.mark.parametrize(
    "raw, rule",
    [
        ("2026-02-30", "`2026-02-30` is not a real date; write dates as YYYY-MM-DD"),
        ("'2026-02-30'", "`2026-02-30` is not a real date; write dates as YYYY-MM-DD"),
        ("30/02/2026", "`30/02/2026` is not a date; write dates as YYYY-MM-DD"),
        ("2026-03-01 10:00:00", "has a time as well as a date"),
    ],
)
def test_dates_are_checked_in_editors_words(data, raw, rule):
    path = data / "reviews.yml"
    text = path.read_text()
    path.write_text(text.replace("last_reviewed: ", f"last_reviewed: {raw} #", 1))
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, "reviews.yml, line", "field 'last_reviewed'", rule)


def test_a_date_where_a_number_belongs_names_the_field(data):
    path = data / "actions" / f"{ACTION}.yml"
    lines = [line for line in path.read_text().splitlines() if not line.startswith("order:")]
    path.write_text("\n".join([*lines, "order: 2026-02-30"]) + "\n")
    problems = problems_for(data)
    assert len(problems) == 1, problems
    only(problems, f"record '{ACTION}'", "field 'order'", "`2026-02-30` is not a real date")


def test_a_date_where_text_belongs_says_to_use_quotes(data):
    path = data / "actions" / f"{ACTION}.yml"
    path.write_text(path.read_text().replace("title: ", "title: 2026-03-01 #", 1))
    message = only(problems_for(data), f"record '{ACTION}'", "field 'title'")
    assert "YAML reads 2026-03-01 as a date" in message and "quotes" in message


@pytest.mark.parametrize(
    "content, rule",
    [
        ("", "is empty"),
        ("   \n\n", "is empty"),
        ("# A comment\n# and another\n", "has only comments and no data"),
        ("---\n", "holds no data"),
    ],
)
def test_empty_and_comment_only_files_have_distinct_messages(data, content, rule):
    (data / "actions" / "fake-blank.yml").write_text(content)
    problems = problems_for(data)
    assert problems == [only(problems, "actions/fake-blank.yml", rule)]


def test_not_utf8_names_the_line_of_the_first_bad_byte(data):
    (data / "actions" / "fake-latin.yml").write_bytes(b"id: fake-latin\ntitle: ok\nsummary: caf\xe9\nmore: \xff\n")
    problems = problems_for(data)
    assert problems == [only(problems, "actions/fake-latin.yml, line 3", "not saved as UTF-8")]


def test_a_page_citing_an_unknown_source_is_named(data):
    page = data.parent / "docs" / "privacy.md"
    page.write_text(page.read_text() + '\n\n{{ cite("no-such-source") }}\n')
    line = len(page.read_text().splitlines())
    only(problems_for(data), f"docs/privacy.md, line {line}", "cites source 'no-such-source'")


def test_an_invalid_record_does_not_make_links_to_it_look_broken(data):
    edit_action(data, summary=None)
    problems = problems_for(data)
    assert problems == [only(problems, f"record '{ACTION}'", "field 'summary'", "required but missing")]

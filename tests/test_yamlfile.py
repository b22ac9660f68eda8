"""Tests for mbct_guide/yamlfile.py: reading YAML with a line for every key, and refusing what data never needs."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from mbct_guide import yamlfile
from mbct_guide.yamlfile import ALIAS_RULE, MAX_DEPTH, NESTED_RULE, read_yaml

SHOWN = "guidance_data/fake.yml"


def read(tmp_path, content: str | bytes):
    path = tmp_path / "fake.yml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return read_yaml(path, SHOWN)


def only_problem(tmp_path, content: str | bytes):
    document, problems = read(tmp_path, content)
    assert document is None
    assert len(problems) == 1, problems
    return problems[0]


# --- what is read, and where --------------------------------------------------------------------


def test_every_key_and_list_item_has_its_line(tmp_path):
    document, problems = read(tmp_path, "id: fake-a\n# a comment\nsources:\n  - fake-one\n  - fake-two\n")
    assert problems == []
    assert document.data == {"id": "fake-a", "sources": ["fake-one", "fake-two"]}
    assert document.lines == {(): 1, ("id",): 1, ("sources",): 3, ("sources", 0): 4, ("sources", 1): 5}
    assert document.duplicate_keys == [] and document.bad_values == []


def test_a_list_file_has_a_line_for_each_record_and_its_keys(tmp_path):
    document, _ = read(tmp_path, "- id: fake-a\n  title: A\n\n- id: fake-b\n  title: B\n")
    assert document.line_for((1,)) == 4
    assert document.line_for((1, "title")) == 5


def test_line_for_a_path_without_a_line_is_that_of_its_nearest_ancestor(tmp_path):
    document, _ = read(tmp_path, "id: fake-a\nsources:\n  - fake-one\n")
    assert document.line_for(("sources", 7, "deeper")) == 2
    assert document.line_for(["sources", 0]) == 3
    assert document.line_for(("missing",)) == 1


def test_source_lines_are_the_file_as_typed(tmp_path):
    document, _ = read(tmp_path, "id: fake-a\ntitle:   Spaced  \n")
    assert document.source_lines == ["id: fake-a", "title:   Spaced  "]


def test_a_repeated_key_is_listed_with_its_second_line_and_the_last_value_kept(tmp_path):
    document, problems = read(tmp_path, "id: fake-a\ntitle: One\nnested:\n  a: 1\n  a: 2\ntitle: Two\n")
    assert problems == []
    assert sorted(document.duplicate_keys) == [(("nested", "a"), 5), (("title",), 6)]
    assert document.data["title"] == "Two"


def test_dates_are_read_as_dates_and_an_impossible_one_is_kept_as_typed_with_its_line(tmp_path):
    document, problems = read(tmp_path, "id: fake-a\nreviewed: 2026-03-01\ndue: 2026-02-30\n")
    assert problems == []
    assert document.data["reviewed"] == dt.date(2026, 3, 1)
    assert document.data["due"] == "2026-02-30"
    assert [(path, line) for path, line, _ in document.bad_values] == [(("due",), 3)]
    assert "`2026-02-30` is not a real date" in document.bad_values[0][2]


def test_a_number_too_long_to_convert_is_kept_as_text_and_named(tmp_path):
    digits = "9" * 5000
    document, problems = read(tmp_path, f"id: fake-a\nitems:\n  - {digits}\n")
    assert problems == []
    assert document.data["items"] == [digits]
    assert document.bad_values == [(("items", 0), 3, "this number has 5000 characters, far more than any field allows")]


# --- what is refused, each with its own message -------------------------------------------------


def test_an_anchor_is_refused_on_its_line(tmp_path):
    problem = only_problem(tmp_path, "id: fake-a\ntitle: &name Fake\nsummary: *name\n")
    assert (problem.file, problem.line, problem.rule) == (SHOWN, 2, ALIAS_RULE)


@pytest.mark.parametrize(
    ("tag", "shown"),
    [("!!str", "!!str"), ("!!python/object:os.system", "!!python/object:os.system"), ("!fake", "!fake")],
)
def test_a_tag_is_refused_on_its_line_and_named(tmp_path, tag, shown):
    problem = only_problem(tmp_path, f"id: fake-a\n\ntitle: {tag} Fake\n")
    assert problem.line == 3
    assert problem.rule.startswith(f"tags such as '{shown}' are not used in guidance data")


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    too_deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    problem = only_problem(tmp_path, f"id: fake-a\nitems: {too_deep}\n")
    assert (problem.line, problem.rule) == (2, NESTED_RULE)


def test_nesting_at_the_limit_is_read(tmp_path):
    at_limit = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)  # the mapping around it is one level
    document, problems = read(tmp_path, f"items: {at_limit}\n")
    assert problems == [] and document is not None


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        ("", "is empty; "),
        ("  \n\n   \n", "is empty; "),
        ("# a comment\n   # another\n", "has only comments and no data; "),
        ("# a comment\n~\n", "holds no data (only an empty value); "),
        ("null\n", "holds no data (only an empty value); "),
    ],
)
def test_a_file_without_data_says_which_kind_it_is(tmp_path, content, rule):
    problem = only_problem(tmp_path, content)
    assert problem.line is None and problem.rule.startswith(rule)


def test_a_file_not_in_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    problem = only_problem(tmp_path, "id: fake-a\ntitle: Fine\nsummary: caf\xe9\nnote: \xe9\n".encode("latin-1"))
    assert problem.line == 3 and problem.rule.startswith("is not saved as UTF-8 text")


def test_a_control_character_is_named_by_its_code_on_its_line(tmp_path):
    problem = only_problem(tmp_path, "id: fake-a\ntitle: Fa\x01ke\n")
    assert problem.line == 2
    assert problem.rule.startswith("has a control character (#x0001) on this line")


@pytest.mark.parametrize(
    ("content", "line", "reads"),
    [
        ("id: fake-a\ntitle Fake\nsummary: x\n", 2, "'title Fake'"),
        ("id: fake-a\nitems: [one, two\n", 2, "'items: [one, two'"),
        ('id: fake-a\ntitle: "unclosed\n', 2, "'title: \"unclosed'"),
    ],
    ids=["missing colon", "unclosed bracket", "unclosed quote"],
)
def test_a_syntax_mistake_points_at_the_line_where_it_was_made_and_quotes_it(tmp_path, content, line, reads):
    problem = only_problem(tmp_path, content)
    assert problem.line == line
    assert problem.rule.startswith("is not valid YAML (")
    assert f"the line reads {reads}" in problem.rule


@pytest.mark.parametrize(
    ("text", "rule"),
    [("  \n\t\n", "is empty"), ("\t", "is empty"), ("# c\n\t\n", "has only comments and no data")],
)
def test_a_file_of_blank_space_or_comments_with_a_tab_says_so(tmp_path, text, rule):
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    document, problems = read_yaml(path, "f.yml")
    assert document is None
    assert [problem.rule.split(";")[0] for problem in problems] == [rule]


def test_a_yaml_error_without_a_position_still_names_the_file(tmp_path, monkeypatch):
    """PyYAML's loading errors all carry a position today; one that does not (a later PyYAML)
    is still one problem naming the file, not a crash."""

    def fails_without_a_mark(loader):
        raise yaml.YAMLError("a fault with no position")

    monkeypatch.setattr(yamlfile._Loader, "get_single_node", fails_without_a_mark)
    problem = only_problem(tmp_path, "id: fake-a\n")
    assert str(problem) == f"{SHOWN}: is not valid YAML (a fault with no position)"

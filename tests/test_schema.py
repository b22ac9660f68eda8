"""The committed JSON Schemas match the models, and the real data passes them."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import DATA_DIR

from mbct_guide.collection import COLLECTIONS
from mbct_guide.fieldref import FOLDED, LITERAL, blank_template, readme_text
from mbct_guide.schema import schema_text

SCHEMA_DIR = DATA_DIR / "schemas"


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_committed_schema_matches_the_model(collection):
    committed = (SCHEMA_DIR / f"{collection.name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(collection), (
        f"guidance_data/schemas/{collection.name}.schema.json is out of date: "
        "run `python -m mbct_guide schemas` and commit the result"
    )


def _yaml_json_compatible(value):
    """YAML reads dates as dates; JSON Schema (like the open data) sees them as strings."""
    return json.loads(json.dumps(value, default=str))


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_real_data_passes_its_schema(collection):
    schema = json.loads((SCHEMA_DIR / f"{collection.name}.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    target = DATA_DIR / collection.path
    files = sorted(target.glob("*.yml")) if collection.one_per_file else [target]
    for path in files:
        errors = list(validator.iter_errors(_yaml_json_compatible(yaml.safe_load(path.read_text()))))
        assert not errors, f"{path.name}: {errors[0].message}"


@pytest.mark.parametrize("path", sorted(DATA_DIR.rglob("*.yml")), ids=lambda p: p.name)
def test_every_data_file_points_editors_at_its_schema(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first_line.split("$schema=", 1)[1].strip()).resolve()
    assert target.is_file(), f"{path.name} points at a schema that does not exist: {target}"


def test_a_wrong_record_fails_the_schema_too():
    schema = json.loads((SCHEMA_DIR / "actions.schema.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "Not A Slug", "title": "x"}, schema)


def test_field_reference_readme_is_up_to_date():
    committed = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == readme_text(), (
        "guidance_data/README.md is out of date: run `python -m mbct_guide fieldref` and commit it"
    )


def test_the_field_reference_is_as_the_pre_commit_hooks_leave_it():
    """No trailing whitespace and one final newline: otherwise the trailing-whitespace and
    end-of-file hooks rewrite the file and the test above fails (as it once did)."""
    text = readme_text()
    assert [n for n, line in enumerate(text.split("\n"), 1) if line != line.rstrip()] == []
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_every_blank_template_parses_as_yaml_and_names_only_real_fields(collection):
    parsed = yaml.safe_load(blank_template(collection))
    record = parsed if collection.one_per_file else parsed[0]
    assert set(record) <= set(collection.model.model_fields)
    required = {name for name, field in collection.model.model_fields.items() if field.is_required()}
    assert required <= set(record), "the blank shows every required field"


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_blank_templates_say_when_to_use_folded_and_literal_text(collection):
    blank = blank_template(collection)
    assert (": >-\n" in blank) == (FOLDED in blank)
    assert (": |\n" in blank) == (LITERAL in blank)
    assert "plain text" in FOLDED and "joined" in FOLDED and "Markdown" in LITERAL and "kept" in LITERAL

"""JSON Schemas for the data files, exported from the pydantic models.

The committed copies in guidance_data/schemas/ give editors completion and checks in
VS Code and similar (through the yaml-language-server comment at the top of each file);
a test fails if they drift from the models. The build also publishes them under /data/,
with the schema of the self-assessment's answers file (answers_file.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from . import answers_file
from .collection import COLLECTIONS, Collection


def schema_for(collection: Collection) -> dict[str, Any]:
    if collection.one_per_file:
        schema = collection.model.model_json_schema()
        description = f"One {collection.noun}, in guidance_data/{collection.path}/<id>.yml."
    else:
        schema = TypeAdapter(list[collection.model]).json_schema()
        description = f"The list of {collection.noun} records in guidance_data/{collection.path}."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{collection.name}.schema.json",
        "title": collection.noun.capitalize() + ("" if collection.one_per_file else " list"),
        "description": description,
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text(collection: Collection) -> str:
    return json.dumps(schema_for(collection), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for collection in COLLECTIONS:
        path = out_dir / f"{collection.name}.schema.json"
        path.write_text(schema_text(collection), encoding="utf-8")
        written.append(path)
    # Not a data collection: the self-assessment's answers file (answers_file.py).
    path = out_dir / answers_file.SCHEMA_NAME
    path.write_text(answers_file.schema_text(), encoding="utf-8")
    written.append(path)
    return written

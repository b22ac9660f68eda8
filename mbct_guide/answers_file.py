"""The self-assessment's answers file: what "Download answers" saves and "Open answers files"
reads (docs/assets/js/self-assessment-team.js), so colleagues can compare their answers.

A small, versioned JSON format. This model is its definition: `make schemas` writes its JSON
Schema to guidance_data/schemas/answers-file.schema.json, and the build publishes it with the
open data (/data/schemas/answers-file.schema.json). The page hands the script the format's
name, version and limits (``script_data``), so they are written once, here.

A later version of the format gets a new ``version`` number; the site keeps reading the old
ones. Version 1 of the browser's own saved answers ({"version": 1, "answers": {...}, "role",
"saved"}, without ``format``) opens too, as an answers file without a name.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .models import SLUG_PATTERN, AnswerId

FORMAT = "mbct-self-assessment-answers"
VERSION = 1
MAX_BYTES = 1024 * 1024  # larger files are refused before they are read
MAX_NAME = 60
MAX_ANSWERS = 500
# Keys that name parts of every JavaScript object: refused anywhere in a file.
RESERVED_KEYS = ("__proto__", "constructor", "prototype")
SCHEMA_NAME = "answers-file.schema.json"

StatementId = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=2, max_length=80)]


class AnswersFile(BaseModel):
    """One person's self-assessment answers, downloaded from the site to share with colleagues."""

    model_config = ConfigDict(extra="forbid", title="Self-assessment answers file")

    format: Literal["mbct-self-assessment-answers"] = Field(description="Always this text: what the file is")
    version: Literal[1] = Field(description="The version of this format")
    saved: dt.datetime = Field(description="When the answers were downloaded (ISO 8601, UTC)")
    name: str | None = Field(
        None, min_length=1, max_length=MAX_NAME, description="A name or initials, if the person gave one"
    )
    role: StatementId | None = Field(None, description="The role id the action plan was shown for, if one was chosen")
    answers: dict[StatementId, AnswerId] = Field(
        max_length=MAX_ANSWERS,
        description="Statement id to answer. Statements not answered are left out. Statement ids are "
        "those in the open data (assessment.json); an id the site no longer has is kept aside, not dropped.",
    )

    @field_validator("answers")
    @classmethod
    def _no_reserved_keys(cls, answers: dict[str, str]) -> dict[str, str]:
        reserved = [key for key in answers if key in RESERVED_KEYS]
        if reserved:
            raise ValueError(f"'{reserved[0]}' is not a statement id")
        return answers


def schema() -> dict[str, Any]:
    generated = AnswersFile.model_json_schema()
    answers = generated["properties"]["answers"]
    # Every key is a statement id: a slug, and never a name every JavaScript object has.
    answers["propertyNames"] |= {"pattern": SLUG_PATTERN, "not": {"enum": list(RESERVED_KEYS)}}
    answers["additionalProperties"] = False
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_NAME,
        "description": AnswersFile.__doc__,
        **generated,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def script_data() -> dict[str, Any]:
    """The format as self-assessment-team.js needs it."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "maxBytes": MAX_BYTES,
        "maxName": MAX_NAME,
        "maxAnswers": MAX_ANSWERS,
        "reserved": list(RESERVED_KEYS),
        "idPattern": SLUG_PATTERN,
    }

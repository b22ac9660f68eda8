"""Tests for mbct_guide/collection.py: the record types of guidance_data/ and where each lives."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import DATA_DIR

from mbct_guide import models as m
from mbct_guide.collection import COLLECTIONS, COLLECTIONS_BY_NAME, Collection
from mbct_guide.guide import Guide

# Folders in guidance_data/ that hold no records.
NOT_RECORDS = {"schemas"}


@pytest.mark.parametrize(("path", "one_per_file"), [("fakes.yml", False), ("fakes", True), ("nested/fakes.yml", False)])
def test_one_per_file_is_a_folder_and_a_list_is_a_yml_file(path, one_per_file):
    assert Collection("fakes", m.Stage, path, "fake").one_per_file is one_per_file


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_every_collection_s_path_exists_as_the_kind_it_says(collection):
    target = DATA_DIR / collection.path
    if collection.one_per_file:
        assert target.is_dir(), f"guidance_data/{collection.path}/ is not a folder"
        assert any(target.glob("*.yml")), f"guidance_data/{collection.path}/ has no records"
    else:
        assert target.is_file(), f"guidance_data/{collection.path} is not a file"


def test_every_data_file_and_folder_is_some_collection_s():
    """A file or folder that no collection names would never be read or checked."""
    paths = {collection.path for collection in COLLECTIONS}
    present = {p.name for p in DATA_DIR.iterdir() if p.suffix == ".yml" or (p.is_dir() and p.name not in NOT_RECORDS)}
    assert present - paths == set()


def test_names_paths_and_nouns_are_each_used_once():
    for field in ("name", "path", "noun"):
        values = [getattr(collection, field) for collection in COLLECTIONS]
        assert len(values) == len(set(values)), field


def test_by_name_finds_each_collection():
    assert list(COLLECTIONS_BY_NAME) == [c.name for c in COLLECTIONS]
    assert all(COLLECTIONS_BY_NAME[c.name] is c for c in COLLECTIONS)


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_each_key_is_a_field_of_its_model(collection):
    assert collection.key in collection.model.model_fields


def test_every_collection_is_a_field_of_the_guide_and_every_guide_field_a_collection():
    assert {c.name for c in COLLECTIONS} == {f.name for f in dataclasses.fields(Guide)}

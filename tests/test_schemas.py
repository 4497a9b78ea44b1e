"""The JSON Schema files in schemas/ are generated from generator/schema.py and must not go stale;
they describe every field for editors and accept the real data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator import schema
from generator.jsonschema import schema_files, write_schemas

from .conftest import ROOT


def test_committed_schemas_are_up_to_date() -> None:
    stale = write_schemas(ROOT / "schemas", check_only=True)
    assert not stale, f"run `make schemas` and commit: {stale}"


def test_vscode_maps_every_schema_to_its_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = {Path(k).name for k in settings["yaml.schemas"]}
    assert mapped == set(schema_files())


def test_every_field_has_a_description_for_editors() -> None:
    for name, text in schema_files().items():
        document = json.loads(text)
        for model in [document, *document.get("$defs", {}).values()]:
            for field, spec in model.get("properties", {}).items():
                assert spec.get("description") or "$ref" in spec or "anyOf" in spec, f"{name}: {field} has no description"


def test_enumerations_carry_labels_in_both_languages() -> None:
    recs = json.loads(schema_files()["recommendations.schema.json"])
    entry = recs["$defs"]["FollowUpEntry"]["properties"]["assessor"]
    assert entry["enum"] == ["city", "members", "observer"]
    assert entry["markdownEnumDescriptions"][0].startswith("**La Ville** / The City")
    for choices in schema.Choices.registry.values():
        for choice in choices.items.values():
            assert choice.fr and choice.en and choice.description


def test_real_records_match_their_json_schema_enumerations() -> None:
    """A light cross-check of schema and data without a JSON Schema library: every top-level key of
    every real record is a property of its schema (the pydantic model is the full check)."""
    files = {k: json.loads(v) for k, v in schema_files().items()}
    for folder in schema.FOLDER_TYPES:
        props = set(files[f"{folder}.schema.json"]["properties"])
        for path in (ROOT / "data" / folder).glob("*.yml"):
            record = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            assert set(record) <= props, path

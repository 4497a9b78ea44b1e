"""The JSON Schema files in schemas/ are generated from generator/records/schema.py and must not go stale;
they describe every field for editors and accept the real data."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from generator.editor.jsonschema import schema_files, write_schemas
from generator.records import kinds, schema
from generator.records.load import load_text
from generator.records.validate import schema_problems, validation_value

from . import yaml12
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
    assert entry["markdownEnumDescriptions"][0] == (
        "**La Ville** — Le compte rendu de la Ville elle-même (le suivi annuel).\n\n"
        "*The City — The City's own account (the annual follow-up).*")
    for choices in schema.Choices.registry.values():
        for choice in choices.items.values():
            assert choice.fr and choice.en and choice.about.fr and choice.about.en, (choices.name, choice.value)
            assert choice.about.fr != choice.about.en, (choices.name, choice.value)


def _described_models() -> list[type[schema.Record]]:
    found: list[type[schema.Record]] = []
    queue: list[type[schema.Record]] = [*schema.SINGLE_FILES.values(), *kinds.FOLDER_TYPES.values()]
    while queue:
        model = queue.pop()
        if model in found:
            continue
        found.append(model)
        for info in model.model_fields.values():
            queue += [t for t in _types(info.annotation) if isinstance(t, type) and issubclass(t, schema.Record)]
    return found


def _types(annotation: object) -> list[object]:
    import typing

    args = typing.get_args(annotation)
    return [annotation, *(t for a in args for t in _types(a))]


def test_every_field_record_type_and_choice_is_described_in_french_and_in_english() -> None:
    """One description per field, written once in schema.py in both languages: the editor, the field
    reference, the open data and `new` all read it there."""
    models = _described_models()
    assert len(models) > 20
    for model in models:
        assert model.about is not None and model.about.fr and model.about.en, model.__name__
        assert model.about.fr != model.about.en, model.__name__
        for name in model.model_fields:
            words = schema.field_words(model, name)
            assert words is not None and words.fr and words.en, f"{model.__name__}.{name}"
            assert words.fr != words.en, f"{model.__name__}.{name}: the French is the English"
            assert schema.field_description(model, name) == words.en
            assert schema.field_description(model, name, "fr") == words.fr


def test_the_editor_shows_the_french_first_then_the_english() -> None:
    """VS Code shows `markdownDescription` when there is one: the French, then the English; any other
    tool shows `description`, the French alone. No description is left in English only."""
    seen = 0

    def walk(node: object, where: str) -> None:
        nonlocal seen
        if isinstance(node, list):
            for item in node:
                walk(item, where)
            return
        if not isinstance(node, dict):
            return
        assert schema.DESCRIPTION_FR not in node, where
        if isinstance(node.get("description"), str):
            assert "markdownDescription" in node, (where, node["description"])
            french, english = node["markdownDescription"].split("\n\n*", 1)
            assert french == node["description"] and english.endswith("*"), where
            seen += 1
        for key, value in node.items():
            if key != "properties":
                walk(value, f"{where}.{key}")
            else:
                for name, spec in value.items():
                    walk(spec, f"{where}.{name}")

    for name, text in schema_files().items():
        walk(json.loads(text), name)
    recs = json.loads(schema_files()["recommendations.schema.json"])
    assert recs["description"] == schema.Recommendation.about.fr
    assert recs["properties"]["title"]["description"] == schema.field_words(schema.Recommendation, "title").fr
    assert seen > 200


#: Every folder of record files the editor may open: the real data and each fixture dataset.
DATA_FOLDERS = (ROOT / "data", *sorted(p for p in (ROOT / "tests" / "fixtures").glob("*/data") if p.is_dir()))


def editor_schema(path: Path, data_dir: Path) -> dict:
    """The JSON Schema VS Code applies to a record file: .vscode/settings.json's pattern that matches
    its path (a fixture's data/ stands for the real one)."""
    shown = "data/" + path.relative_to(data_dir).as_posix()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    matched = [schema_file for schema_file, pattern in settings["yaml.schemas"].items()
               if fnmatch.fnmatchcase(shown, pattern)]
    assert len(matched) == 1, f"{shown}: {len(matched)} schemas in .vscode/settings.json"
    return json.loads((ROOT / matched[0]).read_text(encoding="utf-8"))


def model_of(path: Path, data_dir: Path) -> type:
    relative = path.relative_to(data_dir)
    if len(relative.parts) == 1:
        return schema.SINGLE_FILES[relative.name]
    return kinds.FOLDER_TYPES[relative.parts[0]]


def editor_errors(text: str, document: dict) -> list[str]:
    """What VS Code's YAML extension flags: the file typed by the YAML 1.2 core schema, checked
    against the JSON Schema (Draft 2020-12, as the files declare, formats included)."""
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = Draft202012Validator(document, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(yaml12.load(text))]


def check_errors(text: str, model: type) -> list[str]:
    """What `check` says of the file's fields (its loader, then the record's model: the part of the
    check a JSON Schema can express; rules across files are `check`'s alone)."""
    doc, problems = load_text(text.encode("utf-8"), "data/record.yml")
    if doc is None:
        return [p.text() for p in problems]
    try:
        model.model_validate(validation_value(doc))
    except ValidationError as error:
        return [p.text() for p in schema_problems(error, doc, model)]
    return []


def record_files() -> list[tuple[Path, Path]]:
    return [(data_dir, path) for data_dir in DATA_FOLDERS for path in sorted(data_dir.rglob("*.yml"))]


def test_every_record_file_is_read_alike_by_the_editor_and_by_check() -> None:
    """Every real and fixture record file, every key at every depth: the JSON Schema the editor
    applies accepts exactly what `check` accepts (a file of tests/fixtures/invalid is not a record)."""
    files = record_files()
    assert len(files) > 100 and any(d == ROOT / "data" for d, _ in files)
    disagreements = []
    for data_dir, path in files:
        text = path.read_text(encoding="utf-8")
        editor = editor_errors(text, editor_schema(path, data_dir))
        checked = check_errors(text, model_of(path, data_dir))
        if bool(editor) != bool(checked) or (editor and data_dir == ROOT / "data"):
            disagreements.append(f"{path.relative_to(ROOT)}: editor {editor or 'accepts'}; check {checked or 'accepts'}")
    assert not disagreements, "\n".join(disagreements)


SOURCE = "sources:\n  - title: Rapport\n    url: https://example.org/r\n    consulted: 2025-01-10\n"
BODY = "id: conseil\nname:\n  fr: Conseil\nsummary:\n  fr: Instance\n"


@pytest.mark.parametrize(("folder", "text", "accepted"), [
    # Scalars the editor types (YAML 1.2) while check reads them as text: one rule for both.
    ("bodies", BODY + "created: 2014\n" + SOURCE, True),                   # a year, unquoted: an integer
    ("bodies", BODY + "created: '2014'\n" + SOURCE, True),
    ("bodies", BODY + "created: 2014-03\n" + SOURCE, True),
    ("bodies", BODY + "created: 14\n" + SOURCE, False),                    # not a year
    ("bodies", BODY + "created: 20144\n" + SOURCE, False),
    ("bodies", BODY + "created: 2014-13\n" + SOURCE, False),
    ("bodies", BODY + "created: 2014-02-30\n" + SOURCE, False),
    ("bodies", BODY + "created: 2014.5\n" + SOURCE, False),
    ("bodies", BODY.replace("fr: Conseil", "fr: 1789") + SOURCE, True),      # a text that looks like a number
    ("bodies", BODY.replace("fr: Conseil", "fr: true") + SOURCE, True),
    ("bodies", BODY.replace("fr: Conseil", "fr: ''") + SOURCE, False),
    ("bodies", BODY.replace("id: conseil", "id: 2024") + SOURCE, False),     # an id is a text: digits are quoted
    ("bodies", BODY.replace("id: conseil", "id: '2024'") + SOURCE, True),
    ("bodies", BODY.replace("id: conseil", "id: true") + SOURCE, False),
    # YAML 1.2 integers and floats however written: one number, for the editor and for check.
    ("bodies", BODY + "created: 0x7E8\n" + SOURCE, True),                  # 2024
    ("bodies", BODY + "created: 0o3752\n" + SOURCE, True),                 # 2024
    ("bodies", BODY + "created: +2014\n" + SOURCE, True),
    ("bodies", BODY + "created: 2014.0\n" + SOURCE, True),
    ("bodies", BODY + "created: 2.014e3\n" + SOURCE, True),
    ("bodies", BODY + "created: 0x7E8F\n" + SOURCE, False),                # 32399: not a year
    ("bodies", BODY + "created: '0x7E8'\n" + SOURCE, False),               # quoted: a text, and not a year
    ("bodies", BODY + "created: 2_014\n" + SOURCE, False),                 # YAML 1.1 only: a text in 1.2
    ("bodies", BODY + "created: 20:14\n" + SOURCE, False),                 # sexagesimal (YAML 1.1): a text
    ("bodies", BODY + "created: .inf\n" + SOURCE, False),
    ("bodies", BODY + "created: true\n" + SOURCE, False),
    ("bodies", BODY.replace("id: conseil", "id: Conseil") + SOURCE, False),
    ("bodies", BODY + SOURCE.replace("consulted: 2025-01-10", "consulted: 2025"), False),  # this date needs the day
    ("bodies", BODY + SOURCE.replace("consulted: 2025-01-10", "consulted: 10/01/2025"), False),
    ("bodies", BODY + SOURCE.replace("consulted: 2025-01-10", "consulted: 2025-04-31"), False),
    ("bodies", BODY + SOURCE.replace("url: https://example.org/r", "url: example.org"), False),
    ("bodies", BODY + "colour: blue\n" + SOURCE, False),                    # not a field
    ("bodies", BODY.replace("name:\n  fr: Conseil\n", "") + SOURCE, False),  # a required field missing
    ("statuses", None, True),                                               # the real file, then altered below
    ("statuses", "final: True", True),                                      # YAML 1.2's spellings of true
    ("statuses", "final: yes", False),                                      # YAML 1.1's yes is text in 1.2
    ("statuses", "order: three", False),
    ("statuses", "order: 5000", False),
    ("statuses", "order: 2.5", False),
    ("statuses", "order: '7'", True),
    ("statuses", "order: 0x10", True),                                      # 16
    ("statuses", "order: 0o20", True),
    ("statuses", "order: 1e1", True),
    ("statuses", "order: 1_0", False),
    ("statuses", "order: 1:20", False),
    ("statuses", "order: '0x10'", False),
    ("statuses", "order: 0x100", False),                                    # 256: out of range
    ("statuses", "order: true", False),
    ("statuses", "final: on", False),
    ("statuses", "not_assessed: true", False),                              # a status id is a text
    ("statuses", "not_assessed: yes", True),                                # text in YAML 1.2 (a status "yes")
    ("statuses", "not_assessed: on", True),
    ("statuses", "not_assessed: 1", False),
])
def test_editor_and_check_agree_on_each_kind_of_scalar(folder: str, text: str | None, accepted: bool) -> None:
    """Deliberately right and wrong files: the editor and `check` say the same, and say it right."""
    if folder == "statuses":
        real = (ROOT / "data" / "statuses.yml").read_text(encoding="utf-8")
        if text is not None:
            key, value = text.split(": ")
            first = re.search(rf"^(\s*){key}: .*$", real, re.M)
            assert first, key
            real = real[:first.start()] + f"{first[1]}{key}: {value}" + real[first.end():]
        text, model, document = real, schema.StatusVocabulary, json.loads(schema_files()["statuses.schema.json"])
    else:
        model = kinds.FOLDER_TYPES[folder]
        document = json.loads(schema_files()[f"{folder}.schema.json"])
    editor, checked = editor_errors(text, document), check_errors(text, model)
    assert (not editor, not checked) == (accepted, accepted), f"editor: {editor}; check: {checked}"


# --------------------------------------------------------------------------- the schema's own messages


@pytest.mark.parametrize("typed", ["{message}", "{value}", "{suggestion} {low}", "{{value}}", "%(value)s 100%"])
def test_braces_an_editor_typed_reach_the_message_as_typed(typed: str) -> None:
    """pydantic fills a message's `{name}` from its context: what an editor wrote is never read as one."""
    with pytest.raises(ValidationError) as caught:
        schema.Link.model_validate({"title": {"fr": "T"}, "url": f"https://example.org/ {typed}"})
    (error,) = caught.value.errors()
    assert error["type"] == "url_format"
    assert error["msg"] == (f"«\u00a0https://example.org/ {typed}\u00a0» n’est pas une adresse web que nous acceptons. "
                            "Écrivez l’adresse complète, qui commence par https://.")
    with pytest.raises(Exception) as raised:
        schema.parse_id(typed)
    assert raised.value.message().startswith(f"«\u00a0{typed}\u00a0» ne peut pas servir d’identifiant.")  # type: ignore[attr-defined]


def test_the_schema_speaks_the_editors_language_and_keeps_its_values() -> None:
    from generator.records.catalogue import speaking_to_editors

    def error(value: object) -> dict:
        with pytest.raises(ValidationError) as caught:
            schema.Meeting.model_validate({"date": value})
        return next(e for e in caught.value.errors() if e["loc"] == ("date",))

    found = error("13/03/2026")
    assert found["msg"] == ("«\u00a013/03/2026\u00a0» n’est pas une date que nous savons lire. Écrivez ANNÉE-MOIS-JOUR "
                            "(2025-07-02), ou ANNÉE-MOIS (2024-10) ou ANNÉE (2024) quand les sources ne donnent pas le jour.")
    assert found["ctx"]["value"] == "13/03/2026"  # what the sheet import reads
    with speaking_to_editors("en"):
        found = error("2026-02-30")
    assert found["msg"] == '"2026-02-30" is not a day that exists. Check the month and the day (YEAR-MONTH-DAY).'
    with pytest.raises(Exception) as raised:
        schema.parse_id("Mesure 7 !")
    assert raised.value.context["suggestion"] == "mesure-7"  # type: ignore[attr-defined]

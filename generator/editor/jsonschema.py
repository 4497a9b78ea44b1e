"""JSON Schema files, generated from `schema.py` (never edited by hand).

`write_schemas(folder)` writes one file per record type into `schemas/`; VS Code's YAML extension
reads them (see .vscode/settings.json) to autocomplete fields and show their descriptions while
an editor types. `check_only=True` writes nothing and returns the names of stale files, so a test
fails when the schema changed and the files were not regenerated.

Descriptions are French first (schema.py writes each in both languages): `description` is the
French alone, plain text, what any JSON Schema tool shows; `markdownDescription`, which VS Code's
YAML extension shows instead when there is one, is the French, then the English in italics, for
contributors who read English (CONTRIBUTING.en.md). The City's editors read French; no one has to
scroll past another language to find theirs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..records import kinds, schema

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def schema_files() -> dict[str, str]:
    """File name -> JSON text, for every record type."""
    models = {**{f"{folder}.schema.json": m for folder, m in kinds.FOLDER_TYPES.items()},
              **{name.replace(".yml", ".schema.json"): m for name, m in schema.SINGLE_FILES.items()}}
    files = {}
    for name, model in sorted(models.items()):
        document = {"$schema": SCHEMA_URI, "$id": f"schemas/{name}", **model.model_json_schema()}
        files[name] = json.dumps(french_first(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files


def french_first(node: Any) -> Any:
    """`node` (a JSON Schema) with every description in both languages (`description`: the English,
    `schema.DESCRIPTION_FR`: the French) as the editor shows it: `description` the French,
    `markdownDescription` the French then the English."""
    if isinstance(node, list):
        return [french_first(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: french_first(value) for key, value in node.items() if key != schema.DESCRIPTION_FR}
    if schema.DESCRIPTION_FR in node:
        french, english = node[schema.DESCRIPTION_FR], node.get("description", "")
        out["description"] = french
        out["markdownDescription"] = f"{french}\n\n*{english}*" if english else french
    return out


def write_schemas(folder: Path, *, check_only: bool = False) -> list[str]:
    """Write the files (or, with check_only, list those that differ). Returns stale names."""
    stale = []
    expected = schema_files()
    for name, text in expected.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check_only:
                folder.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    for extra in sorted(folder.glob("*.schema.json")) if folder.is_dir() else []:
        if extra.name not in expected:
            stale.append(extra.name)
            if not check_only:
                extra.unlink()
    return stale

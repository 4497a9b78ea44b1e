"""Field reference: what editors may write in each record file, read from `schema.py`.

`field_reference()` walks the pydantic models (never a hand-written list), so the contributing
section's field reference page cannot fall behind the schema. Every description is the schema's, in
both languages (`schema.Bilingual`): each page shows its own language's.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, field
from typing import Any

from annotated_types import GroupedMetadata
from pydantic import BaseModel

from . import kinds, schema


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    kind: str  # text, localized, date, flexdate, number, flag, id, url, choice, group, list
    description: schema.Bilingual
    choices: tuple[schema.Choice, ...] = ()
    item: str = ""  # for lists and groups of fields: the model's name
    of: str = ""  # for lists of plain values: their kind
    example: str = ""


@dataclass(frozen=True)
class ModelDoc:
    name: str
    file: str
    description: schema.Bilingual | None
    fields: tuple[FieldDoc, ...] = field(default_factory=tuple)


def _kind(annotation: Any) -> tuple[str, tuple, str]:
    """(kind, choices, nested model name) of a field's annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is getattr(__import__("types"), "UnionType", None):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0])
    if origin is list:
        kind, choices, item = _kind(typing.get_args(annotation)[0])
        return "list", choices, item or f":{kind}"
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        found = _from_metadata(meta)
        return found if found else _kind(base)
    if isinstance(annotation, type) and issubclass(annotation, schema.Localized):

        return "localized", (), ""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group", (), annotation.__name__
    if origin is typing.Literal:
        return "choice", tuple(schema.Choice(v, v, v) for v in typing.get_args(annotation)), ""
    return "text", (), ""


def _from_metadata(meta: list) -> tuple[str, tuple, str] | None:
    # schema.Count and schema.ChoiceOf group a validator and a JSON Schema: look inside them
    meta = [item for m in meta for item in (m if isinstance(m, GroupedMetadata) else [m])]
    for m in meta:
        json_schema = getattr(m, "json_schema", None)
        if isinstance(json_schema, dict) and json_schema.get("x-choices"):
            choices = schema.Choices.registry[json_schema["x-choices"]]
            return "choice", tuple(choices.items.values()), ""
        name = getattr(getattr(m, "func", None), "__name__", "")
        kinds = {"parse_date": "date", "parse_partial_date": "flexdate", "parse_id": "id",
                 "_parse_status_id": "id", "_parse_url": "url", "_parse_base_url": "url", "_parse_bool": "flag",
                 "parse": "number", "_parse_text": "text", "_parse_public_text": "text"}
        if name in kinds:
            return kinds[name], (), ""
    return None


def describe(model: type[BaseModel], file: str) -> ModelDoc:
    fields = []
    for name, info in model.model_fields.items():
        kind, choices, item = _from_metadata(list(info.metadata)) or _kind(info.annotation)
        description = schema.field_words(model, name)
        assert description is not None, f"{model.__name__}.{name} has no description"
        example = str(info.examples[0]) if info.examples else ""
        of = item[1:] if item.startswith(":") else ""
        fields.append(FieldDoc(name, info.is_required(), kind, description, choices,
                               item="" if of else item, of=of, example=example))
    about = model.about if issubclass(model, schema.Record) else None
    return ModelDoc(model.__name__, file, about, tuple(fields))


@functools.cache
def field_reference() -> tuple[ModelDoc, ...]:
    """Every record type, then every group of fields they use, in a stable order. Computed once
    per process: it depends on the code only (the preview renders pages again after each edit)."""
    docs = [describe(m, f"data/{name}") for name, m in schema.SINGLE_FILES.items()]
    docs += [describe(m, f"data/{folder}/<id>.yml") for folder, m in kinds.FOLDER_TYPES.items()]
    seen = {d.name for d in docs} | {"Localized"}
    queue = [f.item for d in docs for f in d.fields if f.item]
    while queue:
        name = queue.pop(0)
        if name in seen or not hasattr(schema, name):
            continue
        seen.add(name)
        doc = describe(getattr(schema, name), "")
        docs.append(doc)
        queue += [f.item for f in doc.fields if f.item]
    return tuple(docs)

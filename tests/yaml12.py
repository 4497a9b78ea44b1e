"""YAML read as an editor reads it: the YAML 1.2 core schema of VS Code's YAML extension.

The extension (yaml-language-server, `yaml.yamlVersion` 1.2 by default) types a plain scalar as the
core schema says, and checks that typed value against the JSON Schema: `2024` is an integer, `true`
a boolean, `null`, `~` or nothing at all a null, `1.5` a number; everything else, `2024-10-05` and
`yes` included, is a string. Quoted and block scalars are always strings. PyYAML's own loaders
follow YAML 1.1 (dates, `yes`/`no`, octal `0755`), so this module gives it the 1.2 core rules.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

_INT_DECIMAL = re.compile(r"^[-+]?[0-9]+$")
_INT_OCTAL = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INFINITY = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")

#: The core schema's tags and the plain scalars they match (YAML 1.2.2, section 10.3.2).
_RESOLVERS = (
    ("tag:yaml.org,2002:null", re.compile(r"^(~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    ("tag:yaml.org,2002:int", re.compile(f"{_INT_DECIMAL.pattern}|{_INT_OCTAL.pattern}|{_INT_HEX.pattern}"),
     list("-+0123456789")),
    ("tag:yaml.org,2002:float", re.compile(f"{_FLOAT.pattern}|{_INFINITY.pattern}|{_NAN.pattern}"),
     list("-+.0123456789")),
)


class CoreLoader(yaml.SafeLoader):
    """A SafeLoader whose implicit types are exactly the YAML 1.2 core schema's."""

    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}


for _tag, _pattern, _first in _RESOLVERS:
    CoreLoader.add_implicit_resolver(_tag, _pattern, _first)


def _int(loader: CoreLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if _INT_OCTAL.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    return int(text, 10)  # "0999" is 999 in YAML 1.2 (no octal without "0o")


def _float(loader: CoreLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node)
    if _INFINITY.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return float(text)


def _bool(loader: CoreLoader, node: yaml.ScalarNode) -> bool:
    return loader.construct_scalar(node).lower() == "true"


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", _bool)


def load(text: str) -> Any:
    """One YAML document, typed as the editor types it."""
    return yaml.load(text, Loader=CoreLoader)  # a SafeLoader

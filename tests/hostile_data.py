"""A hostile copy of the fictional demo dataset: every free-text field of every record type, of
data/site.yml and of every content page carries script payloads, and canaries that must never be
published — in HTML comments, in attributes and script elements the sanitizer removes, in YAML
comments, in hidden files — beside markers that must be published (the positive controls).

Used by tests/test_safety.py (every built page is inert), tests/test_privacy.py (a scan of every
output file) and tests/browser/test_injection.py (Chromium opens every page).

Canaries and markers are lower-case letters and digits (qq…qq), so that they survive intact in the
search index's words as well as in every other file.
"""

from __future__ import annotations

import re
import shutil
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.records import kinds, schema
from generator.records.load import load_file

#: Fields that are free text but whose content is checked for what it is: a status id, a person's
#: name (refused when it holds anything but a name: tests/test_privacy.py), a contact.
NOT_FREE = frozenset({"status", "display_name", "public_contacts"})


def short_payload(n: int) -> str:
    """One line, for titles and names (at most 300 characters with the original text)."""
    return (f" qqseen{n}qq '\"><script>alert({n})</script><img src=x onerror=alert({n})><svg onload=alert({n})></svg>"
            f"&lt;script&gt;alert({n})&lt;/script&gt; {{{{7*7}}}} <!-- qqcmt{n}qq --> ' onmouseover='alert({n})")


def long_payload(n: int) -> str:
    """Markdown, for long texts: the short payload, links with script URLs, attribute lists,
    and text the sanitizer hides (a comment over several lines, an attribute, a script's body)."""
    return (short_payload(n) + "\n\n"
            f"[lien](javascript:alert(\"j{n}\")) [données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) "
            f"<a href=\"javascript:alert('a{n}')\" onclick=\"alert('c{n}')\">a</a> "
            f"<span title=\"qqattr{n}qq\">survol</span> <script>qqscr{n}qq</script>\n\n"
            f"<span style=\"--qqstyle{n}:1;position:fixed;inset:0\">recouvre</span>\n\n"
            f"Paragraphe {{: onclick=\"alert('p{n}')\" }}\n\n"
            f"<!--\nqqcmt{n}bqq\n-->\n\n"
            f"<iframe src=\"javascript:alert('f{n}')\"></iframe><style>body{{display:none}}</style>")


@dataclass
class Planted:
    root: Path
    #: Written in the data and pages, never to be published.
    canaries: list[str] = field(default_factory=list)
    #: Written beside them, to be published (proof that the scan reads every kind of file).
    markers: list[str] = field(default_factory=list)
    #: How many text fields got payloads, per record type (and "page" for content pages).
    fields: dict[str, int] = field(default_factory=dict)


def _is_text(annotation: Any, metadata: Any = ()) -> bool:
    """Whether a field is schema.Text (optional or not; pydantic moves a field's own Annotated
    metadata to FieldInfo.metadata)."""
    if any(getattr(getattr(m, "func", None), "__name__", "") == "_parse_public_text" for m in metadata):
        return True
    for arg in typing.get_args(annotation):
        if _is_text(arg):
            return True
    for meta in getattr(annotation, "__metadata__", ()):
        if getattr(getattr(meta, "func", None), "__name__", "") == "_parse_public_text":
            return True
    return False


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...] or list[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


#: Texts with a length limit (refused beyond it): a payload that fits, in place of the text.
_TIGHT = {"short_name": schema.SHORT_NAME_MAX, "publisher_short": schema.PUBLISHER_SHORT_MAX}


def tight_payload(n: int, limit: int) -> str:
    """The marker and the characters that must be escaped, in `limit` characters."""
    payload = f"qqseen{n}qq'\"<b>&</b>" if limit < 60 else f"qqseen{n}qq'\"<b>&</b><script>alert({n})</script>"
    assert len(payload) <= limit, payload
    return payload


_SHORT = frozenset({"title", "name", "label", "text_title", "organisation", "role", "department", "elected_official",
                    "audit_term", "value", "size", "subjects", "city", "council", "body", "tagline"})


def _plant_localized(value: Any, model: type[BaseModel], planted: Planted, kind: str, short: bool = False) -> Any:
    """As _plant_value, knowing whether a Localized text is a title (one line) or a long text."""
    if not isinstance(value, dict):
        return value
    out = {}
    for key, child in value.items():
        info = model.model_fields.get(key)
        if info is None or key in NOT_FREE:
            out[key] = child
            continue
        nested = _unwrap(info.annotation)
        is_short = key in _SHORT or (short and model is schema.Localized)
        if nested is schema.Localized and isinstance(child, dict) and key in _TIGHT:
            out[key] = {lang: _tight(planted, kind, _TIGHT[key]) for lang in child}
        elif nested is schema.Localized and isinstance(child, dict):
            out[key] = _plant_localized(child, schema.Localized, planted, kind, short=key in _SHORT)
        elif nested is schema.Localized and isinstance(child, list):
            out[key] = [_plant_localized(item, schema.Localized, planted, kind, short=key in _SHORT) for item in child]
        elif isinstance(child, str) and _is_text(info.annotation, info.metadata):
            out[key] = _text(child, planted, kind, is_short)
        elif isinstance(child, list) and nested is None and _is_text(info.annotation, info.metadata):
            out[key] = [_text(item, planted, kind, is_short) if isinstance(item, str) else item for item in child]
        elif isinstance(child, dict) and nested is not None:
            out[key] = _plant_localized(child, nested, planted, kind)
        elif isinstance(child, list) and nested is not None:
            out[key] = [_plant_localized(item, nested, planted, kind) for item in child]
        else:
            out[key] = child
    return out


def _tight(planted: Planted, kind: str, limit: int) -> str:
    n = len(planted.markers) + 1
    planted.markers.append(f"qqseen{n}qq")
    planted.fields[kind] = planted.fields.get(kind, 0) + 1
    return tight_payload(n, limit)


def _text(text: str, planted: Planted, kind: str, short: bool) -> str:
    n = len(planted.markers) + 1
    planted.markers.append(f"qqseen{n}qq")
    planted.canaries.append(f"qqcmt{n}qq")
    planted.fields[kind] = planted.fields.get(kind, 0) + 1
    if short:
        return text + short_payload(n)
    planted.canaries += [f"qqcmt{n}bqq", f"qqattr{n}qq", f"qqscr{n}qq"]
    return text + "\n\n" + long_payload(n)


EXTRA_MEETING = {
    "id": "demo-2099-06-15-pleniere", "type": "plenary", "date": "2099-06-15", "cohorts": ["demo-promotion-3"],
    "title": {"fr": "Plénière prévue (fictive)", "en": "Planned plenary (fictional)"},
    "summary": {"fr": "Une séance prévue, fictive.", "en": "A planned, fictional session."},
    "sources": [{"title": "Page fictive", "url": "https://example.org/exempleville/agenda", "consulted": "2025-06-01"}],
}
#: A renamed recommendation: its old address must lead to the new one (a positive control for redirects).
FORMER_ID = "demo-eau-ancien-nom"


def plant_everywhere(demo: Path, root: Path) -> Planted:
    """Copy the demo dataset (data/ and content/) to `root` and plant payloads and canaries."""
    shutil.copytree(demo / "data", root / "data")
    shutil.copytree(demo / "content", root / "content")
    planted = Planted(root)
    (root / "data" / "meetings" / f"{EXTRA_MEETING['id']}.yml").write_text(
        yaml.safe_dump(EXTRA_MEETING, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for file in sorted((root / "data").rglob("*.yml")):
        relative = file.relative_to(root / "data")
        model = schema.SINGLE_FILES.get(relative.name) if len(relative.parts) == 1 else kinds.FOLDER_TYPES[relative.parts[0]]
        doc, problems = load_file(file, str(relative))
        assert doc is not None, problems
        value = _plant_localized(doc.value, model, planted, model.record_kind)
        if relative.stem == "demo-eau-01":
            value["former_ids"] = [FORMER_ID]
        n = len(planted.canaries) + 1
        planted.canaries.append(f"qqyaml{n}qq")
        text = ("# Fictional demo data, with planted payloads (tests/hostile_data.py).\n"
                + yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)
                + f"# qqyaml{n}qq: a YAML comment, never published\n")
        file.write_text(text, encoding="utf-8")
    for page in sorted((root / "content").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
        meta = yaml.safe_load(front)
        meta = {key: _text(str(value), planted, "page", True) for key, value in meta.items()}
        body = body + "\n\n" + _text("Paragraphe ajouté.", planted, "page", False)
        body += "\n\n## Titre {: onmouseover=\"alert('h')\" }\n\n<div onclick=\"alert('d')\">bloc</div>\n"
        page.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
                        + "---\n" + body, encoding="utf-8")
    # Hidden files are never read: what they hold is never published.
    n = len(planted.canaries) + 1
    planted.canaries += [f"qqhidden{n}qq", f"qqhidden{n + 1}qq"]
    (root / "data" / ".brouillons").mkdir()
    (root / "data" / ".brouillons" / "brouillon.yml").write_text(f"# Fictional.\nnote: qqhidden{n}qq\n", encoding="utf-8")
    (root / "content" / "fr" / ".brouillon.md").write_text(
        f"---\ntitle: Brouillon\ndescription: x\n---\nqqhidden{n + 1}qq\n", encoding="utf-8")
    return planted

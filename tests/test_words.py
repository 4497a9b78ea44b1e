"""The site's words (locales/<lang>.po, generator/site/i18n.py, docs/architecture.md "The site's words"):
every message the code and templates use is in every catalogue, translated (no empty text, nothing
marked fuzzy), a plural message where the code asks for one; no catalogue keeps a message no code
uses; a message's placeholders are the same in every language; the catalogues are as `make words`
writes them."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog

from generator.records.catalogue import catalogue_path
from generator.records.schema import LANGUAGES
from generator.site.i18n import gettext, ngettext
from tools import words


@pytest.fixture(scope="module")
def used() -> Catalog:
    catalog = words.extract()
    assert len(catalog) > 300, "extraction found too few messages: is babel.cfg right?"
    return catalog


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _forms(string: str | tuple[str, ...] | None) -> list[str]:
    return [string or ""] if isinstance(string, str | None) else [form or "" for form in string]


def problems(lang: str, used: Catalog) -> list[str]:
    """What is wrong with the catalogue of `lang`, one line each."""
    catalog = words.read(lang)
    out = []
    for message in used:
        if not message.id:
            continue
        found = catalog.get(_key(message.id))
        where = ", ".join(sorted({path for path, _ in message.locations}))
        if found is None:
            out.append(f"{lang}: {_key(message.id)!r} (used in {where}) is not in {catalogue_path(lang).name}")
        elif isinstance(message.id, tuple) != isinstance(found.id, tuple):
            wanted = "a plural message (msgid_plural)" if isinstance(message.id, tuple) else "a single message"
            out.append(f"{lang}: {_key(message.id)!r} is used as {wanted} in {where}")
    for message in catalog:
        if not message.id:
            continue
        if used.get(_key(message.id)) is None:
            out.append(f"{lang}: {_key(message.id)!r} is used by no code or template (run `make words` to remove it)")
        if message.fuzzy:
            out.append(f"{lang}: {_key(message.id)!r} is marked fuzzy: check its text and remove the flag")
        if not all(_forms(message.string)):
            out.append(f"{lang}: {_key(message.id)!r} is not translated (empty msgstr)")
    return out


def test_every_message_used_is_translated_in_every_catalogue_and_none_is_unused(used: Catalog) -> None:
    found = [line for lang in LANGUAGES for line in problems(lang, used)]
    assert not found, "\n".join(found)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_a_message_has_the_same_placeholders_in_every_language() -> None:
    french = {_key(m.id): m for m in words.read("fr") if m.id}
    for lang in LANGUAGES:
        for message in words.read(lang):
            if not message.id or _key(message.id) not in french:
                continue
            theirs = {name for form in _forms(message.string) for name in _PLACEHOLDER.findall(form)}
            ours = {name for form in _forms(french[_key(message.id)].string) for name in _PLACEHOLDER.findall(form)}
            assert theirs == ours, (lang, message.id, theirs, ours)


def test_the_catalogues_are_as_make_words_writes_them(used: Catalog) -> None:
    for lang in LANGUAGES:
        assert words.updated(lang, used) == catalogue_path(lang).read_bytes(), \
            f"{catalogue_path(lang).name} is not as `make words` writes it: run `make words` and commit the result"


def test_plural_forms_come_from_the_catalogue() -> None:
    """French takes the singular for 0 and 1, English for 1 only (each catalogue's Plural-Forms)."""
    assert words.read("fr").plural_forms == "nplurals=2; plural=(n > 1);"
    assert words.read("en").plural_forms == "nplurals=2; plural=(n != 1);"
    fr = [ngettext("measures_count", "measures_count", n, "fr") for n in (0, 1, 2)]
    en = [ngettext("measures_count", "measures_count", n, "en") for n in (0, 1, 2)]
    assert fr == ["0 mesure saisie ici", "1 mesure saisie ici", "2 mesures saisies ici"]
    assert en == ["0 measures entered here", "1 measure entered here", "2 measures entered here"]
    assert gettext("vote", "fr", council="Conseil de Paris") == "Vote du Conseil de Paris"
    assert gettext("progress_sentence", "fr", progress=40) == "Avancement estimé : 40 %"

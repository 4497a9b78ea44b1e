"""Catalogue: the project's words in French and English, read from its gettext catalogues, and the
language the editors are spoken to in.

Everything the site says and everything the tools say to an editor (`check`, the sheet import, the
preview, `new`) are messages of the same catalogues, `locales/fr.po` and `locales/en.po`
(docs/architecture.md, "The site's words"). A message's id is a key, the same in both catalogues;
its text may hold `%(name)s` placeholders, filled from the values the caller gives. The site's
pages are rendered in each language in turn (generator/site/i18n.py); the messages to editors are
said in one language per run, the editor's: French unless the command is told otherwise
(`--lang en`, or an English locale in the environment: `language_from_environment`).

`_("check_…", name=value)` is an editor message in the editor's language; extraction (`make words`)
finds its id as it finds the site's. Nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

#: The catalogues, one per language: locales/<lang>.po.
LOCALES = Path(__file__).resolve().parents[2] / "locales"

#: The languages editors can be spoken to in, the first one by default.
EDITOR_LANGUAGES = ("fr", "en")


def catalogue_path(lang: str) -> Path:
    return LOCALES / f"{lang}.po"


@cache
def catalogue(lang: str) -> Catalog:
    """The catalogue of `lang`, as Babel reads it."""
    with catalogue_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


@cache
def translations(lang: str) -> Translations:
    """The catalogue of `lang` as gettext translations, compiled in memory (no .mo file is written)."""
    compiled = BytesIO()
    write_mo(compiled, catalogue(lang))
    compiled.seek(0)
    return Translations(compiled)


def N_(message: str) -> str:
    """Marks a message id that code chooses at run time, so that extraction finds it."""
    return message


# --- the editor's language ---------------------------------------------------------------------

#: The language of this process (`set_editor_language`: what the command line was told), which every
#: thread speaks, and a block's own language (`speaking_to_editors`), in the thread that runs it. A new
#: thread starts with no block of its own: it speaks the process's language.
_PROCESS = {"lang": EDITOR_LANGUAGES[0]}
_EDITOR: ContextVar[str | None] = ContextVar("editor_language", default=None)


def editor_language() -> str:
    """The language the tools speak to the editor in (French unless told otherwise)."""
    return _EDITOR.get() or _PROCESS["lang"]


def set_editor_language(lang: str) -> None:
    """Speak `lang` to the editor from now on, in this process and every thread it starts (the
    command line sets it once, before anything else)."""
    _PROCESS["lang"] = _known(lang)
    _EDITOR.set(None)


@contextmanager
def speaking_to_editors(lang: str, *, everywhere: bool = False) -> Iterator[None]:
    """Inside this block the editor messages are in `lang`, in this thread; `everywhere`: in the
    whole process, and the process's language as it was is restored after the block (what a test
    needs, whatever the commands it runs set)."""
    process = _PROCESS["lang"]
    if everywhere:
        _PROCESS["lang"] = _known(lang)
    token = _EDITOR.set(_known(lang))
    try:
        yield
    finally:
        _EDITOR.reset(token)
        _PROCESS["lang"] = process


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The editor's language as the locale says it: English when the first of LC_ALL, LC_MESSAGES,
    LANG (and LANGUAGE's first choice) that is set names English; French otherwise (the editors
    of the City work in French, and a machine with no locale, as CI runners, speaks French too)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(":")[0].strip()
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else "fr"
    return EDITOR_LANGUAGES[0]


def _known(lang: str) -> str:
    if lang not in EDITOR_LANGUAGES:
        raise ValueError(f"unknown editor language {lang!r}: use one of {', '.join(EDITOR_LANGUAGES)}")
    return lang


def _(message: str, /, **values: object) -> str:
    """The editor message `message` in the editor's language, its `%(name)s` placeholders filled
    (a message with placeholders writes a literal percent sign `%%`)."""
    lang = editor_language()
    return _fill(_set(translations(lang).gettext(message), lang), values)


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The form of a plural editor message for `count`; `%(count)s` is the number."""
    lang = editor_language()
    return _fill(_set(translations(lang).ngettext(singular, plural, count), lang), {"count": count, **values})


def typeset(text: str) -> str:
    """`text`, a text of the project's own (a field's description) that a message quotes, set as the
    message is in the editor's language (French typography in French). Never for what an editor wrote."""
    return _set(text, editor_language())


def _fill(text: str, values: Mapping[str, object]) -> str:
    return text % values if values else text


def _set(text: str, lang: str) -> str:
    """French typography on the message's own words (never on the values put into it, which are
    what an editor wrote): a no-break space before : ; ? ! » and after «, and the apostrophe ’. The
    catalogues, like the site's, use ordinary spaces and straight apostrophes."""
    if lang != "fr":
        return text
    text = re.sub(r"(?<=\w)'(?=\w)", "’", text)  # the French apostrophe, not a quotation mark
    return re.sub(r" ([:;?!»])", "\u00a0\\1", text).replace("« ", "«\u00a0")

"""The site's words in French and English, read from their gettext catalogues, and dates written the
way each language writes them.

Record text comes from `data/`; everything the site itself says is a message of the catalogues
`locales/fr.po` and `locales/en.po` (docs/architecture.md, "The site's words": how to add a word,
translate it, and `make words`). A message's id is a key (`cohorts_intro`), the same in both
catalogues; its text may hold `%(name)s` placeholders, filled from the values the caller gives. A
sentence that depends on a number is a plural message (`ngettext`): the catalogue's `Plural-Forms`
chooses the form (French takes the singular for 0 and 1, English for 1 only), and `%(count)s`
is the number.

Python code asks here (`gettext`, `ngettext`); the templates call `_()` and `ngettext()` through
Jinja's i18n extension, installed with these catalogues (`render.py`, `mkdocs_plugin.py`). A code that
picks a message at run time writes its possible ids out with `N_()`, so that extraction finds them.
tests/test_words.py fails on a message missing from a catalogue, untranslated, fuzzy or unused.

Typography (spaces before « : », apostrophes) is not written in the catalogues by hand: `typography.py`
sets every page once, so the messages use ordinary spaces and straight apostrophes, except the words of
the pages' frame (`frame_*`, MkDocs' templates), which no typography pass reaches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import escape

from ..records.catalogue import N_, catalogue, translations
from ..records.schema import VOTE_RESULTS, PartialDate

#: Messages that no page body shows: the words of the pages' frame (MkDocs' templates: header, footer,
#: 404), of the Atom feeds, of the due dates' calendar (echeances-suivi.ics), of the redirect pages, and
#: every message the tools say to editors (generator/records/catalogue.py: check, the command line, the
#: build, the preview, the sheets, `new`), and the reader words the search page maps to statuses and
#: pages (`synonyms_`, theme/templates/pages/search.html). Search (generator/site/search.py) leaves them
#: out of its vocabulary: Pagefind indexes only page bodies.
OUTSIDE_PAGES = ("frame_", "atom_", "ics_", "moved_", "check_", "cli_", "build_", "preview_", "sheet_", "new_",
                 "synonyms_")


def gettext(message: str, lang: str, **values: object) -> str:
    """The message in `lang`, its `%(name)s` placeholders filled from `values` (extra ones are ignored)."""
    return translations(lang).gettext(message) % values


def ngettext(singular: str, plural: str, count: int, lang: str, **values: object) -> str:
    """The form of a plural message for `count`, as the catalogue's Plural-Forms chooses it;
    `%(count)s` is the number."""
    return translations(lang).ngettext(singular, plural, count) % {"count": count, **values}


#: The language of the page being rendered (`speaking`), for the templates' `_()` and `ngettext()`.
_SPEAKING: ContextVar[str] = ContextVar("speaking")


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Templates rendered inside this block speak `lang` (each thread and process has its own)."""
    token = _SPEAKING.set(lang)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def install(environment: Environment, language: Callable[[Context], str] = lambda context: _SPEAKING.get()) -> None:
    """Jinja's i18n extension in `environment`, with these catalogues (newstyle: the templates call
    `_("key", name=value)` and `ngettext("key", "key", n, count=n)`, placeholders filled there).
    `language(context)` is the language of the template being rendered, by default the one set by
    `speaking`. Where the template escapes, a message is escaped like any text (the catalogues hold
    text, never HTML; a link or markup comes in as a Markup value).

    The callables do what Jinja's newstyle wrappers of plain gettext functions do (the message,
    escaped where the template escapes, then always used as a format string: "%%" is one "%"), in
    one call rather than three, each message looked up and escaped once: a page calls `_()` some
    fifty times, and Jinja's wrappers took a tenth of the rendering's time."""
    @cache
    def message(lang: str, key: str, escaped: bool) -> str:
        text = translations(lang).gettext(key)
        return escape(text) if escaped else text

    @pass_context
    def gettext(context: Context, key: str, /, **values: object) -> str:
        text = message(language(context), key, context.eval_ctx.autoescape)
        # A format string even without values ("%%" is one "%"); without "%", formatting changes nothing.
        return text % values if values or "%" in text else text

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int, /, **values: object) -> str:
        values.setdefault("num", count)
        text = translations(language(context)).ngettext(singular, plural, count)
        return (escape(text) if context.eval_ctx.autoescape else text) % values

    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    # In place of Jinja's wrappers around them (and of `_`'s alias, which looks `gettext` up at each call).
    environment.globals.update(gettext=gettext, ngettext=ngettext, _=gettext)
    environment.globals["N_"] = N_


def page_words(lang: str) -> list[str]:
    """Every form of every message a page body may show, in `lang` (placeholders left in)."""
    out: list[str] = []
    for message in catalogue(lang):
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        if key and not key.startswith(OUTSIDE_PAGES):
            out += [message.string] if isinstance(message.string, str) else list(message.string or ())
    return out


MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}

#: Vote results agree with the text voted: « délibération adoptée », « vœu adopté ».
FEMININE_RESULTS = {"adopted": "Adoptée", "rejected": "Rejetée"}
#: Output kinds (schema.OUTPUT_KINDS) that are feminine nouns in French.
FEMININE_OUTPUTS = frozenset({"deliberation"})

#: Months whose French name starts with a vowel take « d' » rather than « de ».
_VOWEL_MONTHS = frozenset({4, 8, 10})


def vote_result(result: str, output: str, lang: str) -> str:
    """« Adopté » for a vœu, « Adoptée » for a délibération; English has one form."""
    if lang == "fr" and output in FEMININE_OUTPUTS and result in FEMININE_RESULTS:
        return FEMININE_RESULTS[result]
    return VOTE_RESULTS.label(result, lang)


def format_on(value: date | PartialDate | None, lang: str) -> str:
    """A date with its preposition: 'le 2 juillet 2025', 'en juillet 2024' / 'on 2 July 2025', 'in July 2024'."""
    if value is None:
        return gettext("unknown", lang)
    precise = isinstance(value, date) or value.day is not None
    if lang == "fr":
        return ("le " if precise else "en ") + format_date(value, lang)
    return ("on " if precise else "in ") + format_date(value, lang)


def partial(value: date | PartialDate) -> PartialDate:
    """`value` as a PartialDate (a date becomes one known to the day)."""
    return PartialDate(value.year, value.month, value.day) if isinstance(value, date) else value


_partial = partial


def format_of(value: date | PartialDate | None, lang: str) -> str:
    """A date after « de »: « du 27 novembre 2021 », « de mars 2024 », « d'octobre 2024 », « de 2021 »
    / '27 November 2021', 'March 2024' (English writes 'dated March 2024', 'from …' is `format_from`)."""
    if value is None:
        return gettext("unknown", lang)
    part = _partial(value)
    if lang != "fr":
        return format_date(part, lang)
    if part.day is not None:
        return "du " + format_date(part, lang)
    if part.month is not None and part.month in _VOWEL_MONTHS:
        return "d'" + format_date(part, lang)
    return "de " + format_date(part, lang)


def format_from(value: date | PartialDate | None, lang: str) -> str:
    """The start of a period: « du 27 novembre 2021 », « d'octobre 2024 » / 'from 27 November 2021'."""
    if lang == "fr" or value is None:
        return format_of(value, lang)
    return "from " + format_date(_partial(value), lang)


def format_to(value: date | PartialDate | None, lang: str) -> str:
    """The end of a period: « au 2 juillet 2025 », « à mars 2023 », « à 2023 » / 'to 2 July 2025'."""
    if value is None:
        return gettext("unknown", lang)
    part = _partial(value)
    if lang != "fr":
        return "to " + format_date(part, lang)
    return ("au " if part.day is not None else "à ") + format_date(part, lang)


def format_since(value: date | PartialDate | None, lang: str) -> str:
    """After « depuis » / 'since': « le 2 juillet 2025 », « juillet 2024 » / '2 July 2025'."""
    if value is None:
        return gettext("unknown", lang)
    part = _partial(value)
    if lang == "fr" and part.day is not None:
        return "le " + format_date(part, lang)
    return format_date(part, lang)


def format_date(value: date | PartialDate | None, lang: str) -> str:
    """'2 juillet 2025' / '2 July 2025'; 'octobre 2024' / 'October 2024'; '2024'."""
    if value is None:
        return gettext("unknown", lang)
    if isinstance(value, date):
        value = PartialDate(value.year, value.month, value.day)
    if value.month is None:
        return str(value.year)
    month = MONTHS[lang][value.month - 1]
    if value.day is None:
        return f"{month} {value.year}"
    if lang == "fr":
        return f"{'1er' if value.day == 1 else value.day} {month} {value.year}"
    return f"{value.day} {month} {value.year}"

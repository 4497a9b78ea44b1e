"""Search: what the site gives Pagefind beyond its pages, so that it finds what people type.

Pagefind (1.5) already matches across accents ("hebergement" finds "hébergement"), splits words
joined by ASCII punctuation (d'eau, sans-abrisme) and ranks title matches first. What it cannot do:

- French elisions written with the typographic apostrophe: "d’hébergement" is indexed as one word,
  "dhebergement", so "hébergement" missed it. `elided_words(body)` lists the words that follow such
  an apostrophe on a page; the theme indexes them as the page's `variants` metadata (searched, not
  shown). The query is read the same way where it is typed (assets/javascripts/search.js): an
  elided article or pronoun dropped with either apostrophe ("l'hébergement"), a ligature tried
  written out and as one ("voeu", "vœu"), a number also in groups ("3000" as "3 000").
- Words it does not know: Pagefind has no fuzzy matching, and falls back on the longest indexed
  word that the typed one starts with ("abandonnée" found the pages with « à », "cannicule" those
  with « C »). search.js keeps a result only when the words Pagefind matched in it are the typed
  ones; otherwise it tries the nearest words of `vocabulary.json` (one per language,
  `search_files`: the words of the site's titles and labels, with how often they occur; a
  misspelling, "homlessness"), or says that nothing was found, which word no page has, and offers
  the same search on the other language's site. Its « voir aussi » maps a reader's words to the
  statuses and pages they mean (search.html: each status's label and the catalogues' `synonyms_`
  messages, left out of the vocabulary).
- Ranking: a record's id is indexed as one word (`search_id`), so that its words ("logements" in a
  hearing's id) do not outrank the pages about them; the templates weigh a measure's own words
  first, then its topic's, then hearings and meetings (data-pagefind-weight).

Nothing here reads or writes files; `search_files` returns them for the build to write.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from ..records import schema
from ..records.kinds import KINDS
from ..records.schema import LANGUAGES
from .i18n import page_words

#: Apostrophes that elide a French article or pronoun before a vowel ("l’eau", "qu’il"). The ASCII
#: one is left to Pagefind, which splits words on it.
APOSTROPHES = ("\u2019", "\u02bc")
_WORD = re.compile(r"\w+")


def elided_words(text: str) -> list[str]:
    """The words that follow an elision (a letter, a typographic apostrophe, a word), lower-cased,
    once each, in order: "places d’hébergement" -> ["hébergement"]. A split rather than one regular
    expression: this runs on every page's body, and a split is ten times faster."""
    found: dict[str, None] = {}
    for mark in APOSTROPHES:
        if mark not in text:
            continue
        pieces = text.split(mark)
        for before, after in zip(pieces, pieces[1:], strict=False):
            if not before[-1:].isalpha():
                continue  # a closing quote, or an apostrophe after a space or a tag
            word = _WORD.match(after)
            if word and len(word[0]) > 2 and not word[0].isdigit():
                found[word[0].lower()] = None
    return list(found)


_SEPARATORS = re.compile(r"[\W_]+")


def search_id(record_id: str) -> str:
    """A record's id as the search index holds it in the page's `id` metadata: its letters and
    digits as one word ("ac2-sans-abrisme-03" -> "ac2sansabrisme03"). Pagefind reads a query
    typed with hyphens as that one word (it drops punctuation), so the id still finds its page,
    with the id's weight (search.js), and so does its beginning ("ac2-sans"); but the words the id
    is made of ("sans", "abrisme") do not: a hearing whose id names its topic must not outrank
    the topic's page."""
    return _SEPARATORS.sub("", record_id)


_LETTERS = re.compile(r"[^\W\d_]{4,}")


def vocabulary(texts: Iterable[str]) -> dict[str, int]:
    """Word -> how many times the texts use it, lower-cased. Words of 4 letters or more: shorter
    ones are rarely misspelt, and too close to one another to correct. One pass of one regular
    expression over all the texts at once (the quickest way in Python at 10,000 records)."""
    return dict(sorted(Counter(_LETTERS.findall("\n".join(texts).lower())).items()))


def _texts(model, lang: str) -> list[str]:
    """The words people search for and may misspell: the titles and names of the site, in `lang`
    (French where the English is missing), its labels and the short summaries of cohorts, topics
    and bodies. Not the long texts: reading them all costs seconds at 10,000 records, and a word
    Pagefind finds on a page is never corrected anyway (search.js)."""
    def t(value) -> str:
        return schema.text_in(value, lang)

    out = [t(model.site.name), t(model.site.tagline), t(model.site.city), t(model.site.council)]
    out += [t(s.label) for s in model.statuses]
    # Each record type's fields that records/kinds.py names (`search_words`), record by record.
    for kind in KINDS:
        if not kind.search_words:
            continue
        for item in model.by_id[kind.folder].values():
            record = getattr(item, "record", item)
            for name in kind.search_words:
                items, _, field = name.rpartition(".")
                values = getattr(record, items) if items else [record]
                out += [t(getattr(value, field)) for value in values]
    return out


def search_files(model, pages: Iterable = ()) -> dict[str, bytes]:
    """The vocabulary of each language, beside its search page: recherche/vocabulary.json (French)
    and en/recherche/vocabulary.json. `pages`: the hand-written pages, whose titles count too, as
    do the site's own words (generator/site/i18n.py)."""
    pages = list(pages)
    files = {}
    for lang in LANGUAGES:
        texts = list(_texts(model, lang))
        texts += [str(p.meta.get("title", "")) for p in pages if p.lang == lang]
        texts += page_words(lang)
        prefix = schema.language_folder(lang)
        data = json.dumps(vocabulary(texts), ensure_ascii=False, separators=(",", ":"))
        files[f"{prefix}recherche/vocabulary.json"] = (data + "\n").encode("utf-8")
    return files

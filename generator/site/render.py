"""Render: site model -> pages, in French and English. No I/O but reading templates.

`render_site(model, content)` returns `Page`s: a path under the docs folder (`fr/…` or `en/…`)
and the Markdown file's text — YAML front matter (title, description, search metadata read by the
theme) followed by an HTML body produced by the templates in `theme/templates/`. MkDocs and
Material turn these into the final pages; nothing here depends on them.

URLs come from ids, never from titles: `recommandations/<id>/` in both languages, `/en/` before it
in English. Links between pages are relative, so the site works under any base path.

Over 400 lines: the renderer, the helpers every template calls and the list of every page;
splitting them would separate what templates call from where it is defined.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .. import processes
from ..records import kinds, legal, schema
from ..records.cache import TextStore
from ..records.html_tokens import END, START, TEXT, tokens
from ..records.markup import render_inline, render_markdown
from ..records.reference import field_reference
from ..records.schema import LANGUAGES, Localized
from . import i18n, typography
from .calendar import SUMMARIES
from .charts import SERIES, shapes, share_bar, status_bar
from .i18n import N_
from .model import Cohort, SiteModel
from .search import elided_words, search_id

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"

#: The site's sections that are no record type: (URL folder, title of its index page), by section.
PAGE_SECTIONS = {
    "statuses": ("statuts", N_("statuses")),
    "follow_up": ("suivi", N_("follow_up_title")),
    "contribute": ("contribuer", N_("contribute")),
    "data": ("donnees", N_("data_title")),
    "search": ("recherche", N_("search_title")),
}

#: URL folder of each section: each record type's (records/kinds.py), then the other pages' (the
#: same in both languages, so the switcher stays on the page).
SECTIONS = {**{kind.folder: kind.url for kind in kinds.KINDS},
            **{section: url for section, (url, _title) in PAGE_SECTIONS.items()}}


#: The explorer's follow-up filter: a measure's calendar summary (calendar.SUMMARIES) in words.
FOLLOW_UP_FILTERS = {"awaited": N_("filter_followup_awaited"), "document": N_("filter_followup_document"),
                     "answered": N_("filter_followup_answered"), "not_yet": N_("filter_followup_not_yet"),
                     "ended": N_("filter_followup_ended"), "none": N_("filter_followup_none")}
#: The explorer's deadline filter (h.deadline_state).
DEADLINE_FILTERS = {"passed": N_("filter_deadline_passed"), "upcoming": N_("filter_deadline_upcoming"),
                    "closed": N_("filter_deadline_closed"), "none": N_("filter_deadline_none")}

#: The list of what is awaited: `suivi/attendus/`, beside each cohort's `suivi/<id>/` (a cohort cannot
#: take this id: validate refuses it).
AWAITED = schema.AWAITED_PAGE

#: The name of each search filter (the pages' front matter `search`), in the page's language.
FILTERS = {"type": N_("filter_type"), "cohort": N_("filter_cohort"), "topic": N_("filter_topic"),
           "status": N_("filter_status"), "workshop": N_("filter_workshop")}

#: The data files (donnees/, generator/publish/exports/) as the data page names them: (title, description);
#: a file missing here is shown with datapackage.json's English title and description.
DATASETS = {
    "statuses": (N_("dataset_statuses"), N_("dataset_statuses_about")),
    "cohorts": (N_("dataset_cohorts"), N_("dataset_cohorts_about")),
    "topics": (N_("dataset_topics"), N_("dataset_topics_about")),
    "recommendations": (N_("dataset_recommendations"), N_("dataset_recommendations_about")),
    "follow_up_entries": (N_("dataset_follow_up_entries"), N_("dataset_follow_up_entries_about")),
    "follow_up_due_dates": (N_("dataset_follow_up_due_dates"), N_("dataset_follow_up_due_dates_about")),
    "hearings": (N_("dataset_hearings"), N_("dataset_hearings_about")),
    "meetings": (N_("dataset_meetings"), N_("dataset_meetings_about")),
    "bodies": (N_("dataset_bodies"), N_("dataset_bodies_about")),
    "body_figures": (N_("dataset_body_figures"), N_("dataset_body_figures_about")),
    "member_counts": (N_("dataset_member_counts"), N_("dataset_member_counts_about")),
    # The table of a record type declared with one (records/kinds.py: `Kind.table`): its title and intro.
    **{kind.folder: (kind.title, kind.intro) for kind in kinds.KINDS if kind.table is not None},
}

#: Hand-written pages whose required items come from data/site.yml (`legal`): their template prints
#: those items, then the page's own text.
LEGAL_TEMPLATES = {
    "mentions-legales": "pages/legal_notice.html",
    "donnees-personnelles": "pages/personal_data.html",
    "accessibilite": "pages/accessibility.html",
}


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "fr/recommandations/ac2-sans-abrisme-03/index.md"
    text: str


@dataclass(frozen=True)
class ContentPage:
    """A hand-written page of content/<lang>/: front matter and Markdown body."""

    name: str  # file stem, e.g. "comment-ca-marche"
    lang: str
    meta: Mapping[str, Any]
    body: str


#: URL folders whose pages are each one record's own page (the id is the next folder).
RECORD_FOLDERS = frozenset(kind.url for kind in kinds.KINDS if kind.own_pages)


def page_url(section: str, record_id: str | None = None) -> str:
    """The URL path of a page, relative to the language root: 'recommandations/x/'."""
    folder = SECTIONS.get(section, section)
    return f"{folder}/{record_id}/" if record_id else f"{folder}/"


def relative_url(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the language root)."""
    start = posixpath.join("/", from_url)
    target = posixpath.join("/", to_url)
    rel = posixpath.relpath(target, start if start.endswith("/") else posixpath.dirname(start))
    if rel == ".":
        return "./"
    return rel + "/" if to_url.endswith("/") and not rel.endswith("/") else rel


class Renderer:
    """Holds the Jinja environment and renders one language at a time."""

    @staticmethod
    def label_of(choices: str, value: str, lang: str) -> str:
        return schema.Choices.registry[choices].label(value, lang)

    def __init__(self, model: SiteModel, *, fictional: bool = False, files: Mapping[str, bytes] | None = None,
                 datapackage: Mapping[str, Any] | None = None,
                 environment: Environment | None = None, wanted: Callable[[str, str], bool] | None = None,
                 rendered: Callable[[Page], None] | None = None, kept: TextStore | None = None) -> None:
        """`environment`: the templates, as `environment()` makes them; give the same one again to
        keep them compiled from one rendering to the next (the preview does; Jinja compiles a
        template again when its file changed). `wanted(lang, url)`: which pages to render, or None
        for all; any other is an empty Page of its path, made without computing what the page would
        show (the preview renders some pages first). `rendered(page)`: called with each page as
        soon as it is rendered (the preview serves them one by one). `kept`: the pages an earlier
        build rendered, under keys that name all they were made from (`versioned`), used again
        where the key is the same; the others are rendered and kept (generator/engine/layouts.py)."""
        self.model = model
        self.fictional = fictional
        self.files = files or {}
        self.datapackage = datapackage or {"resources": []}
        self.wanted = wanted
        self.rendered = rendered
        self.kept = kept
        self.env = environment or make_environment()

    def versioned(self, lang: str, url: str, version: str, make: Callable[[], Page]) -> Page:
        """The page at `url`, whose content is all named by `version` (with what every page of
        `kept` shares: SiteModel.version_of), from `kept` when an earlier build rendered it, else
        rendered by `make()` and kept."""
        if self.kept is None or (self.wanted is not None and not self.wanted(lang, url)):
            return make()
        key = self.kept.key(lang, url, version)
        text = self.kept.get(key)
        if text is None:
            page = make()
            self.kept.put(key, page.text)
            return page
        page = Page(f"{lang}/{url}index.md", text)
        if self.rendered is not None:
            self.rendered(page)
        return page

    def page(self, lang: str, url: str, template: str, title: str, description: str,
             search: Mapping[str, str] | None = None, *, staff: bool = False, noindex: bool = False,
             date: Any = None, wide: bool = False, title_lang: str | None = None, crumb: str | None = None,
             **context: Any) -> Page:
        if self.wanted is not None and not self.wanted(lang, url):
            return _empty(lang, url)
        helpers = _Helpers(lang, url, self.model, self.files, self.datapackage)
        with i18n.speaking(lang):
            body = self.env.get_template(template).render(
                lang=lang, model=self.model, site=self.model.site, h=helpers,
                title=title, fictional=self.fictional, **context,
            )
        # Typography is applied here, once, to everything the page says (generated and hand-written).
        body = typography.html(body, lang)
        meta: dict[str, Any] = {"title": meta_text(typography.text(title, title_lang or lang)),
                                "description": meta_text(typography.text(description, lang))}
        if search:
            # Filter names are shown by the search page: in the page's language.
            meta["search"] = {i18n.gettext(FILTERS[key], lang): meta_text(value) for key, value in search.items()}
        if self.fictional:
            meta["fictional"] = True
        if staff:
            meta["staff"] = True
        if noindex:
            meta["noindex"] = True
        if date is not None:
            meta["date"] = date.isoformat()
        if title_lang:
            meta["title_lang"] = title_lang  # the title is shown untranslated (theme: lang on the header title)
        if wide:
            meta["hide"] = ["navigation", "toc"]  # Material: give wide tables the whole width
        if url:
            # The theme's breadcrumb (main.html): from the home page to this one. Raw text: the theme escapes it.
            # `crumb`: the page's own item when its title mixes languages (a French name in an English title).
            meta["breadcrumb"] = breadcrumb(helpers, url, crumb or title, None if crumb else title_lang, context)
        if not (staff or noindex):
            # Column headings are not what people search for, and Pagefind runs header cells together
            # ("DateTitrePromotion") in its excerpts: they stay out of the index.
            body = body.replace("<thead>", "<thead data-pagefind-ignore>")
            # Search (generator/site/search.py): words Pagefind cannot see after a typographic apostrophe,
            # and a record's id, which ranks its own page first when someone searches for it.
            variants = elided_words(body)
            if variants:
                meta["search_variants"] = " ".join(variants)
            in_title = elided_words(title)
            if in_title:
                meta["search_title_variants"] = " ".join(in_title)  # ranked as the title is
            folder, _, rest = url.partition("/")
            if folder in RECORD_FOLDERS and rest.count("/") == 1:
                # Written as one word ("demo-2023-11-logements-vacants" -> "demo202311logementsvacants"),
                # as Pagefind reads an id typed with its hyphens: the id's own words ("logements")
                # must not rank a hearing first, with the id's weight, for what its topic is called.
                meta["record_id"] = search_id(rest.rstrip("/"))
            if folder == SECTIONS["members"] and rest:
                # A member list repeats its cohort's name beside every name: it must not outrank
                # the cohort's own page when someone searches for the cohort.
                meta["search_weight"] = 0.5
        # JSON is valid YAML, and much cheaper to write than yaml.safe_dump.
        front = json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n"
        # One raw HTML block: Markdown leaves it alone (no blank line at its top level).
        body_html = "\n".join(line for line in body.splitlines() if line.strip())
        page = Page(f"{lang}/{url}index.md", f"---\n{front}---\n\n{body_html}\n")
        if self.rendered is not None:
            self.rendered(page)
        return page


def make_environment() -> Environment:
    """The pages' templates (theme/templates/), with the site's words installed: `_()` and
    `ngettext()` in the language `Renderer.page` renders (generator/site/i18n.py)."""
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    i18n.install(environment)
    return environment


class _Helpers:
    """What templates call: text in the page's language, links, dates, labels."""

    def __init__(self, lang: str, url: str, model: SiteModel, files: Mapping[str, bytes] | None = None,
                 datapackage: Mapping[str, Any] | None = None) -> None:
        self.lang = lang
        self.url = url
        self.model = model
        self.files = files or {}
        self._datapackage = datapackage or {"resources": []}

    # words, for the code (the templates have `_()` and `ngettext()`: generator/site/i18n.py)
    def gettext(self, message: str, **values: Any) -> str:
        site = self.model.site
        return i18n.gettext(message, self.lang, city=self.plain(site.city), council=self.plain(site.council), **values)

    def ngettext(self, singular: str, plural: str, count: int, **values: Any) -> str:
        return i18n.ngettext(singular, plural, count, self.lang, **values)

    def t(self, value: Localized | None) -> Markup:
        """A short localized text; French marked lang="fr" where the English is missing."""
        if value is None:
            return Markup("")
        own = value.get(self.lang)
        if own is not None:
            return escape(own)
        return self._fallback(escape(value.fr), inline=True)

    def plain(self, value: Localized | None) -> str:
        return schema.text_in(value, self.lang)

    def md(self, value: Localized | None) -> Markup:
        """A long localized text in Markdown, sanitized."""
        if value is None:
            return Markup("")
        own = value.get(self.lang)
        if own is not None:
            return french_links(render_markdown(own), self.lang)
        return self._fallback(render_markdown(value.fr), inline=False)

    def md_inline(self, value: Localized | None) -> Markup:
        if value is None:
            return Markup("")
        own = value.get(self.lang)
        if own is not None:
            return french_links(render_inline(own), self.lang)
        return self._fallback(render_inline(value.fr), inline=True)

    def _fallback(self, html: Markup, *, inline: bool) -> Markup:
        note = escape(self.gettext("not_translated"))
        if inline:
            return Markup(f'<span lang="fr">{html}</span> <small class="dds-untranslated">({note})</small>')
        return Markup(
            f'<div class="dds-untranslated-block"><p class="dds-untranslated">{note}</p>'
            f'<div lang="fr">{html}</div></div>'
        )

    def label(self, choices: str, value: str | None) -> str:
        return schema.Choices.registry[choices].label(value, self.lang)

    def date(self, value: Any) -> str:
        return i18n.format_date(value, self.lang)

    def on(self, value: Any) -> str:
        return i18n.format_on(value, self.lang)

    def of(self, value: Any) -> str:
        """A date after « de »: « du 2 juillet 2025 », « d'octobre 2024 »."""
        return i18n.format_of(value, self.lang)

    def dated(self, doc: Any) -> str:
        """A follow-up document's date after « daté » / 'dated': « de mars 2024 », and where it comes
        from when it is read only from the file name (« de mars 2024 d'après le nom de son fichier »)."""
        if doc.date_from_file_name:
            return self.gettext("date_from_file_name", date_of=self.of(doc.date))
        return self.of(doc.date)

    def since(self, value: Any) -> str:
        """A date after « depuis » / 'since': « le 16 mars 2025 », « juillet 2025 »."""
        return i18n.format_since(value, self.lang)

    def due_sort(self, state: Any) -> str:
        """The sort key of a follow-up cell: what is awaited first (oldest first), then a published
        document not entered, then the next due date, then the rest."""
        cal = state.calendar
        if cal.awaited:
            return "0-" + cal.awaited_since.start.isoformat()
        if cal.published:
            return "1-" + cal.published[0].on.start.isoformat()
        if cal.next:
            return "2-" + cal.next.on.start.isoformat()
        return "3-ended" if cal.ended_by else "4-none"

    @staticmethod
    def awaited_groups(recs: Iterable[Any]) -> list[tuple[Any, list[tuple[Any, list[Any]]], int]]:
        """The measures of `recs` with a passed due date that has nothing recorded here or a passed
        announced completion date, as (cohort, [(topic, measures)], count), the oldest first at
        every level (a measure by the oldest of those dates, a group by its oldest measure)."""
        def oldest(rec: Any) -> date:
            st = rec.state
            found = [d for d in (st.awaited_since.start if st.awaited_since else None,
                                 st.deadline.end if st.deadline_passed and st.deadline else None) if d]
            return min(found)

        late = sorted((r for r in recs if r.state.calendar.awaited or r.state.deadline_passed),
                      key=lambda r: (oldest(r), r.cohort.record.number, r.id))
        cohorts: dict[Any, dict[Any, list[Any]]] = {}
        for rec in late:  # oldest first: dicts keep the order in which groups first appear
            cohorts.setdefault(rec.cohort, {}).setdefault(rec.topic, []).append(rec)
        return [(cohort, list(topics.items()), sum(len(v) for v in topics.values())) for cohort, topics in cohorts.items()]

    @staticmethod
    def views(state: Any) -> list[Any]:
        """The latest entry of each assessor, the City's first, when they differ in status or progress;
        empty when one assessor spoke or all say the same."""
        if len({(v.status, v.progress) for v in state.verdicts}) < 2:
            return []
        return sorted(state.verdicts, key=lambda v: (v.assessor != "city", v.date, v.assessor))

    @staticmethod
    def position(entries: Sequence[Any], entry: Any) -> int:
        """The position (from 1, as the pages' `#entry-N` anchors) of `entry` in `entries`."""
        return next(i for i, e in enumerate(entries, 1) if e is entry)

    def calendar_tally(self, recs: Iterable[Any]) -> list[tuple[str, int]]:
        """(calendar summary, count) of `recs`, in the order of calendar.SUMMARIES, none with 0;
        empty when no measure has a due date at all."""
        counts = Counter(rec.state.calendar.summary for rec in recs)
        if not counts or set(counts) == {"none"}:
            return []
        return [(state, counts[state]) for state in SUMMARIES if counts[state]]

    def period(self, start: Any, end: Any) -> str:
        if end is not None and end == start:
            return self.date(start)
        if end is None:
            return self.gettext("since", start_since=i18n.format_since(start, self.lang))
        start_from = i18n.format_from(start, self.lang)
        first, last = i18n.partial(start), i18n.partial(end)
        if (first.year == last.year and first.month is not None and last.month is not None
                and (first.day is None) == (last.day is None)):
            # The year once, after the end: « d'octobre à décembre 2024 », « du 2 au 5 juillet 2025 »
            # / 'from October to December 2024' (not « d'octobre 2024 à décembre 2024 »).
            same_month = first.day is not None and first.month == last.month
            repeated = " " + (i18n.format_date(schema.PartialDate(first.year, first.month), self.lang) if same_month else str(first.year))
            if start_from.endswith(repeated):
                start_from = start_from[: -len(repeated)]
        return self.gettext("from_to", start_from=start_from, end_to=i18n.format_to(end, self.lang))

    def vote_result(self, vote: Any, output: str) -> str:
        """The vote's result, agreeing with the text voted (« délibération adoptée »)."""
        return i18n.vote_result(vote.result, output, self.lang)

    def vote_line(self, topic: Any, *, lower: bool = False) -> str:
        """« Adopté le 16 mars 2023 », « Adoptée en juillet 2024 », « En attente du vote (juillet 2025) »;
        `lower`: the result in lower case, to follow a comma or a dash (the date keeps its capitals)."""
        vote = topic.vote
        if vote is None:
            return self.gettext("unknown")
        result = self.vote_result(vote, topic.output)
        if lower:
            result = result[:1].lower() + result[1:]
        if vote.result == "pending":
            return f"{result} ({self.date(vote.date)})"
        return f"{result} {self.on(vote.date)}"

    def typo(self, value: str) -> str:
        """Text set in the page's language, for the few attributes that scripts show as text (a
        message of the templates' `_()` comes escaped: set as text, escaped again when printed)."""
        return typography.text(value.unescape() if isinstance(value, Markup) else value, self.lang)

    def link_to(self, title: Localized | str, url: str) -> Markup:
        """A link whose text is a localized title (French marked where the English is missing)."""
        label = self.t(title) if isinstance(title, Localized) else escape(title)
        return Markup(f'<a href="{escape(url)}">{label}</a>')

    def title_lang(self, title: str) -> str:
        """` lang="fr"` for a source's title that looks French on an English page (a title is quoted
        as it appears, in its own language, which records do not state), else nothing."""
        return ' lang="fr"' if self.lang != "fr" and typography.looks_french(title) else ""

    def source_link(self, source: Any, *, quoted: bool = True) -> Markup:
        """A source named by its title, linked when it has an address; in quotation marks when it is
        named inside a sentence (`quoted`), bare in a list of sources."""
        label = escape(source.title)
        lang = self.title_lang(source.title)
        inner = (f'<a href="{escape(source.url)}"{lang}>{label}</a>' if source.url
                 else f"<cite{lang}>{label}</cite>")
        if not quoted:
            return Markup(inner)
        return Markup(f"« {inner} »" if self.lang == "fr" else f"“{inner}”")

    # links
    def link(self, section: str, record_id: str | None = None) -> str:
        return relative_url(self.url, page_url(section, record_id))

    def to(self, url: str) -> str:
        return relative_url(self.url, url)

    def bar(self, counts: list, uid: str) -> Markup:
        return status_bar(counts, uid)

    @cached_property
    def _shapes(self) -> dict[str, str]:
        return shapes(self.model.statuses)

    def shape(self, status: Any) -> str:
        """The status's own marker shape (its badge and its bar segment; generator/site/charts.py)."""
        return self._shapes[status.id]

    def rows(self, recs: Iterable[Any], day: Any = None) -> list[tuple[Any, Any]]:
        """(recommendation, state) pairs, as they stand now or as they stood on `day`."""
        if day is None:
            return [(rec, rec.state) for rec in recs]
        return [(rec, self.model.state_on(rec, day)) for rec in recs]

    def pairs(self, items: Iterable[Any], key: str, value: str) -> list[tuple[Any, int]]:
        return [(getattr(i, key), getattr(i, value)) for i in items]

    def tally(self, items: Iterable[Any], key: str) -> list[tuple[Any, int]]:
        """(value, count) of an attribute, in the order values first appear (None last)."""
        counts: dict[Any, int] = {}
        for item in items:
            counts[getattr(item, key)] = counts.get(getattr(item, key), 0) + 1
        return sorted(counts.items(), key=lambda kv: (kv[0] is None, list(counts).index(kv[0])))

    def parts_bar(self, pairs: list[tuple[Any, int]], uid: str) -> Markup:
        return share_bar([(count, SERIES[i % len(SERIES)]) for i, (_, count) in enumerate(pairs)], uid)

    def explorer_filters(self, recs: Sequence[Any]) -> list[tuple[str, str, list[tuple[str, str, str | None]]]]:
        """The explorer's select filters: (name, label, [(value, text, lang)]), values as in data-*
        attributes; lang is "fr" for a text shown untranslated on an English page, else None."""
        def unique(items: Iterable[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
            seen: dict[str, tuple[str, str, str | None]] = {}
            for value, text, lang in items:
                if value and value not in seen:
                    seen[value] = (value, text, lang)
            return list(seen.values())

        def named(value: Localized | None) -> tuple[str, str | None]:
            return self.plain(value), self.untranslated(value)

        return [
            ("cohort", self.gettext("cohort"), unique((r.cohort.id, *named(r.cohort.record.name)) for r in recs)),
            ("topic", self.gettext("topic"), unique((r.topic.id, *named(r.topic.record.title)) for r in recs)),
            ("workshop", self.gettext("workshop"), unique(
                (r.topic.workshop.kind, self.label("workshop_kind", r.topic.workshop.kind), None) for r in recs if r.topic.workshop)),
            ("status", self.gettext("status"), [(s.id, *named(s.label)) for s in self.model.statuses]),
            ("department", self.gettext("department_short"), sorted(unique(
                (self.plain(r.record.department), *named(r.record.department)) for r in recs if r.record.department))),
            *self._calendar_filters(recs),
        ]

    def _calendar_filters(self, recs: Sequence[Any]) -> list[tuple[str, str, list[tuple[str, str, str | None]]]]:
        """The explorer's follow-up filter (when the site records the City's rule) and deadline filter,
        each with the values some measure has."""
        summaries = {r.state.calendar.summary for r in recs}
        deadlines = {self.deadline_state(r.state) for r in recs}
        follow_up: list[tuple[str, str, str | None]] = [
            (state, self.gettext(FOLLOW_UP_FILTERS[state]), None) for state in SUMMARIES if state in summaries]
        deadline: list[tuple[str, str, str | None]] = [
            (state, self.gettext(message), None) for state, message in DEADLINE_FILTERS.items() if state in deadlines]
        return ([("followup", self.gettext("follow_col"), follow_up)] if self.model.site.follow_up_rule else []) + [
            ("deadline", self.gettext("deadline"), deadline)]

    def deadline_state(self, state: Any) -> str:
        """Where the completion date the City announced last stands on the build's day: passed (the
        status is not final), to come, over with a final status, or none announced."""
        if state.deadline is None:
            return "none"
        if state.deadline_passed:
            return "passed"
        return "upcoming" if state.deadline.end >= self.model.today else "closed"

    def file_link(self, path: str) -> str:
        """A relative link to a file published at the site root (one copy for both languages)."""
        up = relative_url(self.url, "")
        up = "" if up in ("./", ".") else up.rstrip("/") + "/"
        return ("" if self.lang == "fr" else "../") + up + path

    def size(self, path: str) -> str:
        """A file's size as readers expect it: '12 ko' / '12 KB'."""
        n = len(self.files.get(path, b""))
        unit = ("o", "ko", "Mo") if self.lang == "fr" else ("B", "KB", "MB")
        if n < 1024:
            return f"{n} {unit[0]}"
        if n < 1024 * 1024:
            return f"{max(1, round(n / 1024))} {unit[1]}"
        value = f"{n / 1024 / 1024:.1f}"
        return f"{value.replace('.', ',') if self.lang == 'fr' else value} {unit[2]}"

    def absolute(self, url: str | None = None) -> str:
        """The page's public address (for citations and link previews)."""
        return self.model.site.base_url + schema.language_folder(self.lang) + (self.url if url is None else url)

    def json_ld(self, data: dict) -> Markup:
        """A JSON-LD block (not executed by browsers; `<` escaped so it cannot close the element)."""
        text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        return Markup(f'<script type="application/ld+json">{text}</script>')

    def datapackage(self) -> Mapping[str, Any]:
        """The open data's Data Package descriptor (exports.datapackage), for the data page."""
        return self._datapackage

    def dataset(self, resource: Mapping[str, Any]) -> tuple[str, str, str | None]:
        """(title, description, lang) of a data file of datapackage.json in the page's language, from
        i18n's catalogue; a file the catalogue lacks keeps the package's English words (lang "en")."""
        names = DATASETS.get(resource["name"])
        if names:
            return self.gettext(names[0]), self.gettext(names[1]), None
        return resource.get("title", resource["name"]), resource.get("description", ""), "en" if self.lang != "en" else None

    def feeds(self) -> list[tuple[str, str, str | None]]:
        """(title, path, lang) of this language's Atom feeds: the whole Assembly, each cohort, each
        topic; lang is "fr" for a title shown untranslated on an English page, else None."""
        base = f"flux/{self.lang}/"
        out: list[tuple[str, str, str | None]] = [(self.gettext("feed_all"), base + "suivi.xml", None)]
        out += [(self.plain(c.record.name), f"{base}promotions/{c.id}.xml", self.untranslated(c.record.name))
                for c in self.model.cohorts]
        out += [(self.plain(t.record.title), f"{base}sujets/{t.id}.xml", self.untranslated(t.record.title))
                for t in self.model.topics]
        return [item for item in out if item[1] in self.files]

    def untranslated(self, value: Localized | None) -> str | None:
        """"fr" when `value` is shown in French on a page of another language (its translation is
        missing), for a `lang` attribute; else None."""
        if value is None or self.lang == "fr" or value.get(self.lang) is not None:
            return None
        return "fr"

    def named(self, value: Localized | None) -> Markup:
        """A record's name inside a sentence or a caption: the French marked lang="fr" where the
        English is missing (without the "not yet translated" note, which `t` adds)."""
        if value is None:
            return Markup("")
        if self.untranslated(value):
            return Markup(f'<span lang="fr">{escape(value.fr)}</span>')
        return escape(self.plain(value))

    def lang_attr(self, value: Localized | None) -> Markup:
        """` lang="fr"` for an element whose text is `value` shown untranslated, else nothing."""
        return Markup(' lang="fr"') if self.untranslated(value) else Markup("")

    def percent(self, part: int, total: int) -> str:
        if not total:
            return "—"
        value = round(100 * part / total)
        return f"{value}\u202f%" if self.lang == "fr" else f"{value}%"

    def number(self, value: int) -> str:
        text = f"{value:,}"
        return text.replace(",", "\u202f") if self.lang == "fr" else text

    def status_sentence(self, counts: list) -> str:
        """« 7 recommandations enregistrées : 5 au statut « pas encore évaluée » et 2 au statut … »;
        the status labels are quoted, so they need not agree with the count."""
        total = sum(c.count for c in counts)
        if not total:
            return self.gettext("summary_sentence_empty")
        quote = ("« {} »" if self.lang == "fr" else "“{}”").format
        shown = [(c.count, quote(self.plain(c.status.label).lower())) for c in counts if c.count]
        if len(shown) == 1:
            return self.ngettext("summary_all", "summary_all", total, label=shown[0][1])
        parts = [self.gettext("summary_part", count=n, label=label) for n, label in shown]
        joined = ", ".join(parts[:-1]) + " " + self.gettext("and") + " " + parts[-1]
        return self.ngettext("summary_total", "summary_total", total, parts=joined)


def render_site(model: SiteModel, content: Iterable[ContentPage], *, fictional: bool = False,
                translation_gaps: Sequence[Any] = (), files: Mapping[str, bytes] | None = None,
                datapackage: Mapping[str, Any] | None = None,
                freshness: Any = None, parallel: bool | None = None, environment: Environment | None = None,
                wanted: Callable[[str, str], bool] | None = None,
                rendered: Callable[[Page], None] | None = None, kept: TextStore | None = None) -> list[Page]:
    """Every page of the site in both languages. `translation_gaps` feeds the staff's translation
    report; `files` (the open data published beside the pages: which exist, their sizes) and the Data
    Package descriptor feed the data page (a citation quotes its record's version, SiteModel.version_of). `parallel`:
    render the second language in a forked process (default: for large sites on several cores;
    never when `rendered` is given, which must hear every page here). `environment`, `wanted`,
    `rendered`, `kept`: see `Renderer` (the preview keeps its templates compiled, picks pages, serves
    each as it comes; the build uses again the pages an earlier one rendered)."""
    renderer = Renderer(model, fictional=fictional, files=files or {},
                        datapackage=datapackage, environment=environment, wanted=wanted, rendered=rendered,
                        kept=kept)
    content = list(content)
    jobs = {lang: (renderer, model, lang, [c for c in content if c.lang == lang], list(translation_gaps), freshness)
            for lang in LANGUAGES}
    if parallel is None:
        parallel = len(model.recommendations) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
    parallel = parallel and rendered is None
    if not parallel or not processes.can_fork():
        return [page for lang in LANGUAGES for page in render_language(*jobs[lang])]
    # The languages are independent: the first is rendered here while a forked copy of this process
    # (it shares the model, nothing is sent to it) renders the others and sends back their pages
    # (generator/processes.py: only from a process that runs one thread; elsewhere, one language
    # after the other here). Every template compiled before the fork is compiled for the copy too
    # (else each process compiles the templates it renders: about half a second of CPU time).
    for name in renderer.env.list_templates():
        renderer.env.get_template(name)
    copy = processes.start(lambda _send: [page for lang in LANGUAGES[1:] for page in render_language(*jobs[lang])])
    try:
        pages = render_language(*jobs[LANGUAGES[0]])
    except BaseException:
        copy.stop(wait=True)
        raise
    return pages + copy.result()


#: Rendering forks a second process from this many recommendations on (about 2,700 pages): below
#: that, starting it costs more than it saves.
PARALLEL_FROM = 1000


def _empty(lang: str, url: str) -> Page:
    """The page at `url` not rendered (Renderer.wanted): its path, no text."""
    return Page(f"{lang}/{url}index.md", "")


def render_language(r: Renderer, model: SiteModel, lang: str, content: list[ContentPage],
                    gaps: list[Any], freshness: Any = None) -> list[Page]:
    """Every page of the site in `lang`: the home page, each record's page, the section index pages,
    the reports and the hand-written `content`, through the renderer `r` (which skips, empty, the pages
    `r.wanted` does not ask for). render_site calls it for each language; the preview calls it for
    the pages an edit changed."""
    plain = lambda value: schema.text_in(value, lang)  # noqa: E731
    # "fr" for a title shown untranslated on a page of another language (theme: lang on the header title).
    untranslated = lambda value: "fr" if value is not None and lang != "fr" and value.get(lang) is None else None  # noqa: E731
    site_names = {"city": plain(model.site.city), "council": plain(model.site.council)}
    gettext = lambda message, **v: i18n.gettext(message, lang, **site_names, **v)  # noqa: E731
    # A record's page that the renderer does not want is not even prepared (its excerpt, its labels).
    skipped = lambda url: r.wanted is not None and not r.wanted(lang, url)  # noqa: E731
    pages: list[Page] = []

    home = next((c for c in content if c.name == "index"), None)
    pages.append(r.page(
        lang, "", "pages/home.html", plain(model.site.name),
        str(home.meta.get("description", "")) if home else plain(model.site.tagline),
        intro=content_links(french_links(render_markdown(home.body, shift_headings=1), lang), "") if home else Markup(""),  # under the page's own h2 (home_about)
    ))
    for page in content:
        if page.name == "index":
            continue
        url = f"{page.name}/"
        pages.append(r.page(
            lang, url, LEGAL_TEMPLATES.get(page.name, "pages/content.html"), str(page.meta.get("title", page.name)),
            str(page.meta.get("description", "")), body=content_links(french_links(render_markdown(page.body, shift_headings=0), lang), url),
            legal_missing=legal.absent(model.site.legal),
        ))

    # Each record type's index page (records/kinds.py), then the statuses'.
    for kind in kinds.KINDS:
        pages.append(r.page(lang, page_url(kind.folder), kind.index_template or f"pages/{kind.folder}.html",
                            gettext(kind.title), gettext(kind.intro),
                            items=tuple(model.by_id[kind.index_lists or kind.folder].values()), wide=kind.wide, kind=kind))
    pages.append(r.page(lang, page_url("statuses"), "pages/statuses.html", gettext("statuses"), gettext("statuses_intro"),
                        items=model.statuses))
    pages.append(r.page(lang, page_url("follow_up"), "pages/follow_up_index.html", gettext("follow_up_title"),
                        gettext("follow_up_intro"), items=model.cohorts, wide=True))
    pages.append(r.page(lang, page_url("follow_up", AWAITED), "pages/awaited.html", gettext("awaited_title"),
                        gettext("awaited_description"), {"type": gettext("follow_up_title")}, items=model.recommendations,
                        wide=True))
    pages.append(r.page(lang, page_url("data"), "pages/data.html", gettext("data_title"), gettext("data_intro")))
    pages.append(r.page(lang, page_url("search"), "pages/search.html", gettext("search_title"), gettext("search_intro"), noindex=True))
    # The contributing section is for staff: kept out of search (see `staff` in the theme).
    pages.append(r.page(lang, page_url("contribute"), "pages/contribute.html", gettext("contribute"),
                        gettext("contribute_intro"), staff=True))
    pages.append(r.page(lang, page_url("contribute", "champs"), "pages/field_reference.html", gettext("field_reference"),
                        gettext("field_reference_intro"), staff=True, items=field_reference()))
    pages.append(r.page(lang, page_url("contribute", "traductions"), "pages/translations.html",
                        gettext("translation_report"), gettext("translation_report_intro"), staff=True, items=gaps,
                        freshness=freshness))
    for cohort in model.cohorts:
        url = page_url("follow_up", cohort.id)
        if skipped(url):
            pages.append(_empty(lang, url))
            continue
        pages.append(r.page(
            lang, url, "pages/follow_up.html",
            gettext("follow_up_of", name=plain(cohort.record.name)), gettext("follow_up_intro"),
            {"type": gettext("follow_up_title"), "cohort": plain(cohort.record.name)}, cohort=cohort, wide=True,
            crumb=gettext("follow_up_title") if untranslated(cohort.record.name) else None,
        ))

    # Each record's own page, type by type (records/kinds.py): its template, title, description,
    # search filters and template context, from its type's function below, or from its declaration
    # (`Kind.page_template`) for a type with none.
    def cohort_page(cohort: Cohort) -> _RecordPage:
        return ("pages/cohort.html", plain(cohort.record.name), _excerpt(plain(cohort.record.summary)),
                {"type": gettext("cohorts"), "cohort": plain(cohort.record.name)},
                {"cohort": cohort, "title_lang": untranslated(cohort.record.name)})

    def topic_page(topic: Any) -> _RecordPage:
        return ("pages/topic.html", plain(topic.record.title), _excerpt(plain(topic.record.summary)),
                {"type": gettext("topics"), "cohort": plain(topic.cohort.record.name), "topic": plain(topic.record.title)},
                {"topic": topic, "wide": True, "date": topic.record.vote.date.start if topic.record.vote else None,
                 "title_lang": untranslated(topic.record.title)})

    def recommendation_page(rec: Any) -> _RecordPage:
        return ("pages/recommendation.html", plain(rec.record.title), _excerpt(plain(rec.record.text)),
                {"type": gettext("recommendations"), "cohort": plain(rec.cohort.record.name),
                 "topic": plain(rec.topic.record.title), "status": plain(rec.state.status.label),
                 **({"workshop": r.label_of("workshop_kind", rec.topic.workshop.kind, lang)} if rec.topic.workshop else {})},
                {"rec": rec, "title_lang": untranslated(rec.record.title),
                 "date": rec.state.last_assessed or (rec.topic.record.vote.date.start if rec.topic.record.vote else None)})

    def hearing_page(hearing: Any) -> _RecordPage:
        return ("pages/hearing.html", plain(hearing.record.title), _excerpt(plain(hearing.record.summary)),
                {"type": gettext("hearings"), "cohort": plain(hearing.cohort.record.name),
                 **({"topic": plain(hearing.topic.record.title)} if hearing.topic else {})},
                {"hearing": hearing, "date": hearing.record.date.start, "title_lang": untranslated(hearing.record.title)})

    def meeting_page(meeting: Any) -> _RecordPage:
        return ("pages/meeting.html", plain(meeting.record.title), _excerpt(plain(meeting.record.summary)),
                {"type": gettext("meetings")},
                {"meeting": meeting, "date": meeting.record.date.start, "wide": meeting.record.type == "follow_up",
                 "title_lang": untranslated(meeting.record.title)})

    def member_list_page(member_list: Any) -> _RecordPage:
        of = cast(Cohort, model.by_id["cohorts"][member_list.cohort])
        return ("pages/member_list.html", gettext("member_list_of", name=plain(of.record.name)), gettext("members_intro"),
                {"type": gettext("members"), "cohort": plain(of.record.name)},
                {"member_list": member_list, "crumb": gettext("members") if untranslated(of.record.name) else None})

    def body_page(body: Any) -> _RecordPage:
        return ("pages/body.html", plain(body.name), _excerpt(plain(body.summary)), {"type": gettext("bodies")},
                {"body": body, "title_lang": untranslated(body.name)})

    record_pages: dict[str, Callable[[Any], _RecordPage]] = {
        "cohorts": cohort_page, "topics": topic_page, "recommendations": recommendation_page, "hearings": hearing_page,
        "members": member_list_page, "meetings": meeting_page, "bodies": body_page}

    for kind in kinds.KINDS:
        make = record_pages.get(kind.folder)
        if make is None:
            if kind.page_template is None:
                continue
            make = functools.partial(_declared_page, kind, plain, gettext, untranslated)
        items: Iterable[Any] = getattr(model, kind.model_list) if kind.model_list else model.by_id[kind.folder].values()
        for item in items:
            url = page_url(kind.folder, item.id)
            if skipped(url):  # not even prepared (its excerpt, its labels)
                pages.append(_empty(lang, url))
                continue

            def one(item: Any = item, url: str = url, make: Callable[[Any], _RecordPage] = make) -> Page:
                template, title, description, search, context = make(item)
                return r.page(lang, url, template, title, description, search, **context)

            # A measure's page shows what its version names (SiteModel.version_of): an earlier
            # build's page is used again when that version is the same.
            pages.append(r.versioned(lang, url, model.version_of(item), one) if kind.folder == "recommendations"
                         else one())
    return pages


#: What a record's page is made of: (template, title, description, search filters, template context).
_RecordPage = tuple[str, str, str, Mapping[str, str], dict[str, Any]]


def _declared_page(kind: kinds.Kind, plain: Callable[[Any], str], gettext: Callable[..., str],
                   untranslated: Callable[[Any], str | None], record: Any) -> _RecordPage:
    """The page of a record whose type is declared with `page_template` alone (records/kinds.py):
    described by the start of its summary, when it has one."""
    title, summary = getattr(record, kind.page_title), getattr(record, "summary", None)
    return (kind.page_template or "", plain(title), _excerpt(plain(summary)) if summary else "", {"type": gettext(kind.title)},
            {"record": record, "kind": kind, "title_lang": untranslated(title)})


#: The title of each section's index page, by URL folder.
_INDEX_TITLES = {**{kind.url: kind.title for kind in kinds.KINDS}, **dict(PAGE_SECTIONS.values())}


def breadcrumb(h: _Helpers, url: str, title: str, title_lang: str | None,
               context: Mapping[str, Any]) -> list[dict[str, str]]:
    """The way from the home page to the page at `url`: [{title, url (relative), lang?}], the home
    page first and this page last (without url). A record's parent is its section's index page,
    but what belongs to a cohort sits under the cohorts and its cohort (a recommendation also under
    its topic)."""
    def item(text: str, to: str | None = None, value: Localized | None = None) -> dict[str, str]:
        out = {"title": text}
        if to is not None:
            link = relative_url(url, to)
            out["url"] = link if link.endswith("/") else link + "/"
        if value is not None and h.lang != "fr" and value.get(h.lang) is None:
            out["lang"] = "fr"  # shown untranslated
        return out

    trail = [item(h.gettext("home"), "")]
    folder = url.split("/", 1)[0]
    record = context.get("rec") or context.get("topic")
    cohort = record.cohort if record is not None else context.get("cohort")
    if context.get("member_list") is not None:
        cohort = h.model.by_id["cohorts"][context["member_list"].cohort]
    if cohort is not None and folder in ("recommandations", "sujets", "suivi", "membres"):
        # What belongs to a cohort sits under it: its topics, their recommendations (under their
        # topic), its follow-up report and its member list.
        trail.append(item(h.gettext("cohorts"), page_url("cohorts")))
        trail.append(item(h.plain(cohort.record.name), page_url("cohorts", cohort.id), cohort.record.name))
        if folder == "recommandations" and record is not None:
            trail.append(item(h.plain(record.topic.record.title), page_url("topics", record.topic.id), record.topic.record.title))
    elif url.count("/") > 1 and folder in _INDEX_TITLES:
        trail.append(item(h.gettext(_INDEX_TITLES[folder]), f"{folder}/"))
    current = {"title": title}
    if title_lang:
        current["lang"] = title_lang
    # Each title set in its own language's typography, as the page's own text is.
    return [{**step, "title": typography.text(step["title"], step.get("lang", h.lang))} for step in [*trail, current]]


_ADDRESS = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:|www\.)", re.I)


def french_links(fragment: Markup, lang: str) -> Markup:
    """Editors' Markdown rendered for a page in English: a link whose text reads as French (the French
    title of a French page, quoted as it is: typography.looks_french, the rule of sources' titles) is
    marked lang="fr" (WCAG 3.1.2), in hand-written pages as in records' texts. A link that states its
    language already, or whose text is an address, stays as written."""
    if lang == "fr" or ("<a" not in fragment and "<A" not in fragment):
        return fragment
    pieces = tokens(str(fragment))
    out = [token.source for token in pieces]
    opened = None  # the index of the open link's start tag, and its text so far
    text: list[str] = []
    for n, token in enumerate(pieces):
        if token.kind == START and token.name == "a":
            opened, text = (None if token.has_attr("lang") else n), []
        elif opened is not None and token.kind == TEXT:
            text.append(token.text)
        elif opened is not None and token.kind == END and token.name == "a":
            words = "".join(text)
            if not _ADDRESS.match(words) and typography.looks_french(words):
                out[opened] = out[opened][:-1] + ' lang="fr">'
            opened = None
    return Markup("".join(out))


_MD_LINK = re.compile(r'href="([a-z0-9][a-z0-9-]*)\.md(#[^"]*)?"')


def content_links(html: Markup, from_url: str) -> Markup:
    """Links between hand-written pages are written as in the editor (`a-propos.md`); on the site
    each page is a folder (`a-propos/`), so the link is rewritten relative to the current page."""
    def replace(match: re.Match) -> str:
        target = "" if match[1] == "index" else f"{match[1]}/"
        return f'href="{relative_url(from_url, target) if target else relative_url(from_url, "") + "/"}{match[2] or ""}"'

    return Markup(_MD_LINK.sub(replace, str(html)))


def meta_text(text: str) -> str:
    """Text for the front matter, which the theme prints without escaping: no markup can survive."""
    return str(escape(text.replace("<", "‹").replace(">", "›")))


def _excerpt(text: str, limit: int = 200) -> str:
    """The first words of a Markdown text, as plain text (markup and unsafe HTML removed).

    The whole text is converted on purpose: every text cut here is also shown in full on its own
    page, and `render_markdown` caches the conversion, so a profile charges this function with
    the page's conversion. Converting only the first blocks was tried (issue 15): the same
    excerpts, but the render took 20-30 % more CPU time, the page still converting the whole text."""
    plain = html.unescape(nh3.clean(str(render_markdown(text)), tags=set()))
    flat = " ".join(plain.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"

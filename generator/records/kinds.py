"""The record types stored one file per record, declared once: what every layer needs to know of each.

`KINDS` lists them in the order the check reads their folders and the field reference describes them;
everything else derives its list from here:

- `FOLDER_TYPES` (below): the folder of `data/` and the model that reads its files (`validate`,
  `reference`, the JSON Schemas of `editor/jsonschema.py`);
- the model (`site/model.py`): `SiteModel.by_id[<folder>]`, the records of a type with no resolved
  object of its own;
- the site (`site/render.py`): each type's URL folder (`SECTIONS`), which folders hold one page per
  record (`RECORD_FOLDERS`), its index page and the breadcrumb's step to it (`_INDEX_TITLES`), and
  the pages of a type declared with `page_template`; the preview (`preview.py`) reads
  `RECORD_FOLDERS` through render;
- the navigation (`engine/plugin.py`): where the type's index page goes in `mkdocs.yml`'s navigation,
  and that its records' pages stay out of it (`not_in_nav`);
- `publish/redirects.py`: the types whose records may list `former_ids`;
- `publish/exports/build_info.py`: the types counted in `build-info.json`;
- `site/search.py`: the fields whose words go into the search vocabulary;
- `publish/exports/tables.py`: the open-data table of a type declared with `table`.

The URL folder is a record type's public name: a word of the site, the same in both languages (so the
language switcher stays on the page). Nothing here renders a page: the layers above read these facts.
Adding a record type: docs/architecture.md, « Add a record type ».
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema
from .catalogue import N_


@dataclass(frozen=True)
class Kind:
    """One record type stored one file per record under `data/<model.folder>/`."""

    #: The model that reads its files; `model.folder` is its folder under data/, the key of
    #: `SiteModel.by_id`, and the section `render.page_url` takes.
    model: type[schema.Record]
    #: Its URL folder (the same in both languages).
    url: str
    #: The catalogue message of its index page's title (and the breadcrumb's step to it).
    title: str
    #: Where its index page goes in the navigation: the title of a section of mkdocs.yml's `nav`
    #: (None: the top level), after the entry named (a page's path or a section's title); None: not in it.
    nav: tuple[str | None, str] | None = None
    #: Each record has its own page, `<url>/<id>/` (else the folder's pages are the type's own).
    own_pages: bool = True
    #: Its records may list `former_ids`: their former addresses redirect to the new one.
    redirected: bool = False
    #: Counted in build-info.json (`counts.<folder>`).
    counted: bool = True
    #: The fields whose words the search vocabulary holds ("a.b": field b of each item of list a).
    search_words: tuple[str, ...] = ()
    #: The catalogue message of its index page's description (the sentence under the title).
    intro: str = ""
    #: Its index page's template (None: `pages/<folder>.html`), wide (a table) or not.
    index_template: str | None = None
    wide: bool = False
    #: The records its index page lists, by folder (None: its own).
    index_lists: str | None = None
    #: The attribute of the site's model (site/model.py, `SiteModel`) that lists its records resolved,
    #: in the site's order (None: `SiteModel.by_id[<folder>]` only); the preview cuts it to an edit's records.
    model_list: str | None = None
    #: A type whose pages render.render_language does not write itself: the template of each record's
    #: page (its context: `record`, `kind`) and the field that gives the page's title.
    page_template: str | None = None
    page_title: str = "title"
    #: A type whose open-data table publish/exports/tables.py does not write itself: the bilingual
    #: text fields of its table (`donnees/<folder>.csv`: id, each field in French and English, sources, pages).
    table: tuple[str, ...] | None = None

    @property
    def folder(self) -> str:
        return self.model.folder


KINDS: tuple[Kind, ...] = (
    Kind(schema.Cohort, "promotions", N_("cohorts"), nav=("L’Assemblée", "comment-ca-marche/index.md"),
         redirected=True, search_words=("name", "summary", "workshops.name"), intro=N_("cohorts_intro"),
         model_list="cohorts"),
    Kind(schema.Topic, "sujets", N_("topics"), nav=(None, "L’Assemblée"),
         redirected=True, search_words=("title", "summary", "text_title"), intro=N_("topics_intro"), wide=True,
         model_list="topics"),
    Kind(schema.Recommendation, "recommandations", N_("recommendations"), nav=(None, "sujets/index.md"),
         redirected=True, search_words=("title", "department"), intro=N_("recommendations_intro"),
         wide=True, model_list="recommendations"),
    Kind(schema.Hearing, "auditions", N_("hearings"), nav=("L’Assemblée", "reunions/index.md"),
         redirected=True, search_words=("title",), intro=N_("hearings_intro"), wide=True,
         model_list="hearings"),
    # A cohort's member list is the page membres/<cohort id>/, not a record's page of its own.
    Kind(schema.MemberList, "membres", N_("members"), nav=("L’Assemblée", "promotions/index.md"),
         own_pages=False, counted=False, intro=N_("members_intro"), index_lists="cohorts",
         model_list="member_lists"),
    Kind(schema.Meeting, "reunions", N_("meetings"), nav=("L’Assemblée", "membres/index.md"),
         redirected=True, search_words=("title",), intro=N_("meetings_intro"), wide=True,
         model_list="meetings"),
    Kind(schema.Body, "participation", N_("bodies"), nav=("L’Assemblée", "auditions/index.md"),
         search_words=("name", "summary"), intro=N_("bodies_intro"), model_list="bodies"),
)

#: Record types stored one file per record, by folder under data/.
FOLDER_TYPES: dict[str, type[schema.Record]] = {kind.folder: kind.model for kind in KINDS}

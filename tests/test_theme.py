"""The theme's page frame, checked in every built page: a skip link, a named breadcrumb below the
home page, few named navigation landmarks, titles that do not repeat themselves, the short name
and the publisher from data/site.yml, no documentation-site leftovers; and the status shapes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records.catalogue import speaking_to_editors
from generator.records.schema import SHORT_NAME_MAX
from generator.records.validate import validate
from generator.site.charts import shapes
from tests.conftest import BUILD_DATE, CHECK_DAY, FIXTURES, ROOT


class Frame(HTMLParser):
    """What a page's frame holds: skip links, the target, nav landmarks and the breadcrumb."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skips: list[str] = []
        self.ids: set[str] = set()
        self.navs: list[dict[str, str]] = []
        self.crumbs: list[dict] = []
        self.title = ""
        self._in = {"title": False, "crumb": False}
        self._crumb: dict | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and "dds-skip" in (a.get("class") or "").split():
            self.skips.append(a.get("href", ""))
        if tag == "nav":
            self.navs.append(a)
            self._in["crumb"] = "dds-breadcrumb" in (a.get("class") or "")
        if tag == "title":
            self._in["title"] = True
        if self._in["crumb"] and tag in ("a", "span"):
            self._crumb = {"href": a.get("href"), "current": a.get("aria-current"), "text": ""}
            self.crumbs.append(self._crumb)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in["crumb"] = False
        if tag == "title":
            self._in["title"] = False
        if tag in ("a", "span"):
            self._crumb = None

    def handle_data(self, data: str) -> None:
        if self._in["title"]:
            self.title += data
        if self._crumb is not None:
            self._crumb["text"] += data.strip()


def frame(file: Path) -> Frame:
    parser = Frame()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """Every page of the site (not the redirects left at old addresses, nor Pagefind's files)."""
    return [p for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith("pagefind/")
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]


def test_every_page_has_a_skip_link_to_its_content(real_site) -> None:
    _, site = real_site
    checked = pages(site)
    assert len(checked) > 80
    for page in checked:
        f = frame(page)
        assert f.skips == ["#contenu"], f"{page}: skip links {f.skips}"
        assert "contenu" in f.ids, f"{page}: the skip link leads nowhere"


def test_every_page_below_home_has_a_named_breadcrumb_from_home_to_itself(real_site) -> None:
    _, site = real_site
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        f = frame(page)
        crumbs = [n for n in f.navs if "dds-breadcrumb" in (n.get("class") or "")]
        if rel in ("index.html", "en/index.html"):
            assert not crumbs, f"{rel}: the home page needs no breadcrumb"
            continue
        assert len(crumbs) == 1, f"{rel}: {len(crumbs)} breadcrumbs"
        english = rel.startswith("en/")
        assert crumbs[0].get("aria-label") == ("Breadcrumb" if english else "Fil d’Ariane"), rel
        assert f.crumbs[0]["text"] == ("Home" if english else "Accueil"), (rel, f.crumbs)
        assert f.crumbs[0]["current"] is None and f.crumbs[-1]["current"] == "page", (rel, f.crumbs)
        assert len(f.crumbs) >= 2, (rel, f.crumbs)
        assert all(c["href"] for c in f.crumbs[:-1]), (rel, f.crumbs)


def test_a_recommendation_sits_under_its_cohort_and_its_topic(real_site) -> None:
    result, site = real_site
    rec = result.model.recommendations[0]
    f = frame(site / "recommandations" / rec.id / "index.html")
    assert [c["href"] for c in f.crumbs] == ["../../", "../../promotions/", f"../../promotions/{rec.cohort.id}/",
                                             f"../../sujets/{rec.topic.id}/", "./"]
    assert f.crumbs[-1]["text"] == rec.record.title.fr


def test_few_navigation_landmarks_each_with_its_own_name(real_site) -> None:
    """Material wrote eight or nine <nav> per page (the header, each menu section, an empty table
    of contents, the page-turn bar): now the menus, the language switch and the breadcrumb."""
    _, site = real_site
    for page in pages(site):
        navs = frame(page).navs
        names = [n.get("aria-label") or n.get("aria-labelledby") for n in navs]
        assert len(navs) <= 5, f"{page}: {len(navs)} nav landmarks: {names}"
        assert all(names), f"{page}: a nav without a name: {navs}"
        assert len(set(names)) == len(names), f"{page}: two navs share a name: {names}"


def test_titles_name_the_page_once(real_site) -> None:
    result, site = real_site
    name = {"fr": result.model.site.name.fr, "en": result.model.site.name.en}
    assert frame(site / "index.html").title.strip() == name["fr"]
    assert frame(site / "en" / "index.html").title.strip() == name["en"]
    assert frame(site / "404.html").title.strip() == f"Page introuvable – {name['fr']}"
    assert frame(site / "en" / "404.html").title.strip() == f"Page not found – {name['en']}"
    rec = result.model.recommendations[0]
    assert frame(site / "recommandations" / rec.id / "index.html").title.strip() == f"{rec.record.title.fr} – {name['fr']}"


def test_a_public_service_frame_not_a_documentation_site(real_site) -> None:
    result, site = real_site
    s = result.model.site
    for lang, page in (("fr", site / "index.html"), ("en", site / "en" / "sujets" / "index.html")):
        text = page.read_text(encoding="utf-8")
        assert "MkDocs" not in text.split("<footer", 1)[1], f"{page}: a tool credit in the footer"
        assert "md-footer__link" not in text, f"{page}: page-turn bars"
        # the short name in the header, who publishes the site above it and in the footer
        header = text.split('<header', 1)[1].split("</header>", 1)[0]
        assert f'<span class="dds-short-name">{getattr(s.short_name, lang)}</span>' in header
        # (issue 24) who publishes the site is in the banner landmark; the site's name is the link home
        assert 'class="dds-identity"' in header, f"{page}: the publisher's line is outside the header"
        assert '<a class="dds-home-link"' in header and 'alt="logo"' not in text, page
        identity = text.split('class="dds-identity"', 1)[1].split("</div>", 1)[0]
        assert getattr(s.publisher_short, lang).replace("’", "&#8217;") in identity or getattr(s.publisher_short, lang) in identity
        footer = text.split("<footer", 1)[1]
        assert getattr(s.publisher, lang).replace("’", "&#8217;") in footer or getattr(s.publisher, lang) in footer
    rec = result.model.recommendations[0]
    text = (site / "recommandations" / rec.id / "index.html").read_text(encoding="utf-8")
    after_title = text.split("</h1>", 1)[1][:400]
    assert "dds-id" not in after_title, "the id is under the title again"
    assert f"<code>{rec.id}</code>" in text.split('class="dds-cite"', 1)[1], "the id is not in the citation block"


def test_without_a_short_name_or_a_publisher_line_the_site_says_nothing_more(minimal_site) -> None:
    result, site = minimal_site
    assert result.model.site.short_name is None and result.model.site.publisher_short is None
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "dds-short-name" not in text and "dds-identity" not in text
    header = text.split("<header", 1)[1].split("</header>", 1)[0]
    assert result.model.site.name.fr in header


def test_a_short_name_too_long_for_a_phone_is_refused_with_its_place(minimal_copy: Path) -> None:
    site = minimal_copy / "data" / "site.yml"
    before = site.read_text(encoding="utf-8")
    site.write_text(before + "short_name:\n  fr: Un nom bien trop long pour un téléphone\n  en: Short\n", encoding="utf-8")
    line = before.count("\n") + 2  # the line of `fr:` under `short_name:`
    _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == [
        f"data/site.yml:{line}:3: short_name\n  Le texte en français «\u00a0Un nom bien trop long pour un téléphone\u00a0» a "
        f"39 caractères\u00a0; l’en-tête d’un téléphone n’a de place que pour {SHORT_NAME_MAX}. Raccourcissez-le, ou "
        "supprimez `short_name` pour afficher le nom complet."
    ]
    with speaking_to_editors("en"):
        _, problems = validate(minimal_copy / "data", minimal_copy, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == [
        f"data/site.yml:{line}:3: short_name\n  The French text \"Un nom bien trop long pour un téléphone\" has 39 "
        f"characters; the header of a phone has room for {SHORT_NAME_MAX}. Shorten it, or remove `short_name` "
        "to show the full name."
    ]


def test_the_real_short_names_fit() -> None:
    text = (ROOT / "data" / "site.yml").read_text(encoding="utf-8")
    assert "short_name:" in text and "publisher_short:" in text
    _, problems = validate(ROOT / "data", ROOT, today=CHECK_DAY)
    assert not [p for p in problems if p.is_error and p.field.startswith(("short_name", "publisher_short"))]


@pytest.mark.parametrize("data", [ROOT / "data", FIXTURES / "demo" / "data"])
def test_every_status_has_its_own_shape(data: Path) -> None:
    dataset, problems = validate(data, ROOT, today=CHECK_DAY)
    assert not [p for p in problems if p.is_error]
    statuses = dataset.statuses.record.statuses
    shape = shapes(statuses)
    assert len(set(shape.values())) == len(statuses), shape
    tones = {s.tone for s in statuses}
    assert len(tones) < len(statuses), "the vocabulary should have two statuses of one tone (the case to guard)"


def test_the_status_bar_gives_each_segment_its_shape(tmp_path: Path) -> None:
    result = pipeline.generate(FIXTURES / "demo" / "data", FIXTURES / "demo" / "content", ROOT, fictional=True, build_date=BUILD_DATE, today=CHECK_DAY)
    home = next(p for p in result.pages if p.path == "fr/index.md").text
    bar = re.search(r'<svg class="dds-bar".*?</svg>', home, re.S).group()
    segments = re.findall(r'class="dds-bar__part dds-tone-(\w+) dds-shape-([\w-]+)"', bar)
    assert len(segments) == len({shape for _, shape in segments}) >= 6, segments
    # each segment is parted from the next by a line of the page's colour (CSS: stroke)
    assert bar.count('vector-effect="non-scaling-stroke"') == len(segments)

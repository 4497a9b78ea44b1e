"""Language of parts (WCAG 3.1.2, issue 13): on every English page, French text sits inside an
element whose closest `lang` is "fr". Checked on the demo with, beside its own untranslated
recommendations, every topic, cohort, hearing, meeting and body left without its English name (a
copy of the demo whose `en:` lines of titles and names are removed): each French text of a record
without English must never be read as English. The one known exception: the header's title of a
page whose title mixes an English phrase and a French name (the follow-up report or member list of
an untranslated cohort) cannot mark a part (Material prints the title as text). The field descriptions
of the data dictionary and the field reference are written in each language (generator/records/schema.py):
their English quotes no French."""

from __future__ import annotations

import re
import shutil

import pytest

from generator import build as pipeline
from generator.records.markup import render_inline
from generator.records.schema import Localized
from tests.conftest import BUILD_DATE, CHECK_DAY, ROOT

from .conftest import DEMO, _serve, goto

pytestmark = pytest.mark.browser

#: Fields whose English is removed from the copy of the demo (a block "key:\n  fr: …\n  en: …").
STRIPPED = ("title", "name", "text_title")


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("untranslated")
    shutil.copytree(DEMO, root / "demo")
    data = root / "demo" / "data"
    removed = 0
    for folder in ("topics", "cohorts", "hearings", "meetings", "bodies"):
        for file in sorted((data / folder).glob("*.yml")):
            text = file.read_text(encoding="utf-8")
            new, n = re.subn(rf"^((?:{'|'.join(STRIPPED)}):\n  fr: .*\n)  en: .*\n", r"\1", text, flags=re.M)
            removed += n
            file.write_text(new, encoding="utf-8")
    assert removed >= 20, f"only {removed} English names removed: the demo's layout changed"
    out = root / "site"
    result = pipeline.build(data, root / "demo" / "content", out, ROOT, build_date=BUILD_DATE, today=CHECK_DAY,
                            fictional=True, search=False)
    assert result.ok, "\n".join(p.text() for p in result.problems if p.is_error)
    yield from _serve(out, result.model)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'").split())


def french_only(model) -> list[str]:
    """The French text of every record text that has no English (as readers see it: Markdown
    rendered, tags removed), longest first."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(obj) -> None:
        if id(obj) in seen or obj is None or isinstance(obj, (str, int, float, bool)):
            return
        seen.add(id(obj))
        if isinstance(obj, Localized):
            if obj.en is None:
                plain = _fold(re.sub(r"<[^>]+>", " ", str(render_inline(obj.fr))))
                found.update(part.strip() for part in re.split(r"[«»“”()\[\]:;.,!?—–-]", plain) if len(part.strip()) >= 12)
            return
        if isinstance(obj, dict):
            for value in obj.values():
                walk(value)
        elif isinstance(obj, (list, tuple)):
            for value in obj:
                walk(value)
        elif hasattr(type(obj), "model_fields"):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))

    for records in model.by_id.values():
        for record in records.values():
            walk(getattr(record, "record", record))
    walk(model.site)
    return sorted(found, key=len, reverse=True)


UNMARKED = """(phrases) => {
    const fold = s => s.replace(/[\\u00a0\\u202f]/g, ' ').replace(/’/g, "'").replace(/\\s+/g, ' ').trim();
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('script, style, template, code, .md-header__topic, .dds-fieldlist dd[lang=en], td > span[lang=en]')) continue;
        const text = fold(node.textContent);
        if (text.length < 12) continue;
        const scope = el.closest('[lang]');
        if (scope && scope.getAttribute('lang').startsWith('fr')) continue;
        const phrase = phrases.find(p => text.includes(p) || (text.length >= 20 && p.includes(text)));
        if (phrase) out.push({text: text.slice(0, 100), phrase, tag: el.tagName.toLowerCase(),
                              lang: scope ? scope.getAttribute('lang') : null});
    }
    return out;
}"""


def test_no_french_text_outside_lang_fr_on_english_pages(pages, untranslated_site) -> None:
    site = untranslated_site
    phrases = french_only(site.model)
    assert len(phrases) >= 30, phrases
    english = sorted(p for p in (site.root / "en").rglob("index.html") if "recherche" not in p.parts)
    assert len(english) >= 60
    page = pages.open(site, width=1280)
    problems = []
    for file in english:
        url = site.base + "en/" + str(file.parent.relative_to(site.root / "en")).replace(".", "").strip("/")
        goto(page, url.rstrip("/") + "/" if not url.endswith("en/") else url)
        for found in page.evaluate(UNMARKED, phrases):
            problems.append(f"{page.url}: <{found['tag']}> (lang {found['lang']}) reads French as English: "
                            f"{found['text']!r} ({found['phrase']!r})")
    assert not problems, f"{len(problems)} French text(s) outside lang=fr:\n" + "\n".join(problems[:40])


FRENCH_PARTS = """() => {
    const fold = s => s.replace(/[\\u00a0\\u202f]/g, ' ').replace(/’/g, "'").replace(/\\s+/g, ' ').trim();
    const out = new Set();
    const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const scope = node.parentElement && node.parentElement.closest('[lang]');
        if (!scope || !scope.getAttribute('lang').startsWith('fr') || node.parentElement.closest('code, script, style')) continue;
        for (const part of fold(node.textContent).split(/[«»“”()\\[\\]:;.,!?—–-]/)) if (part.trim().length >= 12) out.add(part.trim());
    }
    return Array.from(out);
}"""

UNMARKED_LINKS = """(phrases) => {
    const fold = s => s.replace(/[\\u00a0\\u202f]/g, ' ').replace(/’/g, "'").replace(/\\s+/g, ' ').trim();
    return Array.from(document.querySelectorAll('.md-content a[href]')).flatMap(a => {
        const text = fold(a.textContent);
        const scope = a.closest('[lang]');
        if (text.length < 12 || /^(https?:|mailto:|www\\.)/.test(text) || (scope && scope.getAttribute('lang').startsWith('fr'))) return [];
        // French when French phrases make most of it (an English text naming a French body is English).
        let rest = text;
        const found = phrases.filter(p => rest.includes(p) && (rest = rest.split(p).join('\\u0000'), true));
        const french = text.length - rest.replace(/\\u0000/g, '').length;
        return french * 2 > text.length ? [{text, phrase: found.join(' | '), lang: scope ? scope.getAttribute('lang') : null}] : [];
    });
}"""


@pytest.mark.parametrize("dataset", ["real", "demo"])
def test_french_link_texts_of_english_hand_written_pages_are_marked(pages, served, dataset) -> None:
    """A hand-written English page (content/en/) links to French pages under their French titles: each
    such link text is read as French. What is French is what the French page of the same name says in
    French (the texts of content/fr/, as built, outside parts marked in another language); a link text
    made mostly of it is French (one that only names a French body in an English phrase is English).
    Every English page of content/en/ is looked at."""
    site = served(dataset)
    content = ROOT / "content" if dataset == "real" else DEMO / "content"
    names = sorted(p.stem for p in (content / "en").glob("*.md"))
    assert names and {p.stem for p in (content / "fr").glob("*.md")} >= set(names)
    page = pages.open(site, width=1280)
    problems, links = [], 0
    for name in names:
        path = "" if name == "index" else f"{name}/"
        goto(page, site.url(path))
        phrases = sorted(page.evaluate(FRENCH_PARTS), key=len, reverse=True)
        goto(page, site.url(path, "en"))
        links += page.locator(".md-content a[href]").count()
        problems += [f"{page.url}: link text read as English (lang {f['lang']}): {f['text']!r} ({f['phrase']!r})"
                     for f in page.evaluate(UNMARKED_LINKS, phrases)]
    assert links
    assert not problems, f"{len(problems)} French link text(s) outside lang=fr:\n" + "\n".join(problems)

"""The site's words: the messages the code and templates use, and the catalogues that hold them.

    python tools/words.py          (`make words`)

extracts every message id written out in generator/ and theme/ (with Babel, mapped by babel.cfg),
then updates each catalogue, locales/<lang>.po: a message the code uses and the catalogue lacks is
added, untranslated (an empty msgstr, for a translator to fill in); a message no code uses any more
is removed; every translation is kept. Messages are sorted by id and located by file only (no line
numbers), so that a catalogue changes only when its words do. tests/test_words.py fails until every
message is translated in every catalogue, and on any message a catalogue has that no code uses.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from jinja2 import TemplateSyntaxError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.records.catalogue import catalogue_path  # noqa: E402
from generator.records.schema import LANGUAGES  # noqa: E402

MAPPING = ROOT / "babel.cfg"
#: The folders babel.cfg's patterns look into (the walk skips the rest of the repository).
SOURCES = ("generator", "theme")
HEADER = "# The site's words in {language} (docs/architecture.md, \"The site's words\"); `make words` updates it.\n#"


def extract() -> Catalog:
    """Every message the code and templates use: its id (a (singular, plural) pair for a plural
    message) and the files that use it."""
    with MAPPING.open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    used = Catalog(fuzzy=False)

    def wanted(path: str) -> bool:
        return Path(path).relative_to(ROOT).parts[0] in SOURCES

    for filename, _lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, directory_filter=wanted):
        used.add(message, None, [(filename, None)], auto_comments=comments, context=context)
    return used


def read(lang: str, path: Path | None = None) -> Catalog:
    with (path or catalogue_path(lang)).open("rb") as po:
        return read_po(po, locale=lang)


def updated(lang: str, used: Catalog) -> bytes:
    """The catalogue of `lang` after `make words`, as the bytes of its .po file."""
    catalog = read(lang)
    catalog.update(used, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()  # a message no code uses: git keeps its history
    return render(catalog)


def render(catalog: Catalog) -> bytes:
    catalog.header_comment = HEADER.format(language=catalog.locale.english_name if catalog.locale else "?")
    catalog.fuzzy = False
    catalog.project, catalog.version = "droit-de-suite", "site"
    catalog.msgid_bugs_address = "the project's issues"
    catalog.last_translator = catalog.language_team = "the project's maintainers"
    catalog.revision_date = catalog.creation_date  # git records when each word changed
    out = BytesIO()
    write_po(out, catalog, width=120, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def main() -> int:
    try:
        used = extract()
    except TemplateSyntaxError as error:
        print(f"{error.filename or error.name}:{error.lineno}: {error.message} (Jinja cannot read this template: "
              "fix it, then run `make words` again; the catalogues are left as they are)")
        return 1
    if not len(used):
        print("No message found in generator/ and theme/: the catalogues are left as they are.")
        return 1
    for lang in LANGUAGES:
        path = catalogue_path(lang)
        before = path.read_bytes()
        after = updated(lang, used)
        if after != before:
            path.write_bytes(after)
        catalog = read(lang)
        untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages"
              + (f", {len(untranslated)} to translate: {', '.join(map(str, untranslated))}" if untranslated else "")
              + (" (updated)" if after != before else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

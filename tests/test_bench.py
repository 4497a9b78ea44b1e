"""The scale benchmark's tools: the fictional dataset and the report. Fast, and no timing assertions."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pytest

from generator import build as pipeline

from .conftest import CHECK_DAY

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402
import fake_data  # noqa: E402


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_fake_dataset_passes_check_with_the_documented_proportions(tmp_path: Path) -> None:
    counts = fake_data.generate(tmp_path, 30, seed=0)
    dataset, content, problems = pipeline.check(tmp_path / "data", tmp_path / "content", tmp_path, today=CHECK_DAY)
    assert [p.text() for p in problems if p.is_error] == []
    assert counts == fake_data.counts(30)
    assert (counts.cohorts, counts.topics, counts.hearings, counts.meetings, counts.bodies) == (3, 3, 6, 2, 3)
    found = {folder: len(records) for folder, records in dataset.folders.items()}
    assert found == {"cohorts": 3, "topics": 3, "recommendations": 30, "hearings": 6, "meetings": 2,
                     "members": 3, "bodies": 3}
    for entry in dataset.entries("members"):
        consents = {m.consent for m in entry.record.members}
        assert len(entry.record.members) == 100 and consents == {"full_name", "first_name_initial", "counted_only"}
    follow_ups = [len(e.record.follow_up) for e in dataset.entries("recommendations")]
    assert max(follow_ups) <= 4 and sum(follow_ups) > 0
    assert {c.lang for c in content if c.name == "index"} == {"fr", "en"}


def test_fake_dataset_is_fictional_and_realistic(tmp_path: Path) -> None:
    fake_data.generate(tmp_path, 30, seed=0)
    for path in (tmp_path / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(fake_data.FICTION_HEADER), path
        for url in re.findall(r"https?://[^\s\"]+", text):
            assert url.startswith("https://example.org/"), (path, url)
    for path in (tmp_path / "content").rglob("*.md"):
        assert fake_data.FICTION_HEADER[2:] in path.read_text(encoding="utf-8")
    dataset, _, _ = pipeline.check(tmp_path / "data", tmp_path / "content", tmp_path, today=CHECK_DAY)
    for entry in dataset.entries("recommendations"):
        words = len(entry.record.text.fr.split())
        assert 150 <= words <= 390, (entry.record.id, words)  # 150-300 words of prose, maybe a list
        assert entry.record.text.en
        for follow_up in entry.record.follow_up:
            assert 30 <= len(follow_up.answer.fr.split()) <= 110


def test_fake_dataset_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    fake_data.generate(tmp_path / "a", 25, seed=7)
    fake_data.generate(tmp_path / "b", 25, seed=7)
    fake_data.generate(tmp_path / "c", 25, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    out = tmp_path_factory.mktemp("bench")
    assert bench.main(["--sizes", "20", "--no-query", "--no-real", "--rounds", "2", "--out", str(out), "--work",
                       str(out / "work")]) == 0
    return json.loads((out / "benchmark.json").read_text(encoding="utf-8")), (out / "benchmark.md").read_text(encoding="utf-8")


def test_report_has_every_stage_and_field(tiny_report: tuple[dict, str]) -> None:
    report, text = tiny_report
    assert {"nproc", "memory_gb", "python", "date", "commit"} <= set(report["machine"])
    probe = report["machine"]["speed_probe_s"]
    assert 0 < probe["start"] < 60 and 0 < probe["end"] < 60
    assert f"{probe['start']} s at the start, {probe['end']} s at the end." in text
    [run] = report["runs"]
    assert run["recommendations"] == 20
    assert set(run["stages"]) == set(bench.STAGES)
    for name, stage in run["stages"].items():
        if name == "hugo" and stage.get("skipped"):
            continue  # hugo is not installed here
        assert stage["wall_s"] > 0 and stage["cpu_s"] > 0 and stage["peak_rss_mb"] > 0 and stage["errors"] == [], name
    # `check` after an edit took the other records from its cache, and said what a full check says.
    assert run["stages"]["check_edit"]["problems"] == run["stages"]["check"]["problems"]
    hugo = run["stages"]["hugo"]
    if not hugo.get("skipped"):
        # Hugo wrote a page for every page the generator rendered (its home page besides).
        assert hugo["html_pages"] >= hugo["pages"] > 0, hugo
        assert run["build_vs_hugo_cpu"] > 0
    assert set(bench.OUTPUT_FIELDS) <= set(run["output"])
    assert run["output"]["html_pages"] > 0 and run["output"]["search_index_bytes"] > 0
    assert set(bench.PAGE_WEIGHT_FIELDS) <= set(run["recommendation_page_weight"])
    assert run["recommendation_page_weight"]["page"].startswith("/recommandations/")
    assert set(bench.QUERY_FIELDS) <= set(run["query"])
    assert {t["id"] for t in report["targets"]} == set(bench.TARGETS)
    # The whole build and plain MkDocs in turn (A B A B), each run with its load, the ratio's spread.
    alternated = run["interleaved"]
    assert alternated["rounds"] == 2
    for name in ("build", "mkdocs_plain"):
        assert len(alternated["runs"][name]) == 2
        assert all(r["wall_s"] > 0 and r["cpu_s"] > 0 and r["load_before"] >= 0 for r in alternated["runs"][name])
    ratio = alternated["cpu_ratio"]
    assert 0 < ratio["min"] <= ratio["median"] <= ratio["max"]
    assert "## The whole build and plain MkDocs, interleaved" in text
    assert f"CPU {ratio['min']:.2f} / {ratio['median']:.2f} / {ratio['max']:.2f}×" in text
    target = next(t for t in report["targets"] if t["id"] == "build_vs_mkdocs_1_2")
    assert target["value"] == ratio["median"] and "interleaved" in target["shown"]
    # The parts of the open data and feeds stage, timed one by one (issue 27: the feeds grew fastest).
    assert set(run["stages"]["site_files"]["parts_s"]) == {"model", "data_version", "open_data",
                                                           "atom_feeds", "calendars"}
    # What the parts work on, counted, and the rebuild after one edit with the kept pages.
    work = run["stages"]["site_files"]["work"]
    assert work["recommendations"] == run["recommendations"] and work["follow_up_entries"] > 0
    assert "rebuild" in run["stages"] and run["stages"]["rebuild"]["wall_s"] > 0
    assert "Reprise" in run["stages"]["rebuild"]["kept"] or "Taken" in run["stages"]["rebuild"]["kept"]


def test_no_query_flag_says_the_query_was_not_measured(tiny_report: tuple[dict, str]) -> None:
    report, text = tiny_report
    query = report["runs"][0]["query"]
    assert query["measured"] is False and query["bytes"] is None
    assert "not measured" in query["note"] and "--no-query" in query["note"]
    assert "not measured: --no-query" in text
    # Targets that need sizes not run say so rather than pass.
    check = next(t for t in report["targets"] if t["id"] == "check_10k")
    assert check["met"] is None and check["shown"] == "not measured"
    for key in ("search_bytes_10k", "search_latency_10k", "preview_real", "real_build_5s"):
        target = next(t for t in report["targets"] if t["id"] == key)
        assert target["met"] is None and target["shown"] == "not measured", target
    build = next(t for t in report["targets"] if t["id"] == "build_vs_mkdocs_1_2")
    assert "CPU" in build["shown"] and build["met"] is not None


def test_tree_sampler_sums_a_process_and_its_children() -> None:
    """The build's memory is its Python process plus the Pagefind it runs: the sampler adds up the
    whole tree, which ru_maxrss (the largest single process) does not."""
    import subprocess

    child = "import time; x = b'y' * 150_000_000; time.sleep(1.5)"
    parent = (f"import subprocess, sys, time; x = b'z' * 150_000_000; "
              f"subprocess.run([sys.executable, '-c', {child!r}])")
    process = subprocess.Popen([sys.executable, "-c", parent])
    with bench.TreeSampler(process.pid) as sampler:
        process.wait()
    assert sampler.peak_mb > 280, sampler.peak_mb  # two processes of ~150 MB each, at once


def test_growth_factors_flag_a_stage_growing_faster_than_the_records() -> None:
    def run(n: int, check: float, build: float, preview: float) -> dict:
        stages = {name: {"wall_s": build} for name in bench.STAGES}
        stages["check"] = {"wall_s": check}
        return {"recommendations": n, "stages": stages, "preview": {"median_s": preview}}

    growth = {g["stage"]: g for g in bench.growth_factors([run(1000, 1.0, 10.0, 0.5), run(10000, 12.0, 100.0, 0.6)])}
    assert growth["check"]["flagged"] and growth["check"]["factor"] == 12.0
    assert not growth["build"]["flagged"] and not growth["preview"]["flagged"]
    # With 100 as well, the growth is still read from 1,000 to 10,000 (issue 15's reading).
    three = {g["stage"]: g for g in bench.growth_factors(
        [run(100, 0.01, 1.0, 0.4), run(1000, 1.0, 10.0, 0.5), run(10000, 12.0, 100.0, 0.6)])}
    assert three["check"]["factor"] == 12.0 and three["check"]["records_factor"] == 10
    # A part of a stage growing faster than the records is flagged though its stage is not.
    small, large = run(1000, 1.0, 10.0, 0.5), run(10000, 10.0, 100.0, 0.5)
    small["stages"]["site_files"]["parts_s"] = {"atom_feeds": 1.0, "open_data": 2.0}
    large["stages"]["site_files"]["parts_s"] = {"atom_feeds": 13.8, "open_data": 20.0}
    parts = {g["stage"]: g for g in bench.growth_factors([small, large])}
    assert not parts["site_files"]["flagged"]
    assert parts["site_files: atom_feeds"]["flagged"] and not parts["site_files: open_data"]["flagged"]


def test_report_has_the_tree_memory_and_the_preview_latency(tiny_report: tuple[dict, str]) -> None:
    report, text = tiny_report
    [run] = report["runs"]
    assert run["stages"]["build"]["tree_peak_mb"] > 0
    assert len(run["preview"]["edits_s"]) == 3 and all(s > 0 for s in run["preview"]["edits_s"])
    # The index of recommendations follows each edit, after the edited page itself.
    assert [a <= b for a, b in zip(run["preview"]["edits_s"], run["preview"]["listing_s"], strict=True)] == [True] * 3
    assert "edit → page served" in text

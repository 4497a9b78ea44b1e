"""Counts agree everywhere: every status summary (whole Assembly, each cohort, each topic, the
follow-up pages), in both languages, against counts recomputed independently from the YAML files."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import build as pipeline

from .conftest import CHECK_DAY, FIXTURES, ROOT
from .htmltables import tables

DEMO = FIXTURES / "demo"
TODAY = "2026-11-22"  # the build date of the build below


def raw(folder: str) -> list[dict]:
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for p in sorted((DEMO / "data" / folder).glob("*.yml"))]


def expected_counts() -> tuple[dict[str, Counter], dict[str, str]]:
    """Status of each recommendation = status of its last entry dated on or before TODAY."""
    statuses = yaml.load((DEMO / "data" / "statuses.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    labels = {s["id"]: s["label"] for s in statuses["statuses"]}
    topic_cohort = {t["id"]: t["cohort"] for t in raw("topics")}
    counts: dict[str, Counter] = {"all": Counter()}
    for rec in raw("recommendations"):
        entries = [e for e in rec.get("follow_up", []) or [] if e["date"] <= TODAY]
        status = entries[-1]["status"] if entries else statuses["not_assessed"]
        for key in ("all", "topic:" + rec["topic"], "cohort:" + topic_cohort[rec["topic"]]):
            counts.setdefault(key, Counter())[status] += 1
    return counts, labels


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "site"
    assert pipeline.build(DEMO / "data", DEMO / "content", out, ROOT, fictional=True, search=False,
                          build_date=date.fromisoformat(TODAY), today=CHECK_DAY).ok
    return out


def shown_counts(html: str, caption_start: str, labels: dict, lang: str) -> Counter:
    by_label = {label[lang]: status for status, label in labels.items()}
    found = [t for t in tables(html) if t.caption.startswith(caption_start)]
    assert found, caption_start
    table = found[0]
    counts = Counter({by_label[row[0]]: int(row[1]) for row in table.rows if int(row[1])})
    assert int(table.foot[0][1]) == sum(counts.values())
    return counts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_summary_matches_an_independent_recount(demo_site: Path, lang: str) -> None:
    counts, labels = expected_counts()
    caption = "Recommandations saisies ici, par statut" if lang == "fr" else "Recommendations entered here, by status"
    base = demo_site if lang == "fr" else demo_site / "en"

    def page(url: str) -> str:
        return (base / url / "index.html").read_text(encoding="utf-8")

    for url in ("", "recommandations", "suivi"):
        assert shown_counts(page(url), caption, labels, lang) == counts["all"], url
    checked = 0
    for topic in raw("topics"):
        expected = counts.get("topic:" + topic["id"], Counter())
        if sum(expected.values()):
            assert shown_counts(page(f"sujets/{topic['id']}"), caption, labels, lang) == expected, topic["id"]
            checked += 1
    for cohort in raw("cohorts"):
        expected = counts.get("cohort:" + cohort["id"], Counter())
        assert shown_counts(page(f"promotions/{cohort['id']}"), caption, labels, lang) == expected
        assert shown_counts(page(f"suivi/{cohort['id']}"), caption, labels, lang) == expected
        checked += 2
    assert checked >= 10
    assert sum(counts["all"].values()) == 30 and len(counts["all"]) == len(labels)  # every status is used
